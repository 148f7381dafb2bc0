import { MAX_PREVIEW_TAGS, type CopyPreview, type SyncPreview } from '../../../shared/jobs.js';
import { imageAt, repositoryOf } from '../../../shared/location.js';
import type { CopyInput, SyncInput } from './index.js';
import { tagsToSync } from './sync-tags.js';
import {
  headBlob,
  headManifest,
  NotFoundError,
  TooLargeError,
  type RegistryClient,
} from '../registry/index.js';
import { refuseCopyOntoItself, refuseSyncOntoItself } from './onto-itself.js';
import { isForeignLayer } from '../../../shared/manifest.js';
import { destinationTag, planCopy } from './plan.js';
import { mergeReferrerPreviews, previewReferrers, referrerSubjects } from './referrers.js';

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
  const { planned: _planned, ...referrers } = await previewReferrers(
    client,
    repositoryOf(source),
    referrerSubjects(plan),
    signal,
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
    referrers,
  };
}

type BlobAction = CopyPreview['blobs'][number]['action'];

/** One tag's part of a sync preview: its plan's blobs, or none when the destination already has it. */
export interface TagPlan {
  tag: string;
  isUnchanged: boolean;
  blobs: ReadonlyArray<{ digest: string; size: number }>;
}

/**
 * Adds up the tags of a sync: each blob once however many tags use it (the sync moves it once), and the
 * blobs of unchanged tags not at all (nothing is written for them). `actionOf` says what happens to a blob.
 */
export function sumSyncPreview(
  plans: readonly TagPlan[],
  actionOf: (digest: string) => BlobAction,
): Omit<SyncPreview, 'referrers'> {
  const written = plans.filter((plan) => !plan.isUnchanged);
  const sizes = new Map<string, number>();
  for (const plan of written) for (const blob of plan.blobs) sizes.set(blob.digest, blob.size);
  const blobs: Record<BlobAction, number> = { transfer: 0, mount: 0, exists: 0, foreign: 0 };
  let bytesToTransfer = 0;
  let bytesTotal = 0;
  for (const [digest, size] of sizes) {
    const action = actionOf(digest);
    blobs[action]++;
    bytesTotal += size;
    if (action === 'transfer') bytesToTransfer += size;
  }
  return {
    tags: written.map((plan) => plan.tag).sort(),
    unchanged: plans
      .filter((plan) => plan.isUnchanged)
      .map((plan) => plan.tag)
      .sort(),
    blobs,
    bytesToTransfer,
    bytesTotal,
  };
}

async function mapPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  // Once one item fails the whole answer has failed: the other workers take no more items.
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      const index = next++;
      try {
        results[index] = await work(items[index]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}

/**
 * Plans a sync without writing anything: each tag's manifests are read and the destination asked whether
 * it already names the same one; then each blob the written tags need is asked about once (HEAD).
 */
/**
 * Blobs a sync preview keeps in mind at most (each image's, counted once per image). Real repositories
 * come nowhere near; a hostile one answering every tag with its own 4 MiB manifest of 40,000 layers
 * would otherwise fill the memory of the process.
 */
export const MAX_PREVIEW_BLOBS = 200_000;

export async function previewSync(
  client: RegistryClient,
  input: Pick<SyncInput, 'source' | 'destination' | 'tags' | 'only' | 'platforms' | 'referrers'>,
  signal?: AbortSignal,
  limits: { maxBlobs: number } = { maxBlobs: MAX_PREVIEW_BLOBS },
): Promise<SyncPreview> {
  const { source, destination } = input;
  refuseSyncOntoItself(source, destination);
  const matching = await tagsToSync(client, input, signal);
  // The first tags by name: each costs a few requests, and nothing aborts a preview nobody waits for.
  const tags = matching.slice(0, MAX_PREVIEW_TAGS);
  const foreign = new Set<string>();
  // Tags are asked with HEAD (which Docker Hub does not count as a pull) and each manifest read once:
  // a repository of 2,000 tags on a few images reads a few manifests, not 2,000.
  const byDigest = new Map<string, ReturnType<typeof planCopy>>();
  // Each image's referrers, asked once per image as its plan is.
  const referrersByDigest = new Map<string, ReturnType<typeof previewReferrers>>();
  const counted = new Set<string>();
  let blobCount = 0;
  const plans = await mapPool(tags, 6, async (tag): Promise<TagPlan> => {
    const { digest } = await headManifest(client, imageAt(source, tag), signal);
    let planned = byDigest.get(digest);
    if (!planned) {
      planned = planCopy(client, imageAt(source, digest), input.platforms, signal);
      byDigest.set(digest, planned);
    }
    const plan = await planned;
    if (!referrersByDigest.has(digest))
      referrersByDigest.set(digest, previewReferrers(client, source, referrerSubjects(plan), signal));
    await referrersByDigest.get(digest);
    if (!counted.has(digest)) {
      counted.add(digest);
      blobCount += plan.blobs.length;
      if (blobCount > limits.maxBlobs)
        throw new TooLargeError(
          source.registry,
          `the images of ${source.repository}`,
          limits.maxBlobs,
          undefined,
          {
            message: `${source.registry}: the tags of ${source.repository} use more than ${limits.maxBlobs} blobs, more than a preview checks`,
            hint: 'No real repository is this large: the registry is likely broken or hostile. Copy the tags you need by name instead.',
          },
        );
    }
    const existing = await headManifest(client, imageAt(destination, tag), signal).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
    for (const blob of plan.blobs) if (isForeignLayer(blob)) foreign.add(blob.digest);
    return { tag, isUnchanged: existing?.digest === plan.digest, blobs: plan.blobs };
  });
  const needed = [
    ...new Set(
      plans.filter((plan) => !plan.isUnchanged).flatMap((plan) => plan.blobs.map((blob) => blob.digest)),
    ),
  ];
  const canMount = source.registry === destination.registry;
  const present = new Set<string>();
  await mapPool(
    needed.filter((digest) => !foreign.has(digest)),
    8,
    async (digest) => {
      if ((await headBlob(client, destination, digest, signal)) !== undefined) present.add(digest);
    },
  );
  const preview: SyncPreview = {
    ...sumSyncPreview(plans, (digest) =>
      foreign.has(digest) ? 'foreign' : present.has(digest) ? 'exists' : canMount ? 'mount' : 'transfer',
    ),
    referrers: mergeReferrerPreviews(await Promise.all(referrersByDigest.values())),
  };
  return matching.length > tags.length
    ? { ...preview, notPreviewed: matching.length - tags.length }
    : preview;
}
