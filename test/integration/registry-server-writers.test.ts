// Registry servers with several writers at once (the app, the browser host and the CLI share one data
// folder), a re-create over the data a removal kept, and what a new server listens on.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFile, readdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialStore, keytarKeychain } from '../../electron/core/credentials/index.js';
import { listUsers } from '../../electron/core/registry-server/htpasswd.js';
import { ProcessRuntime, RegistryServers } from '../../electron/core/registry-server/index.js';
import { SettingsStore } from '../../electron/core/settings/index.js';
import type { BerthError } from '../../electron/core/errors.js';
import { BerthCli } from '../fixtures/berth-cli.js';
import { pushImage, type PushedImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { freePort, makeTempDir, removeDir, runCommand } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const SERVICE = `BerthTest-writers-${randomUUID()}`;
let keyring: KeyringHandle;
let source: RegistryHandle;
let image: PushedImage;
let root: string;
let dataDir: string;
let servers: RegistryServers;
let cli: BerthCli;

beforeAll(async () => {
  keyring = await startKeyring();
  keyring.useInThisProcess();
  root = await makeTempDir('server-writers');
  dataDir = path.join(root, 'berth');
  servers = new RegistryServers({
    dataDir,
    settings: new SettingsStore(dataDir),
    credentials: new CredentialStore(keytarKeychain(), { service: SERVICE }),
    runtimes: { process: new ProcessRuntime() },
  });
  cli = new BerthCli(() => keyring.env({ BERTH_DATA_DIR: dataDir, BERTH_KEYCHAIN_SERVICE: SERVICE }));
  source = await startRegistry({ auth: 'none' });
  image = await pushImage(source, 'team/app', '1.0', { layers: 2, layerSize: 256 * 1024 });
}, 120_000);

afterAll(async () => {
  for (const name of ['keep', 'open']) await servers?.stop(name).catch(() => false);
  await source?.stop();
  await keyring?.stop();
  if (root) await removeDir(root);
});

const htpasswdOf = (name: string) => path.join(servers.serversDir, name, 'htpasswd');

async function verifies(name: string, user: string, password: string): Promise<boolean> {
  const result = await runCommand('htpasswd', ['-vb', htpasswdOf(name), user, password], {
    allowFailure: true,
  });
  return result.code === 0;
}

describe('parallel user changes of one server', () => {
  it('keeps every one of 6 parallel addUser calls, 20 rounds, in server.json and htpasswd', async () => {
    await servers.create({
      name: 'users',
      port: await freePort(),
      tls: { mode: 'none' },
      start: false,
      user: { name: 'first', password: 'first-pass' },
    });
    const added: string[] = ['first'];
    for (let round = 0; round < 20; round++) {
      const names = Array.from({ length: 6 }, (_, writer) => `u${round}-${writer}`);
      const outcomes = await Promise.allSettled(
        names.map((user) => servers.addUser('users', user, `${user}-pass`)),
      );
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
      added.push(...names);
      const spec = JSON.parse(
        await readFile(path.join(servers.serversDir, 'users', 'server.json'), 'utf8'),
      ) as {
        users: string[];
      };
      expect([...spec.users].sort()).toEqual([...added].sort());
      const lines = (await readFile(htpasswdOf('users'), 'utf8')).trim().split('\n');
      expect(lines.map((line) => line.split(':')[0]).sort()).toEqual([...added].sort());
    }
    // bcrypt at cost 10, not htpasswd's default 5; the hashes are the passwords that were given.
    for (const line of (await readFile(htpasswdOf('users'), 'utf8')).trim().split('\n'))
      expect(line).toMatch(/^[^:]+:\$2y\$10\$/);
    expect(await verifies('users', 'u19-5', 'u19-5-pass')).toBe(true);
    expect(await verifies('users', 'u0-0', 'u0-0-pass')).toBe(true);
    const entries = await readdir(path.join(servers.serversDir, 'users'));
    expect(entries.filter((entry) => entry.includes('.tmp') || entry.includes('berth-lock'))).toEqual([]);
  }, 240_000);

  it('keeps every user added by 6 berth processes at once, 3 rounds', async () => {
    const added = new Set((await servers.get('users')).users);
    for (let round = 0; round < 3; round++) {
      const names = Array.from({ length: 6 }, (_, writer) => `cli${round}-${writer}`);
      const results = await Promise.all(
        names.map((user) =>
          cli.run(['server', 'user', 'add', 'users', user, '--password-stdin'], `${user}-pass\n`),
        ),
      );
      for (const result of results) expect(result.stderr).toBe('');
      expect(results.map((result) => result.code)).toEqual([0, 0, 0, 0, 0, 0]);
      for (const name of names) added.add(name);
      expect(new Set((await servers.get('users')).users)).toEqual(added);
      expect(new Set(await listUsers(htpasswdOf('users')))).toEqual(added);
    }
    expect(await verifies('users', 'cli2-5', 'cli2-5-pass')).toBe(true);
  }, 240_000);

  it('takes a user name that begins with "-" as a name, and refuses one with a new line', async () => {
    await servers.addUser('users', '-bob', 'dash-pass');
    expect(await verifies('users', '-bob', 'dash-pass')).toBe(true);
    await expect(servers.addUser('users', 'eve\nmallory', 'x')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: '"eve\\nmallory" is not a usable user name',
    });
    expect((await servers.get('users')).users).not.toContain('eve\nmallory');
  });
});

describe('parallel creates of one server name', () => {
  it('makes one server; the others are refused and remove nothing of it', async () => {
    for (let round = 0; round < 5; round++) {
      const name = `twin${round}`;
      const ports = await Promise.all(Array.from({ length: 4 }, () => freePort()));
      const outcomes = await Promise.allSettled(
        ports.map((port) => servers.create({ name, port, tls: { mode: 'self-signed' }, start: false })),
      );
      const made = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
      expect(made).toHaveLength(1);
      for (const outcome of outcomes)
        if (outcome.status === 'rejected')
          expect((outcome.reason as Error).message).toBe(`you already have a registry named ${name}`);
      const spec = await servers.spec(name);
      expect(spec.port).toBe(made[0]!.port);
      expect((await readdir(path.join(servers.serversDir, name))).sort()).toEqual([
        'config.yml',
        'data',
        'server.json',
        'tls',
      ]);
      await servers.remove(name, { deleteData: true });
    }
  }, 120_000);
});

describe('re-creating a server over the data its removal kept', () => {
  it('keeps data/ when the new create fails (port in use, missing TLS file), then reuses it', async () => {
    const port = await freePort();
    const host = `127.0.0.1:${port}`;
    await servers.create({ name: 'keep', port, tls: { mode: 'none' } });
    const copied = await runCommand(
      'skopeo',
      [
        '--insecure-policy',
        'copy',
        '--preserve-digests',
        ...source.skopeoArgs('src'),
        '--dest-tls-verify=false',
        `docker://${source.host}/${image.repository}:1.0`,
        `docker://${host}/team/app:1.0`,
      ],
      { timeoutMs: 120_000 },
    );
    expect(copied.code).toBe(0);
    const removed = await servers.remove('keep');
    const data = path.join(servers.serversDir, 'keep', 'data');
    expect(removed.keptStorage).toBe(data);
    const blobs = async () =>
      (await readdir(path.join(data, 'docker', 'registry', 'v2', 'blobs', 'sha256'), { recursive: true }))
        .length;
    const kept = await blobs();
    expect(kept).toBeGreaterThan(0);

    // Something else listens on the port: the create fails and undoes only what it made.
    const busy = createServer().listen(port, '127.0.0.1');
    await once(busy, 'listening');
    try {
      const refusal = await servers.create({ name: 'keep', port, tls: { mode: 'none' } }).then(
        () => undefined,
        (error: unknown) => error as BerthError,
      );
      expect(refusal?.message).toContain(`port ${port} is already in use`);
      // The app's hint says the next step in words, not as a command-line flag; the CLI's names the flag.
      expect(refusal?.toInfo().hint).toMatch(/on another port\.$/);
      expect(refusal?.toInfo().hint).not.toMatch(/--/);
      expect(refusal?.hint).toMatch(/--port/);
    } finally {
      busy.close();
    }
    expect(await blobs()).toBe(kept);
    expect(await readdir(path.join(servers.serversDir, 'keep'))).toEqual(['data']);
    expect(new SettingsStore(dataDir).get('keep')).toBeUndefined();

    await expect(
      servers.create({
        name: 'keep',
        port,
        tls: {
          mode: 'existing',
          certFile: path.join(root, 'no-such.crt'),
          keyFile: path.join(root, 'no-such.key'),
        },
      }),
    ).rejects.toThrow();
    expect(await blobs()).toBe(kept);
    expect(await readdir(path.join(servers.serversDir, 'keep'))).toEqual(['data']);

    // A create that works serves the kept images again, and says so.
    const created = await servers.create({ name: 'keep', port, tls: { mode: 'none' } });
    expect(created.notes.join('\n')).toContain(`reusing the images already in ${data}`);
    const inspected = await runCommand(
      'skopeo',
      ['inspect', '--raw', '--tls-verify=false', `docker://${host}/team/app:1.0`],
      {
        timeoutMs: 60_000,
      },
    );
    expect(inspected.code).toBe(0);
    expect(JSON.parse(inspected.stdout)).toMatchObject({ schemaVersion: 2 });
    await servers.remove('keep', { deleteData: true });
    expect(await stat(path.join(servers.serversDir, 'keep')).catch(() => 'gone')).toBe('gone');
  }, 240_000);
});

describe('what a new server listens on', () => {
  it('binds 127.0.0.1 unless asked, and says when a registry has no login', async () => {
    const port = await freePort();
    const created = await cli.run([
      'server',
      'create',
      'open',
      '--tls',
      'none',
      '--port',
      String(port),
      '--no-trust-docker',
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`listens on 127.0.0.1:${port}`);
    expect(created.stdout).toMatch(
      /open has no login: anyone who can reach 127\.0\.0\.1:\d+ can push, pull and delete images/,
    );
    await cli.run(['server', 'rm', 'open', '--delete-data']);
    const everywhere = await cli.run([
      'server',
      'create',
      'open',
      '--tls',
      'none',
      '--port',
      String(port),
      '--all-interfaces',
      '--no-start',
      '--no-trust-docker',
    ]);
    expect(everywhere.code).toBe(0);
    expect(everywhere.stdout).toContain(`listens on 0.0.0.0:${port}`);
    expect(everywhere.stdout).toContain('it listens on every interface');
    await cli.run(['server', 'rm', 'open', '--delete-data']);
  }, 120_000);
});
