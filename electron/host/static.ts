import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** What the browser may load and connect to: this host only. */
export const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Berth</title>
<body style="font:15px system-ui;margin:3em;max-width:40em">
<h1>Berth</h1>
<p>The Berth host is running, but the renderer (the registry explorer) is not built, so there is
nothing to show here yet. Build it with <code>npm run build</code> and reload this page.</p>
<p>The API is served at <code>/api/&lt;request&gt;</code> and events at <code>/events</code>.</p>
</body></html>`;

async function fileAt(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const candidate = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return undefined;
  const info = await stat(candidate).catch(() => undefined);
  if (info?.isFile()) return candidate;
  if (info?.isDirectory()) {
    const index = path.join(candidate, 'index.html');
    if ((await stat(index).catch(() => undefined))?.isFile()) return index;
  }
  return undefined;
}

/** Serves the built renderer; paths without a file extension get index.html (client-side routes). */
export async function serveStatic(
  rendererDir: string | undefined,
  urlPath: string,
  response: ServerResponse,
): Promise<void> {
  response.setHeader('Content-Security-Policy', PAGE_POLICY);
  const root = rendererDir ? path.resolve(rendererDir) : undefined;
  const rootIndex = root ? await fileAt(root, '/index.html') : undefined;
  if (!root || !rootIndex) {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(NOT_BUILT_PAGE);
    return;
  }
  let file = await fileAt(root, urlPath);
  if (!file && !path.posix.extname(urlPath)) file = rootIndex;
  if (!file) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Cache-Control': file === rootIndex ? 'no-store' : 'no-cache',
  });
  createReadStream(file).pipe(response);
}
