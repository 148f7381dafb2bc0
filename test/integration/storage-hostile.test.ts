// The storage scan against registries that misbehave: a catalog that pages forever stops at the cap with
// a note, manifests that never answer are abandoned at once on cancel, and a 2,000-repository registry is
// scanned in bounded time (the figure is printed).
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthServices } from '../../electron/core/services.js';
import type { StorageInput } from '../../electron/core/storage/index.js';
import { seedManyRepos } from '../fixtures/images.js';
import { sendJson, startHostileRegistry, type HostileRegistry } from '../fixtures/hostile-registry.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let root: string;
let services: BerthServices;
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  root = await makeTempDir('storage-hostile');
  services = new BerthServices({
    dataDir: path.join(root, 'berth'),
    keychainService: 'BerthTest-storage-hostile',
  });
});

afterAll(async () => {
  for (const stop of stops) await stop().catch(() => undefined);
  await services?.close();
  if (root) await removeDir(root);
});

async function hostile(routes: Parameters<typeof startHostileRegistry>[0]): Promise<HostileRegistry> {
  const registry = await startHostileRegistry(routes);
  stops.push(() => registry.stop());
  return registry;
}

/** A catalog that always has a next page of ten new names. */
const ENDLESS_CATALOG = {
  method: 'GET',
  path: '/v2/_catalog',
  handler: (_request: unknown, response: Parameters<typeof sendJson>[0], { hits }: { hits: number }) => {
    const names = Array.from({ length: 10 }, (_, index) => `endless/r${hits}-${index}`);
    sendJson(
      response,
      200,
      { repositories: names },
      { link: `</v2/_catalog?n=10&last=${names.at(-1)}>; rel="next"` },
    );
  },
};
const NO_TAGS = {
  method: 'GET',
  path: /^\/v2\/.+\/tags\/list$/,
  handler: (_request: unknown, response: Parameters<typeof sendJson>[0]) =>
    sendJson(response, 200, { name: 'x', tags: [] }),
};

describe('storage scan of hostile registries', () => {
  it('stops an endless catalog at the cap and says so', async () => {
    const registry = await hostile([ENDLESS_CATALOG, NO_TAGS]);
    const capped = await services.jobs.launch(
      'storage',
      { registry: registry.host, listLimits: { maxEntries: 30 } },
      'storage endless',
    ).done;
    expect(capped.status, JSON.stringify(capped.error)).toBe('succeeded');
    expect(capped.result?.repositories).toHaveLength(30);
    expect(capped.result?.notes.join('\n')).toMatch(
      /stopped listing the repository catalog: the registry sent more than 30 names in one listing, Berth's cap; the figures are for the 30 repositories listed before it/,
    );

    const bounded = await services.jobs.launch(
      'storage',
      { registry: registry.host, maxRepositories: 25 },
      'storage endless',
    ).done;
    expect(bounded.result?.repositories).toHaveLength(25);
    expect(bounded.result?.notes.join('\n')).toMatch(/stopped listing at 25 repositories/);
  });

  it('abandons manifests that never answer when cancelled, and reads no more', async () => {
    const registry = await hostile([
      {
        method: 'GET',
        path: '/v2/_catalog',
        handler: (_request, response) =>
          sendJson(response, 200, {
            repositories: Array.from({ length: 40 }, (_, index) => `stall/r${index}`),
          }),
      },
      {
        method: 'GET',
        path: /^\/v2\/.+\/tags\/list$/,
        handler: (_request, response) => sendJson(response, 200, { name: 'x', tags: ['1', '2', '3'] }),
      },
      // Manifests are never answered: headers never come.
      { method: 'GET', path: /^\/v2\/.+\/manifests\/.+$/, handler: () => new Promise(() => undefined) },
    ]);
    const manifestRequests = () =>
      registry.requests.filter((request) => request.path.includes('/manifests/')).length;
    const { id, done } = services.jobs.launch(
      'storage',
      { registry: registry.host } satisfies StorageInput,
      'storage stall',
    );
    const deadline = Date.now() + 30_000;
    while (manifestRequests() === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    // Bounded: a few at a time, not one per tag of every repository.
    expect(manifestRequests()).toBeGreaterThan(0);
    expect(manifestRequests()).toBeLessThanOrEqual(32);
    const cancelledAt = Date.now();
    services.jobs.cancel(id);
    const job = await done;
    expect(job.status).toBe('cancelled');
    expect(Date.now() - cancelledAt).toBeLessThan(5_000);
    // The stand-in runs in this process: requests sent before the cancel may reach it only after the job
    // ended. What counts is that none is sent after: the count settles within those in flight.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = manifestRequests();
    expect(after).toBeLessThanOrEqual(32);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(manifestRequests()).toBe(after);
  });

  it('counts the tags read in a repository of 100,000 tags, so a scan of minutes is seen moving', async () => {
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: {
          mediaType: 'application/vnd.oci.image.config.v1+json',
          digest: `sha256:${'a'.repeat(64)}`,
          size: 2,
        },
        layers: [],
      }),
    );
    let answered = 0;
    const registry = await hostile([
      {
        method: 'GET',
        path: '/v2/_catalog',
        handler: (_request, response) => sendJson(response, 200, { repositories: ['big/app'] }),
      },
      {
        method: 'GET',
        path: '/v2/big/app/tags/list',
        handler: (_request, response) =>
          sendJson(response, 200, {
            name: 'big/app',
            tags: Array.from({ length: 100_000 }, (_, index) => `build-${index}`),
          }),
      },
      // The first 120 manifests come at once; the rest never do.
      {
        method: 'GET',
        path: /^\/v2\/big\/app\/manifests\/.+$/,
        handler: (_request, response) => {
          if (++answered > 120) return new Promise(() => undefined);
          response.writeHead(200, {
            'content-type': 'application/vnd.oci.image.manifest.v1+json',
            'content-length': manifest.length,
          });
          response.end(manifest);
        },
      },
    ]);
    const { id, done } = services.jobs.launch('storage', { registry: registry.host }, 'storage big');
    const line = () => services.jobs.get(id)?.items.find((item) => item.id === 'repository:big/app');
    const deadline = Date.now() + 30_000;
    while (!/^100 of 100,000 tags read$/.test(line()?.note ?? '') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(line()?.note).toBe('100 of 100,000 tags read');
    services.jobs.cancel(id);
    expect((await done).status).toBe('cancelled');
  }, 60_000);

  it('reports a repository whose 5,000 tags all fail by count, not 5,000 errors in the report', async () => {
    const registry = await hostile([
      {
        method: 'GET',
        path: '/v2/_catalog',
        handler: (_request, response) => sendJson(response, 200, { repositories: ['broken/app'] }),
      },
      {
        method: 'GET',
        path: '/v2/broken/app/tags/list',
        handler: (_request, response) =>
          sendJson(response, 200, {
            name: 'broken/app',
            tags: Array.from({ length: 5_000 }, (_, index) => `t${index}`),
          }),
      },
      {
        method: 'GET',
        path: /^\/v2\/broken\/app\/manifests\/.+$/,
        handler: (_request, response) => sendJson(response, 200, ['not', 'a', 'manifest']),
      },
    ]);
    const job = await services.jobs.launch('storage', { registry: registry.host }, 'storage broken').done;
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    const [repository] = job.result!.repositories;
    expect(repository?.tagCount).toBe(5_000);
    expect(repository?.failedTags.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(job.result).length).toBeLessThan(100_000);
    expect(repository?.failedTagCount).toBe(5_000);
    expect(job.result?.tagsFailed).toBe(5_000);
  }, 120_000);

  it('leaves out a tag whose indexes of indexes reach thousands of manifests, after reading at most the cap', async () => {
    // A binary tree of indexes twelve deep: 8,191 manifests, every one a real digest of its bytes.
    const byDigest = new Map<string, Buffer>();
    const put = (json: unknown) => {
      const bytes = Buffer.from(JSON.stringify(json));
      const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
      byDigest.set(digest, bytes);
      return { digest, size: bytes.length };
    };
    let leaves = 0;
    const tree = (depth: number): { mediaType: string; digest: string; size: number } => {
      if (depth === 0)
        return {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          ...put({
            schemaVersion: 2,
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            config: {
              mediaType: 'application/vnd.oci.image.config.v1+json',
              digest: `sha256:${'c'.repeat(64)}`,
              size: 2,
            },
            layers: [],
            annotations: { leaf: String(leaves++) },
          }),
        };
      return {
        mediaType: 'application/vnd.oci.image.index.v1+json',
        ...put({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.index.v1+json',
          manifests: [tree(depth - 1), tree(depth - 1)],
        }),
      };
    };
    const root = tree(12);
    const registry = await hostile([
      {
        method: 'GET',
        path: '/v2/_catalog',
        handler: (_request, response) => sendJson(response, 200, { repositories: ['deep/app'] }),
      },
      {
        method: 'GET',
        path: '/v2/deep/app/tags/list',
        handler: (_request, response) => sendJson(response, 200, { name: 'deep/app', tags: ['deep'] }),
      },
      {
        method: 'GET',
        path: /^\/v2\/deep\/app\/manifests\/.+$/,
        handler: (_request, response, { url }) => {
          const reference = url.pathname.split('/').at(-1)!;
          const bytes = byDigest.get(reference === 'deep' ? root.digest : reference);
          if (!bytes) return sendJson(response, 404, { errors: [{ code: 'MANIFEST_UNKNOWN' }] });
          const type = (JSON.parse(bytes.toString()) as { mediaType: string }).mediaType;
          response.writeHead(200, { 'content-type': type, 'content-length': bytes.length });
          response.end(bytes);
        },
      },
    ]);
    const job = await services.jobs.launch('storage', { registry: registry.host }, 'storage deep').done;
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    const [repository] = job.result!.repositories;
    expect(repository?.failedTags[0]?.error.message).toMatch(/reaches more than 2048 manifests/);
    const manifestRequests = registry.requests.filter((request) => request.path.includes('/manifests/'));
    expect(manifestRequests.length).toBeLessThanOrEqual(2050);
  }, 120_000);

  it('scans a registry of 2,000 repositories in bounded time', async () => {
    const registry: RegistryHandle = await startRegistry({ auth: 'none' });
    stops.push(() => registry.stop());
    await seedManyRepos(registry, 2000);
    const started = Date.now();
    const job = await services.jobs.launch('storage', { registry: registry.host }, 'storage 2000').done;
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `storage: 2,000 repositories scanned in ${seconds.toFixed(1)} s (${job.result?.manifestsRead} manifest read, ${job.result?.tagsCounted} tags)\n`,
    );
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.result?.repositories).toHaveLength(2000);
    // Every repository links the same image: one manifest read, every byte shared, counted once in the total.
    expect(job.result?.manifestsRead).toBe(1);
    expect(job.result?.totalBytes).toBe(job.result?.repositories[0]?.bytes);
    expect(job.result?.sharedBytes).toBe(job.result?.totalBytes);
    // The job keeps one progress line for so many repositories, not 2,000.
    expect(job.items.length).toBeLessThan(10);
    expect(seconds).toBeLessThan(120);
  }, 300_000);
});
