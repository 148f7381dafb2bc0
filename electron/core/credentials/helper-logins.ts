import { BerthError, isBerthError } from '../errors.js';
import type { Credential } from '../registry/index.js';
import { TOKEN_USERNAME, toRegistryCredential } from './credential-store.js';
import { authKeyForHost } from './docker-config.js';
import { CredentialHelper } from './docker-helper.js';

export interface HelperLoginsOptions {
  env?: NodeJS.ProcessEnv;
  /** Per question; default 30 s (a helper may wait for a keychain to be unlocked). */
  timeoutMs?: number;
  /** Every secret a helper hands out, so front doors can scrub their output of it. */
  onSecret?: (secret: string) => void;
}

interface Answer {
  credential: Credential;
}

/**
 * Logins served by a Docker credential helper (`credentialHelper` on a saved connection): the helper is
 * asked with `get` when a connection first needs its login, the answer is kept in this process's memory
 * only, and asked for again once the registry refuses it. Nothing reaches the keychain or the settings.
 */
export class HelperLogins {
  private readonly answers = new Map<string, Promise<Answer>>();

  constructor(private readonly options: HelperLoginsOptions = {}) {}

  /** The helper's answer for this host, asked once and then kept. */
  async credential(host: string, helper: string): Promise<Credential> {
    return (await this.answer(host, helper)).credential;
  }

  /**
   * The registry refused `stale`: forget it and ask the helper once more. Several requests refused at
   * once share one question; a request holding an answer older than the current one gets the current one.
   */
  async renew(host: string, helper: string, stale: Credential | undefined): Promise<Credential> {
    const current = this.answers.get(host);
    if (current) {
      const answer = await current.catch(() => undefined);
      if (answer && !sameCredential(answer.credential, stale)) return answer.credential;
      if (this.answers.get(host) === current) this.answers.delete(host);
    }
    return (await this.answer(host, helper)).credential;
  }

  /** Forget what the helper said for a host (the connection changed or was removed). */
  forget(host: string): void {
    this.answers.delete(host);
  }

  private answer(host: string, helper: string): Promise<Answer> {
    let pending = this.answers.get(host);
    if (!pending) {
      pending = this.ask(host, helper);
      this.answers.set(host, pending);
      // A failed question is not kept: the next use asks again (the user may have fixed the helper).
      pending.catch(() => {
        if (this.answers.get(host) === pending) this.answers.delete(host);
      });
    }
    return pending;
  }

  private async ask(host: string, name: string): Promise<Answer> {
    let found;
    try {
      const helper = new CredentialHelper(name, {
        env: this.options.env,
        timeoutMs: this.options.timeoutMs,
        configuredIn: `the login of ${host}`,
      });
      found = await helper.get(authKeyForHost(host));
    } catch (error) {
      throw helperFailure(host, name, error);
    }
    if (!found) {
      throw new BerthError(
        'AUTH',
        `docker-credential-${name} has no login for ${host} (credentials not found)`,
        {
          registry: host,
          hint: `Log in through the helper's own tool (for a cloud registry, its CLI), or: docker login ${host}`,
          appHint: `Log in to ${host} with the tool that fills docker-credential-${name}, then check the connection again.`,
        },
      );
    }
    this.options.onSecret?.(found.secret);
    const credential = toRegistryCredential({
      host,
      username: found.username,
      secret: found.secret,
      kind: found.username === TOKEN_USERNAME ? 'identity-token' : 'password',
    });
    return { credential };
  }
}

function sameCredential(a: Credential, b: Credential | undefined): boolean {
  if (!b || a.kind !== b.kind) return false;
  if (a.kind === 'basic' && b.kind === 'basic') return a.username === b.username && a.password === b.password;
  return a.kind !== 'basic' && b.kind !== 'basic' && a.token === b.token;
}

/** A helper that is missing, failing, hanging or talking nonsense, said in both the CLI's and the app's words. */
function helperFailure(host: string, name: string, error: unknown): BerthError {
  const program = `docker-credential-${name}`;
  const message = isBerthError(error) ? error.message : String((error as Error)?.message ?? error);
  const missing = /not found on PATH/.test(message);
  const hanging = /did not answer within/.test(message);
  const appHint = missing
    ? `Install ${program} where Berth can find it (on the PATH Berth was started with), or edit the connection to sign in with a password.`
    : hanging
      ? `${program} may be waiting for your keychain to be unlocked: unlock it, then check the connection again.`
      : `${program} could not give Berth the login for ${host}. Check that the helper works, then check the connection again.`;
  const hint = missing
    ? `Install ${program} on your PATH, or sign in with a password instead: berth login ${host}`
    : hanging
      ? `Unlock the keychain ${program} uses, then try again; check it with: echo ${authKeyForHost(host)} | ${program} get`
      : `Check the helper by itself: echo ${authKeyForHost(host)} | ${program} get`;
  return new BerthError('AUTH', `${host}: ${message}`, { registry: host, hint, appHint, cause: error });
}
