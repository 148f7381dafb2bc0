import {
  parseReference,
  parseRepositoryName,
  isDockerHubHost,
  type ImageReference,
} from '../../shared/reference.js';
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

/** Everything a command needs: settings, a client that finds saved connections, per-call credentials. */
export class CliContext {
  readonly settings = new SettingsStore();
  private credential: Credential | undefined;
  private readonly overrides = new Map<string, RegistryConnection>();
  readonly warnings: string[] = [];
  readonly client = new RegistryClient({
    connectionFor: (host) => this.connectionFor(host),
    onWarning: (registry, message) => {
      this.warnings.push(message);
      process.stderr.write(`warning: ${message}\n`);
    },
  });

  async useCredentials(options: GlobalOptions): Promise<void> {
    if (options.passwordStdin && !options.username) throw new Error('--password-stdin needs --username');
    if (options.username) {
      const password = options.passwordStdin ? await readStdin() : '';
      if (!password) throw new Error(`no password for ${options.username}: pass it with --password-stdin`);
      this.credential = { kind: 'basic', username: options.username, password };
    }
  }

  /** Use this connection for its host in this run (registry add tests a connection before saving it). */
  override(connection: RegistryConnection): void {
    this.overrides.set(connection.host, connection);
    this.client.forget(connection.host);
  }

  savedFor(host: string): SavedConnection | undefined {
    return this.settings.findByHost(host);
  }

  private connectionFor(host: string): RegistryConnection | undefined {
    const override = this.overrides.get(host);
    if (override) return { ...override, credential: override.credential ?? this.credential };
    const saved = this.savedFor(host);
    if (saved) return toConnection(saved, this.credential);
    return { host, credential: this.credential };
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
    await this.client.close();
  }
}
