// The explorer in Simplified Chinese: a registry with a few repositories and tags, an index with its
// platforms, and the retag and delete dialogs, in the browser host with ?lang=zh-CN (light and dark
// screenshots under test-output/screenshots/zh-CN-explorer-*), and in the pseudo-locale, where the
// explorer's own words are all marked.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHostWithLocalConnection, type BerthHost } from '../fixtures/berth-host.js';
import {
  E2E_SETUP_MS,
  E2E_TEST_MS,
  launchChromium,
  openPage,
  screenshotBothSchemes,
  UI_WAIT_MS,
} from '../fixtures/chromium.js';
import { pushImage, pushIndex } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let keyring: KeyringHandle;
let registry: RegistryHandle;
let root: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext | undefined;
let page: Page;

beforeAll(async () => {
  root = await makeTempDir('e2e-explorer-zh');
  [keyring, registry] = await Promise.all([startKeyring(), startRegistry({})]);
  await pushImage(registry, 'team/app', '1.0', { layers: 2, seed: 'zh-app' });
  await pushImage(registry, 'team/app', '1.1', { layers: 2, seed: 'zh-app-2' });
  await pushImage(registry, 'team/web', 'latest', { layers: 1, seed: 'zh-web' });
  await pushIndex(registry, 'tools/multi', 'latest', {
    format: 'oci',
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64' },
    ],
    seed: 'zh-multi',
    layers: 2,
  });
  host = await startHostWithLocalConnection({
    root,
    registryHost: registry.host,
    label: 'explorer-zh',
    env: (extra) => keyring.env(extra),
  });
  browser = await launchChromium();
}, E2E_SETUP_MS);

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await Promise.all([registry?.stop(), keyring?.stop()]);
  if (root) await removeDir(root);
});

/** The host's page with `?lang=` before the fragment that carries the token. */
function urlIn(language: string): string {
  const url = new URL(host.url);
  url.searchParams.set('lang', language);
  return url.toString();
}

async function openLocal(language: string): Promise<void> {
  ({ context, page } = await openPage(browser, { timeoutMs: UI_WAIT_MS, url: urlIn(language) }));
  await page.getByRole('button', { name: /local/ }).first().click();
}

describe('the explorer in Chinese', () => {
  it(
    'shows its panes, an image with platforms and the retag and delete dialogs in Chinese',
    async () => {
      await openLocal('zh-CN');
      const repositories = page.getByRole('listbox', { name: '仓库' });
      await repositories.getByRole('option', { name: 'tools/multi' }).waitFor();
      await expect(page.getByRole('heading', { name: '仓库', exact: true }).textContent()).resolves.toBe(
        '仓库',
      );
      await repositories.getByRole('option', { name: 'tools/multi' }).click();
      await page
        .getByRole('listbox', { name: 'tools/multi 的标签' })
        .getByRole('option', { name: 'latest' })
        .click();
      const image = page.getByRole('region', { name: '镜像' });
      await image.getByRole('heading', { name: '平台' }).waitFor();
      await image.getByRole('button', { name: 'linux/arm64', exact: true }).click();
      await image.getByText('当前显示 linux/arm64').waitFor();
      await expect(image.getByRole('heading', { name: '层', exact: true }).count()).resolves.toBe(1);
      await screenshotBothSchemes(page, 'zh-CN-explorer-image');

      await image.getByRole('button', { name: '重新打标签…' }).click();
      const retag = page.getByRole('dialog');
      await retag.getByLabel('新标签').waitFor();
      await screenshotBothSchemes(page, 'zh-CN-explorer-retag');
      await retag.getByRole('button', { name: /^(取消|Cancel)$/ }).click();

      await image.getByRole('button', { name: '更多标签操作' }).click();
      await page.getByRole('menuitem', { name: '删除镜像…' }).click();
      const remove = page.getByRole('dialog');
      await remove.getByText('这些标签会一起删除：latest。').waitFor();
      await screenshotBothSchemes(page, 'zh-CN-explorer-delete-image');
      await remove.getByRole('button', { name: /^(取消|Cancel)$/ }).click();

      await repositories.getByRole('option', { name: 'team/app' }).click();
      const tags = page.getByRole('listbox', { name: 'team/app 的标签' });
      await tags.getByRole('option', { name: '1.0' }).click({ modifiers: ['Control'] });
      await tags.getByRole('option', { name: '1.1' }).click({ modifiers: ['Control'] });
      await page.getByRole('toolbar', { name: '已选标签' }).getByText('已选 2 个').waitFor();
      await page.getByRole('button', { name: '删除所选…' }).click();
      await page
        .getByRole('dialog', { name: '删除 team/app 的 2 个标签？' })
        .getByRole('button', { name: '删除 2 个标签' })
        .waitFor();
      await screenshotBothSchemes(page, 'zh-CN-explorer-delete-tags');
    },
    E2E_TEST_MS,
  );

  it(
    'marks every word of the image view in the pseudo-locale',
    async () => {
      await openLocal('en-XA');
      await page.getByRole('option', { name: 'tools/multi' }).click();
      await page.getByRole('option', { name: 'latest' }).click();
      const image = page.locator('section.image-view');
      await image.locator('#platforms-heading').waitFor();
      // English words outside a marked message, data (translate="no") or code: none in the image view.
      const unmarked = await image.evaluate((section) => {
        const found: string[] = [];
        const walker = section.ownerDocument.createTreeWalker(section, 4 /* NodeFilter.SHOW_TEXT */);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const parent = node.parentElement!;
          if (parent.closest('[translate="no"], code, pre, kbd, .visually-hidden')) continue;
          const text = (node.textContent ?? '').replace(/⟦[^⟧]*⟧/g, '');
          if (/[A-Za-z]{2,}/.test(text)) found.push(text.trim());
        }
        return found;
      });
      await screenshotBothSchemes(page, 'en-XA-explorer-image');
      // The shared components' own buttons (More, Copy) are components/'s words, translated there.
      expect(unmarked.filter((text) => !['More', 'Copy'].includes(text))).toEqual([]);
    },
    E2E_TEST_MS,
  );
});
