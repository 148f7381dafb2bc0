import type { CopyPreview } from '../../../shared/jobs.js';
import { imageAt, repositoryOf } from '../../../shared/location.js';
import type { CopyInput } from './index.js';
import { headBlob, headManifest, NotFoundError, type RegistryClient } from '../registry/index.js';
import { refuseCopyOntoItself } from './onto-itself.js';
import { destinationTag, isForeignLayer, planCopy } from './plan.js';

/**
 * Plans a copy without writing anything: reads the source manifests, then asks the destination which
 * blobs it already has (HEAD) and whether the tag already names the same manifest.
 */
export async function previewCopy(
  client: RegistryClient,
  input: Omit<CopyInput, 'concurrency'>,
  signal?: AbortSignal,
): Promise<CopyPreview> {
  const { source, destination } = input;
  refuseCopyOntoItself(source, destination);
  const plan = await planCopy(client, source, input.platforms, signal);
  // What the copy would write: copyImage's tag, else the digest the destination names, else the plan's.
  const target = destinationTag(source, destination) ?? destination.reference ?? plan.digest;
  const to = repositoryOf(destination);
  const existing = await headManifest(client, imageAt(to, target), signal).catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
  // Another repository of the same registry: the copy mounts the blob there instead of sending it.
  const canMount = source.registry === destination.registry && source.repository !== destination.repository;
  const blobs = await Promise.all(
    plan.blobs.map(async (blob) => {
      const base = { digest: blob.digest, size: blob.size };
      if (isForeignLayer(blob)) return { ...base, action: 'foreign' as const };
      const size = await headBlob(client, to, blob.digest, signal);
      if (size !== undefined) return { ...base, action: 'exists' as const };
      return { ...base, action: canMount ? ('mount' as const) : ('transfer' as const) };
    }),
  );
  return {
    sourceDigest: plan.sourceDigest,
    digest: plan.digest,
    newIndex: plan.newIndex,
    platforms: plan.platforms,
    isUnchanged: existing?.digest === plan.digest,
    blobs,
    bytesToTransfer: blobs
      .filter((blob) => blob.action === 'transfer')
      .reduce((sum, blob) => sum + blob.size, 0),
  };
}
