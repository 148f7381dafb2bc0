// `berth save` against the real parts: Distribution as the source, skopeo reading the OCI archives back,
// dockerd and podman loading the Docker archives, a fault proxy for registries that lie or die mid-blob.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { extract } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobManager } from '../../electron/core/jobs/index.js';
import { RegistryClient } from '../../electron/core/registry/index.js';
import { imageAt, repositoryAt } from '../../shared/location.js';
import { BerthCli, CLI } from '../fixtures/berth-cli.js';
import { startDockerd, type DockerdHandle } from '../fixtures/dockerd.js';
import { startFaultProxy, type FaultProxy } from '../fixtures/fault-proxy.js';
import { startHostileRegistry } from '../fixtures/hostile-registry.js';
import { pushImage, pushIndex, sha256, type PushedImage } from '../fixtures/images.js';
import { makeTempDir, removeDir, runCommand } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const AMD64 = { os: 'linux', architecture: 'amd64' };
const ARM64 = { os: 'linux', architecture: 'arm64' };

let dataDir: string;
let outDir: string;
let source: RegistryHandle;
let target: RegistryHandle;
let index: PushedImage & { children: PushedImage[] };
let other: PushedImage;

const cli = new BerthCli(() => ({ ...process.env, BERTH_DATA_DIR: dataDir }));
const berth = (args: string[]) => cli.run(args);

beforeAll(async () => {
  dataDir = await makeTempDir('berth-save-');
  outDir = await makeTempDir('berth-save-out-');
  [source, target] = await Promise.all([startRegistry({ auth: 'none' }), startRegistry({ auth: 'none' })]);
  for (const [name, registry] of [
    ['src', source],
    ['dst', target],
  ] as const) {
    const added = await berth(['registry', 'add', name, `http://${registry.host}`]);
    if (added.code !== 0) throw new Error(added.stderr);
  }
  index = await pushIndex(source, 'team/app', '1', {
    format: 'oci',
    platforms: [AMD64, ARM64],
    layers: 2,
    layerSize: 64 * 1024,
    sharedLayers: 1,
    seed: `save-${Date.now()}`,
  });
  other = await pushImage(source, 'team/other', '2', { format: 'docker', layers: 1, layerSize: 32 * 1024 });
}, 120_000);

afterAll(async () => {
  await Promise.all([source?.stop(), target?.stop()]);
  await removeDir(dataDir);
  await removeDir(outDir);
});

/** Every entry name of a tar file, in order (duplicates kept). */
async function tarNames(file: string): Promise<string[]> {
  const names: string[] = [];
  const reader = extract();
  reader.on('entry', (header, stream, next) => {
    names.push(header.name);
    stream.on('end', next);
    stream.resume();
  });
  const done = new Promise<void>((resolve, reject) => {
    reader.on('finish', resolve);
    reader.on('error', reject);
  });
  reader.end(await readFile(file));
  await done;
  return names;
}

/** What is left in a folder: the final name must be missing and no temporary file may stay. */
async function leftIn(folder: string): Promise<string[]> {
  return (await readdir(folder)).sort();
}

describe('berth save: OCI', () => {
  it('saves a multi-platform index and a second repository to an OCI tar that skopeo reads with the same digests', async () => {
    const file = path.join(outDir, 'two.tar');
    const appName = `${source.host}/team/app:1`;
    const otherName = `${source.host}/team/other:2`;
    const saved = await berth(['save', appName, otherName, '-o', file, '--format', 'oci', '--json']);
    expect(saved.stderr).toBe(saved.code === 0 ? saved.stderr : '');
    expect(saved.code).toBe(0);
    const summary = JSON.parse(saved.stdout) as { images: Array<{ digest: string }>; blobs: number };
    expect(summary.images.map((image) => image.digest)).toEqual([index.digest, other.digest]);

    // Every blob once: the layer the two platforms share is written one time.
    const names = await tarNames(file);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((name) => name.startsWith('blobs/'))).toHaveLength(
      // 2 configs + 3 distinct layers + 2 children + index, and the other image's config, layer, manifest.
      2 + 3 + 2 + 1 + 3,
    );

    // skopeo finds each image by the name it was saved under, byte for byte.
    const raw = await runCommand('skopeo', ['inspect', '--raw', `oci-archive:${file}:${appName}`]);
    expect(sha256(Buffer.from(raw.stdout))).toBe(index.digest);
    // A Docker-typed image keeps its bytes and media type too (skopeo 1.9 reads only OCI-typed entries of a
    // layout, so it is checked from the tar itself: index.json names it, its blob is its digest).
    const layout = JSON.parse((await runCommand('tar', ['-xOf', file, 'index.json'])).stdout) as {
      manifests: Array<{ digest: string; mediaType: string; annotations: Record<string, string> }>;
    };
    expect(layout.manifests[1]).toMatchObject({
      digest: other.digest,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      annotations: { 'org.opencontainers.image.ref.name': otherName },
    });
    const otherBytes = await runCommand('tar', ['-xOf', file, `blobs/sha256/${other.digest.slice(7)}`]);
    expect(sha256(Buffer.from(otherBytes.stdout))).toBe(other.digest);

    // And copies the whole index into another registry with every digest kept.
    await runCommand('skopeo', [
      'copy',
      '--all',
      '--preserve-digests',
      '--dest-tls-verify=false',
      `oci-archive:${file}:${appName}`,
      `docker://${target.host}/copied/app:1`,
    ]);
    const copied = await runCommand('skopeo', [
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${target.host}/copied/app:1`,
    ]);
    expect(sha256(Buffer.from(copied.stdout))).toBe(index.digest);
    const arm = await runCommand('skopeo', [
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${target.host}/copied/app@${index.children[1]!.digest}`,
    ]);
    expect(sha256(Buffer.from(arm.stdout))).toBe(index.children[1]!.digest);
    expect(await leftIn(outDir)).toEqual(['two.tar']);
  }, 120_000);

  it('saves an OCI layout folder that skopeo reads with the same digest', async () => {
    const folder = path.join(outDir, 'layout');
    const name = `${source.host}/team/app:1`;
    // The same image named twice is saved once.
    const saved = await berth(['save', name, name, '-o', folder, '--format', 'oci-dir']);
    expect(saved.code, saved.stderr).toBe(0);
    expect(JSON.parse(await readFile(path.join(folder, 'oci-layout'), 'utf8'))).toEqual({
      imageLayoutVersion: '1.0.0',
    });
    expect(JSON.parse(await readFile(path.join(folder, 'index.json'), 'utf8')).manifests).toHaveLength(1);
    const raw = await runCommand('skopeo', ['inspect', '--raw', `oci:${folder}:${name}`]);
    expect(sha256(Buffer.from(raw.stdout))).toBe(index.digest);
    // Every blob file's bytes are its name's digest.
    for (const hex of await readdir(path.join(folder, 'blobs', 'sha256'))) {
      const bytes = await readFile(path.join(folder, 'blobs', 'sha256', hex));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(hex);
    }
  }, 120_000);

  it('keeps only the platforms asked for as a new index', async () => {
    const file = path.join(outDir, 'arm.tar');
    const saved = await berth([
      'save',
      `${source.host}/team/app:1`,
      '-o',
      file,
      '--format',
      'oci',
      '--platform',
      'linux/arm64',
      '--json',
    ]);
    expect(saved.code, saved.stderr).toBe(0);
    const summary = JSON.parse(saved.stdout) as { images: Array<{ platforms: string[]; digest: string }> };
    expect(summary.images[0]!.platforms).toEqual(['linux/arm64']);
    const raw = await runCommand('skopeo', ['inspect', '--raw', `oci-archive:${file}`]);
    expect(sha256(Buffer.from(raw.stdout))).toBe(summary.images[0]!.digest);
    expect(JSON.parse(raw.stdout).manifests).toHaveLength(1);
  }, 60_000);
});

describe('berth save: Docker archives', () => {
  let dockerd: DockerdHandle | undefined;

  afterAll(async () => {
    await dockerd?.stop();
  });

  it('writes an archive that dockerd and podman load: both images, tags as named, configs kept', async () => {
    const file = path.join(outDir, 'docker.tar');
    const appName = `${source.host}/team/app:1`;
    const otherName = `${source.host}/team/other:2`;
    const saved = await berth(['save', appName, otherName, '-o', file, '--json']);
    expect(saved.code, saved.stderr).toBe(0);
    const summary = JSON.parse(saved.stdout) as { images: Array<{ digest: string; platforms: string[] }> };
    // The index became its linux/amd64 image, the engine's default.
    expect(summary.images[0]).toMatchObject({
      digest: index.children[0]!.digest,
      platforms: ['linux/amd64'],
    });
    const manifest = JSON.parse((await runCommand('tar', ['-xOf', file, 'manifest.json'])).stdout) as Array<{
      RepoTags: string[];
    }>;
    expect(manifest.map((entry) => entry.RepoTags)).toEqual([[appName], [otherName]]);

    dockerd = await startDockerd();
    const loaded = await dockerd.docker(['load', '-i', file], { timeoutMs: 120_000 });
    expect(loaded.stdout).toContain(`Loaded image: ${appName}`);
    expect(loaded.stdout).toContain(`Loaded image: ${otherName}`);
    const inspected = JSON.parse(
      (await dockerd.docker(['image', 'inspect', appName, otherName])).stdout,
    ) as Array<{ Id: string; RepoTags: string[]; Config: { Entrypoint: string[]; Cmd: string[] } }>;
    expect(inspected.map((image) => image.Id)).toEqual([index.children[0]!.configDigest, other.configDigest]);
    expect(inspected[0]!.RepoTags).toEqual([appName]);
    expect(inspected[0]!.Config.Entrypoint).toEqual(['/bin/berth-app']);

    const podmanDir = await makeTempDir('berth-save-podman-');
    try {
      const podman = (args: string[]) =>
        runCommand(
          'podman',
          [
            '--root',
            path.join(podmanDir, 'root'),
            '--runroot',
            path.join(podmanDir, 'run'),
            '--tmpdir',
            path.join(podmanDir, 'tmp'),
            '--storage-driver',
            'vfs',
            '--events-backend',
            'none',
            ...args,
          ],
          { timeoutMs: 120_000 },
        );
      const podmanLoaded = await podman(['load', '-i', file]);
      expect(podmanLoaded.stdout).toContain(appName);
      const images = JSON.parse((await podman(['images', '--format', 'json'])).stdout) as Array<{
        Id: string;
        Names: string[];
      }>;
      const byName = new Map(images.flatMap((image) => image.Names.map((name) => [name, image.Id])));
      expect(byName.get(appName)).toBe(index.children[0]!.configDigest.slice(7));
      expect(byName.get(otherName)).toBe(other.configDigest.slice(7));
    } finally {
      await removeDir(podmanDir);
    }
  }, 300_000);

  it('says when a Docker archive holds one platform of an index, and that --format oci keeps them all', async () => {
    const indexName = `${source.host}/team/app:1`;
    const saved = await berth([
      'save',
      indexName,
      `${source.host}/team/other:2`,
      '-o',
      path.join(outDir, 'one-platform.tar'),
    ]);
    expect(saved.code, saved.stderr).toBe(0);
    const note = saved.stdout.split('\n').filter((line) => line.startsWith('Note:'));
    expect(note).toEqual([
      `Note: ${indexName} is a multi-platform index (${index.digest}); the archive holds its linux/amd64 image only. --format oci keeps every platform and digest.`,
    ]);
  }, 60_000);

  it('says an image saved by digest gets no name from docker load', async () => {
    const byDigest = `${source.host}/team/other@${other.digest}`;
    const saved = await berth(['save', byDigest, '-o', path.join(outDir, 'by-digest.tar')]);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toContain(
      `Note: ${byDigest} is saved by digest, so the archive names no tag for it: docker load and podman load leave it unnamed (save it by tag, or docker tag it after loading).`,
    );
  }, 60_000);

  it('asks for a platform when an index has no linux/amd64, naming the ones it has', async () => {
    await pushIndex(source, 'team/armonly', '1', { format: 'oci', platforms: [ARM64], layers: 1 });
    const file = path.join(outDir, 'armonly.tar');
    const refused = await berth(['save', `${source.host}/team/armonly:1`, '-o', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('without linux/amd64');
    expect(refused.stderr).toContain('linux/arm64');
    expect(refused.stderr).toContain('--platform');
    expect(await leftIn(outDir)).not.toContain('armonly.tar');
    const saved = await berth([
      'save',
      `${source.host}/team/armonly:1`,
      '-o',
      file,
      '--platform',
      'linux/arm64',
    ]);
    expect(saved.code, saved.stderr).toBe(0);
  }, 60_000);

  it('refuses a file that exists unless --force is given', async () => {
    const file = path.join(outDir, 'exists.tar');
    await writeFile(file, 'keep me');
    const refused = await berth(['save', `${source.host}/team/other:2`, '-o', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already exists');
    expect(refused.stderr).toContain('--force');
    expect(await readFile(file, 'utf8')).toBe('keep me');
    const forced = await berth(['save', `${source.host}/team/other:2`, '-o', file, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect((await stat(file)).size).toBeGreaterThan(32 * 1024);
  }, 60_000);
  it('lets one of two saves to the same new file win, the other saying it exists, the file whole', async () => {
    const file = path.join(outDir, 'race.tar');
    const both = await Promise.all([
      berth(['save', `${source.host}/team/app:1`, '-o', file, '--format', 'oci']),
      berth(['save', `${source.host}/team/other:2`, '-o', file, '--format', 'oci']),
    ]);
    const codes = both.map((result) => result.code).sort();
    expect(codes[0]).toBe(0);
    const loser = both.find((result) => result.code !== 0);
    if (loser) expect(loser.stderr).toContain('already exists');
    const raw = await runCommand('tar', ['-xOf', file, 'index.json']);
    expect(JSON.parse(raw.stdout).manifests).toHaveLength(1);
    expect((await readdir(outDir)).filter((name) => name.includes('partial'))).toEqual([]);
  }, 60_000);
});

describe('berth save: failures leave nothing behind', () => {
  let proxy: FaultProxy | undefined;
  let failDir: string;

  beforeAll(async () => {
    failDir = await makeTempDir('berth-save-fail-');
  });

  afterAll(async () => {
    await proxy?.stop();
    await removeDir(failDir);
  });

  it('fails on a blob whose bytes are not its digest, with no file under the name and no temp file', async () => {
    const layer = index.children[0]!.layers[1]!.digest;
    proxy = await startFaultProxy(source, {
      onRequest: (request) =>
        request.method === 'GET' && request.path.endsWith(`/blobs/${layer}`)
          ? { corruptBody: true }
          : undefined,
    });
    const file = path.join(failDir, 'corrupt.tar');
    const failed = await berth(['save', `${proxy.host}/team/app:1`, '-o', file, '--format', 'oci']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/digest/i);
    expect(await leftIn(failDir)).toEqual([]);
    const folder = path.join(failDir, 'corrupt-dir');
    const failedDir = await berth(['save', `${proxy.host}/team/app:1`, '-o', folder, '--format', 'oci-dir']);
    expect(failedDir.code).toBe(1);
    expect(await leftIn(failDir)).toEqual([]);
    await proxy.stop();
    proxy = undefined;
  }, 60_000);

  it('fails when the registry dies mid-blob, leaving nothing', async () => {
    const layer = index.children[1]!.layers[1]!.digest;
    proxy = await startFaultProxy(source, {
      onRequest: (request) =>
        request.method === 'GET' && request.path.endsWith(`/blobs/${layer}`)
          ? { cutBodyAfter: 1000 }
          : undefined,
    });
    const file = path.join(failDir, 'cut.tar');
    const failed = await berth(['save', `${proxy.host}/team/app:1`, '-o', file, '--format', 'oci']);
    expect(failed.code).toBe(1);
    expect(await leftIn(failDir)).toEqual([]);
    await proxy.stop();
    proxy = undefined;
  }, 60_000);

  it('leaves nothing when the save is cancelled mid-way', async () => {
    const slow = index.children[1]!.layers[1]!.digest;
    proxy = await startFaultProxy(source, {
      onRequest: (request) =>
        request.method === 'GET' && request.path.endsWith(`/blobs/${slow}`) ? { delayMs: 20_000 } : undefined,
    });
    const client = new RegistryClient({
      certsDRoot: false,
      connectionFor: (host) => ({ host, insecureHttp: true }),
    });
    const jobDir = path.join(failDir, 'jobs');
    await mkdir(jobDir);
    const jobs = createJobManager({
      client,
      dataDir: jobDir,
      engineDeps: () => {
        throw new Error('no engine here');
      },
    });
    const file = path.join(failDir, 'cancelled.tar');
    const id = jobs.start(
      'save',
      { images: [imageAt(repositoryAt(proxy.host, 'team/app'), '1')], output: file, format: 'oci' },
      'save',
    );
    const deadline = Date.now() + 30_000;
    while (
      !jobs
        .list()
        .find((job) => job.id === id)
        ?.items.some((item) => item.state === 'done')
    ) {
      if (Date.now() > deadline) throw new Error('the save wrote no blob in 30 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await readdir(failDir)).some((name) => name.includes('cancelled.tar'))).toBe(true);
    jobs.cancel(id);
    const finished = await jobs.wait(id);
    expect(finished.status).toBe('cancelled');
    expect((await leftIn(failDir)).filter((name) => name !== 'jobs')).toEqual([]);
    await client.close();
  }, 60_000);

  it('leaves nothing when berth save is stopped with Ctrl-C mid-way', async () => {
    const slow = index.children[0]!.layers[1]!.digest;
    proxy = await startFaultProxy(source, {
      onRequest: (request) =>
        request.method === 'GET' && request.path.endsWith(`/blobs/${slow}`) ? { delayMs: 20_000 } : undefined,
    });
    const file = path.join(failDir, 'interrupted.tar');
    const child = spawn(process.execPath, [CLI, 'save', `${proxy.host}/team/app:1`, '-o', file], {
      env: { ...process.env, BERTH_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const deadline = Date.now() + 30_000;
    // The temporary file is there once the first blob is written.
    while (!(await readdir(failDir)).some((name) => name.includes('interrupted.tar'))) {
      if (Date.now() > deadline) throw new Error(`no temporary file in 30 s: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill('SIGINT');
    const code = await exited;
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/cancelled/);
    expect((await leftIn(failDir)).filter((name) => name !== 'jobs')).toEqual([]);
    await proxy.stop();
    proxy = undefined;
  }, 60_000);

  it('refuses a manifest that names a path as a digest, writing nothing anywhere', async () => {
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          digest: 'sha256:../../../../tmp/berth-escaped',
          size: 2,
        },
        layers: [],
      }),
    );
    const hostile = await startHostileRegistry([
      {
        path: '/v2/team/evil/manifests/1',
        handler: (request, response) => {
          response.writeHead(200, {
            'content-type': 'application/vnd.oci.image.manifest.v1+json',
            'content-length': manifest.length,
          });
          response.end(request.method === 'HEAD' ? undefined : manifest);
        },
      },
    ]);
    try {
      for (const format of ['oci', 'docker']) {
        const file = path.join(failDir, `evil-${format}.tar`);
        const failed = await berth(['save', `${hostile.host}/team/evil:1`, '-o', file, '--format', format]);
        expect(failed.code).toBe(1);
        expect(failed.stderr).toMatch(/^berth: .*(digest|sha256)/m);
        expect((await leftIn(failDir)).filter((name) => name !== 'jobs')).toEqual([]);
      }
      expect(await stat('/tmp/berth-escaped').catch(() => undefined)).toBeUndefined();
    } finally {
      await hostile.stop();
    }
  }, 60_000);

  it('says the disk is full when it is, and leaves nothing on it', async () => {
    await pushImage(source, 'team/big', '1', { layers: 2, layerSize: 1024 * 1024 });
    // A real full disk: a 1 MiB tmpfs (the tests run as root, as dockerd's do).
    const small = await makeTempDir('berth-save-full-');
    await runCommand('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', small]);
    try {
      for (const format of ['oci', 'oci-dir']) {
        const failed = await berth([
          'save',
          `${source.host}/team/big:1`,
          '-o',
          path.join(small, 'big'),
          '--format',
          format,
        ]);
        expect(failed.code).toBe(1);
        expect(failed.stderr).toMatch(/^berth: the disk is full: .*big could not be written/m);
        expect(await readdir(small)).toEqual([]);
      }
    } finally {
      await runCommand('umount', [small]);
      await removeDir(small);
    }
  }, 60_000);
});
