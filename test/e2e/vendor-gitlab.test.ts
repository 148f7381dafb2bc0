// A GitLab connection end to end: added in the connection dialog as GitLab with its API on another
// address (the registry is a real Distribution registry, the API a stand-in answering from it, checked
// against GitLab's OpenAPI document), then the explorer lists only the repositories of the user's
// projects, and the tag pane shows when each tag was pushed and sorts by it.
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatDateTime } from '../../renderer/i18n/format.js';
import { BerthHost } from '../fixtures/berth-host.js';
import { englishT } from '../fixtures/i18n.js';
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
import { pushImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import { startGitLabStandIn, type GitLabStandIn } from '../fixtures/vendor-api/gitlab/gitlab-stand-in.js';

const TOKEN = `glpat-${randomUUID()}`;
const PUSHED_AT: Record<string, string> = {
  'acme/web:v1.0': '2026-03-01T09:00:00.000Z',
  'acme/web:v1.1': '2026-05-01T09:00:00.000Z',
  'acme/web:latest': '2026-05-02T12:30:00.000Z',
  'acme/web:2.0-rc1': '2026-04-10T08:00:00.000Z',
};

let keyring: KeyringHandle;
let registry: RegistryHandle;
let gitlab: GitLabStandIn;
let root: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  root = await makeTempDir('e2e-vendor-gitlab');
  [keyring, registry] = await Promise.all([startKeyring(), startRegistry({})]);
  for (const tag of ['v1.0', 'v1.1', 'latest', '2.0-rc1']) await pushImage(registry, 'acme/web', tag);
  await pushImage(registry, 'acme/web/worker', '1.0');
  await pushImage(registry, 'acme/platform/tools/builder', '2024.1');
  await pushImage(registry, 'other/secret', '1');
  gitlab = await startGitLabStandIn({
    registryUrl: registry.url,
    projects: [
      { id: 11, path: 'acme/web', members: ['alice'] },
      { id: 12, path: 'acme/platform/tools', members: ['alice'] },
      { id: 14, path: 'other/secret', members: ['carol'] },
    ],
    tokens: { [TOKEN]: 'alice' },
    pushedAt: PUSHED_AT,
  });
  const dataDir = path.join(root, 'data');
  await mkdir(dataDir, { recursive: true });
  await writeFile(path.join(dataDir, 'config.json'), JSON.stringify({ connections: [] }));
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: dataDir,
      BERTH_KEYCHAIN_SERVICE: `BerthTest-e2e-gitlab-${randomUUID()}`,
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
});

afterAll(async () => {
  console.info(`GitLab stand-in (e2e): ${gitlab?.validated} answers validated`);
  await browser?.close();
  await host?.stop();
  await gitlab?.stop();
  await Promise.all([registry?.stop(), keyring?.stop()]);
  if (root) await removeDir(root);
});

const repositories = () => page.getByRole('listbox', { name: 'Repositories' });
const row = (tags: Locator, tag: string) => tags.getByRole('option', { name: tag, exact: true });

describe('a GitLab connection', { timeout: E2E_TEST_MS }, () => {
  it("lists the user's GitLab repositories, and the tags with their push dates, newest first", async () => {
    await page.getByRole('button', { name: 'Add connection' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add connection' });
    await dialog.getByLabel('Registry URL', { exact: true }).fill(`http://${registry.host}`);
    await dialog.getByLabel('Name', { exact: true }).fill('gitlab');
    await dialog.getByLabel('Kind of registry').selectOption('gitlab');
    // The registry and GitLab's API live at different addresses, as on gitlab.com.
    await dialog.getByLabel('API address', { exact: true }).fill(gitlab.url);
    await dialog.getByLabel('Username', { exact: true }).fill('alice');
    await dialog.getByLabel('Secret kind').selectOption('access-token');
    await dialog.getByLabel('Access token', { exact: true }).fill(TOKEN);
    expect(await dialog.getByText(/personal access token with read_registry and read_api/).count()).toBe(1);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: WORK_WAIT_MS });

    await page
      .getByRole('navigation', { name: 'Connections' })
      .getByRole('button', { name: /gitlab/ })
      .click();
    for (const name of ['acme/web', 'acme/web/worker', 'acme/platform/tools/builder'])
      await repositories().getByRole('option', { name, exact: true }).waitFor({ timeout: WORK_WAIT_MS });
    // other/secret is in the registry, in a project alice is no member of: GitLab never names it.
    expect(
      await repositories()
        .getByRole('option', { name: /secret/ })
        .count(),
    ).toBe(0);

    await repositories().getByRole('option', { name: 'acme/web', exact: true }).click();
    const tags = page.getByRole('listbox', { name: 'Tags of acme/web' });
    await row(tags, 'v1.1').waitFor({ timeout: WORK_WAIT_MS });
    for (const [reference, pushedAt] of Object.entries(PUSHED_AT)) {
      const tag = reference.split(':')[1]!;
      await expect
        .poll(() => row(tags, tag).locator('time').getAttribute('datetime'), { timeout: WORK_WAIT_MS })
        .toBe(pushedAt);
      // The tooltip says the moment in local time, on one line (the datetime attribute keeps the ISO form).
      expect(await row(tags, tag).locator('time').getAttribute('title')).toBe(
        `Pushed ${formatDateTime(englishT().intl, pushedAt)}`,
      );
    }

    const order = page.getByRole('combobox', { name: 'Sort tags' });
    expect(await order.locator('option[value=date]').isDisabled()).toBe(false);
    await order.selectOption('date');
    const shownOrder = () =>
      tags
        .getByRole('option')
        .evaluateAll((options) => options.map((option) => option.getAttribute('title')));
    await expect.poll(shownOrder, { timeout: UI_WAIT_MS }).toEqual(['latest', 'v1.1', '2.0-rc1', 'v1.0']);

    await screenshotBothSchemes(page, 'vendor-gitlab-explorer');
    await screenshotAt(page, 'vendor-gitlab-explorer', 1024, 700);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshotAt(page, 'vendor-gitlab-explorer-dark', 1024, 700);
    await page.emulateMedia({ colorScheme: 'light' });

    // The image itself comes through the registry's v2 API, beside GitLab's facts.
    await row(tags, 'v1.1').click();
    await page.getByRole('heading', { name: /acme\/web:v1\.1/ }).waitFor({ timeout: WORK_WAIT_MS });
    await screenshotBothSchemes(page, 'vendor-gitlab-image');
    expect(gitlab.invalid).toEqual([]);
  });
});
