// The tag rows' lazy details end to end: the real browser host in front of a real docker-registry, driven
// through Debian's Chromium. Each row on screen shows its manifest's short digest and its size (an image)
// or platform badges (an index), checked against what the fixture pushed; and the page asks the core for the
// rows on screen only, which the test reads from the requests the page sends.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatBytes } from '../fixtures/i18n.js';
import { startHostWithLocalConnection, type BerthHost } from '../fixtures/berth-host.js';
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
import { pushImage, pushIndex, seedManyTags, type PushedImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const MANY = 3000;

let keyring: KeyringHandle;
let registry: RegistryHandle;
let root: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let app: PushedImage;
let multi: PushedImage & { children: PushedImage[] };
let many: string[];
/** The tags of every `registry.tagSummary` request the page sent, one array per request. */
const summaryRequests: string[][] = [];

beforeAll(async () => {
  root = await makeTempDir('e2e-tag-details');
  [keyring, registry] = await Promise.all([startKeyring(), startRegistry({})]);
  app = await pushImage(registry, 'team/app', '1.0', { layers: 3, layerSize: 200 * 1024 });
  multi = await pushIndex(registry, 'team/app', 'multi', {
    format: 'oci',
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
    ],
  });
  many = await seedManyTags(registry, 'team/many', MANY);
  host = await startHostWithLocalConnection({
    root,
    registryHost: registry.host,
    label: 'tag-details',
    env: (extra) => keyring.env(extra),
  });
  browser = await launchChromium();
}, E2E_SETUP_MS);

beforeEach(async () => {
  summaryRequests.length = 0;
  ({ context, page } = await openPage(browser, { timeoutMs: UI_WAIT_MS }));
  page.on('request', (request) => {
    if (request.url().endsWith('/api/registry.tagSummary'))
      summaryRequests.push((request.postDataJSON() as { tags: string[] }).tags);
  });
  await page.goto(host.url);
});

afterEach(async () => {
  await context?.close();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await Promise.all([registry?.stop(), keyring?.stop()]);
  if (root) await removeDir(root);
});

async function openRepository(repository: string): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /local/ }).click();
  await page.getByRole('listbox', { name: 'Repositories' }).getByRole('option', { name: repository }).click();
  const tags = page.getByRole('listbox', { name: `Tags of ${repository}` });
  await tags.getByRole('option').first().waitFor();
  return tags;
}

/** A row's details: the text of the element its option names as its description. */
function detailsOf(tags: Locator, tag: string): Promise<string> {
  return tags.getByRole('option', { name: tag, exact: true }).evaluate((option) =>
    // As shown: text a narrow pane hides (display: none) is left out, lines and badges read as spaces.
    (option.ownerDocument.getElementById(option.getAttribute('aria-describedby') ?? '')?.innerText ?? '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** The tags whose rows the list's viewport shows (a row cut by the edge counts). */
function rowsOnScreen(tags: Locator): Promise<string[]> {
  return tags.evaluate((list) => {
    const view = list.getBoundingClientRect();
    return [...list.querySelectorAll('[role="option"]')]
      .filter((option) => {
        const row = option.getBoundingClientRect();
        return row.bottom > view.top && row.top < view.bottom;
      })
      .map((option) => option.getAttribute('aria-label') ?? '');
  });
}

const shortDigest = (digest: string) => digest.slice(0, 'sha256:'.length + 12);

describe('tag rows with details', { timeout: E2E_TEST_MS }, () => {
  it('shows an image’s short digest and size, and an index’s digest and platforms', async () => {
    const tags = await openRepository('team/app');
    const imageSize = app.configBytes.length + app.layers.reduce((sum, layer) => sum + layer.size, 0);
    await expect
      .poll(() => detailsOf(tags, '1.0'), { timeout: WORK_WAIT_MS })
      .toBe(`${shortDigest(app.digest)} · ${formatBytes(imageSize)}`);
    await expect
      .poll(() => detailsOf(tags, 'multi'), { timeout: WORK_WAIT_MS })
      .toBe(`linux/amd64 linux/arm64/v8 ${shortDigest(multi.digest)}`);
    // The row's name is still the tag alone: the details are its description.
    expect(await tags.getByRole('option', { name: 'multi', exact: true }).getAttribute('aria-label')).toBe(
      'multi',
    );
    await screenshotBothSchemes(page, 'tag-details');
    await screenshotAt(page, 'tag-details', 1024, 700);
  });

  it('asks only for the rows on screen, in batches of at most 50, and again only for where the list stops', async () => {
    const tags = await openRepository('team/many');
    const first = many[0]!;
    await expect.poll(() => detailsOf(tags, first), { timeout: WORK_WAIT_MS }).not.toBe('loading details');
    const onScreen = await rowsOnScreen(tags);
    const asked = summaryRequests.flat();
    expect(onScreen.length).toBeGreaterThan(5);
    // Every row on screen is asked for, and little else: on a loaded machine a request can go out while
    // the list is still settling (its first page of 1,000 arrives before the rest), and take rows that
    // were on screen a moment before (seen: 34 asked for 20 shown), but never the thousands below.
    expect(asked).toEqual(expect.arrayContaining(onScreen));
    expect(asked.length).toBeLessThan(3 * onScreen.length);
    expect(asked.every((tag) => many.indexOf(tag) < 1000)).toBe(true);
    expect(asked).toHaveLength(new Set(asked).size);
    expect(summaryRequests.every((batch) => batch.length <= 50)).toBe(true);

    // Jump to the end: only the last screen is asked for, nothing of the 2,900-odd rows in between.
    await tags.focus();
    await page.keyboard.press('End');
    const last = many.at(-1)!;
    await expect.poll(() => detailsOf(tags, last), { timeout: WORK_WAIT_MS }).toContain(' · ');
    const atEnd = await rowsOnScreen(tags);
    const askedAfter = summaryRequests.flat().slice(asked.length);
    expect(askedAfter).toEqual(expect.arrayContaining(atEnd));
    expect(askedAfter.length).toBeLessThan(3 * atEnd.length);
    expect(askedAfter.every((tag) => many.indexOf(tag) >= many.length - 1000)).toBe(true);
    expect(summaryRequests.flat().length).toBeLessThan(3 * (onScreen.length + atEnd.length));
    await screenshotBothSchemes(page, 'tag-details-many');
  });
});
