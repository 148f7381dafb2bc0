// "Import from Docker" end to end, through Debian's Chromium and the real browser host: a temp
// DOCKER_CONFIG whose `auths` hold a login for an htpasswd registry (imported with its password, then
// browsed) and one for a registry Berth already has (offered but disabled). The password must never
// reach the page.
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
import {
  launchChromium,
  openPage,
  recordReceived,
  screenshotBothSchemes,
  UI_WAIT_MS,
  E2E_TEST_MS,
  E2E_SETUP_MS,
} from '../fixtures/chromium.js';
import { pushImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import { showTags } from '../fixtures/explorer-page.js';

const PASSWORD = 'wonderland-pass';
const SAVED_PASSWORD = 'dave-secret-31';
const b64 = (text: string) => Buffer.from(text).toString('base64');

let keyring: KeyringHandle;
/** htpasswd over TLS, its CA trusted the way Docker would need it: by the system (Node's extra CAs). */
let secured: RegistryHandle;
/** Plain HTTP, already saved in Berth before the import. */
let saved: RegistryHandle;
let root: string;
let dockerDir: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let received: () => Promise<string[]>;

beforeAll(async () => {
  root = await makeTempDir('e2e-import-docker');
  [keyring, secured, saved] = await Promise.all([
    startKeyring(),
    startRegistry({ auth: 'htpasswd', tls: true }),
    startRegistry({ auth: 'none' }),
  ]);
  await pushImage(secured, 'team/app', '1.0');
  dockerDir = path.join(root, 'docker');
  await mkdir(dockerDir, { recursive: true });
  await writeFile(
    path.join(dockerDir, 'config.json'),
    JSON.stringify({
      auths: {
        [secured.host]: { auth: b64(`alice:${PASSWORD}`) },
        [saved.host]: { auth: b64(`dave:${SAVED_PASSWORD}`) },
      },
    }),
  );
  const trusted = path.join(root, 'trusted-ca.pem');
  await writeFile(trusted, secured.caPem!);
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: path.join(root, 'data'),
      BERTH_KEYCHAIN_SERVICE: `BerthTest-e2e-${randomUUID()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
      DOCKER_CONFIG: dockerDir,
      // Podman's other file is this test's own (none): no login of the machine's user is offered.
      XDG_CONFIG_HOME: path.join(root, 'config'),
      NODE_EXTRA_CA_CERTS: trusted,
    }),
  );
  await host.logIn();
  const added = await host.call('connections.add', { name: 'scratch', url: `http://${saved.host}` });
  expect(added.body.ok).toBe(true);
  browser = await launchChromium();
}, E2E_SETUP_MS);

beforeEach(async () => {
  ({ context, page } = await openPage(browser, { timeoutMs: UI_WAIT_MS, url: host.url }));
  received = recordReceived(page);
});

// Whatever a test did, no Docker password (plain or as Docker stores it) came back to the page.
afterEach(async () => {
  const bodies = await received();
  await context?.close();
  expect(bodies.length).toBeGreaterThan(0);
  for (const body of bodies)
    for (const secret of [PASSWORD, SAVED_PASSWORD, b64(`alice:${PASSWORD}`)])
      expect(body).not.toContain(secret);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await Promise.all([secured?.stop(), saved?.stop()]);
  await keyring?.stop();
  if (root) await removeDir(root);
});

describe('importing Docker logins in a browser', { timeout: E2E_TEST_MS }, () => {
  it('imports a login with its password and browses the registry with it', async () => {
    await page.getByRole('button', { name: 'Import from Docker…' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Import from Docker' });
    const logins = dialog.getByRole('list', { name: 'Docker logins' });
    const securedLogin = logins.getByRole('checkbox', { name: new RegExp(secured.host) });
    const savedLogin = logins.getByRole('checkbox', { name: new RegExp(saved.host) });
    await securedLogin.waitFor();
    expect(await securedLogin.isChecked()).toBe(true);
    expect(await savedLogin.isDisabled()).toBe(true);
    await logins.getByText('Saved as scratch').waitFor();
    const copy = dialog.getByRole('checkbox', { name: "Copy the passwords into Berth's keychain" });
    expect(await copy.isChecked()).toBe(false);
    await copy.check();
    await screenshotBothSchemes(page, 'import-docker');

    await dialog.getByRole('button', { name: 'Import 1' }).click();
    const results = page.getByRole('dialog', { name: 'Imported from Docker' });
    await results
      .getByText(`Imported as ${secured.host}, password copied to the keychain`, { exact: true })
      .waitFor();
    await screenshotBothSchemes(page, 'import-docker-results');
    await results.getByRole('button', { name: 'Done' }).click();
    await results.waitFor({ state: 'detached' });

    await page
      .getByRole('navigation', { name: 'Connections' })
      .getByRole('button', { name: new RegExp(secured.host.replace('.', '\\.')) })
      .click();
    await showTags(page, 'team/app', '1.0');
  });

  it('says which file it read when Docker has no logins', async () => {
    await writeFile(path.join(dockerDir, 'config.json'), JSON.stringify({ auths: {} }));
    await page.getByRole('button', { name: 'Import from Docker…' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Import from Docker' });
    await dialog.getByText(`Docker has no logins in ${path.join(dockerDir, 'config.json')}`).waitFor();
    expect(await dialog.getByRole('button', { name: 'Import' }).isDisabled()).toBe(true);
    await screenshotBothSchemes(page, 'import-docker-empty');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});
