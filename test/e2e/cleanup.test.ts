// Storage → Cleanup rules in Chromium: a rule is written in the editor, saved, previewed (every tag with
// stays/goes and why), and run after a confirmation naming the count; the registry then lacks exactly the
// tags the preview said go (skopeo lists them).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHostWithLocalConnection, type BerthHost } from '../fixtures/berth-host.js';
import { skopeo } from '../fixtures/berth-client.js';
import {
  launchChromium,
  openPage,
  screenshotAt,
  screenshotBothSchemes,
  UI_WAIT_MS,
  WORK_WAIT_MS,
  E2E_TEST_MS,
  E2E_SETUP_MS,
} from '../fixtures/chromium.js';
import { pushImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

let keyring: KeyringHandle;
let registry: RegistryHandle;
let root: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;

async function skopeoTags(repository: string): Promise<string[]> {
  const out = JSON.parse(await skopeo(registry, 'list-tags', `docker://${registry.host}/${repository}`)) as {
    Tags: string[];
  };
  return out.Tags.sort();
}

beforeAll(async () => {
  root = await makeTempDir('e2e-cleanup');
  [keyring, registry] = await Promise.all([startKeyring(), startRegistry({ deleteEnabled: true })]);
  for (const [tag, days] of [
    ['build-1', 300],
    ['build-2', 200],
    ['build-3', 100],
    ['build-4', 2],
    ['latest', 300],
    ['v1.0', 400],
  ] as const)
    await pushImage(registry, 'team/app', tag, { created: daysAgo(days) });
  await pushImage(registry, 'team/lib', 'build-1', { created: daysAgo(300) });
  host = await startHostWithLocalConnection({
    root,
    registryHost: registry.host,
    label: 'cleanup',
    env: (extra) => keyring.env(extra),
  });
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
  await browser?.close();
  await host?.stop();
  await registry?.stop();
  await keyring?.stop();
  await removeDir(root);
});

describe('cleanup rules', () => {
  it(
    'edits a rule, previews it and deletes exactly the tags the preview showed',
    async () => {
      await page
        .getByRole('list', { name: 'Sections' })
        .getByRole('button', { name: /^Storage/ })
        .click();
      await page.getByRole('tab', { name: 'Cleanup rules' }).click();
      await page.getByText(/No cleanup rules yet/).waitFor();
      await screenshotBothSchemes(page, 'cleanup-empty');
      await page.getByRole('button', { name: 'New rule' }).click();
      const form = page.getByRole('form', { name: 'Cleanup rule' });
      await form.getByLabel('Name').fill('old builds');
      await form.getByLabel('Repositories').fill('team/app');
      await form.getByLabel('Keep newest').fill('-1');
      await expect
        .poll(() => form.getByRole('alert').textContent(), { timeout: UI_WAIT_MS })
        .toMatch(/Keep newest/);
      await screenshotBothSchemes(page, 'cleanup-invalid');
      await form.getByLabel('Keep newest').fill('1');
      await form.getByLabel('Older than').fill('30d');
      await form.getByRole('button', { name: 'Save rule' }).click();
      await page.getByRole('button', { name: 'Preview old builds' }).waitFor();
      // The age keeps tags (younger ones stay); it is not a second thing that deletes.
      await page.getByText('keep newest 1 · keep any younger than 30d').waitFor({ timeout: UI_WAIT_MS });
      await form.getByRole('button', { name: 'Preview' }).click();

      const table = page.getByRole('table', { name: 'Tags the rule keeps and deletes' });
      await table.waitFor({ timeout: WORK_WAIT_MS });
      const rows = Object.fromEntries(
        (await table.getByRole('row').allTextContents())
          .slice(1)
          .map((text) => [text.split(/Goes|Stays/)[0], text]),
      );
      expect(rows['team/app:build-1']).toMatch(/Goes.*\(built\).*older than 30d/);
      expect(rows['team/app:build-4']).toMatch(/Stays.*among the newest 1/);
      expect(rows['team/app:latest']).toMatch(/Stays.*protected by latest/);
      expect(rows['team/app:v1.0']).toMatch(/Stays.*protected by v\*/);
      await screenshotBothSchemes(page, 'cleanup-preview');
      await screenshotAt(page, 'cleanup-preview', 1024, 700);

      await page.getByRole('button', { name: 'Delete 3 tags…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete 3 tags?' });
      await screenshotBothSchemes(page, 'cleanup-confirm');
      await dialog.getByRole('button', { name: 'Delete 3 tags' }).click();
      await expect
        .poll(() => page.getByRole('status', { name: 'Cleanup result' }).textContent(), {
          timeout: WORK_WAIT_MS,
        })
        .toMatch(/Deleted 3 tags; 0 skipped, 0 failed/);
      await screenshotBothSchemes(page, 'cleanup-result');
      expect(await skopeoTags('team/app')).toEqual(['build-4', 'latest', 'v1.0']);
      // The run is a job like any other: Transfers shows it with each tag's outcome.
      await page
        .getByRole('list', { name: 'Sections' })
        .getByRole('button', { name: /^Transfers/ })
        .click();
      await page
        .getByText(/clean up 3 tags in/)
        .first()
        .waitFor();
      await screenshotBothSchemes(page, 'cleanup-transfers');
      expect(await skopeoTags('team/lib')).toEqual(['build-1']);

      // The saved rule is still there after a reload, and previewing it again finds nothing left to delete.
      await page.reload();
      await page
        .getByRole('list', { name: 'Sections' })
        .getByRole('button', { name: /^Storage/ })
        .click();
      await page.getByRole('tab', { name: 'Cleanup rules' }).click();
      await page.getByRole('button', { name: 'Preview old builds' }).click();
      await page.getByRole('button', { name: 'Nothing to delete' }).waitFor({ timeout: WORK_WAIT_MS });
      await screenshotAt(page, 'cleanup-again', 1024, 700);
    },
    E2E_TEST_MS,
  );

  it(
    'shows a rule broken by hand in the settings file, keeps the others and the registry usable, and removes it',
    async () => {
      const file = path.join(root, 'data', 'config.json');
      const settings = JSON.parse(await readFile(file, 'utf8')) as { cleanupRules?: unknown[] };
      settings.cleanupRules = [
        ...(settings.cleanupRules ?? []),
        { name: 'hand edit', connection: 'local', repositories: 'team/*', keep: -1, protect: [] },
      ];
      await writeFile(file, JSON.stringify(settings));
      await page.reload();
      await page
        .getByRole('list', { name: 'Sections' })
        .getByRole('button', { name: /^Storage/ })
        .click();
      await page.getByRole('tab', { name: 'Cleanup rules' }).click();
      const alert = page.getByRole('alert', { name: 'Rules that cannot be run' });
      await expect
        .poll(() => alert.textContent(), { timeout: UI_WAIT_MS })
        .toMatch(/One saved rule cannot be run.*hand edit: keep: keep 0 or more tags/);
      await page.getByRole('button', { name: 'Preview old builds' }).waitFor();
      await screenshotBothSchemes(page, 'cleanup-unreadable-rule');
      await screenshotAt(page, 'cleanup-unreadable-rule', 1024, 700);
      await alert.getByRole('button', { name: 'Remove hand edit' }).click();
      await alert.waitFor({ state: 'detached', timeout: UI_WAIT_MS });
      const after = JSON.parse(await readFile(file, 'utf8')) as { cleanupRules: { name: string }[] };
      expect(after.cleanupRules.map((rule) => rule.name)).toEqual(['old builds']);
    },
    E2E_TEST_MS,
  );
});
