import type { ErrorInfo } from '../../../shared/errors.js';
import {
  RegistryClient,
  verifyLogin,
  type Credential,
  type PingResult,
  type RegistryClientOptions,
  type RegistryConnection,
} from '../registry/index.js';
import type { SavedConnection, SettingsStore } from '../settings/index.js';
import {
  credentialHost,
  toRegistryCredential,
  type CredentialStore,
  type SecretKind,
} from './credential-store.js';
import { KeychainError } from './errors.js';

export interface LoginInput {
  /** Where and how to reach the registry (TLS, scheme); its credential is ignored. */
  connection: Omit<RegistryConnection, 'credential'>;
  username: string;
  secret: string;
  kind?: SecretKind;
}

export interface LoginResult {
  host: string;
  username: string;
  kind: SecretKind;
  ping: PingResult;
}

/** Options for the short-lived client that checks the login (warnings, certs.d, retries). */
export type LoginClientOptions = Omit<RegistryClientOptions, 'connectionFor' | 'onIdentityTokenChanged'>;

/**
 * Checks a secret against the registry the way `docker login` does and only then stores it in the
 * keychain: a refused password is never saved. A token server that hands out a new refresh token while
 * checking an identity token gets the new one stored.
 */
export async function login(
  credentials: CredentialStore,
  input: LoginInput,
  options: { client?: LoginClientOptions; signal?: AbortSignal } = {},
): Promise<LoginResult> {
  const kind = input.kind ?? 'password';
  const host = credentialHost(input.connection.host);
  // An unreachable keychain fails here, before the secret goes to the registry for nothing.
  await credentials.has(host, input.username);
  let secret = input.secret;
  const credential: Credential = toRegistryCredential({ host, username: input.username, kind, secret });
  const client = new RegistryClient({
    ...options.client,
    connectionFor: (asked) =>
      asked === input.connection.host ? { ...input.connection, credential } : undefined,
    onIdentityTokenChanged: (_host, token) => {
      secret = token;
    },
  });
  let ping: PingResult;
  try {
    ping = await verifyLogin(client, input.connection.host, options.signal);
  } finally {
    await client.close();
  }
  await credentials.save(host, input.username, secret, kind);
  return { host, username: input.username, kind, ping };
}

/** Removes the keychain entry; true when there was one. */
export async function logout(credentials: CredentialStore, host: string, username: string): Promise<boolean> {
  return credentials.remove(host, username);
}

/** A saved connection as the UI and `registry list` show it: whether a secret exists, never the secret. */
export type DescribedConnection = SavedConnection & { hasCredential: boolean; credentialKind?: SecretKind };

/**
 * Saved connections with their credential state. A keychain that cannot be read does not hide the
 * connections: they come back with `hasCredential: false` and the problem beside them.
 */
export async function describeConnections(
  settings: SettingsStore,
  credentials: CredentialStore,
): Promise<{ connections: DescribedConnection[]; keychainProblem?: ErrorInfo }> {
  const saved = settings.list();
  if (!saved.some((c) => c.username)) {
    return { connections: saved.map((c) => ({ ...c, hasCredential: false })) };
  }
  try {
    const entries = await credentials.list();
    return {
      connections: saved.map((c) => {
        const entry = entries.find(
          (e) => e.host === credentialHost(c.host) && c.username !== undefined && e.username === c.username,
        );
        return entry
          ? { ...c, hasCredential: true, credentialKind: entry.kind }
          : { ...c, hasCredential: false };
      }),
    };
  } catch (error) {
    if (!(error instanceof KeychainError)) throw error;
    return {
      connections: saved.map((c) => ({ ...c, hasCredential: false })),
      keychainProblem: error.toInfo(),
    };
  }
}
