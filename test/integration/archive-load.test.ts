// berth load's core against the real parts: archives written by the real `docker save` (dockerd 28) and
// `skopeo copy … oci-archive:/oci:`, one of Docker's legacy layout made by hand, and hostile ones; each
// pushed into a real Distribution and read back with skopeo.
import { randomBytes } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NEW_DIGESTS_NOTE,
  loadArchive,
  type LoadInput,
  type LoadSummary,
} from '../../electron/core/archive/index.js';
import { JobManager, type AnyJobInputs } from '../../electron/core/jobs/index.js';
import { RegistryClient } from '../../electron/core/registry/index.js';
import type { JobSnapshot } from '../../shared/jobs.js';
import { parseDestinationLocation } from '../../shared/location.js';
import { alice, skopeo } from '../fixtures/berth-client.js';
import { buildImageArchive, startDockerd, type DockerdHandle } from '../fixtures/dockerd.js';
import { makeTar, pushIndex, sha256 } from '../fixtures/images.js';
import { makeTempDir, removeDir, runCommand } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let source: RegistryHandle;
let target: RegistryHandle;
let dir: string;

type LoadText = Omit<LoadInput, 'destination'> & { destination: string };

function client(): RegistryClient {
  return new RegistryClient({
    certsDRoot: false,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    connectionFor: (host) =>
      host === target.host
        ? { host, insecureHttp: true, credential: alice(target) }
        : host === source.host
          ? { host, insecureHttp: true }
          : undefined,
  });
}

function jobsFor(): JobManager<AnyJobInputs & { load: LoadText }> {
  const jobs = new JobManager<AnyJobInputs & { load: LoadText }>({ throttleMs: 0 });
  const deps = { client: client() };
  jobs.register('load', (input, context) =>
    loadArchive(deps, { ...input, destination: parseDestinationLocation(input.destination) }, context),
  );
  return jobs;
}

async function load(input: LoadText): Promise<JobSnapshot<'load'>> {
  return (await jobsFor().launch('load', input, 'load').done) as JobSnapshot<'load'>;
}

async function loaded(input: LoadText): Promise<LoadSummary> {
  const job = await load(input);
  if (job.status !== 'succeeded') throw new Error(`load ${job.status}: ${JSON.stringify(job.error)}`);
  return job.result!;
}

/** The tags of a repository at the target, none when the repository does not exist. */
async function tagsAt(repository: string): Promise<string[]> {
  try {
    const out = await skopeo(target, 'list-tags', `docker://${target.host}/${repository}`);
    return ((JSON.parse(out) as { Tags: string[] | null }).Tags ?? []).sort();
  } catch {
    return [];
  }
}

async function rawDigest(registry: RegistryHandle, reference: string): Promise<string> {
  return sha256(
    Buffer.from(await skopeo(registry, 'inspect', '--raw', `docker://${registry.host}/${reference}`)),
  );
}

/** The folders a .tar.gz is uncompressed into while it loads (gone once the load ends). */
async function gunzipFolders(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((name) => name.startsWith('berth-gunzip-')).sort();
}

async function writeArchive(name: string, bytes: Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return file;
}

/** Pulls an image back with skopeo into an OCI folder: every blob read and checked against its digest. */
async function pullsBack(reference: string): Promise<void> {
  const out = path.join(dir, `pulled-${randomBytes(4).toString('hex')}`);
  await runCommand(
    'skopeo',
    ['copy', ...target.skopeoArgs('src'), `docker://${target.host}/${reference}`, `oci:${out}:x`],
    { timeoutMs: 60_000 },
  );
}

beforeAll(async () => {
  dir = await makeTempDir('archive-load');
  [source, target] = await Promise.all([
    startRegistry({ auth: 'none' }),
    startRegistry({ auth: 'htpasswd', deleteEnabled: true }),
  ]);
});

afterAll(async () => {
  await Promise.all([source?.stop(), target?.stop()]);
  if (dir) await removeDir(dir);
});

describe('load an archive from the real docker save', () => {
  let dockerd: DockerdHandle;
  let archive: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    dockerd = await startDockerd();
    for (const [name, size] of [
      ['berth-one:1', 300_000],
      ['berth-two:2', 200_000],
    ] as const) {
      const rootfs = await writeArchive(
        `${name.replace(':', '-')}.rootfs.tar`,
        makeTar([{ name: `data/${name.replace(':', '-')}.bin`, content: randomBytes(size) }]),
      );
      await dockerd.docker(['import', rootfs, name]);
      ids[name] = (await dockerd.docker(['image', 'inspect', '--format', '{{.Id}}', name])).stdout.trim();
    }
    await dockerd.docker(['tag', 'berth-two:2', 'berth-two:latest']);
    archive = path.join(dir, 'saved.tar');
    await dockerd.docker(['save', '-o', archive, 'berth-one:1', 'berth-two:2', 'berth-two:latest']);
  }, 180_000);

  afterAll(async () => {
    await dockerd?.stop();
  });

  it('pushes both images with their tags; skopeo reads them back with the engine config', async () => {
    const summary = await loaded({ path: archive, destination: `${target.host}/saved/images` });
    // The dockerd here (20.10) writes the legacy layout (`<id>/layer.tar`): Berth writes the manifests.
    expect(summary).toMatchObject({ format: 'docker', digestsKept: false, note: NEW_DIGESTS_NOTE });
    expect(summary.images.map((image) => image.tags).sort()).toEqual([['1'], ['2', 'latest']]);
    expect(await tagsAt('saved/images')).toEqual(['1', '2', 'latest']);
    for (const [name, tag] of [
      ['berth-one:1', '1'],
      ['berth-two:2', '2'],
    ] as const) {
      const config = await skopeo(
        target,
        'inspect',
        '--config',
        '--raw',
        `docker://${target.host}/saved/images:${tag}`,
      );
      // The image ID of the engine is its config's digest: the same config went up.
      expect(sha256(Buffer.from(config))).toBe(ids[name]);
      await pullsBack(`saved/images:${tag}`);
    }
    expect(await rawDigest(target, 'saved/images:2')).toBe(await rawDigest(target, 'saved/images:latest'));
  }, 120_000);

  it('refuses one tag for an archive of two images, and pushes nothing', async () => {
    const job = await load({ path: archive, destination: `${target.host}/saved/one-tag:x` });
    expect(job.status).toBe('failed');
    expect(job.error?.message).toMatch(/holds 2 images, so one tag cannot name them/);
    expect(await tagsAt('saved/one-tag')).toEqual([]);
  });
});

describe('load a Docker archive of the legacy layout', () => {
  it('writes a manifest for its plain tar layers and says the digests are new', async () => {
    const built = buildImageArchive({ repoTags: ['example.com/team/app:7'], layerSizes: [150_000, 20_000] });
    const file = await writeArchive('legacy.tar', built.archive);
    const summary = await loaded({ path: file, destination: `${target.host}/legacy/app` });
    expect(summary.format).toBe('docker');
    expect(summary.digestsKept).toBe(false);
    expect(summary.note).toBe('digests are new: a Docker archive holds uncompressed layers');
    expect(summary.images[0]!.tags).toEqual(['7']);
    const manifest = JSON.parse(
      await skopeo(target, 'inspect', '--raw', `docker://${target.host}/legacy/app:7`),
    ) as {
      config: { digest: string };
      layers: { digest: string; mediaType: string }[];
    };
    expect(manifest.config.digest).toBe(built.imageId);
    expect(manifest.layers.map((layer) => layer.digest)).toEqual(built.diffIds);
    expect(
      manifest.layers.every((layer) => layer.mediaType === 'application/vnd.oci.image.layer.v1.tar'),
    ).toBe(true);
    await pullsBack('legacy/app:7');
  });

  it('loads a gzip-compressed archive (docker save | gzip, which docker load reads) and leaves no uncompressed copy', async () => {
    const before = await gunzipFolders();
    const built = buildImageArchive({ repoTags: ['example.com/team/app:8'], layerSizes: [150_000] });
    const file = await writeArchive('legacy.tar.gz', gzipSync(built.archive));
    const summary = await loaded({ path: file, destination: `${target.host}/gzipped/app` });
    expect(summary).toMatchObject({ format: 'docker', digestsKept: false });
    expect(summary.images[0]!.tags).toEqual(['8']);
    const manifest = JSON.parse(
      await skopeo(target, 'inspect', '--raw', `docker://${target.host}/gzipped/app:8`),
    ) as { config: { digest: string } };
    expect(manifest.config.digest).toBe(built.imageId);
    expect(await gunzipFolders()).toEqual(before);
  });

  it('follows a layer that docker save wrote as a link to an earlier one, and refuses a link out of the archive', async () => {
    const layer = makeTar([{ name: 'data/shared.bin', content: randomBytes(10_000) }]);
    const configFor = (name: string) =>
      Buffer.from(
        JSON.stringify({
          architecture: 'amd64',
          os: 'linux',
          config: { Cmd: [name] },
          rootfs: { type: 'layers', diff_ids: [sha256(layer)] },
        }),
      );
    const [one, two] = [configFor('one'), configFor('two')];
    const pack = tar.pack();
    const manifest = [
      { Config: `${sha256(one).slice(7)}.json`, RepoTags: ['x:one'], Layers: ['a/layer.tar'] },
      { Config: `${sha256(two).slice(7)}.json`, RepoTags: ['x:two'], Layers: ['b/layer.tar'] },
    ];
    pack.entry({ name: 'a/layer.tar' }, layer);
    pack.entry({ name: 'b/layer.tar', type: 'symlink', linkname: '../a/layer.tar' });
    pack.entry({ name: `${sha256(one).slice(7)}.json` }, one);
    pack.entry({ name: `${sha256(two).slice(7)}.json` }, two);
    pack.entry({ name: 'manifest.json' }, JSON.stringify(manifest));
    const linked = await packed(pack);
    const summary = await loaded({
      path: await writeArchive('linked.tar', linked),
      destination: `${target.host}/legacy/linked`,
    });
    expect(summary.images.map((image) => image.tags)).toEqual([['one'], ['two']]);
    expect(summary.blobs.transferred).toBe(3);
    await pullsBack('legacy/linked:two');

    const escaping = tar.pack();
    escaping.entry({ name: 'manifest.json' }, JSON.stringify(manifest));
    escaping.entry({ name: 'b/layer.tar', type: 'symlink', linkname: '../../../etc/passwd' });
    const job = await load({
      path: await writeArchive('escaping.tar', await packed(escaping)),
      destination: `${target.host}/legacy/escaping`,
    });
    expect(job.error?.message).toMatch(/names a file outside itself/);
    expect(await tagsAt('legacy/escaping')).toEqual([]);
  });

  it('names the image of a one-image archive by the tag given', async () => {
    const built = buildImageArchive({ repoTags: [], layerSizes: [1000] });
    const file = await writeArchive('untagged.tar', built.archive);
    const refused = await load({ path: file, destination: `${target.host}/legacy/untagged` });
    expect(refused.error?.message).toMatch(/holds an image without a tag/);
    const summary = await loaded({ path: file, destination: `${target.host}/legacy/untagged:given` });
    expect(summary.images[0]!.tags).toEqual(['given']);
    expect(await tagsAt('legacy/untagged')).toEqual(['given']);
  });
});

describe("load a Docker 25+ archive (an OCI layout beside manifest.json, made by hand as moby's tarexport writes it)", () => {
  it('pushes the manifest the archive holds, as it is, and still says the layers are plain tars', async () => {
    const layer = makeTar([{ name: 'data/file.bin', content: randomBytes(40_000) }]);
    const config = Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        rootfs: { type: 'layers', diff_ids: [sha256(layer)] },
      }),
    );
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          digest: sha256(config),
          size: config.length,
        },
        layers: [
          { mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha256(layer), size: layer.length },
        ],
      }),
    );
    const blob = (bytes: Buffer) => `blobs/sha256/${sha256(bytes).slice(7)}`;
    const index = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: sha256(manifest),
          size: manifest.length,
          annotations: {
            'io.containerd.image.name': 'docker.io/library/modern:25',
            'org.opencontainers.image.ref.name': '25',
          },
        },
      ],
    };
    const archive = makeTar([
      { name: blob(config), content: config },
      { name: blob(layer), content: layer },
      { name: blob(manifest), content: manifest },
      { name: 'index.json', content: Buffer.from(JSON.stringify(index)) },
      {
        name: 'manifest.json',
        content: Buffer.from(
          JSON.stringify([{ Config: blob(config), RepoTags: ['modern:25'], Layers: [blob(layer)] }]),
        ),
      },
      { name: 'oci-layout', content: Buffer.from('{"imageLayoutVersion":"1.0.0"}') },
    ]);
    const summary = await loaded({
      path: await writeArchive('modern.tar', archive),
      destination: `${target.host}/modern/app`,
    });
    expect(summary).toMatchObject({ format: 'docker', digestsKept: true, note: NEW_DIGESTS_NOTE });
    expect(summary.images).toEqual([
      { digest: sha256(manifest), mediaType: 'application/vnd.oci.image.manifest.v1+json', tags: ['25'] },
    ]);
    expect(await rawDigest(target, 'modern/app:25')).toBe(sha256(manifest));
    await pullsBack('modern/app:25');
  });
});

describe('load an OCI archive and an OCI layout folder from skopeo', () => {
  it('keeps every digest of a multi-platform index', async () => {
    const index = await pushIndex(source, 'team/multi', '1', {
      format: 'oci',
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64', variant: 'v8' },
      ],
      layerSize: 50_000,
    });
    const archive = path.join(dir, 'multi.tar');
    const folder = path.join(dir, 'multi-layout');
    for (const destination of [`oci-archive:${archive}:1`, `oci:${folder}:1`])
      await runCommand(
        'skopeo',
        [
          'copy',
          '--all',
          '--preserve-digests',
          ...source.skopeoArgs('src'),
          `docker://${source.host}/team/multi:1`,
          destination,
        ],
        {
          timeoutMs: 60_000,
        },
      );
    const fromArchive = await loaded({ path: archive, destination: `${target.host}/oci/multi` });
    expect(fromArchive).toMatchObject({ format: 'oci', digestsKept: true });
    expect(fromArchive.images).toEqual([
      { digest: index.digest, mediaType: 'application/vnd.oci.image.index.v1+json', tags: ['1'] },
    ]);
    expect(await rawDigest(target, 'oci/multi:1')).toBe(index.digest);
    for (const child of index.children)
      expect(await rawDigest(target, `oci/multi@${child.digest}`)).toBe(child.digest);

    const fromFolder = await loaded({ path: folder, destination: `${target.host}/oci/folder:again` });
    expect(fromFolder.images[0]!.digest).toBe(index.digest);
    expect(await rawDigest(target, 'oci/folder:again')).toBe(index.digest);

    // The job names each as berth save does: a tar is an OCI archive, a folder an OCI layout folder.
    const detail = async (from: string) =>
      (await load({ path: from, destination: `${target.host}/oci/named` })).items.find(
        (item) => item.id === 'archive',
      )?.note;
    expect(await detail(archive)).toBe('OCI archive: 1 image');
    expect(await detail(folder)).toBe('OCI layout folder: 1 image');
  }, 120_000);
});

describe('hostile and broken archives: a clear error, and no manifest in the registry', () => {
  const legacy = () => buildImageArchive({ repoTags: ['team/app:1'], layerSizes: [30_000] });

  async function refuses(name: string, bytes: Buffer, message: RegExp): Promise<void> {
    const file = await writeArchive(name, bytes);
    const repository = `hostile/${name.replace(/\W/g, '-')}`;
    const job = await load({ path: file, destination: `${target.host}/${repository}` });
    expect(job.status).toBe('failed');
    expect(job.error?.message).toMatch(message);
    expect(job.error?.hint).toBeTruthy();
    expect(await tagsAt(repository)).toEqual([]);
  }

  it('refuses a name outside the archive', async () => {
    await refuses(
      'dotdot.tar',
      makeTar([{ name: '../escape.json', content: Buffer.from('{}') }]),
      /names a file outside itself/,
    );
  });

  it('refuses a truncated tar', async () => {
    const whole = legacy().archive;
    await refuses('truncated.tar', whole.subarray(0, Math.floor(whole.length / 2)), /truncated/);
  });

  it('refuses a layer whose bytes are not its digest', async () => {
    const built = legacy();
    // The layer file keeps its name and size, but one byte of it changes.
    const at = built.archive.indexOf(Buffer.from('berth/layer-0.bin')) + 1024;
    built.archive[at] = built.archive[at]! ^ 0xff;
    await refuses('altered.tar', built.archive, /holds other bytes/);
  });

  it('refuses a manifest.json naming a file the archive lacks', async () => {
    const manifest = JSON.stringify([{ Config: 'missing.json', RepoTags: ['a:1'], Layers: [] }]);
    await refuses(
      'missing.tar',
      makeTar([{ name: 'manifest.json', content: Buffer.from(manifest) }]),
      /does not hold "missing.json"/,
    );
  });

  it('refuses a huge manifest.json before reading it', async () => {
    const huge = Buffer.alloc(5 * 1024 * 1024, 0x20);
    await refuses(
      'huge.tar',
      makeTar([{ name: 'manifest.json', content: huge }]),
      /more than the 4194304 bytes/,
    );
  });

  it('refuses a damaged gzip archive, and a zstd one with the command that opens it', async () => {
    const gzip = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, ...randomBytes(100)]);
    await refuses('packed.tar.gz', gzip, /gzip-compressed but does not uncompress/);
    await refuses('doubly.tar.gz', gzipSync(gzipSync(legacy().archive)), /gzip-compressed/);
    const zstd = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, ...randomBytes(100)]);
    await refuses('packed.tar.zst', zstd, /zstd-compressed/);
    expect(await gunzipFolders()).toEqual([]);
  });

  it('leaves no manifest when cancelled in the middle of a blob', async () => {
    const built = buildImageArchive({ repoTags: ['team/big:1'], layerSizes: [48 * 1024 * 1024] });
    const file = await writeArchive('big.tar', built.archive);
    const jobs = jobsFor();
    const launched = jobs.launch(
      'load',
      { path: file, destination: `${target.host}/hostile/cancelled` },
      'load',
    );
    const unsubscribe = jobs.subscribe((event) => {
      const moving = event.job.items.some(
        (item) => item.kind === 'blob' && item.bytesDone > 0 && item.bytesDone < (item.bytesTotal ?? 0),
      );
      if (moving) jobs.cancel(launched.id);
    });
    const job = await launched.done;
    unsubscribe();
    expect(job.status).toBe('cancelled');
    expect(await tagsAt('hostile/cancelled')).toEqual([]);
  }, 120_000);

  it('refuses two images that would take the same tag', async () => {
    const one = buildImageArchive({ repoTags: ['a/x:same'], layerSizes: [100] });
    const two = buildImageArchive({ repoTags: ['b/y:same'], layerSizes: [200] });
    // Two Docker archives' files side by side, with one manifest.json listing both images.
    const entries = (archive: Buffer) => JSON.parse(extractManifest(archive)) as object[];
    const files = [...filesOf(one.archive), ...filesOf(two.archive)].filter(
      (file) => file.name !== 'manifest.json',
    );
    const manifest = Buffer.from(JSON.stringify([...entries(one.archive), ...entries(two.archive)]));
    await refuses(
      'same-tag.tar',
      makeTar([{ name: 'manifest.json', content: manifest }, ...files]),
      /would both take the tag same/,
    );
  });
});

async function packed(pack: tar.Pack): Promise<Buffer> {
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The files of a ustar archive made by makeTar (names under 100 bytes, no extensions). */
function filesOf(archive: Buffer): { name: string; content: Buffer }[] {
  const files: { name: string; content: Buffer }[] = [];
  for (let offset = 0; offset + 512 <= archive.length;) {
    const header = archive.subarray(offset, offset + 512);
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    if (!name) break;
    const size = Number.parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim(), 8);
    files.push({ name, content: archive.subarray(offset + 512, offset + 512 + size) });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

function extractManifest(archive: Buffer): string {
  return filesOf(archive)
    .find((file) => file.name === 'manifest.json')!
    .content.toString('utf8');
}
