import type { DockerImportResult } from '../../../shared/contract/index.js';
import { BerthError } from '../errors.js';
import { kindFromHost, type SavedConnection } from '../settings/index.js';
import type { BerthServices } from '../services.js';
import { importDockerLogin, saveLoginConnection } from './docker-import.js';
import { DockerLogins, type DockerLogin } from './docker-logins.js';

/**
 * Imports the Docker logins chosen by host, for every front door (the app's import dialog and
 * `berth registry import-docker`). Each host gets its own result: one that fails does not stop the others.
 */
export async function importDockerLogins(
  services: BerthServices,
  hosts: readonly string[],
  options: { copySecrets: boolean; askHelpers?: boolean; docker?: DockerLogins },
): Promise<DockerImportResult[]> {
  const docker = options.docker ?? new DockerLogins();
  const { logins } = await docker.scan();
  const results: DockerImportResult[] = [];
  for (const host of new Set(hosts)) {
    const login = logins.find((l) => l.host === host);
    try {
      if (!login)
        throw new BerthError('NOT_FOUND', `Docker has no login for ${host} any more`, {
          hint: "Reopen the list: Docker's logins changed since it was read.",
        });
      results.push(
        login.helper && options.askHelpers
          ? await importAskingHelper(services, login, login.helper)
          : await importOne(services, docker, login, options.copySecrets),
      );
    } catch (error) {
      const info =
        error instanceof BerthError
          ? error.toInfo()
          : { code: 'DOCKER_CREDENTIALS' as const, message: (error as Error)?.message ?? String(error) };
      results.push({ host, outcome: 'failed', error: info });
    }
  }
  return results;
}

/**
 * Imports one Docker login. A registry Berth already has a login for is left as it is (the user may have
 * chosen its username on purpose); a saved connection without a username, or with Docker's username but
 * no secret in the keychain (`berth logout` keeps the username), keeps its TLS settings and gets the
 * login; otherwise the connection is saved under the host's name. The secret is copied only when the
 * user asked for it.
 */
async function importOne(
  services: BerthServices,
  docker: DockerLogins,
  login: DockerLogin,
  copySecrets: boolean,
): Promise<DockerImportResult> {
  const existing = services.settings.findByHost(login.host);
  if (existing?.username && !(copySecrets && (await lacksItsSecret(services, existing, login))))
    return { host: login.host, outcome: 'skipped', connection: existing.name };
  // Saving under a name another registry uses would replace that connection.
  if (!existing && services.settings.get(login.host))
    throw new BerthError(
      'INVALID_INPUT',
      `a connection named "${login.host}" already exists for another registry`,
      {
        hint: 'Rename that connection, then import again.',
      },
    );
  if (copySecrets) {
    const imported = await importDockerLogin(
      login.host,
      { docker, credentials: services.credentials, settings: services.settings },
      { username: login.username },
    );
    services.client.forget(login.host);
    return {
      host: login.host,
      outcome: 'imported',
      connection: imported.connection.name,
      secretCopied: true,
    };
  }
  const problem = services.settings.problem;
  if (problem) throw problem;
  const saved = saveLoginConnection(services.settings, login.host, login.username);
  services.client.forget(login.host);
  return { host: login.host, outcome: 'imported', connection: saved.name, secretCopied: false };
}

/**
 * Saves a connection that asks the login's credential helper each time instead of copying its secret. A
 * connection that already has a login of its own is left alone, as for a copy; one without a login gets
 * the helper and keeps its TLS settings.
 */
async function importAskingHelper(
  services: BerthServices,
  login: DockerLogin,
  helper: string,
): Promise<DockerImportResult> {
  const existing = services.settings.findByHost(login.host);
  if (
    existing?.credentialHelper ||
    (existing?.username && (await services.credentials.has(existing.host, existing.username)))
  )
    return { host: login.host, outcome: 'skipped', connection: existing.name };
  if (!existing && services.settings.get(login.host))
    throw new BerthError(
      'INVALID_INPUT',
      `a connection named "${login.host}" already exists for another registry`,
      { hint: 'Rename that connection, then import again.' },
    );
  const problem = services.settings.problem;
  if (problem) throw problem;
  const { username: _username, ...rest } = existing ?? {
    name: login.host,
    host: login.host,
    kind: kindFromHost(login.host) ?? 'generic',
  };
  // No username: the helper answers it with the secret each time (a cloud registry's is fixed anyway).
  const saved = services.settings.save({ ...rest, credentialHelper: helper });
  services.helperLogins.forget(login.host);
  services.client.forget(login.host);
  return {
    host: login.host,
    outcome: 'imported',
    connection: saved.name,
    secretCopied: false,
    askHelper: helper,
  };
}

/** The connection names Docker's user for this registry, but the keychain holds no secret for it. */
async function lacksItsSecret(
  services: BerthServices,
  existing: SavedConnection,
  login: DockerLogin,
): Promise<boolean> {
  return (
    existing.username === login.username && !(await services.credentials.has(existing.host, login.username))
  );
}
