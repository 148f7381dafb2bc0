// Your registries, Storage and Cleanup rules in Simplified Chinese (`?lang=zh-CN`) and the pseudo-locale
// (`?lang=en-XA`): a running and a stopped registry of the user's own (docker-registry processes), the
// create and garbage collection dialogs, a storage scan of a saved registry and a cleanup rule's preview.
// Screenshots in both schemes go to test-output/screenshots/zh-CN-*.png.
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHostWithLocalConnection, type BerthHost } from '../fixtures/berth-host.js';
import {
  launchChromium,
  openPage,
  screenshotBothSchemes,
  UI_WAIT_MS,
  WORK_WAIT_MS,
  E2E_TEST_MS,
  E2E_SETUP_MS,
} from '../fixtures/chromium.js';
import { pushImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { freePort, makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

let keyring: KeyringHandle;
let registry: RegistryHandle;
let root: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext | undefined;
let page: Page;

/** The host's page with the interface language forced for this load. */
function urlIn(lang: string): string {
  const url = new URL(host.url);
  url.searchParams.set('lang', lang);
  return url.toString();
}

async function open(lang: string): Promise<void> {
  ({ context, page } = await openPage(browser, { timeoutMs: UI_WAIT_MS }));
  await page.goto(urlIn(lang));
}

/** A section of the sidebar, by its English, Chinese or pseudo name (the sidebar is translated elsewhere). */
async function section(name: RegExp): Promise<void> {
  await page.locator('ul.section-nav').getByRole('button', { name }).click();
}

beforeAll(async () => {
  root = await makeTempDir('e2e-servers-zh');
  [keyring, registry] = await Promise.all([startKeyring(), startRegistry({ deleteEnabled: true })]);
  for (const [tag, days] of [
    ['build-1', 300],
    ['build-2', 2],
    ['latest', 300],
  ] as const)
    await pushImage(registry, 'team/app', tag, { created: daysAgo(days) });
  host = await startHostWithLocalConnection({
    root,
    registryHost: registry.host,
    label: 'servers-zh',
    // No engine answers here, so the registries run as docker-registry processes.
    env: (extra) => keyring.env({ ...extra, DOCKER_HOST: `unix://${path.join(root, 'no-engine.sock')}` }),
  });
  await host.logIn();
  const [runningPort, stoppedPort] = await Promise.all([freePort(), freePort()]);
  for (const [name, port, start] of [
    ['shelf', runningPort, true],
    ['attic', stoppedPort, false],
  ] as const) {
    const created = await host.call('servers.create', {
      name,
      port,
      bind: '127.0.0.1',
      tls: start ? { mode: 'self-signed' } : { mode: 'none' },
      ...(start ? { user: 'alice', secret: 'alice-pass-42' } : {}),
      runtime: 'process',
      start,
    });
    expect(created.body.ok, JSON.stringify(created.body.error)).toBe(true);
  }
  await host.call('prune.saveRule', {
    rule: { name: 'old builds', connection: 'local', repositories: 'team/app', keep: 1, protect: ['latest'] },
  });
  browser = await launchChromium();
}, E2E_SETUP_MS);

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
  await host?.call('servers.stop', { name: 'shelf' }).catch(() => undefined);
  await host?.stop();
  await registry?.stop();
  await keyring?.stop();
  if (root) await removeDir(root);
});

describe('Your registries, Storage and Cleanup in Chinese', () => {
  it(
    'shows the cards, the create and garbage collection dialogs in zh-CN',
    async () => {
      await open('zh-CN');
      await section(/^(Your registries|自建镜像仓库)/);
      await page.getByRole('heading', { level: 1, name: '自建镜像仓库' }).waitFor();
      const shelf = page.getByRole('article', { name: 'shelf' });
      const attic = page.getByRole('article', { name: 'attic' });
      await shelf.getByText('运行中', { exact: true }).waitFor({ timeout: WORK_WAIT_MS });
      await attic.getByText('已停止', { exact: true }).waitFor();
      expect(await attic.textContent()).toContain('无（明文 HTTP）');
      expect(await shelf.textContent()).toContain('自签名（Berth 自己的 CA 证书）');
      await screenshotBothSchemes(page, 'zh-CN-servers', { fullPage: true });

      await page.getByRole('button', { name: '新建镜像仓库' }).click();
      const create = page.getByRole('dialog', { name: '新建镜像仓库' });
      await create.getByText('拉取缓存（镜像加速器）').waitFor();
      await screenshotBothSchemes(page, 'zh-CN-servers-create');
      await page.keyboard.press('Escape');
      await create.waitFor({ state: 'detached' });

      await shelf.getByRole('button', { name: '垃圾回收…' }).click();
      const gc = page.getByRole('dialog', { name: '对 shelf 进行垃圾回收' });
      await gc.getByRole('button', { name: '试运行' }).click();
      await expect
        .poll(() => gc.getByRole('status').first().textContent(), { timeout: WORK_WAIT_MS })
        .toMatch(/没有可删除的内容；存储当前占用/);
      await screenshotBothSchemes(page, 'zh-CN-servers-gc');
    },
    E2E_TEST_MS,
  );

  it(
    'scans a registry and previews a cleanup rule in zh-CN',
    async () => {
      await open('zh-CN');
      await section(/^(Storage|存储)/);
      await page.getByRole('heading', { level: 1, name: '存储' }).waitFor();
      await page.getByRole('button', { name: '扫描', exact: true }).click();
      await page.getByRole('heading', { name: '按大小排列的仓库' }).waitFor({ timeout: WORK_WAIT_MS });
      expect(await page.locator('.usage-subject').textContent()).toMatch(
        /local 的存储 · 用时 [\d.]+ 秒读取了 3 个标签/,
      );
      await screenshotBothSchemes(page, 'zh-CN-storage', { fullPage: true });

      await page.getByRole('tab', { name: '清理规则' }).click();
      await page.getByRole('button', { name: '预览 old builds' }).click();
      const table = page.getByRole('table', { name: '规则保留和删除的标签' });
      await table.waitFor({ timeout: WORK_WAIT_MS });
      const rows = (await table.getByRole('row').allTextContents()).slice(1).join('\n');
      expect(rows).toMatch(/team\/app:build-1删除.*不属于最新的 1 个/);
      expect(rows).toMatch(/team\/app:latest保留.*受 latest 保护/);
      await page.getByRole('button', { name: '删除 1 个标签…' }).waitFor();
      await screenshotBothSchemes(page, 'zh-CN-cleanup', { fullPage: true });
    },
    E2E_TEST_MS,
  );

  it(
    'marks every word of the cards in the pseudo-locale',
    async () => {
      await open('en-XA');
      await section(/(Your registries|Ýöûŕ ŕéĝîšţŕîéš)/);
      const shelf = page.getByRole('article', { name: 'shelf' });
      await shelf.getByText('⟦ŕûññîñĝ⟧', { exact: false }).first().waitFor({ timeout: WORK_WAIT_MS });
      await screenshotBothSchemes(page, 'zh-CN-servers-pseudo', { fullPage: true });
    },
    E2E_TEST_MS,
  );
});
