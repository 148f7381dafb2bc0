import type { Readable } from 'node:stream';
import type { RepositoryLocation } from '../../../shared/location.js';
import type { Descriptor } from '../../../shared/manifest.js';
import type { ItemHandle } from '../jobs/index.js';
import {
  cancelUpload,
  completeUpload,
  headBlob,
  openBlob,
  startUpload,
  type UploadSession,
  type BufferPool,
  uploadStreamInChunks,
  type RegistryClient,
  AuthError,
  DeniedError,
  DigestMismatchError,
  NetworkError,
  TooLargeError,
} from '../registry/index.js';
import { BerthError, CancelledError } from '../errors.js';
import type { BlobLocationCache } from './blob-cache.js';

export type BlobOutcome = 'skipped' | 'mounted' | 'transferred';

/**
 * Bytes of a blob from somewhere other than a registry (a file in an archive): opened afresh for each try
 * (a streamed PUT refused, then chunks), each stream verified against the blob's digest and size and
 * counting its bytes through `onBytes`.
 */
export interface BlobStreamSource {
  open(
    blob: Descriptor,
    options: { signal: AbortSignal; onBytes: (bytes: number) => void },
  ): Promise<Readable>;
}

/** Where a blob is copied from (a repository, or a source that opens streams) and to. */
export interface BlobRoute {
  source: RepositoryLocation | BlobStreamSource;
  destination: RepositoryLocation;
}

function isStreamSource(source: BlobRoute['source']): source is BlobStreamSource {
  return 'open' in source;
}

/**
 * How a blob's bytes go up. `streamed`: the whole blob in the body of the one PUT that closes the session
 * (OCI "monolithic"), read from the source as it is sent, so a blob costs a POST and a PUT. `chunked`:
 * whole 4 MiB buffers, one PATCH each (uploadStreamInChunks), for a registry that refuses the one PUT.
 */
export type UploadStyle = 'streamed' | 'chunked';

export interface TransferDeps {
  client: RegistryClient;
  blobCache?: BlobLocationCache;
  signal: AbortSignal;
  pool?: BufferPool;
  /** Default `streamed`, falling back to `chunked` where that fails; `chunked` skips the streamed try. */
  uploadStyle?: UploadStyle;
}

/**
 * Registries (per client) that refused a streamed upload with an answer rather than a cut connection:
 * their later blobs go chunked at once instead of sending the bytes twice.
 */
const chunkedOnly = new WeakMap<RegistryClient, Set<string>>();

function prefersChunks(deps: TransferDeps, registry: string): boolean {
  return deps.uploadStyle === 'chunked' || (chunkedOnly.get(deps.client)?.has(registry) ?? false);
}

/**
 * Statuses that say "not now" rather than "not this way" (a timeout, a rate limit, a gateway or a
 * registry that is down for a moment): the blob is sent again in chunks, but the registry is not
 * remembered as one that refuses streamed uploads (the app's client lives as long as the app).
 */
const PASSING_STATUSES = new Set([408, 429, 502, 503, 504]);

/** An answer (a status), not a cut connection or a source that failed: the registry wants chunks. */
function refusesStreamedUpload(error: unknown): boolean {
  return (
    error instanceof BerthError &&
    error.status !== undefined &&
    error.status >= 400 &&
    error.status < 600 &&
    !PASSING_STATUSES.has(error.status) &&
    !(error instanceof AuthError || error instanceof DeniedError)
  );
}

/** Repositories of the destination registry a blob can be mounted from, best first. */
async function mountCandidates(
  deps: TransferDeps,
  { source, destination }: BlobRoute,
  digest: string,
): Promise<string[]> {
  const candidates: string[] = [];
  if (
    !isStreamSource(source) &&
    source.registry === destination.registry &&
    source.repository !== destination.repository
  )
    candidates.push(source.repository);
  for (const repository of (await deps.blobCache?.repositoriesWith(destination.registry, digest)) ?? []) {
    if (repository !== destination.repository && !candidates.includes(repository))
      candidates.push(repository);
  }
  return candidates.slice(0, 3);
}

/**
 * Opens an upload in the destination, mounting the blob from a sibling repository when one may hold it.
 * A refused mount (202) is an ordinary upload session: the last one is kept for the upload, earlier
 * ones are deleted. A token that may not read the source repository (401/403) means: no mount.
 */
async function openUpload(
  deps: TransferDeps,
  destination: RepositoryLocation,
  digest: string,
  candidates: string[],
): Promise<{ mounted: true; from: string } | { mounted: false; session: UploadSession }> {
  // The POSTs get no AbortSignal: a cancel that cut one off after the registry opened the session
  // would leave a session nobody knows the Location of. They finish, and then the cancel is honoured.
  const cancelIfAborted = async (session: UploadSession) => {
    if (!deps.signal.aborted) return;
    await cancelUpload(deps.client, destination, session);
    throw new CancelledError('copy cancelled');
  };
  for (const from of candidates) {
    try {
      const started = await startUpload(deps.client, destination, { mount: { digest, from } });
      if (started.mounted) return { mounted: true, from };
      await cancelIfAborted(started.session);
      await cancelUpload(deps.client, destination, started.session);
    } catch (error) {
      if (!(error instanceof AuthError || error instanceof DeniedError)) throw error;
    }
  }
  const started = await startUpload(deps.client, destination);
  if (started.mounted) return { mounted: true, from: destination.repository };
  await cancelIfAborted(started.session);
  return started;
}

/**
 * Makes one blob exist in the destination repository: skip it if there, mount it if possible,
 * otherwise stream it GET → PUT, verified on the fly (sha256 and size), never held in memory.
 * Open upload sessions are deleted on any failure or cancel.
 */
export async function transferBlob(
  deps: TransferDeps,
  route: BlobRoute,
  blob: Descriptor,
  item: ItemHandle,
): Promise<BlobOutcome> {
  try {
    return await moveBlob(deps, route, blob, item);
  } catch (error) {
    // Whatever step failed (the check, the upload's POST, a retry's), the item says so: a blob left
    // "checking" or "transferring" would get no line off a terminal and a live state in the app.
    const cancelled = deps.signal.aborted || error instanceof CancelledError;
    item.setState('failed', cancelled ? 'cancelled' : failureNote(error));
    throw error;
  }
}

function failureNote(error: unknown): string {
  return error instanceof BerthError ? error.message : String(error);
}

async function moveBlob(
  deps: TransferDeps,
  route: BlobRoute,
  blob: Descriptor,
  item: ItemHandle,
): Promise<BlobOutcome> {
  const { source, destination } = route;
  item.setState('checking');
  if ((await headBlob(deps.client, destination, blob.digest, deps.signal)) !== undefined) {
    item.setState('skipped', 'already in the destination');
    await deps.blobCache?.record(destination, blob.digest);
    return 'skipped';
  }
  const candidates = await mountCandidates(deps, route, blob.digest);
  // A blob goes up streamed first. When that fails the session is abandoned (deleted where the registry
  // allows it: Distribution refuses to touch an upload whose body broke off, and purges it later) and the
  // blob starts again in a new session, in whole chunks: a session is never resumed after a broken body.
  // A chunked upload cut by the network restarts once more, as before.
  let style: UploadStyle = prefersChunks(deps, destination.registry) ? 'chunked' : 'streamed';
  for (let chunkedAttempts = 0; ;) {
    if (style === 'chunked') chunkedAttempts++;
    const opened = await openUpload(deps, destination, blob.digest, candidates);
    if (opened.mounted) {
      item.setState('mounted', `mounted from ${opened.from}`);
      await deps.blobCache?.record(destination, blob.digest);
      return 'mounted';
    }
    let stream: Readable | undefined;
    // The destination answered the streamed PUT with a refusal while the source was still healthy; an
    // error status from the source (its GET, a resumed Range) says nothing of how the destination
    // takes uploads.
    let refusedByDestination = false;
    try {
      item.setState('transferring');
      const onBytes = (bytes: number) => item.addBytes(bytes);
      stream = isStreamSource(source)
        ? await source.open(blob, { signal: deps.signal, onBytes })
        : (
            await openBlob(deps.client, source, blob.digest, {
              size: blob.size,
              signal: deps.signal,
              onBytes,
            })
          ).stream;
      const body = stream;
      if (style === 'streamed')
        await completeUpload(deps.client, destination, opened.session, {
          digest: blob.digest,
          body,
          size: blob.size,
          signal: deps.signal,
        }).catch((error: unknown) => {
          refusedByDestination = !body.errored && refusesStreamedUpload(error);
          throw error;
        });
      else
        await uploadStreamInChunks(deps.client, destination, opened.session, {
          digest: blob.digest,
          stream,
          signal: deps.signal,
          pool: deps.pool,
        });
      item.setState('done');
      await deps.blobCache?.record(destination, blob.digest);
      if (!isStreamSource(source)) await deps.blobCache?.record(source, blob.digest);
      return 'transferred';
    } catch (error) {
      // The upload stopped reading: the source download goes with it, or it holds its connection.
      stream?.destroy();
      await cancelUpload(deps.client, destination, opened.session);
      if (deps.signal.aborted || error instanceof CancelledError) throw error;
      // Bytes that are not the blob fail the copy whatever the upload style.
      if (error instanceof DigestMismatchError || error instanceof TooLargeError) throw error;
      if (style === 'streamed' && !(error instanceof AuthError || error instanceof DeniedError)) {
        if (refusedByDestination) {
          const refused = chunkedOnly.get(deps.client) ?? new Set<string>();
          refused.add(destination.registry);
          chunkedOnly.set(deps.client, refused);
        }
        style = 'chunked';
        item.resetBytes();
        continue;
      }
      if (chunkedAttempts < 2 && error instanceof NetworkError) {
        item.resetBytes();
        continue;
      }
      throw error;
    }
  }
}
