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
let own: RegistryHandle;

const SMALL_MANIFEST = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: `sha256:${'a'.repeat(64)}`,
      size: 2,
    },
    layers: [],
  }),
);

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
  own = {
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
    // slow/r0 has 1,000 tags, of which the first 100 images answer: its line counts them.
    {
      method: 'GET',
      path: '/v2/slow/r0/tags/list',
      handler: (_request, response) =>
        sendJson(response, 200, {
          name: 'slow/r0',
          tags: Array.from({ length: 1000 }, (_, index) => `b${index}`),
        }),
    },
    {
      method: 'GET',
      path: /^\/v2\/.+\/tags\/list$/,
      handler: (_request, response) => sendJson(response, 200, { name: 'x', tags: ['1'] }),
    },
    {
      method: 'GET',
      path: /^\/v2\/slow\/r0\/manifests\/.+$/,
      handler: (_request, response, { hits }) => {
        if (hits > 100) return new Promise(() => undefined);
        response.writeHead(200, {
          'content-type': 'application/vnd.oci.image.manifest.v1+json',
          'content-length': SMALL_MANIFEST.length,
        });
        response.end(SMALL_MANIFEST);
      },
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
      // The garbage collection's estimate, in the words of the button that runs it — not a "clean-up", which
      // is what the Cleanup rules tab does (deleting tags).
      expect(await figures.textContent()).toMatch(/Garbage collection would free0 B/);
      // Only the orphan goes with untagged images: team/multi's platform images are reached through its index.
      expect(await figures.textContent()).toMatch(/with untagged images removed too/);
      expect(await figures.textContent()).not.toMatch(/would also delete/);
      expect(await figures.getByRole('button', { name: 'Collect garbage in Your registries…' }).count()).toBe(
        1,
      );
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
    'opens the Usage tab for a whole connection from its top bar, and not for Docker Hub',
    async () => {
      const added = await host.call('connections.add', {
        name: 'hub',
        url: 'https://registry-1.docker.io',
        // This machine cannot reach Docker Hub: saved unreachable, its top bar is all this test needs.
        saveIfUnreachable: true,
      });
      expect(added.body.ok, JSON.stringify(added.body.error)).toBe(true);
      await page.reload();
      const connections = page.getByRole('navigation', { name: 'Connections' });
      await connections.getByRole('button', { name: /^shelf\b/ }).click();
      const topbar = page.locator('header.topbar');
      const storage = topbar.getByRole('button', { name: 'Storage of shelf' });
      await storage.waitFor({ timeout: UI_WAIT_MS });
      await screenshotBothSchemes(page, 'storage-connection-topbar');
      await screenshotAt(page, 'storage-connection-topbar', 1024, 700);
      // At 1024×700 the bar keeps every action on screen, beside the whole connection name.
      const barBox = await topbar.boundingBox();
      for (const name of ['Storage of shelf', 'Edit connection…', 'Remove connection']) {
        const box = await topbar.getByRole('button', { name }).boundingBox();
        expect(box!.x + box!.width, name).toBeLessThanOrEqual(barBox!.x + barBox!.width);
      }
      await page.setViewportSize({ width: 1440, height: 900 });
      await storage.click();
      const usage = page.getByRole('tabpanel', { name: 'Usage' });
      expect(await usage.getByRole('combobox', { name: 'Registry' }).inputValue()).toBe('shelf');
      expect(await usage.getByRole('textbox', { name: 'Repository (optional)' }).inputValue()).toBe('');
      await usage.getByRole('button', { name: 'Scan' }).click();
      const chart = usage.getByRole('list', { name: 'Repositories by size' });
      await chart.waitFor({ timeout: WORK_WAIT_MS });
      await expect.poll(() => chart.getByRole('button').count(), { timeout: UI_WAIT_MS }).toBe(4);
      expect(await usage.locator('.usage-subject').textContent()).toMatch(/^Storage of shelf ·/);
      await screenshotBothSchemes(page, 'storage-connection-scanned');

      // Docker Hub has no catalog to scan whole: its top bar has no Storage…; its repositories do.
      await connections.getByRole('button', { name: /^hub\b/ }).click();
      await topbar.getByRole('button', { name: 'Edit connection…' }).waitFor({ timeout: UI_WAIT_MS });
      expect(await topbar.locator('strong').textContent()).toBe('hub');
      expect(await topbar.getByRole('button', { name: /^Storage of/ }).count()).toBe(0);
    },
    E2E_TEST_MS,
  );

  it(
    'removes untagged images beside a multi-platform image and keeps its platform images',
    async () => {
      await page
        .getByRole('list', { name: 'Sections' })
        .getByRole('button', { name: 'Your registries' })
        .click();
      await page
        .getByRole('article', { name: 'shelf' })
        .getByRole('button', { name: 'Collect garbage…' })
        .click();
      const dialog = page.getByRole('dialog', { name: 'Collect garbage in shelf' });
      await dialog.getByLabel('Also delete images no tag points to (and then their layers)').check();
      await dialog.getByRole('button', { name: 'Dry run' }).click();
      const dryRun = dialog.getByRole('region', { name: 'Dry run' });
      await dryRun.getByRole('status').waitFor({ timeout: WORK_WAIT_MS });
      // The orphan's manifest, config and layer; its one untagged image; nothing of team/multi.
      expect(await dryRun.getByRole('status').textContent()).toMatch(
        /^3 unused files \(layers, configs, image descriptions\) and 1 untagged image would be deleted/,
      );
      await dryRun.getByText('What garbage-collect printed').click();
      expect(await dryRun.textContent()).toMatch(/Berth removes only the manifests/);
      await screenshotBothSchemes(page, 'storage-gc-untagged-dry-run');
      await dialog.getByRole('button', { name: 'Collect garbage' }).click();
      const result = dialog.getByRole('region', { name: 'Result' });
      await result.getByRole('status').waitFor({ timeout: WORK_WAIT_MS });
      expect(await result.getByRole('status').textContent()).toMatch(/^Reclaimed \d/);
      await screenshotBothSchemes(page, 'storage-gc-untagged-result');
      for (const platform of ['linux/amd64', 'linux/arm64']) {
        const inspected = await host.call<{ digest: string }>('registry.inspect', {
          connection: 'shelf',
          repository: 'team/multi',
          reference: 'latest',
          platform,
        });
        expect(inspected.body.ok, `${platform}: ${JSON.stringify(inspected.body.error)}`).toBe(true);
      }
    },
    E2E_TEST_MS,
  );

  it(
    'after a cleanup, offers the collection that gives the deleted tags’ space back',
    async () => {
      await page.getByRole('list', { name: 'Sections' }).getByRole('button', { name: 'Storage' }).click();
      await page.getByRole('tab', { name: 'Cleanup rules' }).click();
      await page.getByRole('button', { name: 'New rule' }).click();
      const form = page.getByRole('form', { name: 'Cleanup rule' });
      await form.getByLabel('Name').fill('app builds');
      await form.getByRole('combobox', { name: 'Registry' }).selectOption('shelf');
      await form.getByLabel('Repositories').fill('team/app');
      // A new rule has no age limit unless one is typed: "keep newest 1" keeps one.
      expect(await form.getByLabel('Older than').inputValue()).toBe('');
      await form.getByLabel('Keep newest').fill('1');
      await form.getByRole('button', { name: 'Preview' }).click();
      await page.getByRole('button', { name: 'Delete 1 tag…' }).click({ timeout: WORK_WAIT_MS });
      await page
        .getByRole('dialog', { name: 'Delete 1 tag?' })
        .getByRole('button', { name: 'Delete 1 tag' })
        .click();
      await page.getByRole('button', { name: 'Collect garbage…' }).click({ timeout: WORK_WAIT_MS });
      const dialog = page.getByRole('dialog', { name: 'Collect garbage in shelf' });
      // The deleted tag left its image untagged: only a collection of untagged images frees its layers.
      expect(
        await dialog.getByLabel('Also delete images no tag points to (and then their layers)').isChecked(),
      ).toBe(true);
      expect(await dialog.getByRole('note').textContent()).toMatch(
        /^The 1 tag the rule deleted left its image untagged: its layers come back only with “Also delete images no tag points to”, ticked here\.$/,
      );
      await dialog.getByRole('button', { name: 'Dry run' }).click();
      const dryRun = dialog.getByRole('region', { name: 'Dry run' });
      await dryRun.getByRole('status').waitFor({ timeout: WORK_WAIT_MS });
      expect(await dryRun.getByRole('status').textContent()).toMatch(/and 1 untagged image would be deleted/);
      await screenshotBothSchemes(page, 'storage-cleanup-gc');
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
      // A repository of many tags says how far its reading is, under the bar.
      await expect
        .poll(() => panel.textContent(), { timeout: UI_WAIT_MS })
        .toMatch(/slow\/r0: 100 of 1,000 tags read/);
      expect(await panel.getByRole('button', { name: 'Scanning…' }).isDisabled()).toBe(true);
      await screenshotBothSchemes(page, 'storage-usage-scanning');
      await screenshotAt(page, 'storage-usage-scanning', 1024, 700);
      await panel.getByRole('button', { name: 'Cancel scan' }).click();
      await panel.getByText('The scan of stalling was cancelled.').waitFor({ timeout: WORK_WAIT_MS });
      expect(await panel.getByRole('button', { name: 'Scan' }).isEnabled()).toBe(true);
    },
    E2E_TEST_MS,
  );

  it(
    'cancels a cleanup preview of a registry that never answers',
    async () => {
      await page.getByRole('list', { name: 'Sections' }).getByRole('button', { name: 'Storage' }).click();
      await page.getByRole('tab', { name: 'Cleanup rules' }).click();
      await page.getByRole('button', { name: 'New rule' }).click();
      const form = page.getByRole('form', { name: 'Cleanup rule' });
      await form.getByLabel('Name').fill('slow ones');
      await form.getByLabel('Registry').selectOption('stalling');
      await form.getByLabel('Repositories').fill('slow/*');
      await form.getByLabel('Keep newest').fill('1');
      await form.getByRole('button', { name: 'Preview' }).click();
      const cancel = page.getByRole('button', { name: 'Cancel preview' });
      await cancel.waitFor({ timeout: UI_WAIT_MS });
      await screenshotBothSchemes(page, 'cleanup-previewing');
      await cancel.click();
      await cancel.waitFor({ state: 'detached', timeout: WORK_WAIT_MS });
      expect(await form.getByRole('button', { name: 'Preview' }).isEnabled()).toBe(true);
      expect(await page.getByText(/cancelled/).count()).toBe(0);
      // The core stopped reading too: no request reaches the registry once those in flight have landed.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const after = stalling.requests.length;
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(stalling.requests.length).toBe(after);
    },
    E2E_TEST_MS,
  );
});
