import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Agent, Dispatcher } from 'undici';
import { systemCertificates, type TlsMaterial } from './tls.js';
import { ProtocolError } from './errors.js';
import { newAgent, request } from './undici.js';
import {
  DEFAULT_TIMEOUTS,
  TimeoutError,
  UNDICI_TIMEOUT_PHASE,
  WHOLE_BODY_IDLE_FACTOR,
  type NetworkTimeouts,
} from './timeouts.js';

export type Headers = Record<string, string>;
export type ResponseHeaders = Record<string, string | string[] | undefined>;

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: URL;
  headers: Headers;
  /** A Buffer can be sent again (retries, redirects); a stream only once. */
  body?: Buffer | Readable;
  signal?: AbortSignal;
  tls: TlsMaterial;
  /** Redirects are followed (up to 10 hops) unless this is false. */
  followRedirects?: boolean;
  /** This connection's own timeouts (a slow link); the transport's otherwise. */
  timeouts?: Partial<NetworkTimeouts>;
}

export interface HttpResponse {
  status: number;
  headers: ResponseHeaders;
  body: Dispatcher.ResponseData['body'];
  /** The URL that finally answered, after redirects. */
  url: URL;
  /** Every hop taken: where it went and whether credentials were kept. */
  redirects: { from: string; to: string; keptAuthorization: boolean }[];
}

const MAX_REDIRECTS = 10;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Headers that carry identity and never cross to another origin (GitLab's API takes its token in PRIVATE-TOKEN). */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization', 'private-token'];

export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function headerValues(headers: ResponseHeaders, name: string): string[] {
  const value = headers[name.toLowerCase()];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Request bodies larger than this go out in slices of this size (see `sendable`). */
const BODY_SLICE = 64 * 1024;

/**
 * A Buffer body handed to undici whole is one socket write: undici's HTTP/1.1 answer timer then runs while
 * the kernel drains megabytes on a slow link. In slices, every time the send buffer fills undici restarts
 * the timer, so the timeout measures silence, not the size of the chunk. A fresh generator per call, so a
 * retried request sends the whole Buffer again.
 */
function sendable(body: HttpRequest['body']): HttpRequest['body'] {
  if (!Buffer.isBuffer(body) || body.length <= BODY_SLICE) return body;
  function* slices(whole: Buffer) {
    for (let offset = 0; offset < whole.length; offset += BODY_SLICE)
      yield whole.subarray(offset, offset + BODY_SLICE);
  }
  return Readable.from(slices(body), { objectMode: false });
}

/** A body that must not queue on a shared HTTP/2 session (see HttpTransport). */
function isUpload(body: HttpRequest['body']): boolean {
  return body !== undefined && (!Buffer.isBuffer(body) || body.length > BODY_SLICE);
}

function withContentLength(headers: Headers, body: HttpRequest['body']): Headers {
  if (!Buffer.isBuffer(body) || Object.keys(headers).some((name) => name.toLowerCase() === 'content-length'))
    return headers;
  return { ...headers, 'content-length': String(body.length) };
}

/** undici's own timeout errors, named: which server, which phase, after how long. */
export function namedTimeout(
  error: unknown,
  registry: string,
  timeouts: NetworkTimeouts,
): TimeoutError | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof TimeoutError) return current;
    const named = (current as { berthTimeout?: unknown }).berthTimeout;
    if (named instanceof TimeoutError) return named;
    const phase = UNDICI_TIMEOUT_PHASE[String((current as { code?: unknown }).code)];
    if (phase) {
      const ms =
        phase === 'connect' ? timeouts.connectMs : phase === 'answer' ? timeouts.answerMs : timeouts.idleMs;
      return new TimeoutError(registry, phase, ms, error);
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * One undici Agent per distinct TLS setting, connect timeout and protocol choice: each keeps a keep-alive
 * pool per origin, so a warm request costs one round trip. Redirects are followed here, not by undici, so
 * Berth decides what each hop carries: credentials stay on the origin they were meant for (OCI spec, "API";
 * ECR's S3 redirects reject a forwarded Authorization).
 *
 * Uploads go over HTTP/1.1. undici 8 offers HTTP/2 by ALPN, and then every request to a registry shares
 * one HTTP/2 session. Node caps a session's memory (`maxSessionMemory`, 10 MB) and counts the request
 * bodies queued on it: four 4 MiB upload chunks in flight put it over, and Node then refuses the next
 * response HEADERS that arrives with RST_STREAM(ENHANCE_YOUR_CALM) — after the registry had taken that
 * chunk (Distribution 2.8's log shows it reading the RST_STREAM from Berth, nothing it objected to).
 * Requests with a body beyond a few KiB therefore get HTTP/1.1 connections of their own; the rest (small,
 * many: listings, manifests, HEADs, downloads) may keep HTTP/2.
 */
export class HttpTransport {
  private readonly agents = new Map<string, Agent>();
  private readonly timeouts: NetworkTimeouts;

  constructor(
    private readonly agentOptions: {
      /** Default for every request; a request's own `timeouts` win. */
      timeouts?: Partial<NetworkTimeouts>;
      /** Kept for callers that set only this; same as `timeouts.connectMs`. */
      connectTimeoutMs?: number;
      keepAliveTimeoutMs?: number;
    } = {},
  ) {
    this.timeouts = {
      ...DEFAULT_TIMEOUTS,
      ...(agentOptions.connectTimeoutMs === undefined ? {} : { connectMs: agentOptions.connectTimeoutMs }),
      ...agentOptions.timeouts,
    };
  }

  timeoutsFor(req: Pick<HttpRequest, 'timeouts'>): NetworkTimeouts {
    return { ...this.timeouts, ...req.timeouts };
  }

  private agentFor(tls: TlsMaterial, connectMs: number, http1Only: boolean): Agent {
    const key = createHash('sha256')
      .update(
        JSON.stringify([
          tls.caPem,
          tls.clientCertPem ?? '',
          tls.clientKeyPem ?? '',
          tls.skipVerify,
          connectMs,
          http1Only,
        ]),
      )
      .digest('hex');
    let agent = this.agents.get(key);
    if (!agent) {
      agent = newAgent({
        connect: {
          ca: tls.caPem.length ? [...systemCertificates(), ...tls.caPem] : undefined,
          // A server certificate the user pinned as the connection's CA is trusted as it stands, as Go
          // (Docker, skopeo) does: registries often present their certificate without its CA.
          allowPartialTrustChain: tls.caPem.length > 0,
          cert: tls.clientCertPem,
          key: tls.clientKeyPem,
          rejectUnauthorized: !tls.skipVerify,
          // TCP connect and the TLS handshake together.
          timeout: connectMs,
        },
        allowH2: !http1Only,
        keepAliveTimeout: this.agentOptions.keepAliveTimeoutMs ?? 30_000,
        connections: 16,
      });
      this.agents.set(key, agent);
    }
    return agent;
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const redirects: HttpResponse['redirects'] = [];
    let url = req.url;
    let method = req.method;
    let body = req.body;
    const headers: Headers = { ...req.headers };
    const originalOrigin = req.url.origin;
    const timeouts = this.timeoutsFor(req);
    const dispatcher = this.agentFor(req.tls, timeouts.connectMs, isUpload(req.body));
    for (let hop = 0; ; hop++) {
      let response: Dispatcher.ResponseData;
      try {
        response = await request(url, {
          method,
          headers: withContentLength(headers, body),
          body: sendable(body),
          signal: req.signal,
          dispatcher,
          headersTimeout: timeouts.answerMs,
          bodyTimeout: timeouts.idleMs,
        });
      } catch (error) {
        throw namedTimeout(error, url.host, timeouts) ?? error;
      }
      nameBodyTimeouts(response.body, url.host, timeouts);
      const location = headerValue(response.headers, 'location');
      if (req.followRedirects === false || !REDIRECT_STATUSES.has(response.statusCode) || !location) {
        return {
          status: response.statusCode,
          headers: response.headers,
          body: response.body,
          url,
          redirects,
        };
      }
      await response.body.dump();
      if (hop >= MAX_REDIRECTS) {
        throw new ProtocolError(
          req.url.host,
          `more than ${MAX_REDIRECTS} redirects from ${req.url.pathname}`,
        );
      }
      if (body !== undefined && !Buffer.isBuffer(body)) {
        throw new ProtocolError(req.url.host, `redirected while streaming a request body to ${url.pathname}`);
      }
      const next = new URL(location, url);
      if (url.protocol === 'https:' && next.protocol !== 'https:') {
        throw new ProtocolError(
          req.url.host,
          `refused a redirect from https to ${next.protocol}//${next.host}`,
          {
            hint: 'A registry must not send clients from HTTPS to plain HTTP.',
          },
        );
      }
      if (next.protocol !== 'https:' && next.protocol !== 'http:') {
        throw new ProtocolError(req.url.host, `refused a redirect to ${next.protocol}`);
      }
      const keep = next.origin === originalOrigin;
      if (!keep) for (const name of CREDENTIAL_HEADERS) delete headers[name];
      if (response.statusCode === 303) {
        method = 'GET';
        body = undefined;
      }
      redirects.push({
        from: url.href,
        to: next.href,
        keptAuthorization: keep && 'authorization' in headers,
      });
      url = next;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.agents.values()].map((agent) => agent.close()));
    this.agents.clear();
  }
}

/**
 * A body that goes quiet fails with undici's bare "Body Timeout Error" wherever it is read; this gives
 * that error the server and the number of seconds, so every reader reports it the same way.
 */
function nameBodyTimeouts(body: HttpResponse['body'], registry: string, timeouts: NetworkTimeouts): void {
  // A body Berth discards (a redirect's, an accepted PUT's) is dumped: undici reads up to 128 KiB of it
  // first, with no bound in time, so one trickled a byte at a time held the request for ever. It gets one
  // idle timeout; then the connection goes and the discarding is done.
  const dump = body.dump.bind(body);
  body.dump = async (options) => {
    if (options?.signal) return dump(options);
    const quiet = AbortSignal.timeout(timeouts.idleMs);
    try {
      return await dump({ limit: options?.limit ?? 128 * 1024, signal: quiet });
    } catch (error) {
      if (!quiet.aborted) throw error;
    }
  };
  wholeBodyDeadlines.set(body, {
    registry,
    ms: timeouts.idleMs * WHOLE_BODY_IDLE_FACTOR,
    snippetMs: timeouts.idleMs,
  });
  body.once('error', (error: Error & { code?: string }) => {
    if (error.code !== 'UND_ERR_BODY_TIMEOUT') return;
    const named = new TimeoutError(registry, 'idle', timeouts.idleMs);
    Object.defineProperty(error, 'message', { value: named.message });
    Object.defineProperty(error, 'berthTimeout', { value: named });
  });
}

/** How long a body read whole may take, by the body (or a stream made of one: see `sameDeadline`). */
const wholeBodyDeadlines = new WeakMap<object, { registry: string; ms: number; snippetMs: number }>();

/** `to` (a stream made from the body `from`, e.g. one that verifies it) is read whole within `from`'s time. */
export function sameDeadline(from: object, to: object): void {
  const deadline = wholeBodyDeadlines.get(from);
  if (deadline) wholeBodyDeadlines.set(to, deadline);
}

/**
 * Reads a response body fully, refusing to hold more than `limit` bytes. A body from HttpTransport must
 * arrive whole within WHOLE_BODY_IDLE_FACTOR idle timeouts: a byte now and then keeps the idle timer quiet.
 */
export async function readBody(
  body: HttpResponse['body'],
  limit: number,
  onTooLarge: (size: number) => Error,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  const deadline = wholeBodyDeadlines.get(body);
  let late: TimeoutError | undefined;
  const timer = deadline
    ? setTimeout(() => {
        late = new TimeoutError(deadline.registry, 'whole', deadline.ms);
        body.destroy(late);
      }, deadline.ms)
    : undefined;
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > limit) {
        body.destroy();
        throw onTooLarge(size);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (late) throw late;
    const named = (error as { berthTimeout?: unknown } | undefined)?.berthTimeout;
    throw named instanceof TimeoutError ? named : error;
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Reads at most `limit` bytes of an error body as text; the rest is discarded. It only words an error, so
 * it gets one idle timeout in all: a body trickled a byte at a time is shown as far as it came.
 */
export async function readSnippet(body: HttpResponse['body'], limit = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  const deadline = wholeBodyDeadlines.get(body);
  const timer = deadline ? setTimeout(() => body.destroy(), deadline.snippetMs) : undefined;
  try {
    for await (const chunk of body) {
      const buffer = chunk as Buffer;
      if (size < limit) chunks.push(buffer.subarray(0, limit - size));
      size += buffer.length;
      if (size >= limit) break;
    }
  } catch {
    // A body that breaks off is still worth showing as far as it came.
  } finally {
    clearTimeout(timer);
    body.destroy();
  }
  return Buffer.concat(chunks).toString('utf8');
}
