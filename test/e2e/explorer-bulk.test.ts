// The explorer's bulk actions end to end: the real browser host in front of two real docker-registry
// instances (one with deletion enabled, one refusing DELETE) and a stand-in for Docker Hub's API (answering
// from a third, every answer checked against Hub's published description), driven through Debian's Chromium by role and label. What the UI claims is checked against the
// registry itself.
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
import {
  launchChromium,
  openPage,
  screenshotBothSchemes,
  UI_WAIT_MS,
  WORK_WAIT_MS,
  E2E_TEST_MS,
  E2E_SETUP_MS,
} from '../fixtures/chromium.js';
import { pushImage, pushManifest } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import { showTags } from '../fixtures/explorer-page.js';
import { startHubStandIn } from '../fixtures/vendor-api/dockerhub/stand-in.js';
import type { StandIn } from '../fixtures/vendor-api/stand-in.js';

let keyring: KeyringHandle;
let registry: RegistryHandle;
let locked: RegistryHandle;
/** What Docker Hub's API (the stand-in) answers from. */
let hubContent: RegistryHandle;
let hub: StandIn;
let root: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** What seedApp made in team/del and team/fail. */
let del: Awaited<ReturnType<typeof seedApp>>;
let fail: Awaited<ReturnType<typeof seedApp>>;
let referrersTag: string;

/** The tags the registry itself lists (no Berth in between). */
async function registryTags(target: RegistryHandle, repository: string): Promise<string[]> {
  const response = await fetch(`${target.url}/v2/${repository}/tags/list`);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { tags: string[] | null };
  return (body.tags ?? []).sort();
}

/** The digest a tag names, asked of the registry itself. */
async function registryDigest(repository: string, tag: string): Promise<string | null> {
  const response = await fetch(`${registry.url}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { accept: 'application/vnd.oci.image.manifest.v1+json,application/vnd.oci.image.index.v1+json' },
  });
  return response.status === 200 ? response.headers.get('docker-content-digest') : null;
}

/** 1.0, 1.0-alpine and stable name one image; 2.0 and latest another; 3.0 a third; 4.0 a fourth; plus a
 * referrers index under the OCI 1.1 fallback tag of 1.0. The same seeds give the same digests in every
 * repository. */
async function seedApp(repository: string) {
  const one = await pushImage(registry, repository, '1.0', { seed: 'one' });
  const two = await pushImage(registry, repository, '2.0', { seed: 'two' });
  await pushImage(registry, repository, '3.0', { seed: 'three' });
  for (const tag of ['1.0-alpine', 'stable'])
    await pushManifest(registry, repository, tag, one.manifestBytes, one.mediaType);
  await pushManifest(registry, repository, 'latest', two.manifestBytes, two.mediaType);
  const four = await pushImage(registry, repository, '4.0', { seed: 'four' });
  const signature = await pushImage(registry, repository, undefined, { layers: 1 });
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        mediaType: signature.mediaType,
        digest: signature.digest,
        size: signature.size,
        artifactType: 'application/vnd.dev.cosign.artifact.sig.v1+json',
      },
    ],
  };
  const referrersTag = one.digest.replace(':', '-');
  await pushManifest(registry, repository, referrersTag, Buffer.from(JSON.stringify(index)), index.mediaType);
  return { one, two, four, referrersTag };
}

const ALL_TAGS = () => ['1.0', '1.0-alpine', '2.0', '3.0', '4.0', 'latest', referrersTag, 'stable'].sort();

beforeAll(async () => {
  root = await makeTempDir('e2e-bulk');
  [keyring, registry, locked, hubContent] = await Promise.all([
    startKeyring(),
    startRegistry({ deleteEnabled: true }),
    startRegistry({ deleteEnabled: false }),
    startRegistry({ auth: 'none' }),
  ]);
  // Docker Hub's acme namespace: two pages of two.
  for (const name of ['api', 'web', 'worker'])
    await pushImage(hubContent, `acme/${name}`, 'latest', { layers: 1, seed: `acme-${name}` });
  hub = await startHubStandIn({ registryUrl: hubContent.url, pageSize: 2 });
  // team/app is only looked at; the two deleting tests each delete from a copy of their own.
  [del, fail] = [await seedApp('team/del'), await seedApp('team/fail')];
  ({ referrersTag } = await seedApp('team/app'));
  // team/old: three tags on two images, all to go.
  const old = await pushImage(registry, 'team/old', 'v1', { seed: 'old-1' });
  await pushManifest(registry, 'team/old', 'v1.0', old.manifestBytes, old.mediaType);
  await pushImage(registry, 'team/old', 'v2', { seed: 'old-2' });
  await pushImage(locked, 'team/app', '1.0', { seed: 'locked' });
  await pushImage(locked, 'team/app', '2.0', { seed: 'locked-2' });

  const dataDir = path.join(root, 'data');
  await mkdir(dataDir, { recursive: true });
  // Saved connections written as a first-run settings file: adding them is explorer.test's subject.
  await writeFile(
    path.join(dataDir, 'config.json'),
    JSON.stringify({
      connections: [
        { name: 'deleting', host: registry.host, insecureHttp: true, kind: 'distribution' },
        { name: 'locked', host: locked.host, insecureHttp: true, kind: 'distribution' },
        { name: 'hub', host: 'docker.io', kind: 'dockerhub' },
      ],
    }),
  );
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: dataDir,
      BERTH_KEYCHAIN_SERVICE: `BerthTest-e2e-bulk-${randomUUID()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
      BERTH_HUB_ORIGIN: hub.url,
    }),
  );
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
  await hub?.stop();
  await Promise.all([registry?.stop(), locked?.stop(), hubContent?.stop(), keyring?.stop()]);
  if (root) await removeDir(root);
});

const shoot = (name: string) => screenshotBothSchemes(page, name);

async function openConnection(connection: string) {
  await page
    .getByRole('navigation', { name: 'Connections' })
    .getByRole('button', { name: new RegExp(connection) })
    .click();
}

async function openRepository(connection: string, repository: string) {
  await openConnection(connection);
  await page.getByRole('listbox', { name: 'Repositories' }).getByRole('option', { name: repository }).click();
  const tags = page.getByRole('listbox', { name: `Tags of ${repository}` });
  await tags.getByRole('option').first().waitFor();
  return tags;
}

/** The names of the tag rows shown (a row's text also holds its details line; its name is the tag). */
const tagNames = (tags: Locator, options: { selected?: boolean } = {}) =>
  tags
    .getByRole('option', options)
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? row.textContent));

const selectedTags = (tags: Locator) => tagNames(tags, { selected: true });

describe('bulk actions in the explorer', { timeout: E2E_TEST_MS }, () => {
  it('hides referrer tags until asked', async () => {
    const tags = await openRepository('deleting', 'team/app');
    const names = ['4.0', '3.0', '2.0', '1.0', '1.0-alpine', 'latest', 'stable'];
    expect(await tagNames(tags)).toEqual(names);
    const toggle = page.getByLabel('Show referrer tags (1)');
    await toggle.check();
    await tags.getByRole('option', { name: referrersTag }).waitFor();
    expect(await tags.getByRole('option').count()).toBe(names.length + 1);
    await toggle.uncheck();
    expect(await tags.getByRole('option', { name: referrersTag }).count()).toBe(0);
  });

  it('selects with the mouse and the keyboard', async () => {
    const tags = await openRepository('deleting', 'team/app');
    expect(await tags.getAttribute('aria-multiselectable')).toBe('true');
    await tags.getByRole('option', { name: '3.0' }).click();
    await tags.getByRole('option', { name: '1.0', exact: true }).click({ modifiers: ['Shift'] });
    expect(await selectedTags(tags)).toEqual(['3.0', '2.0', '1.0']);
    await tags.getByRole('option', { name: '2.0' }).click({ modifiers: ['Control'] });
    expect(await selectedTags(tags)).toEqual(['3.0', '1.0']);
    const bar = page.getByRole('toolbar', { name: 'Selected tags' });
    expect(await bar.getByText(/selected$/).textContent()).toBe('2 selected');

    // Keyboard: Escape clears, Space toggles the focused row, Shift+↓ extends, Ctrl+A takes all shown.
    await tags.focus();
    await page.keyboard.press('Escape');
    expect(await selectedTags(tags)).toEqual([]);
    await bar.waitFor({ state: 'detached' });
    await page.keyboard.press('Home');
    await page.keyboard.press('Space');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    expect(await selectedTags(tags)).toEqual(['4.0', '3.0', '2.0']);
    await page.keyboard.press('Shift+ArrowUp');
    expect(await selectedTags(tags)).toEqual(['4.0', '3.0']);
    await page.getByLabel('Filter tags').fill('1.0');
    await tags.focus();
    await page.keyboard.press('Control+a');
    expect(await selectedTags(tags)).toEqual(['1.0', '1.0-alpine']);
    expect(await bar.getByText(/selected$/).textContent()).toBe('2 selected');
    await shoot('tags-selection-bar');
  });

  it('copies the selected tags: the copy dialog has them', async () => {
    const tags = await openRepository('deleting', 'team/app');
    await page.getByLabel('Filter tags').fill('1.0');
    await tags.focus();
    await page.keyboard.press('Control+a');
    expect(await selectedTags(tags)).toEqual(['1.0', '1.0-alpine']);
    await page.getByRole('button', { name: 'Copy selected to…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Copy 2 tags of team/app' });
    await dialog.getByText('Each tag keeps its name: 1.0, 1.0-alpine.').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByLabel('Filter tags').fill('');
  });

  it('deletes three selected tags; unselected tags on the same images survive', async () => {
    const tags = await openRepository('deleting', 'team/del');
    await tags.getByRole('option', { name: '1.0', exact: true }).click();
    for (const tag of ['2.0', '3.0'])
      await tags.getByRole('option', { name: tag }).click({ modifiers: ['Control'] });
    expect(await selectedTags(tags)).toEqual(['3.0', '2.0', '1.0']);
    await page.getByRole('button', { name: 'Delete selected…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 3 tags of team/del?' });
    const groups = dialog.getByRole('list', { name: 'Tags by image' }).getByRole('listitem');
    await groups.first().waitFor();
    const texts = await groups.allTextContents();
    expect(texts).toHaveLength(3);
    expect(texts.find((text) => text.startsWith('1.0'))).toMatch(
      /Kept \(same image, not selected\): 1\.0-alpine, stable\.$/,
    );
    expect(texts.find((text) => text.startsWith('2.0'))).toMatch(
      /Kept \(same image, not selected\): latest\.$/,
    );
    expect(texts.find((text) => text.startsWith('3.0'))).toMatch(/No other tag names this image/);
    await dialog.getByText(/disk space comes back only when the registry collects garbage/).waitFor();
    await shoot('delete-selected-tags');
    await dialog.getByRole('button', { name: 'Delete 3 tags' }).click();
    await dialog.getByText('Deleted 3 of 3.').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();

    expect(await registryTags(registry, 'team/del')).toEqual(
      ['1.0-alpine', '4.0', 'latest', del.referrersTag, 'stable'].sort(),
    );
    expect(await registryDigest('team/del', 'stable')).toBe(del.one.digest);
    expect(await registryDigest('team/del', 'latest')).toBe(del.two.digest);
    await expect
      .poll(() => tagNames(tags), { timeout: WORK_WAIT_MS })
      .toEqual(['4.0', '1.0-alpine', 'latest', 'stable']);
  });

  it('reports a tag that fails to delete with the registry error, and deletes the others', async () => {
    const tags = await openRepository('deleting', 'team/fail');
    await tags.getByRole('option', { name: '4.0' }).click();
    await tags.getByRole('option', { name: 'latest' }).click({ modifiers: ['Control'] });
    await page.getByRole('button', { name: 'Delete selected…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 2 tags of team/fail?' });
    await dialog.getByRole('list', { name: 'Tags by image' }).waitFor();
    // Someone else deletes 4.0's image between the confirmation and the click.
    const gone = await fetch(`${registry.url}/v2/team/fail/manifests/${fail.four.digest}`, {
      method: 'DELETE',
    });
    expect(gone.status).toBe(202);
    await dialog.getByRole('button', { name: 'Delete 2 tags' }).click();
    await dialog.getByText('Deleted 1 of 2; 1 failed.').waitFor();
    const failed = dialog.getByRole('list', { name: 'Failed' }).getByRole('listitem');
    expect(await failed.count()).toBe(1);
    expect(await failed.textContent()).toMatch(/^4\.0.*(unknown|not found)/i);
    await dialog.getByRole('button', { name: 'Done' }).click();
    expect(await registryTags(registry, 'team/fail')).toEqual(
      ['1.0', '1.0-alpine', '2.0', '3.0', fail.referrersTag, 'stable'].sort(),
    );
    await expect
      .poll(() => tagNames(tags), { timeout: WORK_WAIT_MS })
      .toEqual(['3.0', '2.0', '1.0', '1.0-alpine', 'stable']);
  });

  it('deletes a whole repository after its name is typed', async () => {
    await openConnection('deleting');
    await showTags(page, 'team/old', 'v2');
    await page.getByRole('button', { name: 'More actions for team/old' }).click();
    await page.getByRole('menuitem', { name: 'Delete repository team/old…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete repository team/old?' });
    const note = dialog.getByRole('note');
    await note.waitFor();
    expect(await note.textContent()).toBe(
      'Deleting team/old removes all 3 tags (2 images). This cannot be undone.',
    );
    const confirm = dialog.getByRole('button', { name: 'Delete repository' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Type team/old to confirm').fill('team/ol');
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Type team/old to confirm').fill('team/old');
    await dialog.getByText(/The name team\/old stays in the repository list, empty/).waitFor();
    await dialog.getByText(/platform images inside a multi-platform image, and signatures/).waitFor();
    // Plain words: no registry API terms or command-line flags.
    expect(await dialog.textContent()).not.toMatch(/manifest|--[a-z]|by digest|catalog/i);
    await shoot('delete-repository');
    await confirm.click();
    await dialog.getByText('Deleted 2 of 2.').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    expect(await registryTags(registry, 'team/old')).toEqual([]);
    // What the dialog said: Distribution keeps the name in its catalog.
    const catalog = (await (await fetch(`${registry.url}/v2/_catalog`)).json()) as { repositories: string[] };
    expect(catalog.repositories).toContain('team/old');
    await page.getByText('No tags in team/old.').waitFor();
    // The banner is about this connection: it goes when another one is opened.
    const banner = page.getByRole('status').filter({ hasText: 'Deleted 2 images of team/old.' });
    await banner.waitFor();
    await page
      .getByRole('navigation', { name: 'Connections' })
      .getByRole('button', { name: /locked/ })
      .click();
    await page
      .getByRole('listbox', { name: 'Repositories' })
      .getByRole('option', { name: 'team/app' })
      .waitFor();
    expect(await banner.count()).toBe(0);
  });

  it('explains that deletion is disabled where the registry refuses DELETE', async () => {
    const tags = await openRepository('locked', 'team/app');
    await tags.getByRole('option', { name: '1.0' }).click();
    await tags.getByRole('option', { name: '2.0' }).click({ modifiers: ['Shift'] });
    await page.getByRole('button', { name: 'Delete selected…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete 2 tags of team/app?' });
    await dialog
      .getByRole('alert')
      .filter({ hasText: /This registry does not allow deleting/ })
      .waitFor();
    // In words: whoever runs it can turn deletion on; no HTTP status.
    expect(await dialog.getByRole('alert').innerText()).not.toMatch(/HTTP|405/);
    expect(await dialog.getByRole('button', { name: 'Delete 2 tags' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await registryTags(locked, 'team/app')).toEqual(['1.0', '2.0']);

    await page.getByRole('button', { name: 'More actions for team/app' }).click();
    await page.getByRole('menuitem', { name: 'Delete repository team/app…' }).click();
    const repository = page.getByRole('dialog', { name: 'Delete repository team/app?' });
    await repository
      .getByRole('alert')
      .filter({ hasText: /This registry does not allow deleting/ })
      .waitFor();
    expect(await repository.getByRole('button', { name: 'Delete repository' }).isDisabled()).toBe(true);
    await repository.getByRole('button', { name: 'Cancel' }).click();
  });

  it('lists a Docker Hub namespace page by page', async () => {
    await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /hub/ }).click();
    await page.getByText('Docker Hub does not list all of its repositories.').waitFor();
    await page.getByLabel('Docker Hub namespace').fill('acme');
    await page.getByRole('button', { name: 'List' }).click();
    const list = page.getByRole('listbox', { name: 'Repositories of acme' });
    await list.getByRole('option', { name: 'acme/worker' }).waitFor();
    expect(await list.getByRole('option').allTextContents()).toEqual(['acme/api', 'acme/web', 'acme/worker']);
    expect(hub.requests.filter((url) => url.includes('/namespaces/acme/'))).toHaveLength(2);
    expect(hub.invalid).toEqual([]);
    expect(hub.validatedByOperation.get('GET /v2/namespaces/{namespace}/repositories')).toBe(2);
    await shoot('hub-namespace');
    await page.getByLabel('Docker Hub namespace').fill('nobody');
    await page.getByRole('button', { name: 'List' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /404|not found/i })
      .waitFor();
  });

  it('refuses bad input to the new requests with a clear error, and changes nothing', async () => {
    await host.logIn();
    const refused = async (name: string, input: unknown) => {
      const answer = await host.call(name, input);
      expect(answer.body.ok).toBe(false);
      return answer.body.error;
    };
    expect(
      (await refused('registry.hubRepositories', { connection: 'deleting', namespace: 'acme' })).message,
    ).toBe('deleting is not a Docker Hub connection');
    expect(
      (await refused('registry.hubRepositories', { connection: 'hub', namespace: '../etc' })).message,
    ).toMatch(/Docker Hub namespace is lowercase letters/);
    expect(
      (
        await refused('registry.deleteTagsPreview', {
          connection: 'deleting',
          repository: 'team/app',
          tags: [],
        })
      ).code,
    ).toBe('INVALID_INPUT');
    expect(
      (
        await refused('registry.deleteManifest', {
          connection: 'deleting',
          repository: 'team/app',
          digest: 'latest',
        })
      ).code,
    ).toBe('INVALID_INPUT');
    const disabled = await refused('registry.deleteManifest', {
      connection: 'locked',
      repository: 'team/app',
      digest: `sha256:${'1'.repeat(64)}`,
    });
    expect(disabled.message).toMatch(/deletion is disabled/);
    expect(await registryTags(registry, 'team/app')).toEqual(ALL_TAGS());
    expect(await registryTags(locked, 'team/app')).toEqual(['1.0', '2.0']);
  });
});
