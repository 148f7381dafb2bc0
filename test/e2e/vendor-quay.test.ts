// A Quay connection end to end: added in the connection dialog with an OAuth token as `$oauthtoken` (the
// dialog says which login lists what), the explorer lists the login's own and organizations' repositories
// from Quay's API v1 (a stand-in answering from a real registry, every answer checked against the
// description), and the tag pane shows Quay's push dates and sorts by them.
import { mkdir, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
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
import { pushImage, pushManifest } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import { startQuayStandIn, type QuayStandIn } from '../fixtures/vendor-api/quay/stand-in.js';

const TOKEN = 'quay-e2e-oauth-token-5d1f7a';
const DAY = 86_400;
/** 2026-11-01T00:00:00Z */
const NOV_1 = 1_793_491_200;

let keyring: KeyringHandle;
let registry: RegistryHandle;
let quay: QuayStandIn;
let root: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  root = await makeTempDir('e2e-vendor-quay');
  [keyring, registry] = await Promise.all([startKeyring(), startRegistry({})]);
  const app = await pushImage(registry, 'alice/app', '1.0');
  await pushImage(registry, 'alice/app', '1.1', { layers: 3, layerSize: 200_000 });
  await pushManifest(registry, 'alice/app', 'latest', app.manifestBytes, app.mediaType);
  await pushImage(registry, 'alice/app', '0.9');
  await Promise.all([
    pushImage(registry, 'alice/tools', '1.0'),
    pushImage(registry, 'acme/web', '2.0'),
    pushImage(registry, 'acme/team/api', '3.1'),
    pushImage(registry, 'bob/secret', '1.0'),
  ]);
  quay = await startQuayStandIn({
    registryUrl: registry.url,
    tokens: { [TOKEN]: { username: 'alice', organizations: ['acme'] } },
    descriptions: { 'alice/app': 'The app, built nightly from main.' },
    // Newest first is 0.9, 1.1, latest, 1.0: neither name nor version order.
    pushedAt: {
      'alice/app:1.0': NOV_1,
      'alice/app:latest': NOV_1 + 3 * DAY,
      'alice/app:1.1': NOV_1 + 9 * DAY,
      'alice/app:0.9': NOV_1 + 20 * DAY,
    },
    // One a page: each namespace takes two next_page pages.
    repositoriesPerPage: 1,
  });
  const dataDir = path.join(root, 'data');
  await mkdir(dataDir, { recursive: true });
  await writeFile(path.join(dataDir, 'config.json'), JSON.stringify({ connections: [] }));
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: dataDir,
      BERTH_KEYCHAIN_SERVICE: `BerthTest-e2e-quay-${randomUUID()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
    }),
  );
  browser = await launchChromium();
}, E2E_SETUP_MS);

beforeEach(async () => {
  ({ context, page } = await openPage(browser, { timeoutMs: UI_WAIT_MS }));
  await page.goto(host.url);
});

afterEach(async () => {
  await context?.close();
  expect(quay.invalid).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  console.log(`Quay stand-in answers validated (e2e): ${quay?.validated}`);
  await Promise.all([quay?.stop(), registry?.stop(), keyring?.stop()]);
  if (root) await removeDir(root);
});

const repositories = () => page.getByRole('listbox', { name: 'Repositories' });

async function addQuayConnection(): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Connections' })
    .getByRole('button', { name: 'Add connection' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Add connection' });
  await dialog.getByLabel('Registry URL', { exact: true }).fill(quay.url);
  await dialog.getByLabel('Name', { exact: true }).fill('quay');
  await dialog.getByLabel('Kind of registry').selectOption({ label: 'Quay' });
  // The dialog says which login lists what, before anything is typed.
  await expect
    .poll(() => dialog.textContent(), { timeout: UI_WAIT_MS })
    .toContain('Username $oauthtoken and an OAuth application token');
  await dialog.getByLabel('Username', { exact: true }).fill('$oauthtoken');
  await dialog.getByLabel('Password', { exact: true }).fill(TOKEN);
  await screenshotBothSchemes(page, 'quay-connection-dialog');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached', timeout: WORK_WAIT_MS });
}

async function openTags(repository: string): Promise<Locator> {
  await repositories().getByRole('option', { name: repository, exact: true }).click();
  const tags = page.getByRole('listbox', { name: `Tags of ${repository}` });
  await tags.getByRole('option').first().waitFor({ timeout: WORK_WAIT_MS });
  return tags;
}

describe('a Quay connection in the explorer', { timeout: E2E_TEST_MS }, () => {
  it("lists the login's repositories from Quay's API and sorts tags by Quay's push dates", async () => {
    await addQuayConnection();
    await page
      .getByRole('navigation', { name: 'Connections' })
      .getByRole('button', { name: /^quay\b/ })
      .click();
    const listed = repositories();
    await listed.getByRole('option', { name: 'alice/app', exact: true }).waitFor({ timeout: WORK_WAIT_MS });
    // acme/web comes on Quay's second next_page page of acme; bob's namespace is not the login's.
    await listed.getByRole('option', { name: 'acme/web', exact: true }).waitFor({ timeout: WORK_WAIT_MS });
    expect(await listed.getByRole('option', { name: 'bob/secret' }).count()).toBe(0);
    const acme = quay.requests.filter((request) =>
      request.startsWith('GET /api/v1/repository?namespace=acme'),
    );
    expect(acme).toHaveLength(2);
    expect(acme[1]).toMatch(/[?&]next_page=/);

    const tags = await openTags('alice/app');
    // Quay's push dates are on the rows, before any image is opened.
    await expect
      .poll(
        () =>
          tags
            .getByRole('option', { name: /^1\.0\b/ })
            .locator('time')
            .getAttribute('datetime'),
        { timeout: WORK_WAIT_MS },
      )
      .toBe('2026-11-01T00:00:00.000Z');
    await page.getByLabel('Sort tags').selectOption({ label: 'Newest first' });
    await expect
      .poll(
        async () =>
          (await tags.getByRole('option').allTextContents()).map((text) =>
            ['0.9', '1.1', 'latest', '1.0'].find((tag) => text.trim().startsWith(tag)),
          ),
        { timeout: UI_WAIT_MS },
      )
      .toEqual(['0.9', '1.1', 'latest', '1.0']);
    expect(
      await tags
        .getByRole('option', { name: /^0\.9\b/ })
        .locator('time')
        .textContent(),
    ).toBe('2026-11-21');
    await screenshotBothSchemes(page, 'quay-explorer-tags-by-date');
    await screenshotAt(page, 'quay-explorer-tags-by-date', 1024, 700);
    // The token went to Quay's API as Bearer; the screen never shows it.
    expect(quay.authorizations).toContain(`Bearer ${TOKEN}`);
    expect(await page.content()).not.toContain(TOKEN);
  });
});
