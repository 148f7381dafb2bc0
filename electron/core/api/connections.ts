import type {
  ConnectionStatus,
  ConnectionTestResult,
  ConnectionView,
} from '../../../shared/contract/index.js';
import { peekCertificates } from '../doctor/index.js';
import {
  describeConnections,
  DockerLogins,
  importDockerLogins,
  toRegistryCredential,
} from '../credentials/index.js';
import { isUnreachable, type ErrorInfo } from '../../../shared/errors.js';
import { BerthError } from '../registry/index.js';
import { parseRegistryUrl, type RegistryKind, type SavedConnection } from '../settings/index.js';
import {
  addConnection,
  basicCredential,
  CHECK_CONCURRENCY,
  CHECK_DEADLINE_MS,
  CHECK_TIMEOUTS,
  checkWithin,
  forEachBounded,
  checkConnection,
  removeConnection,
  savedConnection,
  withTrustedCertificate,
  type LoginSecret,
} from '../connections/index.js';
import type { BerthServices } from '../services.js';
import type { Handlers, HandlerContext } from './types.js';

function view(saved: SavedConnection, hasCredential: boolean, credentialKind?: string): ConnectionView {
  const { ui: _ui, ...rest } = saved;
  return credentialKind ? { ...rest, hasCredential, credentialKind } : { ...rest, hasCredential };
}

/**
 * The kind after a new check: detection only ever names a kind where Berth knew none (a chosen GitLab
 * also answers like plain Distribution, and must stay GitLab).
 */
export function detectedKind(existing: RegistryKind, detected: RegistryKind | undefined): RegistryKind {
  if (!detected || detected === 'generic' || detected === 'distribution')
    return existing === 'generic' && detected ? detected : existing;
  return detected;
}

function secretOf(input: {
  username?: string;
  secret?: string;
  secretKind?: LoginSecret['kind'];
}): LoginSecret | undefined {
  if (!input.secret || !input.username) return undefined;
  return { username: input.username, secret: input.secret, kind: input.secretKind ?? 'password' };
}

function statusFrom(
  saved: Pick<SavedConnection, 'name' | 'host'>,
  outcome: { test?: ConnectionTestResult; error?: unknown },
): ConnectionStatus {
  const status: ConnectionStatus = {
    name: saved.name,
    host: saved.host,
    checkedAt: Date.now(),
    warnings: outcome.test?.warnings ?? [],
    state: outcome.test?.credentialsChecked ? 'auth-ok' : 'reachable',
  };
  if (outcome.error) {
    const info =
      outcome.error instanceof BerthError
        ? outcome.error.toInfo()
        : { code: 'PROTOCOL' as const, message: String((outcome.error as Error)?.message ?? outcome.error) };
    status.error = info;
    status.state =
      info.code === 'AUTH' || info.code === 'DENIED'
        ? 'auth-failed'
        : info.code === 'TLS'
          ? 'tls-problem'
          : 'unreachable';
  }
  return status;
}

/** Runs a check and tells every listener how the saved connection is doing. */
async function checkAndReport(
  context: HandlerContext,
  saved: Pick<SavedConnection, 'name' | 'host'> | undefined,
  check: () => Promise<ConnectionTestResult>,
): Promise<ConnectionTestResult> {
  try {
    const test = await check();
    if (saved) context.emit('connections.status', statusFrom(saved, { test }));
    return test;
  } catch (error) {
    if (saved) context.emit('connections.status', statusFrom(saved, { error }));
    throw error;
  }
}

async function storedCredential(services: BerthServices, saved: SavedConnection) {
  // A helper-served connection asks its helper (once per process); the others read the keychain.
  if (saved.credentialHelper) return services.savedCredential(saved);
  if (!saved.username) return undefined;
  const stored = await services.credentials.get(saved.host, saved.username);
  const credential = stored ? toRegistryCredential(stored) : undefined;
  services.secrets.addCredential(credential);
  return credential;
}

export const connectionHandlers: Pick<
  Handlers,
  | 'connections.list'
  | 'connections.add'
  | 'connections.update'
  | 'connections.remove'
  | 'connections.test'
  | 'connections.checkAll'
  | 'connections.peekCertificate'
  | 'connections.dockerLogins'
  | 'connections.importDocker'
> = {
  'connections.list': async (_input, { services }) => {
    const { connections, keychainProblem } = await describeConnections(
      services.settings,
      services.credentials,
    );
    const views = connections.map((c) => view(c, c.hasCredential, c.credentialKind));
    return keychainProblem ? { connections: views, keychainProblem } : { connections: views };
  },

  'connections.add': async (input, context) => {
    const { host, insecureHttp } = parseRegistryUrl(input.url);
    const secret = secretOf(input);
    const added = await addConnection(
      context.services,
      {
        name: input.name,
        host,
        insecureHttp: insecureHttp || input.insecureHttp === true,
        tls: input.tls ?? {},
        username: input.username,
        secret,
        trustCertificate: input.trustCertificate,
        ...(input.kind ? { kind: input.kind } : {}),
        ...(input.apiUrl ? { apiUrl: input.apiUrl } : {}),
      },
      (check) => checkAndReport(context, { name: input.name, host }, check),
      { saveIfUnreachable: input.saveIfUnreachable === true },
    );
    const connection = view(added.saved, Boolean(secret), secret?.kind);
    if (added.unreachable) return { connection, unreachable: added.unreachable.toInfo() };
    return { connection, test: added.test };
  },

  'connections.update': async (input, context) => {
    const { services } = context;
    const existing = savedConnection(services, input.name);
    const address = input.url ? parseRegistryUrl(input.url) : { host: existing.host, insecureHttp: false };
    const connection = {
      host: address.host,
      insecureHttp:
        address.insecureHttp || (input.insecureHttp ?? (input.url ? false : existing.insecureHttp)),
      tls: await withTrustedCertificate(
        services,
        address.host,
        input.tls ?? existing.tls,
        input.trustCertificate,
      ),
    };
    const username = input.username ?? existing.username;
    const secret = secretOf({ ...input, username });
    const name = input.newName ?? existing.name;
    if (name !== existing.name && services.settings.get(name))
      throw new BerthError('INVALID_INPUT', `a connection named "${name}" already exists`);
    const changed =
      Boolean(secret) ||
      connection.host !== existing.host ||
      connection.insecureHttp !== existing.insecureHttp ||
      JSON.stringify(connection.tls) !== JSON.stringify(existing.tls);
    // Before the registry and the keychain: a login for another connection's address would replace its.
    const sameAddress = services.settings
      .list()
      .find((saved) => saved.host === connection.host && saved.name !== existing.name);
    if (sameAddress)
      throw new BerthError('INVALID_INPUT', `${connection.host} is already saved as "${sameAddress.name}"`, {
        hint: `Edit "${sameAddress.name}" instead, or remove it first.`,
      });
    let test: ConnectionTestResult | undefined;
    let unreachable: ErrorInfo | undefined;
    if (changed) {
      const credential =
        basicCredential(secret) ??
        (username === existing.username && connection.host === existing.host
          ? await storedCredential(services, existing)
          : undefined);
      try {
        test = await checkAndReport(context, { name, host: connection.host }, () =>
          checkConnection(connection, credential, services.secrets),
        );
      } catch (error) {
        // As for a new connection: saved unchecked only when asked, and only when nothing answered.
        if (!input.saveIfUnreachable || !(error instanceof BerthError) || !isUnreachable(error)) throw error;
        unreachable = error.toInfo();
      }
      if (secret)
        await services.credentials.save(connection.host, secret.username, secret.secret, secret.kind);
    }
    const movedSecret =
      existing.username && (existing.username !== username || existing.host !== connection.host);
    // Renamed: the stars and recent places of the connection keep it under its new name.
    if (name !== existing.name) services.settings.remove(existing.name, { placesTo: name });
    const saved = services.settings.save({
      ...existing,
      ...connection,
      name,
      username,
      kind: input.kind ?? detectedKind(existing.kind, test?.kind),
      ...(input.apiUrl ? { apiUrl: input.apiUrl } : {}),
      // A password typed in replaces the credential helper the connection asked before.
      credentialHelper: secret ? undefined : existing.credentialHelper,
    });
    if (secret || connection.host !== existing.host) services.helperLogins.forget(existing.host);
    if (movedSecret && secret)
      await services.credentials.remove(existing.host, existing.username!).catch(() => false);
    services.client.forget(existing.host);
    services.client.forget(connection.host);
    const described = (await describeConnections(services.settings, services.credentials)).connections.find(
      (c) => c.name === saved.name,
    );
    const connectionView = view(saved, described?.hasCredential ?? false, described?.credentialKind);
    if (unreachable) return { connection: connectionView, unreachable };
    return test ? { connection: connectionView, test } : { connection: connectionView };
  },

  'connections.remove': async (input, { services }) => {
    const { removed, credentialRemoved } = await removeConnection(services, input.name);
    return { removed, credentialRemoved };
  },

  'connections.test': async (input, context) => {
    if ('name' in input) {
      const saved = savedConnection(context.services, input.name);
      const credential = await storedCredential(context.services, saved);
      // A helper's login that expired since it was asked for is asked for once more.
      const connection = { ...saved, renewCredential: context.services.renewalFor(saved) };
      return checkAndReport(context, saved, () =>
        checkConnection(connection, credential, context.services.secrets),
      );
    }
    const { host, insecureHttp } = parseRegistryUrl(input.url);
    const connection = {
      host,
      insecureHttp: insecureHttp || input.insecureHttp === true,
      tls: await withTrustedCertificate(context.services, host, input.tls ?? {}, input.trustCertificate),
    };
    return checkAndReport(context, undefined, () =>
      checkConnection(connection, basicCredential(secretOf(input)), context.services.secrets),
    );
  },

  // Start-up's check of every saved connection: a few at a time, each within a deadline, every answer
  // sent as it comes so the sidebar fills in without waiting for the slowest registry.
  'connections.checkAll': async (input, context) => {
    const { services } = context;
    const all = services.settings.list();
    const chosen = input.names ? all.filter((saved) => input.names!.includes(saved.name)) : all;
    const statuses: ConnectionStatus[] = [];
    await forEachBounded(chosen, CHECK_CONCURRENCY, async (saved) => {
      // A connection saved with a longer timeout (a slow link) keeps it, and its deadline grows with it.
      const ownMs = (saved.timeoutSeconds ?? 0) * 1000;
      const timeouts = ownMs ? { connectMs: ownMs, answerMs: ownMs, idleMs: ownMs } : CHECK_TIMEOUTS;
      const connection = { ...saved, timeouts, renewCredential: services.renewalFor(saved) };
      try {
        const test = await checkWithin(saved.host, Math.max(CHECK_DEADLINE_MS, 2 * ownMs), async (signal) =>
          checkConnection(connection, await storedCredential(services, saved), services.secrets, signal),
        );
        statuses.push(statusFrom(saved, { test }));
      } catch (error) {
        statuses.push(statusFrom(saved, { error }));
      }
      context.emit('connections.status', statuses.at(-1)!);
    });
    return { statuses };
  },

  'connections.peekCertificate': async (input) => peekCertificates(input.url),

  // Docker's config is found as the CLI finds it (DOCKER_CONFIG, else ~/.docker), read on each call so
  // a `docker login` made meanwhile shows up. Secrets are read only in importDocker, and never returned.
  'connections.dockerLogins': async (_input, { services }) => {
    const scan = await new DockerLogins().scan();
    return {
      configPath: scan.configPath,
      podmanFiles: scan.podmanFiles,
      logins: scan.logins.map((login) => {
        const saved = services.settings.findByHost(login.host);
        return {
          host: login.host,
          username: login.username,
          source: login.source,
          ...(login.helper ? { helper: login.helper } : {}),
          tool: login.tool,
          file: login.file,
          ...(saved ? { savedAs: saved.name } : {}),
        };
      }),
      problems: scan.problems,
    };
  },

  'connections.importDocker': async (input, { services }) => ({
    results: await importDockerLogins(services, input.hosts, {
      copySecrets: input.copySecrets,
      askHelpers: input.askHelpers === true,
    }),
  }),
};
