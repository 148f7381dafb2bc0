// The image view's facts end to end: the real browser host in front of a real docker-registry, driven
// through Debian's Chromium. One size everywhere (layers + config, computed here from what the fixture
// pushed), an index's shown platform and all platforms with a shared layer counted once, copy buttons
// that put exactly the digest or the bytes the registry served on the clipboard, the raw JSON view's
// line numbers (and its speed on a 1 MB manifest), and a media type that is never cut.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatBytes } from '../fixtures/i18n.js';
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
import { MEDIA_TYPES, pushImage, pushIndex, pushManifest, type PushedImage } from '../fixtures/images.js';
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
let huge: Buffer;
let attestation: PushedImage;

/** The size rule, from what was pushed: the config and the layers, not the manifest. */
const sizeOf = (image: PushedImage) =>
  image.configBytes.length + image.layers.reduce((sum, layer) => sum + layer.size, 0);

/** Pushes a manifest of about 1 MB: thousands of descriptors of the same small layer. */
async function pushHugeManifest(): Promise<Buffer> {
  const base = await pushImage(registry, 'team/huge', undefined, { layers: 1, seed: 'huge' });
  const layer = base.layers[0]!;
  const manifest = {
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.oci.manifest,
    config: { mediaType: MEDIA_TYPES.oci.config, digest: base.configDigest, size: base.configBytes.length },
    layers: Array.from({ length: 6000 }, () => ({
      mediaType: layer.mediaType,
      digest: layer.digest,
      size: layer.size,
    })),
  };
  const bytes = Buffer.from(JSON.stringify(manifest, null, 3));
  await pushManifest(registry, 'team/huge', 'big', bytes, MEDIA_TYPES.oci.manifest);
  return bytes;
}

beforeAll(async () => {
  root = await makeTempDir('e2e-image-view');
  [keyring, registry] = await Promise.all([startKeyring(), startRegistry({})]);
  // Small layers, so leaving the manifest out or in shows in the third digit.
  app = await pushImage(registry, 'team/app', '1.0', { layers: 2, seed: 'app' });
  multi = await pushIndex(registry, 'team/multi', 'latest', {
    format: 'oci',
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64' },
    ],
    seed: 'multi',
    layers: 2,
    sharedLayers: 1,
    layerSize: 400 * 1024,
  });
  // The same index with a BuildKit attestation for linux/amd64: not a platform, not in the sizes.
  attestation = await pushImage(registry, 'team/multi', undefined, {
    layers: 1,
    platform: { os: 'unknown', architecture: 'unknown' },
    seed: 'attestation',
  });
  const attested = JSON.parse(multi.manifestBytes.toString('utf8')) as { manifests: object[] };
  attested.manifests.push({
    mediaType: attestation.mediaType,
    digest: attestation.digest,
    size: attestation.size,
    platform: { os: 'unknown', architecture: 'unknown' },
    annotations: {
      'vnd.docker.reference.type': 'attestation-manifest',
      'vnd.docker.reference.digest': multi.children[0]!.digest,
    },
  });
  await pushManifest(
    registry,
    'team/multi',
    'attested',
    Buffer.from(JSON.stringify(attested)),
    MEDIA_TYPES.oci.index,
  );
  huge = await pushHugeManifest();
  host = await startHostWithLocalConnection({
    root,
    registryHost: registry.host,
    label: 'image-view',
    env: (extra) => keyring.env(extra),
  });
  browser = await launchChromium();
}, E2E_SETUP_MS);

beforeEach(async () => {
  ({ context, page } = await openPage(browser, { timeoutMs: UI_WAIT_MS }));
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url });
  await page.goto(host.url);
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

/** Opens a tag in the explorer and waits for its image view; returns the tag list and the view. */
async function openTag(repository: string, tag: string): Promise<{ tags: Locator; image: Locator }> {
  await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: /local/ }).click();
  await page.getByLabel('Open repository by name').fill(repository);
  await page.keyboard.press('Enter');
  const tags = page.getByRole('listbox', { name: `Tags of ${repository}` });
  await tags.getByRole('option', { name: tag, exact: true }).click();
  const image = page.getByRole('region', { name: 'Image' });
  await image.getByRole('heading', { name: `${repository}:${tag}` }).waitFor();
  return { tags, image };
}

/** The image view's value for a fact ("Size", "Media type"). */
const fact = (image: Locator, term: string) => image.getByLabel(term, { exact: true });

/** A row's details line: the element its option names as its description. */
function detailsOf(tags: Locator, tag: string): Promise<string> {
  return tags
    .getByRole('option', { name: tag, exact: true })
    .evaluate(
      (option) =>
        option.ownerDocument.getElementById(option.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
    );
}

/** What the page's clipboard holds (the test's tsconfig has no DOM types, hence the casts). */
type BrowserGlobals = {
  navigator: { clipboard: { readText(): Promise<string> } };
  requestAnimationFrame(run: () => void): void;
  performance: { now(): number };
};
const clipboard = () =>
  page.evaluate(() => (globalThis as unknown as BrowserGlobals).navigator.clipboard.readText());

describe('the image view', { timeout: E2E_TEST_MS }, () => {
  it('shows an image’s size as the tag list does: layers and config, the manifest not counted', async () => {
    const { tags, image } = await openTag('team/app', '1.0');
    const size = formatBytes(sizeOf(app));
    expect(size).not.toBe(formatBytes(sizeOf(app) + app.size));
    await expect.poll(() => fact(image, 'Size').textContent(), { timeout: WORK_WAIT_MS }).toBe(size);
    await expect.poll(() => detailsOf(tags, '1.0'), { timeout: WORK_WAIT_MS }).toContain(size);
    expect(await fact(image, 'Size').locator('..').getAttribute('title')).toMatch(
      /layers plus the image config/,
    );
  });

  it('shows an index’s shown platform and all platforms, a shared layer counted once', async () => {
    const { image } = await openTag('team/multi', 'latest');
    const [amd, arm] = multi.children as [PushedImage, PushedImage];
    const blobs = new Map<string, number>();
    for (const child of [amd, arm]) {
      blobs.set(child.configDigest, child.configBytes.length);
      for (const layer of child.layers) blobs.set(layer.digest, layer.size);
    }
    expect(blobs.size).toBe(5);
    const all = [...blobs.values()].reduce((sum, size) => sum + size, 0);
    await expect
      .poll(() => fact(image, 'Size').textContent(), { timeout: WORK_WAIT_MS })
      .toBe(
        `linux/amd64 ${formatBytes(sizeOf(amd))} · all platforms ${formatBytes(all)} (shared layers counted once)`,
      );
    const platforms = image.getByRole('group', { name: 'Platforms' });
    // Each platform's own size next to it.
    expect(await platforms.textContent()).toContain(`linux/amd64${formatBytes(sizeOf(amd))}`);
    expect(await platforms.textContent()).toContain(`linux/arm64${formatBytes(sizeOf(arm))}`);

    await platforms.getByRole('button', { name: 'Copy linux/arm64 digest' }).click();
    await expect.poll(clipboard, { timeout: UI_WAIT_MS }).toBe(arm.digest);

    await platforms.getByRole('button', { name: 'linux/arm64', exact: true }).click();
    await expect
      .poll(() => fact(image, 'Size').textContent(), { timeout: WORK_WAIT_MS })
      .toBe(
        `linux/arm64 ${formatBytes(sizeOf(arm))} · all platforms ${formatBytes(all)} (shared layers counted once)`,
      );
    await screenshotBothSchemes(page, 'image-view-index');
    await screenshotAt(page, 'image-view-index', 1024, 700);
  });

  it('leaves an index’s attestation out of its sizes and copies the attestation’s digest', async () => {
    const { image } = await openTag('team/multi', 'attested');
    const [amd, arm] = multi.children as [PushedImage, PushedImage];
    const all = new Map<string, number>();
    for (const child of [amd, arm]) {
      all.set(child.configDigest, child.configBytes.length);
      for (const layer of child.layers) all.set(layer.digest, layer.size);
    }
    const allSize = [...all.values()].reduce((sum, size) => sum + size, 0);
    await expect
      .poll(() => fact(image, 'Size').textContent(), { timeout: WORK_WAIT_MS })
      .toBe(
        `linux/amd64 ${formatBytes(sizeOf(amd))} · all platforms ${formatBytes(allSize)} (shared layers counted once)`,
      );
    const attestations = image.getByRole('list', { name: 'Attestations' });
    expect(await attestations.textContent()).toContain('Attestation for linux/amd64');
    await attestations
      .getByRole('button', { name: 'Copy the digest of the attestation for linux/amd64' })
      .click();
    await expect.poll(clipboard, { timeout: UI_WAIT_MS }).toBe(attestation.digest);
  });

  it('copies a layer’s digest, the image ID and the raw manifest and config exactly as served', async () => {
    const { image } = await openTag('team/app', '1.0');
    await image.getByRole('button', { name: 'Copy layer 2 digest' }).click();
    await expect.poll(clipboard, { timeout: UI_WAIT_MS }).toBe(app.layerDigests[1]);
    await image.getByRole('button', { name: 'Copy image ID (config digest)' }).click();
    await expect.poll(clipboard, { timeout: UI_WAIT_MS }).toBe(app.configDigest);

    await image.getByText('Raw manifest', { exact: true }).click();
    const raw = image.getByRole('region', { name: 'Raw manifest JSON' });
    const lines = app.manifestBytes.toString('utf8').split('\n');
    // Numbered lines, the first and the last on screen (the manifest is short).
    await raw.getByText('1', { exact: true }).waitFor();
    await raw.getByText(String(lines.length), { exact: true }).waitFor();
    await raw.getByText(`"${app.layerDigests[0]}"`, { exact: true }).waitFor();
    await image.getByRole('button', { name: 'Copy raw manifest' }).click();
    await expect.poll(clipboard, { timeout: UI_WAIT_MS }).toBe(app.manifestBytes.toString('utf8'));

    await image.getByText('Raw config', { exact: true }).click();
    await image.getByRole('button', { name: 'Copy raw config' }).click();
    await expect.poll(clipboard, { timeout: UI_WAIT_MS }).toBe(app.configBytes.toString('utf8'));
    await raw.scrollIntoViewIfNeeded();
    await screenshotBothSchemes(page, 'image-view-raw');
    await screenshotAt(page, 'image-view-raw', 1024, 700);
  });

  it('opens the raw view of a 1 MB manifest without rendering every line', async () => {
    expect(huge.length).toBeGreaterThan(1_000_000);
    const { image } = await openTag('team/huge', 'big');
    // Measured in the page: from the click to the frame that shows the first numbered line.
    const openedMs = await image.getByText('Raw manifest', { exact: true }).evaluate(
      (summary) =>
        new Promise<number>((resolve) => {
          const browser = globalThis as unknown as BrowserGlobals;
          const started = browser.performance.now();
          (summary as unknown as { click(): void }).click();
          const check = () => {
            const region = summary.ownerDocument.querySelector('[aria-label="Raw manifest JSON"]');
            if (region?.textContent?.includes('{')) resolve(browser.performance.now() - started);
            else browser.requestAnimationFrame(check);
          };
          browser.requestAnimationFrame(check);
        }),
    );
    const raw = image.getByRole('region', { name: 'Raw manifest JSON' });
    await raw.getByText('1', { exact: true }).waitFor();
    const lines = huge.toString('utf8').split('\n').length;
    await image.getByText(`${lines.toLocaleString('en-US')} lines`).waitFor();
    // Only the lines on screen (and a few either side) are in the page.
    expect(await raw.locator('code').count()).toBeLessThan(100);
    await raw.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await raw.getByText(String(lines), { exact: true }).waitFor();
    console.log(
      `raw view of a ${huge.length}-byte manifest (${lines} lines) showed its first line after ${Math.round(openedMs)} ms`,
    );
  });

  it('shows the media type in full at 1024×700 and 1440×900', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    const { image } = await openTag('team/app', '1.0');
    const mediaType = fact(image, 'Media type');
    await expect.poll(() => mediaType.textContent(), { timeout: WORK_WAIT_MS }).toBe('OCI image manifest');
    const isCut = () =>
      mediaType.evaluate(
        (element) => element.scrollWidth > element.clientWidth || element.scrollHeight > element.clientHeight,
      );
    expect(await isCut()).toBe(false);
    await screenshotBothSchemes(page, 'image-view-1024');
    // And in the wide window, where five narrow columns cut it before.
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(await isCut()).toBe(false);
    await screenshotBothSchemes(page, 'image-view');
  });
});
