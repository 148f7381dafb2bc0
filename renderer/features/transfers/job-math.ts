/** Numbers the transfers panel shows, from job snapshots; plain functions of plain data. */
import {
  FINISHED_ITEM_STATES,
  type ItemState,
  type JobItem,
  type JobSnapshot,
} from '../../../shared/jobs.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { isDockerHubHost } from '../../../shared/reference.js';
import type { Message, Translate } from '../../i18n/index.js';
import { formatDateTime, formatSize } from '../../i18n/format.js';
import { common } from '../../i18n/messages.js';
import { card, math, notes, titles } from './messages.js';

/** A job's status as its badge says it. */
export function statusLabel(t: Translate, status: JobSnapshot['status']): string {
  return t(math.status, { status });
}

/**
 * How far one item is, 0..1; undefined while its size is unknown. A mounted or skipped blob moved
 * no bytes but is as finished as a transferred one.
 */
export function itemFraction(item: JobItem): number | undefined {
  if (FINISHED_ITEM_STATES.has(item.state) && item.state !== 'failed') return 1;
  if (!item.bytesTotal) return item.state === 'waiting' || item.state === 'checking' ? 0 : undefined;
  return Math.min(1, item.bytesDone / item.bytesTotal);
}

/** Bytes accounted for (moved, or not needing to move) and the job's total. */
export function jobBytes(job: JobSnapshot): { done: number; total: number } {
  let done = 0;
  for (const item of job.items) {
    const finished = FINISHED_ITEM_STATES.has(item.state) && item.state !== 'failed';
    done += finished ? (item.bytesTotal ?? item.bytesDone) : item.bytesDone;
  }
  return { done: Math.min(done, job.overall.bytesTotal), total: job.overall.bytesTotal };
}

/**
 * The job's bar, 0..1: what was moved (or found already there). Undefined (an indeterminate bar) while
 * a running job has nothing sized yet. A job that ended without finishing shows only what it moved —
 * its failed items count as not done, and one that moved nothing shows an empty bar: the failure is the
 * card's state and message, not a full red bar.
 */
export function jobFraction(job: JobSnapshot): number | undefined {
  if (job.status === 'succeeded') return 1;
  const { done, total } = jobBytes(job);
  if (total > 0) return done / total;
  const isRunning = job.status === 'running';
  if (isRunning && job.overall.itemsTotal > 0) return job.overall.itemsDone / job.overall.itemsTotal;
  if (isRunning) return undefined;
  const finished = job.items.filter(
    (item) => FINISHED_ITEM_STATES.has(item.state) && item.state !== 'failed',
  );
  return job.items.length > 0 ? finished.length / job.items.length : 0;
}

export function formatRate(t: Translate, bytesPerSecond: number): string {
  return bytesPerSecond > 0 ? t(math.rate, { size: formatSize(t.intl, bytesPerSecond) }) : '—';
}

/** `8 s`, `3 min 05 s`, `2 h 14 min`; `—` while unknown. */
export function formatEta(t: Translate, seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  const whole = Math.ceil(seconds);
  if (whole < 60) return t(math.seconds, { seconds: whole });
  if (whole < 3600)
    return t(math.minutes, { minutes: Math.floor(whole / 60), seconds: String(whole % 60).padStart(2, '0') });
  return t(math.hours, { hours: Math.floor(whole / 3600), minutes: Math.floor((whole % 3600) / 60) });
}

/** How long a job took: milliseconds under a second (a mirror test of a near mirror), else as an ETA. */
export function formatDuration(t: Translate, job: JobSnapshot, now: number): string {
  const milliseconds = Math.max(0, (job.finishedAt ?? now) - job.startedAt);
  return milliseconds < 1000
    ? t(math.milliseconds, { milliseconds: Math.round(milliseconds) })
    : formatEta(t, milliseconds / 1000);
}

/** Rate samples kept per job for its sparkline: about the last ten seconds at four events a second. */
export const SPARKLINE_SAMPLES = 40;

export function appendSample(samples: readonly number[], rate: number): number[] {
  const next = [...samples, Math.max(0, rate)];
  return next.length > SPARKLINE_SAMPLES ? next.slice(next.length - SPARKLINE_SAMPLES) : next;
}

/**
 * SVG polyline points for rates in a `width` × `height` box: oldest left, newest right, the highest
 * rate at the top, zero on the bottom edge. Fewer than two samples, or no bytes moved, draw nothing.
 */
export function sparklinePoints(samples: readonly number[], width: number, height: number): string {
  const peak = Math.max(0, ...samples);
  if (samples.length < 2 || peak === 0) return '';
  const step = width / (samples.length - 1);
  return samples
    .map((value, index) => {
      return `${round(index * step)},${round(height - (value / peak) * height)}`;
    })
    .join(' ');
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Running jobs first (newest first), then finished ones, most recently finished first. */
export function sortJobs(jobs: Iterable<JobSnapshot>): JobSnapshot[] {
  return [...jobs].sort((a, b) => {
    const aRunning = a.status === 'running';
    const bRunning = b.status === 'running';
    if (aRunning !== bRunning) return aRunning ? -1 : 1;
    if (aRunning) return b.startedAt - a.startedAt;
    return (b.finishedAt ?? b.startedAt) - (a.finishedAt ?? a.startedAt);
  });
}

export function countRunning(jobs: readonly JobSnapshot[]): number {
  return jobs.filter((job) => job.status === 'running').length;
}

/** What became of an item: its own state, or what the job's end made of it. */
export type ItemOutcome = ItemState | 'cancelled' | 'interrupted' | 'reachable';

/**
 * An item's state as the panel names it. The core marks the blobs a cancel interrupted as failed (the
 * abort is their error); in a cancelled job those read as cancelled.
 */
export function itemOutcome(item: JobItem, status: JobSnapshot['status']): ItemOutcome {
  const isUnfinished = !FINISHED_ITEM_STATES.has(item.state);
  // A job that stopped with Berth left its items where they were: none of them is still moving.
  if (status === 'interrupted' && isUnfinished) return 'interrupted';
  const isInterrupted = status === 'cancelled' && isUnfinished;
  if (isInterrupted || (status === 'cancelled' && item.state === 'failed')) return 'cancelled';
  // A mirror that answered is not "done" with anything: it is reachable.
  if (item.kind === 'mirror' && item.state === 'done') return 'reachable';
  return item.state;
}

export function itemStateLabel(t: Translate, item: JobItem, status: JobSnapshot['status']): string {
  return t(math.itemState, { state: itemOutcome(item, status) });
}

type DoneWord = 'pushed' | 'saved' | 'pulled' | 'copied' | 'reachable';

/** Items by what happened to them (`done` in the job's own word), in the order first met. */
function countStates(
  items: readonly JobItem[],
  status: JobSnapshot['status'],
  doneWord: DoneWord,
): Array<[word: string, count: number]> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const word = item.state === 'done' ? doneWord : itemOutcome(item, status);
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts];
}

/** `3 pushed, 1 mounted, 2 already there`. */
function countList(t: Translate, counts: Array<[word: string, count: number]>): string {
  return counts
    .map(([word, count]) => t(math.counted, { count, word: t(math.countWord, { word }) }))
    .join(t(common.listSeparator));
}

/** `2 files pushed, 1 already there`: the noun goes with the first figure, singular for one. */
function counted(
  t: Translate,
  noun: Message,
  items: readonly JobItem[],
  status: JobSnapshot['status'],
  doneWord: DoneWord,
) {
  const counts = countStates(items, status, doneWord);
  if (!counts.length) return undefined;
  const [[word, count], ...rest] = counts as [[string, number], ...Array<[string, number]>];
  const first = t(noun, { count, word: t(math.countWord, { word }) });
  return rest.length ? [first, countList(t, rest)].join(t(common.listSeparator)) : first;
}

/**
 * What a job really moved, each kind apart, joined with ` · `, in the app's words (as the garbage collection
 * dialog: layers and configs are files, manifests image descriptions): the image's files (`3 files pushed, 1
 * mounted, 2 already there`), its manifests (`1 image description pushed`), the signatures and attestations a
 * copy brought along with their own files (`signatures and attestations: 2 copied (their files: 4 pushed)`); an
 * engine's layers (`3 layers pulled`); a mirror test's mirrors (`2 reachable, 1 failed`). A load's
 * archive line (the file that was read) moved nothing and is not counted.
 */
export function describeItems(t: Translate, job: Pick<JobSnapshot, 'kind' | 'items' | 'status'>): string {
  const { items, status } = job;
  const isSave = job.kind === 'save';
  const doneWord = isSave ? 'saved' : 'pushed';
  const of = (kind: JobItem['kind'], referrers = false) =>
    items.filter(
      (item) =>
        item.kind === kind &&
        (item.of === 'referrers') === referrers &&
        !(job.kind === 'load' && item.id === 'archive'),
    );
  const mirrors = of('mirror');
  if (mirrors.length) return countList(t, countStates(mirrors, status, 'reachable'));
  const groups = [
    counted(t, math.countedFiles, of('blob'), status, doneWord),
    counted(t, math.countedLayers, of('layer'), status, job.kind === 'pull' ? 'pulled' : 'pushed'),
    counted(t, math.countedDescriptions, of('manifest'), status, doneWord),
  ];
  const referrers = countStates(of('referrer'), status, 'copied');
  if (referrers.length) {
    const blobs = countStates(of('blob', true), status, doneWord);
    const counts = countList(t, referrers);
    groups.push(
      blobs.length
        ? t(math.referrersWithFiles, { counts, files: countList(t, blobs) })
        : t(math.referrers, { counts }),
    );
  }
  return groups.filter(Boolean).join(' · ');
}

/** `just now`, `40 s ago`, `5 min ago`, `3 h ago`, then the date: how long ago `at` was. */
export function formatAgo(t: Translate, at: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 10) return t(math.justNow);
  if (seconds < 60) return t(math.secondsAgo, { seconds });
  if (seconds < 3600) return t(math.minutesAgo, { minutes: Math.floor(seconds / 60) });
  if (seconds < 24 * 3600) return t(math.hoursAgo, { hours: Math.floor(seconds / 3600) });
  return t(math.onDate, { date: formatDateTime(t.intl, new Date(at).toISOString()) });
}

/** The exact time, to the second, in local time: `2026-12-07 10:41:03`. */
export function formatExactTime(t: Translate, at: number): string {
  const date = new Date(at);
  const pad = (value: number) => String(value).padStart(2, '0');
  return t(common.dateTime, {
    date: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`,
    time: `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`,
  });
}

/** A job's title as a message and its values: the parts the core sent beside its English title. */
export function titleMessage(
  job: Pick<JobSnapshot, 'kind' | 'heading'>,
):
  | { message: Message; values: { source: string; destination: string; count: number; rule: string } }
  | undefined {
  const { heading } = job;
  if (!heading) return undefined;
  const values = {
    source: heading.source,
    destination: heading.destination ?? '',
    count: heading.count ?? 0,
    rule: heading.rule ?? '',
  };
  const many = heading.count !== undefined;
  const message = {
    copy: titles.copy,
    sync: many ? titles.copyTags : titles.sync,
    pull: titles.pull,
    push: titles.push,
    save: many ? titles.saveImages : titles.save,
    load: titles.load,
    'mirror-test': many ? titles.mirrorTestMany : titles.mirrorTest,
    prune: heading.rule ? titles.pruneRule : titles.prune,
    storage: titles.storage,
  }[job.kind];
  return { message, values };
}

/**
 * A job's title in the interface language; the English title as it is for a job of an older Berth's
 * history, which has no heading.
 */
export function jobTitle(t: Translate, job: Pick<JobSnapshot, 'kind' | 'title' | 'heading'>): string {
  const title = titleMessage(job);
  return title ? t(title.message, title.values) : job.title;
}

/** The notes the core writes on items, in the interface language; a note of other words stays as it is. */
const NOTE_WORDS: Record<string, (typeof notes)[keyof typeof notes]> = {
  'already in the destination': notes.alreadyInDestination,
  'already identical': notes.alreadyIdentical,
  'already in the engine': notes.alreadyInEngine,
  'already in the registry': notes.alreadyInRegistry,
  downloaded: notes.downloaded,
  'image is up to date': notes.upToDate,
  pulled: notes.pulled,
  cancelled: notes.cancelled,
  failed: notes.failed,
  'no digest reported': notes.noDigest,
};

/**
 * An item's note in the interface language, with whether it is translated (an untranslated note — a
 * failure in the registry's own words, a digest — is data). `mounted from team/app`, `extracting 40%`,
 * `digest sha256:…` keep their data as arguments.
 */
export function itemNote(t: Translate, note: string): { text: string; isTranslated: boolean } {
  const known = NOTE_WORDS[note];
  if (known) return { text: t(known), isTranslated: true };
  const mounted = /^mounted from (.+)$/.exec(note);
  if (mounted) return { text: t(notes.mountedFrom, { repository: mounted[1] }), isTranslated: true };
  const extracting = /^extracting( .*)?$/.exec(note);
  if (extracting) return { text: `${t(notes.extracting)}${extracting[1] ?? ''}`, isTranslated: true };
  const digest = /^digest (sha256:[0-9a-f]+)$/.exec(note);
  if (digest) return { text: t(notes.digest, { digest: digest[1] }), isTranslated: true };
  const noProgress = /^(sha256:[0-9a-f]+) \(the engine reports no per-layer progress\)$/.exec(note);
  if (noProgress) return { text: t(notes.noLayerProgress, { digest: noProgress[1] }), isTranslated: true };
  return { text: note, isTranslated: false };
}

/** A saved connection as the title needs it: its name and the host it is for. */
export interface NamedHost {
  name: string;
  host: string;
}

/** A part of a job's title: plain text, or a registry reference with the saved connection it is on. */
export type TitlePart = { text: string } | { connection: string; path: string; reference: string };

/**
 * The connection saved for `host`, matched as the core matches hosts (settings' findByHost): the same
 * host and port, or any of Docker Hub's names for Docker Hub.
 */
export function connectionForHost(host: string, connections: readonly NamedHost[]): NamedHost | undefined {
  const isHub = isDockerHubHost(host);
  return connections.find((saved) => saved.host === host || (isHub && isDockerHubHost(saved.host)));
}

/**
 * A job's title with every `host[:port]/repository…` whose host a saved connection names split into
 * that connection's name and the rest; a host no connection names stays as it is.
 */
export function titleParts(title: string, connections: readonly NamedHost[]): TitlePart[] {
  const parts: TitlePart[] = [];
  let text = '';
  for (const word of title.split(/( )/)) {
    // A whole registry (a storage scan's title) is its host alone; an image or repository, host/path.
    const slash = word.includes('/') ? word.indexOf('/') : word.length;
    const saved = slash > 0 ? connectionForHost(word.slice(0, slash), connections) : undefined;
    if (!saved) {
      text += word;
      continue;
    }
    if (text) parts.push({ text });
    text = '';
    parts.push({ connection: saved.name, path: word.slice(slash + 1), reference: word });
  }
  if (text) parts.push({ text });
  return parts;
}

/**
 * A job's error as the Transfers page says it: every host a saved connection names is that connection's
 * name (“staging”, not 127.0.0.1:5000). The hint is already the app's (the core sends its appHint).
 */
export function describeJobError(error: ErrorInfo, connections: readonly NamedHost[]): ErrorInfo {
  const name = (text: string) =>
    connections.reduce(
      (result, saved) =>
        result.replace(
          new RegExp(`(^|[\\s(/“"'])${escapeRegExp(saved.host)}(?=[/:\\s,;)”"']|$)`, 'g'),
          `$1${saved.name}`,
        ),
      text,
    );
  const { hint } = error;
  return { ...error, message: name(error.message), ...(hint === undefined ? {} : { hint: name(hint) }) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The amount line of a job: bytes done of the total, or, where nothing is sized, what is known instead. An
 * engine that reports layer states but no sizes (Podman) gets its layers counted and says so, never
 * "0 B of 0 B".
 */
export function describeAmount(t: Translate, job: JobSnapshot): string {
  if (job.kind === 'mirror-test')
    return t(math.mirrorsChecked, { done: job.overall.itemsDone, total: job.overall.itemsTotal });
  if (job.kind === 'prune') {
    const deleted = job.items.filter((item) => item.kind === 'tag' && item.state === 'done').length;
    return t(math.tagsDeleted, { done: deleted, total: job.items.length });
  }
  // A storage scan moves nothing: its one sized item counts repositories.
  if (job.kind === 'storage') {
    const repositories = job.items.find((item) => item.id === 'repositories');
    if (!repositories) return t(job.status === 'running' ? math.listingRepositories : math.nothingCounted);
    return t(math.repositoriesCounted, { done: repositories.bytesDone, total: repositories.bytesTotal ?? 0 });
  }
  const { done, total } = jobBytes(job);
  if (total > 0) return t(card.bytesOf, { done: formatSize(t.intl, done), total: formatSize(t.intl, total) });
  const layers = job.items.filter((item) => item.kind === 'layer');
  if (layers.length) {
    const finished = layers.filter((item) => FINISHED_ITEM_STATES.has(item.state) && item.state !== 'failed');
    const count = t(math.layersOf, { done: finished.length, total: layers.length });
    // Docker sends sizes a moment after the layers: only a finished job knows there were none.
    if (job.status === 'running') return count;
    const isPodman = (job.kind === 'pull' || job.kind === 'push') && job.result?.engine === 'podman';
    return t(isPodman ? math.podmanNoSizes : math.engineNoSizes, { count });
  }
  if (job.status === 'running') return t(math.starting);
  return t(job.status === 'succeeded' ? math.nothingNeeded : math.nothingMoved);
}

/**
 * `24 tags copied, 1 already there` for a finished sync, `2 images in /home/me/app.tar (12 MiB)` for a
 * finished save, `2 images loaded (3 tags), digests kept` for a load; undefined for other kinds.
 */
export function describeTags(t: Translate, job: JobSnapshot): string | undefined {
  if (job.kind === 'save' && job.result) {
    const { images, output, fileBytes } = job.result;
    return t(math.saved, { count: images.length, output, size: formatSize(t.intl, fileBytes) });
  }
  if (job.kind === 'load' && job.result) {
    const { images, note } = job.result;
    const tags = images.reduce((sum, image) => sum + image.tags.length, 0);
    // The core's one note says the digests are new (a Docker archive's plain layers).
    return t(note ? math.loadedNewDigests : math.loaded, { count: images.length, tags });
  }
  if (job.kind !== 'sync' || !job.result) return undefined;
  const { copied, unchanged } = job.result.tags;
  return unchanged.length
    ? t(math.tagsCopiedSomeThere, { count: copied.length, unchanged: unchanged.length })
    : t(math.tagsCopied, { count: copied.length });
}
