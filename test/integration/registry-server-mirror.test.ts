// A pull-through cache of one's own (`berth server create --proxy`), offline: an upstream Distribution on
// 127.0.0.1 stands in for Docker Hub, Berth's cache proxies it, a real dockerd whose daemon.json Berth
// changes (diff, backup, SIGHUP, /info) pulls docker.io/library/… through it, and the second pull is
// served from the cache with the upstream stopped. The upstream login lives in the keychain and the
// 0600 config.yml only.
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthCli } from '../fixtures/berth-cli.js';
import { startDockerd, type DockerdHandle } from '../fixtures/dockerd.js';
import { pushImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { freePort, makeTempDir, removeDir, runCommand } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const SERVICE = `BerthTest-mirror-${randomUUID()}`;
const UPSTREAM_PASSWORD = `upstream-${randomUUID()}`;
const NAME = `berthmirror${randomUUID().slice(0, 8)}`;
let keyring: KeyringHandle;
let upstream: RegistryHandle;
let locked: RegistryHandle;
let dockerd: DockerdHandle | undefined;
let root: string;
let dataDir: string;
let cli: BerthCli;
const started: string[] = [];
let isUpstreamStopped = false;

beforeAll(async () => {
  keyring = await startKeyring();
  root = await makeTempDir('mirror');
  dataDir = path.join(root, 'berth');
  cli = new BerthCli(() => keyring.env({ BERTH_DATA_DIR: dataDir, BERTH_KEYCHAIN_SERVICE: SERVICE }));
  upstream = await startRegistry({ auth: 'none' });
  await pushImage(upstream, `library/${NAME}`, 'latest', { layers: 2, layerSize: 64 * 1024 });
  // Token auth, as Docker Hub's: Distribution 2.8's proxy sends its login to a token realm only.
  locked = await startRegistry({ auth: 'token', users: { puller: UPSTREAM_PASSWORD } });
  await pushImage(locked, 'team/app', '1', { layers: 1, layerSize: 16 * 1024 });
}, 120_000);

afterAll(async () => {
  for (const name of started) await cli.run(['server', 'stop', name]).catch(() => undefined);
  for (const name of started) {
    const pid = Number(
      await readFile(path.join(dataDir, 'servers', name, 'registry.pid'), 'utf8').catch(() => ''),
    );
    if (pid) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  await dockerd?.stop();
  if (!isUpstreamStopped) await upstream?.stop();
  await locked?.stop();
  await keyring?.stop();
  if (root) await removeDir(root);
}, 120_000);

const berth = (args: string[], input?: string) => cli.run(args, input);

async function create(name: string, args: string[], input?: string) {
  const port = await freePort();
  const result = await berth(
    [
      'server',
      'create',
      name,
      '--port',
      String(port),
      '--tls',
      'none',
      '--no-trust-docker',
      '--json',
      ...args,
    ],
    input,
  );
  if (result.code === 0) started.push(name);
  return { result, port };
}

async function show(name: string) {
  const result = await berth(['server', 'show', name, '--json']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as {
    proxy?: { remoteUrl: string; username?: string; isDockerHub: boolean };
    mirror: {
      stats?: {
        manifests: { requests: number; hits: number; misses: number };
        blobRequests: number;
      };
      statsProblem?: string;
      repositories: string[];
    };
  };
}

describe('a pull-through cache of your own', () => {
  it('refuses a wrong upstream login clearly, and makes nothing', async () => {
    const { result } = await create(
      'refused',
      ['--proxy', locked.url, '--proxy-username', 'puller', '--proxy-password-stdin'],
      'not-the-password',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/refused the upstream login of puller/);
    expect(result.stderr).not.toContain('not-the-password');
    expect(await readdir(path.join(dataDir, 'servers')).catch(() => [])).not.toContain('refused');
  });

  it('warns when the upstream is down at create time, and refuses a cache time Distribution 2.8 lacks', async () => {
    const downPort = await freePort();
    const { result } = await create('early', ['--proxy', `http://127.0.0.1:${downPort}`]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const created = JSON.parse(result.stdout) as { notes: string[]; state: string };
    expect(created.state).toBe('stopped');
    expect(created.notes.join('\n')).toMatch(/did not answer .*made but not started/);
    const start = await berth(['server', 'start', 'early']);
    expect(start.code).toBe(1);
    expect(start.stderr).toMatch(
      /early cannot start while its upstream http:\/\/127\.0\.0\.1:\d+ does not answer/,
    );
    expect(created.notes.join('\n')).toMatch(/read-only for its clients: pushes and deletes are refused/);
    expect((await berth(['server', 'rm', 'early', '--delete-data'])).code).toBe(0);

    const ttl = await create('weekly', ['--proxy', upstream.url, '--proxy-ttl', '24h']);
    expect(ttl.result.code).toBe(1);
    expect(ttl.result.stderr).toMatch(/cannot keep a cache for 24h/);
    expect(ttl.result.stderr).toMatch(/fixed 168h/);
  });

  it('lists a server.json whose cache part is crafted as unreadable, and the others still', async () => {
    const dir = path.join(dataDir, 'servers', 'crafted');
    await mkdir(dir, { recursive: true });
    const crafted = {
      name: 'crafted',
      runtime: 'process',
      bind: '127.0.0.1',
      port: 5999,
      storageDir: path.join(dir, 'data'),
      proxy: { remoteUrl: 'javascript:alert(1)', metricsPort: 'x' },
    };
    await writeFile(path.join(dir, 'server.json'), JSON.stringify(crafted));
    const listed = await berth(['server', 'list', '--json']);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    const entry = (JSON.parse(listed.stdout) as Array<{ name: string; isUnreadable?: boolean }>).find(
      (server) => server.name === 'crafted',
    );
    expect(entry?.isUnreadable).toBe(true);
    const mirror = await berth(['server', 'mirror', 'crafted', '--podman']);
    expect(mirror.code).toBe(1);
    expect(mirror.stderr).toMatch(/cannot be read/);
    expect((await berth(['server', 'rm', 'crafted', '--delete-data'])).code).toBe(0);
  });

  it('keeps the upstream password in the keychain and the 0600 config.yml only, also after a rewrite', async () => {
    const { result, port } = await create(
      'private',
      ['--proxy', locked.url, '--proxy-username', 'puller', '--proxy-password-stdin'],
      UPSTREAM_PASSWORD,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const dir = path.join(dataDir, 'servers', 'private');
    const config = path.join(dir, 'config.yml');
    expect(((await stat(config)).mode & 0o777).toString(8)).toBe('600');
    expect(await readFile(config, 'utf8')).toContain(`password: "${UPSTREAM_PASSWORD}"`);
    expect(await readFile(config, 'utf8')).toMatch(/debug:\n {4}addr: "127\.0\.0\.1:\d+"/);

    // The cache logs in upstream: an open client pulls an image only `puller` may read.
    const pulled = await runCommand(
      'skopeo',
      ['inspect', '--tls-verify=false', `docker://127.0.0.1:${port}/team/app:1`],
      { allowFailure: true, timeoutMs: 60_000 },
    );
    expect(pulled.stderr).toBe('');
    expect(pulled.code).toBe(0);

    // A rewrite (a user added restarts it) keeps the login and makes a loosened file private again.
    await chmod(config, 0o644);
    const added = await berth(
      ['server', 'user', 'add', 'private', 'carol', '--password-stdin'],
      'carol-pass-1',
    );
    expect(added.code).toBe(0);
    expect(((await stat(config)).mode & 0o777).toString(8)).toBe('600');
    expect(await readFile(config, 'utf8')).toContain(`password: "${UPSTREAM_PASSWORD}"`);

    const shown = await show('private');
    expect(shown.proxy).toMatchObject({ remoteUrl: locked.url, username: 'puller', isDockerHub: false });
    const listed = await berth(['server', 'list', '--json']);
    const logs = await berth(['server', 'logs', 'private']);
    const docker = await berth(['server', 'mirror', 'private']);
    expect(docker.code).toBe(1);
    expect(docker.stderr).toMatch(/Docker will not use private as a mirror/);
    expect(docker.stderr).toMatch(/docker pull 127\.0\.0\.1:\d+\/team\/app:1/);
    const podman = await berth(['server', 'mirror', 'private', '--podman']);
    expect(podman.code).toBe(0);
    expect(podman.stdout).toContain(`[[registry.mirror]]\nlocation = "127.0.0.1:${port}"\ninsecure = true`);
    expect(listed.code).toBe(0);
    for (const file of ['server.json', 'registry.log'])
      expect(await readFile(path.join(dir, file), 'utf8').catch(() => '')).not.toContain(UPSTREAM_PASSWORD);
    const settingsFiles = (await readdir(dataDir)).filter((file) => file.endsWith('.json'));
    for (const file of settingsFiles)
      expect(await readFile(path.join(dataDir, file), 'utf8')).not.toContain(UPSTREAM_PASSWORD);
    for (const text of [...cli.transcript, logs.stdout]) expect(text).not.toContain(UPSTREAM_PASSWORD);
  }, 180_000);

  it('serves a real dockerd as its Docker Hub mirror, and from its cache once the upstream is down', async () => {
    dockerd = await startDockerd();
    const { result, port } = await create('hub', ['--proxy', upstream.url]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const daemonJson = path.join(dockerd.dir, 'daemon.json');
    const target = [
      '--file',
      daemonJson,
      '--engine',
      dockerd.host,
      '--pid-file',
      path.join(dockerd.dir, 'pid'),
    ];

    // The cache's upstream stands in for Docker Hub: Docker takes it as a mirror only for Hub images.
    const refused = await berth(['server', 'mirror', 'hub', ...target, '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Docker uses registry-mirrors for Docker Hub images only/);

    // So for this test the cache says it proxies Docker Hub, and its upstream is the local one.
    const specFile = path.join(dataDir, 'servers', 'hub', 'server.json');
    const spec = JSON.parse(await readFile(specFile, 'utf8')) as { proxy: { remoteUrl: string } };
    await writeFile(
      specFile,
      JSON.stringify({ ...spec, proxy: { ...spec.proxy, remoteUrl: 'https://registry-1.docker.io' } }),
    );
    const mirrored = await berth(['server', 'mirror', 'hub', ...target, '--yes']);
    await writeFile(specFile, JSON.stringify(spec));
    expect(mirrored.stderr).toBe('');
    expect(mirrored.code).toBe(0);
    expect(mirrored.stdout).toContain(`+    "http://127.0.0.1:${port}/"`);
    expect(mirrored.stdout).toMatch(/backup: .*daemon\.json\./);
    const info = JSON.parse((await dockerd.api.call('GET', '/info')).text) as {
      RegistryConfig: { Mirrors: string[] };
    };
    expect(info.RegistryConfig.Mirrors).toEqual([`http://127.0.0.1:${port}/`]);

    const before = await show('hub');
    expect(before.mirror.stats).toMatchObject({
      manifests: { requests: 0, hits: 0, misses: 0 },
      blobRequests: 0,
    });

    const image = `docker.io/library/${NAME}:latest`;
    const first = await dockerd.docker(['pull', image], { allowFailure: true });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const afterFirst = await show('hub');
    expect(afterFirst.mirror.repositories).toEqual([`library/${NAME}`]);
    expect(afterFirst.mirror.stats!.manifests.misses).toBeGreaterThan(0);
    const firstMisses = afterFirst.mirror.stats!.manifests.misses;

    await dockerd.docker(['rmi', image]);
    expect(await dockerd.api.hasImage(image)).toBe(false);
    await upstream.stop();
    isUpstreamStopped = true;
    const second = await dockerd.docker(['pull', image], { allowFailure: true });
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(await dockerd.api.hasImage(image)).toBe(true);
    const afterSecond = await show('hub');
    expect(afterSecond.mirror.stats!.manifests.misses).toBe(firstMisses);
    expect(afterSecond.mirror.stats!.manifests.hits).toBeGreaterThan(afterFirst.mirror.stats!.manifests.hits);
    expect(afterSecond.mirror.stats!.blobRequests).toBeGreaterThan(afterFirst.mirror.stats!.blobRequests);

    const listed = JSON.parse((await berth(['server', 'list', '--json'])).stdout) as Array<{
      name: string;
      mirror?: { stats?: { manifests: { hits: number } } };
    }>;
    expect(listed.find((entry) => entry.name === 'hub')?.mirror?.stats?.manifests.hits).toBe(
      afterSecond.mirror.stats!.manifests.hits,
    );

    // Read-only for clients, as the card says: a delete is refused too.
    const manifest = `http://127.0.0.1:${port}/v2/library/${NAME}/manifests`;
    const head = await request(`${manifest}/latest`, {
      method: 'HEAD',
      headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
    });
    await head.body.dump();
    const digest = String(head.headers['docker-content-digest']);
    expect(digest).toMatch(/^sha256:/);
    const deleted = await request(`${manifest}/${digest}`, { method: 'DELETE' });
    await deleted.body.dump();
    expect(deleted.statusCode).toBe(405);
  }, 300_000);
});
