// Copying images between registries: plan a copy (manifests and the blobs they need), preview it, run it
// blob by blob with mounts and retries, and sync a repository's tags. Offers copyImage, syncRepository,
// previewCopy, planCopy and isCopyError; it talks to registries only through registry/index.ts.
import type { CopySummary, SyncSummary } from '../../../shared/jobs.js';
import {
  imageAt,
  repositoryOf,
  referenceText,
  type DestinationLocation,
  type ImageLocation,
  type RepositoryLocation,
} from '../../../shared/location.js';
import { isForeignLayer, type Descriptor } from '../../../shared/manifest.js';
import type { ItemHandle, JobContext } from '../jobs/index.js';
import { deleteManifestQuietly } from './cleanup.js';
import { BerthError, CancelledError } from '../errors.js';
import {
  DigestMismatchError,
  NotFoundError,
  isDigestReference,
  verifyDigest,
  headManifest,
  putManifest,
  type RegistryClient,
} from '../registry/index.js';
import { BlobLocationCache } from './blob-cache.js';
import { refuseCopyOntoItself, refuseSyncOntoItself } from './onto-itself.js';
import { destinationTag, planCopy, type CopyPlan } from './plan.js';
import { tagsToSync } from './sync-tags.js';
import { transferBlob, type BlobOutcome, type UploadStyle } from './transfer.js';

export { BlobLocationCache } from './blob-cache.js';
export { planCopy, type CopyPlan } from './plan.js';
export { matchesTagPattern, tagsToSync } from './sync-tags.js';
export { previewCopy, previewSync, sumSyncPreview, type TagPlan } from './preview.js';
export { refuseCopyOntoItself, refuseSyncOntoItself } from './onto-itself.js';
export type { CopySummary, SyncSummary } from '../../../shared/jobs.js';
export type { UploadStyle } from './transfer.js';
export { transferBlob, type BlobStreamSource, type BlobOutcome } from './transfer.js';
export { deleteManifestQuietly } from './cleanup.js';

export interface CopyDeps {
  client: RegistryClient;
  blobCache?: BlobLocationCache;
  /** How blobs go up (transfer.ts): streamed by default, chunks where a registry refuses that. */
  uploadStyle?: UploadStyle;
}

export interface CopyInput {
  source: ImageLocation;
  /** With no reference, the source's tag is kept. */
  destination: DestinationLocation;
  /** `os/arch[/variant]` entries to keep from an index; empty = all (the index digest is preserved). */
  platforms?: string[];
  /** Blobs moved at once (default 4). */
  concurrency?: number;
}

function checkCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new CancelledError('copy cancelled');
}

/** Shared by the tags of one sync job: each blob is handled once, later tags wait for it. */
type BlobWork = Map<string, Promise<BlobOutcome>>;

/** Runs `work` on every item, `concurrency` at a time; the first failure stops the rest and is thrown. */
export async function runPool<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  // Boxed, so a worker that throws `undefined` still stops the pool and is rethrown as it was.
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  if (failure) throw failure.error;
}

async function copyWithPlan(
  deps: CopyDeps,
  context: JobContext,
  source: ImageLocation,
  destination: DestinationLocation,
  plan: CopyPlan,
  options: { concurrency: number; blobWork: BlobWork; started: number },
): Promise<CopySummary> {
  const { client } = deps;
  const { signal } = context;
  const from = repositoryOf(source);
  const to = repositoryOf(destination);
  const tag = destinationTag(source, destination);
  // A destination named by digest must be the bytes that go there, in that digest's own algorithm.
  const named = destination.reference;
  if (named !== undefined && isDigestReference(named) && named !== plan.digest)
    verifyDigest(destination.registry, named, plan.top.bytes, `copy to ${referenceText(destination)}`);
  const blobs = { transferred: 0, mounted: 0, skipped: 0, foreign: 0 };
  const summary = (unchanged: boolean, manifests: number): CopySummary => ({
    source: referenceText(source),
    destination: referenceText(imageAt(to, tag ?? plan.digest)),
    sourceDigest: plan.sourceDigest,
    digest: plan.digest,
    mediaType: plan.mediaType,
    newIndex: plan.newIndex,
    platforms: plan.platforms,
    unchanged,
    bytesTransferred: bytesMoved,
    blobs,
    manifests,
    seconds: (Date.now() - options.started) / 1000,
  });
  let bytesMoved = 0;

  // Nothing to do when the destination tag already names this exact manifest.
  const existing = await headManifest(client, imageAt(to, tag ?? plan.digest), signal).catch(
    (error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    },
  );
  if (existing?.digest === plan.digest) {
    context
      .item(`tag:${tag ?? plan.digest}`, { label: `${to.repository}:${tag ?? plan.digest}`, kind: 'tag' })
      .setState('skipped', 'already identical');
    return summary(true, 0);
  }

  const moving: Descriptor[] = plan.blobs.filter((blob) => {
    if (!isForeignLayer(blob)) return true;
    blobs.foreign++;
    return false;
  });
  await runPool(moving, options.concurrency, async (blob) => {
    checkCancelled(signal);
    const key = `${to.registry}/${to.repository}@${blob.digest}`;
    let work = options.blobWork.get(key);
    const isMine = !work;
    if (!work) {
      const item = context.item(blob.digest, {
        label: `blob ${blob.digest.slice(7, 19)}`,
        kind: 'blob',
        bytesTotal: blob.size,
      });
      work = transferBlob(
        { client, blobCache: deps.blobCache, signal, uploadStyle: deps.uploadStyle },
        { source: from, destination: to },
        blob,
        item,
      );
      options.blobWork.set(key, work);
    }
    const outcome = await work;
    if (!isMine) return;
    if (outcome === 'transferred') {
      blobs.transferred++;
      bytesMoved += blob.size;
    } else blobs[outcome]++;
  });

  // Children by digest (no stray tags), then the top manifest: byte-identical, so digests match.
  checkCancelled(signal);
  const pushedChildren: string[] = [];
  let manifests = 0;
  // The manifest being pushed: marked failed when its push fails, so it gets its line like a blob.
  let current: ItemHandle | undefined;
  try {
    for (const child of plan.children) {
      checkCancelled(signal);
      const item = context.item(child.digest, {
        label: `manifest ${child.digest.slice(7, 19)}`,
        kind: 'manifest',
      });
      current = item;
      const present = await headManifest(client, imageAt(to, child.digest), signal).catch(() => undefined);
      if (present) {
        item.setState('skipped', 'already in the destination');
        current = undefined;
        continue;
      }
      item.setState('transferring');
      await putManifest(client, imageAt(to, child.digest), child, signal);
      pushedChildren.push(child.digest);
      manifests++;
      item.setState('done');
      current = undefined;
    }
    checkCancelled(signal);
    const top = context.item(`manifest:${plan.digest}`, {
      label: `manifest ${tag ?? plan.digest.slice(7, 19)}`,
      kind: 'manifest',
    });
    current = top;
    top.setState('transferring');
    const pushed = await putManifest(client, imageAt(to, tag ?? plan.digest), plan.top, signal);
    if (pushed !== plan.digest)
      throw new DigestMismatchError(to.registry, plan.digest, pushed, `copied manifest ${to.repository}`);
    manifests++;
    top.setState('done');
  } catch (error) {
    const cancelled = signal.aborted || error instanceof CancelledError;
    current?.setState(
      'failed',
      cancelled ? 'cancelled' : error instanceof Error ? error.message : String(error),
    );
    // Leave no half-copied image behind: children pushed by this copy go again (best effort).
    for (const digest of pushedChildren) await deleteManifestQuietly(client, imageAt(to, digest));
    throw error;
  }
  return summary(false, manifests);
}

/** Copies one image (or an index, whole or narrowed to platforms) between any two references. */
export async function copyImage(deps: CopyDeps, input: CopyInput, context: JobContext): Promise<CopySummary> {
  const started = Date.now();
  const { source, destination } = input;
  refuseCopyOntoItself(source, destination);
  try {
    const plan = await planCopy(deps.client, source, input.platforms, context.signal);
    return await copyWithPlan(deps, context, source, destination, plan, {
      concurrency: input.concurrency ?? 4,
      blobWork: new Map(),
      started,
    });
  } finally {
    await deps.blobCache?.save().catch(() => undefined);
  }
}

export interface SyncInput {
  source: RepositoryLocation;
  destination: RepositoryLocation;
  /** Glob-ish tag filter: `v1.*`, `*-alpine`, or a substring. */
  tags?: string;
  /** Exactly these tags (a selection made in the app); each must still be in the source. */
  only?: string[];
  platforms?: string[];
  concurrency?: number;
}

/** Copies many tags of a repository in one job: identical tags are skipped, shared blobs move once. */
export async function syncRepository(
  deps: CopyDeps,
  input: SyncInput,
  context: JobContext,
): Promise<SyncSummary> {
  const started = Date.now();
  const { source, destination } = input;
  refuseSyncOntoItself(source, destination);
  const tags = await tagsToSync(deps.client, input, context.signal);
  const blobWork: BlobWork = new Map();
  const result: SyncSummary = {
    source: referenceText(source),
    destination: referenceText(destination),
    tags: { copied: [], unchanged: [] },
    bytesTransferred: 0,
    blobs: { transferred: 0, mounted: 0, skipped: 0, foreign: 0 },
    seconds: 0,
  };
  try {
    for (const tag of tags) {
      checkCancelled(context.signal);
      const from = imageAt(source, tag);
      const to = imageAt(destination, tag);
      const plan = await planCopy(deps.client, from, input.platforms, context.signal);
      const summary = await copyWithPlan(deps, context, from, to, plan, {
        concurrency: input.concurrency ?? 4,
        blobWork,
        started,
      });
      (summary.unchanged ? result.tags.unchanged : result.tags.copied).push(tag);
      result.bytesTransferred += summary.bytesTransferred;
      for (const key of Object.keys(result.blobs) as (keyof SyncSummary['blobs'])[])
        result.blobs[key] += summary.blobs[key];
    }
  } finally {
    await deps.blobCache?.save().catch(() => undefined);
  }
  result.seconds = (Date.now() - started) / 1000;
  return result;
}

export function isCopyError(error: unknown): error is BerthError {
  return error instanceof BerthError;
}
