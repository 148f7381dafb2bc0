// After `berth server create`, the local Docker is told about the registry the way it needs: the CA in
// a (temp) certs.d/HOST:PORT/ for TLS, an insecure-registries entry in a (temp) daemon.json for plain
// HTTP. skopeo reading that certs.d folder is the independent check that the installed CA works.
import { X509Certificate } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthCli } from '../fixtures/berth-cli.js';
import { startDockerd } from '../fixtures/dockerd.js';
import { pushImage } from '../fixtures/images.js';
import { freePort, makeTempDir, removeDir, runCommand } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import type { Diagnosis, FixResult } from '../../shared/contract/doctor.js';

let root: string;
let dataDir: string;
let cli: BerthCli;
let source: RegistryHandle;

beforeAll(async () => {
  root = await makeTempDir('server-trust');
  dataDir = path.join(root, 'berth');
  cli = new BerthCli(() => ({ ...process.env, BERTH_DATA_DIR: dataDir }));
  source = await startRegistry({ auth: 'none' });
});

afterAll(async () => {
  // Stopped here too, so that a test failing half-way leaves no registry running.
  if (cli) for (const name of ['secure', 'loop-docker']) await cli.run(['server', 'stop', name]);
  await source?.stop();
  if (root) await removeDir(root);
});

/**
 * A name Docker would not find loopback (`.invalid` never resolves): reached by it, the registry needs
 * Docker told. 127.0.0.0/8 is insecure to Docker already, and so is this machine's name where it
 * resolves to 127.0.x.x, so neither would do.
 */
function outsideName(port: number): string {
  return `registry.berth.invalid:${port}`;
}

/** `berth server create NAME --tls none` on a free port, not started, trusted in Docker through `daemonJson`. */
async function createPlainServer(name: string, daemonJson: string) {
  const port = await freePort();
  const created = await cli.run([
    'server',
    'create',
    name,
    '--tls',
    'none',
    '--port',
    String(port),
    '--all-interfaces',
    '--docker-host',
    outsideName(port),
    '--no-start',
    '--trust-docker',
    '--daemon-config',
    daemonJson,
  ]);
  return { port, created };
}

describe('berth server create --trust-docker', () => {
  it('installs the new CA as certs.d/HOST:PORT/ca.crt; Berth and skopeo then trust the registry through it', async () => {
    const port = await freePort();
    const host = `127.0.0.1:${port}`;
    const certsD = path.join(root, 'certs.d');
    const created = await cli.run([
      'server',
      'create',
      'secure',
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--tls-name',
      '127.0.0.1',
      'registry.berth.invalid',
      '--trust-docker',
      '--docker-host',
      outsideName(port),
      '--certs-d',
      certsD,
      '--json',
    ]);
    expect(created.code, created.stderr).toBe(0);
    const result = JSON.parse(created.stdout) as { docker: Record<string, unknown>; caFile: string };
    const dir = path.join(certsD, outsideName(port));
    expect(result.docker).toMatchObject({
      host: outsideName(port),
      method: 'certs-d',
      target: dir,
      done: true,
      explanation: expect.stringMatching(
        /certificate signed by unknown authority.*no insecure-registries entry/,
      ),
    });
    const installed = await readFile(path.join(dir, 'ca.crt'), 'utf8');
    expect(new X509Certificate(installed).fingerprint256).toBe(
      new X509Certificate(await readFile(result.caFile)).fingerprint256,
    );
    expect((await stat(path.join(dir, 'ca.crt'))).mode & 0o777).toBe(0o644);

    const image = await pushImage(source, 'team/app', '1.0', { layers: 1, layerSize: 64 * 1024 });
    const copied = await runCommand(
      'skopeo',
      [
        '--insecure-policy',
        'copy',
        '--src-tls-verify=false',
        '--dest-cert-dir',
        dir,
        `docker://${source.host}/team/app:1.0`,
        `docker://${host}/team/app:1.0`,
      ],
      { allowFailure: true, timeoutMs: 60_000 },
    );
    expect(copied.code, copied.stderr).toBe(0);
    const inspected = await runCommand('skopeo', [
      'inspect',
      '--cert-dir',
      dir,
      `docker://${host}/team/app:1.0`,
    ]);
    expect(JSON.parse(inspected.stdout)).toMatchObject({ Digest: image.digest });
  });

  it('for plain HTTP adds the host:port entry to daemon.json, says to reload, and a second trust changes nothing', async () => {
    const daemonJson = path.join(root, 'daemon.json');
    await writeFile(daemonJson, '{\n  "debug": true\n}\n');
    const { port, created } = await createPlainServer('plain', daemonJson);
    expect(created.code, created.stderr).toBe(0);
    const entry = outsideName(port);
    expect(created.stdout).toMatch(/Done: Added ".*" to insecure-registries/);
    expect(created.stdout).toMatch(/must be reloaded/);
    expect(JSON.parse(await readFile(daemonJson, 'utf8'))).toEqual({
      debug: true,
      'insecure-registries': [entry],
    });
    expect((await readdir(root)).filter((name) => name.startsWith('daemon.json.berth-backup-'))).toHaveLength(
      1,
    );

    // Nothing would change, so nothing is asked: no --yes needed without a terminal.
    const again = await cli.run(['server', 'trust', 'plain', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      method: 'insecure-registries',
      host: entry,
      done: true,
      message: expect.stringContaining(`already lists "${entry}"`),
    });
  });

  it('keeps the new registry when daemon.json cannot be edited, says why and how to redo it', async () => {
    const daemonJson = path.join(root, 'broken-daemon.json');
    await writeFile(daemonJson, '{ "debug": true, }\n');
    const { created } = await createPlainServer('broken', daemonJson);
    expect(created.code).toBe(1);
    expect(created.stdout).toMatch(
      /Not done: .*broken-daemon\.json.*; once fixed: berth server trust broken/,
    );
    expect(await readFile(daemonJson, 'utf8')).toBe('{ "debug": true, }\n');
    const listed = JSON.parse((await cli.run(['server', 'list', '--json'])).stdout) as { name: string }[];
    expect(listed.map((server) => server.name)).toContain('broken');
  });

  it('--no-trust-docker explains which way Docker needs and writes nothing', async () => {
    const port = await freePort();
    const certsD = path.join(root, 'certs.d-untouched');
    const created = await cli.run([
      'server',
      'create',
      'later',
      '--port',
      String(port),
      '--docker-host',
      outsideName(port),
      '--no-start',
      '--no-trust-docker',
      '--certs-d',
      certsD,
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/note: later speaks HTTPS .* until that CA is in .*ca\.crt/);
    expect(created.stdout).toMatch(/To make Docker trust it later: berth server trust later/);
    await expect(stat(certsD)).rejects.toThrow(/ENOENT/);
  });

  it('berth server trust with no --yes and no terminal changes nothing and says how to confirm; with --yes it uses the certs.d kept from create', async () => {
    const port = await freePort();
    const keptCertsD = path.join(root, 'certs.d-kept');
    const created = await cli.run([
      'server',
      'create',
      'asks',
      '--port',
      String(port),
      '--docker-host',
      outsideName(port),
      '--certs-d',
      keptCertsD,
      '--no-start',
      '--no-trust-docker',
    ]);
    expect(created.code, created.stderr).toBe(0);
    // The folder is named here too, so that a trust that did not ask writes to the temp dir, never /etc/docker.
    const refused = await cli.run(['server', 'trust', 'asks', '--certs-d', keptCertsD]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^berth: .*certs\.d-kept.* not changed: there is no terminal to ask on$/m);
    expect(refused.stderr).toContain(
      `\nhint: Pass --yes to write it without asking: berth server trust asks --certs-d ${keptCertsD} --yes\n`,
    );
    await expect(stat(keptCertsD)).rejects.toThrow(/ENOENT/);

    // No --certs-d now: the one given at create is kept in server.json and used.
    const trusted = await cli.run(['server', 'trust', 'asks', '--yes', '--json']);
    expect(trusted.code, trusted.stderr).toBe(0);
    const dir = path.join(keptCertsD, outsideName(port));
    expect(JSON.parse(trusted.stdout)).toMatchObject({ method: 'certs-d', target: dir, done: true });
    expect(await readFile(path.join(dir, 'ca.crt'), 'utf8')).toMatch(/BEGIN CERTIFICATE/);
    const spec = JSON.parse(await readFile(path.join(dataDir, 'servers', 'asks', 'server.json'), 'utf8'));
    expect(spec.docker).toEqual({ host: outsideName(port), certsDRoot: keptCertsD });

    // The same certificate is there now: a second trust asks nothing and writes nothing.
    const again = await cli.run(['server', 'trust', 'asks']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(
      `Done: nothing to change: ${path.join(dir, 'ca.crt')} already holds asks's certificate.`,
    );
  });

  it('a loopback server: the note says Docker reaches it as it is, and trust changes nothing', async () => {
    for (const tls of ['self-signed', 'none']) {
      const port = await freePort();
      const name = `loop-${tls}`;
      const certsD = path.join(root, `certs.d-${name}`);
      const created = await cli.run([
        'server',
        'create',
        name,
        '--tls',
        tls,
        '--port',
        String(port),
        '--certs-d',
        certsD,
        '--no-start',
      ]);
      expect(created.code, created.stderr).toBe(0);
      const notes = created.stdout
        .split('\n')
        .filter((line) => line.startsWith('note: ') && /Docker/.test(line));
      expect(notes).toEqual([
        expect.stringMatching(
          new RegExp(
            `^note: Docker on this machine reaches 127\\.0\\.0\\.1:${port} as it is: .*Nothing needs to change`,
          ),
        ),
      ]);
      expect(created.stdout).not.toMatch(/refuses|until that CA|berth server trust/);
      const trusted = await cli.run(['server', 'trust', name]);
      expect(trusted.code, trusted.stderr).toBe(0);
      expect(trusted.stdout).toMatch(/Done: nothing to change/);
      await expect(stat(certsD)).rejects.toThrow(/ENOENT/);
    }
  });

  it('a real dockerd pushes to a new self-signed server on 127.0.0.1 with nothing in certs.d, as the note says', async () => {
    const port = await freePort();
    const created = await cli.run([
      'server',
      'create',
      'loop-docker',
      '--port',
      String(port),
      '--certs-d',
      path.join(root, 'certs.d-loop-docker'),
      '--no-trust-docker',
    ]);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/note: Docker on this machine reaches 127\.0\.0\.1:\d+ as it is/);
    const dockerd = await startDockerd();
    try {
      const reference = `127.0.0.1:${port}/team/app:1`;
      await dockerd.api.load({ repoTags: [reference], layerSizes: [4096] });
      const pushed = await dockerd.docker(['push', reference], { allowFailure: true, timeoutMs: 120_000 });
      expect(pushed.code, pushed.stderr).toBe(0);
    } finally {
      await dockerd.stop();
      await cli.run(['server', 'stop', 'loop-docker']);
    }
  }, 180_000);

  it('berth server trust refuses an unknown server', async () => {
    const result = await cli.run(['server', 'trust', 'nobody']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/you have no registry named nobody/);
  });
});

describe('berth doctor NAME for a server Berth runs', () => {
  // 127.0.0.0/8 is insecure to Docker, so the server listens on an address of a veth pair of this
  // machine's own (torn down afterwards): Docker then needs its CA in certs.d.
  const id = `${process.pid % 200}`;
  const link = `bt${id}h`;
  const address = `10.215.${id}.1`;

  beforeAll(async () => {
    await runCommand('ip', ['link', 'del', link], { allowFailure: true });
    for (const args of [
      ['link', 'add', link, 'type', 'veth', 'peer', 'name', `bt${id}n`],
      ['addr', 'add', `${address}/30`, 'dev', link],
      ['link', 'set', `bt${id}n`, 'up'],
      ['link', 'set', link, 'up'],
    ])
      await runCommand('ip', args);
  });

  afterAll(async () => {
    await cli?.run(['server', 'stop', 'lan']);
    // Deleting one end of a veth pair deletes both.
    await runCommand('ip', ['link', 'del', link], { allowFailure: true });
  });

  it("judges and fixes Docker's view in the certs.d and daemon.json kept from create, and checks the step again", async () => {
    const port = await freePort();
    const host = `${address}:${port}`;
    const keptCertsD = path.join(root, 'certs.d-lan');
    const daemonJson = path.join(root, 'daemon-lan.json');
    await writeFile(daemonJson, '{}\n');
    const created = await cli.run([
      'server',
      'create',
      'lan',
      '--bind',
      address,
      '--tls-name',
      address,
      '--port',
      String(port),
      '--certs-d',
      keptCertsD,
      '--daemon-config',
      daemonJson,
      '--no-trust-docker',
    ]);
    expect(created.code, created.stderr).toBe(0);

    // Without --certs-d or --file: the kept ones are read, and the fix names the kept folder.
    const before = await cli.run(['doctor', 'lan', '--json']);
    expect(before.code).toBe(1);
    const docker = (JSON.parse(before.stdout) as Diagnosis).steps.find((step) => step.id === 'docker');
    expect(docker).toMatchObject({
      status: 'fail',
      fix: { action: 'install-certs-d', value: path.join(keptCertsD, host) },
    });

    const fixed = await cli.run(['doctor', 'lan', '--fix', '--yes', '--json']);
    expect(fixed.code, fixed.stdout).toBe(0);
    expect((JSON.parse(fixed.stdout) as { fix: FixResult }).fix).toMatchObject({
      done: true,
      recheck: { step: 'docker', status: 'ok', passes: true, ok: true },
    });
    expect(await readFile(path.join(keptCertsD, host, 'ca.crt'), 'utf8')).toMatch(/BEGIN CERTIFICATE/);
  });
});
