// The storage scan's counting on plain data: bytes per repository and tag, each digest once, shared
// where more than one repository (or tag) reaches it; and the garbage collector's dry-run lines.
import { describe, expect, it } from 'vitest';
import {
  collectableBlobs,
  countFigures,
  type ManifestUsage,
  type RepositoryUsage,
} from '../../electron/core/storage/index.js';
import { collectableManifests } from '../../electron/core/storage/own-disk.js';

const d = (c: string) => `sha256:${c.repeat(64)}`;

function image(digest: string, blobs: [string, number][], size = 1000): ManifestUsage {
  return {
    digest,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    size,
    blobs: blobs.map(([digest, size]) => ({ digest, size })),
    children: [],
  };
}

function usage(repository: string, tags: [string, string][]): RepositoryUsage {
  return {
    repository: { registry: 'r.example', repository },
    tags: tags.map(([tag, digest]) => ({
      tag,
      digest,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
    })),
  };
}

describe('storage figures', () => {
  // app:1 and api:1 share the base layer a; app:1 and app:latest are one image.
  const app = image(d('1'), [
    [d('a'), 100_000],
    [d('b'), 20_000],
  ]);
  const api = image(d('2'), [
    [d('a'), 100_000],
    [d('c'), 5_000],
  ]);
  const manifests = new Map([app, api].map((manifest) => [manifest.digest, manifest]));
  const figures = countFigures(manifests, [
    usage('team/app', [
      ['1', app.digest],
      ['latest', app.digest],
    ]),
    usage('team/api', [['1', api.digest]]),
    {
      repository: { registry: 'r.example', repository: 'team/gone' },
      tags: [{ tag: 'x', error: { code: 'NOT_FOUND', message: 'gone' } }],
    },
  ]);

  it('counts each digest once per repository and once in the total, the shared base as shared', () => {
    expect(figures.totalBytes).toBe(100_000 + 20_000 + 5_000 + 1000 + 1000);
    expect(figures.sharedBytes).toBe(100_000);
    const [first, second, third] = figures.repositories;
    expect(first).toMatchObject({ name: 'team/app', bytes: 121_000, sharedBytes: 100_000, tagCount: 2 });
    expect(second).toMatchObject({ name: 'team/api', bytes: 106_000, sharedBytes: 100_000, tagCount: 1 });
    expect(third).toMatchObject({ name: 'team/gone', bytes: 0, tags: [], failedTags: [{ tag: 'x' }] });
  });

  it('counts a tag whole, shared with any other tag that reaches the same bytes', () => {
    const tags = figures.repositories[0]!.tags;
    // Two tags of one image: all of each is shared with the other.
    expect(tags.map((tag) => [tag.tag, tag.bytes, tag.sharedBytes])).toEqual([
      ['1', 121_000, 121_000],
      ['latest', 121_000, 121_000],
    ]);
    const apiTag = figures.repositories[1]!.tags[0]!;
    expect(apiTag).toMatchObject({ bytes: 106_000, sharedBytes: 100_000 });
    expect(figures.largest.map((tag) => `${tag.repository}:${tag.tag}`)).toEqual([
      'team/app:1',
      'team/app:latest',
      'team/api:1',
    ]);
    // What several tags reach: app's whole image (two tags) and the base layer.
    expect(figures.tagSharedBytes).toBe(121_000);
  });

  it('reads the digests a dry run of garbage-collect names, and nothing else', () => {
    const output = [
      'team/app',
      `team/app: marking manifest ${d('1')} `,
      `team/app: marking blob ${d('a')}`,
      `manifest eligible for deletion: ${d('2')}`,
      '2 blobs marked, 2 blobs and 1 manifests eligible for deletion',
      `blob eligible for deletion: ${d('c')}`,
      `blob eligible for deletion: ${d('2')}`,
      `blob eligible for deletion: ${d('c')}`,
      'blob eligible for deletion: sha256:../../etc/passwd',
      `time="…" level=info msg="Deleting blob: /docker/registry/v2/blobs/sha256/cc/${'c'.repeat(64)}"`,
    ].join('\n');
    expect(collectableBlobs(output)).toEqual([d('c'), d('2')]);
    expect(collectableManifests(output)).toEqual([d('2')]);
  });
});
