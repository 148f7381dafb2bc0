// Cleanup rules (issue 20): what a rule says, what its preview shows and what its run did. Plain data for
// the settings, the contract, the CLI and the renderer; the reading and deleting is in electron/core/prune.

/** A saved or typed cleanup rule. Nothing secret: the connection is named, its login stays in the keychain. */
export interface CleanupRule {
  /** Unique among saved rules; `berth prune --rule NAME`. */
  name: string;
  /** The saved connection whose registry the rule cleans. */
  connection: string;
  /** One repository (`team/app`) or a pattern of them (`team/*`; `*` and `?` wildcards). */
  repositories: string;
  /** Keep the newest N of the matching tags that are not protected. */
  keep?: number | undefined;
  /** Only tags this pattern matches are considered (`*` and `?`; a word alone matches only itself); default all. */
  match?: string | undefined;
  /** Keep tags younger than this (`30d`, `12h`, `2w`); older ones go unless kept otherwise. */
  olderThan?: string | undefined;
  /** Tags matching any of these are always kept. */
  protect: string[];
}

/** What a rule protects unless told otherwise. */
export const DEFAULT_PROTECTED = ['latest', 'v*'];

/** Why a tag stays or goes, in the preview and the summary. */
export type PruneReason =
  'protected' | 'newest' | 'younger' | 'no-date' | 'no-match' | 'unreadable' | 'older' | 'beyond-newest';

export interface PruneTag {
  repository: string;
  tag: string;
  /** The manifest the tag named when the preview read it. */
  digest?: string;
  /** ISO 8601. */
  date?: string;
  /** `pushed`: the registry's own push date (its API); `built`: the image config's `created`. */
  dateSource?: 'pushed' | 'built';
  goes: boolean;
  reason: PruneReason;
  /** The reason as a sentence fragment: "protected by v*", "among the newest 3". */
  why: string;
  /**
   * The fact `why` names beside the rule's own (the app words `reason` with it): the protecting pattern
   * (`protected`) or what went wrong reading it (`unreadable`).
   */
  whyDetail?: string;
}

export interface PrunePreview {
  rule: CleanupRule;
  registry: string;
  /** The repositories the rule covers, as listed (capped at `MAX_PRUNE_REPOSITORIES`). */
  repositories: string[];
  tags: PruneTag[];
  /**
   * Blob and manifest bytes used only by manifests that lose their last tag: not by any kept tag's manifest
   * in the repositories scanned. What a garbage collection can give back after the run.
   */
  collectableBytes: number;
  /** What `collectableBytes` is measured against, as a sentence. */
  measuredAgainst: string;
  warnings: string[];
}

/** One tag to delete: what the preview saw, checked again before the delete. */
export interface PruneDeletion {
  repository: string;
  tag: string;
  digest: string;
}

export interface PruneOutcome extends PruneDeletion {
  /** Why it was skipped or what failed; absent for a deleted tag. */
  note?: string;
}

/** The result of a prune job. */
export interface PruneSummary {
  registry: string;
  rule?: string;
  deleted: PruneOutcome[];
  skipped: PruneOutcome[];
  failed: PruneOutcome[];
  /** Tags not reached because the run was cancelled. */
  notReached: PruneOutcome[];
  /** The registry is one of the user's own: garbage collection can be offered. */
  ownServer?: string;
}

/** The most repositories one rule covers, and tags per repository, in one preview. */
export const MAX_PRUNE_REPOSITORIES = 500;
export const MAX_PRUNE_TAGS = 10_000;
/** The most deletions one run takes. */
export const MAX_PRUNE_DELETIONS = 10_000;
/**
 * The most tags one preview reads, over all its repositories: 500 repositories of 10,000 tags each would be
 * five million manifests to read and a preview too large to send or show.
 */
export const MAX_PRUNE_PREVIEW_TAGS = 50_000;

/**
 * What a run of the preview deletes: the tags that go, in the preview's order, at most
 * MAX_PRUNE_DELETIONS (the preview warns when more go; the next run takes the rest).
 */
export function deletionsOf(preview: Pick<PrunePreview, 'tags'>): PruneDeletion[] {
  const deletions: PruneDeletion[] = [];
  for (const tag of preview.tags) {
    if (deletions.length === MAX_PRUNE_DELETIONS) break;
    if (tag.goes && tag.digest)
      deletions.push({ repository: tag.repository, tag: tag.tag, digest: tag.digest });
  }
  return deletions;
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
/** Ten years: an age past that is a typo. */
const MAX_AGE_MS = 3650 * 86_400_000;

/** `30d` → milliseconds; undefined for anything else (minutes, hours, days or weeks, up to ten years). */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d{1,6})([mhdw])$/.exec(text.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * UNITS[match[2]!]!;
  return ms > 0 && ms <= MAX_AGE_MS ? ms : undefined;
}

/** `*` any run of characters, `?` one, the rest as written (the whole name must match). */
export const TAG_GLOB = /^[\w.*?-]{1,128}$/;
export const REPOSITORY_GLOB = /^[a-z0-9._/*?-]{1,255}$/;

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}
