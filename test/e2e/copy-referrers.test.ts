// The copy dialog's "Copy signatures and attestations" checkbox, end to end: the real browser host in front
// of two real docker-registry instances (no Referrers API: the tag-schema form), driven through Debian's
// Chromium by role and label. A signed image (a cosign signature, an SBOM, a Notation signature of the
// SBOM) is offered with its referrers on by default; unticked, none of them is copied. Tags are named
// `release`: no sha256-… tag of the tag schema contains that.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
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
import { MEDIA_TYPES, pushImage, type PushedImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import {
  ARTIFACT_TYPES,
  pushReferrer,
  readReferrersTag,
  type PushedReferrer,
} from '../fixtures/referrers.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let keyring: KeyringHandle;
let source: RegistryHandle;
let destination: RegistryHandle;
let root: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;

interface Signed {
  image: PushedImage;
  referrers: PushedReferrer[];
}
const signed = new Map<string, Signed>();

async function signedImage(repository: string): Promise<Signed> {
  const image = await pushImage(source, repository, 'release', { layers: 2 });
  const signature = await pushReferrer(source, repository, image, ARTIFACT_TYPES.cosign, { tagSchema: true });
  const sbom = await pushReferrer(source, repository, image, ARTIFACT_TYPES.spdx, {
    tagSchema: true,
    payload: JSON.stringify({ spdxVersion: 'SPDX-2.3', packages: Array(40).fill({ name: 'berth-test' }) }),
  });
  const sbomSignature = await pushReferrer(source, repository, sbom, ARTIFACT_TYPES.notation, {
    tagSchema: true,
  });
  return { image, referrers: [signature, sbom, sbomSignature] };
}

beforeAll(async () => {
  root = await makeTempDir('e2e-copy-referrers');
  [keyring, source, destination] = await Promise.all([
    startKeyring(),
    startRegistry({ auth: 'none' }),
    startRegistry({ auth: 'none' }),
  ]);
  for (const repository of ['signed/app', 'signed/lean'])
    signed.set(repository, await signedImage(repository));
  await pushImage(source, 'plain/app', 'release', { layers: 1 });
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: path.join(root, 'data'),
      BERTH_KEYCHAIN_SERVICE: `BerthTest-copy-referrers-${randomUUID()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
    }),
  );
  await host.logIn();
  for (const [name, registry] of [
    ['staging', source],
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
  await browser?.close();
  await host?.stop();
  await Promise.all([source?.stop(), destination?.stop()]);
  await keyring?.stop();
  if (root) await removeDir(root);
});

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

async function manifestStatus(repository: string, reference: string): Promise<number> {
  const response = await fetch(`${destination.url}/v2/${repository}/manifests/${reference}`, {
    method: 'HEAD',
    headers: { accept: `${MEDIA_TYPES.oci.manifest}, ${MEDIA_TYPES.oci.index}` },
  });
  return response.status;
}

function jobCard(image: string): Locator {
  return page
    .getByRole('list', { name: 'Transfers' })
    .getByRole('listitem', { name: new RegExp(image) })
    .first();
}

describe('copying signatures and attestations in a browser', { timeout: E2E_TEST_MS }, () => {
  it('offers them ticked, with their count and size, and copies them with their digests', async () => {
    const { image, referrers } = signed.get('signed/app')!;
    const dialog = await openCopyDialog('signed/app', 'release');
    const box = dialog.getByRole('checkbox', {
      name: /^Copy signatures and attestations \(3, [\d.]+ \S+\)$/,
    });
    await box.waitFor({ timeout: WORK_WAIT_MS });
    expect(await box.isChecked()).toBe(true);
    const found = dialog.getByRole('list', { name: 'Signatures and attestations found' });
    expect(await found.getByRole('listitem').count()).toBe(3);
    expect(await dialog.textContent()).toContain('2 signatures, 1 SBOM');
    await screenshotBothSchemes(page, 'copy-dialog-referrers');
    await screenshotAt(page, 'copy-dialog-referrers', 1024, 700);
    await dialog.getByRole('button', { name: 'Start copy' }).click();

    await page.getByRole('heading', { name: 'Transfers', level: 1 }).waitFor();
    const job = jobCard('signed/app:release');
    await job.getByText('Done', { exact: true }).first().waitFor({ timeout: WORK_WAIT_MS });
    await job.getByRole('button', { name: 'Details' }).click();
    // Each referrer is a line of its own in the job.
    const items = job.getByRole('list', { name: /^Items of/ });
    for (const [kind, referrer] of [
      ['signature', referrers[0]!],
      ['SBOM', referrers[1]!],
      ['signature', referrers[2]!],
    ] as const)
      await items.getByText(`${kind} ${referrer.digest.slice(7, 19)}`).waitFor();
    expect(await job.textContent()).toContain('signatures and attestations: 3 copied');
    await screenshotBothSchemes(page, 'transfers-referrers');

    for (const referrer of referrers) expect(await manifestStatus('signed/app', referrer.digest)).toBe(200);
    const index = await readReferrersTag(destination, 'signed/app', image.digest);
    expect(index?.manifests.map((entry) => entry.digest).sort()).toEqual(
      [referrers[0]!.digest, referrers[1]!.digest].sort(),
    );
  });

  it('unticked, the image is copied and none of its referrers', async () => {
    const { image, referrers } = signed.get('signed/lean')!;
    const dialog = await openCopyDialog('signed/lean', 'release');
    const box = dialog.getByRole('checkbox', { name: /^Copy signatures and attestations/ });
    await box.waitFor({ timeout: WORK_WAIT_MS });
    await box.uncheck();
    await dialog.getByRole('button', { name: 'Start copy' }).click();
    const job = jobCard('signed/lean:release');
    await job.getByText('Done', { exact: true }).first().waitFor({ timeout: WORK_WAIT_MS });
    expect(await manifestStatus('signed/lean', image.digest)).toBe(200);
    for (const referrer of referrers) expect(await manifestStatus('signed/lean', referrer.digest)).toBe(404);
    expect(await readReferrersTag(destination, 'signed/lean', image.digest)).toBeUndefined();
  });

  it('shows no checkbox for an image nothing refers to', async () => {
    const dialog = await openCopyDialog('plain/app', 'release');
    await dialog.getByRole('status', { name: 'Copy plan' }).waitFor({ timeout: WORK_WAIT_MS });
    expect(await dialog.getByRole('checkbox', { name: /signatures and attestations/ }).count()).toBe(0);
  });

  it('the sync dialog offers them too, counted once for the repository', async () => {
    await section('Registries').click();
    await page
      .getByRole('navigation', { name: 'Connections' })
      .getByRole('button', { name: /staging/ })
      .click();
    await page
      .getByRole('listbox', { name: 'Repositories' })
      .getByRole('option', { name: 'signed/app' })
      .click();
    await page.getByRole('button', { name: 'Sync repository signed/app to…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sync signed/app' });
    await dialog.getByLabel('Destination registry').selectOption('production');
    const box = dialog.getByRole('checkbox', {
      name: /^Copy signatures and attestations \(3, [\d.]+ \S+\)$/,
    });
    await box.waitFor({ timeout: WORK_WAIT_MS });
    expect(await box.isChecked()).toBe(true);
    // The sha256-… tags of the tag schema are not tags of their own: the referrers copy writes them.
    const plan = dialog.getByRole('status', { name: 'Sync plan' });
    expect(await plan.textContent()).toMatch(/\b1 tag\b|this tag/);
    await screenshotBothSchemes(page, 'sync-dialog-referrers');
  });
});
