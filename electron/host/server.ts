import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { HOST_KEY, HOST_PATHS, isRequestName } from '../../shared/contract/index.js';
import type { CoreApi } from '../core/api/index.js';
import { HostGuard } from './guard.js';
import { serveStatic } from './static.js';
import { receiveUpload } from './upload.js';

export interface HostOptions {
  api: CoreApi;
  /** 0 = any free port. */
  port?: number;
  /** The built renderer; missing = a page saying it is not built. */
  rendererDir?: string;
  /** The largest archive an upload may carry (default 64 GiB). */
  uploadLimit?: number;
}

export interface RunningHost {
  port: number;
  token: string;
  /** `http://127.0.0.1:PORT/#token=…`: the fragment never reaches a server, a log or a Referer. */
  url: string;
  close(): Promise<void>;
}

const BODY_LIMIT = 1024 * 1024;
const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response
    .writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
    .end(JSON.stringify(body));
}

function refuse(response: ServerResponse, status: 401 | 403 | 404 | 405 | 413 | 415, message: string): void {
  sendJson(response, status, {
    ok: false,
    error: {
      code: status === 401 || status === 403 ? 'DENIED' : 'INVALID_INPUT',
      message,
      hint:
        status === 401
          ? 'Open the URL the Berth host printed when it started (http://127.0.0.1:PORT/#token=…); it carries the key.'
          : undefined,
    },
  });
}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The browser host: the same contract as Electron's IPC, over `POST /api/<request>` and a WebSocket of
 * events, plus the built renderer, on 127.0.0.1 only.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const { api } = options;
  const server = createServer();
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    // The key rides along as a second subprotocol; the one the host speaks is the events one.
    handleProtocols: (offered) => (offered.has(HOST_KEY.eventsProtocol) ? HOST_KEY.eventsProtocol : false),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const guard = new HostGuard();

  async function handleApi(name: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return refuse(response, 405, 'requests are POSTed');
    if (!isRequestName(name)) return refuse(response, 404, `there is no request named "${name}"`);
    // A JSON body cannot come from a plain HTML form, so no request is forged through one.
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? ''))
      return refuse(response, 415, 'the body must be JSON (Content-Type: application/json)');
    const body = await readBody(request);
    if (!body) return refuse(response, 413, 'the request body is too large');
    let input: unknown = {};
    if (body.length) {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch {
        return sendJson(response, 400, {
          ok: false,
          error: { code: 'INVALID_INPUT', message: `${name}: the body is not valid JSON` },
        });
      }
    }
    const aborted = new AbortController();
    response.once('close', () => {
      if (!response.writableFinished) aborted.abort();
    });
    const outcome = await api.dispatch(name, input, aborted.signal);
    sendJson(response, !outcome.ok && outcome.error.code === 'INVALID_INPUT' ? 400 : 200, outcome);
  }

  async function handleUpload(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return refuse(response, 405, 'an archive is POSTed');
    const outcome = await receiveUpload(request, api.services, options.uploadLimit);
    if (outcome.ok) return sendJson(response, 200, outcome);
    sendJson(response, outcome.status, {
      ok: false,
      error: { code: 'INVALID_INPUT', message: outcome.message },
    });
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    for (const [header, value] of Object.entries(COMMON_HEADERS)) response.setHeader(header, value);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const foreign = guard.foreignOrigin(request);
    if (foreign) return refuse(response, 403, `refused: ${foreign}`);
    const isApi = url.pathname.startsWith(HOST_PATHS.api) || url.pathname === HOST_PATHS.upload;
    // The page itself is served without the key: the key is in the URL's fragment, which the browser
    // never sends, and the built renderer holds nothing secret. Everything it can do goes through /api/.
    if (isApi && !guard.hasKey(request))
      return refuse(response, 401, 'this Berth host needs its key (Authorization: Bearer …)');
    const work =
      url.pathname === HOST_PATHS.upload
        ? handleUpload(request, response)
        : isApi
          ? handleApi(url.pathname.slice(HOST_PATHS.api.length), request, response)
          : request.method === 'GET' || request.method === 'HEAD'
            ? serveStatic(options.rendererDir, url.pathname, response)
            : Promise.resolve(refuse(response, 405, `${request.method} is not served here`));
    work.catch((error: unknown) => {
      if (!response.headersSent)
        sendJson(response, 500, { ok: false, error: { code: 'PROTOCOL', message: String(error) } });
      else response.destroy();
    });
  });

  server.on('upgrade', (request: IncomingMessage, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const deny = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== HOST_PATHS.events) return deny('404 Not Found');
    if (guard.foreignOrigin(request)) return deny('403 Forbidden');
    if (!guard.socketHasKey(request)) return deny('401 Unauthorized');
    sockets.handleUpgrade(request, socket, head, (ws: WebSocket) => {
      const unsubscribe = api.subscribe((message) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
      });
      ws.on('close', unsubscribe);
      ws.on('error', unsubscribe);
      // The socket only carries events out; anything sent in is ignored.
      ws.on('message', () => undefined);
    });
  });

  return {
    port,
    token: guard.token,
    url: `http://127.0.0.1:${port}/#${HOST_KEY.urlParameter}=${guard.token}`,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
