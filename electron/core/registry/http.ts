import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import { systemCertificates, type TlsMaterial } from './tls.js';
import { ProtocolError } from './errors.js';

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
/** Headers that carry identity and never cross to another origin. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function headerValues(headers: ResponseHeaders, name: string): string[] {
  const value = headers[name.toLowerCase()];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * One undici Agent per distinct TLS setting: each keeps a keep-alive pool per origin, so a warm
 * request costs one round trip. Redirects are followed here, not by undici, so Berth decides what
 * each hop carries: credentials stay on the origin they were meant for (OCI spec, "API"; ECR's S3
 * redirects reject a forwarded Authorization).
 */
export class HttpTransport {
  private readonly agents = new Map<string, Agent>();

  constructor(
    private readonly agentOptions: { connectTimeoutMs?: number; keepAliveTimeoutMs?: number } = {},
  ) {}

  private agentFor(tls: TlsMaterial): Agent {
    const key = createHash('sha256')
      .update(JSON.stringify([tls.caPem, tls.clientCertPem ?? '', tls.clientKeyPem ?? '', tls.skipVerify]))
      .digest('hex');
    let agent = this.agents.get(key);
    if (!agent) {
      agent = new Agent({
        connect: {
          ca: tls.caPem.length ? [...systemCertificates(), ...tls.caPem] : undefined,
          // A server certificate the user pinned as the connection's CA is trusted as it stands, as Go
          // (Docker, skopeo) does: registries often present their certificate without its CA.
          allowPartialTrustChain: tls.caPem.length > 0,
          cert: tls.clientCertPem,
          key: tls.clientKeyPem,
          rejectUnauthorized: !tls.skipVerify,
          timeout: this.agentOptions.connectTimeoutMs ?? 15_000,
        },
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
    for (let hop = 0; ; hop++) {
      const response = await request(url, {
        method,
        headers,
        body,
        signal: req.signal,
        dispatcher: this.agentFor(req.tls),
      });
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

/** Reads a response body fully, refusing to hold more than `limit` bytes. */
export async function readBody(
  body: HttpResponse['body'],
  limit: number,
  onTooLarge: (size: number) => Error,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      throw onTooLarge(size);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

/** Reads at most `limit` bytes of an error body as text; the rest is discarded. */
export async function readSnippet(body: HttpResponse['body'], limit = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
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
    body.destroy();
  }
  return Buffer.concat(chunks).toString('utf8');
}
