// Importing Docker's logins: config.json `auths`, a `credsStore` helper, `credHelpers`, and helpers that
// are missing or misbehave. Helpers are test scripts speaking the docker-credential-helpers protocol;
// secrets land in a private gnome-keyring through the real keytar.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CredentialStore,
  DockerLogins,
  importDockerLogin,
  keytarKeychain,
} from '../../electron/core/credentials/index.js';
import { SettingsStore } from '../../electron/core/settings/index.js';
import { BerthCli } from '../fixtures/berth-cli.js';
import { installTestHelper } from '../fixtures/docker-helper.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const SERVICE = `BerthTest-docker-import-${randomUUID()}`;
const HUB = 'https://index.docker.io/v1/';
const b64 = (text: string) => Buffer.from(text).toString('base64');

let keyring: KeyringHandle;
let registry: RegistryHandle;
let credentials: CredentialStore;
let root: string;
let caseNumber = 0;
// Per test: a Docker config dir, a bin dir on PATH for helpers, a Berth data dir.
let dockerDir: string;
let binDir: string;
let dataDir: string;

beforeAll(async () => {
  keyring = await startKeyring();
  keyring.useInThisProcess();
  credentials = new CredentialStore(keytarKeychain(), { service: SERVICE });
  registry = await startRegistry({ auth: 'htpasswd', tls: true });
  root = await makeTempDir('docker-import');
});

afterAll(async () => {
  await registry?.stop();
  await keyring?.stop();
  await removeDir(root);
});

beforeEach(async () => {
  caseNumber += 1;
  dockerDir = path.join(root, `case-${caseNumber}`, 'docker');
  binDir = path.join(root, `case-${caseNumber}`, 'bin');
  dataDir = path.join(root, `case-${caseNumber}`, 'berth');
  await mkdir(dockerDir, { recursive: true });
  await mkdir(binDir, { recursive: true });
  for (const entry of await credentials.list()) await credentials.remove(entry.host, entry.username);
});

const env = (): NodeJS.ProcessEnv => ({
  ...process.env,
  DOCKER_CONFIG: dockerDir,
  // No Podman logins: its files are the case's own, and there are none.
  REGISTRY_AUTH_FILE: path.join(dockerDir, 'no-podman-auth.json'),
  XDG_CONFIG_HOME: path.join(dockerDir, 'no-config-home'),
  PATH: `${binDir}${path.delimiter}${process.env.PATH}`,
});
const writeDockerConfig = (config: unknown) =>
  writeFile(path.join(dockerDir, 'config.json'), JSON.stringify(config, null, '\t'));
const docker = (options: { helperTimeoutMs?: number } = {}) => new DockerLogins({ env: env(), ...options });
const deps = () => ({ docker: docker(), credentials, settings: new SettingsStore(dataDir) });

describe('Docker logins in config.json auths', () => {
  const secrets = ['wonderland-pass', 'hub-refresh-secret', 'access-secret', 'legacy-secret', 'glrt-secret'];

  beforeEach(async () => {
    await writeDockerConfig({
      auths: {
        [registry.host]: { auth: b64('alice:wonderland-pass') },
        [HUB]: { auth: b64('hubuser:'), identitytoken: 'hub-refresh-secret' },
        [`${HUB}access-token`]: { auth: b64('hubuser:access-secret') },
        [`${HUB}refresh-token`]: { auth: b64('hubuser:refresh-secret..berth') },
        'https://legacy.example.com/v1/': { auth: b64('old:legacy-secret') },
        'gitlab.example.com': { registrytoken: 'glrt-secret' },
        'quay.io': {},
        'broken.example.com': { auth: 'not base64!' },
      },
      psFormat: 'table {{.ID}}',
    });
  });

  it("offers each login with host, username, kind and source but no secret, hiding Hub's token entries", async () => {
    const scan = await docker().scan();
    expect(scan.configPath).toBe(path.join(dockerDir, 'config.json'));
    expect(scan.logins.map((l) => [l.host, l.username, l.kind, l.source])).toEqual([
      [registry.host, 'alice', 'password', 'config-file'],
      ['docker.io', 'hubuser', 'identity-token', 'config-file'],
      ['gitlab.example.com', '<token>', 'registry-token', 'config-file'],
      ['legacy.example.com', 'old', 'password', 'config-file'],
    ]);
    expect(scan.problems).toEqual([
      expect.objectContaining({
        code: 'DOCKER_CREDENTIALS',
        message: expect.stringMatching(/broken\.example\.com.*base64/),
      }),
    ]);
    const shown = JSON.stringify(scan);
    for (const secret of secrets) expect(shown).not.toContain(secret);
  });

  it('copies only the accepted login into the keychain and points a connection at it', async () => {
    const imported = await importDockerLogin(registry.host, deps());
    expect(imported).toMatchObject({
      host: registry.host,
      username: 'alice',
      kind: 'password',
      createdConnection: true,
    });
    expect(await credentials.get(registry.host, 'alice')).toMatchObject({ secret: 'wonderland-pass' });
    expect(await credentials.list()).toEqual([{ host: registry.host, username: 'alice', kind: 'password' }]);
    const settingsText = await readFile(path.join(dataDir, 'config.json'), 'utf8');
    expect(JSON.parse(settingsText).connections).toEqual([
      expect.objectContaining({ name: registry.host, host: registry.host, username: 'alice' }),
    ]);
    for (const secret of secrets) expect(settingsText).not.toContain(secret);
  });

  it('imports an identity token for Docker Hub under docker.io with its kind', async () => {
    const imported = await importDockerLogin('docker.io', deps());
    expect(imported).toMatchObject({ host: 'docker.io', username: 'hubuser', kind: 'identity-token' });
    expect(imported.connection.kind).toBe('dockerhub');
    expect(await credentials.get('docker.io', 'hubuser')).toMatchObject({
      kind: 'identity-token',
      secret: 'hub-refresh-secret',
    });
  });

  it('refuses a host Docker has no login for', async () => {
    await expect(importDockerLogin('quay.io', deps())).rejects.toThrow(/Docker has no login for quay\.io/);
    expect(await credentials.list()).toEqual([]);
  });
});

describe('Docker logins behind credsStore', () => {
  it('lists them with the helper (no secret read) and gets the secret only on import', async () => {
    const helper = await installTestHelper(binDir, {
      entries: {
        [registry.host]: { Username: 'alice', Secret: 'wonderland-pass' },
        [HUB]: { Username: '<token>', Secret: 'hub-identity-secret' },
        [`${HUB}access-token`]: { Username: 'hubuser', Secret: 'hidden-access' },
      },
    });
    await writeDockerConfig({
      auths: { [registry.host]: {}, 'plain.example.com': { auth: b64('bob:ignored-plain') } },
      credsStore: 'berthtest',
    });
    const scan = await docker().scan();
    // With a credsStore, Docker reads logins from the helper only: the plain-text entry is not used.
    expect(scan.logins.map((l) => [l.host, l.username, l.kind, l.source, l.helper])).toEqual([
      [registry.host, 'alice', 'password', 'credsStore', 'berthtest'],
      ['docker.io', '<token>', 'identity-token', 'credsStore', 'berthtest'],
    ]);
    expect(scan.problems).toEqual([]);
    expect(await helper.calls()).toEqual([{ action: 'list', input: 'unused' }]);

    await importDockerLogin(registry.host, deps());
    expect(await helper.calls()).toContainEqual({ action: 'get', input: registry.host });
    expect(await credentials.get(registry.host, 'alice')).toMatchObject({ secret: 'wonderland-pass' });

    await importDockerLogin('docker.io', deps());
    expect(await helper.calls()).toContainEqual({ action: 'get', input: HUB });
    expect(await credentials.get('docker.io', '<token>')).toMatchObject({
      kind: 'identity-token',
      secret: 'hub-identity-secret',
    });
  });
});

describe('Docker logins behind credHelpers', () => {
  it('asks the per-registry helper, which wins over the file entry for that registry', async () => {
    const helper = await installTestHelper(binDir, {
      name: 'perregistry',
      entries: { [registry.host]: { Username: 'alice', Secret: 'wonderland-pass' } },
    });
    await writeDockerConfig({
      auths: {
        [registry.host]: { auth: b64('mallory:stale-plain') },
        'ghcr.io': { auth: b64('octo:ghp_x') },
      },
      credHelpers: { [registry.host]: 'perregistry', 'nothing.example.com': 'perregistry' },
    });
    const scan = await docker().scan();
    expect(scan.logins.map((l) => [l.host, l.username, l.source])).toEqual([
      [registry.host, 'alice', 'credHelpers'],
      ['ghcr.io', 'octo', 'config-file'],
    ]);
    // "credentials not found in native keychain" for nothing.example.com is no login, not an error.
    expect(scan.problems).toEqual([]);
    expect((await helper.calls()).map((c) => c.input)).toEqual([registry.host, 'nothing.example.com']);
    await importDockerLogin(registry.host, deps());
    expect(await credentials.get(registry.host, 'alice')).toMatchObject({ secret: 'wonderland-pass' });
  });
});

describe('broken credential helpers', () => {
  it.each([
    [
      'is missing',
      'nothere',
      undefined,
      /docker-credential-nothere is not installed \(not found on PATH\) \(credsStore in /,
    ],
    ['fails', 'fire', 'failing', /docker-credential-fire list failed: error: the test keychain is on fire$/],
    ['answers garbage', 'garbage', 'garbage', /docker-credential-garbage list did not answer JSON/],
    ['names a path', '../../bin/sh', undefined, /"..\/..\/bin\/sh" is not a credential helper name/],
  ] as const)(
    'reports a credsStore helper that %s and still offers the other logins',
    async (_what, name, mode, message) => {
      if (mode) await installTestHelper(binDir, { name, mode });
      const good = await installTestHelper(binDir, {
        name: 'good',
        entries: { 'ghcr.io': { Username: 'octo', Secret: 'ghp_y' } },
      });
      await writeDockerConfig({ credsStore: name, credHelpers: { 'ghcr.io': 'good' } });
      const scan = await docker().scan();
      expect(scan.problems).toHaveLength(1);
      expect(scan.problems[0]).toMatchObject({
        code: 'DOCKER_CREDENTIALS',
        message: expect.stringMatching(message),
      });
      expect(scan.problems[0]!.hint).toBeTruthy();
      expect(scan.logins.map((l) => l.host)).toEqual(['ghcr.io']);
      expect(await good.calls()).toHaveLength(1);
    },
  );

  it('gives up on a helper that does not answer', async () => {
    await installTestHelper(binDir, { name: 'slow', mode: 'hanging' });
    await writeDockerConfig({ credHelpers: { 'ghcr.io': 'slow' } });
    const started = Date.now();
    const scan = await docker({ helperTimeoutMs: 300 }).scan();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(scan.problems[0]?.message).toBe('docker-credential-slow get did not answer within 300 ms');
  });

  it('gives up on time even when the hung helper left a child holding its output open', async () => {
    await installTestHelper(binDir, { name: 'agent', mode: 'hanging-with-child' });
    await writeDockerConfig({ credHelpers: { 'ghcr.io': 'agent' } });
    const started = Date.now();
    try {
      const scan = await docker({ helperTimeoutMs: 300 }).scan();
      expect(Date.now() - started).toBeLessThan(5000);
      expect(scan.problems[0]?.message).toBe('docker-credential-agent get did not answer within 300 ms');
    } finally {
      const pid = Number(await readFile(path.join(binDir, 'agent-child.pid'), 'utf8').catch(() => ''));
      if (pid) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    }
  });
});

describe('writing a login back for the Docker CLI', () => {
  it('stores it through the configured helper and leaves config.json as it was', async () => {
    const helper = await installTestHelper(binDir);
    await writeDockerConfig({ auths: {}, credsStore: 'berthtest' });
    const before = await readFile(path.join(dockerDir, 'config.json'), 'utf8');
    expect(await docker().writeForDocker(registry.host, 'alice', 'written-back', 'password')).toBe(
      'docker-credential-berthtest',
    );
    await docker().writeForDocker('docker.io', 'hubuser', 'hub-token-back', 'identity-token');
    expect(await helper.entries()).toEqual({
      [registry.host]: { Username: 'alice', Secret: 'written-back' },
      [HUB]: { Username: '<token>', Secret: 'hub-token-back' },
    });
    expect(await readFile(path.join(dockerDir, 'config.json'), 'utf8')).toBe(before);
  });

  it('refuses when Docker would keep it in config.json as plain text', async () => {
    await writeDockerConfig({ auths: { 'ghcr.io': {} } });
    const before = await readFile(path.join(dockerDir, 'config.json'), 'utf8');
    await expect(docker().writeForDocker(registry.host, 'alice', 'not-written', 'password')).rejects.toThrow(
      /as plain text .* Berth does not write secrets there/,
    );
    expect(await readFile(path.join(dockerDir, 'config.json'), 'utf8')).toBe(before);
  });
});

describe('berth registry import-docker', () => {
  it('lists without importing, imports the chosen host with --yes, and the registry then accepts it', async () => {
    await installTestHelper(binDir, {
      entries: {
        [registry.host]: { Username: 'alice', Secret: 'wonderland-pass' },
        'ghcr.io': { Username: 'octo', Secret: 'ghp_cli_secret' },
      },
    });
    await writeDockerConfig({ credsStore: 'berthtest' });
    const cli = new BerthCli(() =>
      keyring.env({ ...env(), BERTH_DATA_DIR: dataDir, BERTH_KEYCHAIN_SERVICE: SERVICE }),
    );
    // The connection's TLS settings come first; the import fills in the login.
    expect(
      (await cli.run(['registry', 'add', 'local', `https://${registry.host}`, '--ca-file', registry.caFile!]))
        .code,
    ).toBe(0);

    const listed = await cli.run(['registry', 'import-docker', '--json']);
    expect(listed.code).toBe(0);
    const offer = JSON.parse(listed.stdout) as { logins: { host: string }[]; imported: unknown[] };
    expect(offer.logins.map((l) => l.host)).toEqual([registry.host, 'ghcr.io']);
    expect(offer.imported).toEqual([]);
    expect(await credentials.list()).toEqual([]);
    const human = await cli.run(['registry', 'import-docker']);
    expect(human.stdout).toMatch(/Nothing imported/);

    const imported = await cli.run(['registry', 'import-docker', '--yes', '--host', registry.host]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(
      new RegExp(
        `${registry.host.replace(/\./g, '\\.')}\\s+alice\\s+password\\s+credsStore: docker-credential-berthtest\\s+imported`,
      ),
    );
    expect(imported.stdout).not.toContain('ghcr.io');
    expect(await credentials.list()).toEqual([{ host: registry.host, username: 'alice', kind: 'password' }]);

    const repos = await cli.run(['repos', 'local', '--json']);
    expect(repos.code).toBe(0);
    expect(JSON.parse(repos.stdout)).toEqual({ registry: registry.host, repositories: [] });

    const unknown = await cli.run(['registry', 'import-docker', '--yes', '--host', 'quay.io']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Docker has no login for quay.io');

    const transcript = cli.transcript.join('\n');
    expect(transcript).not.toContain('wonderland-pass');
    expect(transcript).not.toContain('ghp_cli_secret');
    expect(await readFile(path.join(dataDir, 'config.json'), 'utf8')).not.toContain('wonderland-pass');
  });

  it("keeps a saved connection's username, as the app's import does, and copies no secret for it", async () => {
    await installTestHelper(binDir, {
      entries: { [registry.host]: { Username: 'alice', Secret: 'wonderland-pass' } },
    });
    await writeDockerConfig({ credsStore: 'berthtest' });
    new SettingsStore(dataDir).save({ name: 'local', host: registry.host, kind: 'generic', username: 'bob' });
    const cli = new BerthCli(() =>
      keyring.env({ ...env(), BERTH_DATA_DIR: dataDir, BERTH_KEYCHAIN_SERVICE: SERVICE }),
    );

    const result = await cli.run(['registry', 'import-docker', '--yes', '--host', registry.host, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).imported).toEqual([
      { host: registry.host, imported: false, skipped: true, connection: 'local' },
    ]);
    expect(new SettingsStore(dataDir).get('local')?.username).toBe('bob');
    expect(await credentials.list()).toEqual([]);
  });

  it("copies Docker's secret back into a connection logged out of, which kept the same username", async () => {
    await installTestHelper(binDir, {
      entries: { [registry.host]: { Username: 'alice', Secret: 'wonderland-pass' } },
    });
    await writeDockerConfig({ credsStore: 'berthtest' });
    const cli = new BerthCli(() =>
      keyring.env({ ...env(), BERTH_DATA_DIR: dataDir, BERTH_KEYCHAIN_SERVICE: SERVICE }),
    );
    const added = await cli.run(
      [
        'registry',
        'add',
        'local',
        `https://${registry.host}`,
        '--ca-file',
        registry.caFile!,
        '--username',
        'alice',
        '--password-stdin',
      ],
      'wonderland-pass\n',
    );
    expect(added.code).toBe(0);
    expect((await cli.run(['logout', 'local'])).code).toBe(0);
    expect(await credentials.list()).toEqual([]);

    const result = await cli.run(['registry', 'import-docker', '--yes', '--host', registry.host, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).imported).toEqual([
      { host: registry.host, imported: true, createdConnection: false },
    ]);
    expect(await credentials.list()).toEqual([{ host: registry.host, username: 'alice', kind: 'password' }]);
    expect(new SettingsStore(dataDir).get('local')).toMatchObject({
      username: 'alice',
      tls: { caFile: registry.caFile },
    });
    const repos = await cli.run(['repos', 'local', '--json']);
    expect(repos.code).toBe(0);
    expect(cli.transcript.join('\n')).not.toContain('wonderland-pass');
  });

  it('exits 1 and names the helper when it is broken', async () => {
    await writeDockerConfig({ credsStore: 'gone' });
    const cli = new BerthCli(() =>
      keyring.env({ ...env(), BERTH_DATA_DIR: dataDir, BERTH_KEYCHAIN_SERVICE: SERVICE }),
    );
    const result = await cli.run(['registry', 'import-docker']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('docker-credential-gone is not installed (not found on PATH)');
  });
});
