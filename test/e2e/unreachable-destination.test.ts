// A destination that is down, end to end in Chromium against the real browser host: the copy dialog's
// picker says which saved connection the start-up check found not reachable, the note under it says why
// and offers Check again, and the copy starts only after an explicit "Start anyway"; a reachable
// destination is unaffected, and one that comes back (a proxy that cuts every connection, then stops
// cutting) is offered again after Check again.
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
let source: RegistryHandle;
let destination: RegistryHandle;
/** Started, then stopped: nothing listens on its port until the last test starts it again. */
let dead: RegistryHandle;
/** In front of the destination: cuts every connection while `isFlakyDown`. */
let flaky: FaultProxy;
let isFlakyDown = true;
let root: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  root = await makeTempDir('e2e-unreachable-destination');
  [keyring, source, destination, dead] = await Promise.all([
    startKeyring(),
    startRegistry(),
    startRegistry(),
    startRegistry(),
  ]);
  await dead.stop();
  await pushImage(source, 'team/app', '1.0');
  flaky = await startFaultProxy(destination, {
    onRequest: () => (isFlakyDown ? { destroySocket: true } : undefined),
  });
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: path.join(root, 'data'),
      BERTH_KEYCHAIN_SERVICE: `BerthTest-unreachable-${randomUUID()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
    }),
  );
  await host.logIn();
  for (const [name, registry, extra] of [
    ['staging', source, {}],
    ['production', destination, {}],
    ['dead', dead, { saveIfUnreachable: true }],
    ['flaky', flaky, { saveIfUnreachable: true }],
  ] as const) {
    const added = await host.call('connections.add', { name, url: `http://${registry.host}`, ...extra });
    expect(added.body, name).toMatchObject({ ok: true });
  }
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
  await flaky?.stop();
  await Promise.all([source?.stop(), destination?.stop()]);
  await keyring?.stop();
  if (root) await removeDir(root);
});

function sidebarEntry(name: string): Locator {
  return page
    .getByRole('navigation', { name: 'Connections' })
    .getByRole('button', { name: new RegExp(`^${name}\\b`) });
}

/** Opens Copy for staging's team/app:1.0 once the start-up check has found `down` not answering. */
async function openCopyDialog(down = 'dead'): Promise<Locator> {
  await expect
    .poll(() => sidebarEntry(down).textContent(), { timeout: WORK_WAIT_MS })
    .toMatch(/, Unreachable/);
  await sidebarEntry('staging').click();
  await showTags(page, 'team/app', '1.0');
  await page.getByRole('listbox', { name: 'Tags of team/app' }).getByRole('option', { name: '1.0' }).click();
  await page.getByRole('heading', { name: 'team/app:1.0' }).waitFor();
  await page.getByRole('button', { name: 'Copy to…' }).click();
  return page.getByRole('dialog', { name: 'Copy team/app:1.0' });
}

async function optionText(dialog: Locator, name: string): Promise<string> {
  return (
    (await dialog.getByLabel('Destination registry').locator(`option[value="${name}"]`).textContent()) ?? ''
  );
}

describe('a destination that is down, in the copy dialog', { timeout: E2E_TEST_MS }, () => {
  it('says it is not reachable and why, and starts only after an explicit Start anyway', async () => {
    const dialog = await openCopyDialog();
    const picker = dialog.getByLabel('Destination registry');
    await picker.selectOption('dead');
    expect(await optionText(dialog, 'dead')).toBe(`dead (${dead.host}) — not reachable`);
    const note = dialog.getByRole('group', { name: 'The destination is not reachable' });
    await note.waitFor();
    expect(await note.textContent()).toMatch(/dead is not reachable\..*connection refused/i);
    await note.getByRole('button', { name: 'Check again' }).waitFor();
    // No plan is asked of a registry that does not answer.
    expect(await dialog.getByRole('status', { name: 'Copy plan' }).count()).toBe(0);

    const start = dialog.getByRole('button', { name: 'Start copy' });
    expect(await start.isDisabled()).toBe(true);
    expect(await start.getAttribute('title')).toMatch(/dead is not reachable.*Start anyway/);
    // Enter in a field says why instead of starting a job that would fail.
    await dialog.getByLabel('Tag', { exact: true }).press('Enter');
    await dialog.getByRole('alert').filter({ hasText: 'dead is not reachable' }).waitFor();
    await screenshotBothSchemes(page, 'copy-destination-unreachable');
    await screenshotAt(page, 'copy-destination-unreachable', 1024, 700);

    const anyway = note.getByRole('checkbox', { name: /Start anyway/ });
    await anyway.check();
    expect(await start.isEnabled()).toBe(true);
    // Another destination, and back: the confirmation is asked again.
    await picker.selectOption('production');
    await picker.selectOption('dead');
    expect(await note.getByRole('checkbox', { name: /Start anyway/ }).isChecked()).toBe(false);
    expect(await start.isDisabled()).toBe(true);

    await note.getByRole('checkbox', { name: /Start anyway/ }).check();
    await start.click();
    await page.getByRole('heading', { name: 'Transfers', level: 1 }).waitFor();
    await page
      .getByRole('list', { name: 'Transfers' })
      .getByRole('listitem', { name: /team\/app:1\.0/ })
      .first()
      .waitFor({ timeout: WORK_WAIT_MS });
  });

  it('leaves a reachable destination as it was: no note, the plan, Start copy at once', async () => {
    const dialog = await openCopyDialog();
    await dialog.getByLabel('Destination registry').selectOption('production');
    expect(await optionText(dialog, 'production')).toBe(`production (${destination.host}) — reachable`);
    expect(await optionText(dialog, 'dead')).toMatch(/— not reachable$/);
    await dialog
      .getByRole('status', { name: 'Copy plan' })
      .getByText(/to transfer/)
      .waitFor({
        timeout: WORK_WAIT_MS,
      });
    expect(await dialog.getByRole('group', { name: 'The destination is not reachable' }).count()).toBe(0);
    const start = dialog.getByRole('button', { name: 'Start copy' });
    expect(await start.isEnabled()).toBe(true);
    expect(await start.getAttribute('title')).toBeNull();
  });

  it('offers a destination again once Check again finds it back', async () => {
    const dialog = await openCopyDialog('flaky');
    await dialog.getByLabel('Destination registry').selectOption('flaky');
    const note = dialog.getByRole('group', { name: 'The destination is not reachable' });
    await note.waitFor();
    expect(await dialog.getByRole('button', { name: 'Start copy' }).isDisabled()).toBe(true);
    isFlakyDown = false;
    await note.getByRole('button', { name: 'Check again' }).click();
    await note.waitFor({ state: 'detached', timeout: WORK_WAIT_MS });
    await expect.poll(() => optionText(dialog, 'flaky'), { timeout: UI_WAIT_MS }).toMatch(/— reachable$/);
    await dialog
      .getByRole('status', { name: 'Copy plan' })
      .getByText(/to transfer/)
      .waitFor({
        timeout: WORK_WAIT_MS,
      });
    expect(await dialog.getByRole('button', { name: 'Start copy' }).isEnabled()).toBe(true);
  });

  it('holds a repository sync to a destination that is down the same way', async () => {
    await openCopyDialog();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Sync repository team/app to…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sync team/app' });
    const picker = dialog.getByLabel('Destination registry');
    await picker.selectOption('dead');
    const note = dialog.getByRole('group', { name: 'The destination is not reachable' });
    expect(await note.textContent()).toMatch(/connection refused/);
    expect(await dialog.getByRole('status', { name: 'Sync plan' }).count()).toBe(0);
    const start = dialog.getByRole('button', { name: 'Start sync' });
    expect(await start.isDisabled()).toBe(true);
    expect(await start.getAttribute('title')).toMatch(/dead is not reachable/);
    await screenshotBothSchemes(page, 'sync-destination-unreachable');
    await screenshotAt(page, 'sync-destination-unreachable', 1024, 700);
    await note.getByRole('checkbox', { name: /Start anyway/ }).check();
    expect(await start.isEnabled()).toBe(true);
    await picker.selectOption('production');
    await dialog.getByRole('status', { name: 'Sync plan' }).waitFor({ timeout: WORK_WAIT_MS });
    expect(await note.count()).toBe(0);
  });
});
