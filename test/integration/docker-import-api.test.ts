// "Import from Docker" through the browser host as the app uses it: a temp DOCKER_CONFIG with an `auths`
// entry for one htpasswd registry and a `credHelpers` entry (a test helper on PATH) for another, a
// private keyring, and every byte the host sends kept and searched for the secrets at the end.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ConnectionTestResult,
  DockerImportResult,
  DockerLoginsView,
} from '../../shared/contract/index.js';
import { CredentialStore, keytarKeychain } from '../../electron/core/credentials/index.js';
import { BerthHost } from '../fixtures/berth-host.js';
import { installTestHelper } from '../fixtures/docker-helper.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const SERVICE = `BerthTest-docker-import-api-${randomUUID()}`;
const SECRETS = ['wonderland-pass', 'helper-pass-77', 'carol-secret-9'];
const b64 = (text: string) => Buffer.from(text).toString('base64');

let keyring: KeyringHandle;
let filed: RegistryHandle;
let helped: RegistryHandle;
let root: string;
let dockerDir: string;
let host: BerthHost;
let credentials: CredentialStore;

beforeAll(async () => {
  keyring = await startKeyring();
  keyring.useInThisProcess();
  credentials = new CredentialStore(keytarKeychain(), { service: SERVICE });
  root = await makeTempDir('docker-import-api');
  [filed, helped] = await Promise.all([
    startRegistry({ auth: 'htpasswd', tls: true }),
    startRegistry({ auth: 'htpasswd', tls: true, users: { bob: 'helper-pass-77' } }),
  ]);
  dockerDir = path.join(root, 'docker');
  const binDir = path.join(root, 'bin');
  await mkdir(dockerDir, { recursive: true });
  await mkdir(binDir, { recursive: true });
  await installTestHelper(binDir, {
    name: 'perregistry',
    entries: { [helped.host]: { Username: 'bob', Secret: 'helper-pass-77' } },
  });
  await writeFile(
    path.join(dockerDir, 'config.json'),
    JSON.stringify({
      auths: {
        [filed.host]: { auth: b64('alice:wonderland-pass') },
        'plain.example.com': { auth: b64('carol:carol-secret-9') },
        'broken.example.com': { auth: 'not base64 at all!' },
      },
      credHelpers: { [helped.host]: 'perregistry' },
    }),
  );
  // Docker trusts these registries through the system; Berth does too, through Node's extra CAs.
  const trusted = path.join(root, 'trusted-cas.pem');
  await writeFile(trusted, `${filed.caPem}\n${helped.caPem}`);
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: path.join(root, 'data'),
      BERTH_KEYCHAIN_SERVICE: SERVICE,
      BERTH_RENDERER_DIR: path.join(root, 'no-renderer'),
      DOCKER_CONFIG: dockerDir,
      // Podman's files of this test only (none): nothing of the machine's user is read.
      XDG_RUNTIME_DIR: path.join(root, 'runtime'),
      XDG_CONFIG_HOME: path.join(root, 'config'),
      NODE_EXTRA_CA_CERTS: trusted,
      PATH: `${binDir}${path.delimiter}${process.env.PATH}`,
    }),
  );
  await host.logIn();
});

afterAll(async () => {
  await host?.stop();
  await Promise.all([filed?.stop(), helped?.stop()]);
  await keyring?.stop();
  await removeDir(root);
});

const importDocker = async (hosts: string[], copySecrets: boolean) => {
  const { body } = await host.call<{ results: DockerImportResult[] }>('connections.importDocker', {
    hosts,
    copySecrets,
  });
  expect(body.ok).toBe(true);
  return body.value.results;
};

describe('connections.dockerLogins and connections.importDocker', () => {
  it("lists Docker's logins with where each secret lives, and the entry it could not read", async () => {
    const { body } = await host.call<DockerLoginsView>('connections.dockerLogins', {});
    expect(body.ok).toBe(true);
    expect(body.value.configPath).toBe(path.join(dockerDir, 'config.json'));
    expect(body.value.logins).toEqual(
      [
        { host: filed.host, username: 'alice', source: 'config-file' },
        { host: helped.host, username: 'bob', source: 'credHelpers', helper: 'perregistry' },
        { host: 'plain.example.com', username: 'carol', source: 'config-file' },
      ]
        .map((login) => ({ ...login, tool: 'docker', file: path.join(dockerDir, 'config.json') }))
        .sort((a, b) => a.host.localeCompare(b.host)),
    );
    expect(body.value.problems).toEqual([
      expect.objectContaining({ message: expect.stringContaining('broken.example.com') }),
    ]);
  });

  it('imports with the secrets copied into the keychain, and says which host it no longer finds', async () => {
    const results = await importDocker([filed.host, helped.host, 'gone.example.com'], true);
    expect(results).toEqual([
      { host: filed.host, outcome: 'imported', connection: filed.host, secretCopied: true },
      { host: helped.host, outcome: 'imported', connection: helped.host, secretCopied: true },
      {
        host: 'gone.example.com',
        outcome: 'failed',
        error: expect.objectContaining({
          code: 'NOT_FOUND',
          message: expect.stringContaining('gone.example.com'),
        }),
      },
    ]);
    expect(await credentials.get(filed.host, 'alice')).toMatchObject({ secret: 'wonderland-pass' });
    expect(await credentials.get(helped.host, 'bob')).toMatchObject({ secret: 'helper-pass-77' });

    // The imported connections sign in to their registries with the copied secrets.
    for (const registry of [filed, helped]) {
      const { body } = await host.call<ConnectionTestResult>('connections.test', { name: registry.host });
      expect(body.error).toBeUndefined();
      expect(body.value.credentialsChecked).toBe(true);
    }
  });

  it('skips a registry already saved, and without copySecrets keeps only the username', async () => {
    const results = await importDocker([filed.host, 'plain.example.com'], false);
    expect(results).toEqual([
      { host: filed.host, outcome: 'skipped', connection: filed.host },
      {
        host: 'plain.example.com',
        outcome: 'imported',
        connection: 'plain.example.com',
        secretCopied: false,
      },
    ]);
    expect(await credentials.get('plain.example.com', 'carol')).toBeUndefined();
    const { body } = await host.call<DockerLoginsView>('connections.dockerLogins', {});
    expect(body.value.logins.map((l) => [l.host, l.savedAs])).toEqual(
      expect.arrayContaining([
        [filed.host, filed.host],
        [helped.host, helped.host],
        ['plain.example.com', 'plain.example.com'],
      ]),
    );
    const settings = await readFile(path.join(root, 'data', 'config.json'), 'utf8');
    expect(settings).toContain('plain.example.com');
    for (const secret of SECRETS) expect(settings).not.toContain(secret);
  });

  it('refuses an empty choice with a clear error', async () => {
    const { status, body } = await host.call('connections.importDocker', { hosts: [], copySecrets: true });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/choose at least one login/);
  });

  it('never sent a secret to the client', () => {
    const received = host.received.join('\n');
    expect(received).toContain(filed.host);
    for (const secret of SECRETS) expect(received).not.toContain(secret);
  });
});
