// Hostile input to load and referrers, read without a registry: crafted archives (a zero-byte blob, one
// compressed layer named a thousand times, a manifest named by sha512 that holds other bytes) and a registry
// whose referrers listing or tag-schema index is garbage. Each must end in a clear error or the right bytes,
// never a RangeError or TypeError from deep inside, and never in hashing one file a thousand times.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveFiles } from '../../electron/core/archive/archive-files.js';
import { openTarWriter } from '../../electron/core/archive/archive-writer.js';
import { planLoad } from '../../electron/core/archive/load-plan.js';
import { addToTagSchemaIndex, planReferrers } from '../../electron/core/copy/referrers.js';
import { BerthError, RegistryClient } from '../../electron/core/registry/index.js';
import { imageAt, repositoryAt } from '../../shared/location.js';
import { saveImages } from '../../electron/core/archive/save.js';
import type { JobContext } from '../../electron/core/jobs/index.js';
import { makeTempDir, removeDir, runCommand } from '../fixtures/process.js';
import { receiveUpload } from '../../electron/host/upload.js';
import type { BerthServices } from '../../electron/core/services.js';

let dir: string;

beforeAll(async () => {
  dir = await makeTempDir('archive-hostile');
});

afterAll(async () => {
  if (dir) await removeDir(dir);
});

const sha = (algorithm: 'sha256' | 'sha512', bytes: Buffer | string) =>
  `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;

/** A tar of the files, written by tar-stream (pax headers for names past ustar's 100 bytes). */
async function archiveOf(
  name: string,
  files: Array<{ name: string; content: Buffer } | { name: string; link: string; type: 'link' | 'symlink' }>,
) {
  const pack = tar.pack();
  for (const entry of files)
    if ('link' in entry) pack.entry({ name: entry.name, type: entry.type, linkname: entry.link });
    else pack.entry({ name: entry.name, size: entry.content.length }, entry.content);
  pack.finalize();
  const file = path.join(dir, name);
  await writeFile(file, await bytesOf(pack));
  return ArchiveFiles.open(file, new AbortController().signal);
}

async function bytesOf(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const OCI_LAYOUT = { name: 'oci-layout', content: Buffer.from('{"imageLayoutVersion":"1.0.0"}') };

describe('crafted archives', () => {
  it('reads a zero-byte blob as no bytes, not a RangeError', async () => {
    const empty = Buffer.alloc(0);
    const files = await archiveOf('empty-blob.tar', [
      { name: `blobs/sha256/${sha('sha256', empty).slice(7)}`, content: empty },
      { name: 'other', content: Buffer.from('x') },
    ]);
    const stream = files.stream(`blobs/sha256/${sha('sha256', empty).slice(7)}`);
    expect(await bytesOf(stream)).toEqual(empty);
  });

  it('hashes a compressed layer named a thousand times, and through links, once', async () => {
    const layer = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]);
    const diffIds = Array.from({ length: 1000 }, () => sha('sha256', 'diff'));
    const config = Buffer.from(JSON.stringify({ rootfs: { type: 'layers', diff_ids: diffIds } }));
    const names = ['l.tar.gz', 'hard.tar.gz', 'soft.tar.gz'];
    const manifest = [{ Config: 'c.json', RepoTags: ['a:1'], Layers: diffIds.map((_, n) => names[n % 3]) }];
    const files = await archiveOf('same-layer.tar', [
      { name: 'manifest.json', content: Buffer.from(JSON.stringify(manifest)) },
      { name: 'c.json', content: config },
      { name: 'l.tar.gz', content: layer },
      { name: 'hard.tar.gz', link: 'l.tar.gz', type: 'link' },
      { name: 'soft.tar.gz', link: 'l.tar.gz', type: 'symlink' },
    ]);
    let hashed = 0;
    const plan = await planLoad(files, async () => {
      hashed++;
      return sha('sha256', layer);
    });
    expect(hashed).toBe(1);
    expect(plan.blobs.size).toBe(2);
  });

  it('checks a manifest named by sha512 against its bytes too', async () => {
    const real = Buffer.from(
      JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json' }),
    );
    const named = sha('sha512', 'something else');
    const index = {
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: named,
          size: real.length,
          annotations: { 'org.opencontainers.image.ref.name': '1' },
        },
      ],
    };
    const files = await archiveOf('sha512.tar', [
      OCI_LAYOUT,
      { name: 'index.json', content: Buffer.from(JSON.stringify(index)) },
      { name: `blobs/sha512/${named.slice(7)}`, content: real },
    ]);
    await expect(planLoad(files, async () => 'unused')).rejects.toThrow(
      new RegExp(`manifest ${named} holds other bytes`),
    );
  });
});

describe('a save whose archive broke', () => {
  it('closes the download it is handed after the tar failed, so no request is left open', async () => {
    const signal = new AbortController().signal;
    const writer = await openTarWriter(path.join(dir, 'broken.tar'), false);
    const dying = new PassThrough();
    setImmediate(() => dying.destroy(new Error('the registry went away')));
    await expect(writer.addStream('blobs/sha256/a', 10, dying, signal)).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const next = new PassThrough();
    await expect(writer.addStream('blobs/sha256/b', 10, next, signal)).rejects.toThrow();
    expect(next.destroyed).toBe(true);
    await writer.discard();
    expect((await readdir(dir)).filter((name) => name.includes('broken'))).toEqual([]);
  });
});

describe("the browser host's upload", () => {
  it('says the disk is full when it is, and leaves no partial file', async () => {
    // A real full disk: a 1 MiB tmpfs (the tests run as root, as the save's disk-full test does).
    const dataDir = path.join(dir, 'full-data');
    await mkdir(dataDir);
    await runCommand('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dataDir]);
    try {
      const request = Object.assign(Readable.from([Buffer.alloc(1024 * 1024), Buffer.alloc(1024 * 1024)]), {
        headers: { 'content-type': 'application/octet-stream' },
      }) as unknown as IncomingMessage;
      const services = {
        settings: { dataDir },
        chosenFiles: { add: () => 'token' },
      } as unknown as BerthServices;
      const outcome = await receiveUpload(request, services);
      expect(outcome).toMatchObject({
        ok: false,
        message: expect.stringMatching(/is full.*free some space/),
      });
      expect(await readdir(path.join(dataDir, 'uploads'))).toEqual([]);
    } finally {
      await runCommand('umount', [dataDir]);
    }
  });
});

describe('an OCI layout whose manifests repeat or loop', () => {
  const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
  const INDEX = 'application/vnd.oci.image.index.v1+json';
  const blob = (content: Buffer) => ({ name: `blobs/sha256/${sha('sha256', content).slice(7)}`, content });
  const describeBytes = (mediaType: string, content: Buffer) => ({
    mediaType,
    digest: sha('sha256', content),
    size: content.length,
  });

  it('reads an index listed a thousand times once, and holds its manifests once', async () => {
    const config = Buffer.from('{}');
    const manifests = Array.from({ length: 50 }, (_, n) =>
      Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: MANIFEST,
          config: describeBytes('application/vnd.oci.image.config.v1+json', config),
          layers: [],
          annotations: { n: String(n) },
        }),
      ),
    );
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: INDEX,
        manifests: manifests.map((bytes) => describeBytes(MANIFEST, bytes)),
      }),
    );
    const top = {
      schemaVersion: 2,
      manifests: Array.from({ length: 1000 }, (_, n) => ({
        ...describeBytes(INDEX, index),
        annotations: { 'org.opencontainers.image.ref.name': `t${n}` },
      })),
    };
    const files = await archiveOf('repeated-index.tar', [
      OCI_LAYOUT,
      { name: 'index.json', content: Buffer.from(JSON.stringify(top)) },
      blob(index),
      blob(config),
      ...manifests.map(blob),
    ]);
    let reads = 0;
    const readSmall = files.readSmall.bind(files);
    files.readSmall = async (name, limit) => {
      reads++;
      return readSmall(name, limit);
    };
    const plan = await planLoad(files, async () => 'unused');
    expect(plan.images).toHaveLength(1000);
    expect(plan.images[999]!.children).toHaveLength(50);
    // oci-layout, index.json, the index and its 50 manifests: each read once, not 1000 times.
    expect(reads).toBe(2 + 1 + 50);
    expect(plan.images[999]!.children[0]!.bytes).toBe(plan.images[0]!.children[0]!.bytes);
  });
});

describe('a registry whose referrers are garbage', () => {
  let server: Server;
  let host: string;
  const subject = sha('sha256', 'image');
  /** What the registry answers, by path. */
  const answers = new Map<string, { type: string; body: string }>();

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      if (url.pathname === '/v2/') return response.writeHead(200).end('{}');
      const answer = answers.get(`${request.method} ${url.pathname}`);
      if (!answer) return response.writeHead(404, { 'content-type': 'application/json' }).end('{}');
      const body = Buffer.from(answer.body);
      response.writeHead(200, {
        'content-type': answer.type,
        'content-length': body.length,
        'docker-content-digest': sha('sha256', body),
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const client = () =>
    new RegistryClient({
      certsDRoot: false,
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
      connectionFor: (name) => ({ host: name, insecureHttp: true }),
    });
  const INDEX = 'application/vnd.oci.image.index.v1+json';

  it.each([
    ['entries that are not descriptors', '{"schemaVersion":2,"manifests":[null,5,{"digest":7}]}'],
    ['a list that is not a list', '{"schemaVersion":2,"manifests":"sha256:abc"}'],
  ])('a Referrers API listing of %s is a clear error', async (_, body) => {
    answers.clear();
    answers.set(`GET /v2/app/referrers/${subject}`, { type: INDEX, body });
    const error = await planReferrers(client(), repositoryAt(host, 'app'), [subject]).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).message).toMatch(/referrers of app@sha256:.* not a list of descriptors/);
  });

  it('a referrer whose artifactType is not a string is named by its config, not by an object', async () => {
    answers.clear();
    const type = 'application/vnd.oci.image.manifest.v1+json';
    const body = JSON.stringify({
      schemaVersion: 2,
      mediaType: type,
      artifactType: { evil: true },
      config: { mediaType: 'application/vnd.dev.cosign.artifact.sig.v1+json', digest: subject, size: 2 },
      layers: [],
      subject: { mediaType: type, digest: subject, size: 2 },
    });
    const digest = sha('sha256', body);
    answers.set(`GET /v2/app/manifests/${digest}`, { type, body });
    answers.set(`GET /v2/app/referrers/${subject}`, {
      type: INDEX,
      body: JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: type, digest, size: body.length }] }),
    });
    const plan = await planReferrers(client(), repositoryAt(host, 'app'), [subject]);
    expect(plan.referrers[0]!.artifactType).toBe('application/vnd.dev.cosign.artifact.sig.v1+json');
    expect(plan.kinds).toEqual({ 'application/vnd.dev.cosign.artifact.sig.v1+json': 1 });
  });

  it('a tag-schema index at the source with entries that are not descriptors is a clear error', async () => {
    answers.clear();
    const tag = `sha256-${subject.slice(7)}`;
    const body =
      '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[null]}';
    answers.set(`HEAD /v2/app/manifests/${tag}`, { type: INDEX, body });
    answers.set(`GET /v2/app/manifests/${tag}`, { type: INDEX, body });
    const error = await planReferrers(client(), repositoryAt(host, 'app'), [subject]).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).message).toMatch(/not a list of descriptors/);
  });

  it.each(['docker', 'oci'] as const)(
    'a save (%s) of a manifest whose layers are not descriptors is a clear error, and leaves no file',
    async (format) => {
      answers.clear();
      const config = { mediaType: 'application/vnd.oci.image.config.v1+json', digest: subject, size: 2 };
      const body = JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config,
        layers: [null, { mediaType: 'x', digest: 5, size: 1 }],
      });
      const type = 'application/vnd.oci.image.manifest.v1+json';
      answers.set('HEAD /v2/app/manifests/1', { type, body });
      answers.set('GET /v2/app/manifests/1', { type, body });
      const output = path.join(dir, `bad-layers-${format}.tar`);
      const context = {
        signal: new AbortController().signal,
        item: () => ({ setState: () => undefined, addBytes: () => undefined }),
      } as unknown as JobContext;
      const error = await saveImages(
        { client: client() },
        { images: [imageAt(repositoryAt(host, 'app'), '1')], output, format },
        context,
      ).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(BerthError);
      expect((error as BerthError).message).toMatch(/app:1 lists a layer that is not a descriptor/);
      expect(await readdir(dir)).not.toContainEqual(expect.stringContaining(`bad-layers-${format}`));
    },
  );

  it("a destination's tag-schema index with garbage entries is left alone with a clear error", async () => {
    answers.clear();
    const tag = `sha256-${subject.slice(7)}`;
    const body =
      '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[null]}';
    answers.set(`GET /v2/app/manifests/${tag}`, { type: INDEX, body });
    const entry = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: subject, size: 2 };
    const error = await addToTagSchemaIndex(client(), repositoryAt(host, 'app'), subject, [entry]).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).message).toMatch(/not a referrers index; Berth leaves it alone/);
  });
});
