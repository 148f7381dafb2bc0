// The connection dialog's ways forward and the status of saved connections, end to end in Chromium against
// the real browser host: a plain-HTTP registry typed as https (the error offers plain HTTP), a certificate
// card at 1024×700 (every button stays in the dialog), a registry that is down (Save anyway, never for a
// wrong password), removing one of three connections, the start-up check of every saved connection with
// the reason one is unreachable, Diagnose for a healthy one, and Start for a stopped registry of one's own.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
import {
  E2E_SETUP_MS,
  E2E_TEST_MS,
  launchChromium,
  openPage,
  recordReceived,
  screenshotAt,
  screenshotBothSchemes,
  UI_WAIT_MS,
  WORK_WAIT_MS,
} from '../fixtures/chromium.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { freePort, makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const PASSWORD = 'wonderland-pass';
const WRONG = 'not-the-password-42';

let keyring: KeyringHandle;
/** Plain HTTP, no login (a saved address is one connection's, so there are two more). */
let plain: RegistryHandle;
let plainB: RegistryHandle;
let plainC: RegistryHandle;
/** TLS signed by a CA nobody trusts, with htpasswd logins. */
let selfSigned: RegistryHandle;
/** Started and stopped again: nothing listens on its port. */
let down: RegistryHandle;
/** Saved while it runs, then stopped, as a registry goes down between two days of work. */
let fading: RegistryHandle;
let isFadingStopped = false;
let ownPort: number;
let root: string;
let dataDir: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let received: () => Promise<string[]>;

beforeAll(async () => {
  root = await makeTempDir('e2e-connection-status');
  dataDir = path.join(root, 'data');
  [keyring, plain, plainB, plainC, selfSigned, down, fading, ownPort] = await Promise.all([
    startKeyring(),
    startRegistry({ auth: 'none' }),
    startRegistry({ auth: 'none' }),
    startRegistry({ auth: 'none' }),
    startRegistry({ auth: 'htpasswd', tls: true }),
    startRegistry({ auth: 'none' }),
    startRegistry({ auth: 'none' }),
    freePort(),
  ]);
  await down.stop();
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: dataDir,
      BERTH_KEYCHAIN_SERVICE: `BerthTest-e2e-${randomUUID()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
      // No engine answers here, so a registry of one's own runs as a docker-registry process.
      DOCKER_HOST: `unix://${path.join(root, 'no-engine.sock')}`,
    }),
  );
  await host.logIn();
  browser = await launchChromium();
}, E2E_SETUP_MS);

beforeEach(async () => {
  ({ context, page } = await openPage(browser, { timeoutMs: UI_WAIT_MS, url: host.url }));
  received = recordReceived(page);
});

afterEach(async () => {
  const bodies = await received();
  await context?.close();
  for (const body of bodies) expect(body).not.toContain(PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await stopOwnServers();
  await host?.stop();
  await Promise.all([plain?.stop(), plainB?.stop(), plainC?.stop(), selfSigned?.stop()]);
  if (!isFadingStopped) await fading?.stop();
  await keyring?.stop();
  if (root) await removeDir(root);
});

/** Stops the registries of one's own the tests made, through the API, then by pid should the host be gone. */
async function stopOwnServers(): Promise<void> {
  const listed = await host
    ?.call<{ servers: Array<{ name: string; state: string }> }>('servers.list', {})
    .catch(() => undefined);
  for (const server of listed?.body.value?.servers ?? [])
    if (server.state === 'running') await host.call('servers.stop', { name: server.name }).catch(() => 0);
  const serversDir = path.join(dataDir ?? '', 'servers');
  for (const name of existsSync(serversDir) ? await readdir(serversDir) : []) {
    const pid = Number(await readFile(path.join(serversDir, name, 'registry.pid'), 'utf8').catch(() => ''));
    try {
      if (pid > 0) process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

function sidebarEntry(name: string): Locator {
  return page
    .getByRole('navigation', { name: 'Connections' })
    .getByRole('button', { name: new RegExp(`^${name}\\b`) });
}

async function openAddDialog(): Promise<Locator> {
  await page
    .getByRole('navigation', { name: 'Connections' })
    .getByRole('button', { name: 'Add connection' })
    .click();
  return page.getByRole('dialog', { name: 'Add connection' });
}

/** Saves each connection that is missing through the API (`down` ones unchecked), then reloads the page. */
async function ensureConnections(
  connections: Record<string, { url: string; down?: boolean }>,
): Promise<void> {
  const listed = await host.call<{ connections: Array<{ name: string }> }>('connections.list', {});
  const saved = new Set(listed.body.value.connections.map((connection) => connection.name));
  for (const [name, { url, down }] of Object.entries(connections)) {
    if (saved.has(name)) continue;
    const extra = down ? { saveIfUnreachable: true } : {};
    const added = await host.call('connections.add', { name, url, ...extra });
    expect(added.body.ok, JSON.stringify(added.body.error)).toBe(true);
  }
  await page.reload();
}

async function removeConnections(...names: string[]): Promise<void> {
  for (const name of names) await host.call('connections.remove', { name });
}

/** `inner` lies inside `outer` (both visible), to the pixel. */
async function expectInside(inner: Locator, outer: { x: number; y: number; width: number; height: number }) {
  await inner.scrollIntoViewIfNeeded();
  const box = (await inner.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(outer.x);
  expect(box.y).toBeGreaterThanOrEqual(outer.y);
  expect(box.x + box.width).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
  expect(box.y + box.height).toBeLessThanOrEqual(outer.y + outer.height + 0.5);
}

describe('connection dialog and status in a browser', { timeout: E2E_TEST_MS }, () => {
  it('offers plain HTTP in the error when the registry answers HTTP, and saves with it', async () => {
    await removeConnections('httponly');
    await page.reload();
    const dialog = await openAddDialog();
    await dialog.getByLabel('Registry URL', { exact: true }).fill(`https://${plain.host}`);
    await dialog.getByLabel('Name', { exact: true }).fill('httponly');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const alert = dialog.getByRole('alert');
    const useHttp = alert.getByRole('button', { name: 'Use plain HTTP for this registry' });
    await useHttp.waitFor();
    // The hint names what exists: the http:// address, not an "HTTP only" control.
    expect(await alert.textContent()).not.toMatch(/HTTP only/);
    expect(await alert.textContent()).toContain(`http://${plain.host}`);
    await screenshotBothSchemes(page, 'connection-http-error');
    await screenshotAt(page, 'connection-http-error', 1024, 700);

    await useHttp.click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => sidebarEntry('httponly').textContent(), { timeout: WORK_WAIT_MS })
      .toContain(`http://${plain.host}`);
    const saved = await host.call<{ connections: Array<{ name: string; insecureHttp: boolean }> }>(
      'connections.list',
      {},
    );
    expect(saved.body.value.connections.find((c) => c.name === 'httponly')?.insecureHttp).toBe(true);
  });

  it('keeps the fingerprint and every button inside the dialog at 1024×700; a refused password is never saved', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    const viewport = { x: 0, y: 0, width: 1024, height: 700 };
    const dialog = await openAddDialog();
    await dialog.getByLabel('Registry URL', { exact: true }).fill(`https://${selfSigned.host}`);
    await dialog.getByLabel('Name', { exact: true }).fill('pinned');
    await dialog.getByLabel('Username', { exact: true }).fill('alice');
    await dialog.getByLabel('Password', { exact: true }).fill(WRONG);
    await dialog.getByRole('button', { name: 'Test' }).click();
    const prompt = dialog.getByRole('region', { name: 'Unknown certificate' });
    await prompt.waitFor();
    const trust = prompt.getByRole('button', { name: 'Trust this certificate for this connection only' });
    const dialogBox = (await dialog.boundingBox())!;
    await expectInside(dialog, viewport);
    await expectInside(trust, dialogBox);
    await screenshotBothSchemes(page, 'connection-certificate-1024', {});

    await trust.click();
    // Trusted, the registry answers: the password is wrong, so there is nothing to save anyway.
    const alert = dialog.getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: WORK_WAIT_MS }).toMatch(/refused/);
    const undo = dialog.getByRole('button', { name: 'Undo' });
    await undo.waitFor();
    // Nothing in the dialog is wider than the dialog: the fingerprint wraps, Undo stays beside it.
    expect(
      await dialog.evaluate((element: { scrollWidth: number; clientWidth: number }) => [
        element.scrollWidth,
        element.clientWidth,
      ]),
    ).toSatisfy(([scroll, client]: number[]) => scroll! <= client!);
    await expectInside(undo, (await dialog.boundingBox())!);
    await expectInside(dialog.getByLabel('SHA-256 fingerprint'), (await dialog.boundingBox())!);
    for (const name of ['Test', 'Cancel', 'Save'])
      await expectInside(dialog.getByRole('button', { name }), viewport);
    expect(await dialog.getByRole('button', { name: 'Save anyway' }).count()).toBe(0);
    await dialog.getByText('saves a connection only with a password the registry accepts').waitFor();
    await screenshotBothSchemes(page, 'connection-trusted-1024');
  });

  it('saves a registry that is down when asked, marked unreachable with the reason', async () => {
    await removeConnections('downstairs');
    await page.reload();
    const dialog = await openAddDialog();
    await dialog.getByLabel('Registry URL', { exact: true }).fill(`http://${down.host}`);
    await dialog.getByLabel('Name', { exact: true }).fill('downstairs');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const saveAnyway = dialog.getByRole('alert').getByRole('button', { name: 'Save anyway' });
    await saveAnyway.waitFor({ timeout: WORK_WAIT_MS });
    await screenshotBothSchemes(page, 'connection-save-anyway');
    await saveAnyway.click();
    await dialog.waitFor({ state: 'detached' });
    const entry = sidebarEntry('downstairs');
    await expect.poll(() => entry.textContent(), { timeout: WORK_WAIT_MS }).toMatch(/, Unreachable/);
    expect(await entry.getAttribute('title')).toMatch(/connection refused/);
    const status = page.getByRole('region', { name: 'Connection status' });
    expect(await status.textContent()).toMatch(/connection refused/);
    await status.getByRole('button', { name: 'Diagnose' }).waitFor();
  });

  it('removing one of three connections keeps the others and selects the next', async () => {
    await ensureConnections({
      alpha: { url: `http://${plainB.host}` },
      beta: { url: `http://${plainC.host}` },
      gamma: { url: `http://localhost:${plainB.port}` },
    });
    await sidebarEntry('beta').click();
    await page.getByRole('button', { name: 'Remove connection' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove connection beta?' });
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByText('gamma').waitFor();
    await expect.poll(() => sidebarEntry('beta').count(), { timeout: UI_WAIT_MS }).toBe(0);
    expect(await sidebarEntry('alpha').count()).toBe(1);
    expect(await sidebarEntry('gamma').count()).toBe(1);
    expect(await page.getByRole('heading', { name: /every registry you use, at a glance/i }).count()).toBe(0);
  });

  it('checks saved connections at start-up without a click, and offers Diagnose on a healthy one', async () => {
    await ensureConnections({
      healthy: { url: `http://localhost:${plain.port}` },
      gone: { url: `http://${fading.host}` },
    });
    if (!isFadingStopped) await fading.stop();
    isFadingStopped = true;
    // A fresh page: nothing clicked, yet every connection gets a status.
    await page.reload();
    await expect
      .poll(() => sidebarEntry('healthy').textContent(), { timeout: WORK_WAIT_MS })
      .toMatch(/, Reachable/);
    await expect
      .poll(() => sidebarEntry('gone').textContent(), { timeout: WORK_WAIT_MS })
      .toMatch(/, Unreachable/);
    expect(await sidebarEntry('gone').getAttribute('title')).toMatch(/connection refused.*\./);
    expect(await page.getByText('Not checked yet').count()).toBe(0);
    // With none open, the page lists every connection's status, and why one is unreachable.
    const overview = page.getByRole('list', { name: 'Saved connections' });
    await expect
      .poll(() => overview.getByRole('listitem').filter({ hasText: 'gone' }).textContent(), {
        timeout: UI_WAIT_MS,
      })
      .toMatch(/Unreachable.*connection refused/);
    await screenshotBothSchemes(page, 'connections-mixed-status');
    await screenshotAt(page, 'connections-mixed-status', 1024, 700);

    await sidebarEntry('healthy').click();
    await page.getByRole('banner').getByRole('button', { name: 'Diagnose' }).click();
    const doctor = page.getByRole('dialog', { name: `Diagnose localhost:${plain.port}` });
    await doctor.getByText(/No broken step|First broken step/).waitFor({ timeout: WORK_WAIT_MS });
    await doctor.getByText('/v2/ answers as a registry').waitFor();
    await doctor.getByText('Local Docker daemon').waitFor();
    // Only Docker Hub limits pulls this way: no such step for a registry of one's own.
    expect(await doctor.getByText(/rate limit/i).count()).toBe(0);
    await screenshotBothSchemes(page, 'diagnose-healthy');
  });

  it('offers Start for a stopped registry of your own, which starts it and checks again', async () => {
    const listed = await host.call<{ servers: Array<{ name: string }> }>('servers.list', {});
    if (!listed.body.value.servers.some((server) => server.name === 'mine')) {
      const created = await host.call('servers.create', {
        name: 'mine',
        port: ownPort,
        bind: '127.0.0.1',
        tls: { mode: 'none' },
        runtime: 'process',
        start: false,
      });
      expect(created.body.ok, JSON.stringify(created.body.error)).toBe(true);
    }
    await host.call('servers.stop', { name: 'mine' });
    await ensureConnections({ mine: { url: `http://127.0.0.1:${ownPort}`, down: true } });
    await sidebarEntry('mine').click();
    const status = page.getByRole('region', { name: 'Connection status' });
    const start = status.getByRole('button', { name: 'Start' });
    await start.waitFor({ timeout: WORK_WAIT_MS });
    expect(await status.textContent()).toMatch(/your registry “mine”, and it is stopped: start it/);
    await screenshotBothSchemes(page, 'connection-start-own');
    await screenshotAt(page, 'connection-start-own', 1024, 700);
    await start.click();
    await expect
      .poll(() => sidebarEntry('mine').textContent(), { timeout: WORK_WAIT_MS })
      .toMatch(/, Reachable/);
    await status.waitFor({ state: 'detached' });
    // The repositories are listed again: the error from when it was stopped is gone.
    const repositories = page.getByRole('region', { name: 'Repositories' });
    await repositories.getByText('This registry has no repositories.').waitFor();
    expect(await repositories.getByRole('alert').count()).toBe(0);
  });
});
