// A cleanup rule's preview: the repositories it covers, every tag with stays/goes and why, and the bytes that
// become collectable. Reads only; the run deletes exactly the tags marked to go (run.ts).
import { forEachBounded } from '../../../shared/bounded.js';
import { repositoryAt, type RepositoryLocation } from '../../../shared/location.js';
import {
  hasWildcard,
  MAX_PRUNE_DELETIONS,
  MAX_PRUNE_PREVIEW_TAGS,
  MAX_PRUNE_REPOSITORIES,
  MAX_PRUNE_TAGS,
  type CleanupRule,
  type PrunePreview,
  type PruneTag,
} from '../../../shared/prune.js';
import { repositoryIn, savedConnection } from '../connections/index.js';
import { matchesGlob } from '../copy/index.js';
import { CancelledError } from '../errors.js';
import { BerthError, readBlob } from '../registry/index.js';
import type { BerthServices } from '../services.js';
import { reachable, totalBytes, UsageReader, type ManifestUsage } from '../storage/index.js';
import { repositoryListing, tagListing } from '../vendors/index.js';
import { decideTags, type DatedTag } from './decide.js';

/** Configs read at once for their `created` date. */
const CONFIG_CONCURRENCY = 4;
/** An image config larger than this is not one. */
const CONFIG_LIMIT = 4 * 1024 * 1024;

export interface PreviewOptions {
  signal?: AbortSignal;
  now?: number;
  /** Overrides MAX_PRUNE_PREVIEW_TAGS (tests). */
  maxTags?: number;
}

export async function previewPrune(
  services: BerthServices,
  rule: CleanupRule,
  options: PreviewOptions = {},
): Promise<PrunePreview> {
  const { signal } = options;
  const now = options.now ?? Date.now();
  const saved = savedConnection(services, rule.connection);
  const warnings: string[] = [];
  const repositories = await coveredRepositories(services, rule, saved.host, warnings, signal);
  const reader = new UsageReader(services.client, signal ? { signal } : {});
  const tags: PruneTag[] = [];
  const maxTags = options.maxTags ?? MAX_PRUNE_PREVIEW_TAGS;
  let listed = 0;
  for (const repository of repositories) {
    if (signal?.aborted) throw new CancelledError('cleanup preview cancelled');
    const dated = await datedTags(services, reader, repository, warnings, signal, (count) => {
      listed += count;
      if (listed > maxTags)
        throw new BerthError(
          'TOO_LARGE',
          `the repositories matching ${rule.repositories} hold more than ${maxTags.toLocaleString('en-US')} tags`,
          {
            hint: `A preview reads up to ${maxTags.toLocaleString('en-US')} tags; narrow the repository pattern and preview again. Nothing was deleted.`,
          },
        );
    });
    tags.push(...decideTags(rule, dated, now).sort(newestFirst));
  }
  const going = tags.filter((tag) => tag.goes).length;
  if (going > MAX_PRUNE_DELETIONS)
    warnings.push(
      `${going.toLocaleString('en-US')} tags go, and one run deletes at most ${MAX_PRUNE_DELETIONS.toLocaleString('en-US')}: a run deletes the first ${MAX_PRUNE_DELETIONS.toLocaleString('en-US')} listed; run the rule again for the rest.`,
    );
  const unreadable = tags.filter((tag) => tag.reason === 'unreadable').length;
  if (unreadable)
    warnings.push(
      `${unreadable} ${unreadable === 1 ? 'tag' : 'tags'} could not be read: they stay, but layers they share with tags that go are counted as collectable.`,
    );
  const manifests = await reader.known(repositories[0]?.registry ?? saved.host);
  const collectableBytes = collectable(manifests, tags);
  const scanned = repositories.length === 1 ? 'the repository' : `the ${repositories.length} repositories`;
  return {
    rule,
    registry: saved.host,
    repositories: repositories.map((repository) => repository.repository),
    tags,
    collectableBytes,
    measuredAgainst: `Counted against every kept tag of ${scanned} scanned; a layer that another repository also uses stays until its last user goes, and the bytes come back only when the registry collects garbage (with untagged manifests removed).`,
    warnings,
  };
}

/** One repository, or those of the registry's listing that the pattern matches (at most MAX_PRUNE_REPOSITORIES). */
async function coveredRepositories(
  services: BerthServices,
  rule: CleanupRule,
  host: string,
  warnings: string[],
  signal?: AbortSignal,
): Promise<RepositoryLocation[]> {
  if (!hasWildcard(rule.repositories))
    return [repositoryIn(services, { connection: rule.connection, repository: rule.repositories })];
  const found: RepositoryLocation[] = [];
  for await (const page of repositoryListing(services, host, signal ? { signal } : {})) {
    for (const { name } of page) {
      if (!matchesGlob(name, rule.repositories)) continue;
      if (found.length === MAX_PRUNE_REPOSITORIES) {
        warnings.push(
          `More than ${MAX_PRUNE_REPOSITORIES} repositories match ${rule.repositories}: only the first ${MAX_PRUNE_REPOSITORIES} were looked at; narrow the pattern for the rest.`,
        );
        return found;
      }
      found.push(repositoryAt(host, name));
    }
  }
  return found;
}

/** Every tag of the repository with its manifest digest and date (the registry's push date, else the config's `created`). */
async function datedTags(
  services: BerthServices,
  reader: UsageReader,
  repository: RepositoryLocation,
  warnings: string[],
  signal?: AbortSignal,
  /** Told how many tags the repository has before any is read; throws to stop the preview. */
  onListed?: (count: number) => void,
): Promise<DatedTag[]> {
  const pushed = new Map<string, string>();
  const names: string[] = [];
  try {
    for await (const page of tagListing(services, repository, signal ? { signal } : {})) {
      for (const { tag, facts } of page) {
        if (facts.pushedAt && !Number.isNaN(Date.parse(facts.pushedAt))) pushed.set(tag, facts.pushedAt);
        names.push(tag);
      }
      if (names.length > MAX_PRUNE_TAGS)
        throw new BerthError('TOO_LARGE', `${repository.repository} has more than ${MAX_PRUNE_TAGS} tags`, {
          hint: `A cleanup rule looks at up to ${MAX_PRUNE_TAGS} tags per repository; nothing was deleted.`,
        });
    }
  } catch (error) {
    // A repository matched by a pattern but gone or denied is said, not fatal; one named alone is the error.
    if (signal?.aborted || !(error instanceof BerthError) || error.code === 'TOO_LARGE') throw error;
    warnings.push(
      `${repository.repository}: its tags could not be listed (${error.message}); nothing there is deleted.`,
    );
    return [];
  }
  onListed?.(names.length);
  const usage = await reader.repository(repository, names);
  const tags: DatedTag[] = usage.tags.map((entry) =>
    'error' in entry
      ? { repository: repository.repository, tag: entry.tag, error: entry.error.message }
      : { repository: repository.repository, tag: entry.tag, digest: entry.digest },
  );
  const built = new Map<string, string | undefined>();
  const needed = [
    ...new Set(tags.filter((tag) => tag.digest && !pushed.has(tag.tag)).map((tag) => tag.digest!)),
  ];
  await forEachBounded(needed, CONFIG_CONCURRENCY, async (digest) => {
    built.set(digest, await createdOf(services, reader, repository, digest, signal));
  });
  for (const tag of tags) {
    const pushedAt = pushed.get(tag.tag);
    if (pushedAt) Object.assign(tag, { date: new Date(pushedAt).toISOString(), dateSource: 'pushed' });
    else if (tag.digest && built.get(tag.digest))
      Object.assign(tag, { date: built.get(tag.digest), dateSource: 'built' });
  }
  return tags;
}

/**
 * The image config's `created` (an index: its first image's); undefined when there is none, it is not a
 * date, or the config cannot be read (the tag then stays, for want of a date).
 */
async function createdOf(
  services: BerthServices,
  reader: UsageReader,
  repository: RepositoryLocation,
  digest: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  try {
    let manifest: ManifestUsage = await reader.manifest(repository, digest);
    if (manifest.children[0]) manifest = await reader.manifest(repository, manifest.children[0]);
    const config = manifest.blobs[0];
    if (!config) return undefined;
    const bytes = await readBlob(services.client, repository, config.digest, {
      limit: CONFIG_LIMIT,
      ...(signal ? { signal } : {}),
    });
    const created = (JSON.parse(bytes.toString('utf8')) as { created?: unknown }).created;
    if (typeof created !== 'string') return undefined;
    const time = Date.parse(created);
    // Reproducible builds write the epoch (1970): that is no build date.
    return Number.isNaN(time) || time <= 0 ? undefined : new Date(time).toISOString();
  } catch (error) {
    if (signal?.aborted) throw new CancelledError('cleanup preview cancelled');
    if (error instanceof BerthError || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** A repository's tags newest first (as the rule counts them), undated ones last by name. */
function newestFirst(a: PruneTag, b: PruneTag): number {
  const time = (tag: PruneTag) => (tag.date ? Date.parse(tag.date) : -Infinity);
  return time(b) - time(a) || a.tag.localeCompare(b.tag);
}

/** Bytes reachable from the manifests that lose their last tag and from no kept tag's manifest. */
function collectable(manifests: ReadonlyMap<string, ManifestUsage>, tags: readonly PruneTag[]): number {
  const kept = tags.filter((tag) => !tag.goes && tag.digest).map((tag) => tag.digest!);
  const going = tags.filter((tag) => tag.goes && tag.digest).map((tag) => tag.digest!);
  const keep = reachable(manifests, kept);
  const lose = reachable(manifests, going);
  const only = (sizes: Map<string, number>, other: Map<string, number>) =>
    new Map([...sizes].filter(([digest]) => !other.has(digest)));
  return totalBytes(only(lose.blobs, keep.blobs)) + totalBytes(only(lose.manifests, keep.manifests));
}
