// The shell's layout end to end: every screen, at 1440×900 and 1024×700, fits the window (only its panes
// scroll), the explorer's panes resize by mouse and keyboard and keep their widths across a reload, the
// sidebar collapses and stays so (a window under 900 px shows its rail by itself), and a narrow window
// wraps pull commands and fits the history table.
// The browser host (built renderer) in Chromium, a real docker-registry and a real dockerd.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
import {
  expectWindowFits,
  launchChromium,
  openPage,
  screenshotBothSchemes,
  UI_WAIT_MS,
  WORK_WAIT_MS,
  E2E_TEST_MS,
  E2E_SETUP_MS,
} from '../fixtures/chromium.js';
import { startDockerd, type DockerdHandle } from '../fixtures/dockerd.js';
import { showTags } from '../fixtures/explorer-page.js';
import { MEDIA_TYPES, pushBlob, pushImage, pushIndex, pushManifest, sha256 } from '../fixtures/images.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

/** Build steps as long as real ones: a chained RUN and a word too long for any column. */
const LONG_STEPS = [
  '/bin/sh -c set -eux; apt-get update; apt-get install -y --no-install-recommends ca-certificates curl gnupg netbase wget tzdata; rm -rf /var/lib/apt/lists/*',
  `/bin/sh -c #(nop) COPY file:${'0123456789abcdef'.repeat(4)} in /usr/local/share/ca-certificates/berth-internal-root-authority.crt`,
  '/bin/sh -c #(nop)  CMD ["/usr/local/bin/docker-entrypoint.sh","--config=/etc/berth/registry-configuration.yml"]',
];

let root: string;
let registry: RegistryHandle;
let dockerd: DockerdHandle;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;

/** An image whose config has `LONG_STEPS` as its history, one layer per step. */
async function pushLongHistoryImage(repository: string, tag: string): Promise<void> {
  const layers = await Promise.all(
    LONG_STEPS.map(async () => {
      const bytes = randomBytes(2048);
      return {
        digest: await pushBlob(registry, repository, bytes),
        size: bytes.length,
        diffId: sha256(bytes),
      };
    }),
  );
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: '2026-11-30T08:00:00Z',
      config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
      rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.diffId) },
      history: LONG_STEPS.map((step) => ({ created: '2026-11-30T08:00:00Z', created_by: step })),
    }),
  );
  const configDigest = await pushBlob(registry, repository, config);
  const manifest = {
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.oci.manifest,
    config: { mediaType: MEDIA_TYPES.oci.config, digest: configDigest, size: config.length },
    layers: layers.map((layer) => ({
      mediaType: MEDIA_TYPES.oci.layer,
      digest: layer.digest,
      size: layer.size,
    })),
  };
  await pushManifest(
    registry,
    repository,
    tag,
    Buffer.from(JSON.stringify(manifest)),
    MEDIA_TYPES.oci.manifest,
  );
}

beforeAll(async () => {
  root = await makeTempDir('e2e-layout');
  [registry, dockerd] = await Promise.all([startRegistry({ deleteEnabled: true }), startDockerd()]);
  await pushImage(registry, 'team/app', '1.0', { layers: 4, layerSize: 64 * 1024 });
  await pushLongHistoryImage('platform/registry-gateway-with-a-long-name', '2026.11.30-build.4821');
  await pushIndex(registry, 'team/multi', 'latest', {
    format: 'oci',
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
    ],
  });
  await dockerd.api.load({ repoTags: ['berth.test/tools:1', 'berth.test/tools:2'], layerSizes: [32 * 1024] });
  const daemonConfig = path.join(root, 'daemon.json');
  await writeFile(
    daemonConfig,
    JSON.stringify({
      'insecure-registries': [registry.host, 'build.lan:5000'],
      'registry-mirrors': ['https://mirror.gcr.io'],
      'max-concurrent-downloads': 3,
    }),
  );
  host = await BerthHost.start({
    ...process.env,
    BERTH_DATA_DIR: path.join(root, 'data'),
    BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
    DOCKER_HOST: dockerd.host,
    BERTH_DAEMON_CONFIG: daemonConfig,
    XDG_RUNTIME_DIR: path.join(root, 'runtime'),
  });
  await host.logIn();
  // "down" is saved while its registry runs (saving checks it), then that registry stops for good.
  const stopped = await startRegistry();
  for (const [name, url] of [
    ['lab', registry.url],
    ['down', stopped.url],
  ] as const) {
    const added = await host.call('connections.add', { name, url, insecureHttp: true });
    expect(added.body.ok, JSON.stringify(added.body.error)).toBe(true);
  }
  await stopped.stop();
  browser = await launchChromium();
}, E2E_SETUP_MS);

beforeEach(async () => {
  ({ context, page } = await openPage(browser, { timeoutMs: UI_WAIT_MS, url: host.url }));
});

afterEach(async () => {
  await context?.close();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await Promise.all([registry?.stop(), dockerd?.stop()]);
  if (root) await removeDir(root);
}, 60_000);

/** The screen as it is, checked and photographed (light and dark) at each size; the window left 1440×900. */
async function fitsAtEverySize(name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await expectWindowFits(page);
    await screenshotBothSchemes(page, `layout-${name}-${size.width}x${size.height}`);
  }
  await page.setViewportSize(SIZES[0]);
}

const sidebar = () => page.getByRole('navigation', { name: 'Connections' });
const openSection = (name: string) =>
  page
    .getByRole('list', { name: 'Sections' })
    .getByRole('button', { name: new RegExp(`^${name}`) })
    .click();

async function openConnection(name: string): Promise<void> {
  await sidebar()
    .getByRole('button', { name: new RegExp(`^${name}\\b`) })
    .click();
}

/** The explorer on `repository:tag`, the image view loaded down to its layers. */
async function openImage(repository: string, tag: string): Promise<void> {
  await openConnection('lab');
  await showTags(page, repository, tag);
  await page
    .getByRole('listbox', { name: `Tags of ${repository}` })
    .getByRole('option', { name: tag })
    .click();
  await page.getByRole('table', { name: 'Layers' }).waitFor();
}

describe('every screen fits the window; only its panes scroll', () => {
  it(
    'the explorer with a repository, its tags and an image with layers open',
    async () => {
      await openImage('team/app', '1.0');
      await fitsAtEverySize('explorer-image');
    },
    E2E_TEST_MS,
  );

  it(
    'an index image',
    async () => {
      await openImage('team/multi', 'latest');
      await page.getByRole('group', { name: 'Platforms' }).waitFor();
      await fitsAtEverySize('explorer-index');
    },
    E2E_TEST_MS,
  );

  it(
    'Local images',
    async () => {
      await openSection('Local images');
      await page.getByText('berth.test/tools').first().waitFor({ timeout: WORK_WAIT_MS });
      await fitsAtEverySize('local-images');
    },
    E2E_TEST_MS,
  );

  it(
    'Transfers, with a finished copy',
    async () => {
      const started = await host.call('jobs.start', {
        kind: 'copy',
        source: { connection: 'lab', repository: 'team/app', reference: '1.0' },
        destination: { connection: 'lab', repository: 'copies/app' },
      });
      expect(started.body.ok, JSON.stringify(started.body.error)).toBe(true);
      await openSection('Transfers');
      await page.getByRole('heading', { name: 'Transfers' }).waitFor();
      await page
        .getByText(/copies\/app/)
        .first()
        .waitFor({ timeout: WORK_WAIT_MS });
      await fitsAtEverySize('transfers');
    },
    E2E_TEST_MS,
  );

  it(
    'Docker daemon',
    async () => {
      await openSection('Docker daemon');
      await page.getByText('build.lan:5000').first().waitFor({ timeout: WORK_WAIT_MS });
      await fitsAtEverySize('daemon');
    },
    E2E_TEST_MS,
  );

  it(
    'Your registries',
    async () => {
      await openSection('Your registries');
      await page.getByRole('heading', { name: 'Your registries' }).waitFor();
      await page.getByRole('button', { name: 'New registry' }).first().waitFor({ timeout: WORK_WAIT_MS });
      await fitsAtEverySize('servers');
    },
    E2E_TEST_MS,
  );

  it(
    'Doctor, diagnosing a registry that is down',
    async () => {
      await openConnection('down');
      await page.getByRole('button', { name: 'Diagnose' }).first().click({ timeout: WORK_WAIT_MS });
      const dialog = page.getByRole('dialog', { name: /^Diagnose/ });
      await dialog.getByRole('list', { name: 'Steps' }).waitFor({ timeout: WORK_WAIT_MS });
      await dialog.getByText(/First broken step/).waitFor({ timeout: WORK_WAIT_MS });
      await fitsAtEverySize('doctor');
    },
    E2E_TEST_MS,
  );

  it(
    'the first launch, with no connections',
    async () => {
      const dataDir = path.join(root, 'first-launch');
      const fresh = await BerthHost.start({
        ...process.env,
        BERTH_DATA_DIR: dataDir,
        BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
        DOCKER_HOST: dockerd.host,
        XDG_RUNTIME_DIR: path.join(root, 'runtime'),
      });
      try {
        await page.goto(fresh.url);
        await page.getByRole('heading', { name: 'Every registry you use, at a glance' }).waitFor();
        await fitsAtEverySize('first-launch');
      } finally {
        await fresh.stop();
      }
    },
    E2E_TEST_MS,
  );
});

const separator = (name: string) => page.getByRole('separator', { name: `Resize ${name}` });
const paneWidth = (name: string) =>
  page
    .getByRole('region', { name })
    .first()
    .evaluate((element) => Math.round(element.getBoundingClientRect().width));

describe("the explorer's panes and the sidebar keep the size they were given", () => {
  it(
    'a dragged separator keeps its width after a reload; arrow keys move it too',
    async () => {
      await openConnection('lab');
      await showTags(page, 'team/app', '1.0');
      const before = await paneWidth('Repositories');
      const handle = await separator('repositories').boundingBox();
      if (!handle) throw new Error('the repositories separator is not on screen');
      const [x, y] = [handle.x + handle.width / 2, handle.y + handle.height / 2];
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x + 60, y, { steps: 4 });
      await page.mouse.move(x + 120, y, { steps: 4 });
      await page.mouse.up();
      await expect
        .poll(() => separator('repositories').getAttribute('aria-valuenow'), { timeout: UI_WAIT_MS })
        .toBe(String(before + 120));
      expect(await paneWidth('Repositories')).toBe(before + 120);

      await page.reload();
      await openConnection('lab');
      await showTags(page, 'team/app', '1.0');
      expect(await paneWidth('Repositories')).toBe(before + 120);

      // The tags' separator by keyboard: Shift+→ widens it by four steps, ← narrows it by one, Home to its minimum.
      const tags = separator('tags');
      const tagsBefore = Number(await tags.getAttribute('aria-valuenow'));
      await tags.focus();
      await page.keyboard.press('Shift+ArrowRight');
      await expect
        .poll(() => tags.getAttribute('aria-valuenow'), { timeout: UI_WAIT_MS })
        .toBe(String(tagsBefore + 64));
      await page.keyboard.press('ArrowLeft');
      await expect
        .poll(() => tags.getAttribute('aria-valuenow'), { timeout: UI_WAIT_MS })
        .toBe(String(tagsBefore + 48));
      expect(await paneWidth(`Tags`)).toBe(tagsBefore + 48);
      await screenshotBothSchemes(page, 'layout-separator-focused');
      const narrowest = await tags.getAttribute('aria-valuemin');
      await page.keyboard.press('Home');
      await expect.poll(() => tags.getAttribute('aria-valuenow'), { timeout: UI_WAIT_MS }).toBe(narrowest);

      // A remembered width never takes the image view's room in a smaller window.
      await page.setViewportSize({ width: 1024, height: 700 });
      await page.reload();
      await openImage('team/app', '1.0');
      const main = await page.getByRole('main').boundingBox();
      expect(main?.width).toBeGreaterThanOrEqual(400);
      await expectWindowFits(page);
    },
    E2E_TEST_MS,
  );

  it(
    'a collapsed sidebar stays collapsed after a reload',
    async () => {
      await page.getByRole('button', { name: 'Collapse sidebar' }).click();
      await expect.poll(() => sidebar().count(), { timeout: UI_WAIT_MS }).toBe(0);
      await screenshotBothSchemes(page, 'layout-sidebar-collapsed');
      await page.reload();
      const expand = page.getByRole('button', { name: 'Expand sidebar' });
      await expand.waitFor();
      expect(await expand.getAttribute('aria-expanded')).toBe('false');
      expect(await sidebar().count()).toBe(0);
      // The rail still goes everywhere: its sections are icons named like the full ones.
      await openSection('Transfers');
      await page.getByRole('heading', { name: 'Transfers' }).waitFor();
      await expectWindowFits(page);
      await screenshotBothSchemes(page, 'layout-sidebar-collapsed-transfers');
      await expand.click();
      await sidebar().waitFor();
      await page.reload();
      await sidebar().waitFor();
      expect(await page.getByRole('button', { name: 'Collapse sidebar' }).getAttribute('aria-expanded')).toBe(
        'true',
      );
    },
    E2E_TEST_MS,
  );

  it(
    'a window under 900 px shows the rail by itself, unless opened there; a wider one the remembered choice',
    async () => {
      await openImage('team/app', '1.0');
      const collapse = page.getByRole('button', { name: 'Collapse sidebar' });
      const expand = page.getByRole('button', { name: 'Expand sidebar' });
      await page.setViewportSize({ width: 720, height: 480 });
      await expect.poll(() => sidebar().count(), { timeout: UI_WAIT_MS }).toBe(0);
      expect(await expand.getAttribute('aria-expanded')).toBe('false');
      // The image stays open, with the room the sidebar gave up; the window still never scrolls.
      await page.getByRole('table', { name: 'Layers' }).waitFor();
      const main = await page.getByRole('main').boundingBox();
      expect(main?.width).toBeGreaterThanOrEqual(300);
      await expectWindowFits(page);
      // The top bar gives way by cutting the address and the status, never the connection's name or HTTP.
      const breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' });
      for (const part of [breadcrumb.locator('strong'), breadcrumb.getByText('HTTP', { exact: true })])
        // Within a pixel: the box is a fraction of a pixel wide and its two widths round differently.
        expect(
          await part.evaluate((element) => element.scrollWidth - element.clientWidth),
        ).toBeLessThanOrEqual(1);
      await screenshotBothSchemes(page, 'layout-compact-720x480');

      // Wide again: the sidebar the person left open comes back.
      await page.setViewportSize({ width: 1440, height: 900 });
      await sidebar().waitFor();

      // Opened explicitly in a compact window, it stays open there, and the remembered choice is untouched.
      await collapse.click();
      await expect.poll(() => sidebar().count(), { timeout: UI_WAIT_MS }).toBe(0);
      await page.setViewportSize({ width: 800, height: 600 });
      await expand.click();
      await sidebar().waitFor();
      await page.setViewportSize({ width: 720, height: 480 });
      expect(await collapse.getAttribute('aria-expanded')).toBe('true');
      await screenshotBothSchemes(page, 'layout-compact-expanded-720x480');
      await page.setViewportSize({ width: 1440, height: 900 });
      await expect.poll(() => sidebar().count(), { timeout: UI_WAIT_MS }).toBe(0);
      await page.reload();
      await expand.waitFor();
      expect(await sidebar().count()).toBe(0);
      await expand.click();
      await sidebar().waitFor();
    },
    E2E_TEST_MS,
  );

  it(
    'at 1024×700 the repository bar names the whole repository and a tag row never shows a cut date',
    async () => {
      await page.setViewportSize({ width: 1024, height: 700 });
      await openImage('team/multi', 'latest');
      // The bar under the list named "te…" beside Sync to… and Delete…: the buttons now go under the name.
      const name = page.locator('.repository-actions .selected-name');
      expect(await name.textContent()).toBe('team/multi');
      expect(await name.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
      const pane = page.locator('.repository-actions');
      for (const button of ['Sync repository team/multi to…', 'More actions for team/multi']) {
        const box = await page.getByRole('button', { name: button }).boundingBox();
        const paneBox = await pane.boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(paneBox!.x + paneBox!.width);
      }
      // Once opened, the index's row knows its date; with two badges there is no room for it in this pane,
      // and a date cut to "2026-12" reads as a month.
      const row = page
        .getByRole('listbox', { name: 'Tags of team/multi' })
        .getByRole('option', { name: 'latest' });
      await row.locator('.platform-more.narrow').waitFor({ timeout: UI_WAIT_MS });
      for (const line of await row.locator('.details-line').all()) {
        expect(await line.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
      }
      await screenshotBothSchemes(page, 'layout-repository-bar-1024x700');
    },
    E2E_TEST_MS,
  );

  it(
    'at 1024×700 the pull commands wrap instead of being cut, and the history table fits its pane',
    async () => {
      await page.setViewportSize({ width: 1024, height: 700 });
      const repository = 'platform/registry-gateway-with-a-long-name';
      await openImage(repository, '2026.11.30-build.4821');
      const commands = page.locator('.command-line code');
      await expect.poll(() => commands.count(), { timeout: UI_WAIT_MS }).toBe(2);
      for (const command of await commands.all()) {
        const text = await command.textContent();
        expect(text).toContain(repository);
        const box = await command.evaluate((element) => ({
          scroll: element.scrollWidth,
          client: element.clientWidth,
        }));
        expect(box.scroll, `"${text}" is cut`).toBeLessThanOrEqual(box.client);
      }
      // The repository's name is longer than its pane: cut with an ellipsis, whole in its title.
      const row = page
        .getByRole('listbox', { name: 'Repositories' })
        .getByRole('option', { name: repository });
      expect(await row.getAttribute('title')).toBe(repository);
      expect(
        await row.evaluate(
          (element) => element.ownerDocument.defaultView?.getComputedStyle(element).textOverflow,
        ),
      ).toBe('ellipsis');
      expect(await row.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
      const history = page.getByRole('table', { name: 'History' });
      const fits = await history.evaluate((table) => {
        const pane = table.closest('main')!;
        const paneBox = pane.getBoundingClientRect();
        const tableBox = table.getBoundingClientRect();
        return {
          right: Math.round(tableBox.right),
          paneRight: Math.round(paneBox.right),
          paneScrolls: pane.scrollWidth > pane.clientWidth,
        };
      });
      expect(fits.right).toBeLessThanOrEqual(fits.paneRight);
      expect(fits.paneScrolls).toBe(false);
      await page.getByRole('heading', { name: 'History' }).scrollIntoViewIfNeeded();
      await screenshotBothSchemes(page, 'layout-history-1024x700');
    },
    E2E_TEST_MS,
  );
});
