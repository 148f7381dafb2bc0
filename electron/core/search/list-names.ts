import { UnsupportedError } from '../registry/index.js';
import type { SavedConnection } from '../settings/index.js';
import type { BerthServices } from '../services.js';
import { repositoryListing } from '../vendors/index.js';

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

/**
 * The repository names a saved connection's login may see, through the one listing the explorer and the
 * CLI use (`repositoryListing`: the kind's own API when it has one, falling back to the v2 catalog when it
 * refuses). A registry that lists nothing to this login (Docker Hub, GHCR) is `unlisted`, with the
 * registry's reason; any other failure throws.
 */
export async function listRepositoryNames(
  services: BerthServices,
  saved: SavedConnection,
  options: ListNamesOptions,
): Promise<ListedNames> {
  let source: 'vendor' | 'catalog' = 'catalog';
  async function* names(): AsyncGenerator<string[]> {
    for await (const page of repositoryListing(services, saved.host, { signal: options.signal })) {
      if (page.some((repository) => repository.vendor)) source = 'vendor';
      yield page.map((repository) => repository.name);
    }
  }
  try {
    const listed = await collect(names(), options);
    return { state: 'listed', source, ...listed };
  } catch (error) {
    if (error instanceof UnsupportedError) return { state: 'unlisted', problem: error.message };
    throw error;
  }
}
