// The Storage page's Usage tab end to end: the real browser host runs a registry of the user's own
// (docker-registry as a child process) holding repositories that share a layer, a multi-platform image and
// an untagged image; Chromium scans it, reads the chart, drills into a repository's tags and sees the job
// in Transfers. The registry is stopped in teardown.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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
import { sendJson, startHostileRegistry, type HostileRegistry } from '../fixtures/hostile-registry.js';
import { showTags } from '../fixtures/explorer-page.js';
import { pushImage, pushIndex } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { freePort, makeTempDir, removeDir } from '../fixtures/process.js';
import type { RegistryHandle } from '../fixtures/registry.js';

let keyring: KeyringHandle;
let root: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let registryHost: string;
let stalling: HostileRegistry;

beforeAll(async () => {
  root = await makeTempDir('storage-e2e');
  const port = await freePort();
  keyring = await startKeyring();
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: path.join(root, 'data'),
      BERTH_KEYCHAIN_SERVICE: `BerthTest-storage-${randomUUID()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
      DOCKER_HOST: `unix://${path.join(root, 'no-engine.sock')}`,
    }),
  );
  await host.logIn();
  const created = await host.call('servers.create', {
    name: 'shelf',
    port,
    bind: '127.0.0.1',
    tls: { mode: 'none' },
    runtime: 'process',
  });
  expect(created.body.ok, JSON.stringify(created.body.error)).toBe(true);
  registryHost = `127.0.0.1:${port}`;
  const own = {
    host: registryHost,
    url: `http://${registryHost}`,
    dispatcher: new Agent(),
    authorizationFor: async () => undefined,
  } as unknown as RegistryHandle;
  const shared = { layers: 3, layerSize: 96 * 1024, sharedLayers: 1 };
  await pushImage(own, 'team/app', '1.0', { seed: 'app-1', ...shared });
  await pushImage(own, 'team/app', '1.1', { seed: 'app-2', ...shared });
  await pushImage(own, 'team/api', '2.0', {
    seed: 'app-1',
    ...shared,
    layers: 2,
    platform: { os: 'linux', architecture: 'arm64' },
  });
  await pushImage(own, 'tools/lint', 'latest', { seed: 'lint', layers: 1, layerSize: 16 * 1024 });
  await pushIndex(own, 'team/multi', 'latest', {
    format: 'oci',
    seed: 'multi',
    layers: 2,
    layerSize: 48 * 1024,
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64' },
    ],
  });
  await pushImage(own, 'team/app', undefined, { seed: 'orphan', layers: 1, layerSize: 64 * 1024 });
  // A registry whose images never answer: the scan stays under way until it is cancelled.
  stalling = await startHostileRegistry([
    {
      method: 'GET',
      path: '/v2/_catalog',
      handler: (_request, response) =>
        sendJson(response, 200, { repositories: Array.from({ length: 12 }, (_, index) => `slow/r${index}`) }),
    },
    {
      method: 'GET',
      path: /^\/v2\/.+\/tags\/list$/,
      handler: (_request, response) => sendJson(response, 200, { name: 'x', tags: ['1'] }),
    },
    { method: 'GET', path: /^\/v2\/.+\/manifests\/.+$/, handler: () => new Promise(() => undefined) },
  ]);
  const added = await host.call('connections.add', { name: 'stalling', url: `http://${stalling.host}` });
  expect(added.body.ok, JSON.stringify(added.body.error)).toBe(true);
  browser = await launchChromium();
}, E2E_SETUP_MS);

beforeEach(async () => {
  ({ context, page } = await openPage(browser, { timeoutMs: UI_WAIT_MS, url: host.url }));
  await page.setViewportSize({ width: 1440, height: 900 });
});

afterEach(async () => {
  await context?.close();
});

afterAll(async () => {
  await browser?.close();
  await host?.call('servers.stop', { name: 'shelf' }).catch(() => undefined);
  await host?.stop();
  await stalling?.stop();
  await keyring?.stop();
  if (root) await removeDir(root);
}, E2E_SETUP_MS);

describe('Storage → Usage', () => {
  it(
    'scans a registry of your own, charts its repositories and drills into one',
    async () => {
      await page.getByRole('list', { name: 'Sections' }).getByRole('button', { name: 'Storage' }).click();
      const panel = page.getByRole('tabpanel', { name: 'Usage' });
      await panel.getByRole('combobox', { name: 'Registry' }).selectOption('shelf');
      await panel.getByRole('button', { name: 'Scan' }).click();

      const chart = panel.getByRole('list', { name: 'Repositories by size' });
      await chart.waitFor({ timeout: WORK_WAIT_MS });
      const bars = chart.getByRole('button');
      await expect.poll(() => bars.count(), { timeout: UI_WAIT_MS }).toBe(4);
      // Largest first; app and api share their first layer, so both show shared bytes.
      expect(await bars.first().getAttribute('aria-label')).toMatch(
        /^team\/app: .* KB, .* KB shared, 2 tags$/,
      );
      expect(await chart.getByRole('button', { name: /^team\/api: .*, \d.* KB shared/ }).count()).toBe(1);
      expect(await chart.getByRole('button', { name: /^tools\/lint: .*, 0 B shared/ }).count()).toBe(1);

      const figures = panel.getByRole('region', { name: 'Storage figures' });
      await expect.poll(() => figures.textContent(), { timeout: UI_WAIT_MS }).toMatch(/On disk/);
      expect(await figures.textContent()).toMatch(/A clean-up would free0 B/);
      expect(await figures.textContent()).toMatch(/when untagged images go too/);
      const untagged = panel.getByRole('table', { name: 'Untagged images' });
      expect(await untagged.getByRole('row').count()).toBe(2);
      expect(await untagged.getByRole('cell', { name: 'team/app' }).count()).toBe(1);
      expect(await panel.getByRole('table', { name: 'Largest images' }).getByRole('row').count()).toBe(6);
      await screenshotBothSchemes(page, 'storage-usage');

      await chart.getByRole('button', { name: /^team\/app:/ }).click();
      const tags = panel.getByRole('table', { name: 'Tags of team/app' });
      await tags.waitFor({ timeout: UI_WAIT_MS });
      expect(await tags.getByRole('cell', { name: '1.0', exact: true }).count()).toBe(1);
      expect(await tags.getByRole('cell', { name: '1.1', exact: true }).count()).toBe(1);
      await tags.scrollIntoViewIfNeeded();
      await screenshotBothSchemes(page, 'storage-usage-tags');
      await screenshotAt(page, 'storage-usage-tags', 1024, 700);

      // The scan is a job like any other: Transfers lists it under the connection's name.
      await page
        .getByRole('list', { name: 'Sections' })
        .getByRole('button', { name: /^Transfers/ })
        .click();
      const card = page.getByRole('listitem', { name: /^Done: storage of / });
      await card.waitFor({ timeout: UI_WAIT_MS });
      expect(await card.textContent()).toMatch(/4 of 4 repositories counted/);
      expect(await card.getByText('shelf', { exact: true }).count()).toBe(1);
      await card.getByRole('button', { name: 'Details' }).click();
      await screenshotBothSchemes(page, 'storage-transfers');

      // From the explorer: Storage… on a repository opens the Usage tab for it.
      await page
        .getByRole('navigation', { name: 'Connections' })
        .getByRole('button', { name: /^shelf\b/ })
        .click();
      await showTags(page, 'team/api', '2.0');
      await page.getByRole('button', { name: 'More actions for team/api' }).click();
      await page.getByRole('menuitem', { name: 'Storage of team/api' }).click();
      const usage = page.getByRole('tabpanel', { name: 'Usage' });
      expect(await usage.getByRole('textbox', { name: 'Repository (optional)' }).inputValue()).toBe(
        'team/api',
      );
      await usage.getByRole('button', { name: 'Scan' }).click();
      const apiTags = usage.getByRole('table', { name: 'Tags of team/api' });
      await apiTags.waitFor({ timeout: WORK_WAIT_MS });
      expect(await apiTags.getByRole('cell', { name: '2.0', exact: true }).count()).toBe(1);
      expect(await usage.textContent()).toMatch(/Storage of shelf\/team\/api/);
      await screenshotBothSchemes(page, 'storage-usage-repository');
    },
    E2E_TEST_MS,
  );

  it(
    'shows a scan under way and cancels it',
    async () => {
      await page.getByRole('list', { name: 'Sections' }).getByRole('button', { name: 'Storage' }).click();
      const panel = page.getByRole('tabpanel', { name: 'Usage' });
      await panel.getByRole('combobox', { name: 'Registry' }).selectOption('stalling');
      await panel.getByRole('button', { name: 'Scan' }).click();
      await panel
        .getByRole('progressbar', { name: 'Storage scan of stalling' })
        .waitFor({ timeout: WORK_WAIT_MS });
      await expect
        .poll(() => panel.textContent(), { timeout: UI_WAIT_MS })
        .toMatch(/Counted 0 of 12 repositories/);
      expect(await panel.getByRole('button', { name: 'Scanning…' }).isDisabled()).toBe(true);
      await screenshotBothSchemes(page, 'storage-usage-scanning');
      await panel.getByRole('button', { name: 'Cancel scan' }).click();
      await panel.getByText('The scan of stalling was cancelled.').waitFor({ timeout: WORK_WAIT_MS });
      expect(await panel.getByRole('button', { name: 'Scan' }).isEnabled()).toBe(true);
    },
    E2E_TEST_MS,
  );
});
