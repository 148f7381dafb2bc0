// Referrers that travel with their image: signatures (cosign, Notation), SBOMs and attestations, i.e.
// manifests whose `subject` is the image, one of its platforms, or another referrer (a signature of an
// SBOM). Read through the source's Referrers API or the `sha256-<hex>` tag schema (registry/referrers.ts);
// written by digest, byte for byte, so every digest and every signature over one stays the same; where
// the destination keeps no referrers index of its own (no `OCI-Subject` on the PUT), the tag-schema index
// is maintained as distribution-spec v1.1 "Pushing Manifests with Subject" describes.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ReferrerCounts, ReferrersPreview } from '../../../shared/jobs.js';
import { imageAt, type RepositoryLocation } from '../../../shared/location.js';
import type { Descriptor, ImageIndex, ImageManifest } from '../../../shared/manifest.js';
import { manifestKind, MediaType } from '../../../shared/media-types.js';
import { isDockerHubHost } from '../../../shared/reference.js';
import { BerthError } from '../errors.js';
import { withFileLock } from '../files/index.js';
import {
  getManifest,
  listReferrers,
  NotFoundError,
  ProtocolError,
  putManifest,
  referrersTag,
  type ManifestResult,
  type RegistryClient,
} from '../registry/index.js';
import { deleteManifestQuietly } from './cleanup.js';
import type { CopyPlan } from './plan.js';

/**
 * A signed image has a few referrers, one signed on every deploy a few hundred; a signature of an SBOM
 * is two levels deep. Past these a registry is looping or flooding, and the copy stops with an error.
 */
export const REFERRER_LIMITS = { maxCount: 1000, maxDepth: 8 };

export interface PlannedReferrer {
  digest: string;
  mediaType: string;
  artifactType: string;
  bytes: Buffer;
  /** The digest it refers to (its `subject`). */
  subject: string;
  /** Its entry in a referrers index (distribution-spec "Listing Referrers"). */
  descriptor: Descriptor;
  blobs: Descriptor[];
}

export interface ReferrerPlan extends ReferrerCounts {
  /** Parents before children: a referrer comes after what it refers to. */
  referrers: PlannedReferrer[];
}

/**
 * An error about the source's referrers: `next` says what else to do, after the way to copy the image
 * alone, which the command line and the app say in their own words.
 */
function referrerError(
  code: 'TOO_LARGE' | 'PROTOCOL' | 'UNSUPPORTED',
  source: RepositoryLocation,
  message: string,
  why: string,
  next: string,
): BerthError {
  return new BerthError(code, message, {
    registry: source.registry,
    hint: `${why} Copy without --referrers to copy the image alone${next}`,
    appHint: `${why} Untick "Copy signatures and attestations" to copy the image alone${next}`,
  });
}

/** The digests whose referrers travel with a copy: the image's (unless a new index replaces it), its platforms'. */
export function referrerSubjects(plan: CopyPlan): string[] {
  return [...(plan.newIndex ? [] : [plan.sourceDigest]), ...plan.children.map((child) => child.digest)];
}

/**
 * Finds the referrers of `subjects` in `source`, and theirs, breadth first. Each is read once by digest
 * (verified) and must name the manifest it was listed under as its `subject`. A referrer listed under one
 * of its own descendants is a loop, and more than `maxCount` referrers or `maxDepth` levels is an error.
 */
export async function planReferrers(
  client: RegistryClient,
  source: RepositoryLocation,
  subjects: readonly string[],
  signal?: AbortSignal,
  limits: { maxCount: number; maxDepth: number } = REFERRER_LIMITS,
): Promise<ReferrerPlan> {
  const planned: PlannedReferrer[] = [];
  const seen = new Set<string>(subjects);
  // Each subject with the chain of digests that led to it, to tell a loop from two paths to one referrer.
  let level: Array<{ digest: string; chain: string[] }> = subjects.map((digest) => ({
    digest,
    chain: [digest],
  }));
  for (let depth = 1; level.length; depth++) {
    const next: typeof level = [];
    for (const { digest: subject, chain } of level) {
      const { referrers } = await listReferrers(client, imageAt(source, subject), { signal });
      // A flood is refused from its listing, before thousands of manifests are read.
      const fresh = new Set(referrers.map((d) => d.digest).filter((digest) => !seen.has(digest)));
      if (planned.length + fresh.size > limits.maxCount)
        throw referrerError(
          'TOO_LARGE',
          source,
          `${source.registry}: ${source.repository}@${subjects[0] ?? ''} has more than ${limits.maxCount} referrers, more than a copy brings along`,
          'No real image is signed this often: the registry is likely broken or hostile.',
          ', then copy the signatures you need by digest.',
        );
      for (const descriptor of referrers) {
        if (chain.includes(descriptor.digest))
          throw referrerError(
            'PROTOCOL',
            source,
            `${source.registry}: ${source.repository}: the referrers loop: ${[...chain, descriptor.digest].map((d) => d.slice(7, 19)).join(' → ')} refers back to itself`,
            'The registry lists a manifest among the referrers of its own referrer, which no real signature or SBOM can be.',
            ', and report the registry.',
          );
        if (seen.has(descriptor.digest)) continue;
        seen.add(descriptor.digest);
        if (depth > limits.maxDepth)
          throw referrerError(
            'TOO_LARGE',
            source,
            `${source.registry}: the referrers of ${source.repository}@${subjects[0] ?? ''} nest more than ${limits.maxDepth} levels deep`,
            'A signature of an SBOM is two levels: this registry likely lists referrers in a loop.',
            '.',
          );
        const manifest = await getManifest(client, imageAt(source, descriptor.digest), signal);
        planned.push(plannedReferrer(source, subject, manifest));
        next.push({ digest: descriptor.digest, chain: [...chain, descriptor.digest] });
      }
    }
    level = next;
  }
  return { referrers: planned, ...countReferrers(planned) };
}

function plannedReferrer(
  source: RepositoryLocation,
  subject: string,
  manifest: ManifestResult,
): PlannedReferrer {
  const json = manifest.json as unknown as Partial<ImageManifest & ImageIndex>;
  if (manifestKind(manifest.mediaType) !== 'image')
    throw referrerError(
      'UNSUPPORTED',
      source,
      `${source.registry}: ${source.repository}@${manifest.digest}: a referrer that is ${manifest.mediaType}, not an image manifest, is not copied`,
      'Berth copies referrers that are image manifests (as signatures, SBOMs and attestations are).',
      ', then copy this one by digest.',
    );
  if (json.subject?.digest !== subject)
    throw referrerError(
      'PROTOCOL',
      source,
      `${source.registry}: ${source.repository}@${manifest.digest} is listed as a referrer of ${subject} but its subject is ${json.subject?.digest ?? 'missing'}`,
      "The registry's referrers listing (or its sha256-… tag) is stale or wrong.",
      ', or fix the listing.',
    );
  // What the registry sent is input: a kind that is not a string (an object, a number) is not shown or
  // written into an index as one; the config's media type, else the manifest's, names it instead.
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' && value ? value : undefined;
  const artifactType = text(json.artifactType) ?? text(json.config?.mediaType) ?? manifest.mediaType;
  const blobs = [json.config, ...(json.layers ?? [])].filter((d): d is Descriptor => Boolean(d?.digest));
  return {
    digest: manifest.digest,
    mediaType: manifest.mediaType,
    artifactType,
    bytes: manifest.bytes,
    subject,
    descriptor: {
      mediaType: manifest.mediaType,
      digest: manifest.digest,
      size: manifest.bytes.length,
      artifactType,
      ...(json.annotations && typeof json.annotations === 'object' && !Array.isArray(json.annotations)
        ? { annotations: json.annotations }
        : {}),
    },
    blobs,
  };
}

/** How many, of which kinds, and their bytes: manifests plus blobs, a blob several share counted once. */
export function countReferrers(referrers: readonly PlannedReferrer[]): ReferrerCounts {
  const kinds: Record<string, number> = {};
  const blobs = new Map<string, number>();
  let bytes = 0;
  for (const referrer of referrers) {
    kinds[referrer.artifactType] = (kinds[referrer.artifactType] ?? 0) + 1;
    bytes += referrer.bytes.length;
    for (const blob of referrer.blobs) blobs.set(blob.digest, blob.size);
  }
  for (const size of blobs.values()) bytes += size;
  return { count: referrers.length, bytes, kinds };
}

/** A preview's view of a plan: the counts and each referrer, or why they could not be read. */
export async function previewReferrers(
  client: RegistryClient,
  source: RepositoryLocation,
  subjects: readonly string[],
  signal?: AbortSignal,
): Promise<ReferrersPreview & { planned: PlannedReferrer[] }> {
  try {
    const plan = await planReferrers(client, source, subjects, signal);
    return {
      count: plan.count,
      bytes: plan.bytes,
      kinds: plan.kinds,
      items: plan.referrers.map((r) => ({
        digest: r.digest,
        artifactType: r.artifactType,
        size: r.descriptor.size + r.blobs.reduce((sum, blob) => sum + blob.size, 0),
        subject: r.subject,
      })),
      planned: plan.referrers,
    };
  } catch (error) {
    if (signal?.aborted || !(error instanceof BerthError)) throw error;
    return { count: 0, bytes: 0, kinds: {}, items: [], planned: [], problem: error.message };
  }
}

/** Several images' referrer previews as one (a sync's): each referrer once, the first problem kept. */
export function mergeReferrerPreviews(
  previews: ReadonlyArray<ReferrersPreview & { planned: PlannedReferrer[] }>,
): ReferrersPreview {
  const byDigest = new Map<string, PlannedReferrer>();
  const items = new Map<string, ReferrersPreview['items'][number]>();
  for (const preview of previews) {
    for (const referrer of preview.planned) byDigest.set(referrer.digest, referrer);
    for (const item of preview.items) items.set(item.digest, item);
  }
  const problem = previews.find((preview) => preview.problem)?.problem;
  return {
    ...countReferrers([...byDigest.values()]),
    items: [...items.values()],
    ...(problem ? { problem } : {}),
  };
}

/** How to undo one tag-schema index write: put the earlier index back, or delete the new one. */
export interface IndexUndo {
  tag: string;
  subject: string;
  previous?: ManifestResult;
  pushed: string;
  /** The entries this write added, by digest: all an undo takes out of an index another writer changed since. */
  added: string[];
}

/** The lock file's name (before `.berth-lock`) for one index: registry, repository and subject, hashed. */
export function indexLockName(destination: RepositoryLocation, subject: string): string {
  // Docker Hub by any of its names is one registry; a host's case is not part of it.
  const registry = isDockerHubHost(destination.registry) ? 'docker.io' : destination.registry.toLowerCase();
  const key = `${registry}/${destination.repository}:${referrersTag(subject)}`;
  return `referrers-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
}

/** How long a copy waits for another Berth writing the same referrers index (a GET and a PUT each). */
export const INDEX_LOCK_WAIT_MS = 60_000;

/**
 * Adds `entries` to the `sha256-<hex>` referrers index of `subject` in `destination`: the index there is
 * read, entries already in it (by digest) are left as they are, foreign ones kept, and the new ones
 * appended (distribution-spec v1.1 "Referrers Tag Schema"). Undefined when nothing was missing.
 *
 * Distribution has no conditional PUT, so two writers that read the same index drop each other's entry.
 * Writers on this machine take turns: in this process by a queue, across processes (the CLI, the app,
 * the browser host) by a lock file in `locksDir` (Berth's data folder), one per registry, repository and
 * subject. A writer elsewhere is only caught by the read-back after the write (three tries).
 */
export async function addToTagSchemaIndex(
  client: RegistryClient,
  destination: RepositoryLocation,
  subject: string,
  entries: readonly Descriptor[],
  signal?: AbortSignal,
  locks?: IndexLocks,
): Promise<IndexUndo | undefined> {
  return inIndexTurn(destination, subject, locks, signal, () =>
    mergeIntoIndex(client, destination, subject, entries, signal),
  );
}

/** Where the lock files of index writes live, and how long to wait for one. */
export interface IndexLocks {
  dir: string;
  waitMs?: number;
}

/** Runs `work` on the index of `subject` when every other writer on this machine is done with it. */
async function inIndexTurn<T>(
  destination: RepositoryLocation,
  subject: string,
  locks: IndexLocks | undefined,
  signal: AbortSignal | undefined,
  work: () => Promise<T>,
): Promise<T> {
  if (locks) {
    await mkdir(locks.dir, { recursive: true });
    const name = indexLockName(destination, subject);
    const waitMs = locks.waitMs ?? INDEX_LOCK_WAIT_MS;
    return withFileLock(path.join(locks.dir, name), work, {
      waitMs,
      signal,
      busy: (pid) =>
        new BerthError(
          'CONFIG',
          `${destination.registry}: ${destination.repository}:${referrersTag(subject)} (the referrers index) is being written by another Berth${pid ? ` (process ${pid})` : ''}; gave up after ${Math.round(waitMs / 1000)} s`,
          {
            registry: destination.registry,
            hint: `Let the other copy or sync finish, then run this one again: it writes only what is missing. If no Berth is running, remove ${path.join(locks.dir, name)}.berth-lock.`,
            appHint:
              'Let the other copy or sync finish (in the app or in a terminal), then copy again: only what is missing is written.',
          },
        ),
    });
  }
  // No data folder (a test's bare copy): copies in this process still take turns.
  const key = `${destination.registry}/${destination.repository}:${referrersTag(subject)}`;
  const before = indexTurns.get(key) ?? Promise.resolve();
  const mine = before.then(work);
  const settled = mine.then(
    () => undefined,
    () => undefined,
  );
  indexTurns.set(key, settled);
  try {
    return await mine;
  } finally {
    if (indexTurns.get(key) === settled) indexTurns.delete(key);
  }
}

/** The index writes under way in this process, by registry, repository and tag: each waits for the last. */
const indexTurns = new Map<string, Promise<void>>();

async function mergeIntoIndex(
  client: RegistryClient,
  destination: RepositoryLocation,
  subject: string,
  entries: readonly Descriptor[],
  signal?: AbortSignal,
): Promise<IndexUndo | undefined> {
  const tag = referrersTag(subject);
  const at = imageAt(destination, tag);
  let undo: IndexUndo | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await getManifest(client, at, signal).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
    const garbled =
      existing !== undefined &&
      existing.mediaType === MediaType.ociIndex &&
      !isDescriptorList((existing.json as Partial<ImageIndex>).manifests);
    if (existing && (existing.mediaType !== MediaType.ociIndex || garbled))
      throw new ProtocolError(
        destination.registry,
        `${destination.repository}:${tag} is ${garbled ? 'an index of entries that are not descriptors' : existing.mediaType}, not a referrers index; Berth leaves it alone`,
        {
          hint: 'That tag is reserved for the referrers of the image (OCI tag schema). Move what is there to another tag, then copy again.',
        },
      );
    const index: ImageIndex = existing
      ? (existing.json as unknown as ImageIndex)
      : { schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: [] };
    const listed = Array.isArray(index.manifests) ? index.manifests : [];
    const have = new Set(listed.map((entry) => entry.digest));
    const missing = entries.filter((entry) => !have.has(entry.digest));
    if (!missing.length) return undo;
    const bytes = Buffer.from(JSON.stringify({ ...index, manifests: [...listed, ...missing] }));
    const pushed = await putManifest(client, at, { bytes, mediaType: MediaType.ociIndex }, signal);
    undo ??= { tag, subject, previous: existing, pushed, added: [] };
    undo.pushed = pushed;
    undo.added.push(...missing.map((entry) => entry.digest));
  }
  throw new ProtocolError(
    destination.registry,
    `${destination.repository}:${tag} kept changing while Berth added referrers to it`,
    { hint: 'Another copy writes the same referrers index: wait for it to finish, then copy again.' },
  );
}

/** A referrers index's list as it must be to add to it: absent, or every entry a descriptor with a digest. */
function isDescriptorList(list: unknown): boolean {
  return (
    list === undefined ||
    (Array.isArray(list) &&
      list.every(
        (entry: unknown) =>
          typeof entry === 'object' && entry !== null && typeof (entry as Descriptor).digest === 'string',
      ))
  );
}

/**
 * Takes a copy's entries back out of an index (best effort, like the rest of a copy's clean-up), in its
 * turn like a write. Unchanged since: put back as it was, byte for byte (or the new one deleted). Another
 * writer changed it since: only this copy's entries come out, theirs stay.
 */
export async function undoIndexWrite(
  client: RegistryClient,
  destination: RepositoryLocation,
  undo: IndexUndo,
  locks?: IndexLocks,
): Promise<void> {
  const at = imageAt(destination, undo.tag);
  try {
    await inIndexTurn(destination, undo.subject, locks, undefined, async () => {
      const current = await getManifest(client, at).catch(() => undefined);
      if (current && current.digest !== undo.pushed) {
        if (current.mediaType !== MediaType.ociIndex) return;
        const index = current.json as unknown as ImageIndex;
        const listed = Array.isArray(index.manifests) ? index.manifests : [];
        const added = new Set(undo.added);
        const kept = listed.filter((entry) => !added.has(entry.digest));
        if (kept.length === listed.length) return;
        const bytes = Buffer.from(JSON.stringify({ ...index, manifests: kept }));
        await putManifest(client, at, { bytes, mediaType: MediaType.ociIndex });
      } else if (undo.previous)
        await putManifest(client, at, { bytes: undo.previous.bytes, mediaType: undo.previous.mediaType });
      else await deleteManifestQuietly(client, imageAt(destination, undo.pushed));
    });
  } catch {
    // Nothing more to do: the index lists referrers that may be missing, which readers skip.
  }
}
