import {
  basicForms,
  errorFromException,
  errorFromResponse,
  headerValue,
  HttpTransport,
  NetworkError,
  ProtocolError,
  readBody,
  TooLargeError,
  type NetworkTimeouts,
  type ResponseHeaders,
  type TlsMaterial,
} from '../registry/index.js';

/** Bytes of one JSON answer: a page of 100 Harbor artifacts with scan overviews is ~400 KiB. */
export const VENDOR_BODY_BYTES = 16 * 1024 * 1024;
/** One request, answer and body: a page that takes longer is not coming. */
export const VENDOR_REQUEST_MS = 60_000;

export interface VendorRequest {
  method?: 'GET' | 'DELETE' | 'POST';
  /** Absolute, or relative to the API origin. */
  url: URL | string;
  headers?: Record<string, string>;
  /** Sent as JSON (a login exchange); never logged. */
  body?: unknown;
  /** For messages: `Harbor projects`, `tags of team/app`. */
  what: string;
  signal?: AbortSignal;
  /** Statuses that are answers, not errors (a 404 that means "none"). Default: 2xx only. */
  accept?: (status: number) => boolean;
}

export interface VendorResponse<T = unknown> {
  status: number;
  headers: ResponseHeaders;
  url: URL;
  json: T;
}

/**
 * JSON over HTTP to a vendor's API with the connection's TLS files and timeouts. Every request has a
 * deadline for answer and body, every body a size cap; redirects never carry credentials to another
 * origin (HttpTransport's rule). Errors are the registry client's, named after the vendor's host.
 */
export class VendorHttp {
  constructor(
    private readonly transport: HttpTransport,
    readonly apiOrigin: URL,
    private readonly tls: TlsMaterial,
    private readonly timeouts: Partial<NetworkTimeouts> | undefined,
    /** Whether a login is sent with the requests (for the wording of a 401). */
    private readonly hasCredential: boolean,
    /** The login's forms (credentialForms): an error body that quotes them back is scrubbed before it is cut. */
    private readonly secrets: readonly string[] = [],
  ) {}

  get host(): string {
    return this.apiOrigin.host;
  }

  /** A URL on the API origin; `path` may carry a query. */
  url(path: string): URL {
    return new URL(path, this.apiOrigin);
  }

  async json<T = unknown>(request: VendorRequest): Promise<VendorResponse<T>> {
    const url = typeof request.url === 'string' ? this.url(request.url) : request.url;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), VENDOR_REQUEST_MS);
    const signal = request.signal ? AbortSignal.any([request.signal, deadline.signal]) : deadline.signal;
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...request.headers,
    };
    try {
      let response;
      try {
        response = await this.transport.send({
          method: request.method ?? 'GET',
          url,
          headers,
          ...(request.body === undefined ? {} : { body: Buffer.from(JSON.stringify(request.body)) }),
          signal,
          tls: this.tls,
          ...(this.timeouts ? { timeouts: this.timeouts } : {}),
        });
      } catch (error) {
        throw errorFromException(error, this.host, url);
      }
      const ok = request.accept
        ? request.accept(response.status)
        : response.status >= 200 && response.status < 300;
      if (!ok)
        throw await errorFromResponse(response, {
          registry: this.host,
          what: request.what,
          method: request.method ?? 'GET',
          sentAuthorization: Boolean(headers.authorization ?? headers['private-token']),
          hasCredential: this.hasCredential,
          authScheme: 'basic',
          now: Date.now(),
          secrets: [...this.secrets, ...sentSecrets(headers)],
        });
      const tooLarge = (size: number) =>
        new TooLargeError(this.host, request.what, VENDOR_BODY_BYTES, size, {
          message: `${this.host}: ${request.what}: the answer is over ${VENDOR_BODY_BYTES / 1024 / 1024} MiB, more than Berth reads`,
          hint: 'No real answer of this API is this large: the server is likely broken or hostile.',
        });
      const declared = Number.parseInt(headerValue(response.headers, 'content-length') ?? '', 10);
      if (Number.isFinite(declared) && declared > VENDOR_BODY_BYTES) {
        response.body.destroy();
        throw tooLarge(declared);
      }
      const body = await readBody(response.body, VENDOR_BODY_BYTES, tooLarge);
      let json: unknown = undefined;
      if (body.length > 0) {
        try {
          json = JSON.parse(body.toString('utf8'));
        } catch {
          throw new ProtocolError(this.host, `${request.what}: ${this.host} did not answer JSON`, {
            status: response.status,
            hint: 'Check that the connection is the kind of registry it says (Edit connection) and that its API address is right.',
          });
        }
      }
      return { status: response.status, headers: response.headers, url: response.url, json: json as T };
    } catch (error) {
      if (deadline.signal.aborted && !request.signal?.aborted)
        throw new NetworkError(
          this.host,
          `${this.host}: ${request.what} took more than ${VENDOR_REQUEST_MS / 1000} s to arrive`,
          'The server answers too slowly (or never finishes). Try again later.',
          error,
        );
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * What a request's headers carry that a server may quote back: the Authorization value and its token
 * (Bearer, Hub's JWT) or Basic form with the password inside it, and GitLab's PRIVATE-TOKEN.
 */
export function sentSecrets(headers: Record<string, string>): string[] {
  const secrets: string[] = [];
  const token = headers['private-token'];
  if (token) secrets.push(token);
  const authorization = headers.authorization;
  if (authorization) {
    secrets.push(authorization);
    const [scheme = '', value = ''] = authorization.split(/\s+/, 2);
    if (value) secrets.push(value);
    if (scheme.toLowerCase() === 'basic' && value) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon >= 0) secrets.push(...basicForms(decoded.slice(0, colon), decoded.slice(colon + 1)));
    }
  }
  return secrets;
}
