import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canDelete,
  collect,
  deleteImage,
  deleteTag,
  getManifest,
  headBlob,
  listTags,
  retag,
  UnsupportedError,
} from '../../electron/core/registry/index.js';
import { alice, clientFor, skopeo } from '../fixtures/berth-client.js';
import { pushImage, pushIndex, sha256 } from '../fixtures/images.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

async function skopeoTags(registry: RegistryHandle, repository: string): Promise<string[]> {
  const out = JSON.parse(await skopeo(registry, 'list-tags', `docker://${registry.host}/${repository}`)) as {
    Tags: string[];
  };
  return out.Tags.sort();
}

/** The digest of what a tag names, as skopeo computes it from the raw manifest. */
async function skopeoDigest(registry: RegistryHandle, reference: string): Promise<string> {
  const raw = await skopeo(registry, 'inspect', '--raw', `docker://${registry.host}/${reference}`);
  return sha256(Buffer.from(raw));
}

describe('retag and delete on a token-auth registry (delete enabled)', () => {
  let registry: RegistryHandle;
  let berth: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'token', deleteEnabled: true });
    berth = clientFor(registry, { credential: alice(registry) });
  });
  afterAll(async () => {
    await berth?.client.close();
    await registry?.stop();
  });

  it('retags within a repository with one manifest PUT: same bytes, same digest', async () => {
    const image = await pushImage(registry, 'team/app', '1.0');
    const result = await retag(
      berth.client,
      { registry: berth.host, repository: 'team/app', reference: '1.0' },
      { registry: berth.host, repository: 'team/app', tag: 'stable' },
    );
    expect(result.digest).toBe(image.digest);
    expect(result.blobs).toEqual({ present: 0, mounted: 0, copied: 0 });
    expect(await skopeoDigest(registry, 'team/app:stable')).toBe(image.digest);
  });

  it('retags across repositories by mounting blobs, index children first', async () => {
    const index = await pushIndex(registry, 'team/multi', '2.0', {
      format: 'oci',
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64' },
      ],
    });
    const result = await retag(
      berth.client,
      { registry: berth.host, repository: 'team/multi', reference: '2.0' },
      { registry: berth.host, repository: 'prod/multi', tag: '2.0' },
    );
    expect(result.digest).toBe(index.digest);
    const blobCount = index.children.reduce((sum, child) => sum + 1 + child.layerDigests.length, 0);
    expect(result.blobs.mounted + result.blobs.present).toBe(blobCount);
    expect(result.blobs.copied).toBe(0);
    expect(await skopeoDigest(registry, 'prod/multi:2.0')).toBe(index.digest);
    for (const child of index.children) {
      expect(
        await headBlob(
          berth.client,
          { registry: berth.host, repository: 'prod/multi' },
          child.layerDigests[0]!,
        ),
      ).toBeGreaterThan(0);
    }
  });

  it('removes one of two tags that share a digest; the other survives (checked with skopeo)', async () => {
    const image = await pushImage(registry, 'shared/app', 'a');
    await retag(
      berth.client,
      { registry: berth.host, repository: 'shared/app', reference: 'a' },
      { registry: berth.host, repository: 'shared/app', tag: 'b' },
    );
    expect(await skopeoTags(registry, 'shared/app')).toEqual(['a', 'b']);
    const result = await deleteTag(berth.client, {
      registry: berth.host,
      repository: 'shared/app',
      reference: 'a',
    });
    expect(result.digest).toBe(image.digest);
    // Distribution 2.8 has no tag DELETE, so the throwaway-manifest route is the one taken here.
    expect(result.method).toBe('throwaway-manifest');
    expect(result.note).toMatch(/garbage collection/);
    expect(await skopeoTags(registry, 'shared/app')).toEqual(['b']);
    expect(await skopeoDigest(registry, 'shared/app:b')).toBe(image.digest);
    const byDigest = await getManifest(berth.client, {
      registry: berth.host,
      repository: 'shared/app',
      reference: image.digest,
    });
    expect(byDigest.bytes.equals(image.manifestBytes)).toBe(true);
  });

  it('deletes an image by digest and names every tag that went with it', async () => {
    const image = await pushImage(registry, 'gone/app', 'x');
    for (const tag of ['y', 'z']) {
      await retag(
        berth.client,
        { registry: berth.host, repository: 'gone/app', reference: 'x' },
        { registry: berth.host, repository: 'gone/app', tag },
      );
    }
    const other = await pushImage(registry, 'gone/app', 'keep');
    const result = await deleteImage(berth.client, {
      registry: berth.host,
      repository: 'gone/app',
      reference: image.digest,
    });
    expect(result.removedTags).toEqual(['x', 'y', 'z']);
    expect(await collect(listTags(berth.client, { registry: berth.host, repository: 'gone/app' }))).toEqual([
      'keep',
    ]);
    expect(await skopeoDigest(registry, 'gone/app:keep')).toBe(other.digest);
  });
});

describe('delete on a registry with deletion disabled', () => {
  let registry: RegistryHandle;
  let berth: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'none', deleteEnabled: false });
    berth = clientFor(registry);
  });
  afterAll(async () => {
    await berth?.client.close();
    await registry?.stop();
  });

  it('explains that deletion is disabled and changes nothing', async () => {
    const image = await pushImage(registry, 'locked/app', 'v1');
    expect(await canDelete(berth.client, { registry: berth.host, repository: 'locked/app' })).toBe(false);
    const error = await deleteTag(berth.client, {
      registry: berth.host,
      repository: 'locked/app',
      reference: 'v1',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedError);
    expect((error as Error).message).toBe(`deletion is disabled on ${registry.host}`);
    await expect(
      deleteImage(berth.client, { registry: berth.host, repository: 'locked/app', reference: image.digest }),
    ).rejects.toThrow(/deletion is disabled/);
    expect(await skopeoTags(registry, 'locked/app')).toEqual(['v1']);
    expect(await skopeoDigest(registry, 'locked/app:v1')).toBe(image.digest);
  });

  it('works once deletion is switched on (same data, restarted registry)', async () => {
    await registry.restart({ deleteEnabled: true });
    berth.client.forget();
    expect(await canDelete(berth.client, { registry: berth.host, repository: 'locked/app' })).toBe(true);
    await deleteTag(berth.client, { registry: berth.host, repository: 'locked/app', reference: 'v1' });
    await expect(skopeoTags(registry, 'locked/app')).resolves.toEqual([]);
  });
});
