import { escapeControls, oneLine } from '../../../shared/terminal-text.js';
import { headerValue, readSnippet, type HttpResponse } from './http.js';
import {
  AuthError,
  BerthError,
  CancelledError,
  DeniedError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  RegistryResponseError,
  TlsError,
  UnsupportedError,
  type RateLimitInfo,
} from './errors.js';
import { redactAll, redactCutSecret, shortenRedacted } from './secrets.js';
import { TimeoutError } from './timeouts.js';

export interface RegistryErrorEntry {
  code: string;
  message?: string;
}

/** `{"errors":[{"code","message","detail"}]}` (OCI "Error Codes"); anything else (an HTML page) gives []. */
export function parseErrorBody(text: string): RegistryErrorEntry[] {
  try {
    const parsed = JSON.parse(text) as { errors?: unknown };
    if (!Array.isArray(parsed.errors)) return [];
    return parsed.errors
      .filter((e): e is { code: unknown; message?: unknown } => typeof e === 'object' && e !== null)
      .map((e) => ({
        code: typeof e.code === 'string' ? e.code : 'UNKNOWN',
        message: typeof e.message === 'string' ? e.message : undefined,
      }));
  } catch {
    return [];
  }
}

/** Docker Hub: `ratelimit-limit: 100;w=21600`, `ratelimit-remaining: 76;w=21600`, `docker-ratelimit-source`. */
export function parseRateLimit(headers: HttpResponse['headers']): RateLimitInfo | undefined {
  const limit = headerValue(headers, 'ratelimit-limit');
  const remaining = headerValue(headers, 'ratelimit-remaining');
  if (limit === undefined && remaining === undefined) return undefined;
  const parse = (value: string | undefined) => {
    if (!value) return {};
    const [count, ...params] = value.split(';');
    const window = params.map((p) => p.trim()).find((p) => p.startsWith('w='));
    return {
      count: Number.parseInt(count ?? '', 10),
      window: window ? Number.parseInt(window.slice(2), 10) : undefined,
    };
  };
  const l = parse(limit);
  const r = parse(remaining);
  const info: RateLimitInfo = {};
  if (Number.isFinite(l.count)) info.limit = l.count;
  if (Number.isFinite(r.count)) info.remaining = r.count;
  const window = l.window ?? r.window;
  if (window !== undefined && Number.isFinite(window)) info.windowSeconds = window;
  const source = headerValue(headers, 'docker-ratelimit-source');
  if (source) info.source = source;
  return info;
}

/** `Retry-After` as seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number.parseInt(value, 10);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

export interface ErrorContext {
  registry: string;
  /** What was asked, for the message: `manifest team/app:1`, `tags of team/app`. */
  what: string;
  method: string;
  sentAuthorization: boolean;
  hasCredential: boolean;
  authScheme: string;
  now: number;
  /**
   * What the request carried (the login's forms, tokens, the Authorization value): a server may quote them
   * back, so they leave the body before any of it is cut short — scrubbing a cut message later would miss
   * the start of a secret left at the cut.
   */
  secrets?: Iterable<string>;
}

/** Characters of the registry's own words kept in a message (its error messages, or its page's text). */
const SAID_CHARACTERS = 400;
const SNIPPET_CHARACTERS = 160;

/** Turns a failed HTTP answer into a typed error. Reads (a capped part of) the body. */
export async function errorFromResponse(response: HttpResponse, context: ErrorContext): Promise<BerthError> {
  const secrets = [...(context.secrets ?? [])];
  // readSnippet stops at 64 KiB, which may cut a secret too.
  const text = redactCutSecret(redactAll(await readSnippet(response.body), secrets), secrets);
  const entries = parseErrorBody(text);
  const codes = entries.map((e) => e.code);
  // What the registry said, on one line with its control characters shown: a message is read in the app
  // too, where nothing else would keep a bidi override from reordering it.
  const said = escapeControls(
    oneLine(
      shortenRedacted(entries.map((e) => e.message ?? e.code).join('; '), SAID_CHARACTERS, secrets) ||
        snippetOf(text, secrets),
    ),
  );
  const status = response.status;
  const { registry, what } = context;
  const detail = said ? ` — ${said}` : '';
  // The registry's own words travel as a fact too, so a translated message can still quote them.
  const params: Record<string, string | number> = said ? { said } : {};
  const details = { status, registryCodes: codes, params };

  if (status === 401) {
    if (!context.hasCredential) {
      return new AuthError(registry, 'credentials-required', `${registry}: ${what} needs a login${detail}`, {
        ...details,
        hint: `Log in to ${registry} (berth login ${registry}) and try again.`,
        appHint: `Give the connection for ${registry} a username and password (Edit connection), then try again.`,
      });
    }
    if (context.authScheme === 'bearer') {
      // The token server accepted the credential but granted less than asked (Docker token spec: the
      // grant is the intersection), so this account may not do this.
      return new DeniedError(registry, `${registry}: not allowed — ${what}${detail}`, details);
    }
    return new AuthError(
      registry,
      'credentials-rejected',
      `${registry}: the username or password was refused${detail}`,
      {
        ...details,
        hint: 'Check the username and password (or access token), then log in again.',
        appHint: 'Check the username and password (or access token) of the connection, then try again.',
      },
    );
  }
  if (status === 403)
    return new DeniedError(registry, `${registry}: access denied — ${what}${detail}`, details);
  if (status === 404)
    return new NotFoundError(registry, `${registry}: ${notFoundText(codes, what)}${detail}`, {
      ...details,
      hint: notFoundHint(codes, registry),
      appHint: notFoundAppHint(codes),
    });
  if (status === 405) {
    // In words: "deleting", not the HTTP method (a DELETE refused this way is Distribution's default).
    if (context.method === 'DELETE')
      return new UnsupportedError(
        registry,
        `${registry}: the registry does not allow deleting — ${what}${detail}`,
        'Deleting is turned off on this registry: whoever runs it can turn it on (Distribution: storage.delete.enabled: true in its configuration).',
        details,
      );
    return new UnsupportedError(
      registry,
      `${registry}: the registry does not allow this (${context.method}) — ${what}${detail}`,
      'This registry has the operation disabled or does not implement it.',
      details,
    );
  }
  if (status === 429) {
    return new RateLimitError(
      registry,
      `${registry}: too many requests — ${what}${detail}`,
      parseRateLimit(response.headers),
      parseRetryAfter(headerValue(response.headers, 'retry-after'), context.now),
      details,
    );
  }
  if (status === 400 && /HTTP request to an HTTPS server/i.test(text)) {
    return new TlsError(
      registry,
      'https-only',
      `${registry} speaks HTTPS, but the connection is set to plain HTTP`,
      `Connect with https://${registry} instead: turn plain HTTP off for this connection.`,
    );
  }
  const kind = status >= 500 ? 'failed' : 'refused the request';
  return new RegistryResponseError(registry, `${registry} ${kind} (HTTP ${status}) — ${what}${detail}`, {
    ...details,
    hint:
      status >= 500 ? 'The registry has a problem of its own; try again later or check its logs.' : undefined,
  });
}

function notFoundText(codes: string[], what: string): string {
  if (codes.includes('NAME_UNKNOWN')) return `repository not found — ${what}`;
  if (codes.includes('MANIFEST_UNKNOWN')) return `no such tag or image — ${what}`;
  if (codes.includes('BLOB_UNKNOWN')) return `a layer or config of the image is missing — ${what}`;
  return `not found — ${what}`;
}

/** Where to look for what does exist: the registry's repositories, or a repository's tags. */
function notFoundHint(codes: string[], registry: string): string {
  if (codes.includes('MANIFEST_UNKNOWN'))
    return `Check the tag or digest: berth tags ${registry}/REPOSITORY lists the tags the repository has.`;
  if (codes.includes('BLOB_UNKNOWN'))
    return 'The registry lost a layer or config the image names: push the image again, or ask its operator.';
  return `Check the name: berth repos ${registry} lists the repositories the registry has.`;
}

/** The same in the app, where the lists are on screen. */
function notFoundAppHint(codes: string[]): string {
  if (codes.includes('MANIFEST_UNKNOWN'))
    return 'Check the tag or digest: the repository lists the tags it has. It may have been deleted or moved.';
  if (codes.includes('BLOB_UNKNOWN'))
    return 'The registry lost a layer or config the image names: push the image again, or ask whoever runs it.';
  return "Check the name against the registry's repository list; the account may also be unable to see it.";
}

function snippetOf(text: string, secrets: string[]): string {
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return shortenRedacted(plain, SNIPPET_CHARACTERS, secrets);
}

const UNKNOWN_CA = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
]);

function errorChain(error: unknown): { code?: string; message: string; name?: string }[] {
  const chain: { code?: string; message: string; name?: string }[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown };
    chain.push({
      code: typeof e.code === 'string' ? e.code : undefined,
      message: typeof e.message === 'string' ? e.message : String(current),
      name: typeof e.name === 'string' ? e.name : undefined,
    });
    current = e.cause;
  }
  return chain;
}

/** What an HTTP/2 reset code means, for the few a registry or proxy sends on purpose. */
const HTTP2_REASONS: Record<string, string> = {
  NGHTTP2_ENHANCE_YOUR_CALM: 'the registry asked to slow down',
  NGHTTP2_REFUSED_STREAM: 'the registry refused it before starting',
  NGHTTP2_INTERNAL_ERROR: 'the registry or a proxy hit an internal error',
  NGHTTP2_CANCEL: 'the registry or a proxy cancelled it',
};

/** A connection-level failure, classified so the message says what broke and what to do. */
export function errorFromException(error: unknown, registry: string, url: URL): BerthError {
  // A typed error may come back wrapped (undici rejects a request with the error of its body stream).
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof BerthError) return current;
    const timeout = (current as { berthTimeout?: unknown }).berthTimeout;
    if (timeout instanceof BerthError) return timeout;
    current = (current as { cause?: unknown }).cause;
  }
  const chain = errorChain(error);
  const has = (predicate: (e: { code?: string; message: string; name?: string }) => boolean) =>
    chain.some(predicate);
  const host = url.host;
  // The registry is named first; the address follows only when it says something more (a redirect, a mirror).
  const at = (preposition: string) => (host === registry ? '' : ` ${preposition} ${host}`);
  if (has((e) => e.name === 'AbortError' || e.code === 'UND_ERR_ABORTED' || e.code === 'ABORT_ERR')) {
    return new CancelledError(`${registry}: cancelled`);
  }
  if (has((e) => !!e.code && UNKNOWN_CA.has(e.code))) {
    return new TlsError(
      registry,
      'unknown-ca',
      `${registry}: TLS certificate signed by an unknown authority`,
      `Add the registry's CA certificate to the connection (or to /etc/docker/certs.d/${host}/ca.crt).`,
      error,
      { host },
    );
  }
  if (has((e) => e.code === 'ERR_TLS_CERT_ALTNAME_INVALID')) {
    return new TlsError(
      registry,
      'hostname',
      `${registry}: the TLS certificate is not valid for ${url.hostname}`,
      'Connect with a name the certificate lists, or reissue the certificate with this name in its SANs.',
      error,
      { hostname: url.hostname },
    );
  }
  if (has((e) => e.code === 'CERT_HAS_EXPIRED' || e.code === 'CERT_NOT_YET_VALID')) {
    return new TlsError(
      registry,
      'expired',
      `${registry}: the TLS certificate has expired or is not valid yet`,
      "Renew the registry's certificate (or check this machine's clock).",
      error,
    );
  }
  if (
    has(
      (e) =>
        e.code === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
        /wrong version number|packet length too long|http request/i.test(e.message),
    )
  ) {
    return new TlsError(
      registry,
      'not-https',
      `${registry} answers plain HTTP, not HTTPS`,
      `If you trust this network, connect with http://${registry} (plain HTTP: nothing is encrypted); better, give the registry a TLS certificate.`,
      error,
    );
  }
  if (
    has((e) =>
      /alert (bad certificate|certificate required)|CERTIFICATE_REQUIRED|ALERT_BAD_CERTIFICATE/i.test(
        `${e.code} ${e.message}`,
      ),
    )
  ) {
    return new TlsError(
      registry,
      'client-certificate',
      `${registry} refused the TLS connection: it wants a client certificate it trusts`,
      `Add a client certificate and key to the connection (or client.cert + client.key in /etc/docker/certs.d/${host}/).`,
      error,
      { host },
    );
  }
  if (
    has(
      (e) =>
        !!e.code && (e.code.startsWith('ERR_TLS') || e.code.startsWith('ERR_SSL') || e.code.includes('CERT')),
    )
  ) {
    return new TlsError(
      registry,
      'other',
      `${registry}: the secure (TLS) connection${at('to')} could not be set up`,
      "Check the registry's certificate and the connection's TLS settings; Diagnose shows the handshake step by step.",
      error,
    );
  }
  if (has((e) => e.code === 'ECONNREFUSED')) {
    return new NetworkError(
      registry,
      `${registry}: connection refused${at('at')}`,
      'Nothing listens there: is the registry running, and is the port right?',
      error,
      undefined,
      { problem: 'refused', params: { host } },
    );
  }
  if (has((e) => e.code === 'EHOSTUNREACH' || e.code === 'ENETUNREACH')) {
    return new NetworkError(
      registry,
      `${registry}: this machine has no route to ${url.hostname}`,
      'Check the network: a VPN that is off, or a registry on a network this machine is not on.',
      error,
      undefined,
      { problem: 'no-route', params: { hostname: url.hostname } },
    );
  }
  if (has((e) => e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN')) {
    return new NetworkError(
      registry,
      `${registry}: cannot resolve ${url.hostname}`,
      'Check the host name, your DNS, or whether a VPN is needed.',
      error,
      undefined,
      { problem: 'dns', params: { hostname: url.hostname } },
    );
  }
  if (has((e) => e.code === 'ETIMEDOUT' || e.code === 'UND_ERR_CONNECT_TIMEOUT')) {
    return new NetworkError(
      registry,
      `${registry}: connecting${at('to')} timed out`,
      'A firewall or VPN may be dropping the connection.',
      error,
      undefined,
      { problem: 'timeout', params: { host } },
    );
  }
  if (has((e) => e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT')) {
    return new NetworkError(
      registry,
      `${registry}: the registry stopped answering`,
      'Try again; if it keeps happening the registry is overloaded.',
      error,
      undefined,
      { problem: 'stopped-answering' },
    );
  }
  const http2 = chain.find((e) => e.code?.startsWith('ERR_HTTP2'));
  if (http2) {
    // Node's wording ("Stream closed with error code NGHTTP2_…") means nothing to most people.
    const nghttp2 = /NGHTTP2_[A-Z_]+/.exec(http2.message)?.[0];
    const why = nghttp2 ? HTTP2_REASONS[nghttp2] : undefined;
    return new NetworkError(
      registry,
      `${registry}: the connection reset this request part-way${why ? ` (${why})` : ''}`,
      'The address is fine: the transfer broke off. Retry; a copy restarts an interrupted layer once by itself.',
      error,
      undefined,
      { problem: 'reset' },
    );
  }
  if (
    has(
      (e) =>
        e.code === 'ECONNRESET' ||
        e.code === 'EPIPE' ||
        e.code === 'UND_ERR_SOCKET' ||
        e.code === 'UND_ERR_CLOSED',
    )
  ) {
    return new NetworkError(
      registry,
      `${registry}: the connection was closed during the request`,
      'The registry or a proxy dropped the connection; try again.',
      error,
      undefined,
      { problem: 'closed' },
    );
  }
  // Anything else is a library's own wording ("fetch failed", "other side closed"): it stays in the cause,
  // for logs, and the message says what happened to the user's request.
  return new NetworkError(
    registry,
    `${registry}: the request failed before the registry answered`,
    'Check that the registry address is right and reachable; Diagnose shows which step fails.',
    error,
    undefined,
    { problem: 'failed' },
  );
}

/** Failures worth one more try for a request that can be sent again. */
export function isTransientException(error: BerthError): boolean {
  // A server that stayed silent for a whole timeout is not asked again at once: that only multiplies the wait.
  if (!(error instanceof NetworkError) || error instanceof TimeoutError) return false;
  const cause = errorChain(error.cause);
  return cause.some((e) =>
    [
      'ECONNRESET',
      'EPIPE',
      'UND_ERR_SOCKET',
      'UND_ERR_CLOSED',
      'ETIMEDOUT',
      'ERR_HTTP2_STREAM_ERROR',
      'ERR_HTTP2_GOAWAY_SESSION',
      'ERR_HTTP2_SESSION_ERROR',
    ].includes(e.code ?? ''),
  );
}
