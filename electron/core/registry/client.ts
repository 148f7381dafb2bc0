import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDockerHubHost } from '../../../shared/reference.js';
import { RegistryAuth, type Credential } from './auth.js';
import { isDockerInsecureByDefault } from './docker-insecure.js';
import { AuthError, BerthError, CancelledError, TlsError } from './errors.js';
import { headerValue, HttpTransport, type Headers, type HttpResponse } from './http.js';
import {
  errorFromException,
  errorFromResponse,
  isTransientException,
  parseRetryAfter,
} from './response-errors.js';
import { credentialForms, scrubError } from './secrets.js';
import { timeoutsFromEnvironment, type NetworkTimeouts } from './timeouts.js';
import { loadTlsMaterial, type TlsFiles, type TlsMaterial } from './tls.js';

/** What Berth knows about one registry: where it is, how to speak TLS to it, who to be. */
export interface RegistryConnection {
  /** Registry host as references name it: `docker.io`, `ghcr.io`, `127.0.0.1:5000`. */
  host: string;
  /** Plain HTTP; only when the user chose it. */
  insecureHttp?: boolean;
  tls?: TlsFiles;
  credential?: Credential;
  /** This registry's own timeouts (a slow link); the client's otherwise. */
  timeouts?: Partial<NetworkTimeouts>;
  /**
   * Nobody chose the scheme (a bare `host:port`, no saved connection): follow Docker's rule, which for a
   * host it treats as insecure (loopback) tries HTTPS first and uses plain HTTP if that is what answers.
   */
  dockerSchemeRule?: boolean;
  /**
   * A fresh credential after the registry (or its token server) refused `refused`: a credential helper's
   * short-lived token is asked for again. Called at most once per request, so a refusal never loops.
   */
  renewCredential?: (
    refused: Credential | undefined,
    signal?: AbortSignal,
  ) => Promise<Credential | undefined>;
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is reported instead of waited for. */
  maxRetryAfterMs: number;
}

export interface RegistryClientOptions {
  /** Saved connection for a host; unknown hosts get HTTPS, system CAs, anonymous. */
  connectionFor?: (host: string) => RegistryConnection | undefined | Promise<RegistryConnection | undefined>;
  /** Docker's per-host certificate folder (`/etc/docker/certs.d`); false to ignore it. */
  certsDRoot?: string | false;
  now?: () => number;
  retry?: Partial<RetryPolicy>;
  transport?: HttpTransport;
  /** Timeouts of the transport this client makes (default: `BERTH_TIMEOUT`, else DEFAULT_TIMEOUTS). */
  timeouts?: Partial<NetworkTimeouts>;
  /** Registry `Warning` headers and notices (skip-verify in use, Basic over HTTP), once each. */
  onWarning?: (registry: string, message: string) => void;
  onIdentityTokenChanged?: (host: string, token: string) => void;
  /** Every secret a request carries (the credential's forms, tokens): the front doors scrub their output of them. */
  onSecret?: (secret: string) => void;
  userAgent?: string;
}

export interface Operation {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A path on the registry (`/v2/…`) or an absolute URL from a `Location`/`Link` header. */
  path: string | URL;
  scopes: string[];
  headers?: Headers;
  body?: Buffer | Readable;
  signal?: AbortSignal;
  /** Statuses handed back to the caller; anything else becomes a typed error. Default: 2xx. */
  accept?: (status: number) => boolean;
  /** For messages: `manifest team/app:1`. */
  what: string;
  followRedirects?: boolean;
}

interface Session {
  registry: string;
  origin: URL;
  tls: TlsMaterial;
  auth: RegistryAuth;
  timeouts?: Partial<NetworkTimeouts>;
  connection: RegistryConnection;
  /** HTTPS that may turn out to be plain HTTP (Docker's rule for insecure hosts). */
  mayFallBackToHttp: boolean;
}

const DEFAULT_RETRY: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 300,
  maxDelayMs: 4000,
  maxRetryAfterMs: 30_000,
};
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);

/**
 * The HTTP core every registry operation goes through: one session per registry host (TLS material,
 * auth state, token cache), retries for requests that can be sent again, typed errors for the rest.
 */
export class RegistryClient {
  private readonly sessions = new Map<string, Promise<Session>>();
  private readonly transport: HttpTransport;
  private readonly retry: RetryPolicy;
  private readonly warned = new Set<string>();
  private readonly fallbacks = new WeakMap<Session, Promise<Session>>();
  readonly now: () => number;

  constructor(private readonly options: RegistryClientOptions = {}) {
    this.transport =
      options.transport ?? new HttpTransport({ timeouts: options.timeouts ?? timeoutsFromEnvironment() });
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.now = options.now ?? Date.now;
  }

  /** Drops cached sessions (auth, TLS) for a host, e.g. after its connection settings changed. */
  forget(host?: string): void {
    if (host === undefined) this.sessions.clear();
    else this.sessions.delete(host);
  }

  async close(): Promise<void> {
    this.sessions.clear();
    await this.transport.close();
  }

  async session(host: string): Promise<Session> {
    let session = this.sessions.get(host);
    if (!session) {
      session = this.openSession(host);
      this.sessions.set(host, session);
      session.catch(() => this.sessions.delete(host));
    }
    return session;
  }

  private async openSession(host: string, chosen?: RegistryConnection): Promise<Session> {
    const connection = chosen ?? (await this.options.connectionFor?.(host)) ?? { host };
    const apiHost = isDockerHubHost(host) ? 'registry-1.docker.io' : host;
    const origin = new URL(`${connection.insecureHttp ? 'http' : 'https'}://${apiHost}`);
    const tls = await loadTlsMaterial(apiHost, connection.tls ?? {}, { certsDRoot: this.options.certsDRoot });
    if (tls.skipVerify) this.warn(host, `TLS certificate verification is OFF for ${host}`);
    if (connection.insecureHttp && connection.credential) {
      this.warn(host, `credentials for ${host} travel over plain HTTP`);
    }
    const auth = new RegistryAuth({
      registry: host,
      origin,
      credential: connection.credential ? { ...connection.credential } : undefined,
      now: this.now,
      send: (req) => this.transport.send({ ...req, tls, timeouts: connection.timeouts }),
      onIdentityTokenChanged: (token) => this.options.onIdentityTokenChanged?.(host, token),
      onSecret: (secret) => this.options.onSecret?.(secret),
    });
    for (const secret of credentialForms(connection.credential)) this.options.onSecret?.(secret);
    const mayFallBackToHttp =
      !connection.insecureHttp &&
      connection.dockerSchemeRule === true &&
      !isDockerHubHost(host) &&
      (await isDockerInsecureByDefault(apiHost));
    return {
      registry: host,
      origin,
      tls,
      auth,
      timeouts: connection.timeouts,
      connection,
      mayFallBackToHttp,
    };
  }

  /** Docker's fallback: the host answered HTTPS with plain HTTP, so the session becomes plain HTTP. */
  private fallBackToHttp(host: string, session: Session): Promise<Session> {
    // Requests that were already on their way all land here: one plain-HTTP session for them all.
    const already = this.fallbacks.get(session);
    if (already) return already;
    const next = this.openSession(host, {
      ...session.connection,
      insecureHttp: true,
      dockerSchemeRule: false,
    });
    this.fallbacks.set(session, next);
    this.sessions.set(host, next);
    next.catch(() => this.sessions.delete(host));
    this.warn(
      host,
      `${host} answers plain HTTP: like Docker for a loopback registry, Berth uses HTTP — nothing sent to it is encrypted`,
    );
    return next;
  }

  /**
   * The registry refused the session's credential: a connection that can renew it (a credential helper)
   * gets a fresh one for every request of the session. False when there is nothing to renew with.
   */
  async renewCredential(session: Session, signal?: AbortSignal): Promise<boolean> {
    const renew = session.connection.renewCredential;
    if (!renew) return false;
    const refused = session.auth.credential;
    const fresh = await renew(refused, signal);
    if (!fresh) return false;
    for (const secret of credentialForms(fresh)) this.options.onSecret?.(secret);
    // Another request of the session may have renewed it already: then its answer is used as it is.
    if (session.auth.credential === refused) session.auth.replaceCredential(fresh);
    return true;
  }

  warn(registry: string, message: string): void {
    const key = `${registry}\n${message}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.options.onWarning?.(registry, message);
  }

  /**
   * Sends one registry request: authorizes it for `scopes`, re-authenticates once on 401, retries
   * idempotent requests on 429/5xx/connection resets with backoff (honouring Retry-After), never
   * re-sends a streamed body. The caller owns the returned body.
   */
  async send(host: string, op: Operation): Promise<HttpResponse> {
    let session = await this.session(host);
    let url = op.path instanceof URL ? op.path : new URL(op.path, session.origin);
    const replayable = op.body === undefined || Buffer.isBuffer(op.body);
    const idempotent = replayable && op.method !== 'POST' && op.method !== 'PATCH';
    const accept = op.accept ?? ((status: number) => status >= 200 && status < 300);
    let scopes = op.scopes;
    // One retry to answer the registry's first challenge (nothing was sent), and one more when the
    // credentials sent were rejected (an expired or revoked token): never a loop.
    let answeredChallenge = false;
    let reauthenticated = false;
    // A connection whose credential can be renewed (a helper's short-lived token) renews it once.
    let renewed = false;
    const renewOnce = async (): Promise<boolean> => {
      if (renewed || !replayable || !isOwnOrigin) return false;
      renewed = true;
      if (!(await this.renewCredential(session, op.signal))) return false;
      reauthenticated = false;
      return true;
    };
    // An absolute URL from a Location or Link header may name another origin: credentials stay home
    // (registry-protocol.md §4; ggcr transport/bearer.go `matchesHost`).
    const isOwnOrigin = url.origin === session.origin.origin;
    for (let attempt = 1; ; attempt++) {
      if (op.signal?.aborted) throw new CancelledError(`${host}: cancelled`);
      const headers: Headers = { 'user-agent': this.options.userAgent ?? 'berth/0.1', ...op.headers };
      let authorization: string | undefined;
      try {
        authorization = isOwnOrigin ? await session.auth.authorization(scopes, op.signal) : undefined;
      } catch (error) {
        // The token server refused the credential (a helper's token expired): renew it and try again.
        if (isRefusedCredential(error) && (await renewOnce())) {
          attempt--;
          continue;
        }
        throw error;
      }
      if (authorization) headers.authorization = authorization;
      let response: HttpResponse;
      try {
        response = await this.transport.send({
          method: op.method,
          url,
          headers,
          body: op.body,
          signal: op.signal,
          tls: session.tls,
          timeouts: session.timeouts,
          followRedirects: op.followRedirects,
        });
      } catch (error) {
        const typed = errorFromException(error, host, url);
        if (
          session.mayFallBackToHttp &&
          replayable &&
          typed instanceof TlsError &&
          typed.problem === 'not-https' &&
          url.origin === session.origin.origin
        ) {
          // Nothing was sent: the TLS handshake failed before the request.
          const httpSession = await this.fallBackToHttp(host, session);
          url = new URL(`${url.pathname}${url.search}`, httpSession.origin);
          session = httpSession;
          attempt--;
          continue;
        }
        if (idempotent && attempt < this.retry.attempts && isTransientException(typed)) {
          await this.backoff(attempt, undefined, op.signal);
          continue;
        }
        throw typed;
      }
      this.noteWarnings(host, response);
      // It answered over HTTPS: the host speaks TLS, and a later plain-HTTP answer (another program on
      // the port) is a TLS failure to report, not a reason to send requests and credentials unencrypted.
      if (session.mayFallBackToHttp && url.origin === session.origin.origin)
        session.mayFallBackToHttp = false;
      const mayRetryAuth = authorization === undefined ? !answeredChallenge : !reauthenticated;
      if (response.status === 401 && isOwnOrigin && mayRetryAuth && replayable) {
        const retryScopes = session.auth.handleUnauthorized(response, scopes, authorization !== undefined);
        if (retryScopes) {
          await response.body.dump();
          if (authorization === undefined) answeredChallenge = true;
          else reauthenticated = true;
          scopes = retryScopes;
          continue;
        }
      }
      if (response.status === 401 && authorization !== undefined && (await renewOnce())) {
        await response.body.dump();
        attempt--;
        continue;
      }
      if (accept(response.status)) return response;
      if (RETRY_STATUSES.has(response.status) && idempotent && attempt < this.retry.attempts) {
        const retryAfter = parseRetryAfter(headerValue(response.headers, 'retry-after'), this.now());
        if (retryAfter === undefined || retryAfter * 1000 <= this.retry.maxRetryAfterMs) {
          await response.body.dump();
          await this.backoff(attempt, retryAfter, op.signal);
          continue;
        }
      }
      // An error body may quote the request back (its Authorization header, the password): never pass it on.
      const secrets = [...session.auth.secrets(), ...(authorization ? [authorization] : [])];
      const error = await errorFromResponse(response, {
        registry: host,
        what: op.what,
        method: op.method,
        sentAuthorization: authorization !== undefined,
        hasCredential: session.auth.hasCredential,
        authScheme: session.auth.scheme,
        now: this.now(),
        secrets,
      });
      throw scrubError(error, secrets);
    }
  }

  private async backoff(
    attempt: number,
    retryAfterSeconds: number | undefined,
    signal?: AbortSignal,
  ): Promise<void> {
    const exponential = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    const delay =
      retryAfterSeconds === undefined
        ? exponential
        : Math.min(retryAfterSeconds * 1000, this.retry.maxRetryAfterMs);
    try {
      await sleep(delay, undefined, { signal });
    } catch {
      throw new CancelledError('cancelled');
    }
  }

  private noteWarnings(host: string, response: HttpResponse): void {
    const warning = headerValue(response.headers, 'warning');
    if (!warning) return;
    // `Warning: 299 - "text"` (OCI "Warnings"): shown once, never acted on.
    for (const match of warning.matchAll(/299\s+\S+\s+"((?:[^"\\]|\\.)*)"/g)) this.warn(host, match[1]!);
  }
}

/** A token server or registry said no to the credential itself (not to the request's scope). */
export function isRefusedCredential(error: unknown): boolean {
  return error instanceof AuthError && error.problem === 'credentials-rejected';
}

export function isBerthErrorWithStatus(error: unknown, status: number): boolean {
  return error instanceof BerthError && error.status === status;
}
