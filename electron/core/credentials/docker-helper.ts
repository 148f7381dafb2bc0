import { spawn } from 'node:child_process';
import { DockerCredentialsError, HelperUnusableError, redact } from './errors.js';

/** The message a helper prints (on stdout, exit 1) when it has nothing for a server (`credentials/error.go`). */
const NOT_FOUND_MESSAGE = 'credentials not found in native keychain';
const OUTPUT_LIMIT = 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;

export interface HelperCredentials {
  serverUrl: string;
  username: string;
  secret: string;
}

export interface CredentialHelperOptions {
  env?: NodeJS.ProcessEnv;
  /** A helper may wait for the user (a keychain unlock prompt); default 30 s. */
  timeoutMs?: number;
  /** Where this helper was named, for messages: `credsStore in ~/.docker/config.json`. */
  configuredIn?: string;
}

/**
 * A `docker-credential-<name>` program spoken to exactly as docker/docker-credential-helpers
 * `client/client.go` does: one action argument; `get`/`erase` take the bare server URL on stdin (no
 * newline), `store` takes JSON, `list` gets `unused`; answers are JSON on stdout; failures are a
 * message on stdout with exit status 1.
 */
export class CredentialHelper {
  readonly program: string;

  constructor(
    readonly name: string,
    private readonly options: CredentialHelperOptions = {},
  ) {
    // Docker runs `docker-credential-` + name from PATH; a name with a path in it would run anything.
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
      throw new DockerCredentialsError(
        `"${name}" is not a credential helper name${this.where()}`,
        'Helper names are plain words such as desktop, osxkeychain, secretservice or pass.',
      );
    }
    this.program = `docker-credential-${name}`;
  }

  /** The stored credentials for a server URL, or undefined when the helper has none. */
  async get(serverUrl: string): Promise<HelperCredentials | undefined> {
    const result = await this.run('get', serverUrl, []);
    if (result.code !== 0) {
      if (result.message === NOT_FOUND_MESSAGE) return undefined;
      throw this.failure('get', result);
    }
    const json = this.parseJson('get', result.stdout) as {
      ServerURL?: unknown;
      Username?: unknown;
      Secret?: unknown;
    };
    if (typeof json.Secret !== 'string' || typeof json.Username !== 'string') {
      throw new DockerCredentialsError(
        `${this.program} get answered without Username and Secret`,
        this.checkHint(),
      );
    }
    return {
      serverUrl: typeof json.ServerURL === 'string' && json.ServerURL ? json.ServerURL : serverUrl,
      username: json.Username,
      secret: json.Secret,
    };
  }

  /** Server URL → username of everything the helper holds for Docker (no secrets). */
  async list(): Promise<Record<string, string>> {
    const result = await this.run('list', 'unused', []);
    if (result.code !== 0) throw this.failure('list', result);
    const json = this.parseJson('list', result.stdout);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new DockerCredentialsError(`${this.program} list did not answer a JSON object`, this.checkHint());
    }
    const logins: Record<string, string> = {};
    for (const [serverUrl, username] of Object.entries(json)) {
      if (typeof username === 'string') logins[serverUrl] = username;
    }
    return logins;
  }

  async store(credentials: HelperCredentials): Promise<void> {
    const input = JSON.stringify({
      ServerURL: credentials.serverUrl,
      Username: credentials.username,
      Secret: credentials.secret,
    });
    const result = await this.run('store', input, [credentials.secret]);
    if (result.code !== 0) throw this.failure('store', result);
  }

  async erase(serverUrl: string): Promise<void> {
    const result = await this.run('erase', serverUrl, []);
    if (result.code !== 0 && result.message !== NOT_FOUND_MESSAGE) throw this.failure('erase', result);
  }

  private where(): string {
    return this.options.configuredIn ? ` (${this.options.configuredIn})` : '';
  }

  private parseJson(action: string, stdout: string): unknown {
    try {
      return JSON.parse(stdout);
    } catch {
      throw new DockerCredentialsError(`${this.program} ${action} did not answer JSON`, this.checkHint());
    }
  }

  private failure(action: string, result: RunResult): DockerCredentialsError {
    // The protocol's error message is on stdout. Stderr is the helper's own chatter (debug output may
    // quote a token), so it is never passed on: only its exit status is.
    // An answer in JSON is the helper's credentials, not a message (a broken helper that failed anyway, or
    // one that wants its secret shown): only that it failed is said. Bidi controls would reorder the line.
    const firstLine = /^\s*[[{]/.test(result.message)
      ? ''
      : result.message
          .split('\n')[0]!
          .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
          .trim();
    const said =
      firstLine.length > 200 ? `${firstLine.slice(0, 200)}…` : firstLine || `exit status ${result.code}`;
    return new DockerCredentialsError(`${this.program} ${action} failed: ${said}`, this.checkHint());
  }

  private checkHint(): string {
    return `Docker's own logins go through this helper${this.where()}; check that it works: echo unused | ${this.program} list`;
  }

  private run(action: string, input: string, secrets: string[]): Promise<RunResult> {
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const child = spawn(this.program, [action], {
        env: this.options.env ?? process.env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let size = 0;
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
        // A helper's own child (an agent it started) may hold the pipes open after the helper is gone,
        // and 'close' waits for them: give up on the pipes too, and answer now.
        child.stdout.destroy();
        child.stderr.destroy();
        reject(
          new HelperUnusableError(
            `${this.program} ${action} did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`,
            'The helper may be waiting for a keychain prompt; unlock the keychain and try again.',
          ),
        );
      }, timeoutMs);
      const collect = (into: Buffer[]) => (chunk: Buffer) => {
        size += chunk.length;
        if (size > OUTPUT_LIMIT) child.kill('SIGKILL');
        else into.push(chunk);
      };
      child.stdout.on('data', collect(stdout));
      child.stderr.on('data', collect(stderr));
      child.stdin.on('error', () => {
        // The helper may exit without reading its input; its exit status says what happened.
      });
      child.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        if (error.code === 'ENOENT') {
          reject(
            new HelperUnusableError(
              `Docker's credential helper ${this.program} is not installed (not found on PATH)${this.where()}`,
              `Install ${this.program}, or change Docker's config.json so it no longer names "${this.name}".`,
            ),
          );
        } else {
          reject(new HelperUnusableError(`cannot run ${this.program}: ${error.message}`, this.checkHint()));
        }
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        if (timedOut) return;
        if (size > OUTPUT_LIMIT) {
          reject(
            new HelperUnusableError(`${this.program} ${action} wrote more than 1 MiB`, this.checkHint()),
          );
          return;
        }
        const out = redact(Buffer.concat(stdout).toString('utf8'), secrets);
        resolve({
          code: code ?? (signal ? 128 : -1),
          stdout: out,
          stderr: redact(Buffer.concat(stderr).toString('utf8'), secrets),
          message: out.trim(),
        });
      });
      child.stdin.end(input);
    });
  }
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Trimmed stdout: where helpers put their error message. */
  message: string;
}
