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
  /**
   * The facts the English message interpolates that a translation needs (`host`, `retryAfter`, `said` —
   * the registry's own words, …); the renderer translates by `code` and `problem` with these.
   */
  params?: Record<string, string | number>;
}

/**
 * What to do next for an error whose source had nothing more particular to say, one per code, so no
 * error reaches a person without a hint (the CLI prints it as `hint: …`, the app under the message). A
 * source that knows better (which registry, which file, which command fixes it) passes its own hint.
 */
export const DEFAULT_HINTS: Record<ErrorCode, string> = {
  INVALID_REFERENCE:
    'An image reference is HOST/REPOSITORY[:TAG|@DIGEST], for example 127.0.0.1:5000/team/app:1.',
  INVALID_INPUT: 'Correct the value named above and run it again; nothing was changed.',
  NETWORK:
    'Check that the registry runs and this machine can reach it; berth doctor HOST walks the path step by step.',
  TLS: 'berth doctor HOST shows the certificate and the fix (a CA file for the connection, or plain HTTP).',
  AUTH: 'Log in (berth login REGISTRY), or pass --username with --password-stdin for this call.',
  DENIED: 'Your credentials work but do not allow this. Ask for the rights or use another account.',
  NOT_FOUND:
    'Check the name: berth repos REGISTRY lists the repositories, berth tags HOST/REPOSITORY the tags.',
  RATE_LIMITED: 'The registry is limiting requests: wait and try again; logging in usually raises the limit.',
  REGISTRY: "The registry's own words are above; berth doctor HOST checks the connection step by step.",
  DIGEST_MISMATCH:
    'The registry (or something between you and it) returned different content. Nothing was kept.',
  TOO_LARGE: 'The answer is larger than any real registry sends: the registry is likely broken or hostile.',
  UNSUPPORTED: 'This registry or engine does not offer that; the message says what it answered.',
  CANCELLED: 'Nothing more was done; run the command again to carry on.',
  PROTOCOL: 'The server did not answer like a container registry. Check the URL.',
  CONFIG: 'Fix the file or setting named above, then run the command again.',
  KEYCHAIN: 'Unlock the OS keychain (or start gnome-keyring or KWallet) and try again.',
  DOCKER_CREDENTIALS: "Check Docker's config.json and the credential helper it names (docker-credential-…).",
};

/**
 * The same, for the app: it has no command line, so its hints name what to click instead. Errors reach
 * the app through `toInfo()`, which carries the app's hint; the CLI prints `hint` itself.
 */
export const DEFAULT_APP_HINTS: Record<ErrorCode, string> = {
  ...DEFAULT_HINTS,
  INVALID_REFERENCE:
    'An image reference is HOST/REPOSITORY[:TAG|@DIGEST], for example 127.0.0.1:5000/team/app:1.',
  INVALID_INPUT: 'Correct the value named above and try again; nothing was changed.',
  NETWORK:
    'Check that the registry runs and this machine can reach it; Diagnose walks the path step by step.',
  TLS: 'Diagnose shows the certificate and the fix (a CA file for the connection, or plain HTTP).',
  AUTH: 'Check the username and password of the connection (Edit connection), then try again.',
  NOT_FOUND:
    'Check the name: the repository list shows what this registry has, and each repository its tags.',
  REGISTRY: "The registry's own words are above; Diagnose checks the connection step by step.",
  CANCELLED: 'Nothing more was done; start it again to carry on.',
  PROTOCOL: "The server did not answer like a container registry. Check the connection's address.",
  CONFIG: 'Fix the file or setting named above, then try again.',
};

/**
 * Nothing answered (refused, no such name, timed out) or a proxy said the registry behind it is down:
 * the registry may be fine later. A wrong password or certificate is an answer, so it is not this.
 */
export function isUnreachable(error: Pick<ErrorInfo, 'code' | 'status'>): boolean {
  return error.code === 'NETWORK' || (error.code === 'REGISTRY' && (error.status ?? 0) >= 500);
}
