// The look for image indexes in a storage folder before `garbage-collect --delete-untagged` (Distribution
// 2.8 would delete their platform images or referrers), on folders laid out as Distribution lays them out.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refuseUntaggedCollection, taggedIndexes } from '../../electron/core/registry-server/index.js';
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

  it('lets the collection run on a storage without tagged indexes, or without any repository', async () => {
    await expect(refuseUntaggedCollection('mine', storage)).resolves.toBeUndefined();
    await store('team/app', image('a'), '1');
    await expect(refuseUntaggedCollection('mine', storage)).resolves.toBeUndefined();
  });

  it('names signatures and attestations when a referrers tag lists them', async () => {
    const subject = await store('team/app', image('a'), '1');
    await store(
      'team/app',
      { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] },
      subject.replace(':', '-'),
    );
    await expect(refuseUntaggedCollection('mine', storage)).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      repositories: ['team/app'],
      message:
        'Removing untagged images would break the signatures and attestations in team/app: Distribution 2.8, which mine runs, takes the referrers a sha256-… tag lists for untagged and deletes them',
    });
  });
});
