import { kindFromHost, type SavedConnection, type SettingsStore } from '../settings/index.js';
import type { CredentialStore, SecretKind } from './credential-store.js';
import type { DockerLogin, DockerLogins } from './docker-logins.js';
import { DockerCredentialsError } from './errors.js';
import { BerthError } from '../errors.js';

export interface ImportedLogin {
  host: string;
  username: string;
  kind: SecretKind;
  source: DockerLogin['source'];
  /** The saved connection now pointing at the imported credential. */
  connection: SavedConnection;
  createdConnection: boolean;
}

/**
 * Imports one Docker login the user accepted: reads its secret from Docker (file or helper), stores it
 * in Berth's keychain entry, and saves a connection for the host (or points the existing one at this
 * username). The secret is not checked against the registry: Docker checked it when it was saved, and
 * the registry may be out of reach now; a stale one shows up on first use like any refused login.
 */
export async function importDockerLogin(
  host: string,
  deps: { docker: DockerLogins; credentials: CredentialStore; settings: SettingsStore },
  options: { username?: string } = {},
): Promise<ImportedLogin> {
  const scan = await deps.docker.scan();
  const login = scan.logins.find(
    (l) => l.host === host && (options.username === undefined || l.username === options.username),
  );
  if (!login) {
    const problem = scan.problems[0];
    const message = `Docker has no login for ${host}${options.username ? ` as ${options.username}` : ''} in ${scan.configPath}`;
    if (problem)
      throw new DockerCredentialsError(
        message,
        `Docker's credentials could not all be read: ${problem.message}`,
      );
    throw new BerthError('DOCKER_CREDENTIALS', message, {
      hint: 'See: berth registry import-docker',
      appHint: 'Open Import from Docker again: it lists the logins Docker has now.',
    });
  }
  // Refuse before touching the keychain, so a read-only settings file leaves nothing half-done.
  const problem = deps.settings.problem;
  if (problem) throw problem;
  const found = await deps.docker.readSecret(login);
  await deps.credentials.save(found.host, found.username, found.secret, found.kind);
  const existing = deps.settings.findByHost(found.host);
  const connection = saveLoginConnection(deps.settings, found.host, found.username);
  return {
    host: found.host,
    username: found.username,
    kind: found.kind,
    source: found.source,
    connection,
    createdConnection: !existing,
  };
}

/** Points the host's saved connection at this username, or saves one named after the host. */
export function saveLoginConnection(
  settings: SettingsStore,
  host: string,
  username: string,
): SavedConnection {
  const existing = settings.findByHost(host);
  return settings.save(
    existing
      ? // A copied secret replaces the credential helper the connection asked before.
        { ...existing, username, credentialHelper: undefined }
      : { name: host, host, kind: kindFromHost(host) ?? 'generic', username },
  );
}
