import {
  parseReference,
  parseRepositoryName,
  isDockerHubHost,
  type ImageReference,
} from '../../shared/reference.js';
import { BerthError } from '../core/errors.js';
import { BerthServices, toConnection } from '../core/services.js';
import { cliSecrets, printErrorLine } from './output.js';

export interface GlobalOptions {
  json?: boolean;
  username?: string;
  passwordStdin?: boolean;
}

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new BerthError(
      'INVALID_INPUT',
      '--password-stdin expects the password on standard input, not a terminal',
      {
        hint: 'Pipe it in: echo "$PASSWORD" | berth … --password-stdin (or leave --password-stdin out to be asked).',
      },
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const secret = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  // Whatever a registry or helper quotes back, this run never prints it (CI logs keep everything).
  cliSecrets.add(secret);
  return secret;
}

export { toConnection };

export function warn(message: string): void {
  printErrorLine(`warning: ${message}`);
}

/**
 * Everything a command needs: the shared services (settings, the keychain, a client that finds saved
 * connections and their keychain credentials), with warnings on stderr. Per-call
 * `--username/--password-stdin` credentials win over the keychain.
 */
export class CliContext extends BerthServices {
  constructor(engine?: string) {
    super({ onWarning: warn, jobs: { throttleMs: 100 }, engine, secrets: cliSecrets });
    const problem = this.settings.problem;
    if (problem) warn(problem.message);
  }

  async useCredentials(options: GlobalOptions): Promise<void> {
    if (options.passwordStdin && !options.username)
      throw new BerthError('INVALID_INPUT', '--password-stdin needs --username', {
        hint: 'Add --username USER: the password on standard input is for that user.',
      });
    if (options.username) {
      const password = options.passwordStdin ? await readStdin() : '';
      if (!password)
        throw new BerthError('INVALID_INPUT', `no password for ${options.username}`, {
          hint: 'Pass it on standard input with --password-stdin (--username alone does not ask for one).',
        });
      this.perCallCredential = { kind: 'basic', username: options.username, password };
      this.secrets.addCredential(this.perCallCredential);
    }
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
}
