import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Agent, Dispatcher } from 'undici';
import type { EngineKind, EngineStatus, EngineVersion } from '../../../shared/docker.js';
import type { ErrorCode } from '../../../shared/errors.js';
import { BerthError, CancelledError, ConfigError } from '../errors.js';
import { describeSeconds, newAgent, undiciRequest as request } from '../registry/index.js';
import type { EngineEndpoint } from './endpoint.js';
import { connectionError, EngineError } from './errors.js';
import { readJsonStream, type StreamMessage } from './json-stream.js';

/** The newest Engine API Berth speaks; everything it uses exists since 1.32. */
export const CLIENT_MAX_API = '1.47';
/** `platform` on `/images/create` arrived in 1.32 (Docker 17.09). */
export const CLIENT_MIN_API = '1.32';

/** An image name or ID for a path segment: `/`, `:` and `@` stay raw as the Docker client sends them. */
export function namePath(name: string): string {
  return name.replace(/[^A-Za-z0-9._\-/:@]/g, (char) => encodeURIComponent(char));
}

export function compareApiVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

export interface EngineRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'DELETE';
  /** `/images/json`; prefixed with `/v<negotiated>` unless `api` says otherwise. */
  path: string;
  query?: Record<string, string | boolean | undefined>;
  headers?: Record<string, string>;
  body?: Buffer | Readable;
  signal?: AbortSignal;
  /** `compat` (default): `/v1.NN`; `libpod`: Podman's own API (`/v4.3.1/libpod/...`); `none`: as is. */
  api?: 'compat' | 'libpod' | 'none';
  /** A progress stream (pull, push): no limit on its length, only on a silence within it. */
  isStream?: boolean;
}

export interface EngineTimeouts {
  /** Plain calls (ping, list, inspect, tag, remove), and the headers of a stream: silence allowed. */
  callMs: number;
  /** The longest silence inside a progress stream; the engine reports each layer's bytes far more often. */
  streamIdleMs: number;
}

const DEFAULT_ENGINE_TIMEOUTS: EngineTimeouts = { callMs: 120_000, streamIdleMs: 300_000 };

/** A non-2xx answer of the engine: its `{"message": …}` and the status. */
export class EngineApiError extends BerthError {
  constructor(
    readonly engineMessage: string,
    status: number,
    what: string,
  ) {
    super(codeForStatus(status), `${what}: ${engineMessage}`, { status });
  }
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'AUTH';
  if (status === 403) return 'DENIED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 400 || status === 409) return 'INVALID_INPUT';
  return 'REGISTRY';
}

function headerText(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function makeAgent(endpoint: EngineEndpoint): Agent {
  const { transport } = endpoint;
  const keepAliveTimeout = 10_000;
  if (transport.kind === 'unix')
    return newAgent({ connect: { socketPath: transport.socketPath }, keepAliveTimeout });
  if (transport.kind === 'npipe')
    return newAgent({ connect: { socketPath: transport.pipePath }, keepAliveTimeout });
  const tls = transport.tls;
  const read = (file: string | undefined, what: string) => {
    if (!file) return undefined;
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError(`cannot read the engine's ${what} ${file}: ${(error as Error).message}`);
    }
  };
  return newAgent({
    connect: tls
      ? {
          ca: read(tls.caFile, 'CA certificate'),
          cert: read(tls.certFile, 'client certificate'),
          key: read(tls.keyFile, 'client key'),
          rejectUnauthorized: tls.verify,
          timeout: 10_000,
        }
      : { timeout: 10_000 },
    keepAliveTimeout,
  });
}

function baseUrl(endpoint: EngineEndpoint): string {
  const { transport } = endpoint;
  // Over a socket the host part is not used; Docker's Go client writes api.moby.localhost.
  if (transport.kind !== 'tcp') return 'http://api.moby.localhost';
  const host = transport.hostname.includes(':') ? `[${transport.hostname}]` : transport.hostname;
  return `${transport.tls ? 'https' : 'http'}://${host}:${transport.port}`;
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return Boolean(signal?.aborted) || (error instanceof Error && error.name === 'AbortError');
}

/**
 * A Docker Engine API client over undici (unix socket, named pipe, tcp, tcp+TLS). The API version is
 * negotiated once (moby `client/ping.go`): `HEAD /_ping`, falling back to `GET`, then
 * min(Berth's maximum, the engine's `Api-Version`). Podman answers with `Libpod-API-Version` too.
 */
export class DockerEngine {
  private readonly agent: Agent;
  private readonly base: string;
  private negotiated?: Promise<EngineVersion>;
  private libpodVersion?: string;

  private readonly timeouts: EngineTimeouts;

  constructor(
    readonly endpoint: EngineEndpoint,
    timeouts: Partial<EngineTimeouts> = {},
  ) {
    this.timeouts = { ...DEFAULT_ENGINE_TIMEOUTS, ...timeouts };
    this.agent = makeAgent(endpoint);
    this.base = baseUrl(endpoint);
  }

  get host(): string {
    return this.endpoint.host;
  }

  /** Negotiates once; a failed negotiation is tried again on the next call. */
  version(signal?: AbortSignal): Promise<EngineVersion> {
    this.negotiated ??= this.negotiate(signal).catch((error: unknown) => {
      this.negotiated = undefined;
      throw error;
    });
    return this.negotiated;
  }

  async kind(signal?: AbortSignal): Promise<EngineKind> {
    return (await this.version(signal)).kind;
  }

  private async negotiate(signal?: AbortSignal): Promise<EngineVersion> {
    let ping = await this.raw({ method: 'HEAD', path: '/_ping', api: 'none', signal });
    await ping.body.dump();
    if (ping.statusCode !== 200) {
      ping = await this.raw({ method: 'GET', path: '/_ping', api: 'none', signal });
      await ping.body.dump();
    }
    if (ping.statusCode !== 200)
      throw new EngineError(
        'unreachable',
        this.host,
        `${this.host} answered /_ping with HTTP ${ping.statusCode}: not a container engine`,
        'Check the engine address.',
      );
    const serverApi = headerText(ping.headers, 'api-version') ?? CLIENT_MAX_API;
    const server = headerText(ping.headers, 'server') ?? '';
    this.libpodVersion = headerText(ping.headers, 'libpod-api-version');
    const kind: EngineKind = this.libpodVersion || /^libpod\//i.test(server) ? 'podman' : 'docker';
    if (compareApiVersions(serverApi, CLIENT_MIN_API) < 0)
      throw new EngineError(
        'unsupported',
        this.host,
        `The engine at ${this.host} speaks Engine API ${serverApi}; Berth needs ${CLIENT_MIN_API} or newer`,
        'Update Docker (17.09 or newer) or Podman.',
      );
    const apiVersion = compareApiVersions(serverApi, CLIENT_MAX_API) < 0 ? serverApi : CLIENT_MAX_API;
    const info: EngineVersion = { kind, apiVersion, serverApiVersion: serverApi };
    const version = await this.raw({ method: 'GET', path: `/v${apiVersion}/version`, api: 'none', signal });
    if (version.statusCode === 200) {
      const body = (await version.body.json()) as { Version?: string; Os?: string; Arch?: string };
      info.version = body.Version;
      info.os = body.Os;
      info.arch = body.Arch;
    } else await version.body.dump();
    return info;
  }

  /** Sends a request with the negotiated version; errors become EngineError / EngineApiError. */
  async send(req: EngineRequest, what: string): Promise<Dispatcher.ResponseData & { statusCode: number }> {
    const path = await this.versionedPath(req);
    const response = await this.raw({ ...req, path, api: 'none' });
    if (response.statusCode >= 200 && response.statusCode < 300) return response;
    const text = await response.body.text().catch(() => '');
    let message = text.trim();
    try {
      const parsed = JSON.parse(text) as { message?: unknown };
      if (typeof parsed.message === 'string') message = parsed.message;
    } catch {
      // not JSON: keep the text
    }
    throw new EngineApiError(message || `HTTP ${response.statusCode}`, response.statusCode, what);
  }

  async json<T>(req: EngineRequest, what: string): Promise<T> {
    const response = await this.send(req, what);
    try {
      return (await response.body.json()) as T;
    } catch (error) {
      throw this.wrap(error, req.signal);
    }
  }

  /** A progress stream: each JSON message as the engine writes it; cancelling the signal closes it. */
  async *stream(req: EngineRequest, what: string): AsyncGenerator<StreamMessage> {
    const response = await this.send({ ...req, isStream: true }, what);
    try {
      yield* readJsonStream(response.body);
    } catch (error) {
      throw this.wrap(error, req.signal, `${what} sent nothing`);
    } finally {
      // Leaving early (an error, a break) closes the connection: the engine stops a pull or push then.
      if (!response.body.destroyed) response.body.destroy();
    }
  }

  private async versionedPath(req: EngineRequest): Promise<string> {
    const api = req.api ?? 'compat';
    if (api === 'none') return req.path;
    const version = await this.version(req.signal);
    if (api === 'libpod') {
      if (!this.libpodVersion)
        throw new EngineError(
          'unsupported',
          this.host,
          `${this.host} is not Podman`,
          'This operation needs Podman.',
        );
      return `/v${this.libpodVersion}/libpod${req.path}`;
    }
    return `/v${version.apiVersion}${req.path}`;
  }

  private async raw(req: EngineRequest): Promise<Dispatcher.ResponseData> {
    const url = new URL(req.path, this.base);
    for (const [key, value] of Object.entries(req.query ?? {}))
      if (value !== undefined) url.searchParams.set(key, String(value));
    // Names go into the path raw, slashes and `host:port` included, as the Docker client sends them.
    const path = `${req.path}${url.search}`;
    try {
      return await request(`${this.base}${path}`, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: req.signal,
        dispatcher: this.agent,
        headersTimeout: this.timeouts.callMs,
        // A pull or push may take hours, and go quiet for a while (a slow registry): only a long silence
        // ends it. undici's body timer stands still while Berth itself is not reading.
        bodyTimeout: req.isStream ? this.timeouts.streamIdleMs : this.timeouts.callMs,
      });
    } catch (error) {
      throw this.wrap(error, req.signal);
    }
  }

  private wrap(error: unknown, signal: AbortSignal | undefined, silentWhat?: string): Error {
    if (error instanceof BerthError) return error;
    if (isAbort(error, signal)) return new CancelledError(`request to the engine at ${this.host} cancelled`);
    const code = (error as { code?: unknown }).code;
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      const stream = code === 'UND_ERR_BODY_TIMEOUT' && silentWhat !== undefined;
      const ms = stream ? this.timeouts.streamIdleMs : this.timeouts.callMs;
      return new EngineError(
        'unreachable',
        this.host,
        stream
          ? `the engine at ${this.host} went quiet: ${silentWhat} for ${describeSeconds(ms)}`
          : `the engine at ${this.host} did not answer within ${describeSeconds(ms)}`,
        'The engine is busy or stuck: check `docker info` (or `podman info`), restart it if it does not answer.',
        { cause: error },
      );
    }
    return connectionError(this.host, error);
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/** Connects and reports a clear state instead of throwing: the Local images view's header. */
export async function probeEngine(engine: DockerEngine, signal?: AbortSignal): Promise<EngineStatus> {
  const { transport: _transport, ...address } = engine.endpoint;
  try {
    return { address, state: 'running', engine: await engine.version(signal) };
  } catch (error) {
    if (error instanceof BerthError) {
      const state = error instanceof EngineError ? error.state : 'unsupported';
      const hints = error.appHint === error.hint ? {} : { appHint: error.appHint };
      return { address, state, message: error.message, hint: error.hint, ...hints };
    }
    throw error;
  }
}
