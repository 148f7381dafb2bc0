// Adding and editing connections end to end, through Debian's Chromium and the real browser host: a
// registry signed by a CA nobody trusts (the dialog shows the CA's fingerprint and trusts it for that
// connection only), editing a saved connection, client certificates, and a registry that hides its catalog.
import { randomUUID, X509Certificate } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
import {
  launchChromium,
  openPage,
  recordReceived,
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
import { showTags } from '../fixtures/explorer-page.js';

const PASSWORD = 'wonderland-pass';

let keyring: KeyringHandle;
/** htpasswd over TLS, its chain (server certificate + CA) sent in the handshake, the CA trusted by nobody. */
let selfSigned: RegistryHandle;
/** Token auth whose token server never grants the catalog. */
let hidden: RegistryHandle;
/** TLS that requires a client certificate. */
let mutual: RegistryHandle;
let root: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let received: () => Promise<string[]>;

beforeAll(async () => {
  root = await makeTempDir('e2e-connections');
  [keyring, selfSigned, hidden, mutual] = await Promise.all([
    startKeyring(),
    startRegistry({ auth: 'htpasswd', tls: true }),
    startRegistry({
      auth: 'token',
      token: { grant: (user, scope) => (user && scope.type === 'repository' ? scope.actions : []) },
    }),
    startRegistry({ tls: true, clientCertificates: true }),
  ]);
  // Registries made with their own CA often send it along; only then is there a root a user can trust.
  await appendFile(path.join(path.dirname(selfSigned.configPath), 'certs', 'server.crt'), selfSigned.caPem!);
  await selfSigned.restart();
  await Promise.all([
    pushImage(selfSigned, 'team/app', '1.0'),
    pushImage(hidden, 'team/app', '2.0'),
    pushImage(mutual, 'team/app', '3.0'),
  ]);
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: path.join(root, 'data'),
      BERTH_KEYCHAIN_SERVICE: `BerthTest-e2e-${randomUUID()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
    }),
  );
  await host.logIn();
  browser = await launchChromium();
}, E2E_SETUP_MS);

beforeEach(async () => {
  ({ context, page } = await openPage(browser, { timeoutMs: UI_WAIT_MS, url: host.url }));
  received = recordReceived(page);
});

// Whatever a test did, no password came back to the page.
afterEach(async () => {
  const bodies = await received();
  await context?.close();
  expect(bodies.length).toBeGreaterThan(0);
  for (const body of bodies) for (const secret of [PASSWORD]) expect(body).not.toContain(secret);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await Promise.all([selfSigned?.stop(), hidden?.stop(), mutual?.stop()]);
  await keyring?.stop();
  if (root) await removeDir(root);
});

const shoot = (name: string) => screenshotBothSchemes(page, name);

async function openAddDialog(): Promise<Locator> {
  await page.getByRole('button', { name: 'Add connection' }).first().click();
  return page.getByRole('dialog', { name: 'Add connection' });
}

function sidebarEntry(name: string): Locator {
  return page
    .getByRole('navigation', { name: 'Connections' })
    .getByRole('button', { name: new RegExp(name) });
}

/** A property of the element that has the keyboard focus (tests compile without the DOM types). */
function focused(property: 'textContent' | 'ariaLabel'): Promise<string | null> {
  return page.evaluate(`document.activeElement?.${property} ?? null`);
}

/** How the tests before save each connection through the dialog, for a test that runs without them. */
const drafts = () => ({
  selfsigned: {
    url: `https://${selfSigned.host}`,
    username: 'alice',
    secret: PASSWORD,
    trustCertificate: selfSigned.caPem!,
  },
  trusted: {
    url: `https://${selfSigned.host}`,
    username: 'alice',
    secret: PASSWORD,
    trustCertificate: selfSigned.caPem!,
  },
  mutual: {
    url: `https://${mutual.host}`,
    tls: {
      caFile: mutual.caFile!,
      certFile: mutual.clientCert!.certFile,
      keyFile: mutual.clientCert!.keyFile,
    },
  },
  hidden: { url: `http://${hidden.host}`, username: 'alice', secret: PASSWORD },
});

/** Saves whichever of `names` are missing (in that order, through the API), then reloads the page. */
async function ensureConnections(...names: Array<keyof ReturnType<typeof drafts>>): Promise<void> {
  const listed = await host.call<{ connections: Array<{ name: string }> }>('connections.list', {});
  const saved = new Set(listed.body.value.connections.map((connection) => connection.name));
  for (const name of names) {
    if (saved.has(name)) continue;
    const added = await host.call('connections.add', { name, ...drafts()[name] });
    expect(added.body.ok, JSON.stringify(added.body.error)).toBe(true);
  }
  await page.reload();
}

async function expectTag(repository: string, tag: string): Promise<void> {
  await page.getByLabel('Open repository by name').fill(repository);
  await page.keyboard.press('Enter');
  await page
    .getByRole('listbox', { name: `Tags of ${repository}` })
    .getByRole('option', { name: tag })
    .waitFor();
}

describe('connections in a browser', { timeout: E2E_TEST_MS }, () => {
  it('shows the fingerprint of a CA nobody trusts and trusts it for that connection only', async () => {
    const dialog = await openAddDialog();
    await dialog.getByLabel('Registry URL', { exact: true }).fill(`https://${selfSigned.host}`);
    await dialog.getByLabel('Name', { exact: true }).fill('selfsigned');
    await dialog.getByLabel('Username', { exact: true }).fill('alice');
    await dialog.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Save' }).click();
    const prompt = dialog.getByRole('region', { name: 'Unknown certificate' });
    await prompt.waitFor();
    // The code is a data attribute (for bug reports); the text is the sentence.
    expect(await dialog.getByRole('alert').textContent()).toMatch(
      /certificate signed by an unknown authority/,
    );
    expect(await dialog.getByRole('alert').getAttribute('data-code')).toBe('TLS');
    const caFingerprint = new X509Certificate(selfSigned.caPem!).fingerprint256;
    expect(await prompt.getByLabel('SHA-256 fingerprint').textContent()).toBe(caFingerprint);
    await prompt.getByText('Berth Test Registry CA').first().waitFor();
    await prompt.getByText('localhost, IP Address:127.0.0.1', { exact: false }).waitFor();
    await shoot('trust-certificate');

    await prompt.getByRole('button', { name: 'Trust this certificate for this connection only' }).click();
    await dialog.waitFor({ state: 'detached' });
    await sidebarEntry('selfsigned').waitFor();
    await showTags(page, 'team/app', '1.0');
    // The tag pane fetches the pages after the first by itself; the listing ends with no error.
    const tagPane = page.getByRole('region', { name: 'Tags' });
    await expect.poll(() => tagPane.locator('.count').textContent(), { timeout: WORK_WAIT_MS }).toBe('1');
    expect(await tagPane.getByRole('alert').count()).toBe(0);
  });

  it('edits a saved connection: a wrong new password changes nothing, a rename keeps browsing', async () => {
    await ensureConnections('selfsigned');
    await sidebarEntry('selfsigned').click();
    await page.getByRole('button', { name: 'Edit connection…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit connection selfsigned' });
    expect(await dialog.getByLabel('Registry URL', { exact: true }).inputValue()).toBe(selfSigned.host);
    expect(await dialog.getByLabel('Username', { exact: true }).inputValue()).toBe('alice');
    expect(await dialog.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    // The trusted certificate is the connection's CA file, kept in Berth's data folder.
    expect(await dialog.getByLabel('CA certificate file', { exact: true }).inputValue()).toContain(
      path.join(root, 'data', 'trusted-cas'),
    );
    await shoot('edit-connection');

    await dialog.getByLabel('Password', { exact: true }).fill('not-the-password-42');
    await dialog.getByRole('button', { name: 'Save' }).click();
    expect(await dialog.getByRole('alert').textContent()).toMatch(/refused/);
    expect(await dialog.getByRole('alert').getAttribute('data-code')).toBe('AUTH');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Edit connection…' }).click();
    await dialog.getByLabel('Name', { exact: true }).fill('trusted');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await sidebarEntry('trusted').waitFor();
    expect(await sidebarEntry('selfsigned').count()).toBe(0);
    await expectTag('team/app', '1.0');
  });

  it('adds a registry that wants a client certificate once the certificate and key are given', async () => {
    const dialog = await openAddDialog();
    await dialog.getByLabel('Registry URL', { exact: true }).fill(`https://${mutual.host}`);
    await dialog.getByLabel('Name', { exact: true }).fill('mutual');
    await dialog.getByText('TLS and transport').click();
    await dialog.getByLabel('CA certificate file', { exact: true }).fill(mutual.caFile!);
    await dialog.getByRole('button', { name: 'Test' }).click();
    await dialog.getByRole('alert').waitFor();
    await dialog.getByLabel('Client certificate file', { exact: true }).fill(mutual.clientCert!.certFile);
    await dialog.getByLabel('Client key file', { exact: true }).fill(mutual.clientCert!.keyFile);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await sidebarEntry('mutual').waitFor();
    await showTags(page, 'team/app', '3.0');
  });

  it('opens a repository by name where the registry hides its catalog', async () => {
    const dialog = await openAddDialog();
    await dialog.getByLabel('Registry URL', { exact: true }).fill(`http://${hidden.host}`);
    await dialog.getByLabel('Name', { exact: true }).fill('hidden');
    await dialog.getByLabel('Username', { exact: true }).fill('alice');
    await dialog.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await dialog.getByText('Plain HTTP: anyone on the network can read').waitFor();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const repositories = page.getByRole('region', { name: 'Repositories' });
    await repositories.getByText(/does not list its repositories — open one by name/).waitFor();
    expect(await repositories.getByRole('listbox').count()).toBe(0);
    await expectTag('team/app', '2.0');
  });

  it('moves through connections, filters and lists with the keyboard alone', async () => {
    await ensureConnections('trusted', 'mutual', 'hidden');
    await sidebarEntry('trusted').focus();
    await page.keyboard.press('ArrowDown');
    expect(await focused('textContent')).toMatch(/^mutual/);
    await page.keyboard.press('End');
    expect(await focused('textContent')).toMatch(/^hidden/);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByText('mutual').waitFor();

    await page
      .getByRole('listbox', { name: 'Repositories' })
      .getByRole('option', { name: 'team/app' })
      .waitFor();
    await page.getByLabel('Filter repositories').focus();
    await page.keyboard.type('team');
    await page.keyboard.press('ArrowDown');
    expect(await focused('ariaLabel')).toBe('Repositories');
    await page.keyboard.press('Enter');
    await page
      .getByRole('listbox', { name: 'Tags of team/app' })
      .getByRole('option', { name: '3.0' })
      .waitFor();
    await page.getByLabel('Filter tags').focus();
    await page.keyboard.type('3');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'team/app:3.0' }).waitFor();
  });
});
