// `berth server …` with the process runtime: Debian's docker-registry as a detached child, TLS from a new
// CA, htpasswd users, a private keyring for the first user's password. skopeo is the independent client.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialStore, keytarKeychain } from '../../electron/core/credentials/index.js';
import { SettingsStore } from '../../electron/core/settings/index.js';
import { BerthCli } from '../fixtures/berth-cli.js';
import { makeCA, makeServerCert } from '../fixtures/certs.js';
import { pushImage, type PushedImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { freePort, makeTempDir, removeDir, runCommand } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const SERVICE = `BerthTest-server-${randomUUID()}`;
const ALICE = 'alice-server-pass';
const BOB = 'bob-first-pass';
const BOB_NEW = 'bob-second-pass';
let keyring: KeyringHandle;
let source: RegistryHandle;
let root: string;
let dataDir: string;
let certDir: string;
let cli: BerthCli;
let port: number;
let host: string;
let app: PushedImage;
let old: PushedImage;
const serverDir = () => path.join(dataDir, 'servers', 'local');

beforeAll(async () => {
  keyring = await startKeyring();
  keyring.useInThisProcess();
  root = await makeTempDir('server');
  dataDir = path.join(root, 'berth');
  certDir = path.join(root, 'certs');
  cli = new BerthCli(() => keyring.env({ BERTH_DATA_DIR: dataDir, BERTH_KEYCHAIN_SERVICE: SERVICE }));
  source = await startRegistry({ auth: 'none' });
  app = await pushImage(source, 'team/app', '1.0', { layers: 2, layerSize: 256 * 1024 });
  old = await pushImage(source, 'team/old', '1.0', { layers: 2, layerSize: 1024 * 1024 });
  port = await freePort();
  host = `127.0.0.1:${port}`;
});

afterAll(async () => {
  // The registry is detached from the CLI that started it: stop it by its pid file if a test failed early.
  if (cli) await cli.run(['server', 'stop', 'local']);
  const pid = Number(await readFile(path.join(serverDir(), 'registry.pid'), 'utf8').catch(() => ''));
  if (pid) process.kill(pid, 'SIGKILL');
  if (cli) await cli.run(['server', 'stop', 'own']);
  await source?.stop();
  await keyring?.stop();
  if (root) await removeDir(root);
});

const berth = (args: string[], input?: string) => cli.run(args, input);

function skopeo(args: string[]) {
  return runCommand('skopeo', ['--insecure-policy', ...args], { allowFailure: true, timeoutMs: 60_000 });
}

async function inspectAs(credentials: string | undefined, repository = 'team/app:1.0') {
  const creds = credentials ? ['--creds', credentials] : [];
  return skopeo(['inspect', '--raw', '--cert-dir', certDir, ...creds, `docker://${host}/${repository}`]);
}

async function copyIn(image: PushedImage) {
  const result = await skopeo([
    'copy',
    '--preserve-digests',
    ...source.skopeoArgs('src'),
    '--dest-cert-dir',
    certDir,
    '--dest-creds',
    `alice:${ALICE}`,
    `docker://${source.host}/${image.repository}:1.0`,
    `docker://${host}/${image.repository}:1.0`,
  ]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
}

describe('berth server with the process runtime (TLS + htpasswd)', () => {
  it('creates, starts and saves a registry: CA as the connection CA, the password in the keychain', async () => {
    const args = ['server', 'create', 'local', '--port', String(port), '--bind', '127.0.0.1'];
    const result = await berth([...args, '--user', 'alice', '--password-stdin', '--json'], ALICE);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const created = JSON.parse(result.stdout);
    expect(created).toMatchObject({
      name: 'local',
      state: 'running',
      url: `https://${host}`,
      auth: 'htpasswd',
    });
    expect(created.checked).toBe('alice logs in');

    const caFile = path.join(serverDir(), 'tls', 'ca.crt');
    const saved = new SettingsStore(dataDir).get('local');
    expect(saved).toMatchObject({ host, username: 'alice', insecureHttp: false, tls: { caFile } });
    const credentials = new CredentialStore(keytarKeychain(), { service: SERVICE });
    expect(await credentials.get(host, 'alice')).toMatchObject({ secret: ALICE });

    for (const file of ['tls/ca.key', 'tls/server.key', 'htpasswd', 'config.yml'])
      expect(((await stat(path.join(serverDir(), file))).mode & 0o777).toString(8)).toBe('600');
    const config = await readFile(path.join(serverDir(), 'config.yml'), 'utf8');
    expect(config).toContain('X-Content-Type-Options: [nosniff]');
    expect(config).toMatch(/health:\n {2}storagedriver:\n {4}enabled: true/);
    expect(await readFile(path.join(serverDir(), 'htpasswd'), 'utf8')).toMatch(/^alice:\$2y\$/);

    await mkdir(certDir);
    await copyFile(caFile, path.join(certDir, 'ca.crt'));
    const certificate = await runCommand('openssl', [
      'x509',
      '-in',
      path.join(serverDir(), 'tls/server.crt'),
      '-noout',
      '-ext',
      'subjectAltName',
    ]);
    expect(certificate.stdout).toMatch(/DNS:localhost, IP Address:127\.0\.0\.1, DNS:/);
  });

  it('takes a push and serves it back with the generated CA and the first user', async () => {
    await copyIn(app);
    const read = await inspectAs(`alice:${ALICE}`);
    expect(read.code).toBe(0);
    expect(Buffer.from(read.stdout)).toEqual(app.manifestBytes);
    const anonymous = await inspectAs(undefined);
    expect(anonymous.code).not.toBe(0);
    expect(anonymous.stderr).toMatch(/unauthorized|authentication required/i);
  });

  it('adds a user, restarting the registry so the new user works', async () => {
    expect((await inspectAs(`bob:${BOB}`)).code).not.toBe(0);
    const added = await berth(['server', 'user', 'add', 'local', 'bob', '--password-stdin'], BOB);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(
      /Added bob to local\.\nDistribution reads its users only when it starts, so local was restarted\./,
    );
    expect((await inspectAs(`bob:${BOB}`)).code).toBe(0);
  });

  it("changes a user's password: the old one is refused, the new one works", async () => {
    const changed = await berth(
      ['server', 'user', 'passwd', 'local', 'bob', '--password-stdin', '--json'],
      BOB_NEW,
    );
    expect(JSON.parse(changed.stdout)).toEqual({ server: 'local', user: 'bob', restarted: true });
    expect((await inspectAs(`bob:${BOB}`)).code).not.toBe(0);
    expect((await inspectAs(`bob:${BOB_NEW}`)).code).toBe(0);
  });

  it('refuses a removed user and keeps the others', async () => {
    const removed = await berth(['server', 'user', 'rm', 'local', 'bob']);
    expect(removed.code).toBe(0);
    const refused = await inspectAs(`bob:${BOB_NEW}`);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/unauthorized|authentication required/i);
    expect((await inspectAs(`alice:${ALICE}`)).code).toBe(0);
    const last = await berth(['server', 'user', 'rm', 'local', 'alice']);
    expect(last.code).toBe(1);
    expect(last.stderr).toMatch(/alice is local's last user/);
  });

  it('collects garbage after a delete: dry run first, storage shrinks, the registry runs again', async () => {
    await copyIn(old);
    const deleted = await skopeo([
      'delete',
      '--cert-dir',
      certDir,
      '--creds',
      `alice:${ALICE}`,
      `docker://${host}/team/old:1.0`,
    ]);
    expect(deleted.code).toBe(0);

    const dry = JSON.parse((await berth(['server', 'gc', 'local', '--dry-run', '--json'])).stdout);
    expect(dry).toMatchObject({ dryRun: true, bytesReclaimed: 0, restarted: false });
    for (const layer of old.layerDigests)
      expect(dry.dryRunOutput).toContain(`blob eligible for deletion: ${layer}`);
    expect(dry.dryRunOutput).not.toContain(`eligible for deletion: ${app.layerDigests[0]}`);

    const run = await berth(['server', 'gc', 'local', '--json']);
    expect(run.code).toBe(0);
    const collected = JSON.parse(run.stdout);
    const oldBytes = old.layers.reduce((sum, layer) => sum + layer.size, 0);
    expect(collected).toMatchObject({ dryRun: false, restarted: true });
    expect(collected.bytesReclaimed).toBeGreaterThanOrEqual(oldBytes);
    expect(collected.bytesAfter).toBe(collected.bytesBefore - collected.bytesReclaimed);
    console.log(
      `garbage collection reclaimed ${collected.bytesReclaimed} bytes (${collected.bytesBefore} → ${collected.bytesAfter})`,
    );
    const kept = await inspectAs(`alice:${ALICE}`);
    expect(kept.code).toBe(0);

    const text = await berth(['server', 'gc', 'local']);
    expect(text.stdout).toMatch(/^Dry run:\n[\s\S]*Collected: 0 B reclaimed/);
  });

  it('keeps the data across stop and start, and shows the log', async () => {
    expect((await berth(['server', 'stop', 'local'])).stdout).toBe('Stopped local.\n');
    const listed = JSON.parse((await berth(['server', 'list', '--json'])).stdout);
    expect(listed).toEqual([expect.objectContaining({ name: 'local', state: 'stopped' })]);
    expect((await inspectAs(`alice:${ALICE}`)).code).not.toBe(0);

    expect((await berth(['server', 'start', 'local'])).code).toBe(0);
    const read = await inspectAs(`alice:${ALICE}`);
    expect(read.code).toBe(0);
    expect(Buffer.from(read.stdout)).toEqual(app.manifestBytes);
    expect((await berth(['server', 'list'])).stdout).toMatch(
      /local\s+running\s+https:\/\/127\.0\.0\.1:\d+\s+1 user\(s\)\s+process/,
    );
    expect((await berth(['server', 'logs', 'local'])).stdout).toMatch(
      /berth: starting .*docker-registry serve/,
    );
    const logs = JSON.parse((await berth(['server', 'logs', 'local', '--json'])).stdout) as {
      name: string;
      lines: string[];
    };
    expect(logs.name).toBe('local');
    expect(logs.lines.some((line) => /berth: starting .*docker-registry serve/.test(line))).toBe(true);
  });

  it('refuses the container runtime when no engine answers, and a taken port, keeping nothing', async () => {
    const noEngine = new BerthCli(() =>
      keyring.env({
        BERTH_DATA_DIR: dataDir,
        BERTH_KEYCHAIN_SERVICE: SERVICE,
        DOCKER_HOST: `unix://${path.join(root, 'no-engine.sock')}`,
      }),
    );
    const result = await noEngine.run(['server', 'create', 'other', '--runtime', 'container']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no container engine answers at unix:\/\/.*no-engine\.sock/);
    expect(result.stderr).toMatch(/or use --runtime process/);

    // Something else listens on the port: the new server cannot start and is not kept half made.
    const busyPort = await freePort();
    const busy = createServer().listen(busyPort, '127.0.0.1');
    await once(busy, 'listening');
    const taken = await berth([
      'server',
      'create',
      'other',
      '--port',
      String(busyPort),
      '--bind',
      '127.0.0.1',
    ]);
    busy.close();
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(new RegExp(`port ${busyPort} is already in use`));
    expect(await stat(path.join(dataDir, 'servers', 'other')).catch(() => 'gone')).toBe('gone');
    expect(new SettingsStore(dataDir).get('other')).toBeUndefined();
    const names = (JSON.parse((await berth(['server', 'list', '--json'])).stdout) as { name: string }[]).map(
      (server) => server.name,
    );
    expect(names).toEqual(['local']);
  });

  it('removes the server and its connection but keeps the images unless asked', async () => {
    const removed = await berth(['server', 'rm', 'local']);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toMatch(/Its images are kept in .*servers\/local\/data/);
    expect(await stat(path.join(serverDir(), 'data', 'docker')).then(() => true)).toBe(true);
    expect(await stat(path.join(serverDir(), 'config.yml')).catch(() => 'gone')).toBe('gone');
    expect(new SettingsStore(dataDir).get('local')).toBeUndefined();
    expect(JSON.parse((await berth(['server', 'list', '--json'])).stdout)).toEqual([]);
  });
});

describe('berth server with an existing certificate and no users', () => {
  it('serves anyone over the given certificate, notices a killed process, and deletes the data when asked', async () => {
    const tlsDir = path.join(root, 'own-tls');
    const ca = await makeCA(tlsDir);
    const issued = await makeServerCert(ca, tlsDir, { names: ['localhost'], ips: ['127.0.0.1'] });
    const ownCerts = path.join(root, 'own-certs');
    await mkdir(ownCerts);
    await copyFile(ca.certFile, path.join(ownCerts, 'ca.crt'));
    const storage = path.join(root, 'own-storage');
    const ownPort = await freePort();
    const ownHost = `127.0.0.1:${ownPort}`;
    const args = [
      'server',
      'create',
      'own',
      '--port',
      String(ownPort),
      '--bind',
      '127.0.0.1',
      '--data',
      storage,
    ];
    const created = await berth([...args, '--cert', issued.certFile, '--key', issued.keyFile, '--json']);
    expect(created.stderr).toBe('');
    expect(JSON.parse(created.stdout)).toMatchObject({
      state: 'running',
      auth: 'none',
      tls: 'existing',
      storageDir: storage,
    });
    expect(new SettingsStore(dataDir).get('own')).toMatchObject({ host: ownHost, tls: {} });
    const ownServer = path.join(dataDir, 'servers', 'own');
    expect(((await stat(path.join(ownServer, 'tls', 'server.key'))).mode & 0o777).toString(8)).toBe('600');

    const copied = await skopeo([
      'copy',
      ...source.skopeoArgs('src'),
      '--dest-cert-dir',
      ownCerts,
      `docker://${source.host}/team/app:1.0`,
      `docker://${ownHost}/team/app:1.0`,
    ]);
    expect(copied.code).toBe(0);
    expect(
      (await skopeo(['inspect', '--raw', '--cert-dir', ownCerts, `docker://${ownHost}/team/app:1.0`])).code,
    ).toBe(0);

    const pid = Number(await readFile(path.join(ownServer, 'registry.pid'), 'utf8'));
    process.kill(pid, 'SIGKILL');
    await expect
      // Each poll starts a CLI process, which alone can take a second on a busy machine.
      .poll(() => berth(['server', 'list', '--json']).then((r) => JSON.parse(r.stdout)), { timeout: 20_000 })
      .toEqual([expect.objectContaining({ name: 'own', state: 'stopped' })]);
    expect((await berth(['server', 'start', 'own'])).code).toBe(0);
    expect(
      (await skopeo(['inspect', '--raw', '--cert-dir', ownCerts, `docker://${ownHost}/team/app:1.0`])).code,
    ).toBe(0);

    const removed = await berth(['server', 'rm', 'own', '--delete-data']);
    expect(removed.code).toBe(0);
    expect(await stat(storage).catch(() => 'gone')).toBe('gone');
    expect(await stat(ownServer).catch(() => 'gone')).toBe('gone');
  });
});

describe('berth server bound to an address of its own', () => {
  it('puts that address in the new certificate, so its own connection and Docker reach it', async () => {
    // 127.0.0.2 is on the loopback interface of any Linux machine, and not one of the default names.
    const boundPort = await freePort();
    const args = ['server', 'create', 'bound', '--port', String(boundPort), '--bind', '127.0.0.2'];
    const created = await berth([...args, '--no-trust-docker', '--json']);
    try {
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      const result = JSON.parse(created.stdout) as { checked?: string; notes: string[] };
      expect(result.notes.join('\n')).not.toMatch(/check through the saved connection failed/);
      expect(result.checked).toBeDefined();
      const certificate = await runCommand('openssl', [
        'x509',
        '-in',
        path.join(dataDir, 'servers', 'bound', 'tls', 'server.crt'),
        '-noout',
        '-ext',
        'subjectAltName',
      ]);
      expect(certificate.stdout).toContain('IP Address:127.0.0.2');
      expect((await berth(['tags', `127.0.0.2:${boundPort}/team/none`])).stderr).toMatch(
        /repository not found/,
      );
    } finally {
      await berth(['server', 'rm', 'bound', '--delete-data']);
    }
  });
});

describe('berth server create when the keychain refuses the password', () => {
  it('does not say the password is in the keychain, and says how to log in', async () => {
    const args = ['server', 'create', 'nokeys', '--port', String(await freePort()), '--user', 'alice'];
    const created = await cli.run([...args, '--password-stdin', '--no-trust-docker'], ALICE, {
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(root, 'no-bus')}`,
    });
    try {
      expect(created.code, created.stderr).toBe(0);
      expect(created.stdout).toContain('Saved as connection nokeys.\n');
      expect(created.stdout).not.toMatch(/password is in the keychain/);
      expect(created.stdout).toMatch(/^note: alice's password is not in the keychain .*berth login nokeys$/m);
    } finally {
      await berth(['server', 'rm', 'nokeys', '--delete-data']);
    }
  });
});
