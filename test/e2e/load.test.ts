// "Load from file…" end to end in the browser host: the archive chosen in an <input type=file>, streamed to
// the host (an upload under Berth's data folder, gone once the load ends), pushed into a real Distribution
// by a load job that the Transfers page shows. The upload endpoint's guard and size cap are checked too.
import { randomUUID } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
import { buildImageArchive } from '../fixtures/dockerd.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const UPLOAD_LIMIT = 8 * 1024 * 1024;

let keyring: KeyringHandle;
let registry: RegistryHandle;
let root: string;
let dataDir: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  root = await makeTempDir('e2e-load');
  dataDir = path.join(root, 'data');
  [keyring, registry] = await Promise.all([startKeyring(), startRegistry({ auth: 'none' })]);
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: dataDir,
      BERTH_KEYCHAIN_SERVICE: `BerthTest-load-${randomUUID()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
      BERTH_HOST_UPLOAD_LIMIT: String(UPLOAD_LIMIT),
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

async function tagsOf(repository: string): Promise<string[]> {
  const response = await fetch(`${registry.url}/v2/${repository}/tags/list`);
  if (response.status === 404) return [];
  return ((await response.json()) as { tags: string[] | null }).tags ?? [];
}

async function uploadsLeft(): Promise<string[]> {
  return readdir(path.join(dataDir, 'uploads')).catch(() => []);
}

describe('Load from file… in a browser', { timeout: E2E_TEST_MS }, () => {
  it('uploads a docker save archive and loads it into the repository named, as a job on Transfers', async () => {
    const archive = path.join(root, 'release.tar');
    await writeFile(
      archive,
      buildImageArchive({
        repoTags: ['team/app:1.4', 'team/app:latest'],
        layerSizes: [2 * 1024 * 1024, 4096],
      }).archive,
    );
    await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /lab/ }).click();
    await page.getByRole('button', { name: 'Load an image archive into lab…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Load an image archive' });
    const load = dialog.getByRole('button', { name: 'Load', exact: true });
    expect(await load.isDisabled()).toBe(true);
    await dialog.getByLabel('Archive').setInputFiles(archive);
    await dialog.getByLabel('Repository').fill('Team/App');
    await dialog.getByText(/A repository name is lower-case/).waitFor();
    expect(await load.isDisabled()).toBe(true);
    await dialog.getByLabel('Repository').fill('loaded/app');
    await screenshotBothSchemes(page, 'load-dialog');
    await screenshotAt(page, 'load-dialog', 1024, 700);
    // The upload slowed down (Chromium's own network throttling) long enough to see its progress.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 256 * 1024,
    });
    await load.click();
    await dialog.getByRole('progressbar', { name: 'Uploading release.tar' }).waitFor();
    await dialog.getByText(/Uploading release\.tar: [\d.]+ (B|kB|KB|MB) of 2\.1\d MB/).waitFor();
    await screenshotBothSchemes(page, 'load-uploading');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });

    await page.getByRole('heading', { name: 'Transfers', level: 1 }).waitFor();
    const card = page
      .getByRole('list', { name: 'Transfers' })
      .getByRole('listitem', { name: /release\.tar/ })
      .first();
    await card.getByText(/2 images? loaded|1 image loaded/).waitFor({ timeout: WORK_WAIT_MS });
    expect(await card.textContent()).toContain('digests are new: a Docker archive holds uncompressed layers');
    await card.getByRole('button', { name: 'Details' }).click();
    await card.getByText('archive release.tar').waitFor();
    await screenshotBothSchemes(page, 'load-job');
    await screenshotAt(page, 'load-job', 1024, 700);
    expect((await tagsOf('loaded/app')).sort()).toEqual(['1.4', 'latest']);
    // The upload was a temporary file: gone with its load.
    expect(await uploadsLeft()).toEqual([]);

    // The repository's own "Load…" opens the dialog with its name filled in.
    await page
      .getByRole('list', { name: 'Sections' })
      .getByRole('button', { name: /^Registries/ })
      .click();
    await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /lab/ }).click();
    await page
      .getByRole('listbox', { name: 'Repositories' })
      .getByRole('option', { name: 'loaded/app' })
      .click();
    await screenshotAt(page, 'load-repository-actions', 1024, 700);
    await page.getByRole('button', { name: 'More actions for loaded/app' }).click();
    await page.getByRole('menuitem', { name: 'Load an image archive into loaded/app…' }).click();
    expect(await dialog.getByLabel('Repository').inputValue()).toBe('loaded/app');
  });

  it('loads a gzip-compressed docker save archive (.tar.gz, as docker load takes it)', async () => {
    const archive = path.join(root, 'release.tar.gz');
    await writeFile(
      archive,
      gzipSync(buildImageArchive({ repoTags: ['team/app:2.0'], layerSizes: [64 * 1024] }).archive),
    );
    await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /lab/ }).click();
    await page.getByRole('button', { name: 'Load an image archive into lab…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Load an image archive' });
    await dialog.getByText(/either also gzip-compressed \(\.tar\.gz\)/).waitFor();
    expect(await dialog.getByLabel('Archive').getAttribute('accept')).toContain('.tar.gz');
    await dialog.getByLabel('Archive').setInputFiles(archive);
    await dialog.getByLabel('Repository').fill('zipped/app');
    await dialog.getByRole('button', { name: 'Load', exact: true }).click();
    const card = page
      .getByRole('list', { name: 'Transfers' })
      .getByRole('listitem', { name: /release\.tar\.gz/ })
      .first();
    await card.getByText(/1 image loaded/).waitFor({ timeout: WORK_WAIT_MS });
    expect(await tagsOf('zipped/app')).toEqual(['2.0']);
    expect(await uploadsLeft()).toEqual([]);
  });

  it('says what is wrong with a file that is not an archive, and leaves nothing behind', async () => {
    const bogus = path.join(root, 'notes.tar');
    await writeFile(bogus, 'not a tar at all\n');
    await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /lab/ }).click();
    await page.getByRole('button', { name: 'Load an image archive into lab…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Load an image archive' });
    await dialog.getByLabel('Archive').setInputFiles(bogus);
    await dialog.getByLabel('Repository').fill('loaded/bogus');
    await dialog.getByRole('button', { name: 'Load', exact: true }).click();
    const card = page
      .getByRole('list', { name: 'Transfers' })
      .getByRole('listitem', { name: /notes\.tar/ })
      .first();
    await page.getByRole('heading', { name: 'Transfers', level: 1 }).waitFor();
    await screenshotBothSchemes(page, 'load-failed');
    await card
      .getByText('notes.tar is not a tar archive (nor an OCI layout folder)')
      .waitFor({ timeout: WORK_WAIT_MS });
    expect(await tagsOf('loaded/bogus')).toEqual([]);
    expect(await uploadsLeft()).toEqual([]);
    // The upload went with the load: a Retry would only be refused, so the card offers none.
    expect(await card.getByRole('button', { name: 'Retry' }).count()).toBe(0);
  });

  it('takes uploads only with the key, as octet-stream, and no larger than its cap', async () => {
    const body = Buffer.alloc(1024);
    const post = (headers: Record<string, string>, bytes: Buffer = body) =>
      host.fetch('/upload/archive', {
        method: 'POST',
        headers: { origin: host.origin, ...headers },
        body: new Uint8Array(bytes),
      });
    expect((await post({ 'content-type': 'application/octet-stream' })).status).toBe(401);
    expect((await post({ ...host.authorization, 'content-type': 'text/plain' })).status).toBe(415);
    const foreign = await host.fetch('/upload/archive', {
      method: 'POST',
      headers: {
        ...host.authorization,
        origin: 'http://evil.example',
        'content-type': 'application/octet-stream',
      },
      body,
    });
    expect(foreign.status).toBe(403);
    const tooBig = await post(
      { ...host.authorization, 'content-type': 'application/octet-stream' },
      Buffer.alloc(UPLOAD_LIMIT + 1),
    );
    expect(tooBig.status).toBe(413);
    expect(await uploadsLeft()).toEqual([]);
    const taken = await post({
      ...host.authorization,
      'content-type': 'application/octet-stream',
      'x-berth-file-name': '..%2F..%2Fetc%2Fpasswd',
    });
    expect(taken.status).toBe(200);
    const answer = JSON.parse(taken.text) as { ok: true; value: { file: string; name: string } };
    expect(answer.value.name).toBe('passwd');
    // A token is spent once: the load that takes it removes the file whatever happens.
    const started = await host.call('jobs.start', {
      kind: 'load',
      file: answer.value.file,
      destination: { connection: 'lab', repository: 'loaded/once' },
    });
    expect(started.body).toMatchObject({ ok: true });
    const again = await host.call('jobs.start', {
      kind: 'load',
      file: answer.value.file,
      destination: { connection: 'lab', repository: 'loaded/once' },
    });
    expect(again.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const deadline = Date.now() + WORK_WAIT_MS;
    while ((await uploadsLeft()).length && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await uploadsLeft()).toEqual([]);
  });
});
