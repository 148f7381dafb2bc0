import type { Outcome } from '../../../shared/contract/index.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { JobEvent, JobSnapshot } from '../../../shared/jobs.js';
import { appendSample, sortJobs } from './job-math.js';

/** What the transfers panel draws: every known job, in display order, with its rate history. */
export interface JobsView {
  jobs: JobSnapshot[];
  /** Job id → recent rates (bytes per second), oldest first, for the sparkline. */
  rates: ReadonlyMap<string, readonly number[]>;
  /** The first list of jobs has answered (events may have arrived before it). */
  isLoaded: boolean;
  /** Why that list failed; events keep arriving regardless. */
  loadError?: ErrorInfo;
}

export interface JobSource {
  list(): Promise<Outcome<JobSnapshot[]>>;
  subscribe(listener: (event: JobEvent) => void): () => void;
  /** Jobs the core took off its list (cleared, or replaced by their retry). */
  onRemoved(listener: (ids: string[]) => void): () => void;
  /** The event stream came back after a gap in which events may have been lost. */
  onReconnect(listener: () => void): () => void;
}

/** What a job lost with a restarted Berth says (the core says the same of one it reads back). */
export const INTERRUPTED: ErrorInfo = {
  code: 'CANCELLED',
  message: 'Berth stopped while this job was running, so it did not finish.',
  hint: 'Start it again from the image or repository it was for.',
};

/** Finished jobs kept on screen, like the core keeps them. */
const KEEP_FINISHED = 50;

/** Runs `flush` once before the next paint, however many events arrived meanwhile. */
export type Scheduler = (flush: () => void) => void;

/**
 * Jobs outlive the page that shows them: this store listens from the first subscriber on, for as long
 * as the app runs, so a copy started in the explorer keeps its history while the user is elsewhere.
 * Events only update maps; listeners hear about them at most once per frame, so ten jobs each sending
 * a few events a second cost one render a frame, not one per event.
 */
export class JobStore {
  private readonly jobs = new Map<string, JobSnapshot>();
  private readonly rates = new Map<string, readonly number[]>();
  private readonly listeners = new Set<() => void>();
  private view: JobsView = { jobs: [], rates: new Map(), isLoaded: false };
  private isLoaded = false;
  private loadError: ErrorInfo | undefined;
  private isScheduled = false;
  private isStarted = false;
  /** Jobs taken off the list: a list answer sent before the removal must not bring them back. */
  private readonly removed = new Set<string>();

  constructor(
    private readonly source: JobSource,
    private readonly schedule: Scheduler,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    this.start();
    return () => this.listeners.delete(listener);
  };

  getView = (): JobsView => this.view;

  apply(event: JobEvent): void {
    const { job } = event;
    if (this.removed.has(job.id)) return;
    this.jobs.set(job.id, job);
    this.rates.set(job.id, appendSample(this.rates.get(job.id) ?? [], job.overall.rate));
    this.changed();
  }

  /** Takes jobs off the list: cleared as finished, or a failed one its retry replaces. */
  remove(ids: readonly string[]): void {
    for (const id of ids) {
      this.removed.add(id);
      this.jobs.delete(id);
      this.rates.delete(id);
    }
    this.changed();
  }

  private start(): void {
    if (this.isStarted) return;
    this.isStarted = true;
    // Listen first, then list: an event that overtakes the list answer is newer and wins.
    this.source.subscribe((event) => this.apply(event));
    this.source.onRemoved((ids) => this.remove(ids));
    // A finish sent while the socket was down would leave its job running here forever: list again.
    this.source.onReconnect(() => this.load(true));
    this.load(false);
  }

  private load(isReload: boolean): void {
    void this.source.list().then((outcome) => {
      this.isLoaded = true;
      if (outcome.ok) {
        this.loadError = undefined;
        this.merge(outcome.value, isReload);
      } else this.loadError = outcome.error;
      this.changed();
    });
  }

  /**
   * Events are newer than a list answer, except that a finish is final: a listed job is taken when it is
   * new here or when it finished while this store still shows it running.
   */
  private merge(listed: JobSnapshot[], isReload: boolean): void {
    const listedIds = new Set<string>();
    for (const job of listed) {
      listedIds.add(job.id);
      if (this.removed.has(job.id)) continue;
      const known = this.jobs.get(job.id);
      if (!known || (known.status === 'running' && job.status !== 'running')) this.jobs.set(job.id, job);
    }
    if (!isReload) return;
    // The core keeps every running job, so one it no longer lists went away with a restarted host.
    for (const job of this.jobs.values())
      if (job.status === 'running' && !listedIds.has(job.id))
        this.jobs.set(job.id, {
          ...job,
          status: 'interrupted',
          finishedAt: Date.now(),
          isRestored: true,
          error: INTERRUPTED,
        });
  }

  private changed(): void {
    if (this.isScheduled) return;
    this.isScheduled = true;
    this.schedule(() => {
      this.isScheduled = false;
      const sorted = sortJobs(this.jobs.values());
      const finished = sorted.filter((job) => job.status !== 'running');
      for (const job of finished.slice(KEEP_FINISHED)) {
        this.jobs.delete(job.id);
        this.rates.delete(job.id);
      }
      this.view = {
        jobs: sorted.filter((job) => this.jobs.has(job.id)),
        rates: new Map(this.rates),
        isLoaded: this.isLoaded,
        ...(this.loadError ? { loadError: this.loadError } : {}),
      };
      for (const listener of this.listeners) listener();
    });
  }
}
