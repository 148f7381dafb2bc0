// Connections whose login comes from a Docker credential helper asked each time: a helper of the test's
// own (`docker-credential-berthtest`, on PATH for this file) hands out short-lived passwords that the real
// token server behind a real Distribution accepts only while fresh. The connection keeps working across
// that expiry — through the services in this process, the browser host and the CLI — and no password the
// helper handed out reaches the settings, the keychain, the host's answers or the CLI's output.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionTestResult, ConnectionView } from '../../shared/contract/index.js';
import { repositoryAt } from '../../shared/location.js';
import { CredentialStore, keytarKeychain } from '../../electron/core/credentials/index.js';
import { listTags } from '../../electron/core/registry/index.js';
import { BerthServices } from '../../electron/core/services.js';
import { BerthCli } from '../fixtures/berth-cli.js';
import { BerthHost } from '../fixtures/berth-host.js';
import { installTestHelper, issuedAt, type HelperMode, type TestHelper } from '../fixtures/docker-helper.js';
import { pushImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const SERVICE = `BerthTest-helper-logins-${randomUUID()}`;
/** The helper's stored secret; what it hands out is this plus its issue time, good for FRESH_MS. */
const SECRET = `cloud-secret-${randomUUID()}`;
/** Long enough for one listing on a loaded machine, short enough to wait out. */
const FRESH_MS = 6000;
/** Every wait's deadline. */
const WAIT_MS = 30_000;

let keyring: KeyringHandle;
let credentials: CredentialStore;
let registry: RegistryHandle;
let root: string;
let binDir: string;
const handedOut: string[] = [];

/** The passwords the token server was shown, kept so the test can search every output for them. */
function isFresh(user: string, password: string): boolean {
  const issued = issuedAt(password, SECRET);
  if (issued === undefined) return false;
  if (!handedOut.includes(password)) handedOut.push(password);
  return user === 'alice' && Date.now() - issued < FRESH_MS;
}

beforeAll(async () => {
  keyring = await startKeyring();
  keyring.useInThisProcess();
  credentials = new CredentialStore(keytarKeychain(), { service: SERVICE });
  root = await makeTempDir('helper-logins');
  binDir = path.join(root, 'bin');
  await mkdir(binDir, { recursive: true });
  registry = await startRegistry({
    auth: 'token',
    tls: true,
    users: { alice: 'not-this-one' },
    // Tokens outlive nothing: every listing after a second needs the password again.
    token: { expiresInSeconds: 1, acceptPassword: isFresh },
  });
  await pushImage(registry, 'team/app', '1.0');
  await pushImage(registry, 'team/app', '2.0');
});

afterAll(async () => {
  await registry?.stop();
  await keyring?.stop();
  await removeDir(root);
});

/** A helper named `name` in its own folder, and the environment that puts it first on PATH. */
async function helperOnPath(
  name: string,
  mode: HelperMode,
): Promise<{ helper: TestHelper; env: NodeJS.ProcessEnv }> {
  const dir = path.join(binDir, name);
  await mkdir(dir, { recursive: true });
  const helper = await installTestHelper(dir, {
    name,
    mode,
    entries: { [registry.host]: { Username: 'alice', Secret: SECRET } },
  });
  return { helper, env: { ...process.env, PATH: `${dir}${path.delimiter}${process.env.PATH}` } };
}

/** Services over a fresh data folder with one connection served by `docker-credential-<helper>`. */
async function servicesWithHelper(helper: string, env: NodeJS.ProcessEnv, helperTimeoutMs?: number) {
  const dataDir = await makeTempDir('helper-logins-data');
  const services = new BerthServices({ dataDir, keychainService: SERVICE, helperTimeoutMs });
  services.settings.save({
    name: 'cloud',
    host: registry.host,
    tls: { caFile: registry.caFile },
    credentialHelper: helper,
  });
  // The helper is found on PATH, as Docker finds it.
  const savedPath = process.env.PATH;
  process.env.PATH = env.PATH;
  return {
    services,
    dataDir,
    async done() {
      process.env.PATH = savedPath;
      await services.close();
      await removeDir(dataDir);
    },
  };
}

async function tagsOf(services: BerthServices): Promise<string[]> {
  const tags: string[] = [];
  for await (const page of listTags(services.client, repositoryAt(registry.host, 'team/app')))
    tags.push(...page);
  return tags.sort();
}

const gets = async (helper: TestHelper) => (await helper.calls()).filter((call) => call.action === 'get');

/** Waits until the helper's first password is stale (the token server would refuse it), within a deadline. */
async function untilStale(password: string): Promise<void> {
  const issued = issuedAt(password, SECRET)!;
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() - issued < FRESH_MS + 200) {
    if (Date.now() > deadline) throw new Error('the password never went stale');
    await sleep(100);
  }
}

describe('a connection served by a credential helper', () => {
  it('keeps listing tags after the helper’s password expired, asking the helper once more', async () => {
    const { helper, env } = await helperOnPath('berthtest', 'short-lived');
    const { services, dataDir, done } = await servicesWithHelper('berthtest', env);
    try {
      expect(await tagsOf(services)).toEqual(['1.0', '2.0']);
      expect(await gets(helper)).toHaveLength(1);
      const first = handedOut.at(-1)!;
      await untilStale(first);

      const refusedBefore = registry.tokenServer!.requests.filter((r) => r.status === 401).length;
      expect(await tagsOf(services)).toEqual(['1.0', '2.0']);
      // The stale password was refused once, the helper asked once more, and the listing went on.
      expect(registry.tokenServer!.requests.filter((r) => r.status === 401).length).toBe(refusedBefore + 1);
      expect(await gets(helper)).toHaveLength(2);
      expect((await gets(helper)).map((call) => call.input)).toEqual([registry.host, registry.host]);

      // Nothing the helper said was kept anywhere but in memory.
      const settings = await readFile(path.join(dataDir, 'config.json'), 'utf8');
      expect(settings).toContain('"credentialHelper": "berthtest"');
      expect(await credentials.list()).toEqual([]);
      for (const password of handedOut) {
        expect(settings).not.toContain(password);
        expect(services.secrets.list()).toContain(password);
      }
      expect(services.warnings.join('\n')).not.toContain(SECRET);
    } finally {
      await done();
    }
  });

  it('asks the helper once for many requests, and only once more when all of them were refused', async () => {
    const { helper, env } = await helperOnPath('berthmany', 'short-lived');
    const { services, done } = await servicesWithHelper('berthmany', env);
    try {
      await Promise.all([tagsOf(services), tagsOf(services), tagsOf(services)]);
      expect(await gets(helper)).toHaveLength(1);
      await untilStale(handedOut.at(-1)!);
      const lists = await Promise.all([tagsOf(services), tagsOf(services), tagsOf(services)]);
      expect(lists).toEqual([
        ['1.0', '2.0'],
        ['1.0', '2.0'],
        ['1.0', '2.0'],
      ]);
      expect(await gets(helper)).toHaveLength(2);
    } finally {
      await done();
    }
  });

  it('does not loop when the helper’s fresh answer is refused too: it asks once more, then says why', async () => {
    // A helper that hands out the same (never valid) password every time.
    const { helper, env } = await helperOnPath('berthstale', 'working');
    const { services, done } = await servicesWithHelper('berthstale', env);
    try {
      const error = await tagsOf(services).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'AUTH', message: expect.stringMatching(/refused user "alice"/) });
      expect(await gets(helper)).toHaveLength(2);
    } finally {
      await done();
    }
  });

  const failures: Array<[string, HelperMode | 'missing', RegExp, RegExp, RegExp]> = [
    [
      'is not installed',
      'missing',
      /docker-credential-berthmissing is not installed \(not found on PATH\)/,
      /Install docker-credential-berthmissing/,
      /berth login/,
    ],
    [
      'fails',
      'failing',
      /docker-credential-berthfailing get failed: error: the test keychain is on fire/,
      /could not give Berth the login/,
      /echo .* \| docker-credential-berthfailing get/,
    ],
    [
      'prints garbage',
      'garbage',
      /docker-credential-berthgarbage get did not answer JSON/,
      /could not give Berth the login/,
      /docker-credential-berthgarbage get/,
    ],
    [
      'hangs',
      'hanging',
      /docker-credential-berthhanging get did not answer within 2 s/,
      /unlocked/,
      /Unlock the keychain/,
    ],
  ];
  it.each(failures)('says what to do when the helper %s', async (_what, mode, message, appHint, hint) => {
    const name = mode === 'missing' ? 'berthmissing' : `berth${mode}`;
    const env = mode === 'missing' ? process.env : (await helperOnPath(name, mode)).env;
    const { services, done } = await servicesWithHelper(name, env, 2000);
    try {
      const started = Date.now();
      const error = await tagsOf(services).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(WAIT_MS);
      expect(error).toMatchObject({ code: 'AUTH', message: expect.stringMatching(message) });
      const info = (error as { toInfo(): { hint?: string; commandHint?: string } }).toInfo();
      expect(info.hint).toMatch(appHint);
      expect(info.commandHint).toMatch(hint);
    } finally {
      await done();
    }
  });

  it('says the helper has no login for the registry when it answers "credentials not found"', async () => {
    const dir = path.join(binDir, 'berthempty');
    await mkdir(dir, { recursive: true });
    await installTestHelper(dir, { name: 'berthempty', entries: {} });
    const { services, done } = await servicesWithHelper('berthempty', {
      ...process.env,
      PATH: `${dir}${path.delimiter}${process.env.PATH}`,
    });
    try {
      const error = (await tagsOf(services).catch((e: unknown) => e)) as Error;
      expect(error.message).toBe(
        `docker-credential-berthempty has no login for ${registry.host} (credentials not found)`,
      );
      const info = (error as unknown as { toInfo(): { hint?: string; commandHint?: string } }).toInfo();
      expect(info.hint).toMatch(/Log in to .* with the tool that fills docker-credential-berthempty/);
      expect(info.commandHint).toMatch(/docker login/);
    } finally {
      await done();
    }
  });

  it('never repeats what a failing helper wrote on stderr, where a secret may be', async () => {
    const { env } = await helperOnPath('berthchatty', 'chatty-failing');
    const { services, done } = await servicesWithHelper('berthchatty', env);
    try {
      const error = (await tagsOf(services).catch((e: unknown) => e)) as Error;
      expect(error.message).toMatch(/docker-credential-berthchatty get failed: exit status 1$/);
      expect(JSON.stringify((error as unknown as { toInfo(): unknown }).toInfo())).not.toContain(SECRET);
    } finally {
      await done();
    }
  });
});

describe('a helper-served connection through the browser host and the CLI', () => {
  let host: BerthHost;
  let helper: TestHelper;
  let env: NodeJS.ProcessEnv;
  let dataDir: string;

  beforeAll(async () => {
    ({ helper, env } = await helperOnPath('berthhost', 'short-lived'));
    dataDir = path.join(root, 'host-data');
    await mkdir(dataDir, { recursive: true });
    await writeFile(
      path.join(dataDir, 'config.json'),
      JSON.stringify({
        schemaVersion: 1,
        connections: [
          {
            name: 'cloud',
            host: registry.host,
            tls: { caFile: registry.caFile },
            credentialHelper: 'berthhost',
          },
        ],
      }),
    );
    host = await BerthHost.start(
      keyring.env({
        ...env,
        BERTH_DATA_DIR: dataDir,
        BERTH_KEYCHAIN_SERVICE: SERVICE,
        BERTH_RENDERER_DIR: path.join(root, 'no-renderer'),
      }),
    );
    await host.logIn();
  });

  afterAll(async () => {
    await host?.stop();
  });

  it('shows which helper serves the connection, checks it and lists tags across expiry', async () => {
    const listed = await host.call<{ connections: ConnectionView[] }>('connections.list', {});
    expect(listed.body.value.connections).toEqual([
      expect.objectContaining({ name: 'cloud', credentialHelper: 'berthhost', hasCredential: false }),
    ]);
    const checked = await host.call<ConnectionTestResult>('connections.test', { name: 'cloud' });
    expect(checked.body.error).toBeUndefined();
    expect(checked.body.value.credentialsChecked).toBe(true);

    const tags = () =>
      host.call<{ items: string[] }>('registry.listTags', { connection: 'cloud', repository: 'team/app' });
    expect((await tags()).body.value.items.sort()).toEqual(['1.0', '2.0']);
    const asked = (await gets(helper)).length;
    await untilStale(handedOut.at(-1)!);
    const again = await tags();
    expect(again.body.error).toBeUndefined();
    expect(again.body.value.items.sort()).toEqual(['1.0', '2.0']);
    expect(await gets(helper)).toHaveLength(asked + 1);

    // Checking the connection after its login expired again asks the helper once more too.
    await untilStale(handedOut.at(-1)!);
    const checkedAgain = await host.call<ConnectionTestResult>('connections.test', { name: 'cloud' });
    expect(checkedAgain.body.error).toBeUndefined();
    expect(checkedAgain.body.value.credentialsChecked).toBe(true);
    expect(await gets(helper)).toHaveLength(asked + 2);
  });

  it('lists tags through the CLI with the helper, and prints no secret', async () => {
    const cli = new BerthCli(() =>
      keyring.env({ ...env, BERTH_DATA_DIR: dataDir, BERTH_KEYCHAIN_SERVICE: SERVICE }),
    );
    const before = (await gets(helper)).length;
    const result = await cli.run(['tags', `${registry.host}/team/app`, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).tags.sort()).toEqual(['1.0', '2.0']);
    expect(await gets(helper)).toHaveLength(before + 1);

    const list = await cli.run(['registry', 'list']);
    expect(list.stdout).toMatch(/cloud .*docker-credential-berthhost/);
    for (const output of [result.stdout, result.stderr, list.stdout, list.stderr])
      for (const password of handedOut) expect(output).not.toContain(password);
  });

  it('berth login --credential-helper checks the helper’s login and saves the connection as served by it', async () => {
    const { helper: cliHelper, env: cliEnv } = await helperOnPath('berthcli', 'short-lived');
    const loginData = path.join(root, 'login-data');
    const cli = new BerthCli(() =>
      keyring.env({ ...cliEnv, BERTH_DATA_DIR: loginData, BERTH_KEYCHAIN_SERVICE: SERVICE }),
    );
    const add = ['registry', 'add', 'cloud', `https://${registry.host}`, '--ca-file', registry.caFile!];
    expect((await cli.run(add)).code).toBe(0);

    const bad = await cli.run(['login', 'cloud', '--credential-helper', '../../bin/sh']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"../../bin/sh" is not a credential helper name');
    const both = await cli.run(
      ['login', 'cloud', '--credential-helper', 'berthcli', '--password-stdin'],
      'x',
    );
    expect(both.code).toBe(1);
    expect(both.stderr).toMatch(/takes no --username, --password-stdin or --token/);
    expect(await gets(cliHelper)).toHaveLength(0);

    const result = await cli.run(['login', 'cloud', '--credential-helper', 'berthcli', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      host: registry.host,
      credentialHelper: 'docker-credential-berthcli',
      authScheme: 'bearer',
      storedIn: 'nothing',
    });
    expect(await gets(cliHelper)).toHaveLength(1);
    const settings = await readFile(path.join(loginData, 'config.json'), 'utf8');
    expect(JSON.parse(settings).connections).toEqual([
      expect.objectContaining({ name: 'cloud', credentialHelper: 'berthcli' }),
    ]);
    expect(await credentials.list()).toEqual([]);
    const tags = await cli.run(['tags', `${registry.host}/team/app`]);
    expect(tags.code).toBe(0);
    for (const password of [SECRET, ...handedOut]) {
      expect(cli.transcript.join('\n')).not.toContain(password);
      expect(settings).not.toContain(password);
    }
  });

  it('never sent a password the helper handed out, nor kept one in the keychain or the settings', async () => {
    expect(handedOut.length).toBeGreaterThan(0);
    const received = host.received.join('\n');
    const settings = await readFile(path.join(dataDir, 'config.json'), 'utf8');
    expect(received).toContain('berthhost');
    for (const password of [SECRET, ...handedOut]) {
      expect(received).not.toContain(password);
      expect(settings).not.toContain(password);
    }
    expect(await credentials.list()).toEqual([]);
  });
});
