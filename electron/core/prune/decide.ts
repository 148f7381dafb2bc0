// Which tags a rule deletes: plain data in, plain data out, so every reason is tested without a registry.
import { parseDuration, type CleanupRule, type PruneReason, type PruneTag } from '../../../shared/prune.js';
import { matchesGlob } from '../copy/index.js';

/** A tag as the preview read it: its manifest and its date, where one was found. */
export interface DatedTag {
  repository: string;
  tag: string;
  digest?: string;
  date?: string;
  dateSource?: 'pushed' | 'built';
  /** Why its manifest could not be read (it is kept). */
  error?: string;
}

/**
 * Decides each tag of one repository: tags the `match` pattern does not take stay; protected ones stay;
 * of the rest, the newest `keep` stay and those younger than `olderThan` stay; a tag without a date stays
 * (its age is unknown). Everything else goes. Protected tags do not count towards the newest N.
 */
export function decideTags(rule: CleanupRule, tags: readonly DatedTag[], now: number): PruneTag[] {
  const maxAge = rule.olderThan === undefined ? undefined : parseDuration(rule.olderThan);
  const candidates = tags
    .filter((tag) => isCandidate(rule, tag))
    .filter((tag) => tag.date !== undefined)
    .sort((a, b) => Date.parse(b.date!) - Date.parse(a.date!) || a.tag.localeCompare(b.tag));
  const newest = new Set(rule.keep === undefined ? [] : candidates.slice(0, rule.keep).map((tag) => tag.tag));

  return tags.map((tag): PruneTag => {
    const decided = (goes: boolean, reason: PruneReason, why: string, whyDetail?: string): PruneTag => ({
      repository: tag.repository,
      tag: tag.tag,
      ...(tag.digest ? { digest: tag.digest } : {}),
      ...(tag.date ? { date: tag.date } : {}),
      ...(tag.dateSource ? { dateSource: tag.dateSource } : {}),
      goes,
      reason,
      why,
      ...(whyDetail === undefined ? {} : { whyDetail }),
    });
    const protectedBy = rule.protect.find((pattern) => matchesGlob(tag.tag, pattern));
    if (protectedBy) return decided(false, 'protected', `protected by ${protectedBy}`, protectedBy);
    if (rule.match && !matchesGlob(tag.tag, rule.match))
      return decided(false, 'no-match', `does not match ${rule.match}`);
    if (tag.error || !tag.digest)
      return decided(false, 'unreadable', `not read: ${tag.error ?? 'no digest'}`, tag.error ?? 'no digest');
    if (!tag.date) return decided(false, 'no-date', 'no date found: its age is unknown');
    if (newest.has(tag.tag)) return decided(false, 'newest', `among the newest ${rule.keep}`);
    if (maxAge !== undefined && now - Date.parse(tag.date) < maxAge)
      return decided(false, 'younger', `younger than ${rule.olderThan}`);
    if (maxAge !== undefined)
      return decided(
        true,
        'older',
        `older than ${rule.olderThan}${rule.keep === undefined ? '' : `, not among the newest ${rule.keep}`}`,
      );
    return decided(true, 'beyond-newest', `not among the newest ${rule.keep}`);
  });
}

function isCandidate(rule: CleanupRule, tag: DatedTag): boolean {
  if (rule.protect.some((pattern) => matchesGlob(tag.tag, pattern))) return false;
  if (rule.match && !matchesGlob(tag.tag, rule.match)) return false;
  return !tag.error && tag.digest !== undefined;
}
