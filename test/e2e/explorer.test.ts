// The registry explorer end to end: the real browser host (built renderer, private keyring) in front of a
// real htpasswd + TLS docker-registry, driven through Debian's Chromium the way a user (and a screen
// reader) finds things: by role and label. Every byte the page receives is searched for the password.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
import { showTags } from '../fixtures/explorer-page.js';
import { pushImage, pushIndex, pushManifest, type PushedImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import {
  launchChromium,
  openPage,
  recordReceived,
  screenshotAt,
  screenshotBothSchemes,
  UI_WAIT_MS,
  WORK_WAIT_MS,
  E2E_TEST_MS,
  E2E_SETUP_MS,
} from '../fixtures/chromium.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const PASSWORD = 'wonderland-pass';
const WRONG = 'not-the-password-42';

let keyring: KeyringHandle;
let registry: RegistryHandle;
let root: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let app: PushedImage;
let multi: PushedImage & { children: PushedImage[] };
/** Referrers of `multi`, stored under the OCI 1.1 fallback tag (Distribution 2.8 has no referrers API). */
let signature: PushedImage;
let sbom: PushedImage;
let received: () => Promise<string[]>;

beforeAll(async () => {
  root = await makeTempDir('e2e');
  [keyring, registry] = await Promise.all([
    startKeyring(),
    startRegistry({ auth: 'htpasswd', tls: true, deleteEnabled: true }),
  ]);
  app = await pushImage(registry, 'team/app', '1.0', { layers: 3, layerSize: 300 * 1024 });
  await pushManifest(registry, 'team/app', 'stable', app.manifestBytes, app.mediaType);
  await pushImage(registry, 'team/app', '1.1');
  await pushImage(registry, 'team/app', '1.10.0-rc.1');
  // The retag-and-delete test's own repository, tagged like team/app, so no other test sees its changes.
  const edited = await pushImage(registry, 'team/retag', '1.0');
  await pushManifest(registry, 'team/retag', 'stable', edited.manifestBytes, edited.mediaType);
  await pushImage(registry, 'team/retag', '1.1');
  await pushImage(registry, 'team/retag', '1.10.0-rc.1');
  multi = await pushIndex(registry, 'team/multi', 'latest', {
    format: 'oci',
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
    ],
  });
  [signature, sbom] = await Promise.all([
    pushImage(registry, 'team/multi', undefined, { layers: 1 }),
    pushImage(registry, 'team/multi', undefined, { layers: 1 }),
  ]);
  const referrers = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      { ...descriptorOf(signature), artifactType: 'application/vnd.dev.cosign.artifact.sig.v1+json' },
      { ...descriptorOf(sbom), artifactType: 'application/spdx+json' },
    ],
  };
  await pushManifest(
    registry,
    'team/multi',
    multi.digest.replace(':', '-'),
    Buffer.from(JSON.stringify(referrers)),
    referrers.mediaType,
  );
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

const local = () => ({
  name: 'local',
  url: `https://${registry.host}`,
  tls: { caFile: registry.caFile },
  username: 'alice',
  secret: PASSWORD,
});

async function hasLocal(): Promise<boolean> {
  const listed = await host.call<{ connections: Array<{ name: string }> }>('connections.list', {});
  return listed.body.value.connections.some((connection) => connection.name === 'local');
}

/** The saved connection "local" (added through the API unless there), open in a freshly loaded page. */
async function openLocal(): Promise<void> {
  if (!(await hasLocal()))
    expect((await host.call('connections.add', local())).body).toMatchObject({ ok: true });
  await page.reload();
  await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /local/ }).click();
}

beforeEach(async () => {
  ({ context, page } = await openPage(browser, { timeoutMs: UI_WAIT_MS, url: host.url }));
  received = recordReceived(page);
});

// Whatever a test did, the password never came back to the page.
afterEach(async () => {
  const bodies = await received();
  await context?.close();
  expect(bodies.length).toBeGreaterThan(0);
  for (const body of bodies) for (const secret of [PASSWORD]) expect(body).not.toContain(secret);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await registry?.stop();
  await keyring?.stop();
  if (root) await removeDir(root);
});

function descriptorOf(image: PushedImage) {
  return { mediaType: image.mediaType, digest: image.digest, size: image.size };
}

const shoot = (name: string) => screenshotBothSchemes(page, name);

/** The names of the tag rows shown (a row's text also holds its details line; its name is the tag). */
const tagNames = (tags: Locator, options: { selected?: boolean } = {}) =>
  tags
    .getByRole('option', options)
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? row.textContent));

const shootAt = (name: string, width: number, height: number) => screenshotAt(page, name, width, height);

describe('the registry explorer in a browser', { timeout: E2E_TEST_MS }, () => {
  it('adds a connection: the wrong password shows the registry error, the right one saves', async () => {
    if (await hasLocal()) await host.call('connections.remove', { name: 'local' });
    await page.reload();
    await expect
      .poll(() => page.getByRole('heading', { name: /every registry you use/i }).isVisible(), {
        timeout: WORK_WAIT_MS,
      })
      .toBe(true);
    await shoot('welcome');
    await page.getByRole('button', { name: 'Add connection' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add connection' });
    await dialog.getByLabel('Registry URL', { exact: true }).fill(`https://${registry.host}`);
    await dialog.getByLabel('Name', { exact: true }).fill('local');
    await dialog.getByLabel('Username', { exact: true }).fill('alice');
    await dialog.getByLabel('Password', { exact: true }).fill(WRONG);
    await dialog.getByText('TLS and transport').click();
    await dialog.getByLabel('CA certificate file', { exact: true }).fill(registry.caFile!);
    await expect
      .poll(() => dialog.getByText(/Plain HTTP — insecure/).isVisible(), { timeout: WORK_WAIT_MS })
      .toBe(true);
    await dialog.getByRole('button', { name: 'Save' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    // The error in words: the code stays out of the text (a data attribute, for bug reports).
    expect(await alert.textContent()).toMatch(/the username or password was refused/);
    expect(await alert.textContent()).not.toMatch(/\bAUTH\b/);
    expect(await alert.getAttribute('data-code')).toBe('AUTH');
    await shoot('add-connection-error');
    await shootAt('add-connection-error', 1280, 720);

    await dialog.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Test' }).click();
    await dialog.getByText(/credentials accepted/).waitFor();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByRole('navigation', { name: 'Connections' })
      .getByRole('button', { name: /local/ })
      .waitFor();
  });

  it('browses repositories and tags, newest version first, with an instant filter', async () => {
    await openLocal();
    const repositories = page.getByRole('listbox', { name: 'Repositories' });
    await repositories.getByRole('option', { name: 'team/multi' }).waitFor();
    // One namespace: a group row, then its repositories (named in full, shown by their last part).
    expect(
      await repositories
        .getByRole('option')
        .evaluateAll((options) => options.map((option) => option.getAttribute('aria-label'))),
    ).toEqual(['team/ (3 repositories)', 'team/app', 'team/multi', 'team/retag']);
    await page.getByLabel('Filter repositories').fill('multi');
    await expect
      .poll(() => repositories.getByRole('option').allTextContents(), { timeout: UI_WAIT_MS })
      .toEqual(['team/multi']);
    await page.getByLabel('Filter repositories').fill('');
    // Keyboard: focus the list, ↓ past the group row, Enter opens the first repository.
    await repositories.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const tags = page.getByRole('listbox', { name: 'Tags of team/app' });
    await tags.getByRole('option', { name: 'stable' }).waitFor();
    expect(await tagNames(tags)).toEqual(['1.10.0-rc.1', '1.1', '1.0', 'stable']);
    await page.getByLabel('Sort tags').selectOption('name');
    expect(await tagNames(tags)).toEqual(['1.0', '1.1', '1.10.0-rc.1', 'stable']);
    await page.getByLabel('Filter tags').fill('1.1');
    expect(await tagNames(tags)).toEqual(['1.1', '1.10.0-rc.1']);
    // Keyboard: ↓ then Enter picks the second tag.
    await tags.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'team/app:1.10.0-rc.1' }).waitFor();
    expect(await tagNames(tags, { selected: true })).toEqual(['1.10.0-rc.1']);
    await page.getByLabel('Filter tags').fill('');
  });

  it('shows an image: digest, config and layers', async () => {
    await openLocal();
    await showTags(page, 'team/app', '1.0');
    await page
      .getByRole('listbox', { name: 'Tags of team/app' })
      .getByRole('option', { name: '1.0' })
      .click();
    const image = page.getByRole('region', { name: 'Image' });
    await image.getByRole('heading', { name: 'team/app:1.0' }).waitFor();
    await image.getByText(app.digest, { exact: true }).waitFor();
    expect(await image.getByRole('button', { name: 'Copy digest' }).count()).toBe(1);
    await image.getByText(`docker pull ${registry.host}/team/app:1.0`).waitFor();
    await image.getByText('/bin/berth-app', { exact: true }).waitFor();
    await image.getByText('/srv', { exact: true }).waitFor();
    await image.getByText('8080/tcp', { exact: true }).waitFor();
    const layers = image.getByRole('table', { name: 'Layers' });
    expect(await layers.getByRole('row').count()).toBe(1 + 3);
    // History: one build step per layer here, each next to the layer it made.
    const history = image.getByRole('table', { name: 'History' });
    const steps = history.getByRole('row');
    expect(await steps.count()).toBe(1 + 3);
    expect(await steps.nth(1).textContent()).toContain('ADD berth/layer-0.bin');
    expect(await steps.nth(3).textContent()).toContain(`${app.layerDigests[2]!.slice(0, 23)}…`);
    await image.getByText(/^No referrers/).waitFor();
    await image.getByText('Raw manifest').click();
    expect(await image.getByLabel('Raw manifest JSON').textContent()).toContain(app.layerDigests[0]);
  });

  it('switches between the platforms of an index', async () => {
    await openLocal();
    await page.getByLabel('Open repository by name').fill('team/multi');
    await page.keyboard.press('Enter');
    await page
      .getByRole('listbox', { name: 'Tags of team/multi' })
      .getByRole('option', { name: 'latest' })
      .click();
    const platforms = page.getByRole('group', { name: 'Platforms' });
    const amd64 = platforms.getByRole('button', { name: 'linux/amd64', exact: true });
    const arm64 = platforms.getByRole('button', { name: 'linux/arm64/v8', exact: true });
    await amd64.waitFor();
    expect(await amd64.getAttribute('aria-pressed')).toBe('true');
    // Opening one tag is not a selection to act on: no bulk-action bar.
    expect(await page.getByRole('toolbar', { name: 'Selected tags' }).count()).toBe(0);
    await arm64.click();
    await expect
      .poll(
        () =>
          platforms.getByRole('button', { name: 'linux/arm64/v8', exact: true }).getAttribute('aria-pressed'),
        {
          timeout: WORK_WAIT_MS,
        },
      )
      .toBe('true');
    const image = page.getByRole('region', { name: 'Image' });
    await image
      .getByRole('table', { name: 'Layers' })
      .getByRole('cell', { name: `${multi.children[1]!.layerDigests[0]!.slice(0, 23)}…` })
      .waitFor();
    await image.getByText(multi.digest, { exact: true }).waitFor();
    await shoot('image-index');
    await shootAt('image-index', 1024, 700);
    const referrers = image.getByRole('table', { name: 'Referrers' });
    await referrers.waitFor();
    await expect
      .poll(() => referrers.getByRole('row').allTextContents(), { timeout: UI_WAIT_MS })
      .toEqual([
        'TypeArtifact typeDigestSize',
        expect.stringMatching(/^Signatureapplication\/vnd\.dev\.cosign\.artifact\.sig\.v1\+json/),
        expect.stringMatching(/^SBOMapplication\/spdx\+json/),
      ]);
    await image.getByRole('heading', { name: 'History' }).scrollIntoViewIfNeeded();
    await shoot('image-history');
    await referrers.scrollIntoViewIfNeeded();
    await shoot('image-referrers');
  });

  it('retags, then deletes one tag and says which tags on the same image survive', async () => {
    await openLocal();
    await showTags(page, 'team/retag', '1.0');
    const tags = page.getByRole('listbox', { name: 'Tags of team/retag' });
    await tags.getByRole('option', { name: '1.0' }).click();
    const heading = page.getByRole('heading', { name: 'team/retag:1.0' });
    await heading.waitFor();
    await page
      .getByRole('region', { name: 'Image' })
      .filter({ has: heading })
      .getByRole('button', { name: 'Retag…' })
      .click();
    const retag = page.getByRole('dialog', { name: 'Retag team/retag:1.0' });
    await retag.getByLabel('New tag').fill('copy');
    await retag.getByRole('button', { name: 'Retag' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Tagged sha256:\w+… as copy/ })
      .waitFor();
    await tags.getByRole('option', { name: 'copy' }).waitFor();
    await page.getByRole('heading', { name: 'team/retag:copy' }).waitFor();

    await tags.getByRole('option', { name: '1.0' }).click();
    await page.getByRole('heading', { name: 'team/retag:1.0' }).waitFor();
    await page.getByRole('button', { name: 'More tag actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete tag…' }).click();
    const remove = page.getByRole('dialog', { name: 'Delete tag 1.0?' });
    const note = remove.getByRole('note');
    await note.waitFor();
    expect(await note.textContent()).toBe('Other tags on the same image survive: copy, stable.');
    await shoot('delete-tag');
    await remove.getByRole('button', { name: 'Delete tag' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Deleted tag 1\.0\. copy, stable still point at it/ })
      .waitFor();
    await expect
      .poll(() => tagNames(tags), { timeout: WORK_WAIT_MS })
      .toEqual(['1.10.0-rc.1', '1.1', 'copy', 'stable']);
  });

  it('names the digest and every tag that goes before deleting by digest', async () => {
    await openLocal();
    await showTags(page, 'team/app', 'stable');
    const tags = page.getByRole('listbox', { name: 'Tags of team/app' });
    await tags.getByRole('option', { name: 'stable' }).click();
    await page.getByRole('heading', { name: 'team/app:stable' }).waitFor();
    await page.getByRole('button', { name: 'More tag actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete image…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete image by digest?' });
    await dialog.getByText(app.digest).waitFor();
    await dialog.getByRole('note').filter({ hasText: 'These tags go with it: 1.0, stable.' }).waitFor();
    await shoot('delete-image');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('removes the connection only after confirming', async () => {
    await openLocal();
    await page.getByRole('button', { name: 'Remove connection' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove connection local?' });
    await dialog.getByText(/deletes its password or token from your keychain/).waitFor();
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('heading', { name: /every registry you use/i }).waitFor();
    await page.getByText('No connections yet.', { exact: false }).waitFor();
  });
});
