import { z } from 'zod';
import { ConnectionName, DestinationAt } from './common.js';
import { request } from './define.js';

/** Where a result came from: the on-disk index of listings, the vendor's search API, or a guess by name. */
export type SearchSource = 'index' | 'vendor' | 'guess';

/** A repository (or, for a starred image, an image) a search found. */
export interface SearchHit {
  connection: string;
  repository: string;
  /** A starred image's tag or digest. */
  reference?: string;
  source: SearchSource;
  isStarred: boolean;
}

/** One registry's results, best first; `more` matched past the limit. */
export interface SearchGroup {
  connection: string;
  host: string;
  hits: SearchHit[];
  more: number;
}

/** A registry that could not be searched: a sentence, not a failure of the search. */
export interface SearchFailure {
  connection: string;
  message: string;
  hint?: string;
}

/** What `search.query` answers at once, from the index and by guessing. */
export interface SearchAnswer {
  /** Starred repositories and images that match (every one, with an empty query). */
  starred: SearchHit[];
  groups: SearchGroup[];
  failed: SearchFailure[];
  /** Connections whose vendor search may add results: ask `search.vendor` for each. */
  vendorSearch: string[];
  /** Connections whose index entry is being refreshed in the background (older than a few minutes). */
  refreshing: string[];
}

/** A starred or recently opened repository (no reference) or image (a tag or digest). */
export type PlaceView = DestinationAt;

export interface PlacesView {
  bookmarks: PlaceView[];
  /** Most recent first, at most 20. */
  recent: PlaceView[];
}

const SearchText = z.string().max(256, 'a search is at most 256 characters');

export const searchRequests = {
  'search.query': request<SearchAnswer>()(
    z.strictObject({
      text: SearchText,
      /** Only this connection. */
      connection: ConnectionName.optional(),
      /** Results per registry. */
      limit: z.number().int().min(1).max(200).default(8),
    }),
  ),
  'search.vendor': request<{ group?: SearchGroup; failed?: SearchFailure }>()(
    z.strictObject({
      text: SearchText,
      connection: ConnectionName,
      limit: z.number().int().min(1).max(200).default(8),
    }),
  ),
  'places.list': request<PlacesView>()(z.strictObject({})),
  'places.star': request<PlacesView>()(z.strictObject({ place: DestinationAt, isStarred: z.boolean() })),
  'places.opened': request<PlacesView>()(z.strictObject({ place: DestinationAt })),
};
