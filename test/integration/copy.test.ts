import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../shared/jobs.js';
import {
  copyImage,
  previewCopy,
  previewSync,
  syncRepository,
  BlobLocationCache,
  type CopyDeps,
  type CopyInput,
  type CopySummary,
  type SyncInput,
} from '../../electron/core/copy/index.js';
import { JobManager, type AnyJobInputs } from '../../electron/core/jobs/index.js';
import {
  parseDestinationLocation,
  parseImageLocation,
  parseRepositoryLocation,
} from '../../shared/location.js';
import {
  headManifest,
  NotFoundError,
  RegistryClient,
  type RegistryConnection,
} from '../../electron/core/registry/index.js';
import { alice, skopeo } from '../fixtures/berth-client.js';
import { startFaultProxy, type FaultProxy } from '../fixtures/fault-proxy.js';
import { pushImage, pushIndex, sha256 } from '../fixtures/images.js';
import { openUploads, startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let source: RegistryHandle;
let target: RegistryHandle;

/** A client that knows both registries (and any proxy host in front of one of them). */
function makeDeps(extra: Record<string, RegistryConnection> = {}, blobCache?: BlobLocationCache): CopyDeps {
  const connections: Record<string, RegistryConnection> = {
    [source.host]: { host: source.host, insecureHttp: true },
    [target.host]: { host: target.host, insecureHttp: true, credential: alice(target) },
    ...extra,
  };
  const client = new RegistryClient({
    certsDRoot: false,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    connectionFor: (host) => connections[host],
  });
  return { client, blobCache };
}

/** The tests name images as the CLI does: reference text, parsed into locations at the edge. */
type CopyText = Omit<CopyInput, 'source' | 'destination'> & { source: string; destination: string };
type SyncText = Omit<SyncInput, 'source' | 'destination'> & { source: string; destination: string };
type TextJobs = JobManager<AnyJobInputs & { copy: CopyText; sync: SyncText }>;

function jobsFor(deps: CopyDeps): TextJobs {
  const jobs: TextJobs = new JobManager({ throttleMs: 0 });
  jobs.register('copy', (input, context) =>
    copyImage(
      deps,
      {
        ...input,
        source: parseImageLocation(input.source),
        destination: parseDestinationLocation(input.destination),
      },
      context,
    ),
  );
  jobs.register('sync', (input, context) =>
    syncRepository(
      deps,
      {
        ...input,
        source: parseRepositoryLocation(input.source),
        destination: parseRepositoryLocation(input.destination),
      },
      context,
    ),
  );
  return jobs;
}

async function runCopy(deps: CopyDeps, input: CopyText): Promise<{ job: JobSnapshot; summary: CopySummary }> {
  const jobs = jobsFor(deps);
  const job = await jobs.launch('copy', input, `copy ${input.source}`).done;
  if (job.status !== 'succeeded') throw new Error(`copy ${job.status}: ${JSON.stringify(job.error)}`);
  return { job, summary: job.result! };
}

async function rawDigest(registry: RegistryHandle, reference: string): Promise<string> {
  return sha256(
    Buffer.from(await skopeo(registry, 'inspect', '--raw', `docker://${registry.host}/${reference}`)),
  );
}

async function hasManifest(
  deps: CopyDeps,
  registry: RegistryHandle,
  repository: string,
  tag: string,
): Promise<boolean> {
  return headManifest(deps.client, { registry: registry.host, repository, reference: tag }).then(
    () => true,
    (error: unknown) => {
      if (error instanceof NotFoundError) return false;
      throw error;
    },
  );
}

beforeAll(async () => {
  [source, target] = await Promise.all([
    startRegistry({ auth: 'none' }),
    startRegistry({ auth: 'token', deleteEnabled: true }),
  ]);
});

afterAll(async () => {
  await Promise.all([source?.stop(), target?.stop()]);
});

describe('copy between registries', () => {
  it('copies an image across registries byte for byte: same digest, every blob verified', async () => {
    const image = await pushImage(source, 'app/api', '1.0', { layers: 3, layerSize: 200_000 });
    const deps = makeDeps();
    const { job, summary } = await runCopy(deps, {
      source: `${source.host}/app/api:1.0`,
      destination: `${target.host}/prod/api:1.0`,
    });
    expect(summary.digest).toBe(image.digest);
    expect(summary.blobs).toEqual({ transferred: 4, mounted: 0, skipped: 0, foreign: 0 });
    const blobBytes = image.configBytes.length + image.layers.reduce((sum, layer) => sum + layer.size, 0);
    expect(summary.bytesTransferred).toBe(blobBytes);
    expect(job.overall.bytesDone).toBe(blobBytes);
    expect(job.items.filter((item) => item.kind === 'blob').every((item) => item.state === 'done')).toBe(
      true,
    );
    expect(await rawDigest(target, 'prod/api:1.0')).toBe(image.digest);
  });

  it('skips blobs the destination already has, and a tag that is already identical', async () => {
    const image = await pushImage(source, 'app/skip', '1', { layers: 2 });
    const deps = makeDeps();
    await runCopy(deps, { source: `${source.host}/app/skip:1`, destination: `${target.host}/prod/skip:1` });
    const second = await runCopy(deps, {
      source: `${source.host}/app/skip:1`,
      destination: `${target.host}/prod/skip:again`,
    });
    expect(second.summary.blobs).toEqual({ transferred: 0, mounted: 0, skipped: 3, foreign: 0 });
    expect(second.summary.bytesTransferred).toBe(0);
    const third = await runCopy(deps, {
      source: `${source.host}/app/skip:1`,
      destination: `${target.host}/prod/skip:again`,
    });
    expect(third.summary.unchanged).toBe(true);
    expect(await rawDigest(target, 'prod/skip:again')).toBe(image.digest);
  });

  it('copies a two-platform index whole, preserving the index digest', async () => {
    const index = await pushIndex(source, 'app/multi', 'v2', {
      format: 'oci',
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64' },
      ],
    });
    const deps = makeDeps();
    const { summary } = await runCopy(deps, {
      source: `${source.host}/app/multi:v2`,
      destination: `${target.host}/prod/multi:v2`,
    });
    expect(summary).toMatchObject({
      digest: index.digest,
      newIndex: false,
      platforms: ['linux/amd64', 'linux/arm64'],
      manifests: 3,
    });
    expect(await rawDigest(target, 'prod/multi:v2')).toBe(index.digest);
    for (const child of index.children)
      expect(await rawDigest(target, `prod/multi@${child.digest}`)).toBe(child.digest);
  });

  it('copies a platform subset as a new index, and says so', async () => {
    const index = await pushIndex(source, 'app/subset', 'v3', {
      format: 'docker',
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64' },
      ],
    });
    const deps = makeDeps();
    const { summary } = await runCopy(deps, {
      source: `${source.host}/app/subset:v3`,
      destination: `${target.host}/prod/subset:v3`,
      platforms: ['linux/arm64'],
    });
    expect(summary.newIndex).toBe(true);
    expect(summary.platforms).toEqual(['linux/arm64']);
    expect(summary.digest).not.toBe(index.digest);
    const raw = JSON.parse(
      await skopeo(target, 'inspect', '--raw', `docker://${target.host}/prod/subset:v3`),
    ) as { manifests: { digest: string }[] };
    expect(raw.manifests.map((m) => m.digest)).toEqual([index.children[1]!.digest]);
    expect(await rawDigest(target, 'prod/subset:v3')).toBe(summary.digest);
    await expect(
      runCopy(deps, {
        source: `${source.host}/app/subset:v3`,
        destination: `${target.host}/prod/subset:x`,
        platforms: ['linux/s390x'],
      }),
    ).rejects.toThrow(/no linux\/s390x in this index \(has linux\/amd64, linux\/arm64\)/);
  });

  it('promotes within one registry by mounting: no layer bytes move', async () => {
    const image = await pushImage(target, 'dev/web', '7', { layers: 3, layerSize: 100_000 });
    const cache = new BlobLocationCache();
    const deps = makeDeps({}, cache);
    const { job, summary } = await runCopy(deps, {
      source: `${target.host}/dev/web:7`,
      destination: `${target.host}/prod/web:7`,
    });
    expect(summary.blobs).toEqual({ transferred: 0, mounted: 4, skipped: 0, foreign: 0 });
    expect(summary.bytesTransferred).toBe(0);
    expect(job.overall.bytesDone).toBe(0);
    expect(job.items.filter((i) => i.kind === 'blob').map((i) => i.note)).toEqual(
      Array(4).fill('mounted from dev/web'),
    );
    expect(await rawDigest(target, 'prod/web:7')).toBe(image.digest);
    expect(await cache.repositoriesWith(target.host, image.layerDigests[0]!)).toContain('prod/web');
  });

  it('mounts from a repository the blob-location cache remembers (across registries)', async () => {
    const image = await pushImage(source, 'app/cached', '1', { layers: 2 });
    const cache = new BlobLocationCache();
    const deps = makeDeps({}, cache);
    await runCopy(deps, {
      source: `${source.host}/app/cached:1`,
      destination: `${target.host}/team-a/cached:1`,
    });
    const { summary } = await runCopy(deps, {
      source: `${source.host}/app/cached:1`,
      destination: `${target.host}/team-b/cached:1`,
    });
    expect(summary.blobs).toEqual({ transferred: 0, mounted: 3, skipped: 0, foreign: 0 });
    expect(await rawDigest(target, 'team-b/cached:1')).toBe(image.digest);
  });

  it('syncs many tags in one job: identical tags skipped, shared blobs moved once', async () => {
    const base = await pushImage(source, 'app/sync', 'v1', { layers: 2 });
    const deps = makeDeps();
    for (const tag of ['v1-alias', 'v1-copy'])
      await runCopy(deps, {
        source: `${source.host}/app/sync:v1`,
        destination: `${source.host}/app/sync:${tag}`,
      });
    await pushImage(source, 'app/sync', 'v2', { layers: 1 });
    await pushImage(source, 'app/sync', 'dev', { layers: 1 });
    await runCopy(deps, {
      source: `${source.host}/app/sync:v1`,
      destination: `${target.host}/mirror/sync:v1`,
    });
    const jobs = jobsFor(deps);
    const job = await jobs.launch(
      'sync',
      { source: `${source.host}/app/sync`, destination: `${target.host}/mirror/sync`, tags: 'v*' },
      'sync',
    ).done;
    expect(job.status).toBe('succeeded');
    const summary = job.result!;
    expect(summary.tags).toEqual({ copied: ['v1-alias', 'v1-copy', 'v2'], unchanged: ['v1'] });
    // v1's three blobs were already there; v2 brings two new ones, once.
    expect(summary.blobs.transferred).toBe(2);
    const tags = JSON.parse(await skopeo(target, 'list-tags', `docker://${target.host}/mirror/sync`)) as {
      Tags: string[];
    };
    expect(tags.Tags.sort()).toEqual(['v1', 'v1-alias', 'v1-copy', 'v2']);
    expect(await rawDigest(target, 'mirror/sync:v1-copy')).toBe(base.digest);
  });
});

describe('copying chosen tags and previewing a sync', () => {
  it('copies exactly the chosen tags in one job, and previews them with shared blobs counted once', async () => {
    const first = await pushImage(source, 'app/chosen', 'a', { layers: 2, layerSize: 3000 });
    const deps = makeDeps();
    await runCopy(deps, {
      source: `${source.host}/app/chosen:a`,
      destination: `${source.host}/app/chosen:b`,
    });
    const other = await pushImage(source, 'app/chosen', 'c', { layers: 1, layerSize: 5000 });
    await pushImage(source, 'app/chosen', 'not-chosen', { layers: 1 });
    const from = parseRepositoryLocation(`${source.host}/app/chosen`);
    const to = parseRepositoryLocation(`${target.host}/picked/app`);

    const preview = await previewSync(deps.client, { source: from, destination: to, only: ['c', 'a', 'b'] });
    const blobBytes = (image: typeof first) =>
      image.configBytes.length + image.layers.reduce((sum, layer) => sum + layer.size, 0);
    // a and b are the same image: its blobs once, c's once.
    expect(preview).toEqual({
      tags: ['a', 'b', 'c'],
      unchanged: [],
      blobs: { transfer: 5, mount: 0, exists: 0, foreign: 0 },
      bytesToTransfer: blobBytes(first) + blobBytes(other),
      bytesTotal: blobBytes(first) + blobBytes(other),
      // Nothing refers to these images.
      referrers: { count: 0, bytes: 0, kinds: {}, items: [] },
    });

    const job = await jobsFor(deps).launch(
      'sync',
      {
        source: `${source.host}/app/chosen`,
        destination: `${target.host}/picked/app`,
        only: ['c', 'a', 'b'],
      },
      'copy 3 tags',
    ).done;
    expect(job.status).toBe('succeeded');
    expect(job.result?.tags).toEqual({ copied: ['a', 'b', 'c'], unchanged: [] });
    expect(job.result?.blobs.transferred).toBe(5);
    expect(await hasManifest(deps, target, 'picked/app', 'not-chosen')).toBe(false);
    expect(await rawDigest(target, 'picked/app:b')).toBe(first.digest);

    // Now at the destination: the preview finds every tag there and nothing to move.
    const again = await previewSync(deps.client, { source: from, destination: to, only: ['a', 'c'] });
    expect(again).toMatchObject({ tags: [], unchanged: ['a', 'c'], bytesToTransfer: 0 });
  });

  it('refuses chosen tags the source no longer has before copying any of them', async () => {
    await pushImage(source, 'app/gone', 'kept', { layers: 1 });
    const deps = makeDeps();
    const job = await jobsFor(deps).launch(
      'sync',
      {
        source: `${source.host}/app/gone`,
        destination: `${target.host}/gone/app`,
        only: ['kept', 'removed'],
      },
      'copy 2 tags',
    ).done;
    expect(job.status).toBe('failed');
    expect(job.error).toMatchObject({ code: 'NOT_FOUND' });
    expect(job.error?.message).toMatch(/tag removed no longer in .*app\/gone/);
    expect(job.error?.hint).toMatch(/nothing was copied/);
    expect(await hasManifest(deps, target, 'gone/app', 'kept')).toBe(false);
  });
});

describe('copy that goes wrong', () => {
  let proxy: FaultProxy | undefined;
  afterAll(async () => proxy?.stop());

  it('refuses to copy a tag onto itself: a platform subset would replace the index it came from', async () => {
    const index = await pushIndex(source, 'app/self', 'v1', {
      format: 'oci',
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64' },
      ],
    });
    const deps = makeDeps();
    const self = `${source.host}/app/self:v1`;
    for (const destination of [self, `${source.host}/app/self`]) {
      await expect(runCopy(deps, { source: self, destination, platforms: ['linux/arm64'] })).rejects.toThrow(
        `"code":"INVALID_INPUT","message":"the copy's destination ${self} is its source"`,
      );
    }
    await expect(
      previewCopy(deps.client, {
        source: parseImageLocation(self),
        destination: parseDestinationLocation(self),
        platforms: ['linux/arm64'],
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const sync = await jobsFor(deps).launch(
      'sync',
      {
        source: `${source.host}/app/self`,
        destination: `${source.host}/app/self`,
        platforms: ['linux/arm64'],
      },
      'sync',
    ).done;
    expect(sync.error).toMatchObject({
      code: 'INVALID_INPUT',
      message: `the sync's destination ${source.host}/app/self is its source`,
    });
    expect(await rawDigest(source, 'app/self:v1')).toBe(index.digest);
    // Another tag of the same repository, or a digest source, is a copy like any other.
    const { summary } = await runCopy(deps, {
      source: self,
      destination: `${source.host}/app/self:v1-arm64`,
      platforms: ['linux/arm64'],
    });
    expect(summary.newIndex).toBe(true);
    expect(await rawDigest(source, 'app/self:v1')).toBe(index.digest);
  });

  it('cancels mid-copy: no manifest, and no session but abandoned ones', async () => {
    await pushImage(source, 'big/cancel', '1', { layers: 2, layerSize: 24 * 1024 * 1024 });
    const deps = makeDeps();
    const jobs = jobsFor(deps);
    let id = '';
    let cancelled = false;
    jobs.subscribe((event) => {
      if (!cancelled && event.job.id === id && event.job.items.some((item) => item.bytesDone > 0)) {
        cancelled = true;
        jobs.cancel(id);
      }
    });
    id = jobs.start(
      'copy',
      { source: `${source.host}/big/cancel:1`, destination: `${target.host}/prod/cancel:1` },
      'copy',
    );
    const job = await jobs.wait(id);
    expect(cancelled).toBe(true);
    expect(job.status).toBe('cancelled');
    expect(job.error?.code).toBe('CANCELLED');
    expect(await hasManifest(deps, target, 'prod/cancel', '1')).toBe(false);
    // A streamed upload cut by the cancel may stay as an abandoned session (Distribution refuses to
    // delete one whose body broke off, and purges it later): at most one per blob, and no blob from it.
    expect((await openUploads(target, 'prod/cancel')).length).toBeLessThanOrEqual(3);
    expect(jobs.list()[0]!.status).toBe('cancelled');
  });

  it('fails clearly when the source registry dies mid-copy, leaving no manifest', async () => {
    const doomed = await startRegistry({ auth: 'none' });
    try {
      await pushImage(doomed, 'big/doomed', '1', { layers: 2, layerSize: 24 * 1024 * 1024 });
      const deps = makeDeps({ [doomed.host]: { host: doomed.host, insecureHttp: true } });
      const jobs = jobsFor(deps);
      let id = '';
      let killed = false;
      jobs.subscribe((event) => {
        if (!killed && event.job.id === id && event.job.items.some((item) => item.bytesDone > 0)) {
          killed = true;
          doomed.process.child.kill('SIGKILL');
        }
      });
      id = jobs.start(
        'copy',
        { source: `${doomed.host}/big/doomed:1`, destination: `${target.host}/prod/doomed:1` },
        'copy',
      );
      const job = await jobs.wait(id);
      expect(killed).toBe(true);
      expect(job.status).toBe('failed');
      expect(job.error?.code).toBe('NETWORK');
      expect(job.error?.message).toContain(doomed.host);
      expect(await hasManifest(deps, target, 'prod/doomed', '1')).toBe(false);
      // The uploads cut with the source are abandoned, never resumed: at most one session per blob.
      expect((await openUploads(target, 'prod/doomed')).length).toBeLessThanOrEqual(3);
    } finally {
      await doomed.stop();
    }
  });

  it('refuses a blob whose bytes do not match its digest', async () => {
    const image = await pushImage(source, 'bad/blob', '1', { layers: 1, layerSize: 300_000 });
    proxy = await startFaultProxy(source, {
      onRequest: (request) =>
        request.method === 'GET' && request.path.includes(`/blobs/${image.layerDigests[0]}`)
          ? { corruptBody: true }
          : undefined,
    });
    const deps = makeDeps({ [proxy.host]: { host: proxy.host, insecureHttp: true } });
    const jobs = jobsFor(deps);
    const job = await jobs.wait(
      jobs.start(
        'copy',
        { source: `${proxy.host}/bad/blob:1`, destination: `${target.host}/prod/bad:1` },
        'copy',
      ),
    );
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('DIGEST_MISMATCH');
    expect(job.items.find((item) => item.id === image.layerDigests[0])?.state).toBe('failed');
    expect(await hasManifest(deps, target, 'prod/bad', '1')).toBe(false);
    // The streamed PUT stops when the digest fails: its session is abandoned, the blob never exists.
    expect((await openUploads(target, 'prod/bad')).length).toBeLessThanOrEqual(1);
    await expect(
      skopeo(target, 'inspect', '--raw', `docker://${target.host}/prod/bad@${image.layerDigests[0]}`),
    ).rejects.toThrow();
  });

  it('resumes a blob download whose connection drops, with a Range request, and still verifies it', async () => {
    const image = await pushImage(source, 'flaky/vpn', '1', { layers: 1, layerSize: 3 * 1024 * 1024 });
    const layer = image.layerDigests[0]!;
    let cuts = 2;
    const flaky = await startFaultProxy(source, {
      onRequest: (request) =>
        request.method === 'GET' && request.path.includes(`/blobs/${layer}`) && cuts-- > 0
          ? { cutBodyAfter: 1_000_000 }
          : undefined,
    });
    try {
      const deps = makeDeps({ [flaky.host]: { host: flaky.host, insecureHttp: true } });
      const { summary } = await runCopy(deps, {
        source: `${flaky.host}/flaky/vpn:1`,
        destination: `${target.host}/prod/vpn:1`,
      });
      expect(summary.digest).toBe(image.digest);
      const gets = flaky.requests.filter((r) => r.method === 'GET' && r.path.includes(`/blobs/${layer}`));
      // Each retry asks for the rest from where the bytes stopped (a little before the cut: the last
      // piece in flight is lost with the connection).
      const starts = gets.map((r) =>
        Number(/^bytes=(\d+)-$/.exec(String(r.headers.range ?? 'bytes=0-'))?.[1]),
      );
      expect(starts).toHaveLength(3);
      expect(starts[0]).toBe(0);
      expect(starts[1]).toBeGreaterThan(900_000);
      expect(starts[1]).toBeLessThanOrEqual(1_000_000);
      expect(starts[2]).toBeGreaterThan(starts[1]! + 900_000);
      expect(await rawDigest(target, 'prod/vpn:1')).toBe(image.digest);
    } finally {
      await flaky.stop();
    }
  });

  it('re-authenticates transparently when tokens expire during a large blob', async () => {
    const shortLived = await startRegistry({ auth: 'token', token: { expiresInSeconds: 1 } });
    const slow = await startFaultProxy(shortLived, {
      // Hold the big upload back so the token it started with is long expired when the manifest goes.
      onRequest: (request) =>
        request.method === 'PUT' && request.path.includes('/blobs/uploads/') ? { delayMs: 1500 } : undefined,
    });
    try {
      const image = await pushImage(source, 'big/token', '1', { layers: 1, layerSize: 16 * 1024 * 1024 });
      const deps = makeDeps({
        [slow.host]: { host: slow.host, insecureHttp: true, credential: alice(shortLived) },
      });
      const before = shortLived.tokenServer!.issued;
      const { summary } = await runCopy(deps, {
        source: `${source.host}/big/token:1`,
        destination: `${slow.host}/prod/token:1`,
      });
      expect(summary.digest).toBe(image.digest);
      expect(shortLived.tokenServer!.issued - before).toBeGreaterThanOrEqual(2);
      expect(await rawDigest(shortLived, 'prod/token:1')).toBe(image.digest);
    } finally {
      await slow.stop();
      await shortLived.stop();
    }
  });
});
