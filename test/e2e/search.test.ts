// One search across every saved connection, end to end through Debian's Chromium and the real browser
// host: three Distribution registries with different logins (none, htpasswd over TLS, token) found from
// one box, a fourth whose token server never grants the catalog searched by name, starred places on top
// of the sidebar and the results, and the recent list in the empty search.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
import {
  E2E_SETUP_MS,
  E2E_TEST_MS,
  launchChromium,
  openPage,
  recordReceived,
  screenshotAt,
  screenshotBothSchemes,
  UI_WAIT_MS,
  WORK_WAIT_MS,
} from '../fixtures/chromium.js';
import type { ServerResponse } from 'node:http';
import { sendJson, startHostileRegistry, type HostileRegistry } from '../fixtures/hostile-registry.js';
import { pushImage, seedManyRepos } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const PASSWORD = 'wonderland-pass';

let keyring: KeyringHandle;
let plain: RegistryHandle;
let basic: RegistryHandle;
let token: RegistryHandle;
/** Token auth whose token server never grants the catalog: it lists nothing. */
let closed: RegistryHandle;
/** Answers /v2/ but fails its catalog: listed as not searchable, never failing the search. */
let broken: HostileRegistry;
let root: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let received: () => Promise<string[]>;

beforeAll(async () => {
  root = await makeTempDir('e2e-search');
  [keyring, plain, basic, token, closed] = await Promise.all([
    startKeyring(),
    startRegistry(),
    startRegistry({ auth: 'htpasswd', tls: true }),
    startRegistry({ auth: 'token' }),
    startRegistry({
      auth: 'token',
      token: { grant: (user, scope) => (user && scope.type === 'repository' ? scope.actions : []) },
    }),
  ]);
  await Promise.all([
    pushImage(plain, 'shop/cart-service', '1.0'),
    pushImage(basic, 'shop/cart-api', '2.0'),
    pushImage(token, 'billing/cart-worker', '3.0'),
    pushImage(closed, 'vault/cart-ledger', '4.0'),
  ]);
  broken = await startHostileRegistry([
    {
      path: '/v2/_catalog',
      handler: (_request, response: ServerResponse) =>
        sendJson(response, 500, { errors: [{ code: 'UNKNOWN', message: 'database down' }] }),
    },
  ]);
  // Thousands of names in the index, as a real catalog has.
  await seedManyRepos(plain, 2000, 'bulk');
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: path.join(root, 'data'),
      BERTH_KEYCHAIN_SERVICE: `BerthTest-e2e-search-${randomUUID()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
    }),
  );
  await host.logIn();
  const drafts = {
    plain: { url: `http://${plain.host}` },
    basic: {
      url: `https://${basic.host}`,
      tls: { caFile: basic.caFile! },
      username: 'alice',
      secret: PASSWORD,
    },
    token: { url: `http://${token.host}`, username: 'alice', secret: PASSWORD },
    closed: { url: `http://${closed.host}`, username: 'alice', secret: PASSWORD },
    broken: { url: `http://${broken.host}` },
  };
  for (const [name, draft] of Object.entries(drafts)) {
    const added = await host.call('connections.add', { name, ...draft });
    expect(added.body.ok, JSON.stringify(added.body.error)).toBe(true);
  }
  // The first query starts the background refresh; the index is warm when nothing is refreshing.
  const deadline = Date.now() + WORK_WAIT_MS;
  for (;;) {
    const answer = await host.call<{ refreshing: string[] }>('search.query', { text: 'cart' });
    if (answer.body.ok && !answer.body.value.refreshing.length) break;
    if (Date.now() > deadline) throw new Error('the search index was not refreshed in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  browser = await launchChromium();
}, E2E_SETUP_MS);

beforeEach(async () => {
  ({ context, page } = await openPage(browser, { timeoutMs: UI_WAIT_MS, url: host.url }));
  received = recordReceived(page);
});

afterEach(async () => {
  const bodies = await received();
  await context?.close();
  expect(bodies.some((body) => body.includes(PASSWORD))).toBe(false);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await Promise.all([plain?.stop(), basic?.stop(), token?.stop(), closed?.stop(), broken?.stop()]);
  await keyring?.stop();
  await removeDir(root);
});

async function openSearch(): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Connections' }).waitFor();
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Search' });
  await palette.getByRole('combobox', { name: 'Search repositories' }).waitFor();
  return palette;
}

/** Until the results shown are the answer for the text in the box. */
async function settled(palette: Locator): Promise<void> {
  await palette.locator('[role=listbox][aria-busy="false"]').waitFor({ timeout: UI_WAIT_MS });
}

describe('search across registries', () => {
  it(
    'finds a repository across three connections, and by name on one that lists nothing',
    async () => {
      const palette = await openSearch();
      await page.keyboard.type('cart');
      const expected: Array<[string, string]> = [
        ['plain', 'shop/cart-service'],
        ['basic', 'shop/cart-api'],
        ['token', 'billing/cart-worker'],
      ];
      for (const [connection, repository] of expected)
        await palette
          .getByRole('group', { name: new RegExp(`^${connection} ·`) })
          .getByRole('option', { name: new RegExp(repository) })
          .waitFor({ timeout: UI_WAIT_MS });
      // The registry that lists nothing offers the text itself, marked as a guess.
      await palette
        .getByRole('group', { name: /^closed ·/ })
        .getByRole('option', { name: /cart.*by name/ })
        .waitFor();
      expect(await palette.getByText('listed', { exact: true }).count()).toBeGreaterThanOrEqual(3);
      // The registry whose listing failed is named under the results, and the others still answer.
      await palette
        .getByRole('list', { name: 'Registries not listed' })
        .getByText(/^broken could not be listed: /)
        .waitFor();
      await screenshotBothSchemes(page, 'search-results');
      await screenshotAt(page, 'search-results', 1024, 700);

      // Typed whole, the closed registry's repository is one Enter away, with its connection selected.
      await page.keyboard.press('Control+a');
      await page.keyboard.type('vault/cart-ledger');
      const guess = palette
        .getByRole('group', { name: /^closed ·/ })
        .getByRole('option', { name: /vault\/cart-ledger/ });
      await guess.waitFor();
      await settled(palette);
      const options = await palette.getByRole('option').allTextContents();
      const at = options.findIndex((text) => text.startsWith('vault/cart-ledger'));
      for (let step = 0; step < at; step++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await palette.waitFor({ state: 'detached' });
      await page
        .getByRole('listbox', { name: 'Tags of vault/cart-ledger' })
        .getByRole('option', { name: '4.0' })
        .waitFor({ timeout: WORK_WAIT_MS });
      await page
        .getByRole('navigation', { name: 'Connections' })
        .locator('button[aria-current="true"]', { hasText: 'closed' })
        .waitFor();
    },
    E2E_TEST_MS,
  );

  it(
    'keeps the cursor on the result it is on when more results arrive, and Enter opens that one',
    async () => {
      // The first answers lack plain's results and say plain is being listed, so the palette asks again;
      // once the cursor is on a result, the full answer comes, with plain's group above it.
      let isHeld = true;
      await page.route('**/api/search.query', async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as {
          ok: boolean;
          value?: { groups: { connection: string }[]; refreshing: string[] };
        };
        if (isHeld && body.value) {
          body.value.groups = body.value.groups.filter((group) => group.connection !== 'plain');
          body.value.refreshing = ['plain'];
        }
        await route.fulfill({ response, json: body });
      });
      const palette = await openSearch();
      await page.keyboard.type('cart');
      await palette
        .getByRole('group', { name: /^token ·/ })
        .getByRole('option', { name: /billing\/cart-worker/ })
        .waitFor({ timeout: UI_WAIT_MS });
      const options = await palette.getByRole('option').allTextContents();
      const at = options.findIndex((text) => text.startsWith('billing/cart-worker'));
      for (let step = 0; step < at; step++) await page.keyboard.press('ArrowDown');
      const selected = palette.locator('[role=option][aria-selected="true"]');
      expect(await selected.textContent()).toMatch(/^billing\/cart-worker/);
      isHeld = false;
      await palette
        .getByRole('group', { name: /^plain ·/ })
        .getByRole('option', { name: /shop\/cart-service/ })
        .waitFor({ timeout: UI_WAIT_MS });
      expect(await selected.textContent()).toMatch(/^billing\/cart-worker/);
      await page.keyboard.press('Enter');
      await palette.waitFor({ state: 'detached' });
      await page
        .getByRole('listbox', { name: 'Tags of billing/cart-worker' })
        .getByRole('option', { name: '3.0' })
        .waitFor({ timeout: WORK_WAIT_MS });
      await page.unroute('**/api/search.query');
    },
    E2E_TEST_MS,
  );

  it(
    'shows no earlier results for a text longer than a search takes, and takes regex specials as text',
    async () => {
      const palette = await openSearch();
      const box = palette.getByRole('combobox', { name: 'Search repositories' });
      await page.keyboard.type('cart');
      await palette.getByRole('option', { name: /shop\/cart-service/ }).waitFor({ timeout: UI_WAIT_MS });
      // Pasted: 300 characters, more than a search takes. The results for "cart" must not stay.
      await box.fill(`cart ${'x'.repeat(295)}`);
      await palette.getByText(/A search is at most 256 characters/).waitFor({ timeout: UI_WAIT_MS });
      expect(await palette.getByRole('option').count()).toBe(0);
      await page.keyboard.press('Enter');
      expect(await palette.isVisible()).toBe(true);
      await box.fill('(cart|.*)+[');
      await palette
        .getByText(/No repository matches “\(cart\|\.\*\)\+\[” in 5 registries/)
        .waitFor({ timeout: UI_WAIT_MS });
      await page.keyboard.press('Escape');
      await palette.waitFor({ state: 'detached' });
    },
    E2E_TEST_MS,
  );

  it(
    'says nothing matches only once every registry was listed',
    async () => {
      // As on the first search after starting: the index is empty and every registry is being listed.
      await page.route('**/api/search.query', async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as { value?: { groups: unknown[]; refreshing: string[] } };
        if (body.value) Object.assign(body.value, { groups: [], refreshing: ['plain', 'basic'] });
        await route.fulfill({ response, json: body });
      });
      const palette = await openSearch();
      await page.keyboard.type('cart');
      await palette.getByText(/Updating the list of plain, basic/).waitFor({ timeout: UI_WAIT_MS });
      expect(await palette.getByText(/No repository matches/).count()).toBe(0);
      await page.unroute('**/api/search.query');
      await palette.getByRole('option', { name: /shop\/cart-service/ }).waitFor({ timeout: UI_WAIT_MS });
      await page.keyboard.press('Escape');
      await palette.waitFor({ state: 'detached' });
    },
    E2E_TEST_MS,
  );

  it(
    'says whether a registry could not be listed or could not be searched, each once',
    async () => {
      // As for a vendor registry that is down: its listing failed, and so does its own search.
      await page.route('**/api/search.query', async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as { value?: { vendorSearch: string[] } };
        if (body.value) body.value.vendorSearch = ['broken'];
        await route.fulfill({ response, json: body });
      });
      await page.route('**/api/search.vendor', (route) =>
        route.fulfill({
          json: {
            ok: true,
            value: { failed: { connection: 'broken', message: 'its search did not answer' } },
          },
        }),
      );
      const palette = await openSearch();
      await page.keyboard.type('cart');
      const notes = palette.getByRole('list', { name: 'Registries not listed' }).getByRole('listitem');
      await expect
        .poll(() => notes.allTextContents(), { timeout: UI_WAIT_MS })
        .toEqual([
          expect.stringMatching(/^broken could not be listed: .*database down/),
          'broken could not be searched: its search did not answer',
        ]);
      await page.unroute('**/api/search.query');
      await page.unroute('**/api/search.vendor');
      await page.keyboard.press('Escape');
      await palette.waitFor({ state: 'detached' });
    },
    E2E_TEST_MS,
  );

  it(
    'says when nothing matches, and Esc closes the search',
    async () => {
      const palette = await openSearch();
      await page.keyboard.type('no such thing!');
      await palette
        .getByText(/No repository matches “no such thing!” in 5 registries/)
        .waitFor({ timeout: UI_WAIT_MS });
      expect(await palette.getByRole('option').count()).toBe(0);
      await screenshotBothSchemes(page, 'search-none');
      await page.keyboard.press('Escape');
      await palette.waitFor({ state: 'detached' });
    },
    E2E_TEST_MS,
  );

  it(
    'puts a starred repository at the top of the sidebar and of the results',
    async () => {
      await page
        .getByRole('navigation', { name: 'Connections' })
        .getByRole('button', { name: /^token/ })
        .click();
      await page
        .getByRole('listbox', { name: 'Repositories' })
        .getByRole('option', { name: 'billing/cart-worker' })
        .click({ timeout: WORK_WAIT_MS });
      const star = page.getByRole('button', { name: 'Star billing/cart-worker', exact: true });
      if ((await star.getAttribute('aria-pressed')) !== 'true') await star.click();
      await expect.poll(() => star.getAttribute('aria-pressed'), { timeout: UI_WAIT_MS }).toBe('true');
      const starred = page.getByRole('list', { name: 'Starred' });
      await starred.getByRole('button', { name: /billing\/cart-worker/ }).waitFor();

      const palette = await openSearch();
      await page.keyboard.type('cart');
      const first = palette.getByRole('option').first();
      await expect.poll(() => first.textContent(), { timeout: UI_WAIT_MS }).toMatch(/^★billing\/cart-worker/);
      expect(
        await palette.getByRole('group', { name: 'Starred' }).getByRole('option').allTextContents(),
      ).toEqual([expect.stringContaining('billing/cart-worker')]);
      await screenshotBothSchemes(page, 'search-starred');
      // Starred in its results, not listed twice.
      expect(await palette.getByRole('option', { name: /billing\/cart-worker/ }).count()).toBe(1);
      await page.keyboard.press('Escape');

      // An image is starred from its view, and opens from the sidebar with its tag.
      await page
        .getByRole('listbox', { name: 'Tags of billing/cart-worker' })
        .getByRole('option', { name: '3.0' })
        .click({ timeout: WORK_WAIT_MS });
      const imageStar = page.getByRole('button', { name: 'Star billing/cart-worker:3.0', exact: true });
      await imageStar.click();
      await starred.getByRole('button', { name: /billing\/cart-worker:3\.0/ }).waitFor();
      await screenshotBothSchemes(page, 'search-starred-image');

      // Unstarred, they leave the sidebar.
      await imageStar.click();
      await star.click();
      await starred.waitFor({ state: 'detached', timeout: UI_WAIT_MS });
    },
    E2E_TEST_MS,
  );

  it(
    'shows the recently opened repositories and images in the empty search, most recent first',
    async () => {
      for (const [connection, name] of [
        ['plain', 'shop/cart-service'],
        ['basic', 'shop/cart-api'],
      ] as const) {
        const palette = await openSearch();
        await page.keyboard.type(name);
        await palette
          .getByRole('group', { name: new RegExp(`^${connection} ·`) })
          .getByRole('option', { name: new RegExp(name) })
          .waitFor({ timeout: UI_WAIT_MS });
        await page.keyboard.press('Enter');
        await palette.waitFor({ state: 'detached' });
        await page
          .getByRole('listbox', { name: `Tags of ${name}` })
          .getByRole('option')
          .first()
          .waitFor({ timeout: WORK_WAIT_MS });
      }
      const palette = await openSearch();
      const recent = palette.getByRole('group', { name: 'Recent' }).getByRole('option');
      await expect
        .poll(async () => (await recent.allTextContents()).slice(0, 2), { timeout: UI_WAIT_MS })
        .toEqual([
          expect.stringMatching(/^shop\/cart-api.*on basic/),
          expect.stringMatching(/^shop\/cart-service.*on plain/),
        ]);
      await screenshotBothSchemes(page, 'search-recent');
      await screenshotAt(page, 'search-recent', 1024, 700);
      // Enter on the first opens it again.
      await page.keyboard.press('Enter');
      await palette.waitFor({ state: 'detached' });
      await page
        .getByRole('listbox', { name: 'Tags of shop/cart-api' })
        .getByRole('option', { name: '2.0' })
        .waitFor({ timeout: WORK_WAIT_MS });
    },
    E2E_TEST_MS,
  );
  it(
    'takes a removed connection’s stars out of the sidebar and the empty search at once',
    async () => {
      const starredOnBroken = await host.call('places.star', {
        place: { connection: 'broken', repository: 'ops/ledger' },
        isStarred: true,
      });
      expect(starredOnBroken.body.ok).toBe(true);
      await page.reload();
      const starred = page.getByRole('list', { name: 'Starred' });
      await starred.getByRole('button', { name: /ops\/ledger/ }).waitFor({ timeout: UI_WAIT_MS });
      await page
        .getByRole('navigation', { name: 'Connections' })
        .getByRole('button', { name: /^broken/ })
        .click();
      await page.getByRole('button', { name: 'Remove connection' }).click();
      await page
        .getByRole('dialog', { name: 'Remove connection broken?' })
        .getByRole('button', { name: 'Remove' })
        .click();
      await starred.waitFor({ state: 'detached', timeout: UI_WAIT_MS });
      const palette = await openSearch();
      expect(await palette.getByRole('option', { name: /ops\/ledger/ }).count()).toBe(0);
      await page.keyboard.press('Escape');
    },
    E2E_TEST_MS,
  );
});
