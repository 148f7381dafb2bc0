// CredentialStore and login() against the real keytar and a private gnome-keyring, and the registry
// checks against real docker-registry instances (htpasswd over TLS, token auth).
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CredentialStore,
  describeConnections,
  keytarKeychain,
  login,
  logout,
  toRegistryCredential,
} from '../../electron/core/credentials/index.js';
import { SettingsStore } from '../../electron/core/settings/index.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir, runCommand } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import { requestRefreshToken } from '../fixtures/token-server.js';

const SERVICE = `BerthTest-credentials-${randomUUID()}`;
let keyring: KeyringHandle;
let credentials: CredentialStore;
let basicRegistry: RegistryHandle;
let tokenRegistry: RegistryHandle;
let dataDir: string;

beforeAll(async () => {
  keyring = await startKeyring();
  keyring.useInThisProcess();
  credentials = new CredentialStore(keytarKeychain(), { service: SERVICE });
  dataDir = await makeTempDir('credentials');
  [basicRegistry, tokenRegistry] = await Promise.all([
    startRegistry({ auth: 'htpasswd', tls: true }),
    startRegistry({ auth: 'token', tls: true, token: { rotateRefreshTokens: true } }),
  ]);
});

afterAll(async () => {
  await Promise.all([basicRegistry?.stop(), tokenRegistry?.stop()]);
  await keyring?.stop();
  await removeDir(dataDir);
});

/** What the Secret Service itself holds, read with libsecret's own CLI rather than keytar. */
async function secretToolLookup(account: string): Promise<string | undefined> {
  const result = await runCommand('secret-tool', ['lookup', 'service', SERVICE, 'account', account], {
    env: keyring.env(),
    allowFailure: true,
  });
  return result.code === 0 ? result.stdout : undefined;
}

const connectionTo = (registry: RegistryHandle) => ({
  host: registry.host,
  tls: { caFile: registry.caFile },
});

describe('CredentialStore on the real Secret Service', () => {
  it('saves, reads, updates and deletes one entry per registry host and username', async () => {
    await credentials.save('registry.example.com:5000', 'alice', 'first-secret');
    expect(await credentials.get('registry.example.com:5000', 'alice')).toEqual({
      host: 'registry.example.com:5000',
      username: 'alice',
      kind: 'password',
      secret: 'first-secret',
    });
    expect(await secretToolLookup('registry.example.com:5000/alice')).toContain('first-secret');

    await credentials.save('registry.example.com:5000', 'alice', 'ghp_second', 'access-token');
    await credentials.save('registry.example.com:5000', 'bob', 'bobs-secret');
    expect(await credentials.get('registry.example.com:5000', 'alice')).toMatchObject({
      kind: 'access-token',
      secret: 'ghp_second',
    });
    expect(await credentials.has('registry.example.com:5000', 'bob')).toBe(true);

    expect(await credentials.remove('registry.example.com:5000', 'alice')).toBe(true);
    expect(await credentials.remove('registry.example.com:5000', 'alice')).toBe(false);
    expect(await credentials.get('registry.example.com:5000', 'alice')).toBeUndefined();
    expect(await secretToolLookup('registry.example.com:5000/alice')).toBeUndefined();
    expect(await credentials.has('registry.example.com:5000', 'bob')).toBe(true);
    await credentials.remove('registry.example.com:5000', 'bob');
  });

  it('lists hosts, usernames and kinds without the secrets, filing Docker Hub aliases under docker.io', async () => {
    await credentials.save('index.docker.io', 'hubuser', 'dckr_pat_1', 'access-token');
    await credentials.save('ghcr.io', 'octo', 'refresh-1', 'identity-token');
    const listed = await credentials.list();
    expect(listed).toEqual([
      { host: 'docker.io', username: 'hubuser', kind: 'access-token' },
      { host: 'ghcr.io', username: 'octo', kind: 'identity-token' },
    ]);
    expect(JSON.stringify(listed)).not.toContain('dckr_pat_1');
    expect(await credentials.listHosts()).toEqual(['docker.io', 'ghcr.io']);
    expect(await credentials.has('registry-1.docker.io', 'hubuser')).toBe(true);
    await credentials.remove('docker.io', 'hubuser');
    await credentials.remove('ghcr.io', 'octo');
  });

  it('hands each kind of secret to the registry client the way it must be sent', () => {
    const base = { host: 'h', username: 'u', secret: 's' };
    expect(toRegistryCredential({ ...base, kind: 'password' })).toEqual({
      kind: 'basic',
      username: 'u',
      password: 's',
    });
    expect(toRegistryCredential({ ...base, kind: 'access-token' })).toMatchObject({ kind: 'basic' });
    expect(toRegistryCredential({ ...base, username: '<token>', kind: 'identity-token' })).toEqual({
      kind: 'identity-token',
      token: 's',
      username: undefined,
    });
    expect(toRegistryCredential({ ...base, kind: 'registry-token' })).toEqual({
      kind: 'registry-token',
      token: 's',
    });
  });

  it('shows whether a saved connection has a credential, never the secret', async () => {
    const settings = new SettingsStore(path.join(dataDir, 'describe'));
    settings.save({ name: 'with', host: 'with.example.com', username: 'alice' });
    settings.save({ name: 'without', host: 'without.example.com', username: 'bob' });
    settings.save({ name: 'anonymous', host: 'anon.example.com' });
    await credentials.save('with.example.com', 'alice', 'described-secret');
    const { connections, keychainProblem } = await describeConnections(settings, credentials);
    expect(keychainProblem).toBeUndefined();
    expect(connections.map((c) => [c.name, c.hasCredential, c.credentialKind])).toEqual([
      ['with', true, 'password'],
      ['without', false, undefined],
      ['anonymous', false, undefined],
    ]);
    expect(JSON.stringify(connections)).not.toContain('described-secret');
    await credentials.remove('with.example.com', 'alice');
  });
});

describe('login', () => {
  it.each([
    ['htpasswd over TLS', () => basicRegistry],
    ['token auth', () => tokenRegistry],
  ])('does not store a refused password (%s)', async (_setup, registry) => {
    const target = registry();
    await expect(
      login(credentials, { connection: connectionTo(target), username: 'alice', secret: 'wrong-password' }),
    ).rejects.toMatchObject({ code: 'AUTH' });
    expect(await credentials.get(target.host, 'alice')).toBeUndefined();
    expect(await secretToolLookup(`${target.host}/alice`)).toBeUndefined();
  });

  it.each([
    ['htpasswd over TLS', () => basicRegistry, 'basic'],
    ['token auth', () => tokenRegistry, 'bearer'],
  ])(
    'stores a password the registry accepts (%s), and logout removes it',
    async (_setup, registry, scheme) => {
      const target = registry();
      const result = await login(credentials, {
        connection: connectionTo(target),
        username: 'alice',
        secret: 'wonderland-pass',
      });
      expect(result).toMatchObject({ host: target.host, username: 'alice', kind: 'password' });
      expect(result.ping.authScheme).toBe(scheme);
      expect(await credentials.get(target.host, 'alice')).toMatchObject({ secret: 'wonderland-pass' });
      expect(await logout(credentials, target.host, 'alice')).toBe(true);
      expect(await credentials.has(target.host, 'alice')).toBe(false);
    },
  );

  it('stores the new refresh token when the token server rotates it during the check', async () => {
    const first = await requestRefreshToken(
      tokenRegistry.tokenServer!,
      tokenRegistry.dispatcher,
      'alice',
      'wonderland-pass',
    );
    const result = await login(credentials, {
      connection: connectionTo(tokenRegistry),
      username: 'alice',
      secret: first,
      kind: 'identity-token',
    });
    expect(result.kind).toBe('identity-token');
    const stored = await credentials.get(tokenRegistry.host, 'alice');
    expect(stored?.kind).toBe('identity-token');
    expect(stored?.secret).not.toBe(first);
    expect(tokenRegistry.tokenServer!.requests.at(-1)).toMatchObject({
      grantType: 'refresh_token',
      status: 200,
    });
    await credentials.remove(tokenRegistry.host, 'alice');
  });
});

interface ChildResult {
  ok: boolean;
  code?: string;
  problem?: string;
  message?: string;
  hint?: string;
}

describe('an unusable keychain', () => {
  // libsecret keeps the bus it first connected to, so each case runs in its own Node process.
  async function inChild(env: NodeJS.ProcessEnv, body: string) {
    const modulePath = path.resolve('dist/electron/core/credentials/index.js');
    const script = `
      const { CredentialStore, keytarKeychain } = await import(${JSON.stringify(modulePath)});
      const store = new CredentialStore(keytarKeychain(), { service: ${JSON.stringify(SERVICE)} });
      try { ${body}; console.log(JSON.stringify({ ok: true })); }
      catch (error) { console.log(JSON.stringify({ ok: false, code: error.code, problem: error.problem, message: error.message, hint: error.hint })); }`;
    const result = await runCommand(process.execPath, ['--input-type=module', '-e', script], { env });
    return {
      ...(JSON.parse(result.stdout.trim()) as ChildResult),
      raw: result.stdout + result.stderr,
    };
  }

  it('says no Secret Service is running when the session bus leads nowhere, and stores nothing', async () => {
    const result = await inChild(
      keyring.env({ DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(dataDir, 'no-bus-here')}` }),
      `await store.save('nowhere.example.com', 'alice', 'unstored-secret')`,
    );
    expect(result).toMatchObject({ ok: false, code: 'KEYCHAIN', problem: 'unavailable' });
    expect(result.message).toMatch(/^no Secret Service is running, so Berth could not store the credential/);
    expect(result.hint).toMatch(/install and start gnome-keyring or KWallet.*unlock your keyring/i);
    expect(result.raw).not.toContain('unstored-secret');
    expect(await credentials.has('nowhere.example.com', 'alice')).toBe(false);
  });

  it('says no Secret Service is running when there is no session bus at all', async () => {
    const env = keyring.env();
    delete env.DBUS_SESSION_BUS_ADDRESS;
    const result = await inChild(env, `await store.get('nowhere.example.com', 'alice')`);
    expect(result).toMatchObject({ ok: false, code: 'KEYCHAIN', problem: 'unavailable' });
  });

  it('says the keychain is locked when the keyring is locked, and stores nothing', async () => {
    const locked = await startKeyring();
    try {
      await locked.lock();
      const result = await inChild(
        locked.env(),
        `await store.save('locked.example.com', 'alice', 'locked-secret')`,
      );
      expect(result).toMatchObject({ ok: false, code: 'KEYCHAIN', problem: 'locked' });
      expect(result.hint).toMatch(/Unlock your keyring/);
      expect(result.raw).not.toContain('locked-secret');
    } finally {
      await locked.stop();
    }
  });
});

describe('settings beside the keychain', () => {
  it('hold usernames but none of the secrets stored above', async () => {
    const settingsFile = path.join(dataDir, 'describe', 'config.json');
    const text = await readFile(settingsFile, 'utf8');
    for (const secret of ['described-secret', 'wonderland-pass', 'first-secret', 'ghp_second']) {
      expect(text).not.toContain(secret);
    }
  });
});
