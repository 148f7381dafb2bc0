import { REGISTRY_KIND_NAMES, type RegistryKind } from '../../../shared/contract/index.js';

/** What kind of registry answered, as people call it (in a sentence: "a registry" for the unknown kind). */
export function kindWords(kind: RegistryKind): string {
  return kind === 'generic' ? 'a registry' : REGISTRY_KIND_NAMES[kind];
}

/** The kinds a user may choose in the connection dialog, in the order offered; `detect` leaves it to Berth. */
export const CHOOSABLE_KINDS: readonly RegistryKind[] = [
  'harbor',
  'gitlab',
  'quay',
  'ghcr',
  'dockerhub',
  'distribution',
  'generic',
];

/** Kinds whose own API may live at another address than the registry (asked for in the dialog). */
export const KINDS_WITH_API_ADDRESS: ReadonlySet<RegistryKind> = new Set(['gitlab', 'ghcr']);

/** Which login each kind takes, shown under the username and secret. */
export const KIND_LOGIN_HINTS: Partial<Record<RegistryKind, string>> = {
  harbor:
    'Your Harbor username and password (with single sign-on: the CLI secret from your user profile), or a robot account (robot$project+name) and its secret. Berth lists the projects this login may see.',
  gitlab:
    'Your GitLab username and a personal access token with read_registry and read_api (write_registry to push or delete).',
  quay: 'Your Quay username and password (or a robot account) for images; an OAuth application token lists your repositories.',
  ghcr: 'Your GitHub username and a personal access token (classic) with read:packages (write:packages to push, delete:packages to delete).',
  dockerhub:
    'Your Docker ID and a personal access token from Docker Hub (Account settings → Personal access tokens).',
};

/** Where the API address field points by default, as a placeholder. */
export const API_ADDRESS_PLACEHOLDERS: Partial<Record<RegistryKind, string>> = {
  gitlab: 'https://gitlab.example.com (your GitLab, when the registry is on another host)',
  ghcr: 'https://api.github.com',
};
