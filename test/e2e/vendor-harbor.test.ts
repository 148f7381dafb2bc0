// The explorer on Harbor, end to end: the real browser host in front of a Harbor stand-in (its API answered
// from a real Distribution registry, every answer checked against Harbor's swagger.yaml), driven through
// Debian's Chromium. A robot account that is a member of one project sees its projects as the tree's
// groups with Harbor's facts, tags by push date, and an image's scan overview and labels.
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
import { pushImage, type PushedImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import { startHarborStandIn, type HarborStandIn } from '../fixtures/vendor-api/harbor/stand-in.js';
import { randomUUID } from 'node:crypto';

const ROBOT = 'robot$dev+ci';
const ROBOT_SECRET = 'robot-secret-e2e-41c7';
const DAY = 86_400_000;
let keyring: KeyringHandle;
let registry: RegistryHandle;
let harbor: HarborStandIn;
/** A Harbor whose API refuses this login (its registry API lists, the robot being an administrator). */
let refusing: HarborStandIn;
let root: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let release: PushedImage;

beforeAll(async () => {
  root = await makeTempDir('e2e-vendor-harbor');
  [keyring, registry] = await Promise.all([startKeyring(), startRegistry({ auth: 'none' })]);
  await pushImage(registry, 'dev/api', '1.0', { seed: 'api-1.0' });
  await pushImage(registry, 'dev/api', '1.2', { seed: 'api-1.2' });
  release = await pushImage(registry, 'dev/api', '1.1', { seed: 'api-1.1' });
  await pushImage(registry, 'dev/api', 'stable', { seed: 'api-1.1' });
  await pushImage(registry, 'dev/web', 'latest', { seed: 'web' });
  await pushImage(registry, 'dev/tools/lint', 'latest', { seed: 'lint' });
  await pushImage(registry, 'library/busybox', '1.37', { seed: 'busybox' });
  await pushImage(registry, 'secret/vault', '1', { seed: 'vault' });
  harbor = await startHarborStandIn({
    registryUrl: registry.url,
    registryDataDir: registry.dataDir,
    users: { [ROBOT]: ROBOT_SECRET },
    projects: [
      { name: 'dev', members: [ROBOT] },
      { name: 'library', public: true },
      { name: 'secret', members: ['dana'] },
    ],
    descriptions: { 'dev/api': 'The public API behind app.example.com', 'library/busybox': 'BusyBox' },
    labels: {
      [release.digest]: [
        { name: 'release', color: '#1f8a4c', description: 'Shipped to production' },
        { name: 'reviewed', color: '#f2c94c' },
      ],
    },
    scans: {
      [release.digest]: {
        scan_status: 'Success',
        severity: 'High',
        summary: { total: 9, fixable: 6, summary: { Critical: 1, High: 2, Medium: 4, Low: 2 } },
        end_time: '2026-12-01T10:00:00Z',
        scanner: { name: 'Trivy', vendor: 'Aqua Security', version: 'v0.58.1' },
      },
    },
  });
  refusing = await startHarborStandIn({
    registryUrl: registry.url,
    registryDataDir: registry.dataDir,
    users: { [ROBOT]: ROBOT_SECRET },
    admins: [ROBOT],
    projects: [{ name: 'dev', members: [ROBOT] }],
    override: (request) =>
      request.url.pathname.startsWith('/api/v2.0/projects')
        ? { status: 401, json: { errors: [{ code: 'UNAUTHORIZED', message: 'unauthorized' }] } }
        : undefined,
  });
  const now = Date.now();
  await harbor.setPushTime('dev/api', '1.0', new Date(now - 40 * DAY));
  await harbor.setPushTime('dev/api', '1.2', new Date(now - 10 * DAY));
  await harbor.setPushTime('dev/api', '1.1', new Date(now - 3 * DAY));
  await harbor.setPushTime('dev/api', 'stable', new Date(now - 2 * DAY));
  await harbor.setPushTime('dev/web', 'latest', new Date(now - 20 * DAY));
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: path.join(root, 'data'),
      BERTH_KEYCHAIN_SERVICE: `BerthTest-e2e-harbor-${randomUUID()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
    }),
  );
  await host.logIn();
  const added = await host.call('connections.add', {
    name: 'harbor',
    url: harbor.url,
    username: ROBOT,
    secret: ROBOT_SECRET,
  });
  expect(added.body).toMatchObject({ ok: true, value: { connection: { kind: 'harbor' } } });
  const refused = await host.call('connections.add', {
    name: 'harbor-refusing',
    url: refusing.url,
    username: ROBOT,
    secret: ROBOT_SECRET,
  });
  expect(refused.body).toMatchObject({ ok: true, value: { connection: { kind: 'harbor' } } });
  browser = await launchChromium();
}, E2E_SETUP_MS);

beforeEach(async () => {
  ({ context, page } = await openPage(browser, { timeoutMs: UI_WAIT_MS }));
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(host.url);
  await page
    .getByRole('navigation', { name: 'Connections' })
    .getByRole('button', { name: /^harbor\b(?!-)/ })
    .click();
});

afterEach(async () => {
  await context?.close();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await harbor?.stop();
  await refusing?.stop();
  await Promise.all([registry?.stop(), keyring?.stop()]);
  if (root) await removeDir(root);
});

const repositories = () => page.getByRole('listbox', { name: 'Repositories' });

// Runs in the page (a string: the tests compile without the DOM's types). The sort select's chosen text
// and the room the select gives it, and whether the select lies within its pane.
const MEASURE_SORT = `(() => {
  const select = document.getElementById('tag-order');
  const style = getComputedStyle(select);
  const context = document.createElement('canvas').getContext('2d');
  context.font = style.font;
  const text = context.measureText(select.selectedOptions[0].text).width;
  const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const pane = select.closest('.pane').getBoundingClientRect();
  const box = select.getBoundingClientRect();
  return { text, room, inPane: box.left >= pane.left && box.right <= pane.right };
})()`;

describe('the explorer on Harbor', { timeout: E2E_TEST_MS }, () => {
  it("lists a member's projects and repositories with Harbor's facts, tags by push date, and an image's scan and labels", async () => {
    const api = repositories().getByRole('option', { name: 'dev/api', exact: true });
    await api.waitFor({ timeout: WORK_WAIT_MS });
    // Whose API listed them is said, not guessed from the facts.
    await page.getByText('Listed by the Harbor API', { exact: true }).waitFor();
    expect(await repositories().getByRole('option', { name: 'dev/ (3 repositories)' }).count()).toBe(1);
    // Harbor lists project by project: library's repository comes on the next page, not folded into a
    // group of its own (a project of one repository stays a row, the tree's rule).
    await repositories()
      .getByRole('option', { name: 'library/busybox', exact: true })
      .waitFor({ timeout: WORK_WAIT_MS });
    expect(
      await repositories()
        .getByRole('option', { name: /secret/ })
        .count(),
    ).toBe(0);
    expect(await api.textContent()).toMatch(/3 images/);
    expect(await api.locator('.tree-date').textContent()).toMatch(/^[A-Z][a-z]{2} \d{1,2}/);
    expect(await api.locator('.tree-name').getAttribute('title')).toContain(
      'The public API behind app.example.com',
    );

    await api.click();
    const tags = page.getByRole('listbox', { name: 'Tags of dev/api' });
    await tags.getByRole('option').first().waitFor({ timeout: WORK_WAIT_MS });
    await page.getByLabel(/Sort/).selectOption('date');
    await expect
      .poll(
        () =>
          tags.getByRole('option').evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label'))),
        {
          timeout: WORK_WAIT_MS,
        },
      )
      .toEqual(['stable', '1.1', '1.2', '1.0']);
    // Each row dates its tag with Harbor's push time.
    const pushed = new Date(Date.now() - 40 * DAY);
    const day = `${pushed.getFullYear()}-${String(pushed.getMonth() + 1).padStart(2, '0')}-${String(pushed.getDate()).padStart(2, '0')}`;
    await expect
      .poll(() => tags.getByRole('option', { name: '1.0', exact: true }).textContent(), {
        timeout: WORK_WAIT_MS,
      })
      .toContain(day);
    await screenshotBothSchemes(page, 'harbor-explorer');
    await screenshotAt(page, 'harbor-explorer', 1024, 700);
    // The chosen order is read whole in the narrow tag pane of a small window, not "Newest" cut short.
    for (const [width, height] of [
      [1440, 900],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width, height });
      const fit = await page.evaluate<{ text: number; room: number; inPane: boolean }>(MEASURE_SORT);
      // Room for the text and the select's arrow beside it.
      expect(fit.room, `${width}×${height}`).toBeGreaterThanOrEqual(fit.text + 12);
      expect(fit.inPane).toBe(true);
    }
    await page.setViewportSize({ width: 1440, height: 900 });

    await tags.getByRole('option', { name: '1.1', exact: true }).click();
    await page.getByRole('heading', { name: 'From Harbor' }).waitFor({ timeout: WORK_WAIT_MS });
    // The repository's description is in the image view too, not only in its row's tooltip.
    expect(await page.locator('.vendor-facts .vendor-description').textContent()).toBe(
      'The public API behind app.example.com',
    );
    const scan = page.getByRole('group', { name: 'Vulnerability scan' });
    expect(await scan.textContent()).toContain('Trivy v0.58.1');
    expect(
      await page
        .getByRole('list', { name: 'Vulnerabilities by severity' })
        .getByRole('listitem')
        .allTextContents(),
    ).toEqual(['1 Critical', '2 High', '4 Medium', '2 Low', '6 fixable']);
    expect(await page.getByRole('list', { name: 'Labels' }).getByRole('listitem').allTextContents()).toEqual([
      'release',
      'reviewed',
    ]);
    await screenshotBothSchemes(page, 'harbor-image');
    await screenshotAt(page, 'harbor-image', 1024, 700);
    expect(harbor.invalid).toEqual([]);
  });

  it("deletes one tag with Harbor's own tag delete, and shows only what Harbor gave for a plain image", async () => {
    const web = repositories().getByRole('option', { name: 'dev/web', exact: true });
    await web.click();
    const tags = page.getByRole('listbox', { name: 'Tags of dev/web' });
    await tags.getByRole('option', { name: 'latest', exact: true }).click();
    await page.getByRole('heading', { name: 'From Harbor' }).waitFor({ timeout: WORK_WAIT_MS });
    // No scanner ran and no label was given: no scan and no labels, only Harbor's times and size.
    expect(await page.getByRole('group', { name: 'Vulnerability scan' }).count()).toBe(0);
    expect(await page.getByRole('list', { name: 'Labels' }).count()).toBe(0);
    await page.getByText('Pushed', { exact: true }).waitFor();

    await pushImage(registry, 'dev/web', 'edge', { seed: 'web' });
    // Opening the repository again lists its tags again: edge is there now.
    await repositories().getByRole('option', { name: 'dev/api', exact: true }).click();
    await web.click();
    await tags.getByRole('option', { name: 'edge', exact: true }).click({ timeout: WORK_WAIT_MS });
    await page
      .getByRole('toolbar', { name: 'Tag actions' })
      .getByRole('button', { name: 'More tag actions' })
      .click();
    await page.getByRole('menuitem', { name: 'Delete tag…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete tag edge?' });
    await dialog
      .getByText('Other tags on the same image survive: latest.')
      .waitFor({ timeout: WORK_WAIT_MS });
    await dialog.getByRole('button', { name: 'Delete tag' }).click();
    await expect
      .poll(() => page.getByRole('status').allTextContents(), { timeout: WORK_WAIT_MS })
      .toContainEqual(expect.stringContaining("Harbor's own tag delete"));
    expect(
      harbor.validatedByOperation.get(
        'DELETE /projects/{project_name}/repositories/{repository_name}/artifacts/{reference}/tags/{tag_name}',
      ),
    ).toBe(1);
    expect(harbor.invalid).toEqual([]);
    console.info(`Harbor stand-in (e2e): ${harbor.validated} answers validated against swagger.yaml`);
  });

  it('gives the Harbor login hint once Test found a Harbor, the kind left to Berth', async () => {
    await page.getByRole('button', { name: 'Add connection' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add connection' });
    await dialog.getByLabel('Registry URL', { exact: true }).fill(harbor.url);
    await dialog.getByLabel('Name', { exact: true }).fill('harbor-again');
    await dialog.getByLabel('Username', { exact: true }).fill(ROBOT);
    await dialog.getByLabel('Password', { exact: true }).fill(ROBOT_SECRET);
    expect(await dialog.getByText(/robot account \(robot\$project\+name\)/).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Test' }).click();
    await dialog.getByText(/\(Harbor, /).waitFor({ timeout: WORK_WAIT_MS });
    await dialog.getByText(/robot account \(robot\$project\+name\)/).waitFor({ timeout: UI_WAIT_MS });
    // The stand-in's registry asks for no sign-in: nothing was checked, so nothing is said to be accepted.
    const reached = await dialog.getByRole('status').filter({ hasText: 'Reached' }).textContent();
    expect(reached).toMatch(/no sign-in needed\)\./);
    expect(reached).not.toContain('credentials accepted');
    expect(reached).toContain('the credentials were not checked by the registry');
    await screenshotBothSchemes(page, 'harbor-dialog-tested');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it("says, in the panes, that Harbor's API refused the login and the registry API listed instead", async () => {
    await page
      .getByRole('navigation', { name: 'Connections' })
      .getByRole('button', { name: /harbor-refusing/ })
      .click();
    await repositories()
      .getByRole('option', { name: 'dev/api', exact: true })
      .click({ timeout: WORK_WAIT_MS });
    const notes = page.getByRole('status').filter({ hasText: 'the Harbor API refused' });
    await expect
      .poll(() => notes.allTextContents(), { timeout: WORK_WAIT_MS })
      .toEqual([
        expect.stringMatching(
          /^Listed through the registry API: the Harbor API refused to list repositories \(.+\)$/,
        ),
        expect.stringMatching(
          /^Listed through the registry API: the Harbor API refused to list tags of dev\/api \(.+\)$/,
        ),
      ]);
    expect(await page.getByText('Listed by the Harbor API').count()).toBe(0);
    await screenshotBothSchemes(page, 'harbor-refused');
    await screenshotAt(page, 'harbor-refused', 1024, 700);
    expect(refusing.invalid).toEqual([]);
  });
});
