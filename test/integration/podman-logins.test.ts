// Podman's logins beside Docker's: auth.json files written by the real `podman login` (REGISTRY_AUTH_FILE,
// $XDG_RUNTIME_DIR/containers/auth.json, $XDG_CONFIG_HOME/containers/auth.json) against real Distribution
// registries (htpasswd over TLS), read in Podman's order, a corrupt or unreadable one listed as a problem
// beside the others, and imported through the CLI into a private gnome-keyring — copied, or (for a
// `credHelpers` entry) asked of the helper each time.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CredentialStore, DockerLogins, keytarKeychain } from '../../electron/core/credentials/index.js';
import { SettingsStore } from '../../electron/core/settings/index.js';
import { BerthCli } from '../fixtures/berth-cli.js';
import { installTestHelper } from '../fixtures/docker-helper.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { podmanLogin } from '../fixtures/podman.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const SERVICE = `BerthTest-podman-logins-${randomUUID()}`;
const SECRETS = ['first-pass-31', 'second-pass-47', 'docker-pass-59'];

let keyring: KeyringHandle;
let credentials: CredentialStore;
let first: RegistryHandle;
let second: RegistryHandle;
let root: string;
let caseNumber = 0;
let caseDir: string;

beforeAll(async () => {
  keyring = await startKeyring();
  keyring.useInThisProcess();
  credentials = new CredentialStore(keytarKeychain(), { service: SERVICE });
  root = await makeTempDir('podman-logins');
  [first, second] = await Promise.all([
    startRegistry({ auth: 'htpasswd', tls: true, users: { alice: 'first-pass-31', bob: 'first-pass-31' } }),
    startRegistry({ auth: 'htpasswd', tls: true, users: { carol: 'second-pass-47' } }),
  ]);
});

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  await keyring?.stop();
  await removeDir(root);
});

beforeEach(async () => {
  caseNumber += 1;
  caseDir = path.join(root, `case-${caseNumber}`);
  for (const dir of ['home/.docker', 'runtime', 'config', 'bin', 'berth'])
    await mkdir(path.join(caseDir, dir), { recursive: true });
  for (const entry of await credentials.list()) await credentials.remove(entry.host, entry.username);
});

/**
 * The case's own home (Docker's ~/.docker), Podman and PATH folders: nothing of this machine's user is
 * read. No DOCKER_CONFIG: with it, Podman makes Docker's config.json its primary file.
 */
const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: path.join(caseDir, 'home'),
    XDG_RUNTIME_DIR: path.join(caseDir, 'runtime'),
    XDG_CONFIG_HOME: path.join(caseDir, 'config'),
    PATH: `${path.join(caseDir, 'bin')}${path.delimiter}${process.env.PATH}`,
    ...extra,
  };
  if (!extra.REGISTRY_AUTH_FILE) delete base.REGISTRY_AUTH_FILE;
  if (!extra.DOCKER_CONFIG) delete base.DOCKER_CONFIG;
  return base;
};
const dockerFile = () => path.join(caseDir, 'home', '.docker', 'config.json');
const runtimeFile = () => path.join(caseDir, 'runtime', 'containers', 'auth.json');
const configFile = () => path.join(caseDir, 'config', 'containers', 'auth.json');
const cli = () =>
  new BerthCli(() =>
    keyring.env({ ...env(), BERTH_DATA_DIR: path.join(caseDir, 'berth'), BERTH_KEYCHAIN_SERVICE: SERVICE }),
  );

describe("Podman's auth.json files", () => {
  it('lists the logins podman login wrote, in the order Podman reads its files, each with its file', async () => {
    // The primary file (XDG_RUNTIME_DIR) has alice; the config file has bob for the same registry and
    // carol for the second one: Podman uses alice for the first registry, so Berth offers alice.
    await podmanLogin(first, { username: 'alice', password: 'first-pass-31', env: env() });
    await podmanLogin(first, {
      username: 'bob',
      password: 'first-pass-31',
      env: env(),
      authFile: configFile(),
    });
    await podmanLogin(second, {
      username: 'carol',
      password: 'second-pass-47',
      env: env(),
      authFile: configFile(),
    });
    expect(JSON.parse(await readFile(runtimeFile(), 'utf8')).auths).toHaveProperty(first.host);

    const scan = await new DockerLogins({ env: env(), homeDir: path.join(caseDir, 'home') }).scan();
    expect(scan.podmanFiles).toEqual([runtimeFile(), configFile()]);
    expect(scan.problems).toEqual([]);
    expect(scan.logins.map((l) => [l.host, l.username, l.source, l.tool, l.file])).toEqual(
      [
        [first.host, 'alice', 'config-file', 'podman', runtimeFile()],
        [second.host, 'carol', 'config-file', 'podman', configFile()],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );
    expect(JSON.stringify(scan)).not.toContain('first-pass-31');
  });

  it('reads the file REGISTRY_AUTH_FILE names instead of the runtime one, and Docker’s login wins for its registry', async () => {
    const override = path.join(caseDir, 'override-auth.json');
    await podmanLogin(first, { username: 'alice', password: 'first-pass-31', env: env() });
    await podmanLogin(first, {
      username: 'bob',
      password: 'first-pass-31',
      env: env({ REGISTRY_AUTH_FILE: override }),
    });
    await podmanLogin(second, {
      username: 'carol',
      password: 'second-pass-47',
      env: env(),
      authFile: configFile(),
    });
    // Docker has its own login for the second registry.
    await writeFile(
      dockerFile(),
      JSON.stringify({
        auths: { [second.host]: { auth: Buffer.from('dave:docker-pass-59').toString('base64') } },
      }),
    );

    const scan = await new DockerLogins({
      env: env({ REGISTRY_AUTH_FILE: override }),
      homeDir: path.join(caseDir, 'home'),
    }).scan();
    expect(scan.podmanFiles).toEqual([override, configFile()]);
    expect(scan.logins.map((l) => [l.host, l.username, l.tool])).toEqual(
      [
        [first.host, 'bob', 'podman'],
        [second.host, 'dave', 'docker'],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );
  });

  it('with DOCKER_CONFIG set, reads the login podman login wrote into Docker’s config.json as Docker’s', async () => {
    const dockerConfig = path.join(caseDir, 'docker-config');
    await podmanLogin(first, {
      username: 'alice',
      password: 'first-pass-31',
      env: env({ DOCKER_CONFIG: dockerConfig }),
    });
    const scan = await new DockerLogins({ env: env({ DOCKER_CONFIG: dockerConfig }) }).scan();
    expect(scan.podmanFiles).toEqual([configFile()]);
    expect(scan.logins.map((l) => [l.host, l.username, l.tool, l.file])).toEqual([
      [first.host, 'alice', 'docker', path.join(dockerConfig, 'config.json')],
    ]);
  });

  it('lists a corrupt or unreadable auth.json as a problem beside the logins it could read', async () => {
    await mkdir(path.dirname(runtimeFile()), { recursive: true });
    await writeFile(runtimeFile(), '{"auths": {"oops.example.com": ');
    // A folder where the file should be: reading it fails (as root, permissions would not stop it).
    await mkdir(configFile(), { recursive: true });
    await writeFile(
      dockerFile(),
      JSON.stringify({
        auths: { [second.host]: { auth: Buffer.from('dave:docker-pass-59').toString('base64') } },
      }),
    );

    const scan = await new DockerLogins({ env: env(), homeDir: path.join(caseDir, 'home') }).scan();
    expect(scan.logins.map((l) => [l.host, l.tool])).toEqual([[second.host, 'docker']]);
    expect(scan.problems).toEqual([
      expect.objectContaining({
        code: 'DOCKER_CREDENTIALS',
        message: expect.stringContaining(`Podman's auth file ${runtimeFile()} is not valid JSON`),
        hint: expect.stringMatching(/podman login/),
      }),
      expect.objectContaining({
        message: expect.stringContaining(`cannot read Podman's auth file ${configFile()}`),
      }),
    ]);
  });
});

describe('berth registry import-docker with Podman logins', () => {
  it('imports a login podman login wrote, copies it to the keychain, and the registry accepts it', async () => {
    await podmanLogin(first, { username: 'alice', password: 'first-pass-31', env: env() });
    const berth = cli();
    expect(
      (await berth.run(['registry', 'add', 'first', `https://${first.host}`, '--ca-file', first.caFile!]))
        .code,
    ).toBe(0);

    const listed = await berth.run(['registry', 'import-docker']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`Podman ${runtimeFile()}`);

    const imported = await berth.run(['registry', 'import-docker', '--yes', '--host', first.host, '--json']);
    expect(imported.code).toBe(0);
    const answer = JSON.parse(imported.stdout) as {
      logins: unknown[];
      imported: unknown[];
      podmanFiles: string[];
    };
    expect(answer.podmanFiles).toEqual([runtimeFile(), configFile()]);
    expect(answer.logins).toEqual([
      expect.objectContaining({ host: first.host, username: 'alice', tool: 'podman', file: runtimeFile() }),
    ]);
    expect(answer.imported).toEqual([{ host: first.host, imported: true, createdConnection: false }]);
    expect(await credentials.get(first.host, 'alice')).toMatchObject({ secret: 'first-pass-31' });

    const repos = await berth.run(['repos', 'first', '--json']);
    expect(repos.code).toBe(0);
    for (const secret of SECRETS) expect(berth.transcript.join('\n')).not.toContain(secret);
  });

  it('saves a credHelpers entry of auth.json as asked of the helper each time with --ask-helper', async () => {
    await installTestHelper(path.join(caseDir, 'bin'), {
      name: 'podmanhelper',
      entries: { [second.host]: { Username: 'carol', Secret: 'second-pass-47' } },
    });
    await mkdir(path.dirname(configFile()), { recursive: true });
    await writeFile(
      configFile(),
      JSON.stringify({ auths: {}, credHelpers: { [second.host]: 'podmanhelper' } }),
    );
    const berth = cli();
    expect(
      (await berth.run(['registry', 'add', 'second', `https://${second.host}`, '--ca-file', second.caFile!]))
        .code,
    ).toBe(0);

    const imported = await berth.run([
      'registry',
      'import-docker',
      '--yes',
      '--ask-helper',
      '--host',
      second.host,
      '--json',
    ]);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout).imported).toEqual([
      {
        host: second.host,
        imported: true,
        createdConnection: false,
        askHelper: 'docker-credential-podmanhelper',
      },
    ]);
    expect(await credentials.list()).toEqual([]);
    const settings = new SettingsStore(path.join(caseDir, 'berth'));
    expect(settings.get('second')).toMatchObject({
      credentialHelper: 'podmanhelper',
      tls: { caFile: second.caFile },
    });
    expect(settings.get('second')?.username).toBeUndefined();

    // The connection signs in through the helper.
    const repos = await berth.run(['repos', 'second', '--json']);
    expect(repos.code).toBe(0);
    const list = await berth.run(['registry', 'list']);
    expect(list.stdout).toMatch(/second .*docker-credential-podmanhelper/);
    expect(await readFile(path.join(caseDir, 'berth', 'config.json'), 'utf8')).not.toContain(
      'second-pass-47',
    );
    for (const secret of SECRETS) expect(berth.transcript.join('\n')).not.toContain(secret);
  });

  it('exits 1 with the helper named when --ask-helper saved a helper that then fails', async () => {
    await installTestHelper(path.join(caseDir, 'bin'), {
      name: 'flaky',
      entries: { [second.host]: { Username: 'carol', Secret: 'second-pass-47' } },
    });
    await writeFile(dockerFile(), JSON.stringify({ credHelpers: { [second.host]: 'flaky' } }));
    const berth = cli();
    expect(
      (await berth.run(['registry', 'add', 'second', `https://${second.host}`, '--ca-file', second.caFile!]))
        .code,
    ).toBe(0);
    expect((await berth.run(['registry', 'import-docker', '--yes', '--ask-helper', '--json'])).code).toBe(0);
    // The helper is gone from PATH.
    const withoutHelper = new BerthCli(() =>
      keyring.env({
        ...env({ PATH: process.env.PATH }),
        BERTH_DATA_DIR: path.join(caseDir, 'berth'),
        BERTH_KEYCHAIN_SERVICE: SERVICE,
      }),
    );
    const repos = await withoutHelper.run(['repos', 'second']);
    expect(repos.code).toBe(1);
    expect(repos.stderr).toContain('docker-credential-flaky is not installed (not found on PATH)');
    expect(repos.stderr).toMatch(/hint: Install docker-credential-flaky/);
  });
});
