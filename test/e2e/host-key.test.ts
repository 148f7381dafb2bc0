// The browser host's key in a real browser: it must reach no other service on 127.0.0.1 (cookies are not
// scoped by port), leave the address bar at once, survive a reload and work again from a new tab opened
// with the printed URL. A "neighbour" HTTP server on another port of 127.0.0.1 records every request the
// same browser sends it, the way any other local service would.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
import { launchChromium, openPage } from '../fixtures/chromium.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const WAIT_MS = 30_000;

let root: string;
let registry: RegistryHandle;
let host: BerthHost;
let browser: Browser;
let neighbour: Server;
let neighbourOrigin: string;
const neighbourSaw: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  root = await makeTempDir('e2e-host-key');
  registry = await startRegistry();
  host = await BerthHost.start({
    ...process.env,
    BERTH_DATA_DIR: path.join(root, 'data'),
    BERTH_KEYCHAIN_SERVICE: `BerthTest-host-key-${randomUUID()}`,
    BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
  });
  await host.logIn();
  const added = await host.call('connections.add', { name: 'plain', url: `http://${registry.host}` });
  expect(added.body).toMatchObject({ ok: true });
  neighbour = createServer((request, response) => {
    neighbourSaw.push({ url: request.url ?? '', headers: request.headers });
    response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>neighbour</title>');
  });
  await new Promise<void>((resolve) => neighbour.listen(0, '127.0.0.1', resolve));
  neighbourOrigin = `http://127.0.0.1:${(neighbour.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close();
});

afterAll(async () => {
  await browser?.close();
  if (neighbour) {
    neighbour.closeAllConnections();
    await new Promise((resolve) => neighbour.close(resolve));
  }
  await host?.stop();
  await registry?.stop();
  if (root) await removeDir(root);
});

/** A new private window; the page is not opened yet. */
async function newWindow(): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await openPage(browser, { timeoutMs: WAIT_MS });
  contexts.push(opened.context);
  return opened;
}

/** Loads `url` (or reloads) and resolves with the status of the page's first `connections.list`. */
async function listStatus(page: Page, load: () => Promise<unknown>): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/connections.list'), { timeout: WAIT_MS }),
    load(),
  ]);
  return response.status();
}

/** Every frame any event socket of `page` receives from now on (the page opens a new one on reload). */
function eventFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => frames.push(String(frame.payload))));
  return frames;
}

/**
 * Waits until a `connections.status` event reaches the page; `connections.test` sends one, again each
 * poll, since the page's socket may not be open and subscribed yet when the first goes out.
 */
async function statusEventArrives(frames: string[]): Promise<void> {
  const seen = () => frames.some((frame) => frame.includes('connections.status'));
  await expect
    .poll(
      async () => {
        if (!seen()) await host.call('connections.test', { name: 'plain' });
        return seen();
      },
      { timeout: WAIT_MS, interval: 500 },
    )
    .toBe(true);
}

describe('the browser host key in a browser', () => {
  it('moves the key from the fragment into sessionStorage: no cookie, nothing in the address bar', async () => {
    const { context, page } = await newWindow();
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    const frames = eventFrames(page);
    expect(await listStatus(page, () => page.goto(host.url))).toBe(200);
    await page
      .getByRole('navigation', { name: 'Connections' })
      .getByRole('button', { name: /plain/ })
      .waitFor();
    expect(page.url()).toBe(`${host.origin}/`);
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate('sessionStorage.getItem("berth.hostKey")')).toBe(host.token);
    await statusEventArrives(frames);
    expect(sockets.join(' ')).not.toContain(host.token);
  });

  it('keeps working after a reload, and in a new tab opened with the printed URL', async () => {
    const { context, page } = await newWindow();
    expect(await listStatus(page, () => page.goto(host.url))).toBe(200);
    const frames = eventFrames(page);
    expect(await listStatus(page, () => page.reload())).toBe(200);
    expect(page.url()).toBe(`${host.origin}/`);
    frames.length = 0;
    await statusEventArrives(frames);

    const again = await context.newPage();
    expect(await listStatus(again, () => again.goto(host.url))).toBe(200);
    await again
      .getByRole('navigation', { name: 'Connections' })
      .getByRole('button', { name: /plain/ })
      .waitFor();
  });

  it('refuses a tab opened without the key, and says where the key is', async () => {
    const { page } = await newWindow();
    expect(await listStatus(page, () => page.goto(`${host.origin}/`))).toBe(401);
    await page
      .getByText(/needs its key/)
      .first()
      .waitFor();
  });

  it('sends the key to no other service on 127.0.0.1 or localhost the same browser visits', async () => {
    const { page } = await newWindow();
    expect(await listStatus(page, () => page.goto(host.url))).toBe(200);
    neighbourSaw.length = 0;
    await page.goto(`${neighbourOrigin}/after-berth`);
    await page.goto(`${neighbourOrigin.replace('127.0.0.1', 'localhost')}/after-berth`);
    expect(neighbourSaw.map((request) => request.url)).toContain('/after-berth');
    for (const request of neighbourSaw) {
      expect(JSON.stringify(request.headers)).not.toContain(host.token);
      expect(request.headers.cookie ?? '').not.toMatch(/berth/);
    }
  });
});
