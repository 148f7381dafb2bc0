// Copying images between registries: plan a copy (manifests and the blobs they need), preview it, run it
// blob by blob with mounts and retries, and sync a repository's tags. Offers copyImage, syncRepository,
// previewCopy, planCopy and isCopyError; it talks to registries only through registry/index.ts.
import type { CopySummary, ReferrersCopied, SyncSummary } from '../../../shared/jobs.js';
import {
  imageAt,
  repositoryOf,
  referenceText,
  type DestinationLocation,
  type ImageLocation,
  type RepositoryLocation,
} from '../../../shared/location.js';
import { isForeignLayer, referrerKind, type Descriptor } from '../../../shared/manifest.js';
import type { ItemHandle, JobContext } from '../jobs/index.js';
import { deleteManifestQuietly } from './cleanup.js';
import { BerthError, CancelledError } from '../errors.js';
import {
  DigestMismatchError,
  NotFoundError,
  isDigestReference,
  verifyDigest,
  headManifest,
  listReferrers,
  putManifest,
  putManifestAnswer,
  type RegistryClient,
} from '../registry/index.js';
import { BlobLocationCache } from './blob-cache.js';
import { refuseCopyOntoItself, refuseSyncOntoItself } from './onto-itself.js';
import { destinationTag, planCopy, type CopyPlan } from './plan.js';
import {
  addToTagSchemaIndex,
  planReferrers,
  referrerSubjects,
  undoIndexWrite,
  type IndexUndo,
  type PlannedReferrer,
} from './referrers.js';
import { tagsToSync } from './sync-tags.js';
import { transferBlob, type BlobOutcome, type UploadStyle } from './transfer.js';

export { BlobLocationCache } from './blob-cache.js';
export { planCopy, type CopyPlan } from './plan.js';
export { planReferrers, REFERRER_LIMITS, type ReferrerPlan } from './referrers.js';
export { matchesGlob, matchesTagPattern, tagsToSync } from './sync-tags.js';
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
  /**
   * Where the lock files of referrers-index writes live (the data folder's `locks`): the CLI and the app
   * on one machine take turns at a destination's `sha256-…` index. Without it, only this process's do.
   */
  locksDir?: string;
}

export interface CopyInput {
  source: ImageLocation;
  /** With no reference, the source's tag is kept. */
  destination: DestinationLocation;
  /** `os/arch[/variant]` entries to keep from an index; empty = all (the index digest is preserved). */
  platforms?: string[];
  /** Blobs moved at once (default 4). */
  concurrency?: number;
  /** Bring the image's referrers (signatures, SBOMs, attestations; recursively) along. */
  referrers?: boolean;
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

interface CopyOptions {
  concurrency: number;
  blobWork: BlobWork;
  started: number;
  referrers?: boolean;
}

async function copyWithPlan(
  deps: CopyDeps,
  context: JobContext,
  source: ImageLocation,
  destination: DestinationLocation,
  plan: CopyPlan,
  options: CopyOptions,
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
  // Referrers are found before anything is written: a loop or a flood stops the copy with nothing pushed.
  const referrerPlan = options.referrers
    ? await planReferrers(client, from, referrerSubjects(plan), signal)
    : undefined;
  const blobs = { transferred: 0, mounted: 0, skipped: 0, foreign: 0 };
  const referrers: ReferrersCopied | undefined = referrerPlan && {
    count: referrerPlan.count,
    bytes: referrerPlan.bytes,
    kinds: referrerPlan.kinds,
    copied: 0,
    skipped: 0,
    bytesTransferred: 0,
    destinationIndex: 'none',
  };
  let bytesMoved = 0;
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
    ...(referrers ? { referrers } : {}),
  });

  /** Makes blobs exist in the destination, each once per job; `count` hears what happened to each. */
  const moveBlobs = (
    list: Descriptor[],
    count: (outcome: BlobOutcome, blob: Descriptor) => void,
    of?: 'referrers',
  ) =>
    runPool(list, options.concurrency, async (blob) => {
      checkCancelled(signal);
      const key = `${to.registry}/${to.repository}@${blob.digest}`;
      let work = options.blobWork.get(key);
      const isMine = !work;
      if (!work) {
        const item = context.item(blob.digest, {
          label: `blob ${blob.digest.slice(7, 19)}`,
          kind: 'blob',
          bytesTotal: blob.size,
          ...(of ? { of } : {}),
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
      if (isMine) count(outcome, blob);
    });

  // Nothing to write for the image when the destination tag already names this exact manifest.
  const existing = await headManifest(client, imageAt(to, tag ?? plan.digest), signal).catch(
    (error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    },
  );
  const unchanged = existing?.digest === plan.digest;
  if (unchanged) {
    context
      .item(`tag:${tag ?? plan.digest}`, { label: `${to.repository}:${tag ?? plan.digest}`, kind: 'tag' })
      .setState('skipped', 'already identical');
    if (!referrerPlan?.referrers.length) return summary(true, 0);
  }

  if (!unchanged) {
    const moving: Descriptor[] = plan.blobs.filter((blob) => {
      if (!isForeignLayer(blob)) return true;
      blobs.foreign++;
      return false;
    });
    await moveBlobs(moving, (outcome, blob) => {
      if (outcome === 'transferred') {
        blobs.transferred++;
        bytesMoved += blob.size;
      } else blobs[outcome]++;
    });
  }
  if (referrerPlan) {
    const seen = new Set<string>();
    const referrerBlobs = referrerPlan.referrers
      .flatMap((referrer) => referrer.blobs)
      .filter((blob) => !isForeignLayer(blob) && !seen.has(blob.digest) && seen.add(blob.digest));
    await moveBlobs(
      referrerBlobs,
      (outcome, blob) => {
        if (outcome === 'transferred') referrers!.bytesTransferred += blob.size;
      },
      'referrers',
    );
  }

  // Children by digest (no stray tags), then referrers by digest and their index, then the top
  // manifest: byte-identical, so digests match, and the tag appears only once everything else is there.
  checkCancelled(signal);
  const pushed: string[] = [];
  const indexWrites: IndexUndo[] = [];
  const locks = deps.locksDir ? { dir: deps.locksDir } : undefined;
  let manifests = 0;
  // The manifest being pushed: marked failed when its push fails, so it gets its line like a blob.
  let current: ItemHandle | undefined;
  try {
    for (const child of unchanged ? [] : plan.children) {
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
      pushed.push(child.digest);
      manifests++;
      item.setState('done');
      current = undefined;
    }
    if (referrerPlan && referrers) {
      let kept: 'api' | undefined;
      for (const referrer of referrerPlan.referrers) {
        checkCancelled(signal);
        const item = context.item(`referrer:${referrer.digest}`, {
          label: referrerLabel(referrer),
          kind: 'referrer',
        });
        current = item;
        const present = await headManifest(client, imageAt(to, referrer.digest), signal).catch(
          () => undefined,
        );
        if (present) {
          referrers.skipped++;
          item.setState('skipped', 'already in the destination');
          current = undefined;
          continue;
        }
        item.setState('transferring');
        const answer = await putManifestAnswer(
          client,
          imageAt(to, referrer.digest),
          { bytes: referrer.bytes, mediaType: referrer.mediaType },
          signal,
        );
        pushed.push(referrer.digest);
        if (answer.subject) kept = 'api';
        referrers.copied++;
        item.setState('done');
        current = undefined;
      }
      // A destination that said nothing (every referrer was there already) is asked once.
      if (!kept && !referrers.copied && referrerPlan.referrers[0]) {
        const listed = await listReferrers(client, imageAt(to, referrerPlan.referrers[0].subject), {
          signal,
        });
        if (listed.source === 'api') kept = 'api';
      }
      referrers.destinationIndex = kept ?? 'tag-schema';
      if (!kept) {
        const bySubject = new Map<string, Descriptor[]>();
        for (const referrer of referrerPlan.referrers)
          bySubject.set(referrer.subject, [...(bySubject.get(referrer.subject) ?? []), referrer.descriptor]);
        for (const [subject, entries] of bySubject) {
          checkCancelled(signal);
          const undo = await addToTagSchemaIndex(client, to, subject, entries, signal, locks);
          if (undo) indexWrites.push(undo);
        }
      }
    }
    if (unchanged) return summary(true, 0);
    checkCancelled(signal);
    const top = context.item(`manifest:${plan.digest}`, {
      label: `manifest ${tag ?? plan.digest.slice(7, 19)}`,
      kind: 'manifest',
    });
    current = top;
    top.setState('transferring');
    const pushedTop = await putManifest(client, imageAt(to, tag ?? plan.digest), plan.top, signal);
    if (pushedTop !== plan.digest)
      throw new DigestMismatchError(to.registry, plan.digest, pushedTop, `copied manifest ${to.repository}`);
    manifests++;
    top.setState('done');
  } catch (error) {
    const cancelled = signal.aborted || error instanceof CancelledError;
    current?.setState(
      'failed',
      cancelled ? 'cancelled' : error instanceof Error ? error.message : String(error),
    );
    // Leave nothing half-copied behind: indexes go back as they were, and the manifests this copy
    // pushed (children, referrers) go again, newest first (best effort).
    for (const undo of indexWrites.reverse()) await undoIndexWrite(client, to, undo, locks);
    for (const digest of pushed.reverse()) await deleteManifestQuietly(client, imageAt(to, digest));
    throw error;
  }
  return summary(false, manifests);
}

/** `signature 3f2a9c81d0e4`: what the referrer is and which, for its line in the job. */
function referrerLabel(referrer: PlannedReferrer): string {
  const kind = referrerKind(referrer.descriptor);
  return `${kind === 'SBOM' ? kind : kind.toLowerCase()} ${referrer.digest.slice(7, 19)}`;
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
      referrers: input.referrers,
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
  /** Bring each tag's referrers along (as CopyInput.referrers). */
  referrers?: boolean;
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
  // Referrers several tags share (the same image under two tags) are counted once.
  const counted = new Set<string>();
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
        referrers: input.referrers,
      });
      (summary.unchanged ? result.tags.unchanged : result.tags.copied).push(tag);
      result.bytesTransferred += summary.bytesTransferred;
      for (const key of Object.keys(result.blobs) as (keyof SyncSummary['blobs'])[])
        result.blobs[key] += summary.blobs[key];
      if (summary.referrers)
        result.referrers = addReferrers(result.referrers, summary.referrers, summary.digest, counted);
    }
  } finally {
    await deps.blobCache?.save().catch(() => undefined);
  }
  result.seconds = (Date.now() - started) / 1000;
  return result;
}

/** A sync's referrers so far plus one tag's, the kinds and bytes of an image already counted left out. */
function addReferrers(
  total: ReferrersCopied | undefined,
  tag: ReferrersCopied,
  image: string,
  counted: Set<string>,
): ReferrersCopied {
  const sum: ReferrersCopied = total ?? {
    count: 0,
    bytes: 0,
    kinds: {},
    copied: 0,
    skipped: 0,
    bytesTransferred: 0,
    destinationIndex: tag.destinationIndex,
  };
  sum.copied += tag.copied;
  sum.bytesTransferred += tag.bytesTransferred;
  if (tag.destinationIndex !== 'none') sum.destinationIndex = tag.destinationIndex;
  if (counted.has(image)) return sum;
  counted.add(image);
  sum.count += tag.count;
  sum.bytes += tag.bytes;
  sum.skipped += tag.skipped;
  for (const [kind, n] of Object.entries(tag.kinds)) sum.kinds[kind] = (sum.kinds[kind] ?? 0) + n;
  return sum;
}

export function isCopyError(error: unknown): error is BerthError {
  return error instanceof BerthError;
}
