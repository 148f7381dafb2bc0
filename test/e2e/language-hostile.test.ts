// The interface language against bad input, through the browser host in Chromium with a real registry: a
// settings file whose language Berth cannot use (the host starts, in the system's language, every
// connection still there), junk in `?lang=`, a connection and an image label written as ICU syntax, HTML,
// apostrophes and bidi marks (shown as written, in Chinese and English), switching twice quickly (the last
// choice wins, on screen and in the file) without losing what was typed, and `preferences.setLanguage`
// refusing anything but a language choice.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
import { E2E_SETUP_MS, E2E_TEST_MS, launchChromium, UI_WAIT_MS } from '../fixtures/chromium.js';
import { pushImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

/** A connection name a user may type: ICU syntax, a tag, apostrophes, a right-to-left override. */
const NAME = "{count} <b>x</b> it's '{q}' \u202Eab\u202C";
/** An image label as any image may carry. */
const LABEL = "{n, plural, other {#}} <i>y</i> ''{z}'' 镜像仓库镜像仓库镜像仓库";

let keyring: KeyringHandle;
let registry: RegistryHandle;
let root: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext | undefined;

const settingsFile = () => path.join(root, 'data', 'config.json');

beforeAll(async () => {
  root = await makeTempDir('e2e-language-hostile');
  [keyring, registry] = await Promise.all([startKeyring(), startRegistry({})]);
  await pushImage(registry, 'team/app', '1.0', { layers: 1, seed: 'hostile', labels: { note: LABEL } });
  await mkdir(path.dirname(settingsFile()), { recursive: true });
  await writeFile(
    settingsFile(),
    JSON.stringify({
      schemaVersion: 1,
      connections: [{ name: NAME, host: registry.host, insecureHttp: true, kind: 'distribution' }],
      language: 'xx',
    }),
  );
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: path.join(root, 'data'),
      BERTH_KEYCHAIN_SERVICE: `BerthTest-e2e-language-hostile-${randomUUID()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
    }),
  );
  await host.logIn();
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

async function open(locale: string, lang?: string): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale });
  context.setDefaultTimeout(UI_WAIT_MS);
  context.setDefaultNavigationTimeout(UI_WAIT_MS);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  const url = new URL(host.url);
  if (lang !== undefined) url.searchParams.set('lang', lang);
  await page.goto(url.toString());
  return page;
}

const sections = (page: Page) => page.getByRole('list', { name: /^(Sections|页面)$/ }).first();

describe('the interface language against bad input', { timeout: E2E_TEST_MS }, () => {
  it('starts in the system language with an unusable language in the file and junk in ?lang=', async () => {
    expect((await host.call('preferences.get', {})).body.value).toEqual({ language: 'system' });
    for (const junk of ['xx', '{count}', '__proto__', 'zh-CN<b>', '']) {
      const page = await open('zh-CN', junk);
      await sections(page).getByRole('button', { name: '镜像仓库', exact: true }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      // The connection is there (the file was not taken for damaged), its name as written.
      await page.getByText(NAME, { exact: true }).first().waitFor();
      await context!.close();
      context = undefined;
    }
  });

  it('shows a connection name and an image label with ICU syntax and HTML as written', async () => {
    for (const [locale, repositories, tagsOf] of [
      ['zh-CN', '仓库', 'team/app 的标签'],
      ['en-US', 'Repositories', 'Tags of team/app'],
    ] as const) {
      const page = await open(locale);
      await page.getByText(NAME, { exact: true }).first().click();
      await page
        .getByRole('listbox', { name: repositories })
        .getByRole('option', { name: 'team/app' })
        .click();
      await page.getByRole('listbox', { name: tagsOf }).getByRole('option', { name: '1.0' }).click();
      await page.getByText(LABEL, { exact: true }).first().waitFor();
      expect(await page.locator('b', { hasText: 'x' }).count()).toBe(0);
      const missing = await page.evaluate<string[]>('[...(window.__berthMissingMessages ?? [])]');
      expect(missing).toEqual([]);
      await context!.close();
      context = undefined;
    }
  });

  it('switches twice quickly: the last choice shows and is remembered, typed text stays', async () => {
    const page = await open('en-US');
    await page.getByText(NAME, { exact: true }).first().click();
    const filter = page.getByPlaceholder('Filter repositories');
    await filter.fill('team');
    const menu = page.locator('.language-menu select');
    await menu.selectOption('zh-CN');
    await menu.selectOption('en');
    await menu.selectOption('zh-CN');
    await sections(page).getByRole('button', { name: '镜像仓库', exact: true }).waitFor();
    await expect(page.getByPlaceholder('筛选仓库').inputValue()).resolves.toBe('team');
    await expect
      .poll(async () => (await host.call('preferences.get', {})).body.value, { timeout: UI_WAIT_MS })
      .toEqual({ language: 'zh-CN' });
    // Nothing later overwrites it, and no refusal is said.
    await page.waitForTimeout(1_000);
    expect((await host.call('preferences.get', {})).body.value).toEqual({ language: 'zh-CN' });
    expect(await page.locator('.language-problem').count()).toBe(0);
    expect(JSON.parse(await readFile(settingsFile(), 'utf8'))).toMatchObject({ language: 'zh-CN' });
    await host.call('preferences.setLanguage', { language: 'system' });
  });

  it('refuses a setLanguage that is not a language choice, and remembers nothing from it', async () => {
    await host.call('preferences.setLanguage', { language: 'en' });
    for (const input of [
      { language: 'xx' },
      { language: 7 },
      { language: null },
      { language: ['zh-CN'] },
      { language: 'zh-CN', extra: '<b>' },
      { language: '__proto__' },
      {},
      null,
      'zh-CN',
    ]) {
      const answer = await host.call('preferences.setLanguage', input);
      expect(answer.body.ok, JSON.stringify(input)).toBe(false);
      expect(answer.body.error.code).toBe('INVALID_INPUT');
    }
    expect((await host.call('preferences.get', {})).body.value).toEqual({ language: 'en' });
    await host.call('preferences.setLanguage', { language: 'system' });
  });
});
