/**
 * The error shape that crosses every boundary (IPC, host, CLI --json): plain data, never a secret.
 * `code` is stable; `message` names the registry and the problem; `hint` says what to do next.
 */
export type ErrorCode =
  | 'INVALID_REFERENCE'
  | 'INVALID_INPUT'
  | 'NETWORK'
  | 'TLS'
  | 'AUTH'
  | 'DENIED'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'REGISTRY'
  | 'DIGEST_MISMATCH'
  | 'TOO_LARGE'
  | 'UNSUPPORTED'
  | 'CANCELLED'
  | 'PROTOCOL'
  | 'CONFIG'
  /** The OS keychain (Secret Service, Keychain, Credential Manager) is missing, locked or failing. */
  | 'KEYCHAIN'
  /** Docker's config.json or one of its credential helpers could not be read. */
  | 'DOCKER_CREDENTIALS';

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  hint?: string;
  /** The hint for the command line, when it differs (it names a command or a flag); the app shows `hint`. */
  commandHint?: string;
  /** Registry host the error is about, when there is one. */
  registry?: string;
  /** HTTP status from the registry, when there was an answer. */
  status?: number;
  /** Registry error codes from the body (`MANIFEST_UNKNOWN`, `DENIED`, ...). */
  registryCodes?: string[];
  /**
   * Which TLS or login problem it is (`not-https`, `https-only`, `credentials-rejected`, …), so a screen
   * can offer the one fix that applies.
   */
  problem?: string;
}

/**
 * Nothing answered (refused, no such name, timed out) or a proxy said the registry behind it is down:
 * the registry may be fine later. A wrong password or certificate is an answer, so it is not this.
 */
export function isUnreachable(error: Pick<ErrorInfo, 'code' | 'status'>): boolean {
  return error.code === 'NETWORK' || (error.code === 'REGISTRY' && (error.status ?? 0) >= 500);
}
