import { randomUUID } from 'node:crypto';
import { BerthError } from '../errors.js';

/** What one answer carries when the caller names no page size. */
export const DEFAULT_PAGE_ITEMS = 1000;

interface Listing {
  iterator: AsyncIterator<unknown[]>;
  /** Which listing the cursor belongs to: a cursor of one repository is refused for another. */
  owner: string;
  /** The rest of a registry page larger than the caller's pages, and how much of it was served. */
  held: unknown[];
  served: number;
  lastUsed: number;
}

/**
 * Paged listings over the core's async iterables: a cursor names a live iterator that has more
 * pages. A registry page larger than the caller asked for (Distribution 2.8 sends a whole tag list at
 * once) is handed out in pieces of that size, so no single answer, and no renderer task that handles
 * one, grows with the listing. Idle listings are dropped after a few minutes; a dropped cursor asks
 * the UI to start again.
 */
export class PageCursors {
  private readonly listings = new Map<string, Listing>();

  constructor(
    private readonly idleMs = 5 * 60_000,
    private readonly maxListings = 200,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The next page of `owner`'s listing, at most `pageSize` items: a new one (no cursor) or the one
   * `cursor` names. Owners name the kind of listing (tags, Hub repositories), so a cursor only ever
   * continues an iterator of the item type it started with.
   */
  async next<T = string>(
    owner: string,
    cursor: string | undefined,
    open: () => AsyncIterable<T[]>,
    pageSize = DEFAULT_PAGE_ITEMS,
  ): Promise<{ items: T[]; cursor?: string }> {
    this.expire();
    let id = cursor;
    let listing: Listing | undefined;
    if (cursor) {
      listing = this.listings.get(cursor);
      if (!listing || listing.owner !== owner)
        throw new BerthError('INVALID_INPUT', 'this listing is no longer open', {
          hint: 'Load the list again from the first page.',
        });
      this.listings.delete(cursor);
    } else {
      listing = {
        iterator: open()[Symbol.asyncIterator](),
        owner,
        held: [],
        served: 0,
        lastUsed: this.now(),
      };
      id = randomUUID();
    }
    if (listing.served >= listing.held.length) {
      const step = await listing.iterator.next();
      if (step.done) return { items: [] };
      listing.held = step.value;
      listing.served = 0;
    }
    const items = listing.held.slice(listing.served, listing.served + pageSize);
    listing.served += items.length;
    listing.lastUsed = this.now();
    this.listings.set(id!, listing);
    return { items: items as T[], cursor: id };
  }

  /** Whether `cursor` continues a listing of `owner` (a vendor listing, or the v2 one it fell back to). */
  owns(cursor: string, owner: string): boolean {
    return this.listings.get(cursor)?.owner === owner;
  }

  close(): void {
    for (const listing of this.listings.values()) void listing.iterator.return?.();
    this.listings.clear();
  }

  private expire(): void {
    const now = this.now();
    for (const [id, listing] of this.listings) {
      if (now - listing.lastUsed > this.idleMs || this.listings.size > this.maxListings) {
        void listing.iterator.return?.();
        this.listings.delete(id);
      }
    }
  }
}
