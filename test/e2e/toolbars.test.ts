// The image view's tag actions and the selected repository's actions fit their row: adding "Save to
// file…" and "Load…" wrapped "Delete image…" under the others at 1440×900 and the repository's actions at
// 1024×700. Every action stays reachable by its role and name, the rarely used ones through "More".
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHostWithLocalConnection, type BerthHost } from '../fixtures/berth-host.js';
import {
  launchChromium,
  openPage,
  screenshotBothSchemes,
  UI_WAIT_MS,
  E2E_TEST_MS,
  E2E_SETUP_MS,
} from '../fixtures/chromium.js';
import { pushImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let keyring: KeyringHandle;
let registry: RegistryHandle;
let root: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  root = await makeTempDir('e2e-toolbars');
  [keyring, registry] = await Promise.all([startKeyring(), startRegistry({ deleteEnabled: true })]);
  await pushImage(registry, 'team/app', '1.0', { layers: 1, seed: 'toolbars' });
  host = await startHostWithLocalConnection({
    root,
    registryHost: registry.host,
    label: 'toolbars',
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
  await Promise.all([registry?.stop(), keyring?.stop()]);
  if (root) await removeDir(root);
});

async function openTag(repository: string, tag: string): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /local/ }).click();
  await page.getByLabel('Open repository by name').fill(repository);
  await page.keyboard.press('Enter');
  const tags = page.getByRole('listbox', { name: `Tags of ${repository}` });
  await tags.getByRole('option', { name: tag, exact: true }).click();
  const image = page.getByRole('region', { name: 'Image' });
  await image.getByRole('heading', { name: `${repository}:${tag}` }).waitFor();
  return image;
}

/** The distinct top edges of a row's visible controls: one when nothing wrapped. */
function rowsOf(row: Locator): Promise<number[]> {
  return row.evaluate((element) => {
    const tops = new Set<number>();
    // The test's tsconfig has no DOM types.
    type Box = { width: number; height: number; top: number };
    const buttons = element.querySelectorAll('button') as unknown as ArrayLike<{
      getBoundingClientRect(): Box;
    }>;
    for (const child of Array.from(buttons)) {
      const box = child.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) tops.add(Math.round(box.top));
    }
    return [...tops];
  });
}

/** The accessible name of the focused element. */
const focused = () =>
  page.evaluate(() => {
    const element = (
      globalThis as unknown as {
        document: {
          activeElement: { getAttribute(n: string): string | null; textContent: string | null } | null;
        };
      }
    ).document.activeElement;
    return element?.getAttribute('aria-label') ?? element?.textContent?.trim() ?? '';
  });

describe('toolbars that fit', () => {
  for (const [width, height] of [
    [1440, 900],
    [1024, 700],
  ] as const) {
    it(
      `at ${width}×${height} the repository's actions sit on one row under its name${width === 1440 ? ', and the tag actions on one row' : ''}`,
      async () => {
        await page.setViewportSize({ width, height });
        const image = await openTag('team/app', '1.0');
        const toolbar = image.getByRole('toolbar', { name: 'Tag actions' });
        const repository = page.getByRole('toolbar', { name: 'Actions of team/app' });
        await screenshotBothSchemes(page, `toolbars-${width}x${height}`);
        // At 1024×700 the image view is 400 px wide: its actions take two even rows, as before archives.
        if (width === 1440) expect(await rowsOf(toolbar)).toHaveLength(1);
        expect(await rowsOf(repository)).toHaveLength(1);
        await repository.getByRole('button', { name: 'More actions for team/app' }).click();
        await screenshotBothSchemes(page, `toolbars-repository-menu-${width}x${height}`);
        await page.keyboard.press('Escape');
        await toolbar.getByRole('button', { name: 'More tag actions' }).click();
        await screenshotBothSchemes(page, `toolbars-tag-menu-${width}x${height}`);
      },
      E2E_TEST_MS,
    );
  }

  it(
    'More opens from the keyboard on its first action, arrows move, Escape closes it back onto the button',
    async () => {
      const image = await openTag('team/app', '1.0');
      const more = image.getByRole('button', { name: 'More tag actions' });
      expect(await more.getAttribute('aria-haspopup')).toBe('menu');
      expect(await more.getAttribute('aria-expanded')).toBe('false');
      await more.focus();
      await page.keyboard.press('Enter');
      const menu = page.getByRole('menu', { name: 'More tag actions' });
      await menu.waitFor();
      expect(await more.getAttribute('aria-expanded')).toBe('true');
      expect(await more.getAttribute('aria-controls')).toBe(await menu.getAttribute('id'));
      expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Delete tag…', 'Delete image…']);
      expect(await focused()).toBe('Delete tag…');
      await page.keyboard.press('ArrowDown');
      expect(await focused()).toBe('Delete image…');
      await page.keyboard.press('ArrowDown');
      expect(await focused()).toBe('Delete tag…');
      await page.keyboard.press('End');
      expect(await focused()).toBe('Delete image…');
      await page.keyboard.press('Escape');
      await expect.poll(() => menu.count(), { timeout: UI_WAIT_MS }).toBe(0);
      expect(await focused()).toBe('More tag actions');
      expect(await more.getAttribute('aria-expanded')).toBe('false');

      // ↑ opens on the last action; Enter runs it, and its dialog gives the focus back to More.
      await page.keyboard.press('ArrowUp');
      await menu.waitFor();
      expect(await focused()).toBe('Delete image…');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: /Delete tag 1.0/ });
      await dialog.waitFor();
      expect(await menu.count()).toBe(0);
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(focused, { timeout: UI_WAIT_MS }).toBe('More tag actions');

      // A click elsewhere closes it.
      await more.click();
      await menu.waitFor();
      await image.getByRole('heading', { name: 'team/app:1.0' }).click();
      await expect.poll(() => menu.count(), { timeout: UI_WAIT_MS }).toBe(0);
    },
    E2E_TEST_MS,
  );
});
