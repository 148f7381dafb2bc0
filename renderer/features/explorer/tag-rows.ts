import type { TagSummaryView } from '../../../shared/contract/registry.js';
import type { ImageInspection } from '../../../shared/image.js';
import type { TagFactsView } from '../../../shared/vendor.js';
import { manifestKind } from '../../../shared/media-types.js';

/**
 * What one tag row shows once its manifest is known. Dates are optional: Distribution's v2 API gives
 * none, so `created` comes from an image config Berth already read (the tag was opened); `pushedAt` comes
 * from registries whose own API says when a tag was pushed (Harbor, Quay, GHCR, GitLab, Docker Hub).
 */
export interface TagRow {
  tag: string;
  digest: string;
  mediaType: string;
  /** The size shown today (an image's config plus layers); an index has none. */
  size?: number;
  /** An index's platforms, or an image's one platform when its config is known; else empty. */
  platforms: string[];
  /** The config's `created` (ISO 8601), when the config was read. */
  created?: string;
  /** When the registry says the tag was pushed (ISO 8601), for registries that say. */
  pushedAt?: string;
}

/** Facts from an image config, by the digest of the manifest (image or index) they belong to. */
export interface ImageFacts {
  platform?: string;
  created?: string;
}

/** The facts an inspection brought, by manifest digest: content-addressed, so they hold everywhere. */
export function factsOfInspection(image: ImageInspection): Map<string, ImageFacts> {
  const facts = new Map<string, ImageFacts>();
  const config = image.config;
  if (!config) return facts;
  const created = typeof config.created === 'string' && config.created ? config.created : undefined;
  const platform =
    config.os && config.architecture
      ? [config.os, config.architecture, config.variant].filter(Boolean).join('/')
      : undefined;
  const own = { ...(platform ? { platform } : {}), ...(created ? { created } : {}) };
  if (image.selected) {
    facts.set(image.selected.digest, own);
    // An index has no config: its date is the date of the platform shown (one build makes them all).
    if (created) facts.set(image.digest, { created });
  } else if (image.kind === 'image') {
    facts.set(image.digest, own);
  }
  return facts;
}

/** A row from a tag's summary and whatever config facts are known for its digest. */
export function tagRowOf(
  summary: Extract<TagSummaryView, { state: 'ok' }>,
  facts: ReadonlyMap<string, ImageFacts>,
  vendor?: TagFactsView,
): TagRow {
  const known = facts.get(summary.digest);
  // The vendor's facts belong to the digest it listed: a tag moved since then keeps none of them.
  const pushed =
    vendor?.pushedAt && (!vendor.digest || vendor.digest === summary.digest) ? vendor.pushedAt : undefined;
  const isIndex = manifestKind(summary.mediaType) === 'index';
  const platforms = isIndex ? (summary.platforms ?? []) : known?.platform ? [known.platform] : [];
  return {
    tag: summary.tag,
    digest: summary.digest,
    mediaType: summary.mediaType,
    ...(summary.size === undefined ? {} : { size: summary.size }),
    platforms,
    ...(known?.created ? { created: known.created } : {}),
    ...(pushed ? { pushedAt: pushed } : {}),
  };
}

/** The date a row sorts and shows by: when it was pushed if the registry says, else its config's. */
export function dateOf(row: Pick<TagRow, 'created' | 'pushedAt'> | undefined): string | undefined {
  return row?.pushedAt ?? row?.created;
}

/** The short digest in two parts, `sha256:` and Docker's 12 hex digits, so a narrow row can drop the first. */
export function shortDigestParts(digest: string): { algorithm: string; hex: string } {
  const [algorithm, hex] = digest.split(':');
  return hex ? { algorithm: `${algorithm}:`, hex: hex.slice(0, 12) } : { algorithm: '', hex: digest };
}

/**
 * The tags that share a digest, among the tags whose digests are known: for each such tag, the others
 * on its digest, `latest` first and then in list order. Tags alone on their digest are left out.
 */
export function siblingsByDigest(
  tags: readonly string[],
  digestOf: (tag: string) => string | undefined,
): Map<string, string[]> {
  const byDigest = new Map<string, string[]>();
  for (const tag of tags) {
    const digest = digestOf(tag);
    if (!digest) continue;
    const group = byDigest.get(digest);
    if (group) group.push(tag);
    else byDigest.set(digest, [tag]);
  }
  const siblings = new Map<string, string[]>();
  for (const group of byDigest.values()) {
    if (group.length < 2) continue;
    const ordered = group.includes('latest') ? ['latest', ...group.filter((tag) => tag !== 'latest')] : group;
    for (const tag of group)
      siblings.set(
        tag,
        ordered.filter((other) => other !== tag),
      );
  }
  return siblings;
}

/** Why sorting by date is not offered: no tags, dates only for tags opened so far, or none from the registry. */
export type NoDateSort = 'no-tags' | 'partial' | 'registry';

/**
 * Why sorting by date is not offered, or undefined when every listed tag has a date. Stops at the
 * first tag without one: on a registry that gives no dates that is the first tag of 100,000.
 */
export function dateSortUnavailable(
  tags: readonly string[],
  dateOfTag: (tag: string) => string | undefined,
): NoDateSort | undefined {
  if (!tags.length) return 'no-tags';
  if (tags.every((tag) => dateOfTag(tag))) return undefined;
  return tags.some((tag) => dateOfTag(tag)) ? 'partial' : 'registry';
}

/** Newest first; ties by name. Only for lists where every tag has a date (see `dateSortUnavailable`). */
export function sortByDate(
  tags: readonly string[],
  dateOfTag: (tag: string) => string | undefined,
): string[] {
  const time = (tag: string) => Date.parse(dateOfTag(tag) ?? '') || 0;
  return [...tags].sort((a, b) => time(b) - time(a) || (a < b ? -1 : a > b ? 1 : 0));
}
