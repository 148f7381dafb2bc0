// A failure from the main process (or the host) in the interface language. ErrorInfo carries a stable
// `code`, a `problem` for the failures a screen can fix, and plain-data facts (`registry`, `status`,
// `params`); the English `message` and `hint` are what the CLI prints and what is shown when no
// translation fits.
import { DEFAULT_APP_HINTS, type ErrorCode, type ErrorInfo } from '../../shared/errors.js';
import type { Message, MessageValues, Translate } from './index.js';
import { errorMessages as m } from './errors/messages.js';

export interface ErrorText {
  /** The whole of it as one line of text (the lead and the English detail, when untranslated). */
  message: string;
  hint?: string;
  /** No translation fits the error itself: `lead` says what kind of failure it is in the interface
   * language, and `detail` is the error's own English message (show it with `lang="en"`). Also set for a
   * translated message whose registry's own words are the detail. */
  lead?: string;
  detail?: string;
  /** The hint is the error's own English (no translation fits it): show it with `lang="en"`. */
  isHintEnglish?: boolean;
  /** `detail` is the registry's own words, quoted (data: `translate="no"`), not Berth's English. */
  isDetailQuoted?: boolean;
}

const LEADS: Record<ErrorCode, Message> = {
  INVALID_REFERENCE: m.leadInvalidReference,
  INVALID_INPUT: m.leadInvalidInput,
  NETWORK: m.leadNetwork,
  TLS: m.leadTls,
  AUTH: m.leadAuth,
  DENIED: m.leadDenied,
  NOT_FOUND: m.leadNotFound,
  RATE_LIMITED: m.leadRateLimited,
  REGISTRY: m.leadRegistry,
  DIGEST_MISMATCH: m.leadDigestMismatch,
  TOO_LARGE: m.leadTooLarge,
  UNSUPPORTED: m.leadUnsupported,
  CANCELLED: m.leadCancelled,
  PROTOCOL: m.leadProtocol,
  CONFIG: m.leadConfig,
  KEYCHAIN: m.leadKeychain,
  DOCKER_CREDENTIALS: m.leadDockerCredentials,
};

/** The leads that name the registry, for a failure that names none (the container engine, a socket). */
const LEADS_WITHOUT_REGISTRY: Partial<Record<ErrorCode, Message>> = {
  NETWORK: m.leadNetworkNoRegistry,
  AUTH: m.leadAuthNoRegistry,
  DENIED: m.leadDeniedNoRegistry,
  RATE_LIMITED: m.leadRateLimitedNoRegistry,
  REGISTRY: m.leadRegistryNoRegistry,
};

/** The default hint of each code, translated (recognised by its English: DEFAULT_APP_HINTS). */
const DEFAULT_HINTS: Record<ErrorCode, Message> = {
  INVALID_REFERENCE: m.hintInvalidReference,
  INVALID_INPUT: m.hintInvalidInput,
  NETWORK: m.hintNetwork,
  TLS: m.hintTls,
  AUTH: m.hintAuth,
  DENIED: m.hintDenied,
  NOT_FOUND: m.hintNotFound,
  RATE_LIMITED: m.hintRateLimited,
  REGISTRY: m.hintRegistry,
  DIGEST_MISMATCH: m.hintDigestMismatch,
  TOO_LARGE: m.hintTooLarge,
  UNSUPPORTED: m.hintUnsupported,
  CANCELLED: m.hintCancelled,
  PROTOCOL: m.hintProtocol,
  CONFIG: m.hintConfig,
  KEYCHAIN: m.hintKeychain,
  DOCKER_CREDENTIALS: m.hintDockerCredentials,
};

interface Translation {
  message: Message;
  hint?: Message;
  /** Facts the message needs (`registry` unless said otherwise); a missing one means it does not fit. */
  needs?: readonly string[];
}

const TLS: Record<string, Translation> = {
  'unknown-ca': { message: m.tlsUnknownCa, hint: m.tlsUnknownCaHint },
  hostname: { message: m.tlsHostname, hint: m.tlsHostnameHint, needs: ['registry', 'hostname'] },
  expired: { message: m.tlsExpired, hint: m.tlsExpiredHint },
  'not-https': { message: m.tlsNotHttps, hint: m.tlsNotHttpsHint },
  'https-only': { message: m.tlsHttpsOnly, hint: m.tlsHttpsOnlyHint },
  'client-certificate': { message: m.tlsClientCertificate, hint: m.tlsClientCertificateHint },
  other: { message: m.tlsOther, hint: m.tlsOtherHint },
};

const AUTH: Record<string, Translation> = {
  'credentials-rejected': { message: m.authRejected, hint: m.authRejectedHint },
  'credentials-required': { message: m.authRequired, hint: m.authRequiredHint },
};

const NETWORK: Record<string, Translation> = {
  refused: { message: m.networkRefused, hint: m.networkRefusedHint },
  'no-route': { message: m.networkNoRoute, hint: m.networkNoRouteHint, needs: ['registry', 'hostname'] },
  dns: { message: m.networkDns, hint: m.networkDnsHint, needs: ['registry', 'hostname'] },
  timeout: { message: m.networkTimeout, hint: m.networkTimeoutHint },
  'stopped-answering': { message: m.networkStopped, hint: m.networkStoppedHint },
  reset: { message: m.networkReset, hint: m.networkResetHint },
  closed: { message: m.networkClosed, hint: m.networkClosedHint },
  failed: { message: m.networkFailed, hint: m.networkFailedHint },
};

const KEYCHAIN: Record<string, Translation> = {
  unavailable: { message: m.keychainUnavailable, needs: [] },
  locked: { message: m.keychainLocked, needs: [] },
  failed: { message: m.keychainFailed, needs: [] },
};

/** The translation that fits an error (by code, problem and the registry's codes), if one does. */
function translationOf(error: ErrorInfo): Translation | undefined {
  const problem = error.problem ?? '';
  const codes = error.registryCodes ?? [];
  switch (error.code) {
    case 'TLS':
      return TLS[problem];
    case 'AUTH':
      return AUTH[problem];
    case 'NETWORK':
      return NETWORK[problem];
    case 'KEYCHAIN':
      return KEYCHAIN[problem];
    case 'NOT_FOUND':
      if (codes.includes('NAME_UNKNOWN'))
        return { message: m.notFoundRepository, hint: m.notFoundRepositoryHint };
      if (codes.includes('MANIFEST_UNKNOWN'))
        return { message: m.notFoundManifest, hint: m.notFoundManifestHint };
      if (codes.includes('BLOB_UNKNOWN')) return { message: m.notFoundBlob, hint: m.notFoundBlobHint };
      return undefined;
    case 'DENIED':
      return error.status === 403 || error.status === 401
        ? { message: m.denied, hint: m.hintDenied }
        : undefined;
    case 'RATE_LIMITED':
      return error.status === 429 ? { message: m.rateLimited, hint: m.rateLimitedHint } : undefined;
    case 'REGISTRY':
      return error.status !== undefined && error.status >= 500
        ? { message: m.registryFailed, hint: m.registryFailedHint, needs: ['registry', 'status'] }
        : undefined;
    case 'DIGEST_MISMATCH':
      return { message: m.digestMismatch, needs: ['registry', 'expected', 'actual'] };
    // Their messages name a file, a value or a step in the registry's or engine's own words: a lead for
    // the code, then the English.
    case 'CANCELLED':
    case 'CONFIG':
    case 'DOCKER_CREDENTIALS':
    case 'INVALID_INPUT':
    case 'INVALID_REFERENCE':
    case 'PROTOCOL':
    case 'TOO_LARGE':
    case 'UNSUPPORTED':
      return undefined;
  }
}

/**
 * Whether the interface speaks English: then the error's own words are shown as they are (the CLI's
 * wording, which the tests and bug reports quote). Any other catalogue (Chinese, the pseudo-locale)
 * says the lead differently from its English.
 */
function speaksEnglish(t: Translate): boolean {
  return t(m.leadCancelled) === m.leadCancelled.defaultMessage;
}

/** The hint to show: a translation that fits, the code's default translated, or the error's own English. */
function hintOf(t: Translate, error: ErrorInfo, translated: Message | undefined, values: MessageValues) {
  if (!error.hint) return {};
  if (translated) return { hint: t(translated, values) };
  if (error.hint === DEFAULT_APP_HINTS[error.code]) return { hint: t(DEFAULT_HINTS[error.code]) };
  return { hint: error.hint, isHintEnglish: true };
}

/** What to show for an error: its translation where the catalogue has one, else its own words. */
export function describeError(t: Translate, error: ErrorInfo): ErrorText {
  if (speaksEnglish(t)) return { message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  const params = error.params ?? {};
  const registry = error.registry ?? (typeof params.host === 'string' ? params.host : undefined);
  const values: MessageValues = {
    retryAfter: 'none',
    ...params,
    ...(registry ? { registry } : {}),
    ...(error.status !== undefined ? { status: error.status } : {}),
  };
  const translation = translationOf(error);
  const fits = translation && (translation.needs ?? ['registry']).every((fact) => values[fact] !== undefined);
  if (translation && fits) {
    const said = typeof params.said === 'string' && params.said ? params.said : undefined;
    const message = t(translation.message, values);
    return {
      message: said ? t(m.said, { message, said }) : message,
      ...(said ? { lead: message, detail: said, isDetailQuoted: true } : {}),
      ...hintOf(t, error, translation.hint, values),
    };
  }
  const lead = t((registry === undefined && LEADS_WITHOUT_REGISTRY[error.code]) || LEADS[error.code]);
  return {
    message: t(m.withDetail, { lead, detail: error.message }),
    lead,
    detail: error.message,
    ...hintOf(t, error, undefined, values),
  };
}
