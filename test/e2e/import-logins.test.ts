// Importing Docker's and Podman's logins in a browser, through the real browser host: a login the real
// `podman login` wrote into $XDG_RUNTIME_DIR/containers/auth.json (copied into the keychain), a
// `credHelpers` entry of Docker's config.json served by a helper of the test's own (asked each time,
// nothing copied), and a plain `auths` entry left unticked. Both imported connections then browse their
// registries, the helper-served one says which helper signs it in, and no password reaches the page.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
import {
  launchChromium,
  openPage,
  recordReceived,
  screenshotAt,
  screenshotBothSchemes,
  UI_WAIT_MS,
  E2E_TEST_MS,
  E2E_SETUP_MS,
} from '../fixtures/chromium.js';
import { installTestHelper, type TestHelper } from '../fixtures/docker-helper.js';
import { showTags } from '../fixtures/explorer-page.js';
import { pushImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { podmanLogin } from '../fixtures/podman.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const PODMAN_PASSWORD = 'podman-pass-83';
const HELPER_PASSWORD = 'helper-pass-29';
const DOCKER_PASSWORD = 'docker-pass-17';
const SECRETS = [PODMAN_PASSWORD, HELPER_PASSWORD, DOCKER_PASSWORD];
const b64 = (text: string) => Buffer.from(text).toString('base64');

let keyring: KeyringHandle;
/** htpasswd over TLS; its login comes from Podman's auth.json. */
let podmanRegistry: RegistryHandle;
/** htpasswd over TLS; its login comes from `docker-credential-berthtest`. */
let helperRegistry: RegistryHandle;
let helper: TestHelper;
let root: string;
let runtimeAuthFile: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let received: () => Promise<string[]>;

beforeAll(async () => {
  root = await makeTempDir('e2e-import-logins');
  [keyring, podmanRegistry, helperRegistry] = await Promise.all([
    startKeyring(),
    startRegistry({ auth: 'htpasswd', tls: true, users: { pat: PODMAN_PASSWORD } }),
    startRegistry({ auth: 'htpasswd', tls: true, users: { hal: HELPER_PASSWORD } }),
  ]);
  await Promise.all([
    pushImage(podmanRegistry, 'team/podman-app', '1.0'),
    pushImage(helperRegistry, 'cloud/api', '2.4'),
  ]);
  const home = path.join(root, 'home');
  const binDir = path.join(root, 'bin');
  await Promise.all(
    [path.join(home, '.docker'), path.join(root, 'runtime'), path.join(root, 'config'), binDir].map((dir) =>
      mkdir(dir, { recursive: true }),
    ),
  );
  // Podman's and Docker's folders are this test's own (no DOCKER_CONFIG: Podman would write there).
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_RUNTIME_DIR: path.join(root, 'runtime'),
    XDG_CONFIG_HOME: path.join(root, 'config'),
    PATH: `${binDir}${path.delimiter}${process.env.PATH}`,
  };
  delete env.DOCKER_CONFIG;
  delete env.REGISTRY_AUTH_FILE;
  await podmanLogin(podmanRegistry, { username: 'pat', password: PODMAN_PASSWORD, env });
  runtimeAuthFile = path.join(root, 'runtime', 'containers', 'auth.json');
  helper = await installTestHelper(binDir, {
    entries: { [helperRegistry.host]: { Username: 'hal', Secret: HELPER_PASSWORD } },
  });
  await writeFile(
    path.join(home, '.docker', 'config.json'),
    JSON.stringify({
      auths: { 'registry.example.com': { auth: b64(`dora:${DOCKER_PASSWORD}`) } },
      credHelpers: { [helperRegistry.host]: 'berthtest' },
    }),
  );
  const trusted = path.join(root, 'trusted-cas.pem');
  await writeFile(trusted, `${podmanRegistry.caPem}\n${helperRegistry.caPem}`);
  host = await BerthHost.start(
    keyring.env({
      HOME: home,
      XDG_RUNTIME_DIR: env.XDG_RUNTIME_DIR,
      XDG_CONFIG_HOME: env.XDG_CONFIG_HOME,
      PATH: env.PATH,
      BERTH_DATA_DIR: path.join(root, 'data'),
      BERTH_KEYCHAIN_SERVICE: `BerthTest-e2e-${randomUUID()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
      NODE_EXTRA_CA_CERTS: trusted,
    }),
  );
  await host.logIn();
  browser = await launchChromium();
}, E2E_SETUP_MS);

beforeEach(async () => {
  ({ context, page } = await openPage(browser, { timeoutMs: UI_WAIT_MS, url: host.url }));
  received = recordReceived(page);
});

afterEach(async () => {
  const bodies = await received();
  await context?.close();
  expect(bodies.length).toBeGreaterThan(0);
  for (const body of bodies) for (const secret of SECRETS) expect(body).not.toContain(secret);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await Promise.all([podmanRegistry?.stop(), helperRegistry?.stop()]);
  await keyring?.stop();
  if (root) await removeDir(root);
});

describe("importing Docker's and Podman's logins in a browser", { timeout: E2E_TEST_MS }, () => {
  it('copies a Podman login, asks the helper each time for a helper login, and both browse', async () => {
    await page.getByRole('button', { name: 'Import from Docker…' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Import from Docker and Podman' });
    const logins = dialog.getByRole('list', { name: 'Docker logins' });
    const podmanRow = logins.getByRole('listitem').filter({ hasText: podmanRegistry.host });
    const helperRow = logins.getByRole('listitem').filter({ hasText: helperRegistry.host });
    const dockerRow = logins.getByRole('listitem').filter({ hasText: 'registry.example.com' });
    await podmanRow.getByText(`pat · in ${runtimeAuthFile}`).waitFor();
    await podmanRow.getByText('Podman', { exact: true }).waitFor();
    await helperRow.getByText('hal · docker-credential-berthtest (credHelpers)').waitFor();
    await helperRow.getByText('asks the helper each time').waitFor();
    await dockerRow.getByText('dora · in config.json').waitFor();

    const ask = dialog.getByRole('radio', { name: 'Ask the helper each time' });
    expect(await ask.isChecked()).toBe(true);
    await dockerRow.getByRole('checkbox').uncheck();
    await dialog.getByRole('checkbox', { name: "Copy the passwords into Berth's keychain" }).check();
    await screenshotBothSchemes(page, 'import-logins');
    await screenshotAt(page, 'import-logins', 1024, 700);

    await dialog.getByRole('button', { name: 'Import 2' }).click();
    const results = page.getByRole('dialog', { name: 'Imported from Docker' });
    await results
      .getByText(`Imported as ${podmanRegistry.host}, password copied to the keychain`, { exact: true })
      .waitFor();
    await results
      .getByText(`Imported as ${helperRegistry.host}, signed in through docker-credential-berthtest`, {
        exact: true,
      })
      .waitFor();
    await screenshotBothSchemes(page, 'import-logins-results');
    await results.getByRole('button', { name: 'Done' }).click();
    await results.waitFor({ state: 'detached' });

    // The overview says who signs the helper-served connection in.
    const overview = page.getByRole('list', { name: 'Saved connections' });
    await overview
      .getByRole('listitem')
      .filter({ hasText: helperRegistry.host })
      .getByText('Signed in through docker-credential-berthtest')
      .waitFor();
    await screenshotBothSchemes(page, 'connection-overview-helper');
    await screenshotAt(page, 'connection-overview-helper', 1024, 700);

    const sidebar = page.getByRole('navigation', { name: 'Connections' });
    await sidebar.getByRole('button', { name: new RegExp(podmanRegistry.host.replace('.', '\\.')) }).click();
    await showTags(page, 'team/podman-app', '1.0');
    await sidebar.getByRole('button', { name: new RegExp(helperRegistry.host.replace('.', '\\.')) }).click();
    await showTags(page, 'cloud/api', '2.4');
    expect((await helper.calls()).filter((call) => call.action === 'get').length).toBeGreaterThan(0);

    // Nothing the helper answered was stored: the settings name the helper, never a password.
    const settings = await readFile(path.join(root, 'data', 'config.json'), 'utf8');
    expect(settings).toContain('"credentialHelper": "berthtest"');
    for (const secret of SECRETS) expect(settings).not.toContain(secret);
  });

  it('says in the connection dialog which helper signs the connection in', async () => {
    const sidebar = page.getByRole('navigation', { name: 'Connections' });
    await sidebar.getByRole('button', { name: new RegExp(helperRegistry.host.replace('.', '\\.')) }).click();
    await page.getByRole('button', { name: 'Edit connection…' }).click();
    const dialog = page.getByRole('dialog', { name: /Edit connection/ });
    await dialog
      .getByText(/Signed in through docker-credential-berthtest: Berth asks it for the login each time/)
      .waitFor();
    await screenshotBothSchemes(page, 'edit-connection-helper');
  });
});
