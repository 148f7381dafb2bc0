// Moving images from the app end to end: the browser host (built renderer) in Chromium, a real dockerd and
// two real docker-registry instances. Pull the image the explorer shows into the engine, push a local
// image to a saved connection, copy 25 chosen tags as one job, and sync a whole repository; each job is
// followed in Transfers and its outcome asked of the engine or the registry itself.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contextDirectoryName } from '../../electron/core/docker/index.js';
import { formatBytes } from '../fixtures/i18n.js';
import { MAX_CHOSEN_TAGS, type JobSnapshot } from '../../shared/jobs.js';
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
import { startDockerd, type DockerdHandle } from '../fixtures/dockerd.js';
import { showTags } from '../fixtures/explorer-page.js';
import { pushImage, pushIndex, seedManyTags, sha256, type PushedImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { startPodman, type PodmanHandle } from '../fixtures/podman.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const CONTEXT = 'berth-moves';
const PODMAN_CONTEXT = 'berth-moves-podman';

let root: string;
let keyring: KeyringHandle;
let dockerd: DockerdHandle;
let podman: PodmanHandle;
let registryA: RegistryHandle;
let registryB: RegistryHandle;
let app: PushedImage;
let many: PushedImage[];
let synced: PushedImage[];
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let deadSocket: string;

/** A Docker context named `name` pointing at a test engine, as `docker context create` stores it. */
async function writeDockerContext(configDir: string, name: string, socketPath: string): Promise<void> {
  const dir = path.join(configDir, 'contexts', 'meta', contextDirectoryName(name));
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, 'meta.json'),
    JSON.stringify({
      Name: name,
      Metadata: {},
      Endpoints: { docker: { Host: `unix://${socketPath}`, SkipTLSVerify: false } },
    }),
  );
}

beforeAll(async () => {
  root = await makeTempDir('e2e-moves');
  [keyring, dockerd, podman, registryA, registryB] = await Promise.all([
    startKeyring(),
    startDockerd(),
    startPodman(),
    startRegistry(),
    startRegistry(),
  ]);
  app = await pushImage(registryA, 'team/app', '1.0', { format: 'docker', layers: 2, layerSize: 64 * 1024 });
  // 25 images of their own, so every tag has blobs to move.
  many = [];
  for (let index = 0; index < 25; index++)
    many.push(
      await pushImage(registryA, 'team/many', `v${index}`, {
        layers: 1,
        layerSize: 2048,
        seed: `many-${index}`,
      }),
    );
  synced = [];
  for (const tag of ['1.0', '1.1', '2.0', 'latest'])
    synced.push(
      await pushImage(registryA, 'team/sync', tag, { format: 'docker', layers: 2, layerSize: 4096 }),
    );
  synced.push(
    await pushIndex(registryA, 'team/sync', 'multi', {
      format: 'oci',
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64', variant: 'v8' },
      ],
    }),
  );
  // More tags than one copy takes: written into storage, all naming one image.
  await seedManyTags(registryA, 'team/huge', MAX_CHOSEN_TAGS + 1);
  await dockerd.api.load({ repoTags: ['berth.test/moves:1'], layerSizes: [24 * 1024] });

  // The engine starts unusable (DOCKER_HOST names a socket where nothing listens); the test dockerd is a
  // Docker context the host finds, which a test chooses as Local images would.
  const dockerConfig = path.join(root, 'docker-config');
  await writeDockerContext(dockerConfig, CONTEXT, dockerd.socketPath);
  await writeDockerContext(dockerConfig, PODMAN_CONTEXT, podman.socketPath);
  deadSocket = path.join(root, 'nothing-listens.sock');
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: path.join(root, 'data'),
      BERTH_KEYCHAIN_SERVICE: `BerthTest-moves-${Date.now()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
      DOCKER_HOST: `unix://${deadSocket}`,
      DOCKER_CONFIG: dockerConfig,
      XDG_RUNTIME_DIR: path.join(root, 'runtime'),
    }),
  );
  await host.logIn();
  for (const [name, registry] of [
    ['lab', registryA],
    ['shelf', registryB],
  ] as const) {
    const added = await host.call('connections.add', { name, url: registry.url, insecureHttp: true });
    expect(added.body.ok, JSON.stringify(added.body.error)).toBe(true);
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
  await Promise.all([dockerd?.stop(), podman?.stop(), registryA?.stop(), registryB?.stop(), keyring?.stop()]);
  if (root) await removeDir(root);
}, 60_000);

async function shoot(name: string): Promise<void> {
  await screenshotBothSchemes(page, name);
  await screenshotAt(page, name, 1024, 700);
}

function section(name: string): Locator {
  return page.getByRole('list', { name: 'Sections' }).getByRole('button', { name: new RegExp(`^${name}`) });
}

async function openConnection(name: string): Promise<void> {
  await section('Registries').click();
  await page
    .getByRole('navigation', { name: 'Connections' })
    .getByRole('button', { name: new RegExp(name) })
    .click();
}

/** The job cards titled `title` that finished, newest first. */
function finishedCards(title: string): Locator {
  return page
    .getByRole('list', { name: 'Transfers' })
    .getByRole('listitem', { name: new RegExp(`^(Done|Failed|Cancelled): ${escape(title)}$`) });
}

/**
 * The card of the newest job titled `title` once it finished; `earlier` jobs of that title ran before it
 * (the Docker and the Podman pull share one).
 */
async function finishedJob(title: string, earlier = 0): Promise<Locator> {
  const named = async () => (await jobsTitled(title)).filter((job) => job.title === title);
  await expect
    .poll(async () => (await named()).filter((job) => job.status !== 'running').length, {
      timeout: WORK_WAIT_MS,
    })
    .toBe(earlier + 1);
  const cards = finishedCards(title);
  await expect.poll(() => cards.count(), { timeout: UI_WAIT_MS }).toBe(earlier + 1);
  // Finished jobs are listed most recently finished first.
  return cards.first();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function useEngine(address: string): Promise<void> {
  const used = await host.call('engine.use', { host: address });
  expect(used.body.ok, JSON.stringify(used.body.error)).toBe(true);
}

/** The digest registry B has for `repository:tag` (the manifest's bytes hashed); undefined when none. */
async function digestAtB(repository: string, tag: string, mediaType: string): Promise<string | undefined> {
  const response = await fetch(`${registryB.url}/v2/${repository}/manifests/${tag}`, {
    headers: { accept: mediaType },
  });
  if (response.status === 404) return undefined;
  expect(response.status).toBe(200);
  return sha256(Buffer.from(await response.arrayBuffer()));
}

async function jobsTitled(prefix: string): Promise<JobSnapshot[]> {
  const jobs = await host.call<JobSnapshot[]>('jobs.list', {});
  return jobs.body.value.filter((job) => job.title.startsWith(prefix));
}

describe('Moving images in a browser', { timeout: E2E_TEST_MS }, () => {
  it('offers Pull to the engine only with an engine, and says why not', async () => {
    await useEngine(`unix://${deadSocket}`);
    await page.reload();
    await openConnection('lab');
    await showTags(page, 'team/app', '1.0');
    await page
      .getByRole('listbox', { name: 'Tags of team/app' })
      .getByRole('option', { name: '1.0' })
      .click();
    await page.getByRole('heading', { name: 'team/app:1.0' }).waitFor();
    const pull = page.getByRole('toolbar', { name: 'Tag actions' }).getByRole('button', { name: /^Pull to/ });
    await expect
      .poll(() => pull.getAttribute('title'), { timeout: UI_WAIT_MS })
      .toMatch(/^No container engine/);
    expect(await pull.isDisabled()).toBe(true);
    expect(await pull.getAttribute('title')).toMatch(
      /Start Docker or Podman, or choose an engine in Local images\.$/,
    );
  });

  it('pulls the image the explorer shows into Docker as a job in Transfers', async () => {
    await useEngine(`unix://${dockerd.socketPath}`);
    const reference = `${registryA.host}/team/app:1.0`;
    if (await dockerd.api.hasImage(reference)) await dockerd.api.remove(reference);
    await page.reload();
    await openConnection('lab');
    await showTags(page, 'team/app', '1.0');
    await page
      .getByRole('listbox', { name: 'Tags of team/app' })
      .getByRole('option', { name: '1.0' })
      .click();
    await page.getByRole('heading', { name: 'team/app:1.0' }).waitFor();
    const pull = page.getByRole('button', { name: 'Pull to Docker' });
    await expect.poll(() => pull.isEnabled(), { timeout: UI_WAIT_MS }).toBe(true);
    expect(await pull.getAttribute('title')).toBe(
      `Pulls team/app:1.0 into Docker at unix://${dockerd.socketPath}; it shows in Transfers`,
    );
    await shoot('moves-image-view-pull');
    const earlier = (await jobsTitled(`pull ${reference}`)).length;
    await pull.click();

    const card = await finishedJob(`pull ${reference}`, earlier);
    expect(await card.getAttribute('aria-label')).toBe(`Done: pull ${reference}`);
    const bytes = app.layers.reduce((total, layer) => total + layer.size, 0);
    await card.getByText(`${formatBytes(bytes)} of ${formatBytes(bytes)}`).waitFor();
    const pulled = await dockerd.api.inspect(reference);
    expect(pulled.RepoDigests).toContain(`${registryA.host}/team/app@${app.digest}`);
  });

  it('pulls into Podman and shows what Podman reports, never "0 B of 0 B"', async () => {
    await useEngine(`unix://${podman.socketPath}`);
    // Diagnose judges the engine in use: Docker's daemon.json rules say nothing about a Podman pull.
    const diagnosis = await host.call<{ steps: Array<{ id: string; status: string; detail: string }> }>(
      'doctor.run',
      { host: registryA.host, connection: 'lab' },
    );
    expect(diagnosis.body.value.steps.find((step) => step.id === 'docker')).toMatchObject({
      status: 'skipped',
      detail: expect.stringMatching(/the local engine is Podman: it reads registries\.conf/),
    });
    const reference = `${registryA.host}/team/app:1.0`;
    if (await podman.api.hasImage(reference)) await podman.api.remove(reference);
    await page.reload();
    await openConnection('lab');
    await showTags(page, 'team/app', '1.0');
    await page
      .getByRole('listbox', { name: 'Tags of team/app' })
      .getByRole('option', { name: '1.0' })
      .click();
    const pull = page.getByRole('button', { name: 'Pull to Podman' });
    await expect.poll(() => pull.isEnabled(), { timeout: UI_WAIT_MS }).toBe(true);
    // The copyable line is one Podman runs: `docker pull` is not there, and plain HTTP must be said.
    await page.getByRole('button', { name: 'Copy podman pull by tag' }).waitFor({ timeout: UI_WAIT_MS });
    expect(await page.locator('.command-line code').first().textContent()).toBe(
      `podman pull --tls-verify=false ${reference}`,
    );
    const earlier = (await jobsTitled(`pull ${reference}`)).length;
    await pull.click();

    const card = await finishedJob(`pull ${reference}`, earlier);
    expect(await card.getAttribute('aria-label')).toBe(`Done: pull ${reference}`);
    await card.getByText('2 of 2 layers · Podman reports no sizes', { exact: true }).waitFor();
    expect(await card.textContent()).not.toContain('0 B of 0 B');
    // No rate was ever measured: no empty throughput axis beside Details.
    expect(await card.getByRole('img', { name: /^Throughput/ }).count()).toBe(0);
    await shoot('moves-podman-pull-done');
    expect(await podman.api.hasImage(reference)).toBe(true);
  });

  it('pushes a local image to a saved connection as a job in Transfers', async () => {
    await useEngine(`unix://${dockerd.socketPath}`);
    await page.reload();
    await section('Local images').click();
    const source = 'berth.test/moves:1';
    await page
      .getByRole('region', { name: 'Images' })
      .getByRole('row', { name: source, exact: true })
      .getByRole('button', { name: `Push ${source}` })
      .click();
    const dialog = page.getByRole('dialog', { name: `Push ${source}` });
    await dialog.getByLabel('To registry').selectOption('shelf');
    await dialog.getByLabel('Repository', { exact: true }).fill('moved/app');
    await dialog.getByLabel('Tag', { exact: true }).fill('3');
    await dialog.getByRole('button', { name: 'Push' }).click();
    await dialog.waitFor({ state: 'detached' });
    const target = `${registryB.host}/moved/app:3`;
    await section('Transfers').click();
    const card = await finishedJob(`push ${target}`);
    expect(await card.getAttribute('aria-label')).toBe(`Done: push ${target}`);
    const [job] = await jobsTitled(`push ${target}`);
    if (job?.kind !== 'push') throw new Error('no push job');
    const digest = job.result?.pushed[0]?.digest;
    expect(digest).toMatch(/^sha256:/);
    expect(await digestAtB('moved/app', '3', 'application/vnd.docker.distribution.manifest.v2+json')).toBe(
      digest,
    );
  });

  it('copies 25 selected tags as one job, with the total size to transfer shown first', async () => {
    await openConnection('lab');
    await showTags(page, 'team/many', 'v24');
    await page.getByRole('listbox', { name: 'Tags of team/many' }).focus();
    await page.keyboard.press('Control+a');
    await page.getByRole('toolbar', { name: 'Selected tags' }).getByText('25 selected').waitFor();
    await page.getByRole('button', { name: 'Copy selected to…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Copy 25 tags of team/many' });
    await dialog.getByLabel('Destination registry').selectOption('shelf');
    const plan = dialog.getByRole('status', { name: 'Copy plan' });
    // Every image is its own: its config and layer move, and nothing is at B yet.
    const bytes = many.reduce(
      (total, image) => total + image.configBytes.length + image.layers.reduce((sum, l) => sum + l.size, 0),
      0,
    );
    await plan.getByText(`${formatBytes(bytes)} to transfer for 25 tags`).waitFor({ timeout: WORK_WAIT_MS });
    expect(await plan.textContent()).toContain('50 layers and configs to transfer');
    await shoot('moves-copy-25-tags');
    await dialog.getByRole('button', { name: 'Copy 25 tags' }).click();
    await dialog.waitFor({ state: 'detached' });

    const title = `copy 25 tags of ${registryA.host}/team/many → ${registryB.host}/team/many`;
    const card = await finishedJob(title);
    expect(await card.getAttribute('aria-label')).toBe(`Done: ${title}`);
    await card.getByText('25 tags copied').waitFor();
    await shoot('moves-copy-25-tags-done');
    expect(await jobsTitled('copy ')).toHaveLength(1);
    for (const image of many)
      expect(await digestAtB('team/many', image.tag!, image.mediaType), image.tag).toBe(image.digest);
  });

  it('says why more than the limit of chosen tags cannot be copied at once, and offers Sync instead', async () => {
    await openConnection('lab');
    await showTags(page, 'team/huge', 'tag-0000');
    // The first page of 1,000 shows first; select only once the last tag is in, or Ctrl+A takes 1,000.
    await expect
      .poll(() => page.getByRole('region', { name: 'Tags' }).locator('.count').textContent(), {
        timeout: WORK_WAIT_MS,
      })
      .toBe(String(MAX_CHOSEN_TAGS + 1));
    await page.getByRole('listbox', { name: 'Tags of team/huge' }).focus();
    await page.keyboard.press('Control+a');
    await page
      .getByRole('toolbar', { name: 'Selected tags' })
      .getByText(`${MAX_CHOSEN_TAGS + 1} selected`)
      .waitFor({ timeout: WORK_WAIT_MS });
    const copy = page.getByRole('button', { name: 'Copy selected to…' });
    expect(await copy.isDisabled()).toBe(true);
    expect(await copy.getAttribute('title')).toBe(
      `One copy takes up to ${MAX_CHOSEN_TAGS} chosen tags, named in one request: to copy more, use Sync… on the repository, which copies every tag or those a pattern matches`,
    );
    await page
      .getByRole('button', { name: 'Sync repository team/huge to…' })
      .waitFor({ timeout: WORK_WAIT_MS });
  });

  it('syncs a whole repository to another registry from the repository pane, digests kept', async () => {
    await openConnection('lab');
    await page
      .getByRole('listbox', { name: 'Repositories' })
      .getByRole('option', { name: 'team/sync' })
      .click();
    await page.getByRole('button', { name: 'Sync repository team/sync to…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sync team/sync' });
    await dialog.getByLabel('Destination registry').selectOption('shelf');
    // A name the registry would refuse is caught before anything is asked, in words.
    await dialog.getByLabel('Repository', { exact: true }).fill('Mirror/Sync');
    await dialog.getByText(/^A repository name is lower-case letters and digits/).waitFor();
    expect(await dialog.getByRole('button', { name: 'Start sync' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Repository', { exact: true }).fill('mirror/sync');
    const plan = dialog.getByRole('status', { name: 'Sync plan' });
    await plan.getByText(/to transfer for 5 tags$/).waitFor({ timeout: WORK_WAIT_MS });
    // A pattern narrows the preview; an empty one takes every tag again.
    await dialog.getByLabel('Only tags matching (optional)').fill('1.*');
    await plan.getByText(/to transfer for 2 tags$/).waitFor({ timeout: WORK_WAIT_MS });
    await dialog.getByLabel('Only tags matching (optional)').fill('nothing-*');
    const none = dialog.getByRole('alert');
    await none.getByText(`no tag of ${registryA.host}/team/sync matches "nothing-*"`).waitFor();
    await none.getByText(/^Change the pattern: \* stands for any run of characters/).waitFor();
    await dialog.getByLabel('Only tags matching (optional)').fill('');
    await plan.getByText(/to transfer for 5 tags$/).waitFor({ timeout: WORK_WAIT_MS });
    await shoot('moves-sync-dialog');
    await dialog.getByRole('button', { name: 'Start sync' }).click();
    await dialog.waitFor({ state: 'detached' });

    const title = `sync ${registryA.host}/team/sync → ${registryB.host}/mirror/sync`;
    const card = await finishedJob(title);
    expect(await card.getAttribute('aria-label')).toBe(`Done: ${title}`);
    await card.getByText('5 tags copied').waitFor();
    for (const image of synced)
      expect(await digestAtB('mirror/sync', image.tag!, image.mediaType), image.tag).toBe(image.digest);
  });
});
