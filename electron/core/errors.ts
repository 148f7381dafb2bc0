// Errors the whole app uses: the base every Berth error extends, and the few that are not about one
// capability (cancelled, bad configuration). A leaf module: any folder may import it, it imports no folder.
import type { ErrorCode, ErrorInfo } from '../../shared/errors.js';

/** Every error Berth raises: a stable code, a message naming what failed (the registry, when there is one), a hint. */
export class BerthError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly registry?: string;
  readonly status?: number;
  readonly registryCodes?: string[];

  constructor(
    code: ErrorCode,
    message: string,
    details: {
      hint?: string;
      registry?: string;
      status?: number;
      registryCodes?: string[];
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = details.hint;
    this.registry = details.registry;
    this.status = details.status;
    this.registryCodes = details.registryCodes;
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message };
    if (this.hint) info.hint = this.hint;
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
  constructor(message: string, hint?: string) {
    super('CONFIG', message, { hint });
  }
}

export function isBerthError(error: unknown): error is BerthError {
  return error instanceof BerthError;
}
