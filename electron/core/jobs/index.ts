// Long-running work (copies, pulls, pushes, syncs): the JobManager queues jobs, runs each with an
// AbortSignal, tracks per-item progress and reports snapshots and events. Offers JobManager and the
// JobContext a runner receives.
import { randomUUID } from 'node:crypto';
import type { ErrorInfo } from '../../../shared/errors.js';
import {
  FINISHED_ITEM_STATES,
  type ItemState,
  type JobEvent,
  type JobHeading,
  type JobItem,
  type JobKind,
  type JobResults,
  type JobSnapshot,
  type JobSnapshotOf,
} from '../../../shared/jobs.js';
import { BerthError, CancelledError } from '../errors.js';
import { INTERRUPTED_ERROR, type JobHistory } from './history.js';
import type { AnyJobInputs, JobInputs } from './kinds.js';

export type { AnyJobInputs, JobInputs } from './kinds.js';

/** What a running job reports through. */
export interface JobContext {
  readonly signal: AbortSignal;
  /** Adds (or returns) an item; `bytesTotal` counts towards the job's total. */
  item(id: string, init: Omit<JobItem, 'id' | 'state' | 'bytesDone'> & { state?: ItemState }): ItemHandle;
}

export interface ItemHandle {
  setState(state: ItemState, note?: string): void;
  addBytes(bytes: number): void;
  /** Puts bytes back when a transfer restarts from zero. */
  resetBytes(): void;
  /** Sets the size once it is known (a Docker layer's size arrives with its first progress message). */
  setTotal(bytes: number): void;
}

/** A job to run again, its input typed by its kind (a front door's `retry` check reads it). */
export type RetriedJob<Inputs extends AnyJobInputs = JobInputs> = {
  [K in JobKind]: { kind: K; input: Inputs[K] };
}[JobKind];

/** Throws when a finished job may no longer run again as it was (a registry no saved connection names). */
export type RetryCheck<Inputs extends AnyJobInputs = JobInputs> = (job: RetriedJob<Inputs>) => void;

export type JobRunner<Input, Result> = (input: Input, context: JobContext) => Promise<Result>;

type Runners<Inputs extends AnyJobInputs> = { [K in JobKind]?: JobRunner<Inputs[K], JobResults[K]> };

/** `isOneShot`: the input is used up by the run (an uploaded file), so the job offers no retry. */
export interface JobOptions {
  isOneShot?: boolean;
  heading?: JobHeading;
}

export interface JobManagerOptions {
  now?: () => number;
  /** Minimum time between progress events of one job (default 250 ms: four a second). */
  throttleMs?: number;
  /** Finished jobs kept for the transfers list. */
  keepFinished?: number;
  /** Window for the transfer rate. */
  rateWindowMs?: number;
  /** Where jobs are recorded as they start and finish, and read back from at start-up. */
  history?: JobHistory;
}

interface JobState {
  snapshot: JobSnapshot;
  /**
   * Starts the same kind, input and title again, once `check` (if any) accepts them; the input stays
   * here, never in the snapshot.
   */
  retry: (check?: RetryCheck<AnyJobInputs>) => string;
  items: Map<string, JobItem>;
  controller: AbortController;
  done: Promise<JobSnapshot>;
  samples: { at: number; bytes: number }[];
  lastEmit: number;
  timer?: NodeJS.Timeout;
}

/**
 * A snapshot of kind K as a snapshot of any kind. Sound: `kind` and `result` come from the same `start<K>`
 * (its runner was registered for K), but TypeScript cannot follow a generic kind into a union.
 */
function asAnyKind<K extends JobKind>(snapshot: JobSnapshotOf<K>): JobSnapshot {
  return snapshot as JobSnapshot;
}

function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof BerthError) return error.toInfo();
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: 'PROTOCOL',
    message,
    hint: 'Berth ran into a failure of its own, not of your registry: retry the job, and if it keeps happening, report it with the message above.',
  };
}

/**
 * Runs long work in the background: `start` answers with an id at once, progress is throttled to a
 * few events a second, `cancel` aborts every request through the job's AbortSignal, and finished
 * jobs keep their result or typed error.
 */
export class JobManager<Inputs extends AnyJobInputs = JobInputs> {
  private runners: Runners<Inputs> = {};
  private readonly jobs = new Map<string, JobState>();
  private readonly listeners = new Set<(event: JobEvent) => void>();
  private readonly removalListeners = new Set<(ids: string[]) => void>();
  private readonly history: JobHistory | undefined;
  /** Set by `stop`: what the cancelled jobs do afterwards is not this session's history any more. */
  private isStopped = false;
  private readonly now: () => number;
  private readonly throttleMs: number;
  private readonly keepFinished: number;
  private readonly rateWindowMs: number;

  constructor(options: JobManagerOptions = {}) {
    this.now = options.now ?? Date.now;
    this.throttleMs = options.throttleMs ?? 250;
    this.keepFinished = options.keepFinished ?? 50;
    this.rateWindowMs = options.rateWindowMs ?? 3000;
    this.history = options.history;
    for (const job of this.history?.load() ?? []) this.restore(job);
    this.prune();
  }

  /** Why the history of earlier sessions is missing, if it is (a damaged file was set aside). */
  get historyProblem(): ErrorInfo | undefined {
    return this.history?.problem;
  }

  /** Resolves when the history file has every change made so far. */
  async flushHistory(): Promise<void> {
    await this.history?.flush();
  }

  register<K extends JobKind>(kind: K, runner: JobRunner<Inputs[K], JobResults[K]>): void {
    this.runners = { ...this.runners, [kind]: runner };
  }

  subscribe(listener: (event: JobEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Hears the ids of jobs taken off the list (cleared, or replaced by their retry). */
  onRemoved(listener: (ids: string[]) => void): () => void {
    this.removalListeners.add(listener);
    return () => this.removalListeners.delete(listener);
  }

  /** Starts a job; `options` as JobOptions says. */
  start<K extends JobKind>(kind: K, input: Inputs[K], title: string, options: JobOptions = {}): string {
    return this.launch(kind, input, title, options).id;
  }

  /** Like `start`, plus the finished snapshot typed by its kind (a front door that waits for its own job). */
  launch<K extends JobKind>(
    kind: K,
    input: Inputs[K],
    title: string,
    options: JobOptions = {},
  ): { id: string; done: Promise<JobSnapshotOf<K>> } {
    const runner = this.runners[kind];
    if (!runner) throw new Error(`no runner for jobs of kind ${kind}`);
    const id = randomUUID();
    const controller = new AbortController();
    const snapshot: JobSnapshotOf<K> = {
      id,
      kind,
      title,
      status: 'running',
      startedAt: this.now(),
      items: [],
      overall: { bytesDone: 0, bytesTotal: 0, itemsDone: 0, itemsTotal: 0, rate: 0 },
      ...(options.isOneShot ? { isOneShot: true } : {}),
      ...(options.heading ? { heading: options.heading } : {}),
    };
    const state: JobState = {
      retry: (check) => {
        // Sound like asAnyKind: `kind` and `input` come from this same `launch<K>`.
        check?.({ kind, input } as RetriedJob<AnyJobInputs>);
        return this.start(kind, input, title, options.heading ? { heading: options.heading } : {});
      },
      snapshot: asAnyKind(snapshot),
      items: new Map(),
      controller,
      samples: [],
      lastEmit: 0,
      done: Promise.resolve(undefined as never),
    };
    this.jobs.set(id, state);
    const context = this.contextFor(state);
    const done = (async (): Promise<JobSnapshotOf<K>> => {
      try {
        // A microtask first: `start` returns the id before any of the work runs.
        await Promise.resolve();
        const result = await runner(input, context);
        return this.finish(state, { ...snapshot, status: 'succeeded', result });
      } catch (error) {
        const cancelled = controller.signal.aborted || error instanceof CancelledError;
        return this.finish(state, {
          ...snapshot,
          status: cancelled ? 'cancelled' : 'failed',
          error: cancelled ? { code: 'CANCELLED', message: `${title}: cancelled` } : toErrorInfo(error),
        });
      }
    })();
    state.done = done.then(asAnyKind);
    this.emit(state);
    if (!this.isStopped) this.history?.record(state.snapshot);
    return { id, done };
  }

  cancel(id: string): boolean {
    const state = this.jobs.get(id);
    if (!state || state.snapshot.status !== 'running') return false;
    state.controller.abort(new CancelledError(`${state.snapshot.title}: cancelled`));
    return true;
  }

  /**
   * Starts a finished (failed, cancelled or succeeded) job's kind and input again as a new job that
   * takes its place: the old one leaves the list and the history. `check` sees them first and throws to
   * refuse (the old job then stays).
   */
  retry(id: string, check?: RetryCheck<Inputs>): string {
    const state = this.jobs.get(id);
    if (!state)
      throw new BerthError('NOT_FOUND', `there is no job ${id}`, {
        hint: 'Only recent jobs of this Berth process are kept; start it again.',
      });
    if (state.snapshot.status === 'running')
      throw new BerthError('INVALID_INPUT', `${state.snapshot.title} is still running`, {
        hint: 'Wait for it to finish, or cancel it first.',
      });
    const next = state.retry(check as RetryCheck<AnyJobInputs> | undefined);
    this.remove([id]);
    return next;
  }

  /**
   * The process is going away: every running job is recorded as interrupted (as the next session would
   * find it) and cancelled, and nothing more is written to the history.
   */
  stop(): void {
    const now = this.now();
    for (const state of this.jobs.values()) {
      if (state.snapshot.status !== 'running') continue;
      this.history?.record({
        ...this.refresh(state),
        status: 'interrupted',
        finishedAt: now,
        error: INTERRUPTED_ERROR,
      });
      state.controller.abort(new CancelledError(`${state.snapshot.title}: cancelled`));
    }
    this.isStopped = true;
  }

  /** Takes every job that is not running off the list and out of the history; answers their ids. */
  clearFinished(): string[] {
    const ids = [...this.jobs.values()]
      .filter((state) => state.snapshot.status !== 'running')
      .map((state) => state.snapshot.id);
    this.remove(ids);
    return ids;
  }

  private remove(ids: string[]): void {
    if (ids.length === 0) return;
    for (const id of ids) this.jobs.delete(id);
    this.history?.remove(ids);
    for (const listener of this.removalListeners) listener(ids);
  }

  /** A job of an earlier session: listed as it ended; its input is gone, so it cannot run again. */
  private restore(job: JobSnapshot): void {
    const title = job.title;
    this.jobs.set(job.id, {
      snapshot: job,
      retry: () => {
        throw new BerthError('INVALID_INPUT', `${title} ran in an earlier session of Berth`, {
          hint: 'Start it again from the image or repository it was for.',
        });
      },
      items: new Map(job.items.map((item) => [item.id, { ...item }])),
      controller: new AbortController(),
      done: Promise.resolve(job),
      samples: [],
      lastEmit: 0,
    });
  }

  get(id: string): JobSnapshot | undefined {
    const state = this.jobs.get(id);
    return state ? this.refresh(state) : undefined;
  }

  list(): JobSnapshot[] {
    return [...this.jobs.values()]
      .map((state) => this.refresh(state))
      .sort((a, b) => b.startedAt - a.startedAt);
  }

  async wait(id: string): Promise<JobSnapshot> {
    const state = this.jobs.get(id);
    if (!state) throw new Error(`no job ${id}`);
    return state.done;
  }

  private contextFor(state: JobState): JobContext {
    return {
      signal: state.controller.signal,
      item: (id, init) => {
        let item = state.items.get(id);
        if (!item) {
          item = { ...init, id, state: init.state ?? 'waiting', bytesDone: 0 };
          state.items.set(id, item);
          this.changed(state);
        }
        const target = item;
        return {
          setState: (next, note) => {
            target.state = next;
            if (note !== undefined) target.note = note;
            this.changed(state);
          },
          addBytes: (bytes) => {
            target.bytesDone += bytes;
            state.samples.push({ at: this.now(), bytes });
            this.changed(state);
          },
          resetBytes: () => {
            target.bytesDone = 0;
            this.changed(state);
          },
          setTotal: (bytes) => {
            target.bytesTotal = bytes;
            this.changed(state);
          },
        };
      },
    };
  }

  /** Recomputes the snapshot's items and overall numbers from the live items. */
  private refresh(state: JobState): JobSnapshot {
    // An earlier session's job is shown as it was written (its items may have been cut to the bound).
    if (state.snapshot.isRestored) return state.snapshot;
    const items = [...state.items.values()].map((item) => ({ ...item }));
    const bytesDone = items.reduce((sum, item) => sum + item.bytesDone, 0);
    const bytesTotal = items.reduce((sum, item) => sum + (item.bytesTotal ?? 0), 0);
    const now = this.now();
    state.samples = state.samples.filter((sample) => now - sample.at <= this.rateWindowMs);
    const windowStart = Math.max(state.snapshot.startedAt, now - this.rateWindowMs);
    const span = Math.max(1, now - windowStart) / 1000;
    const rate =
      state.snapshot.status === 'running' ? state.samples.reduce((sum, s) => sum + s.bytes, 0) / span : 0;
    const remaining = Math.max(0, bytesTotal - bytesDone);
    state.snapshot = {
      ...state.snapshot,
      items,
      overall: {
        bytesDone,
        bytesTotal,
        itemsDone: items.filter((item) => FINISHED_ITEM_STATES.has(item.state)).length,
        itemsTotal: items.length,
        rate,
        etaSeconds: rate > 0 && state.snapshot.status === 'running' ? remaining / rate : undefined,
      },
    };
    return state.snapshot;
  }

  private changed(state: JobState): void {
    if (state.snapshot.status !== 'running') return;
    const now = this.now();
    if (now - state.lastEmit >= this.throttleMs) {
      this.emit(state);
      return;
    }
    // Throttled: one event at the end of the window carries everything that happened in it.
    state.timer ??= setTimeout(
      () => {
        state.timer = undefined;
        if (state.snapshot.status === 'running') this.emit(state);
      },
      this.throttleMs - (now - state.lastEmit),
    );
  }

  private emit(state: JobState): void {
    state.lastEmit = this.now();
    const job = this.refresh(state);
    for (const listener of this.listeners)
      listener({ type: job.status === 'running' ? 'progress' : 'finished', job });
  }

  /** `outcome` is the job's first snapshot with its final status and its result or error. */
  private finish<K extends JobKind>(state: JobState, outcome: JobSnapshotOf<K>): JobSnapshotOf<K> {
    if (state.timer) clearTimeout(state.timer);
    const finished: JobSnapshotOf<K> = { ...outcome, finishedAt: this.now() };
    state.snapshot = asAnyKind(finished);
    // Emitting recomputes the items and totals from the live items, with the rate at rest.
    this.emit(state);
    if (!this.isStopped) this.history?.record(state.snapshot);
    this.prune();
    return { ...finished, items: state.snapshot.items, overall: state.snapshot.overall };
  }

  private prune(): void {
    const finished = [...this.jobs.values()]
      .filter((state) => state.snapshot.status !== 'running')
      .sort((a, b) => (b.snapshot.finishedAt ?? 0) - (a.snapshot.finishedAt ?? 0));
    for (const state of finished.slice(this.keepFinished)) this.jobs.delete(state.snapshot.id);
  }
}
export { createJobManager, type JobDeps } from './setup.js';
export {
  boundHistory,
  HISTORY_FILE,
  JobHistory,
  parseHistory,
  restoreJobs,
  serializeHistory,
  type HistoryEntry,
  type HistoryLimits,
} from './history.js';
