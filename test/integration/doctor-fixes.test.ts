// The doctor's fixes applied to real parts: a TLS registry with an unknown CA, a daemon.json whose
// insecure entry lacks the port, and a temp certs.d root. Each fix is judged by diagnosing again.
import { X509Certificate } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyFix,
  diagnose,
  judgeDockerView,
  type Diagnosis,
  type DoctorDeps,
  type FixOutcome as FixResult,
  type StepId,
} from '../../electron/core/doctor/index.js';
import { ping, readCertsD } from '../../electron/core/registry/index.js';
import { BerthServices } from '../../electron/core/services.js';
import { BerthCli } from '../fixtures/berth-cli.js';
import { makeTempDir, removeDir, runCommand } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let tlsRegistry: RegistryHandle;
let httpRegistry: RegistryHandle;
let root: string;
const noDaemon = { insecureRegistries: [], registryMirrors: [] };
const base: DoctorDeps = { certsDRoot: false, daemon: noDaemon, timeoutMs: 3000 };

beforeAll(async () => {
  root = await makeTempDir('doctor-fixes');
  [tlsRegistry, httpRegistry] = await Promise.all([
    startRegistry({ auth: 'none', tls: true }),
    startRegistry({ auth: 'none' }),
  ]);
});

afterAll(async () => {
  await Promise.all([tlsRegistry?.stop(), httpRegistry?.stop()]);
  if (root) await removeDir(root);
});

function services(name: string): BerthServices {
  return new BerthServices({ dataDir: path.join(root, name) });
}

function step(diagnosis: Diagnosis, id: StepId) {
  const found = diagnosis.steps.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

describe('applyFix', () => {
  it('trust-ca pins the presented certificate for the connection, and the connection then works', async () => {
    const berth = services('trust-ca');
    berth.settings.save({ name: 'own', host: tlsRegistry.host });
    try {
      await expect(ping(berth.client, tlsRegistry.host)).rejects.toThrow(/certificate/i);
      const before = await diagnose(tlsRegistry.host, {
        ...base,
        connection: await berth.connectionFor(tlsRegistry.host),
      });
      const fix = step(before, 'tls').fix!;
      expect(fix.action).toBe('trust-ca');
      expect(new X509Certificate(fix.value!).fingerprint256).toBe(/SHA-256 ([0-9A-F:]+)/.exec(fix.text)?.[1]);

      const outcome = await applyFix(fix, { services: berth, host: tlsRegistry.host, connection: 'own' });
      expect(outcome).toMatchObject({ done: true, message: expect.stringMatching(/"own" now trusts/) });
      const saved = berth.settings.get('own')!;
      // The same store as the connection dialog's: the fix and the dialog trust a certificate one way.
      expect(path.dirname(saved.tls.caFile!)).toBe(path.join(root, 'trust-ca', 'trusted-cas'));
      expect(path.basename(saved.tls.caFile!)).toMatch(
        new RegExp(`^127\\.0\\.0\\.1_${tlsRegistry.port}-[0-9a-f]{16}\\.crt$`),
      );

      const after = await diagnose(tlsRegistry.host, {
        ...base,
        connection: await berth.connectionFor(tlsRegistry.host),
      });
      expect(step(after, 'tls')).toMatchObject({
        status: 'ok',
        detail: expect.stringMatching(/trusted by: connection/),
      });
      expect(step(after, 'registry').status).toBe('ok');
      expect(await ping(berth.client, tlsRegistry.host)).toMatchObject({ apiVersion: 'registry/2.0' });
    } finally {
      await berth.close();
    }
  });

  it('trust-ca and use-http on a host that is not a saved connection change no connection and print the registry add that would', async () => {
    const berth = services('unsaved');
    try {
      const outcome = await applyFix(
        { text: 'trust', action: 'trust-ca', value: tlsRegistry.caPem },
        { services: berth, host: tlsRegistry.host },
      );
      expect(outcome).toMatchObject({
        done: false,
        message: expect.stringMatching(
          new RegExp(
            `^${tlsRegistry.host} is not a saved connection, so Berth has nothing to change: save it first with berth registry add 127\\.0\\.0\\.1 https://${tlsRegistry.host} --ca-file \\S+trusted-cas/\\S+\\.crt — it trusts`,
          ),
        ),
      });
      const plain = await applyFix(
        { text: 'http', action: 'use-http' },
        { services: berth, host: httpRegistry.host },
      );
      expect(plain).toEqual({
        done: false,
        message: `${httpRegistry.host} is not a saved connection, so Berth has nothing to change: save it first with berth registry add 127.0.0.1 http://${httpRegistry.host} --insecure-http`,
        // The app names its button instead of the command.
        appMessage: `${httpRegistry.host} is not a saved connection, so Berth has nothing to change: save it first with Add connection (Registries).`,
        // The same for the app to say in its language.
        said: [{ key: 'doctor.said.notSaved', params: { host: httpRegistry.host } }],
      });
      const http = await applyFix(
        { text: 'http', action: 'use-http' },
        { services: berth, host: httpRegistry.host, connection: 'nope' },
      );
      expect(http).toEqual({
        done: false,
        message: 'no saved connection named "nope"',
        appMessage:
          'no saved connection named "nope": it may have been removed meanwhile; run Diagnose again.',
        said: [{ key: 'doctor.said.noConnectionNamed', params: { name: 'nope' } }],
      });
      expect(berth.settings.list()).toEqual([]);
    } finally {
      await berth.close();
    }
  });

  it('use-http switches a connection that reached a plain HTTP registry over HTTPS', async () => {
    const berth = services('use-http');
    berth.settings.save({ name: 'plain', host: httpRegistry.host });
    try {
      const before = await diagnose(httpRegistry.host, {
        ...base,
        connection: await berth.connectionFor(httpRegistry.host),
      });
      const fix = step(before, 'tls').fix!;
      expect(fix.action).toBe('use-http');
      expect(await applyFix(fix, { services: berth, host: httpRegistry.host })).toMatchObject({ done: true });
      expect(berth.settings.get('plain')?.insecureHttp).toBe(true);
      const after = await diagnose(httpRegistry.host, {
        ...base,
        connection: await berth.connectionFor(httpRegistry.host),
      });
      expect(after.scheme).toBe('http');
      expect(step(after, 'registry').status).toBe('ok');
    } finally {
      await berth.close();
    }
  });

  it('add-insecure adds the host:port entry to daemon.json with a backup, keeping the other keys', async () => {
    const file = path.join(root, 'daemon.json');
    const original = `${JSON.stringify({ debug: true, 'insecure-registries': ['registry.example'] }, null, 2)}\n`;
    await writeFile(file, original);
    const host = 'registry.example:5000';
    // Docker's view of a plain HTTP registry at an address that is not loopback, with the entry lacking the port.
    const judge = (insecureRegistries: string[]) =>
      judgeDockerView({
        host,
        hostname: 'registry.example',
        isDockerHub: false,
        addresses: ['192.0.2.10'],
        speaks: 'http',
        daemon: { file, insecureRegistries, registryMirrors: [] },
      });
    const fix = judge(['registry.example']).fix!;
    expect(fix).toMatchObject({ action: 'add-insecure', value: host });
    const berth = services('add-insecure');
    try {
      const outcome = await applyFix(fix, { services: berth, host, daemonConfigFile: file });
      expect(outcome.done).toBe(true);
      expect(outcome.message).toMatch(/must be reloaded.*systemctl reload docker/);
      // The system's dockerd may not be the one reading this file: the advice names the file for Berth's apply.
      expect(outcome.message).toContain(`run \`berth daemon apply --file ${file}\``);
      // The app's words name its Apply button, and no command of Berth's.
      expect(outcome.appMessage).toMatch(/must be reloaded: .*press Apply on the Docker daemon page/);
      expect(outcome.appMessage).not.toMatch(/berth |--pid-file/);
    } finally {
      await berth.close();
    }
    const written = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(written).toEqual({ debug: true, 'insecure-registries': ['registry.example', host] });
    const backups = (await readdir(root)).filter((name) => name.startsWith('daemon.json.berth-backup-'));
    expect(backups).toHaveLength(1);
    expect(await readFile(path.join(root, backups[0]!), 'utf8')).toBe(original);

    expect(judge(written['insecure-registries'] as string[])).toMatchObject({
      status: 'ok',
      detail: expect.stringContaining(`insecure-registries lists "${host}"`),
    });
  });

  it('add-insecure refuses an entry dockerd would refuse and leaves daemon.json alone', async () => {
    const file = path.join(root, 'daemon-bad.json');
    await writeFile(file, '{}\n');
    const berth = services('add-insecure-bad');
    try {
      await expect(
        applyFix(
          { text: 'x', action: 'add-insecure', value: 'http://registry.example:5000/' },
          { services: berth, host: 'registry.example:5000', daemonConfigFile: file },
        ),
      ).rejects.toThrow(/without a path or a trailing "\/" — write registry\.example:5000/);
    } finally {
      await berth.close();
    }
    expect(await readFile(file, 'utf8')).toBe('{}\n');
  });

  it('add-insecure refuses to add to a daemon.json dockerd would refuse for another key', async () => {
    const file = path.join(root, 'daemon-typed.json');
    await writeFile(file, '{"debug": "yes"}\n');
    const berth = services('add-insecure-typed');
    try {
      await expect(
        applyFix(
          { text: 'x', action: 'add-insecure', value: 'registry.example:5000' },
          { services: berth, host: 'registry.example:5000', daemonConfigFile: file },
        ),
      ).rejects.toThrow(
        /not changed: dockerd would refuse it: debug: dockerd expects true or false, not a string/,
      );
    } finally {
      await berth.close();
    }
    expect(await readFile(file, 'utf8')).toBe('{"debug": "yes"}\n');
  });

  it('install-certs-d writes the connection CA as certs.d/HOST:PORT/ca.crt; the certs.d checks then pass', async () => {
    const certsDRoot = path.join(root, 'certs.d');
    const berth = services('certs-d');
    berth.settings.save({ name: 'own', host: tlsRegistry.host, tls: { caFile: tlsRegistry.caFile } });
    try {
      const missing = await applyFix(
        { text: 'x', action: 'install-certs-d' },
        { services: berth, host: httpRegistry.host, certsDRoot },
      );
      expect(missing.done).toBe(false);

      const outcome = await applyFix(
        { text: 'install', action: 'install-certs-d', value: '/etc/docker/certs.d/ignored' },
        { services: berth, host: tlsRegistry.host, certsDRoot },
      );
      expect(outcome).toMatchObject({ done: true, message: expect.stringContaining('no restart') });
    } finally {
      await berth.close();
    }
    const dir = path.join(certsDRoot, tlsRegistry.host);
    expect((await stat(dir)).mode & 0o777).toBe(0o755);
    expect((await stat(path.join(dir, 'ca.crt'))).mode & 0o777).toBe(0o644);

    // Berth's own TLS check, with no CA on the connection, now finds the CA in certs.d.
    const diagnosis = await diagnose(tlsRegistry.host, { ...base, certsDRoot });
    expect(step(diagnosis, 'tls')).toMatchObject({
      status: 'ok',
      detail: expect.stringMatching(/trusted by: certs\.d/),
    });
    // Docker's view for the same certificate at an address that is not loopback (so not insecure).
    const chain = [
      new X509Certificate(await readFile(path.join(path.dirname(tlsRegistry.caFile!), 'server.crt'))),
    ];
    const read = await readCertsD(certsDRoot, tlsRegistry.host);
    const verdict = judgeDockerView({
      host: tlsRegistry.host,
      hostname: '127.0.0.1',
      isDockerHub: false,
      addresses: ['192.0.2.10'],
      speaks: 'https',
      chain,
      trustedBySystem: false,
      certsD: { dir, caPem: (read.caPem ?? []).map((pem) => new X509Certificate(pem)) },
      daemon: noDaemon,
    });
    expect(verdict).toMatchObject({
      status: 'ok',
      detail: `Docker trusts ${tlsRegistry.host} through ${dir}`,
    });
  });
});

describe('where Berth may not write (a read-only mount)', () => {
  let readOnly: string;

  beforeAll(async () => {
    readOnly = path.join(root, 'read-only');
    await mkdir(readOnly);
    await runCommand('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', readOnly]);
    await writeFile(path.join(readOnly, 'daemon.json'), '{"debug": true}\n');
    await runCommand('mount', ['-o', 'remount,ro', readOnly]);
  });

  afterAll(async () => {
    if (readOnly) await runCommand('umount', [readOnly], { allowFailure: true });
  });

  it('install-certs-d and add-insecure write nothing and hand back an elevated command that works', async () => {
    const berth = services('elevation');
    berth.settings.save({ name: 'own', host: tlsRegistry.host, tls: { caFile: tlsRegistry.caFile } });
    const certsDRoot = path.join(readOnly, 'certs.d');
    const file = path.join(readOnly, 'daemon.json');
    let certsD, insecure;
    try {
      certsD = await applyFix(
        { text: 'install', action: 'install-certs-d' },
        { services: berth, host: tlsRegistry.host, certsDRoot },
      );
      insecure = await applyFix(
        { text: 'add', action: 'add-insecure', value: httpRegistry.host },
        { services: berth, host: httpRegistry.host, daemonConfigFile: file },
      );
    } finally {
      await berth.close();
    }
    expect(certsD).toMatchObject({ done: false, message: expect.stringMatching(/may not write/) });
    expect(certsD.elevation?.command).toMatch(/^pkexec \/bin\/sh -c '/);
    expect(insecure).toMatchObject({ done: false, message: expect.stringMatching(/reload/) });
    expect(insecure.elevation?.command).toMatch(/^pkexec \/bin\/sh -c /);
    expect(await readFile(file, 'utf8')).toBe('{"debug": true}\n');
    await expect(stat(certsDRoot)).rejects.toThrow(/ENOENT/);

    // What the administrator would run, minus pkexec, once the file system may be written.
    await runCommand('mount', ['-o', 'remount,rw', readOnly]);
    for (const elevation of [certsD.elevation!, insecure.elevation!]) {
      await runCommand('sh', ['-c', elevation.command.replace(/^pkexec /, '')]);
      // The staged copies the commands read from.
      for (const staged of elevation.command.match(/\/[^\s']*berth-(?:ca-|staged-)[^\s']*/g) ?? [])
        if (staged.startsWith(tmpdir())) await rm(staged, { force: true });
    }
    const ca = path.join(certsDRoot, tlsRegistry.host, 'ca.crt');
    expect(await readFile(ca, 'utf8')).toBe(new X509Certificate(tlsRegistry.caPem!).toString());
    expect((await stat(ca)).mode & 0o777).toBe(0o644);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      debug: true,
      'insecure-registries': [httpRegistry.host],
    });
    const backups = (await readdir(readOnly)).filter((name) => name.startsWith('daemon.json.berth-backup-'));
    expect(backups).toHaveLength(1);
  });
});

describe('berth doctor --fix', () => {
  it('asks nothing with --yes, trusts the CA, and the next run passes the TLS step', async () => {
    const dataDir = path.join(root, 'cli');
    const cli = new BerthCli(() => ({ ...process.env, BERTH_DATA_DIR: dataDir }));
    const berth = new BerthServices({ dataDir });
    berth.settings.save({ name: 'own', host: tlsRegistry.host });
    await berth.close();
    const daemonJson = path.join(root, 'cli-daemon.json');
    await writeFile(daemonJson, '{}');
    const args = ['doctor', 'own', '--file', daemonJson, '--certs-d', path.join(root, 'cli-certs.d')];

    const refused = await cli.run([...args, '--fix']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/Nothing changed \(pass --yes/);

    const fixed = await cli.run([...args, '--fix', '--yes']);
    expect(fixed.stdout).toMatch(/✗ TLS/);
    expect(fixed.stdout).toMatch(/Fixed: "own" now trusts/);
    // The doctor ran again right after the fix and says what it found.
    expect(fixed.stdout).toMatch(/^Checked again: "TLS" now passes\.$/m);
    expect(fixed.stdout).toMatch(/^No broken step now\.$/m);
    expect(fixed.code).toBe(0);

    const again = await cli.run([...args, '--json']);
    expect(again.code).toBe(0);
    const diagnosis = JSON.parse(again.stdout) as Diagnosis;
    expect(step(diagnosis, 'tls').status).toBe('ok');
    expect(diagnosis.ok).toBe(true);
  });

  it('for a host nobody saved prints a registry add that works as printed; the doctor then passes', async () => {
    const dataDir = path.join(root, 'cli-unsaved');
    const cli = new BerthCli(() => ({ ...process.env, BERTH_DATA_DIR: dataDir }));
    const daemonJson = path.join(root, 'cli-unsaved-daemon.json');
    await writeFile(daemonJson, '{}');
    const host = `localhost:${tlsRegistry.port}`;
    const args = ['doctor', host, '--file', daemonJson, '--certs-d', path.join(root, 'cli-unsaved-certs.d')];

    const fixed = await cli.run([...args, '--fix', '--yes']);
    expect(fixed.code).toBe(1);
    expect(fixed.stdout).toMatch(/^Checked again: "TLS" still fails\.$/m);
    const command = /save it first with (berth registry add .*?) — it trusts/.exec(fixed.stdout)?.[1];
    expect(command).toMatch(new RegExp(`^berth registry add localhost https://${host} --ca-file /\\S+$`));
    // The closing hint is that advice itself, not a pointer to lines a --json run does not print.
    expect(fixed.stderr).toMatch(
      /^berth: localhost:\d+: not fixed\nhint: .*save it first with berth registry add /m,
    );
    const json = await cli.run([...args, '--fix', '--yes', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ fix: { done: false } });
    expect(json.stderr).toContain(`save it first with ${command}`);
    const added = await cli.run(command!.split(' ').slice(1));
    expect(added.code, added.stderr).toBe(0);

    const again = await cli.run([...args, '--json']);
    expect(again.code, again.stdout).toBe(0);
    expect(step(JSON.parse(again.stdout) as Diagnosis, 'tls')).toMatchObject({
      status: 'ok',
      detail: expect.stringMatching(/trusted by: connection/),
    });
  });

  it('says a switch to plain HTTP changes nothing when the connection uses it already, naming the https:// address given', async () => {
    const dataDir = path.join(root, 'cli-scheme');
    const cli = new BerthCli(() => ({ ...process.env, BERTH_DATA_DIR: dataDir }));
    const daemonJson = path.join(root, 'cli-scheme-daemon.json');
    await writeFile(daemonJson, '{}');
    const added = await cli.run(['registry', 'add', 'lab', `http://${httpRegistry.host}`]);
    expect(added.code, added.stderr).toBe(0);
    const given = `https://${httpRegistry.host}`;

    const fixed = await cli.run(['doctor', given, '--file', daemonJson, '--fix', '--yes']);
    expect(fixed.code).toBe(1);
    expect(fixed.stdout).not.toMatch(/^Fixed/m);
    expect(fixed.stdout).toContain(
      `Not fixed: nothing changed: "lab" already uses plain HTTP. The address given, ${given}, says HTTPS and the registry speaks plain HTTP: check it as berth doctor lab (or http://${httpRegistry.host}).`,
    );
    expect(fixed.stdout).toMatch(/^Checked again: "TLS" still fails\.$/m);
    expect(fixed.stdout).not.toMatch(/to insecure-registries/);

    const named = await cli.run(['doctor', 'lab', '--file', daemonJson]);
    expect(named.code, named.stdout).toBe(0);
  });

  it('switches a connection that reaches a plain HTTP registry over HTTPS, and the run after the fix passes TLS', async () => {
    const dataDir = path.join(root, 'cli-use-http');
    const cli = new BerthCli(() => ({ ...process.env, BERTH_DATA_DIR: dataDir }));
    const berth = new BerthServices({ dataDir });
    berth.settings.save({ name: 'plain', host: httpRegistry.host });
    await berth.close();
    const daemonJson = path.join(root, 'cli-use-http-daemon.json');
    await writeFile(daemonJson, '{}');

    const fixed = await cli.run(['doctor', 'plain', '--file', daemonJson, '--fix', '--yes', '--json']);
    expect(fixed.code, fixed.stdout).toBe(0);
    const result = JSON.parse(fixed.stdout) as Diagnosis & { fix: FixResult };
    expect(step(result, 'tls').status).toBe('fail');
    expect(result.fix).toMatchObject({
      done: true,
      recheck: { step: 'tls', status: 'ok', passes: true, ok: true },
    });
  });
});
