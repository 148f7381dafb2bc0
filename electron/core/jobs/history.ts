// The transfers history: jobs written to `<dataDir>/job-history.json` as they start and finish, so a
// restarted Berth shows what ran before. Bounded (the newest jobs, a size cap), scrubbed of every secret
// the process handled, written under the file lock and replaced atomically. A file Berth cannot read is
// set aside, never overwritten, and the session runs on without it.
import { closeSync, constants, fstatSync, openSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { JobKind, JobSnapshot } from '../../../shared/jobs.js';
import { isRecord } from '../../../shared/records.js';
import { isProcessAlive, updateFile, withFileLockSync } from '../files/index.js';

export const HISTORY_FILE = 'job-history.json';
const HISTORY_VERSION = 1;

export interface HistoryLimits {
  /** The newest jobs kept. */
  maxJobs: number;
  /** The file's size cap in bytes: the oldest jobs go first. */
  maxBytes: number;
  /** Items (blobs, layers) kept per job; a sync of a thousand tags keeps its first ones and its counts. */
  maxItemsPerJob: number;
}

/** The least size a history file is read up to, whatever `maxBytes` is (4 × maxBytes otherwise). */
const MIN_READ_CAP = 4 * 1024 * 1024;

export const DEFAULT_HISTORY_LIMITS: HistoryLimits = {
  maxJobs: 100,
  maxBytes: 512 * 1024,
  maxItemsPerJob: 200,
};

/** One job as the file holds it: a running job names its process, so another Berth can tell it died. */
export interface HistoryEntry {
  job: JobSnapshot;
  /** The process that ran it and its machine; a running job of a dead process was interrupted. */
  pid: number;
  host: string;
  /** When this entry was last written: an interrupted job stopped at some point after it. */
  savedAt: number;
}

interface HistoryFile {
  version: number;
  entries: HistoryEntry[];
}

const STATUSES = ['running', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const;
/** Every kind, as a record so that a kind added to JobResults without a place here does not compile. */
const KIND_NAMES: Record<JobKind, true> = {
  copy: true,
  sync: true,
  pull: true,
  push: true,
  'mirror-test': true,
  save: true,
  prune: true,
  storage: true,
  load: true,
};
const KINDS = Object.keys(KIND_NAMES) as [JobKind, ...JobKind[]];

// Only what the transfers list reads is checked; a job's result is plain data it shows as it is. Checked by
// hand, not with zod: this module is loaded with the services by every command (`berth inspect` too), and
// zod with it cost them ≈ 20 ms; test/unit/job-history.test.ts compares this with the zod schema it replaced.
function isHistoryFile(value: unknown): value is HistoryFile {
  return isRecord(value) && value.version === HISTORY_VERSION && isListOf(value.entries, isEntry);
}

function isEntry(value: unknown): value is HistoryEntry {
  return (
    isRecord(value) &&
    Number.isSafeInteger(value.pid) &&
    typeof value.host === 'string' &&
    isNumber(value.savedAt) &&
    isRecord(value.job) &&
    isJob(value.job)
  );
}

function isJob(job: Record<string, unknown>): boolean {
  return (
    typeof job.id === 'string' &&
    job.id.length >= 1 &&
    KINDS.includes(job.kind as JobKind) &&
    typeof job.title === 'string' &&
    STATUSES.includes(job.status as (typeof STATUSES)[number]) &&
    isNumber(job.startedAt) &&
    (job.finishedAt === undefined || isNumber(job.finishedAt)) &&
    isListOf(
      job.items,
      (item) =>
        isRecord(item) &&
        typeof item.id === 'string' &&
        typeof item.label === 'string' &&
        typeof item.state === 'string',
    ) &&
    isRecord(job.overall) &&
    isNumber(job.overall.bytesDone) &&
    isNumber(job.overall.bytesTotal)
  );
}

function isListOf(value: unknown, isItem: (item: unknown) => boolean): boolean {
  return Array.isArray(value) && value.every(isItem);
}

/** As zod's `z.number()`: a finite number. */
function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The entries of a history file's text; throws a short reason when the text is not one. */
export function parseHistory(text: string): HistoryEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('it is not JSON');
  }
  if (!isHistoryFile(value)) throw new Error('it is not a Berth job history of this version');
  for (const entry of value.entries) {
    withoutProtoKey(entry);
    withoutProtoKey(entry.job);
    withoutProtoKey(entry.job.overall);
    for (const item of entry.job.items) withoutProtoKey(item);
  }
  return value.entries;
}

/**
 * JSON.parse makes a `"__proto__"` key an own property, which the schema's objects left out of what they
 * gave: an `Object.assign` of the job (a copy key by key) would otherwise take it as the copy's prototype.
 */
function withoutProtoKey(record: object): void {
  if (Object.hasOwn(record, '__proto__')) delete (record as { __proto__?: unknown }).__proto__;
}

/** When a job last changed: its finish, else its start. */
function lastTime(entry: HistoryEntry): number {
  return entry.job.finishedAt ?? entry.job.startedAt;
}

/**
 * A storage scan's report can run to megabytes (every repository and its tags) and is stale soon after:
 * the history keeps that the scan ran, not its figures, so it never pushes other jobs out of the file.
 */
function withoutStorageReport(entry: HistoryEntry): HistoryEntry {
  if (entry.job.kind !== 'storage' || entry.job.result === undefined) return entry;
  const { result: _result, ...job } = entry.job;
  return { ...entry, job };
}

/**
 * The entries the file keeps: one per job id (the later write wins), newest first, at most `maxJobs`,
 * each with at most `maxItemsPerJob` items, and the oldest dropped until the text fits `maxBytes`.
 */
export function boundHistory(entries: readonly HistoryEntry[], limits: HistoryLimits): HistoryEntry[] {
  const byId = new Map<string, HistoryEntry>();
  for (const entry of entries) {
    const known = byId.get(entry.job.id);
    if (!known || entry.savedAt >= known.savedAt) byId.set(entry.job.id, entry);
  }
  const kept = [...byId.values()]
    .sort((a, b) => lastTime(b) - lastTime(a))
    .slice(0, limits.maxJobs)
    .map(withoutStorageReport)
    .map((entry) =>
      entry.job.items.length > limits.maxItemsPerJob
        ? { ...entry, job: { ...entry.job, items: entry.job.items.slice(0, limits.maxItemsPerJob) } }
        : entry,
    );
  while (kept.length > 0 && serializeHistory(kept).length > limits.maxBytes) kept.pop();
  return kept;
}

export function serializeHistory(entries: readonly HistoryEntry[]): string {
  const file: HistoryFile = { version: HISTORY_VERSION, entries: [...entries] };
  return `${JSON.stringify(file)}\n`;
}

export const INTERRUPTED_ERROR: ErrorInfo = {
  code: 'CANCELLED',
  message: 'Berth stopped while this job was running, so it did not finish.',
  hint: 'Start it again from the image or repository it was for.',
};

/**
 * The jobs an earlier session left, as this session shows them: a job still marked running whose
 * process is gone is interrupted (finished at its last write); one whose process still runs (a CLI copy
 * beside the app) is that process's to show and is left out. Each is marked as restored.
 */
export function restoreJobs(
  entries: readonly HistoryEntry[],
  isAlive: (entry: HistoryEntry) => boolean,
): { jobs: JobSnapshot[]; interrupted: HistoryEntry[] } {
  const jobs: JobSnapshot[] = [];
  const interrupted: HistoryEntry[] = [];
  for (const entry of entries) {
    if (entry.job.status !== 'running') {
      jobs.push({ ...entry.job, isRestored: true });
      continue;
    }
    if (isAlive(entry)) continue;
    const job: JobSnapshot = {
      ...entry.job,
      status: 'interrupted',
      finishedAt: entry.savedAt,
      overall: { ...entry.job.overall, rate: 0, etaSeconds: undefined },
      error: INTERRUPTED_ERROR,
    };
    interrupted.push({ ...entry, job });
    jobs.push({ ...job, isRestored: true });
  }
  return { jobs, interrupted };
}

export interface JobHistoryOptions {
  limits?: Partial<HistoryLimits>;
  /** Every secret the process handled so far: no entry is written with one of them in it. */
  scrub?: (entry: HistoryEntry) => HistoryEntry;
  /** Something went wrong with the file; the jobs run on regardless. */
  onWarning?: (message: string) => void;
  now?: () => number;
}

/** The history file of one data folder; many Berth processes may share it (the app, the host, the CLI). */
export class JobHistory {
  readonly path: string;
  /** Why the history of earlier sessions is not shown (a damaged file, set aside); shown once. */
  problem: ErrorInfo | undefined;
  private readonly limits: HistoryLimits;
  private readonly now: () => number;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly options: JobHistoryOptions = {},
  ) {
    this.path = path.join(dataDir, HISTORY_FILE);
    this.limits = { ...DEFAULT_HISTORY_LIMITS, ...options.limits };
    this.now = options.now ?? Date.now;
  }

  /**
   * The jobs of earlier sessions, newest first. A file that cannot be read as a history is renamed to
   * `job-history.json.corrupt-<time>` and `problem` says so: this session starts with an empty history.
   */
  load(): JobSnapshot[] {
    let entries: HistoryEntry[];
    try {
      entries = withFileLockSync(this.path, () => this.readOrSetAside());
    } catch (error) {
      this.warn(`the transfers history ${this.path} could not be read: ${(error as Error).message}`);
      return [];
    }
    // As written, or not: another program may have written more than Berth keeps.
    const { jobs, interrupted } = restoreJobs(boundHistory(entries, this.limits), (entry) =>
      isRunningElsewhere(entry),
    );
    if (interrupted.length > 0) this.write((current) => [...current, ...interrupted]);
    return jobs;
  }

  /** Writes (or rewrites) a job: at its start, so a crash leaves it to be marked interrupted, and at its end. */
  record(job: JobSnapshot): void {
    const { isRestored: _isRestored, ...kept } = job;
    const entry: HistoryEntry = { job: kept, pid: process.pid, host: os.hostname(), savedAt: this.now() };
    this.write((current) => [...current, entry]);
  }

  /** Takes jobs out of the history (cleared as finished, or replaced by their retry). */
  remove(ids: readonly string[]): void {
    const gone = new Set(ids);
    this.write((current) => current.filter((entry) => !gone.has(entry.job.id)));
  }

  /** Resolves once every write asked for so far is on disk (or has failed and been reported). */
  async flush(): Promise<void> {
    await this.writes;
  }

  private readOrSetAside(): HistoryEntry[] {
    let descriptor: number;
    try {
      // Without blocking: a FIFO in its place would otherwise hold start-up until something wrote to it.
      descriptor = openSync(this.path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    // Read synchronously at start-up: only a regular file, and not one far past what Berth writes.
    let text: string | undefined;
    let refusal: string | undefined;
    try {
      const info = fstatSync(descriptor);
      const cap = Math.max(4 * this.limits.maxBytes, MIN_READ_CAP);
      if (!info.isFile()) refusal = 'it is not a regular file';
      else if (info.size > cap) refusal = `it is ${info.size} bytes, far more than Berth writes there`;
      else text = readFileSync(descriptor, 'utf8');
    } finally {
      closeSync(descriptor);
    }
    try {
      if (refusal !== undefined) throw new Error(refusal);
      return parseHistory(text ?? '');
    } catch (reason) {
      const aside = `${this.path}.corrupt-${new Date(this.now()).toISOString().replace(/[:.]/g, '-')}`;
      renameSync(this.path, aside);
      this.problem = {
        code: 'CONFIG',
        message: `The transfers history of earlier sessions could not be read (${(reason as Error).message}), so it is not shown.`,
        hint: `It was kept as ${path.basename(aside)} in Berth's data folder; new transfers are recorded in a fresh history.`,
      };
      this.warn(`${this.path} could not be read (${(reason as Error).message}); kept as ${aside}`);
      return [];
    }
  }

  /** One read-modify-write at a time, in order; a damaged file met here is left alone, not overwritten. */
  private write(change: (current: HistoryEntry[]) => HistoryEntry[]): void {
    this.writes = this.writes.then(() =>
      updateFile(
        this.path,
        (current) => {
          let entries: HistoryEntry[] = [];
          if (current !== undefined)
            try {
              entries = parseHistory(current.toString('utf8'));
            } catch {
              // Damaged since it was loaded (another writer, a disk error): set aside at the next start.
              return undefined;
            }
          const scrub = this.options.scrub ?? ((entry: HistoryEntry) => entry);
          return serializeHistory(boundHistory(change(entries).map(scrub), this.limits));
        },
        { mode: 0o600 },
      ).catch((error: unknown) => {
        this.warn(`the transfers history ${this.path} could not be written: ${(error as Error).message}`);
      }),
    );
  }

  private warn(message: string): void {
    this.options.onWarning?.(message);
  }
}

/** A running entry of another live process on this machine (or of another machine: not ours to judge). */
function isRunningElsewhere(entry: HistoryEntry): boolean {
  if (entry.host !== os.hostname()) return true;
  return entry.pid !== process.pid && isProcessAlive(entry.pid);
}
