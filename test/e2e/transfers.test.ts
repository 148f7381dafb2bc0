// Copy between two registries end to end: the real browser host in front of two real docker-registry
// instances, driven through Debian's Chromium by role and label. "staging" is the source registry seen
// through the fault proxy, which forwards everything untouched but can hold a blob download until the
// test lets it go: that is how a copy is caught half done (for the running screenshots, the navigation
// check and a reliable cancel) without any timing.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page, WebSocketRoute } from 'playwright-core';
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
import { startFaultProxy, type FaultProxy } from '../fixtures/fault-proxy.js';
import { pushImage, pushIndex, sha256, type PushedImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import { showTags } from '../fixtures/explorer-page.js';

const MiB = 1024 * 1024;

/** A download the proxy holds back until `release()`. */
function gate() {
  let release!: () => void;
  const opened = new Promise<void>((resolve) => (release = resolve));
  return { opened, release };
}

let keyring: KeyringHandle;
let source: RegistryHandle;
let destination: RegistryHandle;
let proxy: FaultProxy;
let root: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let app: PushedImage;
let big: PushedImage;
let small: PushedImage[];
let broken: PushedImage;
let gap: PushedImage;
let multi: PushedImage & { children: PushedImage[] };
const held = new Map<string, ReturnType<typeof gate>>();

beforeAll(async () => {
  root = await makeTempDir('e2e-transfers');
  [keyring, source, destination] = await Promise.all([startKeyring(), startRegistry(), startRegistry()]);
  // Random bytes: the gzip layers stay about 8 MiB each.
  app = await pushImage(source, 'team/app', '1.0', { layers: 3, layerSize: 8 * MiB });
  big = await pushImage(source, 'team/big', '1.0', { layers: 2, layerSize: 4 * MiB });
  broken = await pushImage(source, 'team/broken', '1.0', { layers: 1 });
  gap = await pushImage(source, 'team/gap', '1.0', { layers: 1 });
  multi = await pushIndex(source, 'team/multi', 'latest', {
    format: 'oci',
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
    ],
  });
  small = [
    await pushImage(source, 'team/small', 'v1'),
    await pushImage(source, 'team/small', 'v2'),
    await pushImage(source, 'team/small', 'latest'),
  ];
  held.set(app.layers[2]!.digest, gate());
  for (const layer of big.layers) held.set(layer.digest, gate());
  held.set(gap.layers[0]!.digest, gate());
  proxy = await startFaultProxy(source, {
    onRequest: async (request) => {
      const digest = /\/blobs\/(sha256:[0-9a-f]{64})$/.exec(request.path)?.[1];
      if (request.method !== 'GET' || !digest) return undefined;
      // team/broken's layer is refused the way a registry refuses a pull it does not allow.
      if (digest === broken.layers[0]!.digest)
        return {
          status: 403,
          body: JSON.stringify({
            errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }],
          }),
          headers: { 'content-type': 'application/json' },
        };
      await held.get(digest)?.opened;
      return undefined;
    },
  });
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: path.join(root, 'data'),
      BERTH_KEYCHAIN_SERVICE: `BerthTest-transfers-${randomUUID()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
    }),
  );
  await host.logIn();
  for (const [name, registry] of [
    ['staging', proxy],
    ['production', destination],
  ] as const) {
    const added = await host.call('connections.add', {
      name,
      url: `http://${registry.host}`,
      insecureHttp: true,
    });
    expect(added.body).toMatchObject({ ok: true });
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
  for (const { release } of held.values()) release();
  await browser?.close();
  await host?.stop();
  await proxy?.stop();
  await Promise.all([source?.stop(), destination?.stop()]);
  await keyring?.stop();
  if (root) await removeDir(root);
});

const shoot = (name: string) => screenshotBothSchemes(page, name);

/** The destination's manifest for `repository:tag`, hashed; undefined when the registry has none. */
async function destinationDigest(repository: string, tag: string, mediaType: string) {
  const response = await fetch(`${destination.url}/v2/${repository}/manifests/${tag}`, {
    headers: { accept: mediaType },
  });
  if (response.status === 404) return undefined;
  expect(response.status).toBe(200);
  return sha256(Buffer.from(await response.arrayBuffer()));
}

function section(name: string): Locator {
  return page.getByRole('list', { name: 'Sections' }).getByRole('button', { name: new RegExp(`^${name}`) });
}

async function openCopyDialog(repository: string, tag: string): Promise<Locator> {
  await section('Registries').click();
  await page
    .getByRole('navigation', { name: 'Connections' })
    .getByRole('button', { name: /staging/ })
    .click();
  await page.getByRole('listbox', { name: 'Repositories' }).getByRole('option', { name: repository }).click();
  await page
    .getByRole('listbox', { name: `Tags of ${repository}` })
    .getByRole('option', { name: tag })
    .click();
  await page.getByRole('heading', { name: `${repository}:${tag}` }).waitFor();
  await page.getByRole('button', { name: 'Copy to…' }).click();
  const dialog = page.getByRole('dialog', { name: `Copy ${repository}:${tag}` });
  await dialog.getByLabel('Destination registry').selectOption('production');
  return dialog;
}

/** The newest job whose title names `image`. */
function jobCard(image: string): Locator {
  return page
    .getByRole('list', { name: 'Transfers' })
    .getByRole('listitem', { name: new RegExp(image) })
    .first();
}

const blobLabel = (digest: string) => `blob ${digest.slice(7, 19)}`;

describe('transfers in a browser', { timeout: E2E_TEST_MS }, () => {
  it('copies an image to the other registry: per-layer bars reach 100% and the digest matches', async () => {
    const dialog = await openCopyDialog('team/app', '1.0');
    expect(await dialog.getByLabel('Repository', { exact: true }).inputValue()).toBe('team/app');
    expect(await dialog.getByLabel('Tag', { exact: true }).inputValue()).toBe('1.0');
    // Every wrong choice is named before anything starts.
    const start = dialog.getByRole('button', { name: 'Start copy' });
    await dialog.getByLabel('Destination registry').selectOption('staging');
    await dialog.getByText('That is the source itself: pick another registry, repository or tag.').waitFor();
    expect(await start.isDisabled()).toBe(true);
    await dialog.getByLabel('Destination registry').selectOption('production');
    await dialog.getByLabel('Tag', { exact: true }).fill(' ');
    await dialog.getByText('The destination tag is missing.').waitFor();
    expect(await start.isDisabled()).toBe(true);
    await dialog.getByLabel('Tag', { exact: true }).fill('1.0');
    // The plan asks both registries: the config and three layers must travel, nothing is there yet.
    const plan = dialog.getByRole('status', { name: 'Copy plan' });
    await plan.getByText(/4\s*to transfer/).waitFor();
    expect(await plan.textContent()).toMatch(/0\s*to mount.*0\s*already there.*is kept/);
    await shoot('copy-dialog');
    await dialog.getByRole('button', { name: 'Start copy' }).click();

    // Starting opens Transfers; the third layer's download is held by the proxy, so the job runs on.
    await page.getByRole('heading', { name: 'Transfers', level: 1 }).waitFor();
    const job = jobCard('team/app:1.0');
    await job.getByRole('button', { name: 'Details' }).click();
    const items = job.getByRole('list', { name: /^Items of/ });
    const bar = (digest: string) => items.getByRole('progressbar', { name: blobLabel(digest) });
    for (const digest of [app.configDigest, app.layers[0]!.digest, app.layers[1]!.digest])
      await expect
        .poll(() => bar(digest).getAttribute('aria-valuenow'), { timeout: WORK_WAIT_MS })
        .toBe('100');
    expect(await bar(app.layers[2]!.digest).getAttribute('aria-valuenow')).toBe('0');
    expect(await job.getByText('Running', { exact: true }).count()).toBe(1);
    expect(await section('Transfers').getByLabel('1 running').textContent()).toBe('1');
    await shoot('transfers-running');

    // The job lives above the page: let it finish while the explorer is on screen.
    await section('Registries').click();
    await page.getByRole('button', { name: 'Copy to…' }).waitFor();
    held.get(app.layers[2]!.digest)!.release();
    await expect
      .poll(
        () =>
          section('Transfers')
            .getByLabel(/running/)
            .count(),
        { timeout: WORK_WAIT_MS },
      )
      .toBe(0);
    await section('Transfers').click();

    await job.getByText('Done', { exact: true }).first().waitFor({ timeout: WORK_WAIT_MS });
    await job.getByRole('button', { name: 'Details' }).click();
    for (const digest of [app.configDigest, ...app.layerDigests])
      expect(await bar(digest).getAttribute('aria-valuenow')).toBe('100');
    expect(await job.getByRole('progressbar', { name: /^Progress of/ }).getAttribute('aria-valuenow')).toBe(
      '100',
    );
    expect(await job.textContent()).toMatch(/4 files pushed · 1 image description pushed/);
    await shoot('transfers-finished');

    expect(await destinationDigest('team/app', '1.0', app.mediaType)).toBe(app.digest);
  });

  it('copies the tags selected in the tag list as one job', async () => {
    await section('Registries').click();
    await page
      .getByRole('navigation', { name: 'Connections' })
      .getByRole('button', { name: /staging/ })
      .click();
    await showTags(page, 'team/small', 'latest');
    await page.getByLabel('Filter tags').fill('v');
    // Ctrl+A in the list selects every tag the filter shows.
    await page.getByRole('listbox', { name: 'Tags of team/small' }).focus();
    await page.keyboard.press('Control+a');
    await page.getByRole('button', { name: 'Copy selected to…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Copy 2 tags of team/small' });
    await dialog.getByLabel('Destination registry').selectOption('production');
    await dialog.getByText('Each tag keeps its name: v2, v1.').waitFor();
    await shoot('copy-dialog-tags');
    await dialog.getByRole('button', { name: 'Copy 2 tags' }).click();
    await page
      .getByRole('listitem', { name: /^Done: copy 2 tags of .*team\/small → .*team\/small$/ })
      .waitFor({ timeout: WORK_WAIT_MS });
    for (const image of small)
      expect(await destinationDigest('team/small', image.tag!, image.mediaType)).toBe(
        image.tag === 'latest' ? undefined : image.digest,
      );
  });

  it('takes a tag in the Tag field, not a digest that would leave the copy without one', async () => {
    const dialog = await openCopyDialog('team/small', 'v1');
    const start = dialog.getByRole('button', { name: 'Start copy' });
    await dialog.getByLabel('Tag', { exact: true }).fill(small[0]!.digest);
    await dialog
      .getByText(
        'A tag is up to 128 letters, digits, _ . and -: a digest would leave the copy without a tag.',
      )
      .waitFor();
    expect(await start.isDisabled()).toBe(true);
    await dialog.getByLabel('Tag', { exact: true }).fill('v1-copy');
    await dialog
      .getByRole('status', { name: 'Copy plan' })
      .getByText(/is kept/)
      .waitFor();
    expect(await start.isDisabled()).toBe(false);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await destinationDigest('team/small', 'v1-copy', small[0]!.mediaType)).toBeUndefined();
  });

  it('copies one platform of an index as a new index', async () => {
    const dialog = await openCopyDialog('team/multi', 'latest');
    await dialog
      .getByRole('status', { name: 'Copy plan' })
      .getByText(/is kept/)
      .waitFor();
    await dialog.getByLabel(/^Only some platforms/).check();
    await dialog.getByText('Pick at least one platform, or copy all of them.').waitFor();
    await dialog.getByRole('group', { name: 'Platforms to copy' }).getByLabel('linux/arm64/v8').check();
    const plan = dialog.getByRole('status', { name: 'Copy plan' });
    await plan.getByText(/A new index for linux\/arm64\/v8/).waitFor();
    await shoot('copy-dialog-platforms');
    await dialog.getByRole('button', { name: 'Start copy' }).click();
    await page
      .getByRole('listitem', { name: /^Done: .*team\/multi:latest$/ })
      .waitFor({ timeout: WORK_WAIT_MS });
    const response = await fetch(`${destination.url}/v2/team/multi/manifests/latest`, {
      headers: { accept: multi.mediaType },
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const index = JSON.parse(bytes.toString()) as { manifests: Array<{ digest: string }> };
    expect(index.manifests.map((entry) => entry.digest)).toEqual([multi.children[1]!.digest]);
    expect(sha256(bytes)).not.toBe(multi.digest);
    expect(response.headers.get('docker-content-digest')).toBe(sha256(bytes));
  });

  it('shows a failed copy with its typed error and hint, and writes nothing', async () => {
    const dialog = await openCopyDialog('team/broken', '1.0');
    await dialog
      .getByRole('status', { name: 'Copy plan' })
      .getByText(/2\s*to transfer/)
      .waitFor();
    await dialog.getByRole('button', { name: 'Start copy' }).click();
    const job = page.getByRole('listitem', { name: /^Failed: .*team\/broken:1\.0$/ });
    const alert = job.getByRole('alert');
    await alert.waitFor({ timeout: WORK_WAIT_MS });
    const listed = await host.call<Array<{ title: string; error?: { code: string; hint?: string } }>>(
      'jobs.list',
      {},
    );
    const error = listed.body.value.find((entry) => entry.title.includes('team/broken'))!.error!;
    expect(error.code).toBe('DENIED');
    expect(error.hint).toBeTruthy();
    const text = await alert.textContent();
    // The error in words; its code is a data attribute (for bug reports), never the text.
    expect(text).toMatch(/^staging: access denied/);
    expect(text).not.toMatch(/\bDENIED\b/);
    expect(await alert.getAttribute('data-code')).toBe('DENIED');
    expect(text).toContain(error.hint);
    await job.getByRole('button', { name: 'Retry' }).waitFor();
    await shoot('transfers-failed');
    expect(await destinationDigest('team/broken', '1.0', broken.mediaType)).toBeUndefined();
  });

  it('answers bad requests with a typed error and a hint', async () => {
    const unknown = await host.call('jobs.retry', { id: randomUUID() });
    expect(unknown.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', hint: expect.any(String) } });
    const malformed = await host.call('jobs.retry', { id: '../../etc' });
    expect(malformed.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const plan = (input: object) =>
      host.call('copy.plan', {
        source: { connection: 'staging', repository: 'team/app', reference: '1.0' },
        destination: { connection: 'production', repository: 'x', reference: '1' },
        ...input,
      });
    const missing = { connection: 'staging', repository: 'team/app', reference: 'nope' };
    expect((await plan({ source: missing })).body).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect((await plan({ platforms: ['linux/arm64'] })).body).toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED', message: expect.stringMatching(/single-platform/) },
    });
    const malformedDestination = { connection: 'production', repository: 'Not A/Reference', reference: ':' };
    expect((await plan({ destination: malformedDestination })).body).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/repository/) },
    });
    const start = await host.call('jobs.start', {
      kind: 'copy',
      source: { connection: 'staging', repository: 'team/app', reference: '1.0' },
      destination: malformedDestination,
    });
    expect(start.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('cancels a copy: shown as cancelled, no manifest at the destination; Retry copies it', async () => {
    const dialog = await openCopyDialog('team/big', '1.0');
    await dialog
      .getByRole('status', { name: 'Copy plan' })
      .getByText(/3\s*to transfer/)
      .waitFor();
    await dialog.getByRole('button', { name: 'Start copy' }).click();
    const job = jobCard('team/big:1.0');
    await job.getByRole('button', { name: 'Details' }).click();
    const items = job.getByRole('list', { name: /^Items of/ });
    // Both layers are being downloaded (held at the proxy): a cancel now interrupts real transfers.
    for (const layer of big.layers)
      await items
        .getByRole('listitem')
        .filter({ hasText: blobLabel(layer.digest) })
        .getByText('Transferring')
        .waitFor();
    await job.getByRole('button', { name: 'Cancel' }).click();
    await job.getByText('Cancelled', { exact: true }).first().waitFor({ timeout: WORK_WAIT_MS });
    await job.getByText(/destination tag was not written/).waitFor();
    // The interrupted layers read as cancelled (the config blob, not held, had finished).
    expect(await items.getByText('Cancelled', { exact: true }).count()).toBe(2);
    await shoot('transfers-cancelled');
    expect(await destinationDigest('team/big', '1.0', big.mediaType)).toBeUndefined();

    for (const layer of big.layers) held.get(layer.digest)!.release();
    await job.getByRole('button', { name: 'Retry' }).click();
    // The retry takes the cancelled card's place: one card, and it finishes.
    const cards = page.getByRole('listitem', { name: /team\/big:1\.0/ });
    await expect
      .poll(() => cards.first().getAttribute('aria-label'), { timeout: WORK_WAIT_MS })
      .toMatch(/^Done: /);
    expect(await cards.count()).toBe(1);
    expect(await destinationDigest('team/big', '1.0', big.mediaType)).toBe(big.digest);
  });

  it('shows a copy that finished while the event socket was down as done once it reconnects', async () => {
    // Every /events socket passes through the test; the first one can go deaf to the host, then drop.
    const sockets: Array<{ page: WebSocketRoute; isDeaf: boolean }> = [];
    await page.routeWebSocket(/\/events$/, (socket) => {
      const entry = { page: socket, isDeaf: false };
      sockets.push(entry);
      const server = socket.connectToServer();
      server.onMessage((message) => !entry.isDeaf && socket.send(message));
      socket.onMessage((message) => server.send(message));
    });
    await page.reload();
    await expect.poll(() => sockets.length, { timeout: WORK_WAIT_MS }).toBe(1);

    const dialog = await openCopyDialog('team/gap', '1.0');
    await dialog.getByRole('button', { name: 'Start copy' }).click();
    const job = jobCard('team/gap:1.0');
    await job.getByRole('button', { name: 'Details' }).click();
    await job
      .getByRole('list', { name: /^Items of/ })
      .getByRole('listitem')
      .filter({ hasText: blobLabel(gap.layers[0]!.digest) })
      .getByText('Transferring')
      .waitFor();

    // The finish is sent while the page hears nothing: the host knows the job is done, the page does not.
    sockets[0]!.isDeaf = true;
    held.get(gap.layers[0]!.digest)!.release();
    await expect
      .poll(
        async () => {
          const listed = await host.call<Array<{ title: string; status: string }>>('jobs.list', {});
          return listed.body.value?.find((entry) => entry.title.includes('team/gap:1.0'))?.status;
        },
        { timeout: WORK_WAIT_MS },
      )
      .toBe('succeeded');
    expect(await job.getAttribute('aria-label')).toMatch(/^Running: /);

    // The socket drops; the page reconnects by itself and lists the jobs again.
    await sockets[0]!.page.close();
    await expect.poll(() => sockets.length, { timeout: UI_WAIT_MS }).toBe(2);
    await expect.poll(() => job.getAttribute('aria-label'), { timeout: UI_WAIT_MS }).toMatch(/^Done: /);
    expect(await destinationDigest('team/gap', '1.0', gap.mediaType)).toBe(gap.digest);
  });
});
