import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreApi } from '../../electron/core/api/index.js';
import { BerthServices } from '../../electron/core/services.js';
import { BerthCli } from '../fixtures/berth-cli.js';
import { skopeo } from '../fixtures/berth-client.js';
import { pushImage, pushIndex, sha256, type PushedImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let dataDir: string;
// `registry add --username` checks the keychain before the registry: the CLI gets a private one.
let keyring: KeyringHandle;
const keychainService = `BerthTest-cli-${randomUUID()}`;
let registry: RegistryHandle;
let image: PushedImage;
const password = 'wonderland-pass';

const cli = new BerthCli(() =>
  keyring.env({ BERTH_DATA_DIR: dataDir, BERTH_KEYCHAIN_SERVICE: keychainService }),
);
const berth = (args: string[], input?: string) => cli.run(args, input);

const creds = ['--username', 'alice', '--password-stdin'];

beforeAll(async () => {
  keyring = await startKeyring();
  dataDir = await makeTempDir('berth-cli-');
  registry = await startRegistry({ auth: 'htpasswd', tls: true, deleteEnabled: true });
  image = await pushImage(registry, 'team/app', '1.0', { layers: 2 });
  await pushIndex(registry, 'team/multi', 'v1', {
    format: 'docker',
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64' },
    ],
  });
});

afterAll(async () => {
  await registry?.stop();
  await keyring?.stop();
  await removeDir(dataDir);
});

describe('berth CLI against a TLS + htpasswd registry', () => {
  it('refuses to save a connection whose password is wrong, with one line on stderr', async () => {
    const result = await berth(
      ['registry', 'add', 'local', `https://${registry.host}`, '--ca-file', registry.caFile!, ...creds],
      'nope-nope',
    );
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toMatch(/^berth: .*username or password was refused/);
    expect(result.stderr).not.toContain('nope-nope');
    const list = await berth(['registry', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('adds a registry after pinging it and records the kind it detected', async () => {
    const result = await berth([
      'registry',
      'add',
      'local',
      `https://${registry.host}`,
      '--ca-file',
      registry.caFile!,
      '--json',
    ]);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as {
      connection: { host: string; kind: string };
      ping: { authScheme: string };
      hasCredential: boolean;
    };
    expect(out.connection).toMatchObject({ host: registry.host, kind: 'distribution' });
    expect(out.ping.authScheme).toBe('basic');
    expect(out.hasCredential).toBe(false);
    const settings = await readFile(path.join(dataDir, 'config.json'), 'utf8');
    expect(settings).toContain(registry.host);
    expect(settings).not.toContain(password);
  });

  it('refuses a second connection under a name already taken, as the app does', async () => {
    const again = await berth([
      'registry',
      'add',
      'local',
      `https://${registry.host}`,
      '--ca-file',
      registry.caFile!,
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('a connection named "local" already exists');
  });

  it('explains how it reads a reference and which connection applies', async () => {
    const result = await berth(['ref', `${registry.host}/team/app:1.0`, '--json']);
    expect(JSON.parse(result.stdout)).toMatchObject({
      registry: registry.host,
      repository: 'team/app',
      tag: '1.0',
      canonical: `${registry.host}/team/app:1.0`,
      connection: { name: 'local', scheme: 'https' },
    });
    const hub = JSON.parse((await berth(['ref', 'nginx', '--json'])).stdout);
    expect(hub).toMatchObject({
      registry: 'docker.io',
      repository: 'library/nginx',
      canonical: 'docker.io/library/nginx:latest',
      connection: null,
    });
    const bad = await berth(['ref', 'ghcr.io/Owner/repo']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('must be lowercase');
  });

  it('lists repositories and tags through the saved connection', async () => {
    const repos = JSON.parse((await berth(['repos', 'local', '--json', ...creds], password)).stdout);
    expect(repos.repositories).toEqual(['team/app', 'team/multi']);
    const filtered = (await berth(['repos', 'local', '--filter', 'multi', ...creds], password)).stdout.trim();
    expect(filtered).toBe('team/multi');
    const tags = JSON.parse(
      (await berth(['tags', `${registry.host}/team/app`, '--json', ...creds], password)).stdout,
    );
    expect(tags).toEqual({ repository: `${registry.host}/team/app`, tags: ['1.0'] });
  });

  it('inspects an image, prints raw bytes exactly, and picks a platform of an index', async () => {
    const inspected = JSON.parse(
      (await berth(['inspect', `${registry.host}/team/app:1.0`, '--json', ...creds], password)).stdout,
    );
    expect(inspected).toMatchObject({
      digest: image.digest,
      kind: 'image',
      configDigest: image.configDigest,
    });
    expect(inspected.rawManifest).toBeUndefined();
    const raw = await berth(
      ['inspect', `${registry.host}/team/app:1.0`, '--raw', '--json', ...creds],
      password,
    );
    expect(raw.stdout).toBe(image.manifestBytes.toString());
    const arm = JSON.parse(
      (
        await berth(
          ['inspect', `${registry.host}/team/multi:v1`, '--platform', 'linux/arm64', '--json', ...creds],
          password,
        )
      ).stdout,
    );
    expect(arm.selected.platform).toBe('linux/arm64');
    const human = await berth(['inspect', `${registry.host}/team/multi:v1`, ...creds], password);
    expect(human.stdout).toMatch(/Platforms:\n {2}\* linux\/amd64/);
    const config = JSON.parse(
      (await berth(['inspect', `${registry.host}/team/app:1.0`, '--config', '--json', ...creds], password))
        .stdout,
    );
    expect(config.config.WorkingDir).toBe('/srv');
  });

  it("inspects by tag and by digest exactly as the app's registry.inspect does (one inspect operation)", async () => {
    keyring.useInThisProcess();
    const services = new BerthServices({ dataDir, keychainService });
    services.perCallCredential = { kind: 'basic', username: 'alice', password };
    const api = new CoreApi(services);
    try {
      for (const reference of ['1.0', image.digest]) {
        const text = `${registry.host}/team/app${reference.includes(':') ? '@' : ':'}${reference}`;
        const fromCli = JSON.parse((await berth(['inspect', text, '--json', ...creds], password)).stdout);
        const fromApp = await api.call('registry.inspect', {
          connection: 'local',
          repository: 'team/app',
          reference,
        });
        if (!fromApp.ok) throw new Error(fromApp.error.message);
        const { rawManifest: _m, rawIndex: _i, rawConfig: _c, ...view } = fromApp.value;
        expect(fromCli).toEqual(view);
        expect(fromCli.reference).toBe(
          reference === '1.0' ? text : `${registry.host}/team/app@${image.digest}`,
        );
      }
    } finally {
      api.close();
      await services.close();
    }
  });

  it('retags and removes one tag, leaving the sibling (checked with skopeo)', async () => {
    const tagged = await berth(['tag', `${registry.host}/team/app:1.0`, 'stable', ...creds], password);
    expect(tagged.code).toBe(0);
    const viaSkopeo = JSON.parse(
      await skopeo(registry, 'list-tags', `docker://${registry.host}/team/app`),
    ) as { Tags: string[] };
    expect(viaSkopeo.Tags.sort()).toEqual(['1.0', 'stable']);
    const refused = await berth(['rm', `${registry.host}/team/app:1.0`, ...creds], password);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not deleted');
    const removed = await berth(['rm', `${registry.host}/team/app:1.0`, '--yes', ...creds], password);
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('garbage collection');
    const after = JSON.parse(await skopeo(registry, 'list-tags', `docker://${registry.host}/team/app`)) as {
      Tags: string[];
    };
    expect(after.Tags).toEqual(['stable']);
    const raw = await skopeo(registry, 'inspect', '--raw', `docker://${registry.host}/team/app:stable`);
    expect(sha256(Buffer.from(raw))).toBe(image.digest);
  });

  it('deletes by digest and lists the tags that went with it', async () => {
    const result = await berth(
      ['rm', `${registry.host}/team/app@${image.digest}`, '--yes', '--json', ...creds],
      password,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ digest: image.digest, removedTags: ['stable'] });
  });

  it('fails cleanly without credentials and for an unreachable registry', async () => {
    const anonymous = await berth(['tags', `${registry.host}/team/multi`]);
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr).toMatch(/^berth: .*needs a login/);
    expect(anonymous.stderr).toMatch(/hint: Log in/);
    const nowhere = await berth(['tags', '127.0.0.1:1/team/app', '--json']);
    expect(nowhere.code).toBe(1);
    expect(JSON.parse(nowhere.stdout).error.code).toBe('NETWORK');
    expect(nowhere.stderr).toContain('connection refused');
  });

  it('removes a saved connection', async () => {
    expect((await berth(['registry', 'remove', 'local'])).code).toBe(0);
    expect((await berth(['registry', 'remove', 'local'])).stderr).toContain(
      'no saved registry named "local"',
    );
  });
});
