// The storage job: lists a registry's repositories (or takes one), reads every tag's manifests once per
// digest through a UsageReader, and counts bytes per repository, shared bytes, the largest images and, for
// a registry of the user's own, untagged manifests, its disk and what a garbage collection would free.
import { forEachBounded } from '../../../shared/bounded.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { repositoryAt } from '../../../shared/location.js';
import type { OwnStorage, StorageReport, UntaggedManifests } from '../../../shared/storage.js';
import { MAX_REPORTED_UNTAGGED } from '../../../shared/storage.js';
import { BerthError, CancelledError } from '../errors.js';
import type { JobContext } from '../jobs/index.js';
import { ListingLimitError, type ListLimits } from '../registry/index.js';
import { repositoryListing, tagListing, type ListingServices } from '../vendors/index.js';
import { countFigures, type Figures } from './figures.js';
import { blobSizeOnDisk, collectableBlobs, collectableManifests, manifestRevisions } from './own-disk.js';
import { UsageReader, type RepositoryUsage } from './usage.js';

export interface StorageInput {
  /** The registry host. */
  registry: string;
  /** Only this repository. */
  repository?: string;
  /** Tags read at once per repository (default 4). */
  concurrency?: number;
  /** Repositories scanned at most; the rest is left out with a note. */
  maxRepositories?: number;
  /** Overrides the listing caps (tests of an endless listing). */
  listLimits?: Partial<ListLimits>;
}

/** A registry of the user's own, as far as a scan reads it. */
export interface OwnRegistryAccess {
  server: string;
  storageDir: string;
  /** Every file under the storage folder, within a budget. */
  diskUse(): Promise<{ bytes: number; isComplete: boolean }>;
  /** Blob files (layers, configs, manifests), within a budget. */
  blobUse(): Promise<{ bytes: number; isComplete: boolean }>;
  /** The output of `registry garbage-collect --dry-run [--delete-untagged]`. */
  gcDryRun(deleteUntagged: boolean): Promise<string>;
  /** Set for a pull-through cache: the upstream it caches (its tags and manifests are the upstream's). */
  cacheOf?: string;
}

export interface StorageDeps {
  listing: ListingServices;
  /** The registry of the user's own served at `host`, if it is one. */
  ownRegistry(host: string): Promise<OwnRegistryAccess | undefined>;
}

const DEFAULT_CONCURRENCY = 4;
/** Repositories read at once. */
const REPOSITORIES_AT_ONCE = 8;
/** A scan of more repositories than this stops listing and says so; the figures are for those read. */
export const MAX_SCANNED_REPOSITORIES = 20_000;
/** How far the walk of manifest revisions and the stat of blob files go. */
const DISK_BUDGET = { maxEntries: 500_000, ms: 60_000 };
/** Blob files checked against the sizes manifests declare. */
const MAX_SIZE_CHECKS = 100_000;
const MAX_REPORTED_MISMATCHES = 100;
/** Repositories shown one line each in the job; a larger scan shows its count only (20,000 lines would swamp every progress event). */
const MAX_REPOSITORY_ITEMS = 300;
/** A repository of at least this many tags shows how many of them are read (every TAG_PROGRESS_EVERY). */
const TAG_PROGRESS_FROM = 200;
const TAG_PROGRESS_EVERY = 50;

const count = (value: number) => value.toLocaleString('en-US');

export async function scanStorage(
  deps: StorageDeps,
  input: StorageInput,
  context: JobContext,
): Promise<StorageReport> {
  const started = Date.now();
  const { signal } = context;
  const host = input.registry;
  const concurrency = input.concurrency ?? DEFAULT_CONCURRENCY;
  const notes: string[] = [];
  const listed = context.item('listing', {
    label: input.repository ? `repository ${input.repository}` : 'repository listing',
    kind: 'repository',
    state: 'checking',
  });
  // A pull-through cache answers tag lists and manifests with its upstream's: reading them would fetch every
  // upstream tag through it (Docker Hub's rate limit) and count what the upstream holds. Only its storage
  // folder says what it holds.
  const cache = await deps.ownRegistry(host).then((own) => (own?.cacheOf ? own : undefined));
  if (cache)
    notes.push(
      `${cache.server} is a pull-through cache of ${cache.cacheOf}: its tags are the upstream's, and reading them would fetch each one from there, so only what its storage folder holds is counted (on disk); its card in Your registries and berth server show ${cache.server} name the repositories it holds`,
    );
  const names = cache
    ? []
    : input.repository
      ? [input.repository]
      : await listRepositories(deps.listing, host, input, signal, notes);
  listed.setState('done', `${names.length} ${names.length === 1 ? 'repository' : 'repositories'}`);

  const reader = new UsageReader(deps.listing.client, { signal, concurrency });
  const usages: RepositoryUsage[] = new Array(names.length);
  const listingErrors = new Map<string, ErrorInfo>();
  // The scan's progress is one item counting repositories (its "bytes" are repositories, as the Storage
  // view and Transfers read a storage job); a line per repository only where that stays a short list.
  const progress = context.item('repositories', {
    label: `${names.length} ${names.length === 1 ? 'repository' : 'repositories'}`,
    kind: 'repository',
    state: 'checking',
    bytesTotal: names.length,
    note: `0 of ${names.length} counted`,
  });
  const hasLines = names.length <= MAX_REPOSITORY_ITEMS;
  const lineOf = (name: string) =>
    context.item(`repository:${name}`, { label: name, kind: 'repository', state: 'waiting' });
  if (hasLines) for (const name of names) lineOf(name);
  let counted = 0;
  // Most repositories hold a few tags: more of them at once hides each one's round trips, while at most
  // REPOSITORIES_AT_ONCE × `concurrency` manifest reads are ever in flight.
  await forEachBounded(names, REPOSITORIES_AT_ONCE, async (name, index) => {
    throwIfCancelled(signal);
    const line = hasLines ? lineOf(name) : undefined;
    line?.setState('checking');
    const repository = repositoryAt(host, name);
    try {
      const tags = await listTags(deps.listing, repository, input, signal, notes);
      // A repository of many tags reads for minutes: its line counts them, so the scan is seen moving.
      const tagLine = tags.length >= TAG_PROGRESS_FROM ? (line ?? lineOf(name)) : undefined;
      tagLine?.setState('checking', `0 of ${count(tags.length)} tags read`);
      usages[index] = await reader.repository(repository, tags, (read) => {
        if (read.tagsDone % TAG_PROGRESS_EVERY === 0 && read.tagsDone < read.tagsTotal)
          tagLine?.setState('checking', `${count(read.tagsDone)} of ${count(read.tagsTotal)} tags read`);
      });
      const failed = usages[index].tags.filter((tag) => 'error' in tag).length;
      const note = `${tags.length} ${tags.length === 1 ? 'tag' : 'tags'}${failed ? `, ${failed} could not be read` : ''}`;
      if (failed) (line ?? lineOf(name)).setState('failed', note);
      else (line ?? tagLine)?.setState('done', note);
    } catch (error) {
      if (signal.aborted || error instanceof CancelledError) {
        line?.setState('failed', 'cancelled');
        throw new CancelledError('storage scan cancelled');
      }
      const info = errorInfo(error);
      listingErrors.set(name, info);
      usages[index] = { repository, tags: [] };
      (line ?? lineOf(name)).setState('failed', info.message);
    }
    counted++;
    progress.addBytes(1);
    if (counted === names.length) progress.setState('done', `${counted} counted`);
    else progress.setState('checking', `${counted} of ${names.length} counted`);
  });
  if (names.length === 0) progress.setState('done', 'nothing to count');
  throwIfCancelled(signal);

  const figures = countFigures(await reader.known(host), usages);
  for (const repository of figures.repositories) {
    const error = listingErrors.get(repository.name);
    if (error) repository.error = error;
  }
  if (listingErrors.size)
    notes.push(
      `${listingErrors.size} ${listingErrors.size === 1 ? 'repository' : 'repositories'} could not be listed and count as empty`,
    );
  const tagsFailed = figures.repositories.reduce((sum, repository) => sum + repository.failedTagCount, 0);
  if (tagsFailed)
    notes.push(
      `${tagsFailed} ${tagsFailed === 1 ? 'tag' : 'tags'} could not be read (deleted meanwhile, or refused) and are left out`,
    );

  const own = await deps.ownRegistry(host);
  let untagged: UntaggedManifests = {
    isKnown: false,
    reason: 'not known through the registry API: only a registry of your own shows its untagged manifests',
  };
  let ownStorage: OwnStorage | undefined;
  if (own) {
    const disk = context.item('disk', { label: 'storage folder', kind: 'repository', state: 'checking' });
    untagged = await findUntagged(own, figures, notes);
    throwIfCancelled(signal);
    ownStorage = await readOwnStorage(own, figures, signal);
    if (ownStorage.gcError) notes.push(`garbage collection dry run: ${ownStorage.gcError.message}`);
    const mismatches = ownStorage.sizeMismatches.length;
    if (mismatches)
      notes.push(
        `${mismatches} ${mismatches === 1 ? 'layer or config is' : 'layers or configs are'} a different size on disk than the images say: the images' figures are counted`,
      );
    disk.setState(
      'done',
      ownStorage.gcError
        ? 'counted; no garbage collection estimate'
        : 'counted, garbage collection estimated',
    );
  }

  return {
    registry: host,
    ...(input.repository ? { repository: input.repository } : {}),
    totalBytes: figures.totalBytes,
    // One repository shares with none scanned beside it: what its tags share is what counts there.
    sharedBytes: input.repository ? figures.tagSharedBytes : figures.sharedBytes,
    repositories: figures.repositories,
    largest: figures.largest,
    untagged,
    ...(ownStorage ? { own: ownStorage } : {}),
    manifestsRead: reader.manifestsRead,
    tagsCounted: figures.repositories.reduce((sum, repository) => sum + repository.tags.length, 0),
    tagsFailed,
    notes,
    seconds: (Date.now() - started) / 1000,
  };
}

async function listRepositories(
  listing: ListingServices,
  host: string,
  input: StorageInput,
  signal: AbortSignal,
  notes: string[],
): Promise<string[]> {
  const max = input.maxRepositories ?? MAX_SCANNED_REPOSITORIES;
  const names: string[] = [];
  try {
    for await (const page of repositoryListing(listing, host, {
      signal,
      ...(input.listLimits ? { limits: input.listLimits } : {}),
    })) {
      for (const repository of page) {
        if (names.length >= max) {
          notes.push(
            `stopped listing at ${max.toLocaleString('en-US')} repositories: the figures are for those, the rest is not counted`,
          );
          return names;
        }
        names.push(repository.name);
      }
    }
  } catch (error) {
    if (signal.aborted) throw new CancelledError('storage scan cancelled');
    if (!(error instanceof ListingLimitError) || names.length === 0) throw error;
    notes.push(
      `${error.message}; the figures are for the ${names.length.toLocaleString('en-US')} repositories listed before it`,
    );
  }
  return names;
}

async function listTags(
  listing: ListingServices,
  repository: ReturnType<typeof repositoryAt>,
  input: StorageInput,
  signal: AbortSignal,
  notes: string[],
): Promise<string[]> {
  const tags: string[] = [];
  try {
    for await (const page of tagListing(listing, repository, {
      signal,
      ...(input.listLimits ? { limits: input.listLimits } : {}),
    }))
      for (const tag of page) tags.push(tag.tag);
  } catch (error) {
    if (!(error instanceof ListingLimitError) || tags.length === 0) throw error;
    notes.push(
      `${error.message}; ${repository.repository} counts its first ${tags.length.toLocaleString('en-US')} tags`,
    );
  }
  return tags;
}

/** Manifest revisions in the storage folder that no scanned tag reaches. */
async function findUntagged(
  own: OwnRegistryAccess,
  figures: Figures,
  notes: string[],
): Promise<UntaggedManifests> {
  const budget = { maxEntries: DISK_BUDGET.maxEntries, deadline: Date.now() + DISK_BUDGET.ms };
  const seen = { entries: 0 };
  const manifests: { repository: string; digest: string; bytes: number }[] = [];
  let count = 0;
  let bytes = 0;
  for (const [repository, reached] of figures.byRepository) {
    const revisions = await manifestRevisions(own.storageDir, repository, budget, seen);
    if (!revisions) continue;
    for (const digest of revisions.digests) {
      if (reached.has(digest)) continue;
      const size = (await blobSizeOnDisk(own.storageDir, digest)) ?? 0;
      count++;
      bytes += size;
      if (manifests.length < MAX_REPORTED_UNTAGGED) manifests.push({ repository, digest, bytes: size });
    }
    if (!revisions.isComplete) {
      notes.push(
        'the storage folder is too large to look for every untagged manifest in time: those found are shown',
      );
      break;
    }
  }
  manifests.sort((a, b) => b.bytes - a.bytes || a.repository.localeCompare(b.repository));
  return { isKnown: true, manifests, count, bytes };
}

async function readOwnStorage(
  own: OwnRegistryAccess,
  figures: Figures,
  signal: AbortSignal,
): Promise<OwnStorage> {
  const disk = await own.diskUse();
  const blobs = await own.blobUse();
  const sizeMismatches: OwnStorage['sizeMismatches'] = [];
  let checked = 0;
  for (const [digest, declared] of figures.reached) {
    if (++checked > MAX_SIZE_CHECKS || sizeMismatches.length >= MAX_REPORTED_MISMATCHES) break;
    const onDisk = await blobSizeOnDisk(own.storageDir, digest);
    if (onDisk !== undefined && onDisk !== declared) sizeMismatches.push({ digest, declared, onDisk });
  }
  const storage: OwnStorage = {
    server: own.server,
    diskBytes: disk.bytes,
    isDiskComplete: disk.isComplete && blobs.isComplete,
    blobBytes: blobs.bytes,
    collectable: { blobs: 0, bytes: 0, tagReachedManifests: 0 },
    collectableWithUntagged: { blobs: 0, bytes: 0, tagReachedManifests: 0 },
    sizeMismatches,
  };
  try {
    throwIfCancelled(signal);
    storage.collectable = await estimate(own, figures, await own.gcDryRun(false));
    throwIfCancelled(signal);
    storage.collectableWithUntagged = await estimate(own, figures, await own.gcDryRun(true));
  } catch (error) {
    if (signal.aborted) throw new CancelledError('storage scan cancelled');
    storage.gcError = errorInfo(error);
  }
  return storage;
}

async function estimate(own: OwnRegistryAccess, figures: Figures, output: string) {
  const digests = collectableBlobs(output);
  let bytes = 0;
  for (const digest of digests) bytes += (await blobSizeOnDisk(own.storageDir, digest)) ?? 0;
  const tagReachedManifests = collectableManifests(output).filter((digest) =>
    figures.reached.has(digest),
  ).length;
  return { blobs: digests.length, bytes, tagReachedManifests };
}

function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new CancelledError('storage scan cancelled');
}

function errorInfo(error: unknown): ErrorInfo {
  return error instanceof BerthError
    ? error.toInfo()
    : { code: 'PROTOCOL', message: error instanceof Error ? error.message : String(error) };
}
