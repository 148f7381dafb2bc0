import type { ConnectionTestResult } from '../../../shared/contract/index.js';
import {
  imageAt,
  repositoryAt,
  type DestinationLocation,
  type ImageLocation,
  type RepositoryLocation,
} from '../../../shared/location.js';
import { DOCKER_HUB, isDockerHubHost } from '../../../shared/reference.js';
import { KeychainError } from '../credentials/index.js';
import { isUnreachable } from '../../../shared/errors.js';
import { BerthError } from '../errors.js';
import type { NetworkTimeouts, PingResult, TlsFiles } from '../registry/index.js';
import type { BerthServices } from '../services.js';
import {
  gitLabApiFromRealm,
  kindFromHost,
  type RegistryKind,
  type SavedConnection,
} from '../settings/index.js';
import { basicCredential, probeConnection, withTrustedCertificate, type LoginSecret } from './check.js';

export function savedConnection(services: BerthServices, name: string): SavedConnection {
  const saved = services.settings.get(name);
  if (!saved)
    throw new BerthError('NOT_FOUND', `there is no saved connection named "${name}"`, {
      hint: 'Add the registry first.',
    });
  return saved;
}

/** What a request names a place by: a saved connection's name and a repository in it. */
export interface InConnection {
  connection: string;
  repository: string;
}

/**
 * A request's `{connection, repository}` as a location, the connection looked up once by its name: its
 * registry named the way references name it (`docker.io` for any Docker Hub host, where a one-part name
 * is an official image, `library/…`, as Docker reads `nginx`).
 */
export function repositoryIn(services: BerthServices, at: InConnection): RepositoryLocation {
  const { host } = savedConnection(services, at.connection);
  if (!isDockerHubHost(host)) return repositoryAt(host, at.repository);
  return repositoryAt(DOCKER_HUB, at.repository.includes('/') ? at.repository : `library/${at.repository}`);
}

/** The same with a tag or digest. */
export function imageIn(services: BerthServices, at: InConnection, reference: string): ImageLocation {
  return imageAt(repositoryIn(services, at), reference);
}

/** A destination that may leave its tag to the source. */
export function destinationIn(
  services: BerthServices,
  at: InConnection & { reference?: string | undefined },
): DestinationLocation {
  return at.reference === undefined ? repositoryIn(services, at) : imageIn(services, at, at.reference);
}

export interface RemovedConnection {
  removed: boolean;
  credentialRemoved: boolean;
  /** What was removed, for the front door's message. */
  connection?: SavedConnection;
}

/**
 * Forgets a saved connection and its login's keychain entry. A keychain that cannot remove the entry is
 * a warning, not a failure: the connection is gone either way.
 */
export async function removeConnection(services: BerthServices, name: string): Promise<RemovedConnection> {
  const saved = services.settings.get(name);
  if (!saved || !services.settings.remove(name)) return { removed: false, credentialRemoved: false };
  services.client.forget(saved.host);
  let credentialRemoved = false;
  if (saved.username) {
    try {
      credentialRemoved = await services.credentials.remove(saved.host, saved.username);
    } catch (error) {
      if (!(error instanceof KeychainError)) throw error;
      services.warn(
        `the keychain entry for ${saved.username} at ${saved.host} is still there: ${error.message}`,
      );
    }
  }
  return { removed: true, credentialRemoved, connection: saved };
}

export interface NewConnection {
  name: string;
  host: string;
  insecureHttp: boolean;
  tls: TlsFiles;
  timeouts?: NetworkTimeouts;
  username?: string;
  /** A login to check, then keep in the keychain. */
  secret?: LoginSecret;
  /** PEM of a certificate the user chose to trust for this connection only. */
  trustCertificate?: string;
  /** The kind the user chose; detected when absent. */
  kind?: RegistryKind;
  /** Where the kind's own API lives, when not in the usual place. */
  apiUrl?: string;
}

/** Runs the registry check; a front door may wrap it to tell listeners how it went. */
export type RunCheck = (check: () => Promise<ConnectionTestResult>) => Promise<ConnectionTestResult>;

/** A connection the registry answered for, and that was saved. */
export interface CheckedConnection {
  saved: SavedConnection;
  test: ConnectionTestResult;
  ping: PingResult;
  unreachable?: undefined;
}

/** What addConnection did: checked and saved, or (when asked) saved though the registry did not answer. */
export type AddedConnection =
  CheckedConnection | { saved: SavedConnection; test?: undefined; ping?: undefined; unreachable: BerthError };

/**
 * Tests a registry and saves it as a connection, for the app's dialog and `berth registry add`. A name
 * already taken is refused; a secret is checked first and kept in the keychain; nothing is saved when the
 * check or the keychain fails — except, with `saveIfUnreachable`, when nothing answered at all (refused,
 * no such name, timed out, a proxy's 5xx): then it is saved unchecked, its secret in the keychain only,
 * and `unreachable` says why. A registry that answers (a wrong password, a certificate) is never saved.
 */
export async function addConnection(
  services: BerthServices,
  input: NewConnection,
  runCheck?: RunCheck,
): Promise<CheckedConnection>;
export async function addConnection(
  services: BerthServices,
  input: NewConnection,
  runCheck: RunCheck | undefined,
  options: { saveIfUnreachable: boolean },
): Promise<AddedConnection>;
export async function addConnection(
  services: BerthServices,
  input: NewConnection,
  runCheck: RunCheck = (check) => check(),
  options: { saveIfUnreachable?: boolean } = {},
): Promise<AddedConnection> {
  const problem = services.settings.problem;
  if (problem) throw problem;
  if (services.settings.get(input.name))
    throw new BerthError('INVALID_INPUT', `a connection named "${input.name}" already exists`, {
      hint: 'Choose another name, or edit the existing connection.',
    });
  const { host, secret } = input;
  // Before the registry and the keychain: a second login for the same address would replace the first's.
  const sameAddress = services.settings.list().find((saved) => saved.host === host);
  if (sameAddress)
    throw new BerthError('INVALID_INPUT', `${host} is already saved as "${sameAddress.name}"`, {
      hint: `Edit "${sameAddress.name}" instead, or remove it first.`,
    });
  const connection = {
    host,
    insecureHttp: input.insecureHttp,
    tls: await withTrustedCertificate(services, host, input.tls, input.trustCertificate),
    timeouts: input.timeouts,
  };
  // An unreachable keychain fails before the secret goes to the registry for nothing.
  if (secret) await services.credentials.has(host, secret.username);
  let ping: PingResult | undefined;
  let test: ConnectionTestResult;
  try {
    test = await runCheck(async () => {
      const probed = await probeConnection(connection, basicCredential(secret), services.secrets);
      ping = probed.ping;
      return probed.test;
    });
  } catch (error) {
    if (!options.saveIfUnreachable || !(error instanceof BerthError) || !isUnreachable(error)) throw error;
    const saved = await store(services, input, connection, kindFromHost(host) ?? 'generic');
    return { saved, unreachable: error };
  }
  // A GitLab's registry names its instance in its challenge: that is where the API lives, whatever the
  // registry's own address (the dialog's API address, filled in for the user).
  const probed: PingResult | undefined = ping;
  const apiUrl =
    !input.apiUrl && (input.kind ?? test.kind) === 'gitlab'
      ? probed && gitLabApiFromRealm(probed.realm, probed.url)
      : undefined;
  const saved = await store(services, apiUrl ? { ...input, apiUrl } : input, connection, test.kind);
  return { saved, test, ping: ping! };
}

/** Keychain first: if it cannot take the secret, nothing is saved at all. */
async function store(
  services: BerthServices,
  input: NewConnection,
  connection: { host: string; insecureHttp: boolean; tls: TlsFiles },
  kind: RegistryKind,
): Promise<SavedConnection> {
  const { host, secret } = input;
  if (secret) await services.credentials.save(host, secret.username, secret.secret, secret.kind);
  const saved = services.settings.save({
    name: input.name,
    host,
    insecureHttp: connection.insecureHttp,
    tls: connection.tls,
    username: input.username,
    kind: input.kind ?? kind,
    ...(input.apiUrl ? { apiUrl: input.apiUrl } : {}),
    ...(input.timeouts ? { timeoutSeconds: input.timeouts.answerMs / 1000 } : {}),
  });
  services.client.forget(host);
  return saved;
}
