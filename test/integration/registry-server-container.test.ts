// The container runtime against a real dockerd (vfs, no bridge: host networking on a free port). The
// `registry` image cannot be pulled here, so the test makes one: `docker import` of a root filesystem
// holding Debian's docker-registry as /bin/registry with the libraries `ldd` names, its entrypoint set
// so the command `serve CONFIG` / `garbage-collect … CONFIG` works as with the official image.
// skopeo, with the generated CA and the users' passwords, is the independent client.
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialStore, keytarKeychain } from '../../electron/core/credentials/index.js';
import { DockerEngine, resolveEngine } from '../../electron/core/docker/index.js';
import {
  ContainerRuntime,
  RegistryServers,
  SERVER_LABEL,
  serverPaths,
  storageSize,
} from '../../electron/core/registry-server/index.js';
import { SettingsStore } from '../../electron/core/settings/index.js';
import { BerthCli } from '../fixtures/berth-cli.js';
import { startDockerd, type DockerdHandle } from '../fixtures/dockerd.js';
import { pushImage, type PushedImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { freePort, makeTempDir, removeDir, runCommand } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const IMAGE = 'berth-test/registry:2';
const ALICE = 'alice-container-pass';
const BOB = 'bob-container-pass';

let keyring: KeyringHandle;
let dockerd: DockerdHandle;
let engine: DockerEngine;
let source: RegistryHandle;
let root: string;
let servers: RegistryServers;
let host: string;
let certDir: string;
let app: PushedImage;

/** /bin/registry and what `ldd` says it loads (nothing more when it is static), as a tar to import. */
async function buildRegistryImage(dir: string): Promise<void> {
  const rootfs = path.join(dir, 'rootfs');
  const binary = (
    await runCommand('sh', ['-c', 'command -v docker-registry || command -v registry'])
  ).stdout.trim();
  const ldd = await runCommand('ldd', [binary], { allowFailure: true });
  // `libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)` and the loader as `/lib64/ld-linux-x86-64.so.2 (0x…)`.
  const libraries = ldd.code === 0 ? [...ldd.stdout.matchAll(/(\/\S+) \(0x/g)].map((match) => match[1]!) : [];
  for (const file of [...libraries, '/bin/registry']) {
    const target = path.join(rootfs, file);
    await mkdir(path.dirname(target), { recursive: true });
    // copyFile follows symlinks (the loader is one on Debian): the image gets the real bytes.
    await copyFile(file === '/bin/registry' ? binary : file, target);
  }
  await mkdir(path.join(rootfs, 'etc', 'docker', 'registry'), { recursive: true });
  await mkdir(path.join(rootfs, 'tmp'), { recursive: true });
  const tarball = path.join(dir, 'rootfs.tar');
  await runCommand('tar', ['-C', rootfs, '-cf', tarball, '.']);
  await dockerd.docker([
    'import',
    '--change',
    'ENTRYPOINT ["/bin/registry"]',
    '--change',
    'CMD ["serve", "/etc/docker/registry/config.yml"]',
    tarball,
    IMAGE,
  ]);
}

function skopeo(args: string[]) {
  return runCommand('skopeo', ['--insecure-policy', ...args], { allowFailure: true, timeoutMs: 60_000 });
}

const inspectAs = (user: string, password: string, reference = 'team/app:1.0') =>
  skopeo([
    'inspect',
    '--raw',
    '--cert-dir',
    certDir,
    '--creds',
    `${user}:${password}`,
    `docker://${host}/${reference}`,
  ]);

/** Copies `reference` from the plain source registry into the Berth-made one as alice. */
const copyIn = (reference: string) =>
  skopeo([
    'copy',
    '--src-tls-verify=false',
    '--dest-cert-dir',
    certDir,
    '--dest-creds',
    `alice:${ALICE}`,
    `docker://${source.host}/${reference}`,
    `docker://${host}/${reference}`,
  ]);

beforeAll(async () => {
  keyring = await startKeyring();
  keyring.useInThisProcess();
  root = await makeTempDir('server-container');
  [dockerd, source] = await Promise.all([startDockerd(), startRegistry({ auth: 'none' })]);
  engine = new DockerEngine(resolveEngine({ chosen: dockerd.host }));
  await buildRegistryImage(root);
  app = await pushImage(source, 'team/app', '1.0', { layers: 2, layerSize: 256 * 1024 });
  await pushImage(source, 'team/old', '1.0', { layers: 2, layerSize: 1024 * 1024 });
  const dataDir = path.join(root, 'berth');
  servers = new RegistryServers({
    dataDir,
    settings: new SettingsStore(dataDir),
    credentials: new CredentialStore(keytarKeychain(), { service: `BerthTest-container-${randomUUID()}` }),
    runtimes: { container: new ContainerRuntime({ engine: () => engine }) },
  });
  const port = await freePort();
  host = `127.0.0.1:${port}`;
  await servers.create({
    name: 'boxed',
    port,
    bind: '127.0.0.1',
    runtime: 'container',
    image: IMAGE,
    network: 'host',
    tls: { mode: 'self-signed', names: ['localhost', '127.0.0.1'] },
    user: { name: 'alice', password: ALICE },
  });
  certDir = path.join(root, 'skopeo-certs');
  await mkdir(certDir);
  await copyFile(serverPaths(servers.serversDir, 'boxed').caCert, path.join(certDir, 'ca.crt'));
}, 180_000);

afterAll(async () => {
  if (dockerd) {
    // Whatever a failed test left: every container Berth made is labelled.
    await dockerd
      .docker(['ps', '-aq', '--filter', `label=${SERVER_LABEL}`], { allowFailure: true })
      .then((listed) =>
        listed.stdout.trim()
          ? dockerd.docker(['rm', '-f', ...listed.stdout.trim().split('\n')], { allowFailure: true })
          : undefined,
      );
  }
  await engine?.close();
  await dockerd?.stop();
  await source?.stop();
  await keyring?.stop();
  if (root) await removeDir(root);
});

describe('container runtime', () => {
  it('runs berth-registry-NAME from the image: labelled, restart always, host network, folders bound in', async () => {
    const view = await servers.get('boxed');
    expect(view).toMatchObject({
      runtime: 'container',
      state: 'running',
      image: IMAGE,
      url: `https://${host}`,
    });
    const inspected = JSON.parse(
      (await dockerd.api.call('GET', '/containers/berth-registry-boxed/json')).text,
    ) as {
      Config: { Image: string; Labels: Record<string, string>; Cmd: string[] };
      HostConfig: { RestartPolicy: { Name: string }; NetworkMode: string; Binds: string[] };
    };
    const paths = serverPaths(servers.serversDir, 'boxed');
    expect(inspected.Config).toMatchObject({
      Image: IMAGE,
      Labels: { [SERVER_LABEL]: 'boxed' },
      Cmd: ['serve', paths.config],
    });
    expect(inspected.HostConfig).toMatchObject({
      RestartPolicy: { Name: 'always' },
      NetworkMode: 'host',
      Binds: [`${paths.dir}:${paths.dir}:ro`, `${paths.defaultStorage}:${paths.defaultStorage}`],
    });
    expect(await servers.logs('boxed')).toMatch(/listening on/);

    // The CLI finds the same server through the engine DOCKER_HOST names.
    const cli = new BerthCli(() =>
      keyring.env({ BERTH_DATA_DIR: path.join(root, 'berth'), DOCKER_HOST: dockerd.host }),
    );
    const listed = await cli.run(['server', 'list', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ name: 'boxed', runtime: 'container', state: 'running', image: IMAGE }),
    ]);
    const wrong = await cli.run(['server', 'create', 'other', '--image', IMAGE]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/--image and --network are for --runtime container/);
  });

  it('takes a push and serves it to skopeo with the generated CA and the first user', async () => {
    const copied = await copyIn('team/app:1.0');
    expect(copied.code, copied.stderr).toBe(0);
    const inspected = await inspectAs('alice', ALICE);
    expect(inspected.code, inspected.stderr).toBe(0);
    expect(inspected.stdout).toBe(app.manifestBytes.toString());
    expect((await inspectAs('alice', 'wrong-password')).stderr).toMatch(
      /unauthorized|authentication required/i,
    );
  });

  it('lets a new user in after the restart and refuses a removed one', async () => {
    expect((await inspectAs('bob', BOB)).code).not.toBe(0);
    expect(await servers.addUser('boxed', 'bob', BOB)).toEqual({
      server: 'boxed',
      user: 'bob',
      restarted: true,
    });
    const asBob = await inspectAs('bob', BOB);
    expect(asBob.code, asBob.stderr).toBe(0);
    expect(await servers.removeUser('boxed', 'bob')).toMatchObject({ restarted: true });
    const refused = await inspectAs('bob', BOB);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/unauthorized|authentication required/i);
    expect((await inspectAs('alice', ALICE)).code).toBe(0);
  });

  it('collects the blobs of a deleted image in a one-off container; the storage shrinks', async () => {
    const copied = await copyIn('team/old:1.0');
    expect(copied.code, copied.stderr).toBe(0);
    const deleted = await skopeo([
      'delete',
      '--cert-dir',
      certDir,
      '--creds',
      `alice:${ALICE}`,
      `docker://${host}/team/old:1.0`,
    ]);
    expect(deleted.code, deleted.stderr).toBe(0);
    const storage = (await servers.spec('boxed')).storageDir;
    const before = await storageSize(storage);

    const collected = await servers.collectGarbage('boxed');
    expect(collected).toMatchObject({ readOnly: true, restarted: true, bytesBefore: before });
    expect(collected.dryRunOutput).toMatch(/blob eligible for deletion/);
    expect(collected.bytesReclaimed).toBeGreaterThanOrEqual(2 * 1024 * 1024);
    expect(await storageSize(storage)).toBe(collected.bytesAfter);
    process.stdout.write(
      `container GC reclaimed ${collected.bytesReclaimed} bytes (${collected.bytesBefore} → ${collected.bytesAfter})\n`,
    );
    // Only the server's own container is left: the collection's container is removed.
    const containers = await dockerd.docker([
      'ps',
      '-a',
      '--format',
      '{{.Names}}',
      '--filter',
      `label=${SERVER_LABEL}`,
    ]);
    expect(containers.stdout.trim()).toBe('berth-registry-boxed');
    expect((await inspectAs('alice', ALICE)).code).toBe(0);
    expect((await inspectAs('alice', ALICE, 'team/old:1.0')).code).not.toBe(0);
  });

  it('keeps the images across stop and start, and removal keeps the storage', async () => {
    expect(await servers.stop('boxed')).toBe(true);
    expect((await servers.get('boxed')).state).toBe('stopped');
    expect((await inspectAs('alice', ALICE)).code).not.toBe(0);
    expect(await servers.stop('boxed')).toBe(false);
    expect((await servers.start('boxed')).state).toBe('running');
    const inspected = await inspectAs('alice', ALICE);
    expect(inspected.code, inspected.stderr).toBe(0);
    expect(inspected.stdout).toBe(app.manifestBytes.toString());

    const storage = (await servers.spec('boxed')).storageDir;
    const size = await storageSize(storage);
    expect(await servers.remove('boxed')).toEqual({ keptStorage: storage });
    const gone = await dockerd.api.call('GET', '/containers/berth-registry-boxed/json', {
      okStatuses: [404],
    });
    expect(gone.status).toBe(404);
    expect(await storageSize(storage)).toBe(size);
  });

  it('runs a pull-through cache in a container, with its counters read on loopback', async () => {
    const port = await freePort();
    await servers.create({
      name: 'cachebox',
      port,
      bind: '127.0.0.1',
      runtime: 'container',
      image: IMAGE,
      network: 'host',
      tls: { mode: 'none' },
      proxy: { url: source.url },
    });
    const pulled = await skopeo([
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://127.0.0.1:${port}/team/app:1.0`,
    ]);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.stdout).toBe(app.manifestBytes.toString());
    const status = await servers.mirrorStatus('cachebox');
    expect(status.statsProblem).toBeUndefined();
    expect(status.stats?.manifests.misses).toBe(1);
    expect(status.repositories).toEqual(['team/app']);
    // Read-only for clients: a push is refused.
    const pushed = await skopeo([
      'copy',
      '--src-tls-verify=false',
      '--dest-tls-verify=false',
      `docker://${source.host}/team/old:1.0`,
      `docker://127.0.0.1:${port}/team/old:1.0`,
    ]);
    expect(pushed.code).not.toBe(0);
    await servers.remove('cachebox', { deleteData: true });
  });
});
