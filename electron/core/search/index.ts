// One search across every saved connection: an on-disk index of their repository names (refreshed in
// the background), "open by name" guesses, the vendors' search APIs, and matching that ranks the best
// first. Offers SearchService, SearchIndex, listRepositoryNames and the matching helpers.
export { guessRepositories, isKnownUnlisted } from './guesses.js';
export {
  capEntries,
  INDEX_FILE,
  INDEX_LIMITS,
  SearchIndex,
  type IndexData,
  type IndexEntry,
} from './index-file.js';
export { listRepositoryNames, type ListedNames, type ListNamesOptions } from './list-names.js';
export { matchScore, queryTokens, rankNames, rankTop, type Ranked } from './match.js';
export { SEARCH_SETTINGS, SearchService, type SearchSettings } from './service.js';
