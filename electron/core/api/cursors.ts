import { randomUUID } from 'node:crypto';
import { BerthError } from '../registry/errors.js';

interface Listing {
  iterator: AsyncIterator<string[]>;
  /** Which listing the cursor belongs to: a cursor of one repository is refused for another. */
  owner: string;
  lastUsed: number;
}

/**
 * Paged listings over the core's async iterables: a cursor names a live iterator that has more
 * pages. Idle listings are dropped after a few minutes; a dropped cursor asks the UI to start again.
 */
export class PageCursors {
  private readonly listings = new Map<string, Listing>();

  constructor(
    private readonly idleMs = 5 * 60_000,
    private readonly maxListings = 200,
    private readonly now: () => number = Date.now,
  ) {}

  /** The next page of `owner`'s listing: a new one (no cursor) or the one `cursor` names. */
  async next(
    owner: string,
    cursor: string | undefined,
    open: () => AsyncIterable<string[]>,
  ): Promise<{ items: string[]; cursor?: string }> {
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
      listing = { iterator: open()[Symbol.asyncIterator](), owner, lastUsed: this.now() };
      id = randomUUID();
    }
    const step = await listing.iterator.next();
    if (step.done) return { items: [] };
    listing.lastUsed = this.now();
    this.listings.set(id!, listing);
    return { items: step.value, cursor: id };
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
