import type { SearchAnswer, SearchFailure, SearchGroup, SearchHit } from '../../../shared/contract/index.js';
import { forEachBounded, withinDeadline } from '../../../shared/bounded.js';
import { isValidRepositoryPath } from '../../../shared/reference.js';
import { BerthError } from '../errors.js';
import { NetworkError, scrubValue } from '../registry/index.js';
import type { Place, SavedConnection } from '../settings/index.js';
import type { BerthServices } from '../services.js';
import { guessRepositories, isKnownUnlisted } from './guesses.js';
import { connectionMap, INDEX_LIMITS, SearchIndex, type IndexData, type IndexEntry } from './index-file.js';
import { listRepositoryNames } from './list-names.js';
import { matchScore, queryTokens, rankTop } from './match.js';

export interface SearchSettings {
  /** An entry older than this is refreshed (in the background for the app, first for the CLI). */
  freshMs: number;
  /** Connections listed at once. */
  concurrency: number;
  /** One connection's whole listing, every page. */
  deadlineMs: number;
  /** Pages one listing may read. */
  maxPages: number;
  /** A vendor search's answer. */
  vendorSearchMs: number;
  limits: typeof INDEX_LIMITS;
}

export const SEARCH_SETTINGS: SearchSettings = {
  freshMs: 10 * 60_000,
  concurrency: 3,
  deadlineMs: 60_000,
  maxPages: 200,
  vendorSearchMs: 10_000,
  limits: INDEX_LIMITS,
};

/** Runs `work` with a signal that aborts at the deadline or when `outer` does; rejects at the deadline. */
function within<T>(
  what: string,
  host: string,
  deadlineMs: number,
  outer: AbortSignal,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  return withinDeadline(
    deadlineMs,
    work,
    () =>
      new NetworkError(
        host,
        `${host} did not finish ${what} within ${Math.round(deadlineMs / 1000)} s`,
        'The registry is slow or stalled; its older names still answer searches. Try again later.',
      ),
    outer,
  );
}

function hintOf(error: unknown): string | undefined {
  return error instanceof BerthError ? error.appHint : undefined;
}

/**
 * One search across every saved connection: the on-disk index of their listings (refreshed a few
 * connections at a time, each within a deadline, never blocking a query), "open by name" guesses for
 * registries that list nothing, the vendors' own search APIs on request, and the starred places on top.
 */
export class SearchService {
  readonly index: SearchIndex;
  private readonly closing = new AbortController();
  private readonly running = new Map<string, Promise<SearchFailure | undefined>>();
  /**
   * Listings this process made but could not write to the index (a read-only data folder, a file that
   * is a folder): searches use them, and they count as fresh, so an index that cannot be written never
   * fails a search nor has every query list the registries again.
   */
  private readonly unsaved = new Map<string, IndexEntry>();
  private hasWarnedUnsaved = false;

  constructor(
    private readonly services: BerthServices,
    readonly settings: SearchSettings = SEARCH_SETTINGS,
  ) {
    this.index = new SearchIndex(services.settings.dataDir, settings.limits);
  }

  private savedNames(): Set<string> {
    return new Set(this.services.settings.list().map((saved) => saved.name));
  }

  private scrub(text: string): string {
    return scrubValue(text, this.services.secrets.list());
  }

  /** The index as this process knows it: the file, and the listings it could not write there. */
  async read(): Promise<IndexData> {
    const data = await this.index.read();
    if (!this.unsaved.size) return data;
    const connections = connectionMap(data.connections);
    for (const [name, entry] of this.unsaved) {
      const stored = connections[name];
      if (!stored || stored.host !== entry.host || stored.refreshedAt < entry.refreshedAt)
        connections[name] = entry;
    }
    return { ...data, connections };
  }

  /** Writes a connection's entry; one that cannot be written is kept in memory, with one warning. */
  private async store(saved: SavedConnection, entry: IndexEntry): Promise<void> {
    try {
      await this.index.put(this.savedNames(), saved.name, entry);
      this.unsaved.delete(saved.name);
    } catch (error) {
      this.unsaved.set(saved.name, entry);
      if (this.hasWarnedUnsaved) return;
      this.hasWarnedUnsaved = true;
      this.services.warn(
        `the search index could not be saved to ${this.index.path} (${this.scrub((error as Error).message)}); searches use what was listed since Berth started`,
      );
    }
  }

  /** Whether a connection's entry is missing, for another host, or older than `freshMs`. */
  isStale(data: IndexData, saved: SavedConnection, now = Date.now()): boolean {
    const entry = data.connections[saved.name];
    return !entry || entry.host !== saved.host || now - Date.parse(entry.refreshedAt) > this.settings.freshMs;
  }

  /** Lists the connections again now and stores what each gave; the failures come back as sentences. */
  async refresh(connections: readonly SavedConnection[]): Promise<SearchFailure[]> {
    const failures: SearchFailure[] = [];
    await forEachBounded(connections, this.settings.concurrency, async (saved) => {
      const failure = await this.refreshOne(saved);
      if (failure) failures.push(failure);
    });
    return failures;
  }

  /** Starts a refresh of the stale ones among `connections` and returns at once with their names. */
  refreshStale(connections: readonly SavedConnection[], data: IndexData): string[] {
    const stale = connections.filter((saved) => this.running.has(saved.name) || this.isStale(data, saved));
    const starting = stale.filter((saved) => !this.running.has(saved.name));
    if (starting.length && !this.closing.signal.aborted)
      void this.refresh(starting).catch((error: unknown) =>
        this.services.warn(`the search index was not refreshed: ${(error as Error).message}`),
      );
    return stale.map((saved) => saved.name);
  }

  private refreshOne(saved: SavedConnection): Promise<SearchFailure | undefined> {
    const running = this.running.get(saved.name);
    if (running) return running;
    const work = this.listAndStore(saved).finally(() => this.running.delete(saved.name));
    this.running.set(saved.name, work);
    return work;
  }

  private async listAndStore(saved: SavedConnection): Promise<SearchFailure | undefined> {
    const refreshedAt = new Date().toISOString();
    // Docker Hub and GHCR never list through the v2 API: without a kind's own API, nothing is asked.
    if (isKnownUnlisted(saved) && !this.services.vendors.canList(saved)) {
      await this.store(saved, {
        host: saved.host,
        state: 'unlisted',
        refreshedAt,
        names: [],
        problem: `${saved.host} does not list its repositories; open one by name`,
      });
      return undefined;
    }
    let entry: IndexEntry;
    let failure: SearchFailure | undefined;
    try {
      const listed = await within(
        'listing its repositories',
        saved.host,
        this.settings.deadlineMs,
        this.closing.signal,
        (signal) =>
          listRepositoryNames(this.services, saved, {
            signal,
            limit: this.settings.limits.perConnection,
            maxPages: this.settings.maxPages,
          }),
      );
      entry =
        listed.state === 'listed'
          ? {
              host: saved.host,
              state: 'listed',
              refreshedAt,
              names: listed.names,
              ...(listed.truncated ? { truncated: true } : {}),
            }
          : {
              host: saved.host,
              state: 'unlisted',
              refreshedAt,
              names: [],
              problem: this.scrub(listed.problem),
            };
    } catch (error) {
      if (this.closing.signal.aborted) return undefined;
      const message = this.scrub((error as Error).message);
      const hint = hintOf(error);
      failure = { connection: saved.name, message, ...(hint ? { hint: this.scrub(hint) } : {}) };
      // The names it gave before still answer searches; the entry says why they are old.
      const previous = (await this.read()).connections[saved.name];
      entry = {
        host: saved.host,
        state: 'failed',
        refreshedAt,
        names: previous?.host === saved.host ? previous.names : [],
        problem: message,
      };
    }
    await this.store(saved, entry);
    return failure;
  }

  /**
   * Adds names a listing showed anyway (the explorer's pages) to the connection's entry, in the
   * background; nothing is written when every name is known.
   */
  remember(saved: SavedConnection, names: readonly string[]): void {
    void (async () => {
      const entry = (await this.index.read()).connections[saved.name];
      if (entry?.host === saved.host) {
        // An entry at its cap keeps its first names: what a page adds would be cut again, so paging
        // through a huge catalog in the explorer does not rewrite the whole index once a page.
        if (entry.state === 'listed' && entry.truncated) return;
        const known = new Set(entry.names);
        if (names.every((name) => known.has(name))) return;
      }
      await this.index.add(this.savedNames(), saved.name, saved.host, names);
    })().catch((error: unknown) =>
      this.services.warn(`the search index was not updated: ${(error as Error).message}`),
    );
  }

  /**
   * Answers from the index and by guessing, at once. With `refreshInBackground`, stale entries are
   * refreshed meanwhile (the next keystroke sees them).
   */
  async query(
    text: string,
    options: { connection?: string; limit: number; refreshInBackground: boolean },
  ): Promise<SearchAnswer> {
    const all = this.services.settings.list();
    const connections = options.connection ? all.filter((saved) => saved.name === options.connection) : all;
    const data = await this.read();
    const tokens = queryTokens(text);
    const bookmarks = this.services.settings.places().bookmarks;
    const starredRepositories = new Set(
      bookmarks
        .filter((place) => !place.reference)
        .map((place) => `${place.connection}\n${place.repository}`),
    );
    const isStarred = (connection: string, repository: string) =>
      starredRepositories.has(`${connection}\n${repository}`);
    const shown = new Set(connections.map((saved) => saved.name));
    const starred = bookmarks
      .filter((place) => shown.has(place.connection))
      .map((place) => ({ place, score: tokens.length ? matchScore(placeText(place), tokens) : 1 }))
      .filter((entry) => entry.score > 0)
      .sort((a, b) => b.score - a.score)
      .map(({ place }) => starredHit(place));

    const groups: (SearchGroup & { best: number })[] = [];
    const failed: SearchFailure[] = [];
    const vendorSearch: string[] = [];
    for (const saved of connections) {
      const entry = data.connections[saved.name];
      const usable = entry?.host === saved.host ? entry : undefined;
      if (usable?.state === 'failed')
        failed.push({
          connection: saved.name,
          message: usable.problem ?? `${saved.host} could not be listed`,
        });
      if (this.services.vendors.has(saved)) vendorSearch.push(saved.name);
      if (!tokens.length) continue;
      const ranked = usable ? rankTop(usable.names, tokens, options.limit) : { top: [], total: 0 };
      const hits: SearchHit[] = ranked.top.map(({ name }) => ({
        connection: saved.name,
        repository: name,
        source: 'index',
        isStarred: isStarred(saved.name, name),
      }));
      const listsNothing = usable ? usable.state === 'unlisted' : isKnownUnlisted(saved);
      if (listsNothing)
        for (const name of guessRepositories(text, saved))
          if (!hits.some((hit) => hit.repository === name))
            hits.push({
              connection: saved.name,
              repository: name,
              source: 'guess',
              isStarred: isStarred(saved.name, name),
            });
      if (!hits.length) continue;
      groups.push({
        connection: saved.name,
        host: saved.host,
        hits,
        more: Math.max(0, ranked.total - options.limit),
        best: ranked.top[0]?.score ?? 0,
      });
    }
    groups.sort((a, b) => b.best - a.best);
    const refreshing = options.refreshInBackground ? this.refreshStale(connections, data) : [];
    return {
      starred,
      groups: groups.map(({ best: _best, ...group }) => group),
      failed,
      vendorSearch: tokens.length ? vendorSearch : [],
      refreshing,
    };
  }

  /** The vendor's own search for one connection, within a deadline; a failure is a sentence. */
  async vendorSearch(
    text: string,
    connection: string,
    limit: number,
    signal?: AbortSignal,
  ): Promise<{ group?: SearchGroup; failed?: SearchFailure }> {
    const saved = this.services.settings.get(connection);
    if (!saved || !text.trim()) return {};
    try {
      const found = await within(
        'its search',
        saved.host,
        this.settings.vendorSearchMs,
        signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal,
        async (callSignal) => {
          const vendor = await this.services.vendors.forConnection(saved);
          return vendor?.search ? vendor.search(text.trim(), { signal: callSignal, limit }) : [];
        },
      );
      const starred = new Set(
        this.services.settings
          .places()
          .bookmarks.filter((place) => place.connection === connection && !place.reference)
          .map((place) => place.repository),
      );
      // A vendor may send anything: only names a reference could name, each once, at most `limit`.
      const names = [...new Set(found.map((repository) => repository.name))].filter(isValidRepositoryPath);
      const hits = names.slice(0, limit).map((name): SearchHit => ({
        connection,
        repository: name,
        source: 'vendor',
        isStarred: starred.has(name),
      }));
      return hits.length
        ? { group: { connection, host: saved.host, hits, more: Math.max(0, names.length - limit) } }
        : {};
    } catch (error) {
      const hint = hintOf(error);
      return {
        failed: {
          connection,
          message: this.scrub((error as Error).message),
          ...(hint ? { hint: this.scrub(hint) } : {}),
        },
      };
    }
  }

  /** Stops the refreshes under way and waits for them to end. */
  async close(): Promise<void> {
    this.closing.abort();
    await Promise.allSettled([...this.running.values()]);
  }
}

function placeText(place: Place): string {
  return place.reference ? `${place.repository}:${place.reference}` : place.repository;
}

function starredHit(place: Place): SearchHit {
  return {
    connection: place.connection,
    repository: place.repository,
    ...(place.reference ? { reference: place.reference } : {}),
    source: 'index',
    isStarred: true,
  };
}
