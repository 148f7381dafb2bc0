/** What the Local images table shows, worked out from the engine's image list; plain functions of plain data. */
import type { LocalImage } from '../../../shared/docker.js';
import type { JobSnapshot } from '../../../shared/jobs.js';
import { parseReference } from '../../../shared/reference.js';
import { compileFilter } from '../../lib/filter.js';
import type { Translate } from '../../i18n/index.js';
import { formatSize } from '../../i18n/format.js';
import { dialogs, jobs, table } from './messages.js';

/** One line of the table: one local name, like `docker images` prints them. */
export interface ImageRow {
  /** Unique in the table: the name, or the image ID for an image without one. */
  key: string;
  image: LocalImage;
  /** `127.0.0.1:5000/team/app`; from a digest for an image pulled by digest; none for a dangling one. */
  repository?: string;
  tag?: string;
  /** `repository:tag` as the engine names it; what untag and push take. */
  name?: string;
  /** The image's other tags: they keep it alive when this one goes. */
  otherTags: string[];
  /** No name at all: neither a tag nor a digest reference (a layer left behind by a rebuild or re-pull). */
  isDangling: boolean;
}

/** `127.0.0.1:5000/team/app:1` → repository and tag; the tag is after the last `:` that follows every `/`. */
export function splitRepoTag(repoTag: string): { repository: string; tag: string } {
  const colon = repoTag.lastIndexOf(':');
  if (colon <= repoTag.lastIndexOf('/')) return { repository: repoTag, tag: 'latest' };
  return { repository: repoTag.slice(0, colon), tag: repoTag.slice(colon + 1) };
}

/** One row per tag; an image without tags gets one row too (by the repository of its digest, if any). */
export function imageRows(images: readonly LocalImage[]): ImageRow[] {
  const rows: ImageRow[] = [];
  for (const image of images) {
    const tags = [...image.repoTags].sort();
    for (const name of tags)
      rows.push({
        key: name,
        image,
        ...splitRepoTag(name),
        name,
        otherTags: tags.filter((other) => other !== name),
        isDangling: false,
      });
    if (tags.length) continue;
    const pinned = image.repoDigests[0];
    rows.push({
      key: image.id,
      image,
      repository: pinned ? pinned.slice(0, pinned.indexOf('@')) : undefined,
      otherTags: [],
      isDangling: !pinned,
    });
  }
  return rows;
}

/** The filter box: every word must occur in the name or the image ID (see renderer/lib/filter.ts). */
export function filterRows(rows: readonly ImageRow[], filter: string): ImageRow[] {
  if (!filter.trim()) return [...rows];
  const matches = compileFilter(filter);
  return rows.filter((row) => matches(`${row.name ?? row.repository ?? ''} ${row.image.id.slice(7)}`));
}

const AGES: Array<[seconds: number, unit: 'year' | 'month' | 'week' | 'day' | 'hour' | 'minute']> = [
  [365 * 86_400, 'year'],
  [30 * 86_400, 'month'],
  [7 * 86_400, 'week'],
  [86_400, 'day'],
  [3600, 'hour'],
  [60, 'minute'],
];

/** `3 hours ago` from the engine's `Created` (seconds since the epoch), like `docker images`. */
export function formatAge(t: Translate, createdSeconds: number, nowMs: number): string {
  const elapsed = Math.max(0, nowMs / 1000 - createdSeconds);
  for (const [seconds, unit] of AGES) {
    const count = Math.floor(elapsed / seconds);
    if (count >= 1) return t(table.ago, { unit, count });
  }
  return t(table.justNow);
}

/** Where a push goes by default: the same repository path and tag on the chosen registry. */
export function pushDefaults(name: string | undefined): { repository: string; tag: string } {
  if (!name) return { repository: '', tag: 'latest' };
  try {
    const ref = parseReference(name);
    return { repository: ref.repository, tag: ref.tag ?? 'latest' };
  } catch {
    return { repository: '', tag: 'latest' };
  }
}

/**
 * `host/repository:tag` checked the way the engine will parse it (the text to show, and the repository
 * and tag as the engine normalises them, to ask for work with); the problem in words otherwise.
 */
export function imageReference(
  t: Translate,
  host: string,
  repository: string,
  tag: string,
): { reference: string; repository: string; tag: string } | { problem: string } {
  const path = repository.trim();
  const version = tag.trim() || 'latest';
  if (!path) return { problem: t(dialogs.nameRepository) };
  const typed = `${host}/${path}:${version}`;
  try {
    const ref = parseReference(typed);
    if (ref.digest) return { problem: t(dialogs.notDigest) };
    const named = ref.tag ?? version;
    return {
      reference: `${ref.registry}/${ref.repository}:${named}`,
      repository: ref.repository,
      tag: named,
    };
  } catch {
    // The parser's reason is the command line's English; the rule it broke, said once, serves the form.
    return { problem: t(dialogs.invalidName, { reference: typed }) };
  }
}

/** Whether two names mean the same image name to the engine (`nginx` is `docker.io/library/nginx:latest`). */
export function isSameName(a: string, b: string): boolean {
  try {
    return parseReference(a).canonical === parseReference(b).canonical;
  } catch {
    return false;
  }
}

/** A job's progress in one line and a fraction for the bar (undefined while the size is unknown). */
export function progressSummary(t: Translate, job: JobSnapshot): { fraction?: number; text: string } {
  const { bytesDone, bytesTotal, itemsDone, itemsTotal } = job.overall;
  const layers = job.items.filter((item) => item.kind === 'layer').length;
  const counted = layers ? t(jobs.items, { done: itemsDone, total: itemsTotal }) : undefined;
  if (job.status === 'succeeded')
    return {
      fraction: 1,
      text: bytesTotal ? t(jobs.doneSize, { size: formatSize(t.intl, bytesTotal) }) : t(jobs.done),
    };
  if (job.status !== 'running') return { text: t(jobs.status, { status: job.status }) };
  if (!bytesTotal) return { text: counted ?? t(jobs.starting) };
  const fraction = Math.min(1, bytesDone / bytesTotal);
  const sizes = { done: formatSize(t.intl, bytesDone), total: formatSize(t.intl, bytesTotal) };
  return {
    fraction,
    text: counted ? t(jobs.bytesItems, { ...sizes, items: counted }) : t(jobs.bytes, sizes),
  };
}
