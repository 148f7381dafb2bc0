// The Local images page end to end: the browser host (built renderer) in Chromium, a real dockerd and two
// real docker-registry instances. The host starts with DOCKER_HOST at a socket where nothing listens, so
// the page first shows the engine as not running; the dockerd is reachable through a Docker context in
// the host's DOCKER_CONFIG, which the page offers as an engine to switch to.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contextDirectoryName } from '../../electron/core/docker/index.js';
import { formatBytes } from '../fixtures/i18n.js';
import type { JobSnapshot } from '../../shared/jobs.js';
import { BerthHost } from '../fixtures/berth-host.js';
import { skopeo } from '../fixtures/berth-client.js';
import {
  launchChromium,
  openPage,
  UI_WAIT_MS,
  WORK_WAIT_MS,
  E2E_TEST_MS,
  E2E_SETUP_MS,
} from '../fixtures/chromium.js';
import { startDockerd, type DockerdHandle } from '../fixtures/dockerd.js';
import { pushImage, type PushedImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { freePort, makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const SCREENSHOTS = path.resolve('test-output/screenshots');
const CONTEXT = 'berth-e2e';

let root: string;
let keyring: KeyringHandle;
let dockerd: DockerdHandle;
let registryA: RegistryHandle;
let registryB: RegistryHandle;
let seeded: PushedImage;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let deadSocket: string;

/** A Docker context named CONTEXT pointing at the test dockerd, as `docker context create` stores it. */
async function writeDockerContext(configDir: string, socketPath: string): Promise<void> {
  const dir = path.join(configDir, 'contexts', 'meta', contextDirectoryName(CONTEXT));
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, 'meta.json'),
    JSON.stringify({
      Name: CONTEXT,
      Metadata: {},
      Endpoints: { docker: { Host: `unix://${socketPath}`, SkipTLSVerify: false } },
    }),
  );
}

beforeAll(async () => {
  root = await makeTempDir('e2e-local');
  [keyring, dockerd, registryA, registryB] = await Promise.all([
    startKeyring(),
    startDockerd(),
    startRegistry(),
    startRegistry(),
  ]);
  seeded = await pushImage(registryA, 'team/app', '1.0', {
    format: 'docker',
    layers: 3,
    layerSize: 400 * 1024,
  });
  // Already on the engine: one image with two tags, and one nothing names.
  await dockerd.api.load({ repoTags: ['berth.test/tools:1', 'berth.test/tools:2'], layerSizes: [32 * 1024] });
  await dockerd.api.load({ repoTags: [], layerSizes: [16 * 1024] });

  const dockerConfig = path.join(root, 'docker-config');
  await writeDockerContext(dockerConfig, dockerd.socketPath);
  deadSocket = path.join(root, 'nothing-listens.sock');
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: path.join(root, 'data'),
      BERTH_KEYCHAIN_SERVICE: `BerthTest-local-images-${Date.now()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
      DOCKER_HOST: `unix://${deadSocket}`,
      DOCKER_CONFIG: dockerConfig,
      XDG_RUNTIME_DIR: path.join(root, 'runtime'),
    }),
  );
  await host.logIn();
  for (const [name, registry] of [
    ['a', registryA],
    ['b', registryB],
  ] as const) {
    const added = await host.call('connections.add', { name, url: registry.url, insecureHttp: true });
    expect(added.body.ok, JSON.stringify(added.body.error)).toBe(true);
  }

  await mkdir(SCREENSHOTS, { recursive: true });
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
  await Promise.all([dockerd?.stop(), registryA?.stop(), registryB?.stop(), keyring?.stop()]);
  if (root) await removeDir(root);
}, 60_000);

async function shoot(name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Local images, opened from the sidebar. */
async function openLocalImages(): Promise<void> {
  await page.getByRole('list', { name: 'Sections' }).getByRole('button', { name: 'Local images' }).click();
}

/**
 * What the tests after the engine switch start from, set up without the page so each can run alone: the
 * test engine chosen, the image pulled from A, berth.test/tools:2 on it; then Local images opened.
 */
async function openWithEngine(options: { pulled?: boolean } = {}): Promise<void> {
  const used = await host.call('engine.use', { host: `unix://${dockerd.socketPath}` });
  expect(used.body.ok, JSON.stringify(used.body.error)).toBe(true);
  if (!(await dockerd.api.hasImage('berth.test/tools:2')))
    await dockerd.docker(['tag', 'berth.test/tools:1', 'berth.test/tools:2']);
  const pulled = `${registryA.host}/team/app:1.0`;
  if (options.pulled && !(await dockerd.api.hasImage(pulled))) await dockerd.docker(['pull', pulled]);
  await page.reload();
  await openLocalImages();
  await images().getByRole('row', { name: 'berth.test/tools:1', exact: true }).waitFor();
}

const images = () => page.getByRole('region', { name: 'Images' });
const row = (name: string) => images().getByRole('row', { name, exact: true });

/** The job's bar on the page once it is no longer running; its value and text. */
async function finishedBar(title: string) {
  const bar = page.getByRole('progressbar', { name: title, exact: true });
  await bar.waitFor();
  await expect
    .poll(() => bar.getAttribute('aria-valuetext'), { timeout: WORK_WAIT_MS })
    .toMatch(/^(done|failed|cancelled)/);
  return { value: await bar.getAttribute('aria-valuenow'), text: await bar.getAttribute('aria-valuetext') };
}

async function registryDigest(registry: RegistryHandle, repository: string, tag: string): Promise<string> {
  const response = await request(`${registry.url}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' },
  });
  await response.body.dump();
  expect(response.statusCode).toBe(200);
  return String(response.headers['docker-content-digest']);
}

describe('Local images in a browser', { timeout: E2E_TEST_MS }, () => {
  it('shows that no engine runs at DOCKER_HOST, and how to fix it', async () => {
    await openLocalImages();
    const problem = page.getByRole('region', { name: 'The container engine is not running' });
    await problem.waitFor();
    await problem.getByText(`No container engine is running at unix://${deadSocket}`).waitFor();
    await problem.getByText('DOCKER_HOST is set', { exact: false }).waitFor();
    const fix = problem.getByRole('note', { name: 'How to fix it' });
    expect(await fix.textContent()).toContain('sudo systemctl start docker');
    expect(await page.getByRole('button', { name: 'Pull…' }).isDisabled()).toBe(true);
    expect(await images().count()).toBe(0);
    await shoot('local-images-not-running');
  });

  it('switches to the engine of a Docker context and lists its images, dangling ones marked', async () => {
    await openLocalImages();
    const engine = page.getByRole('region', { name: 'Engine' });
    const select = engine.getByLabel('Engine');
    // The engine list arrives after the screen does: wait for it rather than read it at once.
    const options = () => select.getByRole('option').allTextContents();
    await expect
      .poll(options, { timeout: UI_WAIT_MS })
      .toContain(`unix://${dockerd.socketPath} (context ${CONTEXT})`);
    expect(await options()).toContain(`unix://${deadSocket} (DOCKER_HOST) — no socket`);
    expect(await engine.getByRole('button', { name: 'Use' }).isDisabled()).toBe(true);
    await select.selectOption(`unix://${dockerd.socketPath}`);
    await engine.getByRole('button', { name: 'Use' }).click();
    await engine.getByText(/^Docker \d+\.\d+.* · API 1\.\d+$/).waitFor();
    await engine
      .getByText(`chosen in Berth: a Docker context: context "${CONTEXT}"`, { exact: false })
      .waitFor();
    expect(await page.getByRole('region', { name: /not running/ }).count()).toBe(0);

    await row('berth.test/tools:1').waitFor();
    await row('berth.test/tools:2').waitFor();
    const dangling = images().getByRole('row').filter({ hasText: 'dangling' });
    expect(await dangling.count()).toBe(1);
    expect(await dangling.getByRole('button', { name: /^Remove tag/ }).count()).toBe(0);

    await page.getByLabel('Filter images').fill('tools:2');
    await expect.poll(() => images().getByRole('row').count(), { timeout: WORK_WAIT_MS }).toBe(1 + 1);
    await page.getByLabel('Filter images').fill('');
  });

  it('refuses bad engine input with a clear error and keeps the engine in use', async () => {
    await openWithEngine();
    // Pulls hand the engine registry credentials: only engines Berth found may be chosen.
    const remote = await host.call('engine.use', { host: 'tcp://192.0.2.10:2375' });
    expect(remote.body.ok).toBe(false);
    expect(remote.body.error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(remote.body.error.message).toMatch(/not a socket on this machine or an engine Berth found/);
    const byId = await host.call('engine.untag', { name: `sha256:${'a'.repeat(64)}` });
    expect(byId.body.error).toMatchObject({ code: 'INVALID_INPUT' });
    const bare = await host.call('engine.untag', { name: 'berth.test/tools' });
    expect(bare.body.error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await dockerd.api.hasImage('berth.test/tools:1')).toBe(true);
    const list = await host.call<{ current: { host: string } }>('engine.list', {});
    expect(list.body.value.current.host).toBe(`unix://${dockerd.socketPath}`);
  });

  it('pulls from registry A through the dialog, with progress, and the image appears', async () => {
    await openWithEngine();
    await page.getByRole('button', { name: 'Pull…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Pull an image' });
    await dialog.getByLabel('Registry').selectOption('a');
    await dialog.getByLabel('Repository', { exact: true }).fill('team/app');
    await dialog.getByLabel('Tag', { exact: true }).fill('1.0');
    const reference = `${registryA.host}/team/app:1.0`;
    await dialog.getByText(`The engine pulls ${reference}`).waitFor();
    await shoot('local-images-pull-dialog');
    await dialog.getByRole('button', { name: 'Pull' }).click();
    await dialog.waitFor({ state: 'detached' });

    const bar = await finishedBar(`pull ${reference}`);
    // The bytes the pull reports are the compressed layer sizes of the manifest.
    const bytes = seeded.layers.reduce((total, layer) => total + layer.size, 0);
    expect(bar).toEqual({ value: '100', text: `done · ${formatBytes(bytes)}` });
    await row(reference).waitFor();
    const pulled = await dockerd.api.inspect(reference);
    expect(pulled.RepoDigests).toContain(`${registryA.host}/team/app@${seeded.digest}`);
    await shoot('local-images');
  });

  it('shows a failed pull with the registry’s error inline', async () => {
    await openWithEngine();
    await page.getByRole('button', { name: 'Pull…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Pull an image' });
    await dialog.getByLabel('Registry').selectOption('a');
    await dialog.getByLabel('Repository', { exact: true }).fill('team/app');
    await dialog.getByLabel('Tag', { exact: true }).fill('no-such-tag');
    await dialog.getByRole('button', { name: 'Pull' }).click();
    const title = `pull ${registryA.host}/team/app:no-such-tag`;
    expect((await finishedBar(title)).text).toBe('failed');
    const job = page.getByRole('group', { name: title, exact: true });
    expect(await job.getByRole('alert').textContent()).toMatch(/no-such-tag/);
    expect(await job.getByRole('alert').textContent()).not.toMatch(/NOT_FOUND/);
    await job.getByRole('button', { name: `Dismiss ${title}` }).click();
    await job.waitFor({ state: 'detached' });
  });

  it('pushes the image to registry B under a new repository and tag', async () => {
    await openWithEngine({ pulled: true });
    const source = `${registryA.host}/team/app:1.0`;
    await row(source)
      .getByRole('button', { name: `Push ${source}` })
      .click();
    const dialog = page.getByRole('dialog', { name: `Push ${source}` });
    expect(await dialog.getByLabel('Repository', { exact: true }).inputValue()).toBe('team/app');
    expect(await dialog.getByLabel('Tag', { exact: true }).inputValue()).toBe('1.0');
    await dialog.getByLabel('To registry').selectOption('b');
    // A name the engine would refuse is caught before anything starts.
    await dialog.getByLabel('Repository', { exact: true }).fill('Mirror/App');
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.getByRole('button', { name: 'Push' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Repository', { exact: true }).fill('mirror/app');
    await dialog.getByLabel('Tag', { exact: true }).fill('2.0');
    const target = `${registryB.host}/mirror/app:2.0`;
    await dialog.getByText(/removes the tag afterwards/).waitFor();
    await shoot('local-images-push-dialog');
    await dialog.getByRole('button', { name: 'Push' }).click();
    await dialog.waitFor({ state: 'detached' });

    expect((await finishedBar(`push ${target}`)).text).toMatch(/^done/);
    const digest = await registryDigest(registryB, 'mirror/app', '2.0');
    const jobs = await host.call<JobSnapshot[]>('jobs.list', {});
    const job = jobs.body.value.find((candidate) => candidate.title === `push ${target}`)!;
    if (job.kind !== 'push') throw new Error(`${job.title} is a ${job.kind} job`);
    expect(job.result?.pushed[0]?.digest).toBe(digest);
    // skopeo, an independent client, reads the same manifest from B.
    const inspected = JSON.parse(await skopeo(registryB, 'inspect', `docker://${target}`)) as {
      Digest: string;
      Layers: string[];
    };
    expect(inspected.Digest).toBe(digest);
    expect(inspected.Layers).toHaveLength(3);
    // The name made for the push is gone again; the image keeps its own.
    expect(await dockerd.api.hasImage(target)).toBe(false);
    expect(await dockerd.api.hasImage(source)).toBe(true);
  });

  it('removes a tag the image has others of, and says the image stays', async () => {
    await openWithEngine();
    await row('berth.test/tools:2').getByRole('button', { name: 'Remove tag berth.test/tools:2' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove tag berth.test/tools:2?' });
    expect(await dialog.getByRole('note').textContent()).toBe(
      'The image stays: it is still tagged berth.test/tools:1.',
    );
    await dialog.getByRole('button', { name: 'Remove tag' }).click();
    await page.getByRole('status').filter({ hasText: 'Removed the tag berth.test/tools:2.' }).waitFor();
    await row('berth.test/tools:2').waitFor({ state: 'detached' });
    expect(await dockerd.api.hasImage('berth.test/tools:1')).toBe(true);
  });

  it('removes the last tag of the pulled image after confirming; the image goes with it', async () => {
    await openWithEngine({ pulled: true });
    const name = `${registryA.host}/team/app:1.0`;
    const id = (await dockerd.api.inspect(name)).Id;
    await row(name)
      .getByRole('button', { name: `Remove tag ${name}` })
      .click();
    const dialog = page.getByRole('dialog', { name: `Remove tag ${name}?` });
    expect(await dialog.getByRole('note').textContent()).toMatch(/last tag, so the engine deletes the image/);
    await shoot('local-images-remove-tag');
    await dialog.getByRole('button', { name: 'Remove tag' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Removed the tag ${name}. The image ${id.slice(7, 19)} was deleted with it.` })
      .waitFor();
    await row(name).waitFor({ state: 'detached' });
    expect(await dockerd.api.hasImage(id)).toBe(false);
  });
  it('pushes under a new name it keeps locally when asked', async () => {
    await openWithEngine();
    const source = 'berth.test/tools:1';
    await row(source)
      .getByRole('button', { name: `Push ${source}` })
      .click();
    const dialog = page.getByRole('dialog', { name: `Push ${source}` });
    await dialog.getByLabel('To registry').selectOption('b');
    await dialog.getByLabel('Repository', { exact: true }).fill('tools/kept');
    await dialog.getByLabel('Tag', { exact: true }).fill('3');
    await dialog.getByLabel('Keep the new tag on the local image').check();
    await dialog.getByText(/the tag stays/).waitFor();
    await dialog.getByRole('button', { name: 'Push' }).click();
    const target = `${registryB.host}/tools/kept:3`;
    expect((await finishedBar(`push ${target}`)).text).toMatch(/^done/);
    await row(target).waitFor();
    const local = await dockerd.api.inspect(target);
    expect(local.Id).toBe((await dockerd.api.inspect(source)).Id);
    expect(local.RepoDigests).toContain(
      `${registryB.host}/tools/kept@${await registryDigest(registryB, 'tools/kept', '3')}`,
    );
  });
  it('explains a DOCKER_HOST Berth cannot use at all, and still offers the engines it found', async () => {
    const env = keyring.env({
      BERTH_DATA_DIR: path.join(root, 'data-ssh'),
      BERTH_KEYCHAIN_SERVICE: `BerthTest-local-images-ssh-${Date.now()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
      DOCKER_HOST: 'ssh://someone@build-box',
      DOCKER_CONFIG: path.join(root, 'docker-config'),
      XDG_RUNTIME_DIR: path.join(root, 'runtime'),
    });
    let other = await BerthHost.start(env);
    const tab = await context.newPage();
    try {
      await tab.goto(other.url);
      await tab.getByRole('list', { name: 'Sections' }).getByRole('button', { name: 'Local images' }).click();
      const alert = tab.getByRole('alert').filter({ hasText: 'engines over ssh:// are not supported' });
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(
        /ssh -NL .*choose unix:\/\/\/tmp\/remote-docker\.sock as the engine/,
      );
      expect(await alert.textContent()).not.toMatch(/CONFIG|--engine/);
      const engine = tab.getByRole('region', { name: 'Engine' });
      await engine.getByLabel('Engine').selectOption(`unix://${dockerd.socketPath}`);
      await engine.getByRole('button', { name: 'Use' }).click();
      await engine.getByText(/^Docker \d+\.\d+.* · API 1\.\d+$/).waitFor();
      await tab
        .getByRole('region', { name: 'Images' })
        .getByRole('row', { name: 'berth.test/tools:1' })
        .waitFor();
      expect(await alert.count()).toBe(0);

      // The choice outlives the run: started again with the same DOCKER_HOST, Berth uses the chosen engine.
      await other.stop();
      other = await BerthHost.start(env);
      await tab.goto(other.url);
      await tab.getByRole('list', { name: 'Sections' }).getByRole('button', { name: 'Local images' }).click();
      await tab
        .getByRole('region', { name: 'Images' })
        .getByRole('row', { name: 'berth.test/tools:1' })
        .waitFor();
      await engine.getByText('chosen in Berth', { exact: false }).waitFor();
      expect(await tab.getByRole('alert').filter({ hasText: 'ssh://' }).count()).toBe(0);
    } finally {
      await tab.close();
      await other.stop();
    }
  });

  it('holds a pull from (and a push to) a saved registry that is down until Start anyway, saying why', async () => {
    // Nothing listens on a free port: the start-up check finds the connection refused.
    const added = await host.call('connections.add', {
      name: 'down',
      url: `http://127.0.0.1:${await freePort()}`,
      saveIfUnreachable: true,
    });
    expect(added.body.ok, JSON.stringify(added.body.error)).toBe(true);
    await openWithEngine();
    await expect
      .poll(
        () =>
          page
            .getByRole('navigation', { name: 'Connections' })
            .getByRole('button', { name: /^down\b/ })
            .textContent(),
        { timeout: WORK_WAIT_MS },
      )
      .toMatch(/, Unreachable/);
    await page.getByRole('button', { name: 'Pull…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Pull an image' });
    await dialog.getByLabel('Registry').selectOption('down');
    await dialog.getByLabel('Repository', { exact: true }).fill('team/app');
    const note = dialog.getByRole('group', { name: 'The source is not reachable' });
    expect(await note.textContent()).toMatch(/down is not reachable\..*connection refused/);
    const pull = dialog.getByRole('button', { name: 'Pull' });
    expect(await pull.isDisabled()).toBe(true);
    expect(await pull.getAttribute('title')).toMatch(/down is not reachable/);
    await shoot('local-images-pull-unreachable');
    await note.getByRole('checkbox', { name: /Start anyway/ }).check();
    expect(await pull.isEnabled()).toBe(true);
    // A reachable registry needs nothing of the kind.
    await dialog.getByLabel('Registry').selectOption('a');
    expect(await note.count()).toBe(0);
    expect(await pull.isEnabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Pushing to it is held the same way.
    await row('berth.test/tools:1').getByRole('button', { name: 'Push berth.test/tools:1' }).click();
    const push = page.getByRole('dialog', { name: 'Push berth.test/tools:1' });
    await push.getByLabel('To registry').selectOption('down');
    const pushNote = push.getByRole('group', { name: 'The destination is not reachable' });
    expect(await pushNote.textContent()).toMatch(/connection refused/);
    expect(await push.getByRole('button', { name: 'Push', exact: true }).isDisabled()).toBe(true);
    await push.getByRole('button', { name: 'Cancel' }).click();
    await host.call('connections.remove', { name: 'down' });
  });
});
