// The facts people look for in the explorer's lists, end to end: the real browser host in front of a real
// docker-registry, driven through Debian's Chromium. Tag rows show platform badges, the short digest and a
// marker on tags that share a digest; the repository list folds `team/…` into a group the filter still
// searches; and a repository opened by a name the registry does not have says so in plain words.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHostWithLocalConnection, type BerthHost } from '../fixtures/berth-host.js';
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
import { pushImage, pushIndex, pushManifest, type PushedImage } from '../fixtures/images.js';
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
let app: PushedImage;
let multi: PushedImage & { children: PushedImage[] };

beforeAll(async () => {
  root = await makeTempDir('e2e-explorer-tags');
  [keyring, registry] = await Promise.all([startKeyring(), startRegistry({})]);
  app = await pushImage(registry, 'team/app', '1.0', {
    platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
  });
  await pushManifest(registry, 'team/app', 'stable', app.manifestBytes, app.mediaType);
  await pushImage(registry, 'team/app', '0.9');
  multi = await pushIndex(registry, 'team/app', 'multi', {
    format: 'oci',
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
    ],
  });
  // Sixty versions and latest on one manifest: latest sorts far below the first screen.
  const base = await pushImage(registry, 'long', 'latest');
  for (let minor = 0; minor < 60; minor++)
    await pushManifest(registry, 'long', `1.${minor}.0`, base.manifestBytes, base.mediaType);
  await Promise.all([
    pushImage(registry, 'team/web', '1.0'),
    pushImage(registry, 'infra/dns', '1.0'),
    pushImage(registry, 'alpine', '3.20'),
  ]);
  host = await startHostWithLocalConnection({
    root,
    registryHost: registry.host,
    label: 'explorer-tags',
    env: (extra) => keyring.env(extra),
  });
  browser = await launchChromium();
}, E2E_SETUP_MS);

beforeEach(async () => {
  ({ context, page } = await openPage(browser, { timeoutMs: UI_WAIT_MS }));
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /local/ }).click();
});

afterEach(async () => {
  await context?.close();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await Promise.all([registry?.stop(), keyring?.stop()]);
  if (root) await removeDir(root);
});

const repositories = () => page.getByRole('listbox', { name: 'Repositories' });

async function openRepository(repository: string): Promise<Locator> {
  await repositories().getByRole('option', { name: repository, exact: true }).click();
  const tags = page.getByRole('listbox', { name: `Tags of ${repository}` });
  await tags.getByRole('option').first().waitFor();
  return tags;
}

const row = (tags: Locator, tag: string) => tags.getByRole('option', { name: tag, exact: true });

describe('tag rows', { timeout: E2E_TEST_MS }, () => {
  it('show an index’s platforms as badges, the short digest with the full one in its tooltip, and tags on one digest', async () => {
    const tags = await openRepository('team/app');
    const multiRow = row(tags, 'multi');
    await expect
      .poll(() => multiRow.locator('.platform-badge').allTextContents(), { timeout: WORK_WAIT_MS })
      .toEqual(['linux/amd64 ', 'linux/arm64/v8 ']);
    const digest = multiRow.locator('.short-digest');
    expect(await digest.textContent()).toBe(multi.digest.slice(0, 'sha256:'.length + 12));
    expect(
      await digest.evaluate(
        (element) => element.ownerDocument.defaultView!.getComputedStyle(element).fontFamily,
      ),
    ).toMatch(/mono/i);
    expect(await multiRow.locator('.details-line[title]').getAttribute('title')).toContain(multi.digest);

    // 1.0 and stable name one manifest: each row says so; 0.9 and multi stand alone.
    await expect
      .poll(() => row(tags, '1.0').locator('.sibling-marker').textContent(), { timeout: WORK_WAIT_MS })
      .toBe('also stable');
    expect(await row(tags, 'stable').locator('.sibling-marker').textContent()).toBe('also 1.0');
    expect(await row(tags, '0.9').locator('.sibling-marker').count()).toBe(0);
    expect(await multiRow.locator('.sibling-marker').count()).toBe(0);
    const description = await row(tags, 'stable').evaluate(
      (option) =>
        option.ownerDocument.getElementById(option.getAttribute('aria-describedby') ?? '')?.textContent,
    );
    expect(description).toContain('same image as 1.0');

    // An image's platform and date need its config: not read for the row, shown once the tag is opened.
    expect(await row(tags, '1.0').locator('.platform-badge').count()).toBe(0);
    await row(tags, '1.0').click();
    await page.getByRole('heading', { name: /team\/app:1\.0/ }).waitFor({ timeout: WORK_WAIT_MS });
    await expect
      .poll(() => row(tags, '1.0').locator('.platform-badge').allTextContents(), { timeout: WORK_WAIT_MS })
      .toEqual(['linux/arm64/v8 ']);
    // stable is the same manifest, so it learns the same.
    expect(await row(tags, 'stable').locator('.platform-badge').allTextContents()).toEqual([
      'linux/arm64/v8 ',
    ]);
    expect(await row(tags, '1.0').locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);

    // The repository's row now counts its tags: they were listed, so the count cost nothing.
    await expect
      .poll(
        () =>
          repositories()
            .getByRole('option', { name: 'team/app', exact: true })
            .locator('.tree-count')
            .textContent(),
        { timeout: UI_WAIT_MS },
      )
      .toBe('4 tags');
    await screenshotBothSchemes(page, 'explorer-tags');
    await screenshotAt(page, 'explorer-tags', 1024, 700);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshotAt(page, 'explorer-tags-dark', 1024, 700);
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('say "also latest" on the first screen while latest itself is far below it', async () => {
    const tags = await openRepository('long');
    await expect
      .poll(() => row(tags, '1.59.0').locator('.sibling-first').textContent(), { timeout: WORK_WAIT_MS })
      .toBe('also latest');
    expect(await row(tags, 'latest').count()).toBe(0);
  });

  it('offer sorting by date only when every tag has one, and say why not', async () => {
    await openRepository('team/app');
    const option = page.getByRole('combobox', { name: 'Sort tags' }).locator('option[value=date]');
    expect(await option.isDisabled()).toBe(true);
    expect(await option.textContent()).toMatch(/unavailable: this registry gives no dates/);

    // team/web has one tag: once it is opened, every tag has a date and the order is offered.
    const web = await openRepository('team/web');
    await row(web, '1.0').click();
    await expect.poll(() => option.isDisabled(), { timeout: WORK_WAIT_MS }).toBe(false);
    expect(await option.textContent()).toBe('Newest first');
    await page.getByRole('combobox', { name: 'Sort tags' }).selectOption('date');
    expect(await web.getByRole('option').count()).toBe(1);
  });
});

describe('the repository tree', { timeout: E2E_TEST_MS }, () => {
  it('folds team/… into a group, remembers it, and the filter still finds a nested name', async () => {
    const group = repositories().getByRole('option', { name: 'team/ (2 repositories)' });
    await group.waitFor({ timeout: WORK_WAIT_MS });
    expect(await group.getAttribute('aria-expanded')).toBe('true');
    // Nested rows show the name inside the namespace; one-level and lone names stay at the top.
    expect(await repositories().getByRole('option', { name: 'team/app', exact: true }).textContent()).toBe(
      'app',
    );
    expect(await repositories().getByRole('option', { name: 'alpine', exact: true }).textContent()).toBe(
      'alpine',
    );
    expect(await repositories().getByRole('option', { name: 'infra/dns', exact: true }).textContent()).toBe(
      'infra/dns',
    );

    await group.click();
    expect(await group.getAttribute('aria-expanded')).toBe('false');
    expect(await repositories().getByRole('option', { name: 'team/app', exact: true }).count()).toBe(0);
    await screenshotBothSchemes(page, 'explorer-tree-folded');

    // The fold is remembered for this connection.
    await page.reload();
    await page
      .getByRole('navigation', { name: 'Connections' })
      .getByRole('button', { name: /local/ })
      .click();
    await group.waitFor({ timeout: WORK_WAIT_MS });
    expect(await group.getAttribute('aria-expanded')).toBe('false');
    expect(await repositories().getByRole('option', { name: 'team/web', exact: true }).count()).toBe(0);

    await page.getByRole('searchbox', { name: 'Filter repositories' }).fill('web');
    await repositories()
      .getByRole('option', { name: 'team/web', exact: true })
      .waitFor({ timeout: UI_WAIT_MS });
    await page.getByRole('searchbox', { name: 'Filter repositories' }).fill('');
    await expect
      .poll(() => repositories().getByRole('option', { name: 'team/web', exact: true }).count(), {
        timeout: UI_WAIT_MS,
      })
      .toBe(0);
    await group.click();
    expect(await group.getAttribute('aria-expanded')).toBe('true');
  });
  it('folds and unfolds a group with ← and →, as a file tree does, and Enter still opens a repository', async () => {
    const list = repositories();
    const group = list.getByRole('option', { name: 'team/ (2 repositories)' });
    await group.waitFor({ timeout: WORK_WAIT_MS });
    /** The row the keys act on: the one the listbox names as its active descendant. */
    const activeRow = () =>
      list.evaluate((listbox) => {
        const row = listbox.ownerDocument.getElementById(listbox.getAttribute('aria-activedescendant') ?? '');
        return row?.getAttribute('aria-label') ?? row?.textContent;
      });
    await page.getByRole('searchbox', { name: 'Filter repositories' }).press('ArrowDown');
    await page.keyboard.press('End');
    await expect.poll(activeRow, { timeout: UI_WAIT_MS }).toBe('team/web');

    // ← from a repository inside the group goes to the group's row, a second ← folds it, a third does nothing.
    await page.keyboard.press('ArrowLeft');
    await expect.poll(activeRow, { timeout: UI_WAIT_MS }).toBe('team/ (2 repositories)');
    expect(await group.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => group.getAttribute('aria-expanded'), { timeout: UI_WAIT_MS }).toBe('false');
    expect(await list.getByRole('option', { name: 'team/app', exact: true }).count()).toBe(0);
    await page.keyboard.press('ArrowLeft');
    expect(await group.getAttribute('aria-expanded')).toBe('false');
    expect(await activeRow()).toBe('team/ (2 repositories)');
    await screenshotBothSchemes(page, 'explorer-tree-keyboard-folded');
    await screenshotAt(page, 'explorer-tree-keyboard-folded', 1024, 700);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshotAt(page, 'explorer-tree-keyboard-folded-dark', 1024, 700);
    await page.emulateMedia({ colorScheme: 'light' });

    // → unfolds it and stays on it; a second → moves to its first repository, where → does nothing more.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => group.getAttribute('aria-expanded'), { timeout: UI_WAIT_MS }).toBe('true');
    expect(await activeRow()).toBe('team/ (2 repositories)');
    await page.keyboard.press('ArrowRight');
    await expect.poll(activeRow, { timeout: UI_WAIT_MS }).toBe('team/app');
    await page.keyboard.press('ArrowRight');
    expect(await activeRow()).toBe('team/app');

    // A top-level repository ignores both; Enter opens the repository as before.
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowRight');
    expect(await activeRow()).toBe('alpine');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowUp');
    await expect.poll(activeRow, { timeout: UI_WAIT_MS }).toBe('team/app');
    await page.keyboard.press('Enter');
    await page.getByRole('listbox', { name: 'Tags of team/app' }).getByRole('option').first().waitFor();
    await screenshotBothSchemes(page, 'explorer-tree-keyboard');
  });
});

describe('a repository that does not exist', { timeout: E2E_TEST_MS }, () => {
  it('says so in plain words and offers the way back, not Delete or Try again', async () => {
    await repositories().getByRole('option').first().waitFor({ timeout: WORK_WAIT_MS });
    const byName = page.getByRole('textbox', { name: 'Open repository by name' });
    await byName.fill('team/nope');
    await byName.press('Enter');
    const alert = page.getByRole('alert').filter({ hasText: 'team/nope' });
    await alert.waitFor({ timeout: WORK_WAIT_MS });
    expect(await alert.textContent()).toContain(
      'team/nope does not exist on local, or this account cannot see it.',
    );
    expect(await alert.textContent()).not.toMatch(/NOT_FOUND|NAME_UNKNOWN|berth /);
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Delete/ }).count()).toBe(0);
    await screenshotBothSchemes(page, 'explorer-missing-repository');

    await alert.getByRole('button', { name: 'Correct the name' }).click();
    expect(await byName.evaluate((input) => input === input.ownerDocument.activeElement)).toBe(true);
    await byName.fill('team/web');
    await byName.press('Enter');
    await page.getByRole('listbox', { name: 'Tags of team/web' }).getByRole('option').first().waitFor();

    await byName.fill('gone/again');
    await byName.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'gone/again' }).waitFor({ timeout: WORK_WAIT_MS });
    await page.getByRole('button', { name: 'Back to the repository list' }).click();
    await page.getByText('Pick a repository to see its tags.').waitFor({ timeout: UI_WAIT_MS });
  });
});
