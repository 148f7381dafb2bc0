// "Your registries" and the Diagnose panel end to end: the real browser host (built renderer, private
// keyring, a temp BERTH_DATA_DIR) runs docker-registry as a child process for each registry made in the
// page; Chromium drives it by role and label. Every server the test makes is stopped in teardown.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Agent, request } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
import { makeCA } from '../fixtures/certs.js';
import {
  launchChromium,
  openPage,
  recordReceived,
  screenshotAt,
  UI_WAIT_MS,
  WORK_WAIT_MS,
  E2E_TEST_MS,
  E2E_SETUP_MS,
} from '../fixtures/chromium.js';
import { pushImage, type PushedImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { freePort, makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const PASSWORD = 'shelf-pass-81';
const BOB_PASSWORD = 'bob-pass-27';
const BOB_NEW_PASSWORD = 'bob-pass-28-new';
const SCREENSHOTS = path.resolve('test-output/screenshots');

let keyring: KeyringHandle;
let other: RegistryHandle;
let root: string;
let dataDir: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let received: () => Promise<string[]>;
let port: number;
let pushed: PushedImage;

beforeAll(async () => {
  root = await makeTempDir('servers-e2e');
  dataDir = path.join(root, 'data');
  [keyring, other, port] = await Promise.all([startKeyring(), startRegistry({ tls: true }), freePort()]);
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: dataDir,
      BERTH_KEYCHAIN_SERVICE: `BerthTest-servers-${randomUUID()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
      // No engine answers here, so registries run as docker-registry processes.
      DOCKER_HOST: `unix://${path.join(root, 'no-engine.sock')}`,
    }),
  );
  await host.logIn();
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
}, E2E_SETUP_MS);

/** Stops every registry the page made, through the API, then by its pid file should the host be gone. */
async function stopServers(): Promise<void> {
  const listed = await host
    ?.call<{ servers: Array<{ name: string; state: string }> }>('servers.list', {})
    .catch(() => undefined);
  for (const server of listed?.body.value?.servers ?? [])
    if (server.state === 'running')
      await host.call('servers.stop', { name: server.name }).catch(() => undefined);
  const serversDir = path.join(dataDir ?? '', 'servers');
  for (const name of existsSync(serversDir) ? await readdir(serversDir) : []) {
    const pid = Number(await readFile(path.join(serversDir, name, 'registry.pid'), 'utf8').catch(() => ''));
    if (pid > 0) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
}

beforeEach(async () => {
  ({ context, page } = await openPage(browser, { timeoutMs: UI_WAIT_MS, url: host.url }));
  received = recordReceived(page);
});

// Whatever a test did, no password came back to the page.
afterEach(async () => {
  const bodies = await received();
  await context?.close();
  expect(bodies.length).toBeGreaterThan(0);
  for (const body of bodies)
    for (const secret of [PASSWORD, BOB_PASSWORD, BOB_NEW_PASSWORD]) expect(body).not.toContain(secret);
});

afterAll(async () => {
  await browser?.close();
  await stopServers();
  await host?.stop();
  await other?.stop();
  await keyring?.stop();
  if (root) await removeDir(root);
});

async function shoot(name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const card = () => page.getByRole('article', { name: 'shelf' });

async function openYourRegistries(): Promise<void> {
  await page.getByRole('list', { name: 'Sections' }).getByRole('button', { name: 'Your registries' }).click();
}

/**
 * The registry "shelf" as the first test makes it through the form (TLS, alice), made through the API
 * when a test runs without it, in `state`; then Your registries opened in a freshly loaded page.
 */
async function openShelf(state: 'running' | 'stopped'): Promise<void> {
  const listed = await host.call<{ servers: Array<{ name: string; state: string }> }>('servers.list', {});
  const shelf = listed.body.value.servers.find((server) => server.name === 'shelf');
  if (!shelf) {
    const created = await host.call('servers.create', {
      name: 'shelf',
      port,
      bind: '127.0.0.1',
      tls: { mode: 'self-signed' },
      user: 'alice',
      secret: PASSWORD,
      runtime: 'process',
      start: state === 'running',
    });
    expect(created.body.ok, JSON.stringify(created.body.error)).toBe(true);
  } else if (shelf.state !== state) {
    const changed = await host.call(state === 'running' ? 'servers.start' : 'servers.stop', {
      name: 'shelf',
    });
    expect(changed.body.ok, JSON.stringify(changed.body.error)).toBe(true);
  }
  await page.reload();
  await openYourRegistries();
  await expect.poll(() => card().textContent(), { timeout: WORK_WAIT_MS }).toMatch(new RegExp(state));
}
const registryUrl = () => `https://127.0.0.1:${port}`;

async function caAgent(): Promise<Agent> {
  const ca = await readFile(path.join(dataDir, 'servers', 'shelf', 'tls', 'ca.crt'), 'utf8');
  return new Agent({ connect: { ca } });
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

async function v2Status(user: string, password: string): Promise<number> {
  const response = await request(`${registryUrl()}/v2/`, {
    headers: { authorization: basic(user, password) },
    dispatcher: await caAgent(),
  });
  await response.body.dump();
  return response.statusCode;
}

describe('your registries in a browser', { timeout: E2E_TEST_MS }, () => {
  it('creates a registry with TLS and a user from a short form, and shows it running', async () => {
    await page
      .getByRole('list', { name: 'Sections' })
      .getByRole('button', { name: 'Your registries' })
      .click();
    await page.getByText('No registry of your own yet.').waitFor();
    await shoot('servers-empty');

    await page.getByRole('button', { name: 'New registry' }).click();
    const dialog = page.getByRole('dialog', { name: 'New registry' });
    expect(await dialog.getByLabel('Name', { exact: true }).inputValue()).toBe('registry');
    expect(await dialog.getByLabel('Port', { exact: true }).inputValue()).toBe('5000');
    expect(await dialog.getByLabel('Self-signed certificate').isChecked()).toBe(true);
    await dialog.getByLabel('Name', { exact: true }).fill('shelf');
    await dialog.getByLabel('Port', { exact: true }).fill(String(port));
    await dialog.getByLabel('First user', { exact: true }).fill('alice');
    await dialog.getByLabel('Password', { exact: true }).fill(PASSWORD);
    // With no engine answering, the docker-registry process is what the core offers.
    expect(await dialog.getByLabel('Runs as').inputValue()).toBe('process');
    await dialog.getByText('More options').click();
    await dialog.getByLabel('Listen on', { exact: true }).fill('127.0.0.1');
    await shoot('server-create-form');
    await dialog.getByRole('button', { name: 'Create and start' }).click();

    const created = page.getByRole('dialog', { name: 'shelf is set up' });
    await created
      .getByText(/Saved as the connection shelf: Berth trusts its CA, and alice’s password/)
      .waitFor({ timeout: WORK_WAIT_MS });
    expect(await created.getByRole('status').first().textContent()).toContain(`running at ${registryUrl()}`);
    const docker = created.getByRole('region', { name: 'Trust' });
    // 127.0.0.0/8 is an insecure registry to Docker: it needs nothing, and nothing is offered to write.
    await docker
      .getByText(
        new RegExp(
          `Docker on this machine reaches 127\\.0\\.0\\.1:${port} as it is: .*Nothing needs to change`,
        ),
      )
      .waitFor();
    expect(await docker.getByRole('button').count()).toBe(0);
    await shoot('server-created');
    await created.getByRole('button', { name: 'Done' }).click();

    await expect.poll(() => card().textContent(), { timeout: WORK_WAIT_MS }).toMatch(/running/);
    expect(await card().textContent()).toContain(registryUrl());
    expect(await card().textContent()).toContain('alice');
    // Saved as a connection: the sidebar lists it.
    await page
      .getByRole('navigation', { name: 'Connections' })
      .getByRole('button', { name: /shelf/ })
      .waitFor();
    expect(await v2Status('alice', PASSWORD)).toBe(200);
    expect(await v2Status('alice', 'wrong-password')).toBe(401);
    await shoot('servers');
  });

  it('refuses a second registry of the same name, saying so in the form', async () => {
    await openShelf('running');
    await page.getByRole('button', { name: 'New registry' }).click();
    const dialog = page.getByRole('dialog', { name: 'New registry' });
    expect(await dialog.getByLabel('Name', { exact: true }).inputValue()).toBe('registry');
    await dialog.getByLabel('Name', { exact: true }).fill('shelf');
    await dialog.getByLabel('Password', { exact: true }).fill('another-pass-5');
    await dialog.getByRole('button', { name: 'Create and start' }).click();
    expect(await dialog.getByRole('alert').textContent()).toMatch(/you already have a registry named shelf/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('adds a user (the registry restarts to read it), changes their password and removes them', async () => {
    await openShelf('running');
    await card().getByRole('button', { name: 'Users…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Users of shelf' });
    await dialog.getByText(/Berth restarts a running registry/).waitFor();
    await dialog.getByLabel('New user', { exact: true }).fill('bob');
    await dialog.getByLabel('Password', { exact: true }).fill(BOB_PASSWORD);
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await dialog
      .getByText('bob added; shelf restarted to read its users again.')
      .waitFor({ timeout: WORK_WAIT_MS });
    await shoot('server-users');
    expect(await v2Status('bob', BOB_PASSWORD)).toBe(200);

    await dialog.getByRole('button', { name: 'Change bob’s password' }).click();
    await dialog.getByLabel('New password for bob').fill(BOB_NEW_PASSWORD);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog
      .getByText('bob’s password changed; shelf restarted to read its users again.')
      .waitFor({ timeout: WORK_WAIT_MS });
    expect(await v2Status('bob', BOB_NEW_PASSWORD)).toBe(200);
    expect(await v2Status('bob', BOB_PASSWORD)).toBe(401);

    await dialog.getByRole('button', { name: 'Remove bob' }).click();
    await dialog
      .getByText('bob removed; shelf restarted to read its users again.')
      .waitFor({ timeout: WORK_WAIT_MS });
    expect(await v2Status('bob', BOB_NEW_PASSWORD)).toBe(401);
    await dialog.getByRole('button', { name: 'Remove alice' }).click();
    expect(await dialog.getByRole('alert').textContent()).toMatch(/alice is shelf's last user/);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('pushes an image, deletes it, and collects garbage: dry run first, then bytes reclaimed', async () => {
    await openShelf('running');
    const dispatcher = await caAgent();
    const shelf = {
      url: registryUrl(),
      host: `127.0.0.1:${port}`,
      dispatcher,
      authorizationFor: async () => basic('alice', PASSWORD),
    } as unknown as RegistryHandle;
    pushed = await pushImage(shelf, 'team/app', '1.0', { layers: 2, layerSize: 256 * 1024 });
    const deleted = await request(`${registryUrl()}/v2/team/app/manifests/${pushed.digest}`, {
      method: 'DELETE',
      headers: { authorization: basic('alice', PASSWORD) },
      dispatcher,
    });
    await deleted.body.dump();
    expect(deleted.statusCode).toBe(202);
    const blobsDir = path.join(
      dataDir,
      'servers',
      'shelf',
      'data',
      'docker',
      'registry',
      'v2',
      'blobs',
      'sha256',
    );
    const layerData = (digest: string) => path.join(blobsDir, digest.slice(7, 9), digest.slice(7), 'data');
    expect(existsSync(layerData(pushed.layerDigests[0]!))).toBe(true);

    await card().getByRole('button', { name: 'Collect garbage…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Collect garbage in shelf' });
    expect(await dialog.getByRole('button', { name: 'Collect garbage' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Dry run' }).click();
    const dryRun = dialog.getByRole('region', { name: 'Dry run' });
    await dryRun.getByRole('status').waitFor({ timeout: WORK_WAIT_MS });
    // The manifest, its config and two layers: four stored files (blobs) nothing refers to any more.
    expect(await dryRun.getByRole('status').textContent()).toMatch(
      /^4 unused files \(layers, configs, image descriptions\) and 0 untagged images would be deleted/,
    );
    expect(existsSync(layerData(pushed.layerDigests[0]!))).toBe(true);

    await dialog.getByRole('button', { name: 'Collect garbage' }).click();
    const result = dialog.getByRole('region', { name: 'Result' });
    await result.getByRole('status').waitFor({ timeout: WORK_WAIT_MS });
    const text = (await result.getByRole('status').textContent()) ?? '';
    const reclaimed = /^Reclaimed ([\d.]+) (B|KB|MB|KiB|MiB)/.exec(text);
    expect(reclaimed, text).not.toBeNull();
    expect(Number(reclaimed![1])).toBeGreaterThan(0);
    for (const digest of pushed.layerDigests) expect(existsSync(layerData(digest))).toBe(false);
    await dialog
      .getByText('shelf served pulls read-only during the collection and takes pushes again.')
      .waitFor();
    await shoot('server-gc-result');
    console.log(`garbage collection: ${text}`);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => card().textContent(), { timeout: WORK_WAIT_MS }).toMatch(/running/);
    expect(await v2Status('alice', PASSWORD)).toBe(200);
  });

  it('explains, from the card, which way Docker needs to trust it', async () => {
    await openShelf('running');
    await card().getByRole('button', { name: 'Trust in Docker…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Make Docker trust shelf' });
    await dialog.getByText(new RegExp(`reaches 127\\.0\\.0\\.1:${port} as it is`)).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('shows the disk use of its storage on the card, and counts it again after a push', async () => {
    await openShelf('running');
    const readDiskUse = async () => (await card().locator('dt:text-is("Disk use") + dd').textContent()) ?? '';
    await expect.poll(readDiskUse, { timeout: WORK_WAIT_MS }).not.toMatch(/counting/);
    const before = await readDiskUse();
    const shelf = {
      url: registryUrl(),
      host: `127.0.0.1:${port}`,
      dispatcher: await caAgent(),
      authorizationFor: async () => basic('alice', PASSWORD),
    } as unknown as RegistryHandle;
    await pushImage(shelf, 'team/disk', '1', { layers: 1, layerSize: 1024 * 1024 });
    await page.reload();
    await openYourRegistries();
    await expect.poll(readDiskUse, { timeout: WORK_WAIT_MS }).toMatch(/^\d+(\.\d+)? (KB|MB)$/);
    const after = await readDiskUse();
    expect(after).not.toBe(before);
    // At least the megabyte layer just pushed.
    expect(after).toMatch(/MB$/);
    await shoot('server-card-disk-use');
    await screenshotAt(page, 'server-card-disk-use', 1024, 700);
  });

  it('shows the tail of the registry log, follows new lines and narrows it to a search', async () => {
    await openShelf('running');
    await card().getByRole('button', { name: 'Logs…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Logs of shelf' });
    const log = dialog.getByLabel('Log', { exact: true });
    await log.waitFor();
    expect(await log.textContent()).toMatch(new RegExp(`listening on 127\\.0\\.0\\.1:${port}`));

    // A request made while the dialog is open shows up in it without pressing anything.
    const marker = `/v2/follow-${Date.now()}/tags/list`;
    const response = await request(`${registryUrl()}${marker}`, { dispatcher: await caAgent() });
    await response.body.dump();
    await expect
      .poll(async () => (await log.textContent()) ?? '', { timeout: WORK_WAIT_MS })
      .toContain(marker);
    await shoot('server-logs');
    await screenshotAt(page, 'server-logs', 1024, 700);

    const lineCount = async () => ((await log.textContent()) ?? '').trimEnd().split('\n').length;
    const all = await lineCount();
    await dialog.getByRole('searchbox', { name: 'Search the log' }).fill('LISTENING ON');
    await expect.poll(lineCount, { timeout: UI_WAIT_MS }).toBeLessThan(all);
    expect(await log.textContent()).toMatch(/listening on/);
    const marks = await log.locator('mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((mark) => mark.toLowerCase() === 'listening on')).toBe(true);
    expect(await dialog.getByText(/^\d+ of \d+ lines match$/).isVisible()).toBe(true);
    await shoot('server-logs-search');

    await dialog.getByRole('searchbox', { name: 'Search the log' }).fill('no-such-words-anywhere');
    await dialog.getByText('No line contains “no-such-words-anywhere”.').waitFor();
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await dialog.waitFor({ state: 'detached' });
  });
});

describe('the Diagnose panel', { timeout: E2E_TEST_MS }, () => {
  it('from a connection error, finds nothing listening: the first broken step is TCP, with its fix', async () => {
    await openShelf('running');
    await card().getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => card().textContent(), { timeout: WORK_WAIT_MS }).toMatch(/stopped/);
    await page
      .getByRole('navigation', { name: 'Connections' })
      .getByRole('button', { name: /shelf/ })
      .click();
    const repositories = page.getByRole('region', { name: 'Repositories' });
    await repositories.getByRole('alert').waitFor({ timeout: WORK_WAIT_MS });
    expect(await repositories.getByRole('alert').getAttribute('data-code')).toBe('NETWORK');
    await repositories.getByRole('button', { name: 'Diagnose' }).click();

    const panel = page.getByRole('dialog', { name: `Diagnose 127.0.0.1:${port}` });
    await panel.getByText('First broken step: TCP connects.').waitFor({ timeout: WORK_WAIT_MS });
    const steps = panel.getByRole('list', { name: 'Steps' });
    expect(await steps.getByRole('listitem', { name: 'Name resolves: passed' }).count()).toBe(1);
    const tcp = steps.getByRole('listitem', { name: 'TCP connects: failed' });
    expect(await tcp.textContent()).toMatch(
      /connection refused.*Nothing listens on port \d+: start the registry/,
    );
    expect(await steps.getByRole('listitem', { name: 'TLS: skipped' }).count()).toBe(1);
    await shoot('diagnose-tcp');
    await panel.getByRole('button', { name: 'Close' }).last().click();
    await panel.waitFor({ state: 'detached' });
  });

  it('opens over the add-connection dialog from its error, and closes back to it', async () => {
    const closed = await freePort();
    await page.getByRole('button', { name: 'Add connection' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add connection' });
    await dialog.getByLabel('Registry URL', { exact: true }).fill(`127.0.0.1:${closed}`);
    await dialog.getByRole('button', { name: 'Test' }).click();
    await dialog.getByRole('alert').waitFor({ timeout: WORK_WAIT_MS });
    await dialog.getByRole('button', { name: 'Diagnose' }).click();
    const panel = page.getByRole('dialog', { name: `Diagnose 127.0.0.1:${closed}` });
    await panel.getByText('First broken step: TCP connects.').waitFor({ timeout: WORK_WAIT_MS });
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await dialog.getByLabel('Registry URL', { exact: true }).inputValue()).toBe(`127.0.0.1:${closed}`);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('a TLS registry with an unknown CA: trusting it is one click, and the next run passes', async () => {
    // A connection saved with the registry's CA, whose CA file later holds another CA (a rotated file).
    const caFile = path.join(root, 'other-ca.crt');
    await copyFile(other.caFile!, caFile);
    const added = await host.call('connections.add', {
      name: 'other',
      url: `https://${other.host}`,
      tls: { caFile },
    });
    expect(added.body.ok).toBe(true);
    const stranger = await makeCA(path.join(root, 'stranger'), { commonName: 'Someone Else CA' });
    await copyFile(stranger.certFile, caFile);
    await page.reload();

    await page
      .getByRole('navigation', { name: 'Connections' })
      .getByRole('button', { name: /other/ })
      .click();
    const repositories = page.getByRole('region', { name: 'Repositories' });
    await repositories.getByRole('alert').waitFor({ timeout: WORK_WAIT_MS });
    expect(await repositories.getByRole('alert').getAttribute('data-code')).toBe('TLS');
    await repositories.getByRole('button', { name: 'Diagnose' }).click();

    const panel = page.getByRole('dialog', { name: `Diagnose ${other.host}` });
    await panel.getByText('First broken step: TLS.').waitFor({ timeout: WORK_WAIT_MS });
    const tls = panel.getByRole('listitem', { name: 'TLS: failed' });
    expect(await tls.textContent()).toMatch(/certificate signed by an unknown authority/);
    await shoot('diagnose-unknown-ca');
    // The page names a fix; what it writes and trusts comes from the core's own diagnosis.
    for (const forged of [
      { text: 'x', action: 'install-certs-d', value: path.join(root, 'elsewhere') },
      { text: 'x', action: 'trust-ca', value: stranger.certPem },
    ]) {
      const refused = await host.call('doctor.applyFix', {
        host: other.host,
        connection: 'other',
        fix: forged,
      });
      expect(refused.body.error?.message).toMatch(/no longer offers this fix/);
    }
    expect(existsSync(path.join(root, 'elsewhere'))).toBe(false);
    expect(await readFile(caFile, 'utf8')).toBe(stranger.certPem);
    await tls.getByRole('button', { name: 'Trust this certificate' }).click();
    await tls.getByText(/"other" now trusts/).waitFor();
    // The core ran the diagnosis again right after the fix: the row says what it found.
    await tls.getByText(/Checked again: this step now passes\./).waitFor();
    await panel.getByRole('button', { name: 'Run again' }).click();
    await panel
      .getByText(`No broken step: https://${other.host} answers as a registry.`)
      .waitFor({ timeout: WORK_WAIT_MS });
    expect(await panel.getByRole('listitem', { name: 'TLS: passed' }).count()).toBe(1);
    await shoot('diagnose-passed');
    await panel.getByRole('button', { name: 'Close' }).last().click();
    await panel.waitFor({ state: 'detached' });
  });
  it('a password changed on the registry: Log in… opens the connection, and the run after saving passes', async () => {
    const locked = await startRegistry({ auth: 'htpasswd', users: { alice: 'old-pass-31' } });
    try {
      const added = await host.call('connections.add', {
        name: 'locked',
        url: `http://${locked.host}`,
        username: 'alice',
        secret: 'old-pass-31',
      });
      expect(added.body.ok).toBe(true);
      await locked.restart({ users: { alice: 'new-pass-32' } });
      await page.reload();

      await page
        .getByRole('navigation', { name: 'Connections' })
        .getByRole('button', { name: /locked/ })
        .click();
      const repositories = page.getByRole('region', { name: 'Repositories' });
      await repositories.getByRole('alert').waitFor({ timeout: WORK_WAIT_MS });
      await repositories.getByRole('button', { name: 'Diagnose' }).click();
      const panel = page.getByRole('dialog', { name: `Diagnose ${locked.host}` });
      await panel.getByText('First broken step: Saved credential works.').waitFor({ timeout: WORK_WAIT_MS });
      const credential = panel.getByRole('listitem', { name: 'Saved credential works: failed' });
      expect(await credential.textContent()).toMatch(/alice was refused/);
      await credential.getByRole('button', { name: 'Log in…' }).click();

      const edit = page.getByRole('dialog', { name: 'Edit connection locked' });
      expect(await edit.getByLabel('Username', { exact: true }).inputValue()).toBe('alice');
      await edit.getByLabel('Password', { exact: true }).fill('new-pass-32');
      await shoot('diagnose-log-in');
      await edit.getByRole('button', { name: 'Save' }).click();
      await edit.waitFor({ state: 'detached' });
      // Saving runs the diagnosis again by itself.
      await panel
        .getByText(`No broken step: http://${locked.host} answers as a registry.`)
        .waitFor({ timeout: WORK_WAIT_MS });
      expect(await panel.getByRole('listitem', { name: 'Saved credential works: passed' }).count()).toBe(1);
      await panel.getByRole('button', { name: 'Run again' }).click();
      await panel
        .getByText(`No broken step: http://${locked.host} answers as a registry.`)
        .waitFor({ timeout: WORK_WAIT_MS });
      await panel.getByRole('button', { name: 'Close' }).last().click();
      await panel.waitFor({ state: 'detached' });
    } finally {
      await locked.stop();
    }
  });
});

describe('a registry whose server.json is corrupt', { timeout: E2E_TEST_MS }, () => {
  it('is shown with why and where, and removed from its card', async () => {
    const folder = path.join(dataDir, 'servers', 'broken');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'server.json'), '{"name": "broken",');
    await page.reload();
    await page
      .getByRole('list', { name: 'Sections' })
      .getByRole('button', { name: 'Your registries' })
      .click();
    const broken = page.getByRole('article', { name: 'broken' });
    await broken.getByText(/Berth cannot read this registry: .*server\.json cannot be read/).waitFor();
    // Its next step names the card's button, not the command line's `berth server rm`.
    const why = await broken.getByText(/Berth cannot read this registry/).innerText();
    expect(why).toContain('remove broken with Remove… on its card');
    expect(why).not.toMatch(/berth /);
    await shoot('servers-unreadable');
    await broken.getByRole('button', { name: 'Remove…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove broken?' });
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await dialog.waitFor({ state: 'detached' });
    await broken.waitFor({ state: 'detached' });
    // It had no data/ folder to keep, so nothing of it stays.
    expect(existsSync(folder)).toBe(false);
  });
});

describe('removing a registry', { timeout: E2E_TEST_MS }, () => {
  it('stops it and forgets its connection; the page says its images stay', async () => {
    await openShelf('stopped');
    await card().getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => card().textContent(), { timeout: WORK_WAIT_MS }).toMatch(/running/);
    await card().getByRole('button', { name: 'Remove…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove shelf?' });
    await dialog.getByText(/The stored images stay in/).waitFor();
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('No registry of your own yet.').waitFor();
    await expect
      .poll(
        () =>
          page
            .getByRole('navigation', { name: 'Connections' })
            .getByRole('button', { name: /shelf/ })
            .count(),
        { timeout: WORK_WAIT_MS },
      )
      .toBe(0);
    await expect
      .poll(
        () =>
          request(`${registryUrl()}/v2/`).then(
            () => 'answers',
            () => 'gone',
          ),
        { timeout: WORK_WAIT_MS },
      )
      .toBe('gone');
  });
});
