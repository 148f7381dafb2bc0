import type { ErrorInfo } from '../../../shared/errors.js';
import { BerthError } from '../errors.js';

// The base and the app-wide errors live in core/errors.ts; re-exported so `registry/index.ts` still offers them.
export { BerthError, CancelledError, ConfigError, isBerthError } from '../errors.js';

/** What a network failure was, for a translation (ErrorInfo `problem`). */
export type NetworkProblem =
  'refused' | 'no-route' | 'dns' | 'timeout' | 'stopped-answering' | 'reset' | 'closed' | 'failed';

export class NetworkError extends BerthError {
  constructor(
    registry: string,
    message: string,
    hint: string,
    cause?: unknown,
    appHint?: string,
    facts: { problem?: NetworkProblem; params?: Record<string, string | number> } = {},
  ) {
    super('NETWORK', message, { registry, hint, appHint, cause, ...facts });
  }
}

export type TlsProblem =
  'unknown-ca' | 'hostname' | 'expired' | 'not-https' | 'https-only' | 'client-certificate' | 'other';

export class TlsError extends BerthError {
  constructor(
    registry: string,
    override readonly problem: TlsProblem,
    message: string,
    hint: string,
    cause?: unknown,
    params?: Record<string, string | number>,
  ) {
    super('TLS', message, { registry, hint, cause, problem, params });
  }

  override toInfo(): ErrorInfo {
    return { ...super.toInfo(), problem: this.problem };
  }
}

export type AuthProblem =
  'credentials-rejected' | 'credentials-required' | 'token-server' | 'insecure-realm' | 'unsupported-scheme';

export class AuthError extends BerthError {
  constructor(
    registry: string,
    override readonly problem: AuthProblem,
    message: string,
    details: {
      hint?: string;
      appHint?: string;
      status?: number;
      registryCodes?: string[];
      params?: Record<string, string | number>;
      cause?: unknown;
    } = {},
  ) {
    super('AUTH', message, { registry, problem, ...details });
  }

  override toInfo(): ErrorInfo {
    return { ...super.toInfo(), problem: this.problem };
  }
}

export class DeniedError extends BerthError {
  constructor(
    registry: string,
    message: string,
    details: { status?: number; registryCodes?: string[]; params?: Record<string, string | number> } = {},
  ) {
    super('DENIED', message, {
      registry,
      hint: 'Your credentials work but do not allow this. Ask for push/delete rights or use another account.',
      ...details,
    });
  }
}

export class NotFoundError extends BerthError {
  constructor(
    registry: string,
    message: string,
    details: {
      status?: number;
      registryCodes?: string[];
      hint?: string;
      appHint?: string;
      params?: Record<string, string | number>;
    } = {},
  ) {
    super('NOT_FOUND', message, { registry, ...details });
  }
}

export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  windowSeconds?: number;
  source?: string;
}

export class RateLimitError extends BerthError {
  constructor(
    registry: string,
    message: string,
    readonly rateLimit: RateLimitInfo | undefined,
    readonly retryAfterSeconds: number | undefined,
    details: { status?: number; registryCodes?: string[]; params?: Record<string, string | number> } = {},
  ) {
    const wait = retryAfterSeconds === undefined ? '' : ` Try again in ${retryAfterSeconds} s.`;
    super('RATE_LIMITED', message, {
      registry,
      hint: `The registry is limiting requests.${wait} Logging in usually raises Docker Hub's limit.`,
      ...details,
      params: {
        ...details.params,
        ...(retryAfterSeconds === undefined ? {} : { retryAfter: retryAfterSeconds }),
      },
    });
  }
}

export class RegistryResponseError extends BerthError {
  constructor(
    registry: string,
    message: string,
    details: {
      status?: number;
      registryCodes?: string[];
      hint?: string;
      appHint?: string;
      params?: Record<string, string | number>;
    } = {},
  ) {
    super('REGISTRY', message, { registry, ...details });
  }
}

export class DigestMismatchError extends BerthError {
  constructor(
    registry: string,
    readonly expected: string,
    readonly actual: string,
    what: string,
    /** Another wording, for a digest the registry reported rather than one Berth computed. */
    details: { message?: string; hint?: string } = {},
  ) {
    super(
      'DIGEST_MISMATCH',
      details.message ??
        `${registry}: ${what} should have digest ${expected} but its bytes hash to ${actual}`,
      {
        registry,
        hint:
          details.hint ??
          'The registry (or something between you and it) returned different content. Nothing was kept.',
        params: { expected, actual },
      },
    );
  }
}

export class TooLargeError extends BerthError {
  /** Default wording and hint are a manifest's; a blob says what was too large and why in `details`. */
  constructor(
    registry: string,
    what: string,
    limit: number,
    size?: number,
    details: { message?: string; hint?: string } = {},
  ) {
    const got = size === undefined ? 'more' : `${size} bytes`;
    super('TOO_LARGE', details.message ?? `${registry}: ${what} is ${got}, over the ${limit}-byte limit`, {
      registry,
      hint: details.hint ?? 'Registries refuse manifests over 4 MiB; this answer is not a usable manifest.',
      params: { limit, ...(size === undefined ? {} : { size }) },
    });
  }
}

export class UnsupportedError extends BerthError {
  constructor(
    registry: string,
    message: string,
    hint: string,
    details: { status?: number; registryCodes?: string[] } = {},
  ) {
    super('UNSUPPORTED', message, { registry, hint, ...details });
  }
}

export class ProtocolError extends BerthError {
  constructor(registry: string, message: string, details: { status?: number; hint?: string } = {}) {
    super('PROTOCOL', message, {
      registry,
      hint: details.hint ?? 'The server did not answer like a container registry. Check the URL.',
      status: details.status,
    });
  }
}

/** A listing went past one of Berth's caps (listing.ts TAG_LIMITS, CATALOG_LIMITS): it is stopped, not shortened. */
export class ListingLimitError extends BerthError {
  /** `cap` says what was exceeded: "1,000,000 names in one listing". */
  constructor(registry: string, what: string, cap: string) {
    super(
      'TOO_LARGE',
      `${registry}: stopped listing ${what}: the registry sent more than ${cap}, Berth's cap`,
      {
        registry,
        hint: 'No real listing is this large: the registry is likely broken or hostile (paging forever). Open a repository or tag by name instead.',
      },
    );
  }
}
