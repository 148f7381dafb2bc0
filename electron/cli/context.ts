import {
  parseReference,
  parseRepositoryName,
  isDockerHubHost,
  type ImageReference,
} from '../../shared/reference.js';
import { CredentialStore, keytarKeychain, toRegistryCredential } from '../core/credentials/index.js';
import { RegistryClient, type Credential, type RegistryConnection } from '../core/registry/index.js';
import { SettingsStore, type SavedConnection } from '../core/settings/index.js';

export interface GlobalOptions {
  json?: boolean;
  username?: string;
  passwordStdin?: boolean;
}

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new Error(
      '--password-stdin expects the password on standard input (for example: echo "$PASS" | berth ...)',
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function toConnection(saved: SavedConnection, credential?: Credential): RegistryConnection {
  return { host: saved.host, insecureHttp: saved.insecureHttp, tls: saved.tls, credential };
}

export function warn(message: string): void {
  process.stderr.write(`warning: ${message}\n`);
}

/**
 * Everything a command needs: settings, the keychain, and a client that finds saved connections and
 * their keychain credentials. Per-call `--username/--password-stdin` credentials win over the keychain.
 */
export class CliContext {
  readonly settings = new SettingsStore();
  readonly credentials = new CredentialStore(keytarKeychain());
  private credential: Credential | undefined;
  private readonly overrides = new Map<string, RegistryConnection>();
  /** Host → username whose keychain entry this run uses (a rotated refresh token goes back there). */
  private readonly keychainUsers = new Map<string, string>();
  private readonly pendingSaves: Promise<void>[] = [];
  readonly warnings: string[] = [];
  readonly client = new RegistryClient({
    connectionFor: (host) => this.connectionFor(host),
    onWarning: (_registry, message) => {
      this.warnings.push(message);
      warn(message);
    },
    onIdentityTokenChanged: (host, token) => this.keepRefreshToken(host, token),
  });

  constructor() {
    const problem = this.settings.problem;
    if (problem) warn(problem.message);
  }

  async useCredentials(options: GlobalOptions): Promise<void> {
    if (options.passwordStdin && !options.username) throw new Error('--password-stdin needs --username');
    if (options.username) {
      const password = options.passwordStdin ? await readStdin() : '';
      if (!password) throw new Error(`no password for ${options.username}: pass it with --password-stdin`);
      this.credential = { kind: 'basic', username: options.username, password };
    }
  }

  /** The `--username/--password-stdin` credential of this run, if one was given. */
  get perCallCredential(): Credential | undefined {
    return this.credential;
  }

  /** Use this connection for its host in this run (registry add tests a connection before saving it). */
  override(connection: RegistryConnection): void {
    this.overrides.set(connection.host, connection);
    this.client.forget(connection.host);
  }

  savedFor(host: string): SavedConnection | undefined {
    return this.settings.findByHost(host);
  }

  private async connectionFor(host: string): Promise<RegistryConnection | undefined> {
    const override = this.overrides.get(host);
    if (override) return { ...override, credential: override.credential ?? this.credential };
    const saved = this.savedFor(host);
    if (saved) return toConnection(saved, this.credential ?? (await this.keychainCredential(host, saved)));
    return { host, credential: this.credential };
  }

  private async keychainCredential(host: string, saved: SavedConnection): Promise<Credential | undefined> {
    if (!saved.username) return undefined;
    const stored = await this.credentials.get(saved.host, saved.username);
    if (!stored) {
      warn(
        `${saved.username}'s secret for ${saved.host} is not in the keychain; log in: berth login ${saved.name}`,
      );
      return undefined;
    }
    this.keychainUsers.set(host, saved.username);
    return toRegistryCredential(stored);
  }

  private keepRefreshToken(host: string, token: string): void {
    const username = this.keychainUsers.get(host);
    if (!username) return;
    this.pendingSaves.push(
      this.credentials.save(host, username, token, 'identity-token').catch((error: unknown) => {
        warn(
          `the registry issued a new refresh token but it could not be stored: ${(error as Error).message}`,
        );
      }),
    );
  }

  /** A saved connection's name or a host → the registry host. */
  resolveHost(nameOrHost: string): string {
    const saved = this.settings.get(nameOrHost);
    if (saved) return saved.host;
    return isDockerHubHost(nameOrHost)
      ? 'docker.io'
      : nameOrHost.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  }

  reference(input: string): ImageReference {
    return parseReference(input);
  }

  repository(input: string) {
    return parseRepositoryName(input);
  }

  async close(): Promise<void> {
    await Promise.all(this.pendingSaves);
    await this.client.close();
  }
}
