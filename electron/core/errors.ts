// Errors the whole app uses: the base every Berth error extends, and the few that are not about one
// capability (cancelled, bad configuration). A leaf module: any folder may import it, it imports no folder.
import { DEFAULT_APP_HINTS, DEFAULT_HINTS, type ErrorCode, type ErrorInfo } from '../../shared/errors.js';

// The default hints live beside ErrorInfo (shared/errors.ts): the renderer knows a default hint when it sees
// one, and says it in the interface language.
export { DEFAULT_APP_HINTS, DEFAULT_HINTS };

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
  /** Which problem of its code it is, for errors a screen can name or fix (`refused`, `dns`, …). */
  readonly problem?: string;
  /** The facts the message interpolates, for a translation (ErrorInfo `params`). */
  readonly params?: Record<string, string | number>;

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
      problem?: string;
      params?: Record<string, string | number>;
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
    if (details.problem) this.problem = details.problem;
    if (details.params && Object.keys(details.params).length) this.params = details.params;
  }

  /** The error as the app receives it, with the app's hint (the CLI prints `hint` itself). */
  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message };
    if (this.appHint) info.hint = this.appHint;
    if (this.hint !== this.appHint) info.commandHint = this.hint;
    if (this.registry) info.registry = this.registry;
    if (this.status !== undefined) info.status = this.status;
    if (this.registryCodes?.length) info.registryCodes = this.registryCodes;
    if (this.problem) info.problem = this.problem;
    if (this.params) info.params = this.params;
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
