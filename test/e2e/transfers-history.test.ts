// The Transfers page after a day of use: times on every card, saved connections' names instead of
// host:port, Clear finished, Retry in the failed card's place, an empty bar for a failed job that moved
// nothing, and the history shown again after the host restarts on the same data folder. The real host
// in front of two real docker-registry instances, driven through Debian's Chromium by role and label;
// "staging" is the source seen through the fault proxy, which can hold a layer's download until the
// test lets it go (a copy caught running without any timing).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
import {
  E2E_SETUP_MS,
  E2E_TEST_MS,
  launchChromium,
  openPage,
  screenshotAt,
  screenshotBothSchemes,
  UI_WAIT_MS,
  WORK_WAIT_MS,
} from '../fixtures/chromium.js';
import { startFaultProxy, type FaultProxy } from '../fixtures/fault-proxy.js';
import { pushImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let keyring: KeyringHandle;
let source: RegistryHandle;
let destination: RegistryHandle;
let proxy: FaultProxy;
let root: string;
let env: NodeJS.ProcessEnv;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext | undefined;
let page: Page;
/** Layer digest → the promise its download waits on; released at the end at the latest. */
const held = new Map<string, { opened: Promise<void>; release: () => void }>();

beforeAll(async () => {
  root = await makeTempDir('e2e-transfers-history');
  [keyring, source, destination] = await Promise.all([startKeyring(), startRegistry(), startRegistry()]);
  proxy = await startFaultProxy(source, {
    onRequest: async (request) => {
      const digest = /\/blobs\/(sha256:[0-9a-f]{64})$/.exec(request.path)?.[1];
      if (request.method === 'GET' && digest) await held.get(digest)?.opened;
      return undefined;
    },
  });
  env = keyring.env({
    BERTH_DATA_DIR: path.join(root, 'data'),
    BERTH_KEYCHAIN_SERVICE: `BerthTest-transfers-history-${randomUUID()}`,
    BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
  });
  host = await BerthHost.start(env);
  await host.logIn();
  for (const [name, registry] of [
    ['staging', proxy],
    ['production', destination],
  ] as const) {
    const added = await host.call('connections.add', {
      name,
      url: `http://${registry.host}`,
      insecureHttp: true,
    });
    expect(added.body).toMatchObject({ ok: true });
  }
  browser = await launchChromium();
}, E2E_SETUP_MS);

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  for (const { release } of held.values()) release();
  await browser?.close();
  await host?.stop();
  await proxy?.stop();
  await Promise.all([source?.stop(), destination?.stop()]);
  await keyring?.stop();
  if (root) await removeDir(root);
});

async function openTransfers(): Promise<void> {
  ({ context, page } = await openPage(browser, { timeoutMs: UI_WAIT_MS, url: host.url }));
  await page
    .getByRole('list', { name: 'Sections' })
    .getByRole('button', { name: /^Transfers/ })
    .click();
  await page.getByRole('heading', { name: 'Transfers' }).waitFor();
}

/** Starts a copy of `repository:tag` from staging to production; answers the job's id. */
async function startCopy(repository: string, tag: string): Promise<string> {
  const started = await host.call<{ id: string }>('jobs.start', {
    kind: 'copy',
    source: { connection: 'staging', repository, reference: tag },
    destination: { connection: 'production', repository, reference: tag },
  });
  expect(started.body).toMatchObject({ ok: true });
  return started.body.value.id;
}

/** An image in the source whose layer download waits until `release()`. */
async function heldImage(repository: string) {
  const image = await pushImage(source, repository, '1.0', { layers: 1 });
  let release!: () => void;
  const opened = new Promise<void>((resolve) => (release = resolve));
  held.set(image.layers[0]!.digest, { opened, release });
  return { image, release };
}

/** Every card whose title names `image`. */
function cards(image: string): Locator {
  return page.getByRole('list', { name: 'Transfers' }).getByRole('listitem', { name: new RegExp(image) });
}

async function waitForLabel(card: Locator, label: RegExp): Promise<void> {
  await expect.poll(() => card.getAttribute('aria-label'), { timeout: WORK_WAIT_MS }).toMatch(label);
}

describe('the Transfers page', () => {
  it(
    "shows when a finished copy started and finished, with the exact time in a tooltip, and the connections' names",
    async () => {
      await pushImage(source, 'team/timed', '1.0');
      await startCopy('team/timed', '1.0');
      await openTransfers();
      const card = cards('team/timed:1\\.0').first();
      await waitForLabel(card, /^Done: /);
      const started = card.getByText(/^started /);
      await expect.poll(() => started.textContent(), { timeout: UI_WAIT_MS }).toMatch(/^started just now$/);
      expect(await card.getByText(/^finished /).textContent()).toMatch(/^finished just now$/);
      expect(await card.getByText(/^took /).textContent()).toMatch(/^took \d+ (ms|s)$/);
      const exact = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;
      expect(await started.locator('time').getAttribute('title')).toMatch(exact);
      // The registries by their saved names; host:port only in the tooltip.
      const title = card.getByTitle(`${proxy.host}/team/timed:1.0`);
      expect(await title.textContent()).toBe('staging team/timed:1.0');
      expect(await card.getByTitle(`${destination.host}/team/timed:1.0`).textContent()).toBe(
        'production team/timed:1.0',
      );
      expect(await card.getByText(proxy.host).count()).toBe(0);
    },
    E2E_TEST_MS,
  );

  it(
    'shows a failed copy that moved nothing with an empty bar, not a full red one',
    async () => {
      await startCopy('team/absent', '1.0');
      await openTransfers();
      const card = cards('team/absent:1\\.0').first();
      await waitForLabel(card, /^Failed: /);
      const bar = card.getByRole('progressbar', { name: /^Progress of/ });
      expect(await bar.getAttribute('aria-valuenow')).toBe('0');
      expect(await card.getByText('nothing moved').count()).toBe(1);
      expect(await card.getByText(/0 B of 0 B/).count()).toBe(0);
      // Its error in words: the connection's name, the app's next step, no code and no CLI command.
      const said = await card.getByRole('alert').innerText();
      expect(said).toMatch(/^staging: no such tag or image/);
      expect(said).toContain('Check the tag or digest: the repository lists the tags it has.');
      expect(said).not.toMatch(/NOT_FOUND|berth |127\.0\.0\.1/);
      await card.getByRole('button', { name: 'Retry' }).waitFor();
    },
    E2E_TEST_MS,
  );

  it(
    "puts a retry in the failed card's place: one card, and it finishes",
    async () => {
      await startCopy('team/late', '1.0');
      await openTransfers();
      const card = cards('team/late:1\\.0');
      await waitForLabel(card.first(), /^Failed: /);
      // The tag the copy missed arrives; the retry finds it.
      await pushImage(source, 'team/late', '1.0');
      await card.first().getByRole('button', { name: 'Retry' }).click();
      await waitForLabel(card.first(), /^Done: /);
      await expect.poll(() => card.count(), { timeout: UI_WAIT_MS }).toBe(1);
      // A new window lists what the core lists: still one.
      await context?.close();
      await openTransfers();
      const again = cards('team/late:1\\.0');
      await waitForLabel(again.first(), /^Done: /);
      expect(await again.count()).toBe(1);
    },
    E2E_TEST_MS,
  );

  it(
    'clears finished and failed jobs and keeps the running one',
    async () => {
      const { release } = await heldImage('team/clearing');
      await pushImage(source, 'team/cleared', '1.0');
      await startCopy('team/cleared', '1.0');
      await startCopy('team/never', '1.0');
      const running = await startCopy('team/clearing', '1.0');
      await openTransfers();
      await waitForLabel(cards('team/cleared:1\\.0').first(), /^Done: /);
      await waitForLabel(cards('team/never:1\\.0').first(), /^Failed: /);
      await page.getByRole('button', { name: 'Clear finished' }).click();
      const list = () =>
        page.getByRole('list', { name: 'Transfers' }).getByRole('listitem', { name: /^\w+: / });
      await expect.poll(() => list().count(), { timeout: UI_WAIT_MS }).toBe(1);
      expect(await list().first().getAttribute('aria-label')).toMatch(/^Running: .*team\/clearing:1\.0$/);
      expect(await page.getByRole('button', { name: 'Clear finished' }).isDisabled()).toBe(true);
      // Cleared in the core too: a new window does not bring them back.
      await context?.close();
      await openTransfers();
      await waitForLabel(cards('team/clearing:1\\.0').first(), /^Running: /);
      expect(await list().count()).toBe(1);
      release();
      await host.call('jobs.cancel', { id: running });
    },
    E2E_TEST_MS,
  );

  it(
    'shows the history again after the host restarts, with the copy it cut off as interrupted',
    async () => {
      await host.call('jobs.clear', {});
      const { release } = await heldImage('team/cutoff');
      await pushImage(source, 'team/kept', '1.0', { layers: 2 });
      await startCopy('team/kept', '1.0');
      await startCopy('team/missing', '1.0');
      await startCopy('team/cutoff', '1.0');
      await openTransfers();
      await waitForLabel(cards('team/kept:1\\.0').first(), /^Done: /);
      await waitForLabel(cards('team/missing:1\\.0').first(), /^Failed: /);
      await context?.close();
      context = undefined;

      await host.stop();
      release();
      host = await BerthHost.start(env);
      await host.logIn();
      const { release: releaseLater } = await heldImage('team/after');
      await startCopy('team/after', '1.0');
      await openTransfers();
      await waitForLabel(cards('team/kept:1\\.0').first(), /^Done: /);
      await waitForLabel(cards('team/missing:1\\.0').first(), /^Failed: /);
      const cut = cards('team/cutoff:1\\.0').first();
      await waitForLabel(cut, /^Interrupted: /);
      await cut.getByText(/Berth stopped while this job was running/).waitFor();
      // Its input went with the old session: no Retry that could only fail.
      expect(await cut.getByRole('button', { name: 'Retry' }).count()).toBe(0);
      expect(
        await cards('team/kept:1\\.0')
          .first()
          .getByText(/^finished /)
          .count(),
      ).toBe(1);
      await waitForLabel(cards('team/after:1\\.0').first(), /^Running: /);

      await screenshotBothSchemes(page, 'transfers-history');
      await screenshotAt(page, 'transfers-history', 1024, 700);
      await page.emulateMedia({ colorScheme: 'dark' });
      await screenshotAt(page, 'transfers-history-dark', 1024, 700);
      await page.emulateMedia({ colorScheme: 'light' });
      releaseLater();
    },
    E2E_TEST_MS,
  );
});
