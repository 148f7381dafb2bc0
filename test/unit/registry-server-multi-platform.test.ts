// Untagged manifests found in a storage folder as Distribution 3.0 finds them (an index's platform images and
// listed referrers count as tagged), on folders laid out as Distribution lays them out. The real collector
// checks the same plan in the storage-scan integration test.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  describeUntaggedPlan,
  planUntaggedCollection,
  removeUntaggedManifests,
  taggedIndexes,
} from '../../electron/core/registry-server/index.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

const V2 = ['docker', 'registry', 'v2'];
let storage: string;

beforeEach(async () => {
  storage = await makeTempDir('multi-platform');
});
afterEach(async () => {
  await removeDir(storage);
});

/** Stores a manifest as a blob and links it in `repository` (and under `tag`, when given). */
async function store(repository: string, manifest: object | string, tag?: string): Promise<string> {
  const bytes = typeof manifest === 'string' ? manifest : JSON.stringify(manifest);
  const hex = createHash('sha256').update(bytes).digest('hex');
  const digest = `sha256:${hex}`;
  const blob = path.join(storage, ...V2, 'blobs', 'sha256', hex.slice(0, 2), hex);
  await mkdir(blob, { recursive: true });
  await writeFile(path.join(blob, 'data'), bytes);
  const manifests = path.join(storage, ...V2, 'repositories', ...repository.split('/'), '_manifests');
  await mkdir(path.join(manifests, 'revisions', 'sha256', hex), { recursive: true });
  await writeFile(path.join(manifests, 'revisions', 'sha256', hex, 'link'), digest);
  if (tag) {
    await mkdir(path.join(manifests, 'tags', tag, 'current'), { recursive: true });
    await writeFile(path.join(manifests, 'tags', tag, 'current', 'link'), digest);
  }
  await mkdir(path.join(storage, ...V2, 'repositories', ...repository.split('/'), '_layers'), {
    recursive: true,
  });
  return digest;
}

const image = (seed: string) => ({
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  config: {
    mediaType: 'application/vnd.oci.image.config.v1+json',
    digest: `sha256:${seed.repeat(64)}`,
    size: 2,
  },
  layers: [],
});

describe('image indexes in a storage folder', () => {
  it('finds tagged OCI indexes, Docker manifest lists and indexes without a mediaType, in nested repositories', async () => {
    await store('team/app', image('a'), '1');
    await store('team/app', image('b'));
    await store(
      'team/multi',
      { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] },
      'latest',
    );
    await store(
      'org/team/list',
      {
        schemaVersion: 2,
        mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
        manifests: [],
      },
      'v2',
    );
    await store('bare/index', { schemaVersion: 2, manifests: [] }, 'x');
    // An index no tag points to goes whole with its children: nothing of it is broken.
    await store('team/untagged', {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [],
    });
    await store('team/garbled', 'not json {', 'bad');
    expect((await taggedIndexes(storage)).map((index) => `${index.repository}:${index.tag}`)).toEqual([
      'bare/index:x',
      'org/team/list:v2',
      'team/multi:latest',
    ]);
  });

  it('plans to remove only what no tag reaches, through indexes too, and the blobs only that used', async () => {
    const layer = (seed: string) => `sha256:${seed.repeat(64)}`;
    const withLayer = (seed: string) => ({ ...image(seed), layers: [{ digest: layer(seed), size: 1 }] });
    const amd64 = await store('team/multi', withLayer('a'));
    const arm64 = await store('team/multi', withLayer('b'));
    await store(
      'team/multi',
      {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [{ digest: amd64 }, { digest: arm64 }],
      },
      'latest',
    );
    const orphan = await store('team/app', withLayer('c'));
    const kept = await store('team/app', withLayer('d'), '1');
    const signature = await store('team/app', withLayer('e'));
    await store(
      'team/app',
      {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [{ digest: signature }],
      },
      kept.replace(':', '-'),
    );
    // Blob files of the layers and configs: every seed's, plus one nothing names at all.
    for (const digest of ['a', 'b', 'c', 'd', 'e', 'f'].flatMap((seed) => [
      layer(seed),
      `sha256:${seed.repeat(64)}`,
    ])) {
      const hex = digest.slice(7);
      await mkdir(path.join(storage, ...V2, 'blobs', 'sha256', hex.slice(0, 2), hex), { recursive: true });
      await writeFile(path.join(storage, ...V2, 'blobs', 'sha256', hex.slice(0, 2), hex, 'data'), 'x');
    }
    const plan = await planUntaggedCollection(storage);
    expect(plan.manifests).toEqual([{ repository: 'team/app', digest: orphan }]);
    // The orphan's manifest and its layer (c, which is also its config digest here), and f.
    expect(plan.blobs.sort()).toEqual([orphan, layer('c'), layer('f')].sort());
    expect(describeUntaggedPlan(plan)).toMatch(/^manifest eligible for deletion: sha256:[a-f0-9]{64}$/m);
    expect(describeUntaggedPlan(plan)).toMatch(/^3 blobs and 1 manifests eligible for deletion$/m);

    await removeUntaggedManifests(storage, plan);
    const again = await planUntaggedCollection(storage);
    expect(again.manifests).toEqual([]);
    expect(again.blobs.sort()).toEqual(plan.blobs.sort());
  });
});
