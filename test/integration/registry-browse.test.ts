import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collect,
  getManifest,
  headManifest,
  inspectImage,
  listReferrers,
  listRepositories,
  listTags,
  ping,
  putManifest,
  referrersTag,
  NotFoundError,
} from '../../electron/core/registry/index.js';
import { MediaType } from '../../shared/media-types.js';
import { clientFor, skopeo } from '../fixtures/berth-client.js';
import { pushImage, pushIndex, seedManyRepos, seedManyTags, sha256 } from '../fixtures/images.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let registry: RegistryHandle;
let berth: ReturnType<typeof clientFor>;

beforeAll(async () => {
  registry = await startRegistry({ auth: 'none' });
  berth = clientFor(registry);
});

afterAll(async () => {
  await berth?.client.close();
  await registry?.stop();
});

describe('an open Distribution registry', () => {
  it('answers the ping as a registry without auth', async () => {
    const result = await ping(berth.client, berth.host);
    expect(result.authScheme).toBe('none');
    expect(result.apiVersion).toBe('registry/2.0');
  });

  it('lists more than 1000 repositories across Link pages of the catalog', async () => {
    const seeded = await seedManyRepos(registry, 1205, 'bulk');
    const pages: string[][] = [];
    for await (const page of listRepositories(berth.client, berth.host)) pages.push(page);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const all = pages.flat();
    expect(all.filter((name) => name.startsWith('bulk/'))).toEqual(seeded);
    const filtered = await collect(listRepositories(berth.client, berth.host, { filter: 'repo-120*' }));
    expect(filtered).toEqual([]);
    const contains = await collect(listRepositories(berth.client, berth.host, { filter: 'REPO-120' }));
    expect(contains.sort()).toEqual([
      'bulk/repo-1200',
      'bulk/repo-1201',
      'bulk/repo-1202',
      'bulk/repo-1203',
      'bulk/repo-1204',
    ]);
    expect(
      await collect(listRepositories(berth.client, berth.host, { filter: 'bulk/repo-012*' })),
    ).toHaveLength(10);
  });

  it('lists every tag of a repository with more than 1000 tags, the same set skopeo sees', async () => {
    const seeded = await seedManyTags(registry, 'many/tags', 1500);
    const tags = await collect(listTags(berth.client, { registry: berth.host, repository: 'many/tags' }));
    expect(tags.sort()).toEqual(seeded);
    const viaSkopeo = JSON.parse(
      await skopeo(registry, 'list-tags', `docker://${registry.host}/many/tags`),
    ) as { Tags: string[] };
    expect(viaSkopeo.Tags.sort()).toEqual(tags);
  });

  it('reports a missing repository as not found', async () => {
    await expect(
      collect(listTags(berth.client, { registry: berth.host, repository: 'no/such-repo' })),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each(['oci', 'docker'] as const)(
    'reads a %s image manifest byte for byte, digest as skopeo computes it',
    async (format) => {
      const image = await pushImage(registry, `formats/${format}`, 'v1', { format, layers: 3 });
      const manifest = await getManifest(berth.client, {
        registry: berth.host,
        repository: `formats/${format}`,
        reference: 'v1',
      });
      expect(manifest.bytes.equals(image.manifestBytes)).toBe(true);
      expect(manifest.mediaType).toBe(format === 'oci' ? MediaType.ociManifest : MediaType.dockerManifest);
      const raw = await skopeo(
        registry,
        'inspect',
        '--raw',
        `docker://${registry.host}/formats/${format}:v1`,
      );
      expect(sha256(Buffer.from(raw))).toBe(manifest.digest);
      const head = await headManifest(berth.client, {
        registry: berth.host,
        repository: `formats/${format}`,
        reference: 'v1',
      });
      expect(head).toMatchObject({ digest: image.digest, mediaType: manifest.mediaType, size: image.size });
      const byDigest = await getManifest(berth.client, {
        registry: berth.host,
        repository: `formats/${format}`,
        reference: image.digest,
      });
      expect(byDigest.digest).toBe(image.digest);
    },
  );

  it.each(['oci', 'docker'] as const)(
    'inspects a two-platform %s index and switches platform',
    async (format) => {
      const repository = `multi/${format}`;
      const index = await pushIndex(registry, repository, 'v1', {
        format,
        platforms: [
          { os: 'linux', architecture: 'amd64' },
          { os: 'linux', architecture: 'arm64', variant: 'v8' },
        ],
      });
      const target = { registry: berth.host, repository, reference: 'v1', tag: 'v1' };
      const amd = await inspectImage(berth.client, target);
      expect(amd.kind).toBe('index');
      expect(amd.mediaType).toBe(format === 'oci' ? MediaType.ociIndex : MediaType.dockerManifestList);
      expect(amd.digest).toBe(index.digest);
      expect(amd.platforms.map((p) => p.platform)).toEqual(['linux/amd64', 'linux/arm64/v8']);
      expect(amd.selected?.platform).toBe('linux/amd64');
      expect(amd.config?.architecture).toBe('amd64');
      expect(amd.layers.map((l) => l.digest)).toEqual(index.children[0]!.layerDigests);
      expect(amd.config?.config?.Entrypoint).toEqual(['/bin/berth-app']);
      // Sizes by the one rule: each platform image's config + layers, all platforms each blob once.
      const sizes = index.children.map(
        (child) => child.configBytes.length + child.layers.reduce((sum, l) => sum + l.size, 0),
      );
      expect(amd.totalSize).toBe(sizes[0]);
      expect(amd.platforms.map((p) => p.imageSize)).toEqual(sizes);
      expect(amd.allPlatformsSize).toBe(sizes[0]! + sizes[1]!);
      const notAddedUp = await inspectImage(berth.client, target, { allPlatforms: false });
      expect(notAddedUp.allPlatformsSize).toBeUndefined();
      expect(notAddedUp.totalSize).toBe(sizes[0]);

      const arm = await inspectImage(berth.client, target, {
        platform: { os: 'linux', architecture: 'arm64' },
      });
      expect(arm.selected?.digest).toBe(index.children[1]!.digest);
      expect(arm.config?.architecture).toBe('arm64');
      const skopeoArm = JSON.parse(
        await skopeo(
          registry,
          'inspect',
          '--override-arch',
          'arm64',
          '--override-variant',
          'v8',
          `docker://${registry.host}/${repository}:v1`,
        ),
      ) as { Digest: string; Layers: string[] };
      expect(arm.layers.map((l) => l.digest)).toEqual(skopeoArm.Layers);

      await expect(
        inspectImage(berth.client, target, { platform: { os: 'windows', architecture: 'amd64' } }),
      ).rejects.toThrow(/no windows\/amd64 image in this index \(has linux\/amd64, linux\/arm64\/v8\)/);
    },
  );

  it('inspects a single image: config, layers, sizes and the raw config as stored', async () => {
    const image = await pushImage(registry, 'single/app', '1.0', { layers: 2, labels: { team: 'platform' } });
    const result = await inspectImage(berth.client, {
      registry: berth.host,
      repository: 'single/app',
      reference: '1.0',
      tag: '1.0',
    });
    expect(result.kind).toBe('image');
    expect(result.platforms.map((p) => p.platform)).toEqual(['linux/amd64']);
    expect(result.configDigest).toBe(image.configDigest);
    expect(Buffer.from(result.rawConfig!).equals(image.configBytes)).toBe(true);
    expect(result.config?.config?.Labels?.team).toBe('platform');
    expect(result.layers.map((l) => l.size)).toEqual(image.layers.map((l) => l.size));
    // Layers + config, the manifest not counted (shared/image-size.ts).
    const total = image.configBytes.length + image.layers.reduce((sum, l) => sum + l.size, 0);
    expect(result.totalSize).toBe(total);
  });

  it('finds referrers through the tag-schema fallback where the referrers API is missing', async () => {
    const image = await pushImage(registry, 'signed/app', '1', { layers: 1 });
    expect(
      await listReferrers(berth.client, {
        registry: berth.host,
        repository: 'signed/app',
        reference: image.digest,
      }),
    ).toEqual({
      referrers: [],
      source: 'none',
    });
    const signature = await pushImage(registry, 'signed/app', undefined, { layers: 1 });
    const fallback = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.ociIndex,
        manifests: [
          {
            mediaType: MediaType.ociManifest,
            digest: signature.digest,
            size: signature.size,
            artifactType: 'application/vnd.dev.cosign.artifact.sig.v1+json',
          },
        ],
      }),
    );
    await putManifest(
      berth.client,
      { registry: berth.host, repository: 'signed/app', reference: referrersTag(image.digest) },
      { bytes: fallback, mediaType: MediaType.ociIndex },
    );
    const found = await listReferrers(berth.client, {
      registry: berth.host,
      repository: 'signed/app',
      reference: image.digest,
    });
    expect(found.source).toBe('tag-schema');
    expect(found.referrers.map((r) => r.digest)).toEqual([signature.digest]);
    const filtered = await listReferrers(
      berth.client,
      { registry: berth.host, repository: 'signed/app', reference: image.digest },
      {
        artifactType: 'application/spdx+json',
      },
    );
    expect(filtered.referrers).toEqual([]);
  });

  it('refuses to push a schema 1 manifest and reports unknown tags as not found', async () => {
    await expect(
      putManifest(
        berth.client,
        { registry: berth.host, repository: 'single/app', reference: 'old' },
        { bytes: Buffer.from('{"schemaVersion":1}'), mediaType: MediaType.dockerSchema1Signed },
      ),
    ).rejects.toThrow(/schema 1/);
    await expect(
      getManifest(berth.client, { registry: berth.host, repository: 'single/app', reference: 'nope' }),
    ).rejects.toThrow(/no such tag or image/);
  });
});
