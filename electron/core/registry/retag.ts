import type { RetagView } from '../../../shared/contract/index.js';
import { imageAt, type ImageLocation, type RepositoryLocation } from '../../../shared/location.js';
import { isForeignLayer, type ImageIndex, type ImageManifest } from '../../../shared/manifest.js';
import { manifestKind } from '../../../shared/media-types.js';
import { ensureBlob } from './blobs.js';
import type { RegistryClient } from './client.js';
import { UnsupportedError } from './errors.js';
import { getManifest, putManifest, type ManifestResult } from './manifests.js';

export type RetagResult = RetagView;

/**
 * Puts the same manifest bytes under a new tag: one request in the same repository; across
 * repositories of one registry, blobs are mounted first (children of an index by digest, before it).
 */
export async function retag(
  client: RegistryClient,
  source: ImageLocation,
  target: RepositoryLocation & { tag: string },
  signal?: AbortSignal,
): Promise<RetagResult> {
  if (source.registry !== target.registry) {
    throw new UnsupportedError(
      target.registry,
      `retag stays within one registry (${source.registry} → ${target.registry})`,
      'Copy the image to the other registry instead.',
    );
  }
  const top = await getManifest(client, source, signal);
  const blobs = { present: 0, mounted: 0, copied: 0 };
  if (source.repository !== target.repository) {
    const place = async (manifest: ManifestResult) => {
      const image = manifest.json as unknown as ImageManifest;
      for (const blob of [image.config, ...(image.layers ?? [])]) {
        if (!blob || isForeignLayer(blob)) continue;
        const outcome = await ensureBlob(client, target, blob, { from: source.repository, signal });
        blobs[outcome]++;
      }
    };
    if (manifestKind(top.mediaType) === 'index') {
      for (const child of (top.json as unknown as ImageIndex).manifests ?? []) {
        const manifest = await getManifest(client, imageAt(source, child.digest), signal);
        if (manifestKind(manifest.mediaType) === 'image') await place(manifest);
        await putManifest(client, imageAt(target, child.digest), manifest, signal);
      }
    } else if (manifestKind(top.mediaType) === 'image') {
      await place(top);
    }
  }
  const digest = await putManifest(client, imageAt(target, target.tag), top, signal);
  return { digest, mediaType: top.mediaType, blobs };
}
