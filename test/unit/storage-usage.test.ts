import { describe, expect, it } from 'vitest';
import { reachable, totalBytes, type ManifestUsage } from '../../electron/core/storage/usage.js';
import { archiveEntryName, ociBlobPath } from '../../electron/core/archive/formats.js';

const hex = (c: string) => c.repeat(64);
const d = (c: string) => `sha256:${hex(c)}`;

function image(digest: string, blobs: [string, number][], size = 500): ManifestUsage {
  return {
    digest,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    size,
    blobs: blobs.map(([digest, size]) => ({ digest, size })),
    children: [],
  };
}

describe('reachable blobs and manifests', () => {
  const amd = image(d('1'), [
    [d('a'), 10],
    [d('b'), 100],
  ]);
  const arm = image(d('2'), [
    [d('c'), 10],
    [d('b'), 100],
  ]);
  const index: ManifestUsage = {
    digest: d('3'),
    mediaType: 'application/vnd.oci.image.index.v1+json',
    size: 300,
    blobs: [],
    children: [amd.digest, arm.digest],
  };
  const manifests = new Map([amd, arm, index].map((m) => [m.digest, m]));

  it('counts a layer two platforms share once, and every manifest under an index', () => {
    const found = reachable(manifests, [index.digest]);
    expect(totalBytes(found.blobs)).toBe(120);
    expect([...found.manifests.keys()].sort()).toEqual([d('1'), d('2'), d('3')]);
    expect(totalBytes(found.manifests)).toBe(1300);
  });

  it('follows only the roots asked for, and leaves out manifests it was never given', () => {
    const found = reachable(manifests, [arm.digest, d('9')]);
    expect([...found.blobs.keys()].sort()).toEqual([d('b'), d('c')]);
    expect([...found.manifests.keys()]).toEqual([d('2')]);
  });
});

describe('archive names', () => {
  it('puts a blob at blobs/<algorithm>/<hex> and refuses a digest that is a path', () => {
    expect(ociBlobPath(d('a'))).toBe(`blobs/sha256/${hex('a')}`);
    expect(() => ociBlobPath('sha256:../../etc/passwd')).toThrow(/not a digest/);
  });

  it('normalises archive entry names and refuses ones that leave the archive', () => {
    expect(archiveEntryName('./blobs//sha256/abc')).toBe('blobs/sha256/abc');
    expect(archiveEntryName('abc\\layer.tar')).toBe('abc/layer.tar');
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:/x', '', './', 'a\0b'])
      expect(() => archiveEntryName(bad), bad).toThrow(/outside itself|absolute or empty/);
  });
});
