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
  'aliyun',
  'tencent',
  'huawei',
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
  quay: 'Username $oauthtoken and an OAuth application token (an organization\'s Applications, with "View all visible repositories" and "Read User Information") list your repositories with their dates. A password or robot account opens images only, listed without dates.',
  ghcr: 'Your GitHub username and a personal access token (classic) with read:packages (write:packages to push, delete:packages to delete). On GitHub Enterprise the API address is https://YOUR-HOST/api/v3.',
  dockerhub:
    'Your Docker ID and a personal access token from Docker Hub (Account settings → Personal access tokens).',
  aliyun:
    'Your Alibaba Cloud account name (a RAM user: its logon name, user@account.onaliyun.com) and the registry password set in the Container Registry console under Access Credential — not your Alibaba Cloud sign-in password. An Enterprise Edition instance has its own access credential there.',
  tencent:
    'Your Tencent Cloud account ID (the number on the account page) and the registry password set in the Container Registry console; for an Enterprise Edition (TCR) instance, a long-term access credential created under the instance’s Access Credentials.',
  huawei:
    'The username and password of a long-term login command from the SWR console (Client upload → long-term login command): region@Access-Key-ID and a login key made from your secret access key. A temporary login command works too, until it expires.',
};

/** Where the API address field points by default, as a placeholder. */
export const API_ADDRESS_PLACEHOLDERS: Partial<Record<RegistryKind, string>> = {
  gitlab: 'https://gitlab.example.com (your GitLab, when the registry is on another host)',
  ghcr: 'https://api.github.com',
};
