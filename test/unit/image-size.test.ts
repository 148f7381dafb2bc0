// The one size rule (shared/image-size.ts) on plain manifests: layers + config, the manifest not
// counted; an index's platforms each, and all of them with shared blobs counted once.
import { describe, expect, it } from 'vitest';
import { describeSize, imageSize, indexSize } from '../../shared/image-size.js';
import type { Descriptor } from '../../shared/manifest.js';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const LAYER = 'application/vnd.oci.image.layer.v1.tar+gzip';
const CONFIG = 'application/vnd.oci.image.config.v1+json';

function blob(name: string, size: number, mediaType = LAYER): Descriptor {
  return { mediaType, digest: `sha256:${name.padEnd(64, '0')}`, size };
}

function manifest(config: Descriptor, ...layers: Descriptor[]) {
  return { schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers };
}

function entry(name: string, platform: Descriptor['platform'], extra: Partial<Descriptor> = {}): Descriptor {
  return { mediaType: OCI_MANIFEST, digest: `sha256:${name.padEnd(64, 'f')}`, size: 500, platform, ...extra };
}

const shared = blob('a1', 3_000_000);
const amd = manifest(blob('c1', 1_500, CONFIG), shared, blob('a2', 1_000_000));
const arm = manifest(blob('c2', 1_400, CONFIG), shared, blob('b2', 900_000));

describe('the size of an image', () => {
  it('counts the layers and the config, not the manifest', () => {
    expect(imageSize(amd)).toBe(1_500 + 3_000_000 + 1_000_000);
  });

  it('has no size without a config and layers, or with a size that is not a whole number of bytes', () => {
    expect(imageSize({ layers: [shared] })).toBeUndefined();
    expect(imageSize(manifest(blob('c', 10, CONFIG), { ...shared, size: -1 }))).toBeUndefined();
    expect(imageSize(manifest(blob('c', 10, CONFIG), { ...shared, size: 1.5 }))).toBeUndefined();
  });

  it('has no size when the layers add up past what a number holds exactly (a registry that lies)', () => {
    const huge = 2 ** 52;
    const lying = manifest(blob('c', 10, CONFIG), blob('h1', huge), blob('h2', huge), blob('h3', huge));
    expect(imageSize(lying)).toBeUndefined();
    const sizes = indexSize([
      {
        entry: entry('m1', { os: 'linux', architecture: 'amd64' }),
        manifest: manifest(blob('c', 1, CONFIG), blob('h1', huge)),
      },
      {
        entry: entry('m2', { os: 'linux', architecture: 'arm64' }),
        manifest: manifest(blob('d', 1, CONFIG), blob('h2', huge)),
      },
      {
        entry: entry('m3', { os: 'linux', architecture: 's390x' }),
        manifest: manifest(blob('e', 1, CONFIG), blob('h3', huge)),
      },
    ]);
    expect(sizes).toBeUndefined();
  });
});

describe('the size of an index', () => {
  const amdEntry = entry('m1', { os: 'linux', architecture: 'amd64' });
  const armEntry = entry('m2', { os: 'linux', architecture: 'arm64', variant: 'v8' });

  it('gives each platform its own size and all platforms with a shared layer counted once', () => {
    const sizes = indexSize([
      { entry: amdEntry, manifest: amd },
      { entry: armEntry, manifest: arm },
    ]);
    expect(sizes?.platforms).toEqual([
      { platform: 'linux/amd64', digest: amdEntry.digest, size: imageSize(amd) },
      { platform: 'linux/arm64/v8', digest: armEntry.digest, size: imageSize(arm) },
    ]);
    expect(sizes?.allPlatforms).toBe(imageSize(amd)! + imageSize(arm)! - shared.size);
  });

  it('leaves attestations and entries that are not platform images out', () => {
    const attestation = entry(
      'at',
      { os: 'unknown', architecture: 'unknown' },
      {
        annotations: {
          'vnd.docker.reference.type': 'attestation-manifest',
          'vnd.docker.reference.digest': amdEntry.digest,
        },
      },
    );
    const nested = entry(
      'ix',
      { os: 'linux', architecture: 'amd64' },
      { mediaType: 'application/vnd.oci.image.index.v1+json' },
    );
    const sizes = indexSize([
      { entry: amdEntry, manifest: amd },
      { entry: attestation, manifest: manifest(blob('c3', 167, CONFIG), blob('x1', 20_000)) },
      { entry: nested },
    ]);
    expect(sizes).toEqual({
      platforms: [{ platform: 'linux/amd64', digest: amdEntry.digest, size: imageSize(amd) }],
      allPlatforms: imageSize(amd),
    });
  });

  it('gives no total when a platform image’s manifest is missing', () => {
    expect(indexSize([{ entry: amdEntry, manifest: amd }, { entry: armEntry }])).toBeUndefined();
  });
});

describe('the size in words', () => {
  const format = (bytes: number) => `${bytes} B`;
  it('says an image’s size, and an index’s shown platform and all platforms', () => {
    expect(describeSize({ kind: 'image', configDigest: 'sha256:c', totalSize: 10 }, format)).toBe('10 B');
    expect(
      describeSize(
        {
          kind: 'index',
          configDigest: 'sha256:c',
          totalSize: 10,
          allPlatformsSize: 15,
          selected: { platform: 'linux/amd64', digest: 'sha256:m', mediaType: OCI_MANIFEST },
        },
        format,
      ),
    ).toBe('linux/amd64 10 B · all platforms 15 B (shared layers counted once)');
    expect(describeSize({ kind: 'schema1', totalSize: 0 }, format)).toBeUndefined();
  });
});
