// Errors the whole app uses: the base every Berth error extends, and the few that are not about one
// capability (cancelled, bad configuration). A leaf module: any folder may import it, it imports no folder.
import type { ErrorCode, ErrorInfo } from '../../shared/errors.js';

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

/** Every error Berth raises: a stable code, a message naming what failed (the registry, when there is one), a hint. */
export class BerthError extends Error {
  readonly code: ErrorCode;
  /** What to do next: the source's own, or the code's default (DEFAULT_HINTS). */
  readonly hint: string;
  /** The hint in the app's words (no command lines): the source's `appHint`, else its hint, else the default. */
  readonly appHint: string;
  readonly registry?: string;
  readonly status?: number;
  readonly registryCodes?: string[];

  constructor(
    code: ErrorCode,
    message: string,
    details: {
      hint?: string;
      /** Given when `hint` names a command or a flag: what to do in the app instead. */
      appHint?: string;
      registry?: string;
      status?: number;
      registryCodes?: string[];
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = details.hint ?? DEFAULT_HINTS[code];
    this.appHint = details.appHint ?? details.hint ?? DEFAULT_APP_HINTS[code];
    this.registry = details.registry;
    this.status = details.status;
    this.registryCodes = details.registryCodes;
  }

  /** The error as the app receives it, with the app's hint (the CLI prints `hint` itself). */
  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message };
    if (this.appHint) info.hint = this.appHint;
    if (this.hint !== this.appHint) info.commandHint = this.hint;
    if (this.registry) info.registry = this.registry;
    if (this.status !== undefined) info.status = this.status;
    if (this.registryCodes?.length) info.registryCodes = this.registryCodes;
    return info;
  }
}

export class CancelledError extends BerthError {
  constructor(message = 'cancelled') {
    super('CANCELLED', message);
  }
}

export class ConfigError extends BerthError {
  constructor(message: string, hint?: string, appHint?: string) {
    super('CONFIG', message, { hint, appHint });
  }
}

export function isBerthError(error: unknown): error is BerthError {
  return error instanceof BerthError;
}
