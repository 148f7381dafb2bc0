// GHCR and Docker Hub in the explorer, end to end: the real browser host in front of stand-ins for GitHub's
// REST API and Docker Hub's API (each answering from a real docker-registry, every answer checked against
// the vendor's published description), driven through Debian's Chromium. The explorer lists the GitHub
// login's and its organisation's packages (not another user's), and the tag pane shows the push dates the
// vendor gives and sorts newest first by them.
import path from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
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
import { pushImage, pushIndex } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import { startHubStandIn } from '../fixtures/vendor-api/dockerhub/stand-in.js';
import { startGithubStandIn } from '../fixtures/vendor-api/github/stand-in.js';
import type { StandIn } from '../fixtures/vendor-api/stand-in.js';

const TOKEN = 'ghp_e2eStandInToken0123456789abcdefghij';
const NO_SCOPE_TOKEN = 'ghp_e2eNoPackagesScope0123456789abcdef';

let keyring: KeyringHandle;
let registry: RegistryHandle;
let github: StandIn;
/** A second GitHub for a connection whose token lacks read:packages (one connection per address). */
let githubNoScope: StandIn;
let hub: StandIn;
let root: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const digests: Record<string, string> = {};

beforeAll(async () => {
  root = await makeTempDir('e2e-vendor-ghcr');
  [keyring, registry] = await Promise.all([startKeyring(), startRegistry({ auth: 'none' })]);
  for (const [repository, tag] of [
    ['alice/app', '1.0'],
    ['alice/app', '1.1'],
    ['alice/app', '2.0'],
    ['alice/tools/builder', 'edge'],
    ['acme/api', 'v1'],
    ['acme/private-web', '3'],
    ['bob/secret', '1'],
  ] as const)
    digests[`${repository}:${tag}`] = (
      await pushImage(registry, repository, tag, { layers: 1, seed: `${repository}:${tag}` })
    ).digest;
  await pushIndex(registry, 'team/app', '1', {
    format: 'oci',
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64' },
    ],
    seed: 'e2e-hub',
    layers: 1,
  });
  await pushImage(registry, 'team/app', '2', { layers: 1, seed: 'e2e-hub-2' });
  await pushImage(registry, 'team/app', 'old', { layers: 1, seed: 'e2e-hub-old' });
  // 1.1 was pushed last: "newest first" puts it above 2.0, which sorts first by version.
  github = await startGithubStandIn({
    registryUrl: registry.url,
    users: [{ login: 'alice', token: TOKEN, scopes: ['read:packages'], orgs: ['acme'] }],
    organizations: ['acme'],
    dates: {
      [`alice/app@${digests['alice/app:1.0']}`]: '2026-03-02T10:00:00Z',
      [`alice/app@${digests['alice/app:1.1']}`]: '2026-11-20T16:45:00Z',
      [`alice/app@${digests['alice/app:2.0']}`]: '2026-06-15T08:30:00Z',
    },
  });
  githubNoScope = await startGithubStandIn({
    registryUrl: registry.url,
    users: [{ login: 'alice', token: NO_SCOPE_TOKEN, scopes: ['repo'], orgs: [] }],
    organizations: [],
  });
  hub = await startHubStandIn({
    registryUrl: registry.url,
    dates: {
      'team/app:1': '2026-09-01T12:00:00.000000Z',
      'team/app:2': '2026-02-10T12:00:00.000000Z',
      'team/app:old': '2026-11-30T12:00:00.000000Z',
    },
  });
  const dataDir = path.join(root, 'data');
  await mkdir(dataDir, { recursive: true });
  await writeFile(
    path.join(dataDir, 'config.json'),
    JSON.stringify({
      connections: [{ name: 'hub', host: hub.host, insecureHttp: true, kind: 'dockerhub' }],
    }),
  );
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: dataDir,
      BERTH_KEYCHAIN_SERVICE: `BerthTest-e2e-vendor-ghcr-${randomUUID()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
      BERTH_HUB_ORIGIN: hub.url,
    }),
  );
  await host.logIn();
  const added = await host.call('connections.add', {
    name: 'ghcr',
    url: `http://${github.host}`,
    username: 'alice',
    secret: TOKEN,
    kind: 'ghcr',
    apiUrl: github.url,
  });
  expect(added.body.ok, JSON.stringify(added.body.error)).toBe(true);
  const noScope = await host.call('connections.add', {
    name: 'ghcr-no-scope',
    url: `http://${githubNoScope.host}`,
    username: 'alice',
    secret: NO_SCOPE_TOKEN,
    kind: 'ghcr',
    apiUrl: githubNoScope.url,
  });
  expect(noScope.body.ok, JSON.stringify(noScope.body.error)).toBe(true);
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
  await Promise.all([github?.stop(), githubNoScope?.stop(), hub?.stop()]);
  await Promise.all([registry?.stop(), keyring?.stop()]);
  if (root) await removeDir(root);
});

const repositories = () => page.getByRole('listbox', { name: 'Repositories' });

async function openConnection(name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Connections' })
    .getByRole('button', { name: new RegExp(`^${name}(?![\\w-])`) })
    .click();
}

describe('GHCR in the explorer', { timeout: E2E_TEST_MS }, () => {
  it("lists the login's and its organisation's packages, and the tags with GitHub's push dates, newest first", async () => {
    await openConnection('ghcr');
    await repositories()
      .getByRole('option', { name: 'alice/app', exact: true })
      .waitFor({ timeout: WORK_WAIT_MS });
    // The organisation's packages come after the user's, page by page.
    const names = () =>
      repositories()
        .getByRole('option')
        .allTextContents()
        .then((all) => all.join(' '));
    await expect.poll(names, { timeout: WORK_WAIT_MS }).toMatch(/acme\/.*api.*private-web/);
    expect(await names()).not.toMatch(/bob|secret/);

    await repositories().getByRole('option', { name: 'alice/app', exact: true }).click();
    const tags = page.getByRole('listbox', { name: 'Tags of alice/app' });
    const row = (tag: string) => tags.getByRole('option', { name: tag, exact: true });
    await expect
      .poll(() => row('1.1').locator('time').getAttribute('datetime'), { timeout: WORK_WAIT_MS })
      .toBe('2026-11-20T16:45:00Z');
    expect(await row('1.1').locator('time').getAttribute('title')).toMatch(/^Pushed /);
    expect(await row('1.0').locator('time').textContent()).toBe('2026-03-02');

    await page.getByLabel('Sort tags').selectOption('date');
    await expect
      .poll(
        () =>
          tags
            .getByRole('option')
            .allInnerTexts()
            .then((rows) => rows.map((text) => text.split('\n')[0])),
        {
          timeout: UI_WAIT_MS,
        },
      )
      .toEqual(['1.1', '2.0', '1.0']);
    await screenshotBothSchemes(page, 'explorer-ghcr');
    await screenshotAt(page, 'explorer-ghcr', 1024, 700);
    expect(github.invalid).toEqual([]);
    expect(github.validated).toBeGreaterThan(0);
  });
});

describe('adding a GHCR connection', { timeout: E2E_TEST_MS }, () => {
  it('says which token GitHub wants and where a GitHub Enterprise API lives', async () => {
    await page.getByRole('button', { name: 'Add connection' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Kind of registry').selectOption('ghcr');
    await expect
      .poll(() => dialog.getByLabel('API address').getAttribute('placeholder'), { timeout: UI_WAIT_MS })
      .toBe('https://api.github.com');
    await dialog
      .getByText(/personal access token \(classic\) with read:packages/)
      .waitFor({ timeout: UI_WAIT_MS });
    await dialog.getByText(/On GitHub Enterprise the API address is https:\/\/YOUR-HOST\/api\/v3/).waitFor();
    // The secret's field is named for what the hint asks for, not "Password".
    expect(await dialog.getByLabel('Access token', { exact: true }).count()).toBe(1);
    expect(await dialog.getByLabel('Password', { exact: true }).count()).toBe(0);
    await screenshotBothSchemes(page, 'connection-dialog-ghcr');
  });
});

describe('GHCR with a token that may not read packages', { timeout: E2E_TEST_MS }, () => {
  it('says which scope the token needs and where to put the new one, without the token', async () => {
    await openConnection('ghcr-no-scope');
    const error = page.getByRole('alert').filter({ hasText: /read:packages/ });
    await error.waitFor({ timeout: WORK_WAIT_MS });
    const text = await error.innerText();
    expect(text).toMatch(/GitHub wants a token with the read:packages scope/);
    expect(text).toMatch(/personal access token \(classic\).*Edit connection/s);
    expect(text).not.toMatch(/berth |--/);
    expect(await page.content()).not.toContain(NO_SCOPE_TOKEN);
    await screenshotBothSchemes(page, 'explorer-ghcr-no-scope');
    expect(githubNoScope.invalid).toEqual([]);
  });
});

describe('Docker Hub tags in the explorer', { timeout: E2E_TEST_MS }, () => {
  it("shows Hub's push dates and sorts newest first by them", async () => {
    await openConnection('hub');
    // Docker Hub lists no catalog: the repository is opened by name, as people do.
    await page.getByPlaceholder('Open: team/app').fill('team/app');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    const tags = page.getByRole('listbox', { name: 'Tags of team/app' });
    await expect
      .poll(
        () => tags.getByRole('option', { name: 'old', exact: true }).locator('time').getAttribute('datetime'),
        {
          timeout: WORK_WAIT_MS,
        },
      )
      .toBe('2026-11-30T12:00:00.000000Z');
    // The index's row: two platforms and Hub's date share one line in the default pane, the date whole.
    const indexDate = tags.getByRole('option', { name: '1', exact: true }).locator('time');
    await expect.poll(() => indexDate.textContent(), { timeout: WORK_WAIT_MS }).toBe('2026-09-01');
    const dateBox = await indexDate.boundingBox();
    const listBox = await tags.boundingBox();
    expect(dateBox && listBox && dateBox.x + dateBox.width <= listBox.x + listBox.width).toBe(true);
    await page.getByLabel('Sort tags').selectOption('date');
    await expect
      .poll(
        () =>
          tags
            .getByRole('option')
            .allInnerTexts()
            .then((rows) => rows.map((text) => text.split('\n')[0])),
        {
          timeout: UI_WAIT_MS,
        },
      )
      .toEqual(['old', '1', '2']);
    await screenshotBothSchemes(page, 'explorer-hub-tags');
    await screenshotAt(page, 'explorer-hub-tags', 1024, 700);
    // Sorted newest first in a small window's narrow pane, every row keeps the date the order is read by
    // (the index's platforms give way instead: the image view lists them).
    await page.setViewportSize({ width: 1024, height: 700 });
    for (const tag of ['old', '1', '2'])
      expect(
        await tags.getByRole('option', { name: tag, exact: true }).locator('time').isVisible(),
        tag,
      ).toBe(true);
    // …and no "+1" is left alone without the badge it counts beyond.
    expect(await tags.locator('.platform-more:visible').count()).toBe(0);
    await screenshotAt(page, 'explorer-hub-tags-by-date', 1024, 700);
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(hub.invalid).toEqual([]);
    expect(hub.validated).toBeGreaterThan(0);
  });
});
