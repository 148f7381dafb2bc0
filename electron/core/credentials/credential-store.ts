import { isDockerHubHost } from '../../../shared/reference.js';
import type { Credential } from '../registry/index.js';
import { ConfigError } from '../errors.js';
import { keychainError, type Keychain } from './keychain.js';

/** What kind of secret an entry holds; it decides how the secret is sent (see toRegistryCredential). */
export const SECRET_KINDS = ['password', 'access-token', 'identity-token', 'registry-token'] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

/** Docker's username for an identity token that came without one (credential helpers, `<token>`). */
export const TOKEN_USERNAME = '<token>';

/** One keychain entry as Berth shows it: never the secret. */
export interface CredentialEntry {
  host: string;
  username: string;
  kind: SecretKind;
}

export interface StoredCredential extends CredentialEntry {
  secret: string;
}

export const DEFAULT_KEYCHAIN_SERVICE = 'Berth';

/** `BERTH_KEYCHAIN_SERVICE` (tests give each file its own) or `Berth`. */
export function keychainService(env: NodeJS.ProcessEnv = process.env): string {
  return env.BERTH_KEYCHAIN_SERVICE || DEFAULT_KEYCHAIN_SERVICE;
}

/** The host an entry is filed under: Docker Hub's aliases are one registry. */
export function credentialHost(host: string): string {
  return isDockerHubHost(host) ? 'docker.io' : host;
}

interface Payload {
  v: 1;
  kind: SecretKind;
  secret: string;
}

/**
 * Registry secrets in the OS keychain: service `Berth`, account `<host>/<username>` (a host never
 * holds a slash), one entry per registry host and username. The keychain value is a small JSON
 * object recording the kind of secret next to it.
 */
export class CredentialStore {
  readonly service: string;

  constructor(
    private readonly keychain: Keychain,
    options: { service?: string } = {},
  ) {
    this.service = options.service ?? keychainService();
  }

  async save(host: string, username: string, secret: string, kind: SecretKind = 'password'): Promise<void> {
    if (!secret) throw new ConfigError(`no secret given for ${username} at ${host}`);
    if (!SECRET_KINDS.includes(kind)) throw new ConfigError(`unknown kind of secret "${kind}"`);
    const payload: Payload = { v: 1, kind, secret };
    const account = this.account(host, username);
    await this.call(`store the credential for ${account}`, [secret], () =>
      this.keychain.setPassword(this.service, account, JSON.stringify(payload)),
    );
  }

  async get(host: string, username: string): Promise<StoredCredential | undefined> {
    const account = this.account(host, username);
    const value = await this.call(`read the credential for ${account}`, [], () =>
      this.keychain.getPassword(this.service, account),
    );
    if (value === null) return undefined;
    return { host: credentialHost(host), username, ...parsePayload(value) };
  }

  async has(host: string, username: string): Promise<boolean> {
    return (await this.get(host, username)) !== undefined;
  }

  /** True when an entry was there to remove. */
  async remove(host: string, username: string): Promise<boolean> {
    const account = this.account(host, username);
    return this.call(`remove the credential for ${account}`, [], () =>
      this.keychain.deletePassword(this.service, account),
    );
  }

  /** Every Berth entry, without secrets. */
  async list(): Promise<CredentialEntry[]> {
    const found = await this.call('list its credentials', [], () =>
      this.keychain.findCredentials(this.service),
    );
    const entries: CredentialEntry[] = [];
    for (const { account, password } of found) {
      const slash = account.indexOf('/');
      if (slash <= 0 || slash === account.length - 1) continue;
      entries.push({
        host: account.slice(0, slash),
        username: account.slice(slash + 1),
        kind: parsePayload(password).kind,
      });
    }
    return entries.sort((a, b) => a.host.localeCompare(b.host) || a.username.localeCompare(b.username));
  }

  async listHosts(): Promise<string[]> {
    return [...new Set((await this.list()).map((entry) => entry.host))];
  }

  private account(host: string, username: string): string {
    if (!host || host.includes('/')) throw new ConfigError(`"${host}" is not a registry host`);
    if (!username) throw new ConfigError(`a username is needed to find a credential for ${host}`);
    return `${credentialHost(host)}/${username}`;
  }

  private async call<T>(action: string, secrets: string[], run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw keychainError(error, action, secrets);
    }
  }
}

/** A value Berth did not write (no JSON envelope) is taken as a password. */
function parsePayload(value: string): { kind: SecretKind; secret: string } {
  try {
    const parsed = JSON.parse(value) as Partial<Payload>;
    if (
      parsed &&
      typeof parsed === 'object' &&
      typeof parsed.secret === 'string' &&
      SECRET_KINDS.includes(parsed.kind as SecretKind)
    ) {
      return { kind: parsed.kind as SecretKind, secret: parsed.secret };
    }
  } catch {
    // not Berth's envelope
  }
  return { kind: 'password', secret: value };
}

/** How the registry client sends a stored secret. */
export function toRegistryCredential(stored: StoredCredential): Credential {
  switch (stored.kind) {
    case 'password':
    case 'access-token':
      return { kind: 'basic', username: stored.username, password: stored.secret };
    case 'identity-token':
      return {
        kind: 'identity-token',
        token: stored.secret,
        username: stored.username === TOKEN_USERNAME ? undefined : stored.username,
      };
    case 'registry-token':
      return { kind: 'registry-token', token: stored.secret };
  }
}
