import { BerthError, listRepositories, UnsupportedError } from '../registry/index.js';
import type { SavedConnection } from '../settings/index.js';
import type { BerthServices } from '../services.js';

export interface ListNamesOptions {
  signal?: AbortSignal;
  /** Names kept; the listing stops once it has this many. */
  limit: number;
  /** Pages read at most: a registry that pages forever is cut off here. */
  maxPages: number;
}

export type ListedNames =
  | { state: 'listed'; names: string[]; truncated: boolean; source: 'vendor' | 'catalog' }
  | { state: 'unlisted'; problem: string };

/** A refusal of the vendor's listing that means "use the v2 API instead", as the explorer does. */
function isRefusal(error: unknown): boolean {
  return error instanceof BerthError && [401, 403, 404].includes(error.status ?? 0);
}

async function collect(
  pages: AsyncIterable<string[]>,
  options: ListNamesOptions,
): Promise<{ names: string[]; truncated: boolean }> {
  const names = new Set<string>();
  let pageCount = 0;
  for await (const page of pages) {
    for (const name of page) {
      if (names.size >= options.limit) return { names: [...names], truncated: true };
      names.add(name);
    }
    if (++pageCount >= options.maxPages) return { names: [...names], truncated: true };
  }
  return { names: [...names], truncated: false };
}

async function* vendorNames(pages: AsyncIterable<{ name: string }[]>): AsyncGenerator<string[]> {
  for await (const page of pages) yield page.map((repository) => repository.name);
}

/**
 * The repository names a saved connection's login may see: through the kind's own API when it has one
 * (Harbor's projects for a non-admin), else the v2 catalog. A registry that lists nothing to this login
 * (Docker Hub, GHCR) is `unlisted`, with the registry's reason; any other failure throws.
 */
export async function listRepositoryNames(
  services: BerthServices,
  saved: SavedConnection,
  options: ListNamesOptions,
): Promise<ListedNames> {
  const vendor = await services.vendors.forConnection(saved);
  if (vendor?.listRepositories) {
    try {
      const listed = await collect(vendorNames(vendor.listRepositories({ signal: options.signal })), options);
      return { state: 'listed', source: 'vendor', ...listed };
    } catch (error) {
      if (!isRefusal(error) || options.signal?.aborted) throw error;
    }
  }
  try {
    const listed = await collect(
      listRepositories(services.client, saved.host, { signal: options.signal }),
      options,
    );
    return { state: 'listed', source: 'catalog', ...listed };
  } catch (error) {
    if (error instanceof UnsupportedError) return { state: 'unlisted', problem: error.message };
    throw error;
  }
}
