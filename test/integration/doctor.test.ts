// `diagnose` and `berth doctor` against real registries on loopback: each broken setup must give the
// right first broken step and fix. Names are resolved by an injected resolver where it matters, so
// nothing leaves this machine.
import { X509Certificate } from 'node:crypto';
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  diagnose,
  judgeDockerView,
  type Diagnosis,
  type DoctorDeps,
  type StepId,
} from '../../electron/core/doctor/index.js';
import { BerthCli } from '../fixtures/berth-cli.js';
import { makeCA, makeServerCert } from '../fixtures/certs.js';
import { freePort, makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const PASSWORD = 'wonderland-pass';
const WRONG = 'not-the-password-3141';
const FINGERPRINT = /(?:[0-9A-F]{2}:){31}[0-9A-F]{2}/;
let tlsRegistry: RegistryHandle;
let httpRegistry: RegistryHandle;
let expired: { server: Server; port: number };
let root: string;
let emptyCertsD: string;
const noDaemonSettings = { insecureRegistries: [], registryMirrors: [] };

beforeAll(async () => {
  root = await makeTempDir('doctor');
  emptyCertsD = path.join(root, 'certs.d-empty');
  await mkdir(emptyCertsD);
  [tlsRegistry, httpRegistry] = await Promise.all([
    startRegistry({ auth: 'htpasswd', tls: true, users: { alice: PASSWORD } }),
    startRegistry({ auth: 'none' }),
  ]);
  // Distribution refuses to start with an expired certificate on some setups; an HTTPS server of our
  // own presents it, which is all the TLS step looks at.
  const ca = await makeCA(path.join(root, 'expired'), { commonName: 'Berth Expired CA' });
  const cert = await makeServerCert(ca, path.join(root, 'expired'), {
    names: ['localhost'],
    ips: ['127.0.0.1'],
    notAfterPast: true,
  });
  const port = await freePort();
  const server = createServer(
    { cert: cert.certPem, key: await readFile(cert.keyFile, 'utf8') },
    (_request, response) => {
      response.writeHead(200, { 'docker-distribution-api-version': 'registry/2.0' });
      response.end('{}');
    },
  );
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  expired = { server, port };
});

afterAll(async () => {
  await Promise.all([tlsRegistry?.stop(), httpRegistry?.stop()]);
  await new Promise((resolve) => expired?.server.close(resolve));
  await removeDir(root);
});

function firstBroken(diagnosis: Diagnosis): StepId | undefined {
  return diagnosis.steps.find((step) => step.status === 'fail')?.id;
}

function step(diagnosis: Diagnosis, id: StepId) {
  const found = diagnosis.steps.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

const base: DoctorDeps = { certsDRoot: false, daemon: noDaemonSettings, timeoutMs: 3000 };

describe('diagnose finds the first broken step', () => {
  it('passes every step for a healthy TLS registry with its CA and a working password', async () => {
    const diagnosis = await diagnose(tlsRegistry.host, {
      ...base,
      connection: {
        host: tlsRegistry.host,
        tls: { caFile: tlsRegistry.caFile },
        credential: { kind: 'basic', username: 'alice', password: PASSWORD },
      },
    });
    expect(diagnosis.ok).toBe(true);
    expect(diagnosis.steps.map((s) => [s.id, s.status])).toEqual([
      ['resolve', 'ok'],
      ['tcp', 'ok'],
      ['tls', 'ok'],
      ['registry', 'ok'],
      ['credential', 'ok'],
      ['docker', 'ok'],
    ]);
    expect(step(diagnosis, 'tls').detail).toMatch(/trusted by: connection/);
    // Dates a person reads, not JavaScript's ISO strings with milliseconds.
    expect(step(diagnosis, 'tls').detail).toMatch(
      /valid from \d{4}-\d\d-\d\d \d\d:\d\d UTC to \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
    );
    expect(step(diagnosis, 'tls').detail).not.toMatch(/\.000Z/);
    expect(step(diagnosis, 'registry').detail).toMatch(/registry\/2\.0; asks for Basic/);
    expect(step(diagnosis, 'docker').detail).toMatch(/127\.0\.0\.0\/8 \(always insecure\)/);
  });

  it('fails at TLS for an unknown CA, shows the fingerprint and offers to trust the CA', async () => {
    const diagnosis = await diagnose(tlsRegistry.host, base);
    expect(firstBroken(diagnosis)).toBe('tls');
    const tls = step(diagnosis, 'tls');
    const serverCert = new X509Certificate(
      await readFile(path.join(path.dirname(tlsRegistry.caFile!), 'server.crt')),
    );
    expect(tls.detail).toMatch(/unknown authority/);
    expect(tls.detail).toContain(serverCert.fingerprint256);
    expect(tls.detail).toMatch(/issued by "CN=Berth Test Registry CA"/);
    expect(tls.detail).toMatch(/names it is valid for: DNS:localhost, IP Address:127\.0\.0\.1/);
    expect(tls.fix).toMatchObject({ action: 'trust-ca' });
    expect(tls.fix?.text).toMatch(FINGERPRINT);
    // The registry presents only its own certificate: that is what the fix pins.
    expect(new X509Certificate(tls.fix!.value!).fingerprint256).toBe(serverCert.fingerprint256);
    expect(step(diagnosis, 'registry').status).toBe('skipped');
  });

  it("trusts a certificate through Docker's certs.d folder for the exact host:port", async () => {
    const certsD = path.join(root, 'certs.d');
    await mkdir(path.join(certsD, tlsRegistry.host), { recursive: true });
    await writeFile(path.join(certsD, tlsRegistry.host, 'ca.crt'), tlsRegistry.caPem!);
    const diagnosis = await diagnose(tlsRegistry.host, { ...base, certsDRoot: certsD });
    expect(step(diagnosis, 'tls')).toMatchObject({
      status: 'ok',
      detail: expect.stringMatching(/trusted by: certs\.d/),
    });
  });

  it('fails at TLS when a plain HTTP registry is reached over HTTPS, offering use-http and no insecure-registries entry for loopback', async () => {
    const diagnosis = await diagnose(httpRegistry.host, base);
    expect(firstBroken(diagnosis)).toBe('tls');
    const tls = step(diagnosis, 'tls');
    // Docker falls back to plain HTTP for loopback by itself: its HTTPS error is not quoted as its verdict.
    expect(tls.detail).toBe(`${httpRegistry.host} speaks plain HTTP, not HTTPS (HTTP/1.1 200 OK)`);
    expect(tls.fix?.action).toBe('use-http');
    // Docker's rule: 127.0.0.0/8 is always insecure, so an entry for 127.0.0.1:PORT would change nothing.
    expect(tls.fix?.text).toBe(
      `For Berth, use http://${httpRegistry.host} (plain HTTP for this connection); Docker needs nothing: 127.0.0.1 is loopback, which Docker always treats as an insecure registry (plain HTTP allowed).`,
    );
  });

  it('offers no login where the registry asks for none, and no rate-limit step but for Docker Hub', async () => {
    const diagnosis = await diagnose(`http://${httpRegistry.host}`, base);
    expect(diagnosis.ok).toBe(true);
    expect(step(diagnosis, 'credential')).toMatchObject({
      status: 'skipped',
      detail: 'the registry asks for no login: requests are anonymous',
    });
    expect(step(diagnosis, 'credential').fix).toBeUndefined();
    expect(diagnosis.steps.map((s) => s.id)).not.toContain('rate-limit');
  });

  it('fails at TLS when an HTTPS registry is reached over plain HTTP, offering use-https', async () => {
    const diagnosis = await diagnose(`http://${tlsRegistry.host}`, base);
    expect(firstBroken(diagnosis)).toBe('tls');
    expect(step(diagnosis, 'tls').detail).toMatch(/speaks HTTPS .*not plain HTTP/);
    expect(step(diagnosis, 'tls').fix?.action).toBe('use-https');
  });

  it('fails at TCP when nothing listens on the port', async () => {
    const port = await freePort();
    const diagnosis = await diagnose(`127.0.0.1:${port}`, base);
    expect(firstBroken(diagnosis)).toBe('tcp');
    expect(step(diagnosis, 'tcp').detail).toMatch(/connection refused/);
    expect(step(diagnosis, 'tcp').fix?.text).toMatch(/Nothing listens on port/);
    expect(step(diagnosis, 'tls').status).toBe('skipped');
  });

  it('fails at name resolution when the resolver answers NXDOMAIN', async () => {
    const asked: string[] = [];
    const diagnosis = await diagnose('registry.does-not-exist.test:5000', {
      ...base,
      resolver: async (name) => {
        asked.push(name);
        throw Object.assign(new Error(`queryA ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
      },
    });
    expect(asked).toEqual(['registry.does-not-exist.test']);
    expect(firstBroken(diagnosis)).toBe('resolve');
    expect(step(diagnosis, 'resolve').detail).toMatch(/does not exist \(NXDOMAIN\)/);
    expect(step(diagnosis, 'tcp').status).toBe('skipped');
  });

  it('fails at the credential step for a wrong password, offers login and never shows the password', async () => {
    const diagnosis = await diagnose(tlsRegistry.host, {
      ...base,
      connection: {
        host: tlsRegistry.host,
        tls: { caFile: tlsRegistry.caFile },
        credential: { kind: 'basic', username: 'alice', password: WRONG },
      },
    });
    expect(firstBroken(diagnosis)).toBe('credential');
    expect(step(diagnosis, 'credential').fix?.action).toBe('login');
    expect(step(diagnosis, 'registry').status).toBe('ok');
    expect(JSON.stringify(diagnosis)).not.toContain(WRONG);
  });

  it('fails at TLS for an expired certificate even when its CA is trusted', async () => {
    const diagnosis = await diagnose(`127.0.0.1:${expired.port}`, {
      ...base,
      connection: {
        host: `127.0.0.1:${expired.port}`,
        tls: { caFile: path.join(root, 'expired', 'ca.crt') },
      },
    });
    expect(firstBroken(diagnosis)).toBe('tls');
    expect(step(diagnosis, 'tls').detail).toMatch(/the certificate expired on \d{4}-/);
    expect(step(diagnosis, 'tls').detail).toMatch(/trusted by: connection/);
    expect(step(diagnosis, 'tls').fix?.text).toMatch(/Renew/);
  });

  it('advises no insecure-registries entry for a loopback host, whatever near miss daemon.json holds', async () => {
    const diagnosis = await diagnose(`http://${httpRegistry.host}`, {
      ...base,
      daemon: { file: 'daemon.json', insecureRegistries: ['127.0.0.1'], registryMirrors: [] },
    });
    // dockerd always counts 127.0.0.0/8 as insecure: the registry works by Docker's rule, not by luck.
    expect(step(diagnosis, 'docker')).toMatchObject({
      status: 'ok',
      detail: 'Docker will fall back to plain HTTP: 127.0.0.1 is in 127.0.0.0/8 (always insecure)',
    });
    expect(step(diagnosis, 'docker').fix).toBeUndefined();
  });

  it('warns at the Docker step when a host entry lacks the port and only a CIDR of daemon.json covers it', () => {
    const verdict = judgeDockerView({
      host: 'registry.example:5000',
      hostname: 'registry.example',
      isDockerHub: false,
      addresses: ['192.0.2.10'],
      speaks: 'http',
      daemon: {
        file: 'daemon.json',
        insecureRegistries: ['registry.example', '192.0.2.0/24'],
        registryMirrors: [],
      },
    });
    expect(verdict.status).toBe('warn');
    expect(verdict.detail).toContain('the entry "registry.example" does not cover registry.example:5000');
    expect(verdict.fix).toMatchObject({ action: 'add-insecure', value: 'registry.example:5000' });
  });
});

describe('berth doctor', () => {
  const cli = new BerthCli(() => ({ ...process.env, BERTH_DATA_DIR: path.join(root, 'berth') }));

  it('prints a checklist, the fix, and exits 1 for a wrong password without printing it', async () => {
    const certsD = path.join(root, 'cli-certs.d');
    await mkdir(path.join(certsD, tlsRegistry.host), { recursive: true });
    await writeFile(path.join(certsD, tlsRegistry.host, 'ca.crt'), tlsRegistry.caPem!);
    const daemonJson = path.join(root, 'daemon.json');
    await writeFile(daemonJson, '{}');
    const args = ['doctor', tlsRegistry.host, '--certs-d', certsD, '--file', daemonJson];
    const result = await cli.run([...args, '--username', 'alice', '--password-stdin'], WRONG);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✓ Name resolves \(\d+ ms\)/);
    expect(result.stdout).toMatch(/✓ TLS \(\d+ ms\)/);
    expect(result.stdout).toMatch(/✗ Saved credential works/);
    expect(result.stdout).toMatch(/fix: Log in again/);
    expect(result.stdout).toMatch(/First broken step: Saved credential works/);
    expect(cli.transcript.join('\n')).not.toContain(WRONG);

    const healthy = await cli.run([...args, '--username', 'alice', '--password-stdin', '--json'], PASSWORD);
    expect(healthy.code).toBe(0);
    expect(JSON.parse(healthy.stdout)).toMatchObject({ ok: true, host: tlsRegistry.host });
  });

  it('reads daemon.json from --file; for a loopback host it names no entry to add', async () => {
    const daemonJson = path.join(root, 'daemon-no-port.json');
    await writeFile(daemonJson, JSON.stringify({ 'insecure-registries': ['127.0.0.1'] }));
    const result = await cli.run([
      'doctor',
      `http://${httpRegistry.host}`,
      '--file',
      daemonJson,
      '--certs-d',
      emptyCertsD,
      '--json',
    ]);
    expect(result.code).toBe(0);
    const docker = (JSON.parse(result.stdout) as Diagnosis).steps.find((s) => s.id === 'docker');
    expect(docker).toMatchObject({ status: 'ok', detail: expect.stringContaining('(always insecure)') });
    expect(docker?.fix).toBeUndefined();
  });
});
