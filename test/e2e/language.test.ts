// The interface language end to end, through the browser host in Chromium: a browser whose locale is
// zh-CN opens in Chinese; the sidebar's language menu switches to 简体中文 and back at once, remembered
// across a reload; and the shell's screens (sidebar, overview, connection dialogs, search, shortcuts, an
// error) in Chinese and in the pseudo-locale, light and dark, as screenshots to look at.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
import {
  E2E_SETUP_MS,
  E2E_TEST_MS,
  launchChromium,
  screenshotBothSchemes,
  UI_WAIT_MS,
} from '../fixtures/chromium.js';
import { freePort, makeTempDir, removeDir } from '../fixtures/process.js';

let root: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext | undefined;
/** A port nothing listens on: the saved connection to it is down, with a reason to show. */
let closedPort: number;

beforeAll(async () => {
  root = await makeTempDir('e2e-language');
  closedPort = await freePort();
  host = await BerthHost.start({
    ...process.env,
    BERTH_DATA_DIR: path.join(root, 'data'),
    BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
  });
  await host.logIn();
  browser = await launchChromium();
}, E2E_SETUP_MS);

afterEach(async () => {
  await context?.close();
  context = undefined;
  // Every test starts from the system's language.
  await host.call('preferences.setLanguage', { language: 'system' });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (root) await removeDir(root);
});

/** The host's address with `?lang=` before its `#token=…` fragment, or as it is. */
function addressFor(lang?: string): string {
  const url = new URL(host.url);
  if (lang) url.searchParams.set('lang', lang);
  return url.toString();
}

async function open(options: { locale?: string; lang?: string } = {}): Promise<Page> {
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    colorScheme: 'light',
    ...(options.locale ? { locale: options.locale } : {}),
  });
  context.setDefaultTimeout(UI_WAIT_MS);
  context.setDefaultNavigationTimeout(UI_WAIT_MS);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(addressFor(options.lang));
  return page;
}

const sections = (page: Page) => page.getByRole('list', { name: /^(Sections|页面)$/ }).first();

describe('the interface language', { timeout: E2E_TEST_MS }, () => {
  it('opens in Chinese for a browser whose language is Chinese', async () => {
    const page = await open({ locale: 'zh-CN' });
    await sections(page).getByRole('button', { name: '镜像仓库', exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect(page.getByRole('combobox', { name: '语言' }).inputValue()).resolves.toBe('system');
    expect(await page.getByRole('option', { name: '跟随系统（简体中文）' }).count()).toBe(1);
  });

  it('switches to 简体中文 and back from the sidebar at once, remembered across a reload', async () => {
    const page = await open({ locale: 'en-US' });
    const nav = sections(page);
    await nav.getByRole('button', { name: 'Registries', exact: true }).waitFor();
    expect(await page.getByRole('option', { name: 'System (English)' }).count()).toBe(1);

    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await nav.getByRole('button', { name: '镜像仓库', exact: true }).waitFor();
    await page.getByRole('button', { name: '添加连接' }).first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect
      .poll(async () => (await host.call('preferences.get', {})).body.value, { timeout: UI_WAIT_MS })
      .toEqual({ language: 'zh-CN' });

    await page.reload();
    await sections(page).getByRole('button', { name: '镜像仓库', exact: true }).waitFor();

    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await sections(page).getByRole('button', { name: 'Registries', exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect
      .poll(async () => (await host.call('preferences.get', {})).body.value, { timeout: UI_WAIT_MS })
      .toEqual({ language: 'en' });
  });
});

/** The shell's screens, each as a screenshot in light and dark; no message missing from the catalogue. */
async function tour(page: Page, name: string) {
  const shot = (screen: string) => screenshotBothSchemes(page, `${name}-${screen}`);
  await page.getByRole('main').waitFor();
  // The overview: the connection down, with its reason.
  await page.locator('.overview-reason').first().waitFor();
  await shot('overview');
  // Add connection, tested against the closed port: an error view.
  await page.locator('.sidebar-footer .button.primary').click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('input').first().fill(`http://127.0.0.1:${closedPort}`);
  await dialog.locator('select').first().selectOption('aliyun');
  await dialog.locator('.dialog-actions .button').first().click();
  await dialog.locator('.error-view').waitFor();
  await shot('add-connection');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  // Import from Docker (the host's data folder has no Docker logins).
  await page.locator('.sidebar-footer .button.ghost').click();
  await page.getByRole('dialog').locator('.docker-empty, .docker-logins').first().waitFor();
  await shot('import-docker');
  await page.keyboard.press('Escape');
  // The search, and the shortcuts.
  await page.locator('.sidebar-search').click();
  await page.getByRole('dialog').locator('input').fill('nothing-here');
  await page.waitForTimeout(500);
  await shot('search');
  await page.keyboard.press('Escape');
  await page.locator('body').press('?');
  await page.getByRole('dialog').waitFor();
  await shot('shortcuts');
  await page.keyboard.press('Escape');
  // The explorer of the connection that is down: its status bar says why.
  await page.locator('.connection-list button.connection').first().click();
  await page.locator('.connection-status').waitFor();
  await shot('status');
  // A string: the tests compile without the DOM's types.
  const missing = await page.evaluate<string[]>('[...(window.__berthMissingMessages ?? [])]');
  expect(missing).toEqual([]);
}

describe('a language choice the settings file refuses', { timeout: E2E_TEST_MS }, () => {
  const settingsFile = () => path.join(root, 'data', 'config.json');

  afterEach(async () => {
    await rm(settingsFile(), { force: true });
  });

  it('switches anyway and says it is not remembered', async () => {
    await mkdir(path.dirname(settingsFile()), { recursive: true });
    await writeFile(settingsFile(), '{ "connections": [ damaged');
    const page = await open({ locale: 'en-US' });
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await sections(page).getByRole('button', { name: '镜像仓库', exact: true }).waitFor();
    await expect(page.getByRole('status').filter({ hasText: '无法记住此选择' }).innerText()).resolves.toMatch(
      /damaged/,
    );
  });
});

describe('the shell in Chinese and in the pseudo-locale', { timeout: E2E_TEST_MS }, () => {
  beforeAll(async () => {
    await host.call('connections.add', {
      name: 'down',
      url: `http://127.0.0.1:${closedPort}`,
      saveIfUnreachable: true,
    });
  });

  it('shows the sidebar, dialogs, search, shortcuts and an error in Chinese', async () => {
    const page = await open({ lang: 'zh-CN' });
    await tour(page, 'zh-CN');
    // The error of the Test in the add dialog, in Chinese by its problem.
    await page.getByRole('button', { name: '添加连接' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input').first().fill(`http://127.0.0.1:${closedPort}`);
    // The cloud registries' logins as their Chinese consoles say it.
    const kind = dialog.getByRole('combobox', { name: '镜像仓库类型' });
    const hint = dialog.locator('.kind-hint');
    await kind.selectOption('aliyun');
    await expect(hint.innerText()).resolves.toMatch(/访问凭证.*固定密码/);
    await kind.selectOption('tencent');
    await expect(hint.innerText()).resolves.toMatch(/长期访问凭证/);
    await kind.selectOption('huawei');
    await expect(hint.innerText()).resolves.toMatch(/长期有效登录指令/);
    await kind.selectOption('detect');
    await dialog.getByRole('button', { name: '测试', exact: true }).click();
    await expect(dialog.locator('.error-message').innerText()).resolves.toBe(
      `127.0.0.1:${closedPort}：连接被拒绝`,
    );
  });

  it('shows the same screens in the pseudo-locale, no message missing from the catalogue', async () => {
    const page = await open({ lang: 'en-XA' });
    await tour(page, 'en-XA');
  });
});
