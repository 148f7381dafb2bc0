// The kind of registry in the connection dialog: the login hint a cloud registry's address brings up by
// itself (Alibaba Cloud, Tencent Cloud, Huawei Cloud), a kind chosen by hand with the API address it may
// need (GitLab), and both saved with the connection — never a secret in the settings file.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
import {
  E2E_SETUP_MS,
  E2E_TEST_MS,
  launchChromium,
  openPage,
  screenshotBothSchemes,
  UI_WAIT_MS,
  WORK_WAIT_MS,
} from '../fixtures/chromium.js';
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
  root = await makeTempDir('e2e-connection-kinds');
  [keyring, registry] = await Promise.all([startKeyring(), startRegistry({ auth: 'htpasswd' })]);
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: path.join(root, 'data'),
      BERTH_KEYCHAIN_SERVICE: `BerthTest-e2e-kinds-${randomUUID()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
    }),
  );
  await host.logIn();
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
  await Promise.all([registry?.stop(), keyring?.stop()]);
  await removeDir(root);
});

async function openAddConnection(): Promise<ReturnType<Page['getByRole']>> {
  await page
    .getByRole('button', { name: /add connection/i })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: 'Add connection' });
  await dialog.waitFor({ timeout: UI_WAIT_MS });
  return dialog;
}

it(
  "a cloud registry's address brings up its login hint, in the dialog's own words",
  async () => {
    const dialog = await openAddConnection();
    const address = dialog.getByLabel('Registry URL');
    await address.fill('registry.cn-hangzhou.aliyuncs.com');
    await expect
      .poll(() => dialog.locator('.kind-hint').textContent(), { timeout: UI_WAIT_MS })
      .toMatch(/Alibaba Cloud account name.*Access Credential/);
    await screenshotBothSchemes(page, 'connection-kind-aliyun');
    await address.fill('myteam.tencentcloudcr.com');
    await expect
      .poll(() => dialog.locator('.kind-hint').textContent(), { timeout: UI_WAIT_MS })
      .toMatch(/Tencent Cloud account ID/);
    await address.fill('swr.cn-north-4.myhuaweicloud.com');
    await expect
      .poll(() => dialog.locator('.kind-hint').textContent(), { timeout: UI_WAIT_MS })
      .toMatch(/region@Access-Key-ID/);
    // A look-alike host is nobody's: no hint.
    await address.fill('registry.cn-hangzhou.aliyuncs.com.example.net');
    await expect.poll(() => dialog.locator('.kind-hint').count(), { timeout: UI_WAIT_MS }).toBe(0);
  },
  E2E_TEST_MS,
);

it(
  'a kind chosen by hand is saved with its API address, and the secret stays out of the settings file',
  async () => {
    const dialog = await openAddConnection();
    await dialog.getByLabel('Registry URL').fill(`http://${registry.host}`);
    await dialog.getByLabel('Name', { exact: true }).fill('team-gitlab');
    expect(await dialog.getByLabel('API address').count()).toBe(0);
    await dialog.getByLabel('Kind of registry').selectOption({ label: 'GitLab' });
    await dialog.getByLabel('API address').fill('http://127.0.0.1:9/gitlab');
    await expect
      .poll(() => dialog.locator('.kind-hint').textContent(), { timeout: UI_WAIT_MS })
      .toMatch(/personal access token with read_registry/);
    await screenshotBothSchemes(page, 'connection-kind-gitlab');
    await dialog.getByLabel('Username').fill('alice');
    // GitLab takes a personal access token, as its hint says: the secret's field is named for it.
    expect(await dialog.getByLabel('Secret kind').inputValue()).toBe('access-token');
    await dialog.getByLabel('Access token', { exact: true }).fill('wonderland-pass');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached', timeout: WORK_WAIT_MS });
    const settings = await readFile(path.join(root, 'data', 'config.json'), 'utf8');
    const saved = (JSON.parse(settings) as { connections: Record<string, unknown>[] }).connections.find(
      (connection) => connection.name === 'team-gitlab',
    );
    expect(saved).toMatchObject({ kind: 'gitlab', apiUrl: 'http://127.0.0.1:9/gitlab', username: 'alice' });
    expect(settings).not.toContain('wonderland-pass');
  },
  E2E_TEST_MS,
);
