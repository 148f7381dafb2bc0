import { MAX_SUMMARY_TAGS, type TagSummaryView } from '../../../shared/contract/registry.js';
import type { ErrorInfo } from '../../../shared/errors.js';

/** Asks the core for the summaries of a few tags; rejects with the `ErrorInfo` when the whole request failed. */
export type FetchSummaries = (tags: string[]) => Promise<TagSummaryView[]>;

export interface TagDetailsOptions {
  fetch: FetchSummaries;
  /** Scrolling settles this long before the rows on screen are asked for. */
  debounceMs?: number;
  /** Requests on their way at once; more rows wait for one to answer. */
  maxInFlight?: number;
  batchSize?: number;
  /** The timer, injectable so tests drive it. */
  setTimer?: (run: () => void, ms: number) => () => void;
}

const browserTimer = (run: () => void, ms: number) => {
  const id = setTimeout(run, ms);
  return () => clearTimeout(id);
};

/**
 * The details of the tag rows on screen, fetched lazily: `show` names the visible rows (every scroll),
 * and once scrolling pauses the ones not yet known are asked for in batches, a few requests at most in
 * flight. Rows scrolled past before their turn are never asked for, so flinging through 100,000 tags
 * costs the requests of the rows it stops on. Answers are kept for the loader's life (one repository,
 * until the pane refreshes); a failed request marks its tags with the error rather than retrying.
 */
export class TagDetailsLoader {
  private readonly known = new Map<string, TagSummaryView>();
  private readonly asked = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private disposed = false;
  private visible: readonly string[] = [];
  private pinned: readonly string[] = [];
  private inFlight = 0;
  private cancelTimer: (() => void) | undefined;
  private readonly fetch: FetchSummaries;
  private readonly debounceMs: number;
  private readonly maxInFlight: number;
  private readonly batchSize: number;
  private readonly setTimer: NonNullable<TagDetailsOptions['setTimer']>;

  constructor(options: TagDetailsOptions) {
    this.fetch = options.fetch;
    this.debounceMs = options.debounceMs ?? 120;
    this.maxInFlight = options.maxInFlight ?? 2;
    this.batchSize = Math.min(options.batchSize ?? MAX_SUMMARY_TAGS, MAX_SUMMARY_TAGS);
    this.setTimer = options.setTimer ?? browserTimer;
  }

  get(tag: string): TagSummaryView | undefined {
    return this.known.get(tag);
  }

  /** Every summary in so far, in the order they answered. */
  summaries(): IterableIterator<TagSummaryView> {
    return this.known.values();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The rows now on screen; replaces the previous ones, so rows scrolled away are no longer wanted. */
  show(tags: readonly string[]): void {
    if (this.disposed) return;
    this.visible = tags;
    this.cancelTimer?.();
    this.cancelTimer = this.setTimer(() => {
      this.cancelTimer = undefined;
      this.startBatches();
    }, this.debounceMs);
  }

  /**
   * Tags asked for with the rows on screen wherever the list is scrolled: `latest`, so any row on its
   * digest can say "also latest" without the user scrolling to it. One manifest each, asked once.
   */
  pin(tags: readonly string[]): void {
    this.pinned = tags;
  }

  /** Asks for nothing more and drops the answers still coming (another repository, or a refresh). */
  dispose(): void {
    this.disposed = true;
    this.cancelTimer?.();
    this.listeners.clear();
  }

  private missing(): string[] {
    const wanted = this.pinned.length ? [...this.visible, ...this.pinned] : this.visible;
    return [...new Set(wanted)].filter((tag) => !this.known.has(tag) && !this.asked.has(tag));
  }

  private startBatches(): void {
    while (this.inFlight < this.maxInFlight) {
      const batch = this.missing().slice(0, this.batchSize);
      if (!batch.length) return;
      void this.load(batch);
    }
  }

  private async load(tags: string[]): Promise<void> {
    this.inFlight++;
    for (const tag of tags) this.asked.add(tag);
    const answers = new Map<string, TagSummaryView>();
    let failure: ErrorInfo = { code: 'PROTOCOL', message: 'Berth: the answer left this tag out' };
    try {
      for (const summary of await this.fetch(tags)) answers.set(summary.tag, summary);
    } catch (error) {
      failure = error as ErrorInfo;
    }
    this.inFlight--;
    if (this.disposed) return;
    // A tag without an answer keeps an error: asking again would only loop.
    for (const tag of tags) {
      this.known.set(tag, answers.get(tag) ?? { tag, state: 'error', error: failure });
      this.asked.delete(tag);
    }
    for (const listener of this.listeners) listener();
    // Rows that came on screen while this batch was out are next.
    this.startBatches();
  }
}
