import { BerthError } from '../errors.js';

export type KeychainProblem = 'unavailable' | 'locked' | 'failed';

/** The OS keychain could not be used. Berth never falls back to storing the secret anywhere else. */
export class KeychainError extends BerthError {
  constructor(
    override readonly problem: KeychainProblem,
    message: string,
    hint: string,
    cause?: unknown,
  ) {
    super('KEYCHAIN', message, { hint, cause, problem });
  }
}

/** Docker's config.json or a `docker-credential-*` helper failed. */
export class DockerCredentialsError extends BerthError {
  constructor(message: string, hint?: string, cause?: unknown) {
    super('DOCKER_CREDENTIALS', message, { hint, cause });
  }
}

/**
 * The helper itself cannot be used (not installed, cannot be run, hangs, floods its output): asking it
 * about another registry would fail the same way, after the same wait.
 */
export class HelperUnusableError extends DockerCredentialsError {}

/** Replaces every occurrence of the secrets in text (error messages from native code and helpers). */
export function redact(text: string, secrets: (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 3) result = result.split(secret).join('[redacted]');
  }
  return result;
}
