// The storage scan against a registry of the user's own (Debian's docker-registry run by Berth): the
// figures equal the blob files its storage folder holds, an untagged manifest is found, and the garbage
// collection estimate is what a real collection through Berth then reclaims.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryServers } from '../../electron/core/registry-server/index.js';
import { BerthServices } from '../../electron/core/services.js';
import type { StorageReport } from '../../shared/storage.js';
import { MEDIA_TYPES, pushBlob, pushImage, pushIndex, pushManifest } from '../fixtures/images.js';
import { freePort, makeTempDir, removeDir, runCommand } from '../fixtures/process.js';
import type { RegistryHandle } from '../fixtures/registry.js';

let root: string;
let services: BerthServices;
let own: RegistryHandle;
let storageDir: string;
let multiChildren: string[];

/** Blob files (`blobs/sha256/xx/HEX/data`) under the storage folder: digest → bytes. */
async function blobFilesOnDisk(): Promise<Map<string, number>> {
  const blobs = path.join(storageDir, 'docker', 'registry', 'v2', 'blobs', 'sha256');
  const found = new Map<string, number>();
  for (const prefix of await readdir(blobs).catch(() => []))
    for (const hex of await readdir(path.join(blobs, prefix)))
      found.set(`sha256:${hex}`, (await stat(path.join(blobs, prefix, hex, 'data'))).size);
  return found;
}

async function scan(repository?: string): Promise<StorageReport> {
  const { done } = services.jobs.launch(
    'storage',
    { registry: own.host, ...(repository ? { repository } : {}) },
    'storage test',
  );
  const job = await done;
  if (job.status !== 'succeeded') throw new Error(`scan ${job.status}: ${job.error?.message}`);
  return job.result!;
}

beforeAll(async () => {
  root = await makeTempDir('storage-scan');
  services = new BerthServices({
    dataDir: path.join(root, 'berth'),
    keychainService: `BerthTest-storage-${randomUUID()}`,
  });
  const port = await freePort();
  await registryServers(services).create({ name: 'store', port, bind: '127.0.0.1', tls: { mode: 'none' } });
  storageDir = (await registryServers(services).spec('store')).storageDir;
  own = {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    dispatcher: new Agent(),
    authorizationFor: async () => undefined,
  } as unknown as RegistryHandle;
  // team/app and team/api share their first layer; team/multi is an index of two platforms sharing one.
  await pushImage(own, 'team/app', '1.0', {
    seed: 'app-1',
    layers: 3,
    layerSize: 64 * 1024,
    sharedLayers: 1,
  });
  await pushImage(own, 'team/app', '1.1', {
    seed: 'app-1',
    layers: 3,
    layerSize: 64 * 1024,
    sharedLayers: 1,
  });
  await pushImage(own, 'team/api', '2.0', {
    seed: 'app-1',
    layers: 2,
    layerSize: 64 * 1024,
    sharedLayers: 1,
    platform: { os: 'linux', architecture: 'arm64' },
  });
  const multi = await pushIndex(own, 'team/multi', 'latest', {
    format: 'oci',
    seed: 'multi',
    layers: 2,
    layerSize: 32 * 1024,
    sharedLayers: 1,
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64' },
    ],
  });
  multiChildren = multi.children.map((child) => child.digest);
  // An untagged manifest: pushed by digest only, with a 128 KiB layer nothing else uses.
  await pushImage(own, 'team/app', undefined, { seed: 'orphan', layers: 1, layerSize: 128 * 1024 });
}, 120_000);

afterAll(async () => {
  await registryServers(services)
    .stop('store')
    .catch(() => false);
  await services?.close();
  if (root) await removeDir(root);
});

describe('storage scan of a registry of your own', () => {
  it('counts what the storage folder holds, each blob once, shared layers as shared', async () => {
    const report = await scan();
    const onDisk = await blobFilesOnDisk();
    const untagged = report.untagged.isKnown ? report.untagged : undefined;
    expect(untagged?.count).toBe(1);
    const orphan = untagged!.manifests[0]!;
    expect(orphan.repository).toBe('team/app');
    // Everything on disk is either reached by a tag or under the untagged manifest (its manifest, config, layer).
    const onDiskTotal = [...onDisk.values()].reduce((sum, size) => sum + size, 0);
    expect(report.own?.blobBytes).toBe(onDiskTotal);
    expect(onDiskTotal - report.totalBytes).toBeGreaterThanOrEqual(128 * 1024);
    expect(onDiskTotal - report.totalBytes).toBeLessThan(128 * 1024 + 8 * 1024);
    expect(report.repositories.map((repository) => repository.name).sort()).toEqual([
      'team/api',
      'team/app',
      'team/multi',
    ]);
    const app = report.repositories.find((repository) => repository.name === 'team/app')!;
    const api = report.repositories.find((repository) => repository.name === 'team/api')!;
    const multi = report.repositories.find((repository) => repository.name === 'team/multi')!;
    // app and api share one layer (and nothing else): the same bytes on both sides, once in the total.
    expect(app.sharedBytes).toBe(api.sharedBytes);
    expect(app.sharedBytes).toBeGreaterThan(64 * 1024);
    expect(multi.sharedBytes).toBe(0);
    expect(report.totalBytes).toBe(app.bytes + api.bytes + multi.bytes - app.sharedBytes);
    expect(report.sharedBytes).toBe(app.sharedBytes);
    // Two tags of one image: each tag's bytes are all shared with the other.
    expect(app.tags.map((tag) => tag.tag).sort()).toEqual(['1.0', '1.1']);
    for (const tag of app.tags) expect(tag.sharedBytes).toBe(tag.bytes);
    expect(report.largest[0]?.repository).toBe('team/app');
    expect(report.largest.map((tag) => tag.tag)).toContain('latest');
    expect(report.own?.sizeMismatches).toEqual([]);
    // Every manifest read once: 3 image manifests of app+api (1.0 and 1.1 are one), the index and its 2 children.
    expect(report.manifestsRead).toBe(5);
    // Nothing tagged is collectable. With untagged manifests the orphan's files go, and only they: the
    // index's two platform images stay, though Distribution 2.8's own --delete-untagged takes them too.
    expect(report.own?.collectable).toEqual({ blobs: 0, bytes: 0, tagReachedManifests: 0 });
    expect(report.own?.collectableWithUntagged).toEqual({
      blobs: 3,
      bytes: onDiskTotal - report.totalBytes,
      tagReachedManifests: 0,
    });
  });

  it('estimates what a real garbage collection then reclaims', async () => {
    // team/api's only tag goes: its manifest, config and own layer become collectable; the shared layer stays.
    const head = await fetch(`${own.url}/v2/team/api/manifests/2.0`, {
      method: 'HEAD',
      headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
    });
    const deleted = await fetch(
      `${own.url}/v2/team/api/manifests/${head.headers.get('docker-content-digest')}`,
      {
        method: 'DELETE',
      },
    );
    expect(deleted.status).toBe(202);
    const before = await scan();
    const estimate = before.own!.collectable;
    expect(estimate.blobs).toBe(3);
    const collected = await registryServers(services).collectGarbage('store');
    const after = await scan();
    process.stdout.write(
      `storage: GC estimate ${estimate.bytes} bytes, reclaimed ${collected.bytesReclaimed} bytes (blob files ${before.own!.blobBytes} → ${after.own!.blobBytes})\n`,
    );
    expect(before.own!.blobBytes - after.own!.blobBytes).toBe(estimate.bytes);
    // Beyond the blob files the collection removes nothing here: the folder shrinks by the estimate.
    expect(collected.bytesReclaimed).toBe(estimate.bytes);
    expect(after.totalBytes).toBe(before.totalBytes);
    expect(after.own!.collectable.bytes).toBe(0);
  });
});

describe('storage scan of a registry that disagrees with itself', () => {
  it('counts what a lying manifest says and flags where the disk disagrees', async () => {
    const layer = Buffer.alloc(4096, 7);
    const config = Buffer.from(
      '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}',
    );
    const layerDigest = await pushBlob(own, 'liar/app', layer);
    const configDigest = await pushBlob(own, 'liar/app', config);
    // The manifest says its layer is a mebibyte; the registry holds 4 KiB.
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA_TYPES.oci.manifest,
        config: { mediaType: MEDIA_TYPES.oci.config, digest: configDigest, size: config.length },
        layers: [{ mediaType: MEDIA_TYPES.oci.layer, digest: layerDigest, size: 1024 * 1024 }],
      }),
    );
    await pushManifest(own, 'liar/app', '1', manifest, MEDIA_TYPES.oci.manifest);
    const report = await scan('liar/app');
    expect(report.repositories[0]?.bytes).toBe(1024 * 1024 + config.length + manifest.length);
    expect(report.own?.sizeMismatches).toEqual([
      { digest: layerDigest, declared: 1024 * 1024, onDisk: 4096 },
    ]);
    expect(report.notes.join('\n')).toMatch(
      /1 layer or config is a different size on disk than the images say/,
    );
  });

  it('counts a tag whose image is gone as an error of that tag, and the others still', async () => {
    await pushImage(own, 'ghost/app', 'real', { seed: 'ghost', layers: 1, layerSize: 1024 });
    // A tag whose manifest was deleted meanwhile: its link names a manifest the repository does not have.
    const tagDir = path.join(storageDir, 'docker/registry/v2/repositories/ghost/app/_manifests/tags/gone');
    const missing = `sha256:${'0'.repeat(64)}`;
    await mkdir(path.join(tagDir, 'current'), { recursive: true });
    await mkdir(path.join(tagDir, 'index', 'sha256', '0'.repeat(64)), { recursive: true });
    await writeFile(path.join(tagDir, 'current', 'link'), missing);
    await writeFile(path.join(tagDir, 'index', 'sha256', '0'.repeat(64), 'link'), missing);
    const report = await scan('ghost/app');
    const repository = report.repositories[0]!;
    expect(repository.tags.map((tag) => tag.tag)).toEqual(['real']);
    expect(repository.failedTags.map((failed) => failed.tag)).toEqual(['gone']);
    expect(repository.failedTags[0]?.error.code).toBe('NOT_FOUND');
    expect(report.tagsFailed).toBe(1);
    expect(repository.bytes).toBeGreaterThan(1024);
    expect(report.notes.join('\n')).toMatch(/1 tag could not be read/);
  });
});

/** skopeo's look at one manifest by digest: what a client pulling that platform gets. */
async function inspectRaw(reference: string) {
  return runCommand(
    'skopeo',
    ['inspect', '--raw', '--tls-verify=false', `docker://${own.host}/${reference}`],
    {
      allowFailure: true,
    },
  );
}

describe('a collection of untagged manifests beside multi-platform images', () => {
  // Last in this file: it changes what the storage holds.
  it('keeps the platform images a tag reaches through an index, and reclaims what it estimated', async () => {
    const before = await scan();
    const estimate = before.own!.collectableWithUntagged;
    const dryRun = await registryServers(services).collectGarbage('store', {
      deleteUntagged: true,
      dryRun: true,
    });
    const collected = await registryServers(services).collectGarbage('store', { deleteUntagged: true });
    // Distribution 2.8's --delete-untagged removes the platform images' revision links: skopeo must still
    // read every platform, by digest and through the tag.
    for (const child of multiChildren) {
      const inspected = await inspectRaw(`team/multi@${child}`);
      expect(inspected.code, inspected.stderr).toBe(0);
    }
    const platform = await runCommand(
      'skopeo',
      ['inspect', '--tls-verify=false', '--override-arch', 'arm64', `docker://${own.host}/team/multi:latest`],
      { allowFailure: true },
    );
    expect(platform.code, platform.stderr).toBe(0);
    const after = await scan();
    // What the estimate and the dry run promised: nothing a tag reaches goes.
    expect(estimate.tagReachedManifests).toBe(0);
    expect(dryRun.dryRunOutput).toMatch(/Berth removes only the manifests/);
    process.stdout.write(
      `storage: GC with untagged beside an index: estimate ${estimate.bytes} bytes, reclaimed ${collected.bytesReclaimed} bytes (blob files ${before.own!.blobBytes} → ${after.own!.blobBytes})\n`,
    );
    expect(after.repositories.find((repository) => repository.name === 'team/multi')?.failedTags).toEqual([]);
    expect(after.totalBytes).toBe(before.totalBytes);
    expect(after.untagged.isKnown && after.untagged.count).toBe(0);
    expect(estimate.bytes).toBeGreaterThan(0);
    expect(before.own!.blobBytes - after.own!.blobBytes).toBe(estimate.bytes);
    // The removed revision links (a few dozen bytes each) are all it frees beyond the blob files.
    expect(collected.bytesReclaimed - estimate.bytes).toBeGreaterThanOrEqual(0);
    expect(collected.bytesReclaimed - estimate.bytes).toBeLessThan(1024);
    expect(collected.output).toMatch(
      /^Berth removed \d+ untagged manifests? \(an index's platform images kept\)/,
    );
  });

  it("leaves it to Distribution's own --delete-untagged once no tag reaches an index, and reclaims what it estimated", async () => {
    // team/multi's index goes (its tag with it): the index and its platform images are untagged now.
    const index = await fetch(`${own.url}/v2/team/multi/manifests/latest`, {
      method: 'HEAD',
      headers: { accept: MEDIA_TYPES.oci.index },
    });
    const deleted = await fetch(
      `${own.url}/v2/team/multi/manifests/${index.headers.get('docker-content-digest')}`,
      {
        method: 'DELETE',
      },
    );
    expect(deleted.status).toBe(202);
    const before = await scan();
    const estimate = before.own!.collectableWithUntagged;
    expect(estimate.tagReachedManifests).toBe(0);
    const collected = await registryServers(services).collectGarbage('store', { deleteUntagged: true });
    const after = await scan();
    process.stdout.write(
      `storage: GC with untagged estimate ${estimate.bytes} bytes, reclaimed ${collected.bytesReclaimed} bytes (blob files ${before.own!.blobBytes} → ${after.own!.blobBytes})\n`,
    );
    expect(collected.output).not.toMatch(/Berth removed/);
    // The index, its two platform images, their configs and layers: all of team/multi goes.
    expect(estimate.bytes).toBeGreaterThan(3 * 32 * 1024);
    expect(before.own!.blobBytes - after.own!.blobBytes).toBe(estimate.bytes);
    // The removed revision links (a few dozen bytes each) are all it frees beyond the blob files.
    expect(collected.bytesReclaimed - estimate.bytes).toBeGreaterThanOrEqual(0);
    expect(collected.bytesReclaimed - estimate.bytes).toBeLessThan(1024);
    expect(after.untagged.isKnown && after.untagged.count).toBe(0);
  });
});
