import { isDockerHubHost, isValidRepositoryPath } from '../../../shared/reference.js';
import type { SavedConnection } from '../settings/index.js';

/** Kinds whose v2 API never lists repositories, even before the index has asked. */
const UNLISTED_KINDS = new Set<SavedConnection['kind']>(['dockerhub', 'ghcr']);

export function isKnownUnlisted(saved: SavedConnection): boolean {
  return UNLISTED_KINDS.has(saved.kind) || isDockerHubHost(saved.host);
}

/**
 * "Open by name" for a registry that lists nothing: the text itself when it is a repository path
 * (its registry part left off when it names this registry), and on Docker Hub a one-part name as the
 * official image `library/x`, as `docker pull x` reads it.
 */
export function guessRepositories(text: string, saved: SavedConnection): string[] {
  let name = text.trim().toLowerCase();
  const prefix = `${saved.host.toLowerCase()}/`;
  if (name.startsWith(prefix)) name = name.slice(prefix.length);
  if (!isValidRepositoryPath(name)) return [];
  if (isDockerHubHost(saved.host) && !name.includes('/')) return [`library/${name}`];
  return [name];
}
