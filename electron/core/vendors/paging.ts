import { createHash } from 'node:crypto';
import { ListingLimitError, nextLink } from '../registry/index.js';
import type { VendorHttp, VendorResponse } from './http.js';

export interface VendorLimits {
  /** Items read in one listing (before any filter). */
  maxEntries: number;
  /** Pages requested, empty ones included. */
  maxPages: number;
  /** Empty pages in a row that still name a next page (and pages of nothing new: repeats, invalid names). */
  maxEmptyPagesInARow: number;
}

/** Vendors page by 100 at most (GitHub, GitLab, Quay, Hub) or by what is asked (Harbor, up to 100). */
export const VENDOR_REPOSITORY_LIMITS: VendorLimits = {
  maxEntries: 500_000,
  maxPages: 5_010,
  maxEmptyPagesInARow: 10,
};
export const VENDOR_TAG_LIMITS: VendorLimits = {
  maxEntries: 1_000_000,
  maxPages: 10_010,
  maxEmptyPagesInARow: 10,
};

export interface PagedJson<T> {
  first: URL | string;
  headers?: Record<string, string>;
  /** For messages: `Harbor projects`. */
  what: string;
  /** The items of one page; anything not of the expected shape is left out here. */
  extract: (json: unknown) => T[];
  /** The next page, or undefined after the last. Default: the `Link: <…>; rel="next"` header. */
  next?: (response: VendorResponse, pageUrl: URL) => URL | undefined;
  /** The name each item is known by: repeats and names `isValid` refuses are left out, with a warning. */
  nameOf: (item: T) => string;
  isValid: (name: string) => boolean;
  limits: VendorLimits;
  signal?: AbortSignal;
  warn: (message: string) => void;
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

/**
 * A vendor listing, page by page, with the same guards as the v2 listings: a cap on pages and items, a
 * next page never on another origin (credentials stay where they were given) and never one already
 * read (a loop), repeats and names no reference could name left out.
 */
export async function* pagedJson<T>(http: VendorHttp, listing: PagedJson<T>): AsyncGenerator<T[]> {
  const { what, limits } = listing;
  const seen = new Set<string>();
  const listed = new Set<string>();
  let url: URL | undefined = typeof listing.first === 'string' ? http.url(listing.first) : listing.first;
  let pages = 0;
  let entries = 0;
  let emptyInARow = 0;
  let staleInARow = 0;
  let leftOut = 0;
  while (url) {
    const key = createHash('sha256').update(url.toString()).digest('base64');
    if (seen.has(key)) break;
    seen.add(key);
    if (++pages > limits.maxPages)
      throw new ListingLimitError(http.host, what, `${count(limits.maxPages)} pages in one listing`);
    const response: VendorResponse = await http.json({
      url,
      what,
      ...(listing.headers ? { headers: listing.headers } : {}),
      ...(listing.signal ? { signal: listing.signal } : {}),
    });
    const raw = listing.extract(response.json);
    entries += raw.length;
    if (entries > limits.maxEntries)
      throw new ListingLimitError(http.host, what, `${count(limits.maxEntries)} entries in one listing`);
    const items = raw.filter((item) => {
      const name = listing.nameOf(item);
      if (listing.isValid(name) && !listed.has(name)) {
        listed.add(name);
        return true;
      }
      leftOut++;
      return false;
    });
    const next: URL | undefined = listing.next
      ? listing.next(response, url)
      : nextLink(headerValueOf(response.headers.link), url, http.host);
    url = next && next.origin === http.apiOrigin.origin ? next : undefined;
    if (next && !url)
      // Not followed (the login would go along), and not passed over in silence: the list is incomplete.
      listing.warn(
        `${http.host}: the next page of ${what} is on another server (${next.origin}); Berth did not follow it, so the list stops here`,
      );
    emptyInARow = raw.length === 0 && url ? emptyInARow + 1 : 0;
    if (emptyInARow > limits.maxEmptyPagesInARow)
      throw new ListingLimitError(
        http.host,
        what,
        `${count(limits.maxEmptyPagesInARow)} empty pages in a row`,
      );
    // A server that hands out the same items under ever-new next links (a cursor that never moves) is
    // stopped like one that pages through nothing, not after thousands of pages.
    staleInARow = raw.length > 0 && items.length === 0 && url ? staleInARow + 1 : 0;
    if (staleInARow > limits.maxEmptyPagesInARow)
      throw new ListingLimitError(
        http.host,
        what,
        `${count(limits.maxEmptyPagesInARow)} pages in a row with nothing new`,
      );
    yield items;
  }
  if (leftOut > 0)
    listing.warn(
      `${http.host}: ${count(leftOut)} ${leftOut === 1 ? 'entry' : 'entries'} in ${what} repeated or not valid, left out`,
    );
}

function headerValueOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
