import {
  BerthError,
  ListingLimitError,
  listRepositories,
  listTags,
  matchesFilter,
  UnsupportedError,
  type ListOptions,
  type RegistryClient,
} from '../registry/index.js';
import type { SavedConnection } from '../settings/index.js';
import type { RepositoryLocation } from '../../../shared/location.js';
import { VENDOR_REPOSITORY_LIMITS, VENDOR_TAG_LIMITS } from './paging.js';
import type { VendorApi, VendorRepository, VendorTag } from './types.js';

/** What a listing needs of the services: the connection's vendor API, the registry client, a place for warnings. */
export interface ListingServices {
  vendors: { forConnection(saved: SavedConnection): Promise<VendorApi | undefined> };
  savedFor(host: string): SavedConnection | undefined;
  client: RegistryClient;
  warn(message: string): void;
}

/**
 * A connection's repositories, page by page, with what its kind's own API says of them: through the
 * vendor's API where the host's saved connection is of a kind that has one (Harbor lists a non-admin's projects, which its catalog refuses),
 * else the v2 catalog. When the vendor's API refuses the first page (this login may not use it, or it is
 * not there), the v2 catalog is asked instead and a warning says so. The one listing the app, the CLI
 * and the search index use.
 */
export async function* repositoryListing(
  services: ListingServices,
  host: string,
  options: ListOptions = {},
): AsyncGenerator<VendorRepository[]> {
  const saved = services.savedFor(host);
  const vendor = saved && (await services.vendors.forConnection(saved));
  let fallback: string | undefined;
  if (vendor?.listRepositories) {
    const pages = vendor.listRepositories({ ...(options.signal ? { signal: options.signal } : {}) });
    fallback = yield* vendorPages(
      pages,
      { vendor: vendor.vendor, host, what: 'repositories', maxEntries: VENDOR_REPOSITORY_LIMITS.maxEntries },
      (message) => services.warn(message),
      (item) => matchesFilter(item.name, options.filter),
    );
    if (fallback === undefined) return;
  }
  const warning = vendor && fallback ? fallbackWarning(vendor.vendor, 'repositories', fallback) : undefined;
  try {
    for await (const page of listRepositories(services.client, host, options))
      yield page.map((name) => ({ name, facts: {}, ...(warning ? { fallback: warning } : {}) }));
  } catch (error) {
    // The registry API lists nothing either: "open one by name" says first why the vendor's did not.
    if (!fallback || !vendor || !(error instanceof UnsupportedError)) throw error;
    const hint = `${refusalSentence(vendor.vendor, fallback)} Open a repository by name meanwhile.`;
    throw new UnsupportedError(host, error.message, hint, {
      ...(error.status ? { status: error.status } : {}),
      ...(error.registryCodes ? { registryCodes: error.registryCodes } : {}),
    });
  }
}

/** A repository's tags, page by page, with the vendor's facts where its kind has an API (as repositoryListing). */
export async function* tagListing(
  services: ListingServices,
  repository: RepositoryLocation,
  options: ListOptions = {},
): AsyncGenerator<VendorTag[]> {
  const saved = services.savedFor(repository.registry);
  const vendor = saved && (await services.vendors.forConnection(saved));
  let fallback: string | undefined;
  if (vendor?.listTags) {
    const pages = vendor.listTags(repository.repository, {
      ...(options.signal ? { signal: options.signal } : {}),
    });
    fallback = yield* vendorPages(
      pages,
      {
        vendor: vendor.vendor,
        host: repository.registry,
        what: `tags of ${repository.repository}`,
        maxEntries: VENDOR_TAG_LIMITS.maxEntries,
      },
      (message) => services.warn(message),
      (item) => matchesFilter(item.tag, options.filter),
    );
    if (fallback === undefined) return;
  }
  const what = `tags of ${repository.repository}`;
  const warning = vendor && fallback ? fallbackWarning(vendor.vendor, what, fallback) : undefined;
  for await (const page of listTags(services.client, repository, options))
    yield page.map((tag) => ({ tag, facts: {}, ...(warning ? { fallback: warning } : {}) }));
}

/** The warning a listing carries when the registry API gave it because the vendor's refused: that first. */
function fallbackWarning(vendor: string, what: string, reason: string): string {
  return `Listed through the registry API: the ${vendor} API refused to list ${what} (${reason})`;
}

/** What a user reads when a vendor's API refused and the registry API lists nothing: whose API, why, what to check. */
function refusalSentence(vendor: string, reason: string): string {
  return `The ${vendor} API refused this login (${reason}): check that it may use ${vendor}'s API.`;
}

/** Statuses by which a vendor's API says "not for this login" or "not here": the v2 API is asked instead. */
const REFUSALS = new Set([401, 403, 404]);

/**
 * Yields a vendor listing's pages, each item marked with the vendor's name; returns the reason (nothing
 * yielded) when the first page was refused, undefined when the vendor listed. The listing's cap holds for
 * the whole of it: a kind that lists project by project (Harbor) or namespace by namespace (Quay, GHCR's
 * organisations) caps each of those listings, and without this a server could hand out a capful in every one.
 */
async function* vendorPages<T extends { vendor?: string }>(
  pages: AsyncIterable<T[]>,
  listing: { vendor: string; host: string; what: string; maxEntries: number },
  warn: (message: string) => void,
  keep: (item: T) => boolean,
): AsyncGenerator<T[], string | undefined> {
  const { vendor, what } = listing;
  let entries = 0;
  const iterator = pages[Symbol.asyncIterator]();
  let next: IteratorResult<T[]>;
  try {
    next = await iterator.next();
  } catch (error) {
    if (!(error instanceof BerthError) || !REFUSALS.has(error.status ?? 0)) throw error;
    warn(
      `The ${vendor} API refused to list ${what} (${error.message}); listed through the registry API instead`,
    );
    return error.message;
  }
  while (!next.done) {
    entries += next.value.length;
    if (entries > listing.maxEntries)
      throw new ListingLimitError(
        listing.host,
        what,
        `${listing.maxEntries.toLocaleString('en-US')} entries in one listing`,
      );
    // Empty pages (a project without repositories, a filter that matched nothing here) are not handed on:
    // every page the caller sees says whose API listed it.
    const items = next.value.filter(keep).map((item) => ({ ...item, vendor }));
    if (items.length) yield items;
    next = await iterator.next();
  }
  return undefined;
}
