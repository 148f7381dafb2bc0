import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  classifyRegistry,
  defaultDataDir,
  gitLabApiFromRealm,
  migrateSettings,
  parseRegistryUrl,
  SETTINGS_VERSION,
  settingsFileOptions,
  SettingsStore,
} from '../../electron/core/settings/index.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

describe('parseRegistryUrl', () => {
  it.each([
    ['127.0.0.1:5000', { host: '127.0.0.1:5000', insecureHttp: false }],
    ['https://ghcr.io', { host: 'ghcr.io', insecureHttp: false }],
    ['http://10.0.0.5:5000/', { host: '10.0.0.5:5000', insecureHttp: true }],
    ['https://index.docker.io/v2/', { host: 'docker.io', insecureHttp: false }],
    ['registry-1.docker.io', { host: 'docker.io', insecureHttp: false }],
  ])('%s', (input, expected) => {
    expect(parseRegistryUrl(input)).toEqual(expected);
  });

  it.each([
    ['ftp://host', /https/],
    ['https://user:pw@host', /credentials/],
    ['https://host/some/path', /no path/],
    ['http://', /not a registry address/],
  ])('refuses %s', (input, message) => {
    expect(() => parseRegistryUrl(input)).toThrow(message);
  });
});

describe('parseRegistryUrl with a password in the address', () => {
  it.each(['https://alice:Hunter-22@host', 'alice:Hunter-22@host:5000', 'http://alice:Hunter/22#x@host/a'])(
    'refuses %s without quoting the password back',
    (input) => {
      let error: unknown;
      try {
        parseRegistryUrl(input);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(Error);
      const { message, hint } = error as { message: string; hint?: string };
      expect(`${message} ${hint}`).not.toMatch(/Hunter|alice/);
      expect(message).toContain('…@');
    },
  );
});

describe('registry kind detection', () => {
  it.each([
    ['docker.io', {}, 'dockerhub'],
    ['registry-1.docker.io', {}, 'dockerhub'],
    ['ghcr.io', { apiVersion: 'registry/2.0' }, 'ghcr'],
    ['quay.io', {}, 'quay'],
    [
      'harbor.example.com',
      { apiVersion: 'registry/2.0', harborProbe: { status: 200, json: { auth_mode: 'db_auth' } } },
      'harbor',
    ],
    ['harbor.example.com', { harborProbe: { status: 200, json: { harbor_version: 'v2.11.0' } } }, 'harbor'],
    [
      'harbor.example.com',
      {
        apiVersion: 'registry/2.0',
        harborProbe: { status: 401, wwwAuthenticate: 'Basic realm="harbor"' },
      },
      'harbor',
    ],
    [
      '127.0.0.1:5000',
      { apiVersion: 'registry/2.0', harborProbe: { status: 404, json: { errors: [] } } },
      'distribution',
    ],
    [
      '127.0.0.1:5000',
      { harborProbe: { status: 401, wwwAuthenticate: 'Basic realm="Registry"' } },
      'generic',
    ],
    ['nexus.example.com', {}, 'generic'],
    // Self-managed GitLab and Quay, by the token server their registry's challenge names.
    [
      'registry.gitlab.example.com',
      {
        apiVersion: 'registry/2.0',
        realm: 'https://gitlab.example.com/jwt/auth',
        service: 'container_registry',
      },
      'gitlab',
    ],
    [
      'gitlab.example.com:5050',
      { realm: 'https://gitlab.example.com/jwt/auth', service: 'container_registry' },
      'gitlab',
    ],
    ['quay.example.com', { realm: 'https://quay.example.com/v2/auth', service: 'quay.example.com' }, 'quay'],
    [
      '127.0.0.1:5000',
      { apiVersion: 'registry/2.0', realm: 'https://auth.example.com/v2/auth', service: 'registry' },
      'distribution',
    ],
    [
      '127.0.0.1:5000',
      { apiVersion: 'registry/2.0', realm: 'https://auth.example.com/jwt/auth', service: 'registry' },
      'distribution',
    ],
  ] as const)('%s with %j is %s', (host, fingerprint, kind) => {
    expect(classifyRegistry(host, fingerprint)).toBe(kind);
  });
});

describe("GitLab's API address from its registry's challenge", () => {
  it.each([
    ['https://gitlab.example.com/jwt/auth', 'https://registry.example.com/v2/', 'https://gitlab.example.com'],
    ['https://example.com/gitlab/jwt/auth', 'https://cr.example.com/v2/', 'https://example.com/gitlab'],
    ['http://127.0.0.1:5000/jwt/auth', 'http://127.0.0.1:5000/v2/', 'http://127.0.0.1:5000'],
    // A plain-HTTP address that is not the registry's own origin never gets the login.
    ['http://127.0.0.1:5001/jwt/auth', 'http://127.0.0.1:5000/v2/', undefined],
    ['https://auth.example.com/token', 'https://registry.example.com/v2/', undefined],
    [undefined, 'https://registry.example.com/v2/', undefined],
  ] as const)('%s for %s is %s', (realm, registry, api) => {
    expect(gitLabApiFromRealm(realm, registry)).toBe(api);
  });
});

const v0File = {
  connections: [
    { name: 'local', host: '127.0.0.1:5000', insecureHttp: true, tls: {}, kind: 'generic' },
    { name: 'hub', host: 'index.docker.io', insecureHttp: false, tls: {}, kind: 'dockerhub', username: 'me' },
  ],
};

describe('the settings folder', () => {
  it("is the app's userData folder; an empty XDG_CONFIG_HOME or APPDATA counts as unset, never the current folder", () => {
    const home = os.homedir();
    expect(defaultDataDir({}, 'linux')).toBe(path.join(home, '.config', 'Berth'));
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x/config' }, 'linux')).toBe(path.join('/x/config', 'Berth'));
    expect(defaultDataDir({ XDG_CONFIG_HOME: '' }, 'linux')).toBe(path.join(home, '.config', 'Berth'));
    expect(defaultDataDir({ APPDATA: '' }, 'win32')).toBe(path.join(home, 'AppData', 'Roaming', 'Berth'));
    expect(defaultDataDir({ BERTH_DATA_DIR: 'rel', XDG_CONFIG_HOME: '' }, 'linux')).toBe(path.resolve('rel'));
  });
});

describe('settings migrations', () => {
  it('migrates the unversioned v0 file to the current version', () => {
    const result = migrateSettings(structuredClone(v0File));
    expect(result).toMatchObject({ ok: true, fromVersion: 0 });
    if (!result.ok) return;
    expect(result.settings.schemaVersion).toBe(SETTINGS_VERSION);
    expect(result.settings.connections).toEqual([
      { ...v0File.connections[0], ui: { pinnedRepositories: [] } },
      { ...v0File.connections[1], host: 'docker.io', ui: { pinnedRepositories: [] } },
    ]);
  });

  it('refuses a version from the future and a version that is not a number', () => {
    expect(migrateSettings({ schemaVersion: SETTINGS_VERSION + 1 })).toEqual({
      ok: false,
      reason: 'newer',
      version: SETTINGS_VERSION + 1,
    });
    expect(migrateSettings({ schemaVersion: 'one' })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(migrateSettings([])).toMatchObject({ ok: false, reason: 'invalid' });
  });
});

describe('SettingsStore', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await makeTempDir('settings');
    file = path.join(dir, 'config.json');
  });
  afterEach(async () => removeDir(dir));

  const backups = async () => (await readdir(dir)).filter((name) => name.startsWith('config.json.corrupt-'));

  it('saves, finds by host (Docker Hub aliases too) and removes connections', async () => {
    const store = new SettingsStore(dir);
    store.save({ name: 'local', host: '127.0.0.1:5000', insecureHttp: true });
    store.save({ name: 'hub', host: 'docker.io', kind: 'dockerhub', username: 'me' });
    expect(new SettingsStore(dir).findByHost('index.docker.io')?.name).toBe('hub');
    expect(() => store.save({ name: 'again', host: '127.0.0.1:5000' })).toThrow(/already saved as "local"/);
    expect(store.remove('local')).toBe(true);
    expect(store.remove('local')).toBe(false);
    expect(store.list().map((c) => c.name)).toEqual(['hub']);
    const written = JSON.parse(await readFile(file, 'utf8'));
    expect(written.schemaVersion).toBe(SETTINGS_VERSION);
    expect(written.connections).toHaveLength(1);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('saves cleanup rules of saved connections, renames and removes them, and drops them with their connection', async () => {
    const store = new SettingsStore(dir);
    store.save({ name: 'local', host: '127.0.0.1:5000', insecureHttp: true });
    const rule = { name: 'old', connection: 'local', repositories: 'team/*', keep: 3, protect: ['latest'] };
    expect(() => store.saveCleanupRule({ ...rule, connection: 'nobody' })).toThrow(/no saved connection/);
    store.saveCleanupRule(rule);
    store.saveCleanupRule({ ...rule, name: 'nightly', olderThan: '2w' });
    expect(() => store.saveCleanupRule({ ...rule, name: 'nightly' }, 'old')).toThrow(/exists already/);
    store.saveCleanupRule({ ...rule, name: 'renamed' }, 'old');
    expect(new SettingsStore(dir).cleanupRules().map((r) => r.name)).toEqual(['nightly', 'renamed']);
    // Nothing secret and nothing but the rule is written.
    expect(JSON.parse(await readFile(file, 'utf8')).cleanupRules[0]).toEqual({
      ...rule,
      name: 'nightly',
      olderThan: '2w',
    });
    expect(store.removeCleanupRule('nightly')).toBe(true);
    expect(store.removeCleanupRule('nightly')).toBe(false);
    store.remove('local', { placesTo: 'lab' });
    expect(store.cleanupRules().map((r) => r.connection)).toEqual(['lab']);
    store.save({ name: 'lab', host: '127.0.0.1:5000', insecureHttp: true });
    store.remove('lab');
    expect(store.cleanupRules()).toEqual([]);
  });

  it('sets aside a cleanup rule edited by hand into no rule: the connections stay usable and the file keeps it as written', async () => {
    const good = { name: 'good', connection: 'local', repositories: 'team/*', keep: 3, protect: ['latest'] };
    const bad = [
      { name: 'negative', connection: 'local', repositories: 'team/*', keep: -1, protect: [] },
      { name: 'forever', connection: 'local', repositories: 'team/*', olderThan: '99999y', protect: [] },
      { name: 'good', connection: 'local', repositories: 'other', keep: 1, protect: [] },
      'not a rule',
    ];
    await writeFile(
      file,
      JSON.stringify({
        schemaVersion: SETTINGS_VERSION,
        connections: [{ name: 'local', host: '127.0.0.1:5000', insecureHttp: true }],
        cleanupRules: [good, ...bad],
      }),
    );
    const store = new SettingsStore(dir);
    expect(store.problem).toBeUndefined();
    expect(store.list().map((c) => c.name)).toEqual(['local']);
    expect(store.cleanupRules().map((r) => r.name)).toEqual(['good']);
    expect(store.unreadableCleanupRules()).toEqual([
      { name: 'negative', problem: 'keep: keep 0 or more tags' },
      { name: 'forever', problem: expect.stringMatching(/^olderThan: an age is/) as unknown },
      { name: 'good', problem: 'another rule named "good" comes before it' },
      { problem: expect.stringMatching(/^rule: /) as unknown },
    ]);
    expect(await backups()).toEqual([]);
    // Another change keeps them in the file as written; saving a rule of that name replaces one.
    store.save({ name: 'hub', host: 'docker.io', kind: 'dockerhub' });
    expect(JSON.parse(await readFile(file, 'utf8')).cleanupRules).toEqual([good, ...bad]);
    store.saveCleanupRule({ ...good, name: 'negative', keep: 1 });
    expect(store.cleanupRules().map((r) => r.name)).toEqual(['good', 'negative']);
    expect(store.removeCleanupRule('forever')).toBe(true);
    expect(store.unreadableCleanupRules().map((r) => r.name)).toEqual(['good', undefined]);
    // They go with their connection like any rule.
    store.remove('local');
    expect(JSON.parse(await readFile(file, 'utf8')).cleanupRules).toEqual(['not a rule']);
  });

  it('keeps TLS options, the kind hint and UI preferences of a connection', () => {
    const store = new SettingsStore(dir);
    store.save({
      name: 'lab',
      host: 'harbor.lab:8443',
      tls: { caFile: '/etc/lab-ca.pem', certFile: '/c.pem', keyFile: '/k.pem', skipVerify: false },
      kind: 'harbor',
      username: 'robot$ci',
      ui: { pinnedRepositories: ['team/app'], lastRepository: 'team/app', color: '#3366ff' },
    });
    expect(new SettingsStore(dir).get('lab')).toEqual({
      name: 'lab',
      host: 'harbor.lab:8443',
      insecureHttp: false,
      tls: { caFile: '/etc/lab-ca.pem', certFile: '/c.pem', keyFile: '/k.pem', skipVerify: false },
      kind: 'harbor',
      username: 'robot$ci',
      ui: { pinnedRepositories: ['team/app'], lastRepository: 'team/app', color: '#3366ff' },
    });
    expect(() =>
      store.save({ name: 'bad', host: 'x', ui: { pinnedRepositories: [], color: 'red' } }),
    ).toThrow();
  });

  it('reads a v0 file through the migration and writes the current version on the next change', async () => {
    const original = JSON.stringify(v0File);
    await writeFile(file, original);
    const store = new SettingsStore(dir);
    expect(store.problem).toBeUndefined();
    expect(store.findByHost('docker.io')).toMatchObject({ name: 'hub', username: 'me' });
    expect(await readFile(file, 'utf8')).toBe(original);
    store.save({ name: 'ghcr', host: 'ghcr.io', kind: 'ghcr' });
    const written = JSON.parse(await readFile(file, 'utf8'));
    expect(written.schemaVersion).toBe(SETTINGS_VERSION);
    expect(written.connections.map((c: { host: string }) => c.host)).toEqual([
      '127.0.0.1:5000',
      'docker.io',
      'ghcr.io',
    ]);
  });

  it('reports a damaged file by name, backs it up once, never replaces it, and refuses changes', async () => {
    const damaged = '{ "schemaVersion": 1, "connections": [ broken';
    await writeFile(file, damaged);
    const store = new SettingsStore(dir, { now: () => new Date('2026-11-25T10:00:00.000Z') });
    expect(store.problem?.code).toBe('CONFIG');
    expect(store.problem?.message).toContain(file);
    expect(store.list()).toEqual([]);
    expect(store.findByHost('ghcr.io')).toBeUndefined();
    expect(() => store.save({ name: 'x', host: 'ghcr.io' })).toThrow(
      new RegExp(`settings not changed: .*${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged`),
    );
    expect(() => store.remove('x')).toThrow(/is damaged/);
    expect(await readFile(file, 'utf8')).toBe(damaged);
    expect(await backups()).toEqual(['config.json.corrupt-2026-11-25T10-00-00-000Z']);
    expect(await readFile(path.join(dir, 'config.json.corrupt-2026-11-25T10-00-00-000Z'), 'utf8')).toBe(
      damaged,
    );
    expect(store.problem?.message).toContain('config.json.corrupt-2026-11-25T10-00-00-000Z');
    // Later reads (another run of Berth) reuse the copy instead of piling up new ones.
    new SettingsStore(dir, { now: () => new Date('2026-11-26T10:00:00.000Z') }).list();
    expect(await backups()).toHaveLength(1);
  });

  it('treats a file that parses but breaks the schema as damaged', async () => {
    await writeFile(file, JSON.stringify({ schemaVersion: 1, connections: [{ name: '', host: 7 }] }));
    const store = new SettingsStore(dir);
    expect(store.problem?.message).toMatch(/damaged \(connections\.0\.name/);
    expect(await backups()).toHaveLength(1);
    expect(() => store.save({ name: 'x', host: 'ghcr.io' })).toThrow(/settings not changed/);
  });

  it('reads what it can from a newer version but does not write it', async () => {
    const newer = JSON.stringify({
      schemaVersion: SETTINGS_VERSION + 1,
      connections: [{ name: 'q', host: 'quay.io', kind: 'quay', futureField: 1 }, { name: 42 }],
    });
    await writeFile(file, newer);
    const store = new SettingsStore(dir);
    expect(store.list().map((c) => c.name)).toEqual(['q']);
    expect(() => store.remove('q')).toThrow(/newer Berth/);
    expect(await readFile(file, 'utf8')).toBe(newer);
    expect(await backups()).toEqual([]);
  });

  it('writes the file conf (and so electron-store) reads with the shared options', () => {
    new SettingsStore(dir).save({ name: 'quay', host: 'quay.io', kind: 'quay' });
    const conf = new Conf<Record<string, unknown>>(settingsFileOptions(dir));
    expect(conf.path).toBe(file);
    expect(conf.store).toMatchObject({ schemaVersion: 1, connections: [{ name: 'quay', host: 'quay.io' }] });
  });
});
