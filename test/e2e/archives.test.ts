// Saving images to a file from the app: the real browser host and a real docker-registry, driven through
// Debian's Chromium by role and label. The browser host has no system file dialog: the path is typed, on
// the machine the host runs on (this one), so the test reads the file it asked for.
import { randomUUID } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
import {
  E2E_SETUP_MS,
  E2E_TEST_MS,
  UI_WAIT_MS,
  WORK_WAIT_MS,
  launchChromium,
  openPage,
  screenshotAt,
  screenshotBothSchemes,
} from '../fixtures/chromium.js';
import { pushImage, pushIndex, type PushedImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir, runCommand } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let keyring: KeyringHandle;
let registry: RegistryHandle;
let root: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let multi: PushedImage & { children: PushedImage[] };

beforeAll(async () => {
  root = await makeTempDir('e2e-archives');
  [keyring, registry] = await Promise.all([startKeyring(), startRegistry()]);
  multi = await pushIndex(registry, 'team/multi', '1', {
    format: 'oci',
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64' },
    ],
    layerSize: 256 * 1024,
  });
  await pushImage(registry, 'team/multi', '2', { layers: 1 });
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: path.join(root, 'data'),
      BERTH_KEYCHAIN_SERVICE: `BerthTest-archives-${randomUUID()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
    }),
  );
  await host.logIn();
  const added = await host.call('connections.add', {
    name: 'lab',
    url: `http://${registry.host}`,
    insecureHttp: true,
  });
  expect(added.body).toMatchObject({ ok: true });
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
  await registry?.stop();
  await keyring?.stop();
  if (root) await removeDir(root);
});

function section(name: string): Locator {
  return page.getByRole('list', { name: 'Sections' }).getByRole('button', { name: new RegExp(`^${name}`) });
}

async function openImage(repository: string, tag: string): Promise<void> {
  await section('Registries').click();
  await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /lab/ }).click();
  await page.getByRole('listbox', { name: 'Repositories' }).getByRole('option', { name: repository }).click();
  await page
    .getByRole('listbox', { name: `Tags of ${repository}` })
    .getByRole('option', { name: tag })
    .click();
  await page.getByRole('heading', { name: `${repository}:${tag}` }).waitFor();
}

/** The newest job whose title names `text`, once it is done. */
async function finishedJob(text: string): Promise<Locator> {
  await page.getByRole('heading', { name: 'Transfers', level: 1 }).waitFor();
  const job = page
    .getByRole('list', { name: 'Transfers' })
    .getByRole('listitem', { name: new RegExp(text) })
    .first();
  await job.getByText('Done', { exact: true }).first().waitFor({ timeout: WORK_WAIT_MS });
  return job;
}

describe('Save to file in a browser', { timeout: E2E_TEST_MS }, () => {
  it('saves one platform of an index from the image view as a Docker archive, then replaces it when asked', async () => {
    await openImage('team/multi', '1');
    await page.getByRole('button', { name: 'Save to file…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save team/multi:1 to a file' });
    // Docker archive first, with the engine's default platform chosen.
    expect(await dialog.getByRole('radio', { name: /Docker archive/ }).isChecked()).toBe(true);
    const platform = dialog.getByRole('combobox', { name: /^Platform/ });
    expect(await platform.inputValue()).toBe('linux/amd64');
    // The browser host has no system dialog: a path field only, with a suggestion.
    expect(await dialog.getByRole('button', { name: 'Choose…' }).count()).toBe(0);
    const file = dialog.getByLabel('File', { exact: true });
    expect(await file.inputValue()).toMatch(/multi-1\.tar$/);
    const output = path.join(root, 'multi-arm64.tar');
    await file.fill(output);
    await platform.selectOption('linux/arm64');
    await screenshotBothSchemes(page, 'save-dialog');
    await screenshotAt(page, 'save-dialog', 1024, 700);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();

    const job = await finishedJob('team/multi:1');
    expect(await job.textContent()).toContain(`1 image in ${output}`);
    await screenshotBothSchemes(page, 'save-transfers');
    const manifest = JSON.parse(
      (await runCommand('tar', ['-xOf', output, 'manifest.json'])).stdout,
    ) as Array<{
      Config: string;
      RepoTags: string[];
    }>;
    expect(manifest).toEqual([
      expect.objectContaining({
        Config: `blobs/sha256/${multi.children[1]!.configDigest.slice(7)}`,
        RepoTags: [`${registry.host}/team/multi:1`],
      }),
    ]);

    // The same file again: the dialog asks before replacing it, and nothing starts until it is told to.
    const before = (await stat(output)).mtimeMs;
    await openImage('team/multi', '1');
    await page.getByRole('button', { name: 'Save to file…' }).click();
    await dialog.getByRole('radio', { name: /OCI archive/ }).check();
    // Every digest is kept, but the referrers do not travel in the file: the dialog says so.
    await dialog.getByText(/the signatures themselves are not saved in the file/).waitFor();
    await dialog.getByLabel('File', { exact: true }).fill(output);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog
      .getByRole('alert')
      .getByText(`${output} already exists. Save again to replace it.`)
      .waitFor();
    await screenshotBothSchemes(page, 'save-dialog-replace');
    expect((await stat(output)).mtimeMs).toBe(before);
    await dialog.getByRole('button', { name: 'Replace' }).click();
    await finishedJob('team/multi:1');
    // Now an OCI archive: the index whole.
    const index = JSON.parse((await runCommand('tar', ['-xOf', output, 'index.json'])).stdout) as {
      manifests: Array<{ digest: string }>;
    };
    expect(index.manifests[0]!.digest).toBe(multi.digest);
    expect((await readdir(root)).filter((name) => name.includes('partial'))).toEqual([]);
  });

  it('saves the tags chosen in the tag list as an OCI folder', async () => {
    await openImage('team/multi', '1');
    const tags = page.getByRole('listbox', { name: 'Tags of team/multi' });
    await tags.focus();
    await page.keyboard.press('Control+a');
    await page.getByRole('button', { name: 'Save selected to file…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save 2 tags of team/multi' });
    await dialog.getByRole('radio', { name: /OCI folder/ }).check();
    const folder = path.join(root, 'layout');
    await dialog.getByLabel('Folder', { exact: true }).fill(folder);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await finishedJob('2 images');
    const layout = JSON.parse(await readFile(path.join(folder, 'index.json'), 'utf8')) as {
      manifests: Array<{ annotations: Record<string, string> }>;
    };
    const names = layout.manifests.map((entry) => entry.annotations['org.opencontainers.image.ref.name']);
    expect(names.sort()).toEqual([`${registry.host}/team/multi:1`, `${registry.host}/team/multi:2`]);
  });

  it('names a folder that does not exist before anything starts', async () => {
    await openImage('team/multi', '2');
    await page.getByRole('button', { name: 'Save to file…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save team/multi:2 to a file' });
    // Single-platform: no platform to choose.
    expect(await dialog.getByRole('combobox', { name: /^Platform/ }).count()).toBe(0);
    await dialog.getByLabel('File', { exact: true }).fill(path.join(root, 'nowhere', 'app.tar'));
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.getByText(/the folder .*nowhere does not exist/).waitFor();
    expect((await readdir(root)).includes('nowhere')).toBe(false);
  });
});
