// Dialogs and shortcuts with the keyboard only, end to end: the real browser host (built renderer, private
// keyring) in front of a real docker-registry, driven through Debian's Chromium. Every dialog opens on a
// field (never on ✕), Enter does the dialog's work, Escape cancels and gives the focus back; `/`, Ctrl+K,
// the arrow keys and `?` do what the shortcuts dialog says.
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
import {
  E2E_SETUP_MS,
  E2E_TEST_MS,
  launchChromium,
  openPage,
  screenshotAt,
  screenshotBothSchemes,
  UI_WAIT_MS,
  WORK_WAIT_MS,
} from '../fixtures/chromium.js';
import { showTags } from '../fixtures/explorer-page.js';
import { startFaultProxy, type FaultProxy } from '../fixtures/fault-proxy.js';
import { pushImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let keyring: KeyringHandle;
let registry: RegistryHandle;
/** The same registry, with every DELETE held for a while: a bulk delete that takes long enough to watch. */
let slow: FaultProxy;
let root: string;
let daemonFile: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  root = await makeTempDir('e2e-dialogs');
  daemonFile = path.join(root, 'daemon.json');
  await writeFile(daemonFile, '{\n  "max-concurrent-downloads": 3\n}\n');
  [keyring, registry] = await Promise.all([startKeyring(), startRegistry({ deleteEnabled: true })]);
  for (const repository of ['team/app', 'team/db', 'team/web', 'keys/retag'])
    await pushImage(registry, repository, '1.0');
  await pushImage(registry, 'team/db', '2.0');
  await pushImage(registry, 'team/app', '1.1');
  await pushImage(registry, 'zz/slow', 'a');
  await pushImage(registry, 'zz/slow', 'b');
  slow = await startFaultProxy(registry, {
    onRequest: (request) => (request.method === 'DELETE' ? { delayMs: 3000 } : undefined),
  });
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: path.join(root, 'data'),
      BERTH_KEYCHAIN_SERVICE: `BerthTest-e2e-${randomUUID()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
      BERTH_DAEMON_CONFIG: daemonFile,
    }),
  );
  await host.logIn();
  const added = await host.call('connections.add', { name: 'local', url: `http://${registry.host}` });
  expect(added.body).toMatchObject({ ok: true });
  const slowAdded = await host.call('connections.add', { name: 'slow', url: `http://${slow.host}` });
  expect(slowAdded.body).toMatchObject({ ok: true });
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
  await slow?.stop();
  await registry?.stop();
  await keyring?.stop();
  if (root) await removeDir(root);
});

/** The app has loaded its connections (and set up its shortcuts): the sidebar lists "local". */
async function appReady(): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Connections' })
    .getByRole('button', { name: /local/ })
    .waitFor();
}

/** The saved connection "local", open in the explorer. */
async function openLocal(): Promise<void> {
  await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /local/ }).click();
  await page.getByRole('listbox', { name: 'Repositories' }).getByRole('option').first().waitFor();
}

/** What has the focus, as a person would name it: its tag, its label, and the dialog it is in (by name). */
function focused(): Promise<{ tag: string; label: string; inDialog: string | null }> {
  return page.locator('body').evaluate((body) => {
    const document = body.ownerDocument;
    const element = document.activeElement;
    const fieldLabel =
      element && 'labels' in element ? (element.labels as ArrayLike<typeof element>)[0] : undefined;
    const label =
      element?.getAttribute('aria-label') ?? fieldLabel?.textContent ?? element?.textContent ?? '';
    const dialog = element?.closest('dialog');
    const title = dialog ? document.getElementById(dialog.getAttribute('aria-labelledby') ?? '') : null;
    return { tag: element?.tagName ?? '', label: label.trim(), inDialog: title?.textContent ?? null };
  });
}

/** Whether `locator` is the focused element. */
const hasFocus = (locator: Locator) =>
  locator.evaluate((element) => element === element.ownerDocument.activeElement);

async function tagsInRegistry(repository: string): Promise<string[]> {
  const response = await fetch(`${registry.url}/v2/${repository}/tags/list`);
  return ((await response.json()) as { tags: string[] | null }).tags ?? [];
}

describe('dialogs with the keyboard', { timeout: E2E_TEST_MS }, () => {
  it('Retag: a tag typed and Enter makes the tag in the registry; an empty one says why and stays', async () => {
    await openLocal();
    await showTags(page, 'keys/retag', '1.0');
    await page
      .getByRole('listbox', { name: 'Tags of keys/retag' })
      .getByRole('option', { name: '1.0' })
      .click();
    await page.getByRole('heading', { name: 'keys/retag:1.0' }).waitFor();
    await page.getByRole('button', { name: 'Retag…', exact: true }).click();
    const retag = page.getByRole('dialog', { name: 'Retag keys/retag:1.0' });
    await expect.poll(() => hasFocus(retag.getByLabel('New tag')), { timeout: UI_WAIT_MS }).toBe(true);

    await page.keyboard.press('Enter');
    await retag.getByRole('alert').filter({ hasText: 'Type the new tag first.' }).waitFor();
    expect(await retag.isVisible()).toBe(true);
    await screenshotBothSchemes(page, 'dialog-retag-reason');

    await page.keyboard.type('by-enter');
    expect(await retag.getByRole('alert').count()).toBe(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => tagsInRegistry('keys/retag'), { timeout: WORK_WAIT_MS }).toContain('by-enter');
    await retag.waitFor({ state: 'detached' });
    // The view moved to the new tag; the focus is on its Retag… again, not lost to the page.
    await page.getByRole('heading', { name: 'keys/retag:by-enter' }).waitFor();
    await expect.poll(async () => (await focused()).label, { timeout: UI_WAIT_MS }).toBe('Retag…');
  });

  it('Delete tag opens on Cancel: a second Enter on "Delete tag…" closes it and deletes nothing', async () => {
    await openLocal();
    await showTags(page, 'keys/retag', '1.0');
    await page
      .getByRole('listbox', { name: 'Tags of keys/retag' })
      .getByRole('option', { name: '1.0' })
      .click();
    await page.getByRole('heading', { name: 'keys/retag:1.0' }).waitFor();
    // Delete tag… is under More: Enter opens the menu on it, a second Enter opens its dialog.
    await page.getByRole('button', { name: 'More tag actions' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused()).label, { timeout: UI_WAIT_MS }).toBe('Delete tag…');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /Delete tag 1\.0/ });
    await dialog.waitFor();
    await expect.poll(async () => (await focused()).label, { timeout: UI_WAIT_MS }).toBe('Cancel');
    // The delete itself is one Tab away, never where the focus starts.
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    expect(await tagsInRegistry('keys/retag')).toContain('1.0');
  });

  it('Add connection opens on the address; Tab stays inside; Escape closes it and gives the focus back', async () => {
    const opener = page.getByRole('button', { name: 'Add connection' }).first();
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Add connection' });
    await expect
      .poll(() => hasFocus(dialog.getByLabel('Registry URL', { exact: true })), { timeout: UI_WAIT_MS })
      .toBe(true);

    await page.keyboard.press('Enter');
    await dialog
      .getByRole('alert')
      .filter({ hasText: /Type the registry’s address first/ })
      .waitFor();
    expect(await dialog.isVisible()).toBe(true);
    await screenshotAt(page, 'dialog-add-connection-reason', 1024, 700);

    const visited = new Set<string>();
    for (let press = 0; press < 25; press++) {
      await page.keyboard.press(press % 5 === 4 ? 'Shift+Tab' : 'Tab');
      const where = await focused();
      expect(where.inDialog, `focus left the dialog at ${where.tag} ${where.label}`).toBe('Add connection');
      visited.add(where.label);
    }
    expect(visited).toContain('Registry URL');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await hasFocus(opener)).toBe(true);
  });

  it('every dialog opens away from ✕ and Escape closes it', async () => {
    await openLocal();
    await showTags(page, 'team/app', '1.0');
    await page
      .getByRole('listbox', { name: 'Tags of team/app' })
      .getByRole('option', { name: '1.0' })
      .click();
    await page.getByRole('heading', { name: 'team/app:1.0' }).waitFor();
    const openers: Array<[string, RegExp | string, () => Promise<void>]> = [
      [
        'Add connection',
        'Add connection',
        () => page.getByRole('button', { name: 'Add connection' }).click(),
      ],
      [
        'Import from Docker',
        'Import from Docker',
        () => page.getByRole('button', { name: /Import from Docker/ }).click(),
      ],
      [
        'Edit connection',
        /Edit connection local/,
        () => page.getByRole('button', { name: 'Edit connection…' }).click(),
      ],
      [
        'Remove connection',
        /Remove connection local/,
        () => page.getByRole('button', { name: 'Remove connection' }).click(),
      ],
      [
        'Retag',
        /Retag team\/app:1.0/,
        () => page.getByRole('button', { name: 'Retag…', exact: true }).click(),
      ],
      ['Copy', /Copy team\/app:1.0/, () => page.getByRole('button', { name: 'Copy to…' }).click()],
      [
        'Delete tag',
        /Delete tag 1.0/,
        async () => {
          await page.getByRole('button', { name: 'More tag actions' }).click();
          await page.getByRole('menuitem', { name: 'Delete tag…' }).click();
        },
      ],
      [
        'Delete image',
        /Delete image by digest/,
        async () => {
          await page.getByRole('button', { name: 'More tag actions' }).click();
          await page.getByRole('menuitem', { name: 'Delete image…' }).click();
        },
      ],
      [
        'Delete repository',
        /Delete repository team\/app/,
        async () => {
          await page.getByRole('button', { name: /^More actions for/ }).click();
          await page.getByRole('menuitem', { name: /^Delete repository/ }).click();
        },
      ],
      ['Search', 'Search', () => page.keyboard.press('Control+k')],
      ['Keyboard shortcuts', 'Keyboard shortcuts', () => page.locator('body').press('?')],
      [
        'New registry',
        'New registry',
        async () => {
          await page
            .getByRole('list', { name: 'Sections' })
            .getByRole('button', { name: /^Your registries/ })
            .click();
          await page.getByRole('button', { name: 'New registry', exact: true }).click();
        },
      ],
    ];
    for (const [what, name, open] of openers) {
      await page.locator('body').click({ position: { x: 1, y: 1 } });
      await open();
      const dialog = page.getByRole('dialog', { name });
      await dialog.waitFor();
      // The dialog settles on its start (a preview may load first); it is never the ✕.
      await expect
        .poll(async () => (await focused()).inDialog !== null && (await focused()).label !== 'Close', {
          timeout: UI_WAIT_MS,
        })
        .toBe(true);
      const where = await focused();
      expect(where.label, `${what} opened on ✕`).not.toBe('Close');
      expect(where.tag, `${what} opened on ${where.label}`).toMatch(/^(INPUT|SELECT|TEXTAREA|BUTTON)$/);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    }
  });
});

describe('a dialog with work running inside', { timeout: E2E_TEST_MS }, () => {
  it('says so on Escape instead of closing, and closes on Escape once the work is done', async () => {
    await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /slow/ }).click();
    await showTags(page, 'zz/slow', 'a');
    const tags = page.getByRole('listbox', { name: 'Tags of zz/slow' });
    await tags.getByRole('option', { name: 'b' }).waitFor();
    await tags.focus();
    await page.keyboard.press('Control+a');
    await page.getByRole('button', { name: 'Delete selected…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 2 tags of zz/slow?' });
    const start = dialog.getByRole('button', { name: 'Delete 2 tags' });
    await expect.poll(() => start.isEnabled(), { timeout: WORK_WAIT_MS }).toBe(true);
    await start.click();
    await dialog.getByText(/0 of 2 done/).waitFor();
    await page.keyboard.press('Escape');
    await dialog
      .getByRole('alert')
      .filter({ hasText: /Deleting is under way/ })
      .waitFor();
    expect(await dialog.isVisible()).toBe(true);
    await screenshotBothSchemes(page, 'dialog-busy-escape');
    await dialog.getByText(/Deleted 2 of 2/).waitFor({ timeout: WORK_WAIT_MS });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await tagsInRegistry('zz/slow')).toEqual([]);
  });
});

describe('keyboard shortcuts', { timeout: E2E_TEST_MS }, () => {
  it('/ focuses the repository filter, and typing / there is text', async () => {
    await openLocal();
    await page.locator('body').press('/');
    const filter = page.getByLabel('Filter repositories');
    expect(await hasFocus(filter)).toBe(true);
    expect(await filter.inputValue()).toBe('');
    await page.keyboard.type('team/w');
    expect(await filter.inputValue()).toBe('team/w');
    // With a modifier it does not use, / is not the shortcut: Ctrl+/ from the list does not move the focus.
    await page.getByRole('listbox', { name: 'Repositories' }).focus();
    await page.keyboard.press('Control+/');
    expect(await hasFocus(filter)).toBe(false);
  });

  it('Ctrl+K, a repository with its registry and tag, and Enter open its tags', async () => {
    await appReady();
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Search' });
    const field = palette.getByRole('combobox', { name: 'Search repositories' });
    await expect.poll(() => hasFocus(field), { timeout: UI_WAIT_MS }).toBe(true);
    await page.keyboard.type(`${registry.host}/team/db:2.0`);
    await palette.getByRole('option', { name: /team\/db:2\.0/ }).waitFor();
    await screenshotBothSchemes(page, 'palette');
    await screenshotAt(page, 'palette', 1024, 700);
    await page.keyboard.press('Enter');
    await palette.waitFor({ state: 'detached' });
    await page
      .getByRole('listbox', { name: 'Tags of team/db' })
      .getByRole('option', { name: '2.0' })
      .waitFor();
    await page.getByRole('heading', { name: 'team/db:2.0' }).waitFor();
    // The arrows go on from the repository opened that way: ↓ Enter opens the one after team/db.
    await page.getByRole('listbox', { name: 'Repositories' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page
      .getByRole('listbox', { name: 'Tags of team/web' })
      .getByRole('option', { name: '1.0' })
      .waitFor();

    // The name alone finds it in every registry that has it (local's results first); ↓ picks one.
    await page.keyboard.press('Control+k');
    await page.keyboard.type('team/');
    const local = palette.getByRole('group', { name: /^local ·/ });
    await local.getByRole('option', { name: 'team/web' }).waitFor();
    await local.getByRole('option', { name: 'team/app' }).waitFor();
    const options = await palette.getByRole('option').allTextContents();
    const app = options.findIndex((text) => text.startsWith('team/app'));
    for (let step = 0; step < app; step++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page
      .getByRole('listbox', { name: 'Tags of team/app' })
      .getByRole('option', { name: '1.0' })
      .waitFor();
    // With the explorer already open on team/web, ↓ Enter still goes on from team/app.
    await page.getByRole('listbox', { name: 'Repositories' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page
      .getByRole('listbox', { name: 'Tags of team/db' })
      .getByRole('option', { name: '2.0' })
      .waitFor();
  });

  it('a registry nobody saved gets a sentence, not a jump', async () => {
    await appReady();
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Search' });
    await page.keyboard.type('elsewhere.example:5000/team/app');
    await palette.getByText(/No saved connection is for elsewhere\.example:5000/).waitFor();
    await page.keyboard.press('Enter');
    await palette
      .getByRole('alert')
      .filter({ hasText: /No saved connection/ })
      .waitFor();
    expect(await palette.isVisible()).toBe(true);
  });

  it('↓ and Enter on the repository list open the second repository, and on the tag list the second tag', async () => {
    await openLocal();
    const list = page.getByRole('listbox', { name: 'Repositories' });
    // keys/retag alone at the top, then the team/ group row and its repositories (full names as their names).
    const names = () =>
      list.getByRole('option').evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
    await expect
      .poll(names, { timeout: UI_WAIT_MS })
      .toEqual(expect.arrayContaining(['keys/retag', 'team/app']));
    const order = await names();
    expect(order.indexOf('team/app') - order.indexOf('keys/retag')).toBe(2);
    await list.focus();
    // ↓ to the group row, ↓ to team/app, Enter opens it.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const tags = page.getByRole('listbox', { name: 'Tags of team/app' });
    await tags.getByRole('option', { name: '1.1' }).waitFor();
    await tags.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'team/app:1.0' }).waitFor();
  });

  it('? lists the shortcuts, and not while typing in a field', async () => {
    await openLocal();
    await page.getByLabel('Filter repositories').click();
    await page.keyboard.type('?');
    expect(await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count()).toBe(0);
    expect(await page.getByLabel('Filter repositories').inputValue()).toBe('?');
    await page.getByLabel('Filter repositories').fill('');
    await page.getByRole('listbox', { name: 'Repositories' }).focus();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    expect(await dialog.getByRole('definition').allTextContents()).toEqual(
      expect.arrayContaining([
        'Focus the filter of the current screen',
        'Search repositories in every registry, and commands',
      ]),
    );
    await screenshotBothSchemes(page, 'shortcuts');
    await screenshotAt(page, 'shortcuts', 1024, 700);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('Enter in the insecure-registries field adds the entry right after typing', async () => {
    await appReady();
    await page
      .getByRole('list', { name: 'Sections' })
      .getByRole('button', { name: /^Docker daemon/ })
      .click();
    const field = page.getByLabel('New insecure registry');
    await field.fill('typed.example:5000');
    await field.press('Enter');
    await expect
      .poll(
        () =>
          page
            .getByRole('list', { name: 'Insecure registries', exact: true })
            .getByRole('listitem')
            .allTextContents(),
        {
          timeout: WORK_WAIT_MS,
        },
      )
      .toEqual([expect.stringContaining('typed.example:5000')]);
    expect(await field.inputValue()).toBe('');
    // Nothing is written before the user reviews and saves.
    expect(await readFile(daemonFile, 'utf8')).not.toContain('typed.example');
  });
});
