// A pull-through cache of your own in a browser: made from the New registry form, added to a real test
// dockerd's daemon.json with "Use as Docker mirror…" (the Docker daemon page's review, save with a backup
// and apply), and its figures on the card once something was pulled through it. The engine's own /info
// and the files on disk are the independent checks.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
import {
  E2E_SETUP_MS,
  E2E_TEST_MS,
  launchChromium,
  openPage,
  recordReceived,
  screenshotAt,
  screenshotBothSchemes,
  UI_WAIT_MS,
  WORK_WAIT_MS,
} from '../fixtures/chromium.js';
import { startDockerd, type DockerdHandle } from '../fixtures/dockerd.js';
import { pushImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { freePort, makeTempDir, removeDir, runCommand } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const UPSTREAM_PASSWORD = `upstream-${randomUUID()}`;

let root: string;
let dataDir: string;
let keyring: KeyringHandle;
let dockerd: DockerdHandle;
let upstream: RegistryHandle;
let configFile: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let received: () => Promise<string[]>;

beforeAll(async () => {
  root = await makeTempDir('e2e-mirror');
  dataDir = path.join(root, 'data');
  // Token auth, as Docker Hub's: Distribution 2.8's proxy sends its upstream login to a token realm only.
  [keyring, dockerd, upstream] = await Promise.all([
    startKeyring(),
    startDockerd(),
    startRegistry({ auth: 'token', users: { puller: UPSTREAM_PASSWORD } }),
  ]);
  await pushImage(upstream, 'team/app', '1', { layers: 2, layerSize: 32 * 1024 });
  configFile = path.join(dockerd.dir, 'daemon.json');
  await writeFile(configFile, '{\n  "max-concurrent-downloads": 3\n}\n');
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: dataDir,
      BERTH_KEYCHAIN_SERVICE: `BerthTest-mirror-${randomUUID()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
      DOCKER_HOST: dockerd.host,
      BERTH_DAEMON_CONFIG: configFile,
      BERTH_DOCKERD_PIDFILE: path.join(dockerd.dir, 'pid'),
    }),
  );
  await host.logIn();
  browser = await launchChromium();
}, E2E_SETUP_MS);

beforeEach(async () => {
  ({ context, page } = await openPage(browser, { timeoutMs: UI_WAIT_MS, height: 900, url: host.url }));
  received = recordReceived(page);
});

// Whatever a test did, the upstream password never came back to the page.
afterEach(async () => {
  const bodies = await received();
  await context?.close();
  for (const body of bodies) expect(body).not.toContain(UPSTREAM_PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  const listed = await host
    ?.call<{ servers: Array<{ name: string; state: string }> }>('servers.list', {})
    .catch(() => undefined);
  for (const server of listed?.body.value?.servers ?? [])
    if (server.state === 'running') await host.call('servers.stop', { name: server.name }).catch(() => 0);
  const serversDir = path.join(dataDir ?? '', 'servers');
  for (const name of existsSync(serversDir) ? await readdir(serversDir) : []) {
    const pid = Number(await readFile(path.join(serversDir, name, 'registry.pid'), 'utf8').catch(() => ''));
    if (pid > 0) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
  await host?.stop();
  await Promise.all([dockerd?.stop(), upstream?.stop(), keyring?.stop()]);
  if (root) await removeDir(root);
}, E2E_SETUP_MS);

async function openYourRegistries(): Promise<void> {
  await page.getByRole('list', { name: 'Sections' }).getByRole('button', { name: 'Your registries' }).click();
}

async function engineMirrors(): Promise<string[]> {
  const info = JSON.parse((await dockerd.api.call('GET', '/info')).text) as {
    RegistryConfig: { Mirrors: string[] | null };
  };
  return info.RegistryConfig.Mirrors ?? [];
}

describe('a pull-through cache in a browser', { timeout: E2E_TEST_MS }, () => {
  it('makes a Docker Hub cache from the form and adds it to dockerd with Use as Docker mirror', async () => {
    const port = await freePort();
    await openYourRegistries();
    await page.getByRole('button', { name: 'New registry' }).click();
    const dialog = page.getByRole('dialog', { name: 'New registry' });
    await dialog.getByLabel('Name', { exact: true }).fill('hubcache');
    await dialog.getByLabel('Port', { exact: true }).fill(String(port));
    await dialog.getByLabel('Pull-through cache (mirror)').check();
    expect(await dialog.getByLabel('Upstream', { exact: true }).inputValue()).toBe(
      'https://registry-1.docker.io',
    );
    await dialog.getByText('read-only for its clients: pushes and deletes are refused').waitFor();
    await dialog.getByLabel('None (plain HTTP)').check();
    // The engine answers, so a container is offered first; this machine has no registry image offline.
    await dialog.getByLabel('Runs as').selectOption('process');
    await screenshotBothSchemes(page, 'mirror-create-form');
    await screenshotAt(page, 'mirror-create-form', 1024, 700);
    await dialog.getByRole('button', { name: 'Create and start' }).click();

    const created = page.getByRole('dialog', { name: 'hubcache is set up' });
    await created.waitFor({ timeout: WORK_WAIT_MS });
    await screenshotBothSchemes(page, 'mirror-created');
    await created.getByRole('button', { name: 'Done' }).click();

    const card = page.getByRole('article', { name: 'hubcache' });
    await card.getByText('https://registry-1.docker.io', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Use as Docker mirror…' }).click();
    const mirror = page.getByRole('dialog', { name: 'Use hubcache as a mirror' });
    await mirror
      .getByText(/Docker uses registry-mirrors for Docker Hub images only/)
      .waitFor({ timeout: WORK_WAIT_MS });
    // As dockerd reports it in /info, and as `berth server mirror` writes it: with its trailing "/".
    const url = `http://127.0.0.1:${port}/`;
    expect(await mirror.getByLabel(/Lines to add to/).textContent()).toContain(
      `[[registry.mirror]]\nlocation = "127.0.0.1:${port}"\ninsecure = true`,
    );
    await screenshotBothSchemes(page, 'mirror-use-dialog');
    await screenshotAt(page, 'mirror-use-dialog', 1024, 700);

    await mirror.getByRole('button', { name: 'Review and save…' }).click();
    const review = page.getByRole('dialog', { name: 'Review changes to daemon.json' });
    const diff = review.getByRole('region', { name: 'Changes to daemon.json' });
    await diff.waitFor({ timeout: WORK_WAIT_MS });
    expect(await diff.textContent()).toContain(`+    "${url}"`);
    await screenshotBothSchemes(page, 'mirror-review');
    await review.getByRole('button', { name: 'Save with backup' }).click();
    await review.getByText(/The previous file is kept as/).waitFor({ timeout: WORK_WAIT_MS });
    await review.getByRole('button', { name: 'Done' }).click();

    await mirror.getByText(`daemon.json lists ${url} in registry-mirrors`).waitFor({ timeout: WORK_WAIT_MS });
    await mirror.getByRole('button', { name: 'Apply (reload dockerd)' }).click();
    await mirror.getByText(/dockerd reloaded/).waitFor({ timeout: WORK_WAIT_MS });
    expect(await engineMirrors()).toEqual([url]);
    expect(JSON.parse(await readFile(configFile, 'utf8'))).toEqual({
      'max-concurrent-downloads': 3,
      'registry-mirrors': [url],
    });
    await screenshotBothSchemes(page, 'mirror-applied', { fullPage: true });
  });

  it('says in the form when the upstream refuses its login, and makes nothing', async () => {
    const wrong = `wrong-${randomUUID()}`;
    await openYourRegistries();
    await page.getByRole('button', { name: 'New registry' }).click();
    const dialog = page.getByRole('dialog', { name: 'New registry' });
    await dialog.getByLabel('Name', { exact: true }).fill('refused');
    await dialog.getByLabel('Port', { exact: true }).fill(String(await freePort()));
    await dialog.getByLabel('Pull-through cache (mirror)').check();
    await dialog.getByLabel('Upstream', { exact: true }).fill(upstream.url);
    await dialog.getByLabel(/Log in to the upstream/).check();
    await dialog.getByLabel('Upstream user').fill('puller');
    await dialog.getByLabel('Upstream password or access token').fill(wrong);
    await dialog.getByLabel('None (plain HTTP)').check();
    await dialog.getByLabel('Runs as').selectOption('process');
    await dialog.getByRole('button', { name: 'Create and start' }).click();
    await dialog.getByText(/refused the upstream login of puller/).waitFor({ timeout: WORK_WAIT_MS });
    await screenshotBothSchemes(page, 'mirror-refused-login');
    expect(existsSync(path.join(dataDir, 'servers', 'refused'))).toBe(false);
    for (const body of await received()) expect(body).not.toContain(wrong);
  });

  it('shows what a cache holds and its hits and misses, and how to pull through a cache of another registry', async () => {
    const port = await freePort();
    const made = await host.call('servers.create', {
      name: 'labcache',
      port,
      bind: '127.0.0.1',
      tls: { mode: 'none' },
      runtime: 'process',
      proxy: { url: upstream.url, username: 'puller' },
      proxySecret: UPSTREAM_PASSWORD,
    });
    expect(made.body.ok, JSON.stringify(made.body.error)).toBe(true);
    expect(JSON.stringify(made.body)).not.toContain(UPSTREAM_PASSWORD);
    const pulled = await runCommand(
      'skopeo',
      ['inspect', '--tls-verify=false', `docker://127.0.0.1:${port}/team/app:1`],
      { allowFailure: true, timeoutMs: 60_000 },
    );
    expect(pulled.code, pulled.stderr).toBe(0);

    await page.reload();
    await openYourRegistries();
    const card = page.getByRole('article', { name: 'labcache' });
    const figures = card.getByRole('definition').filter({ hasText: /repositor/ });
    await figures.waitFor({ timeout: WORK_WAIT_MS });
    expect(await figures.textContent()).toBe('1 repository');
    await card.getByText('Fetched from the upstream').waitFor();
    expect(await card.textContent()).toMatch(/Fetched from the upstream1 image request/);
    expect(await card.textContent()).toContain('logs in as puller');
    await card.scrollIntoViewIfNeeded();
    await screenshotBothSchemes(page, 'mirror-card');
    await screenshotAt(page, 'mirror-card', 1024, 700);

    await card.getByRole('button', { name: 'Use as Docker mirror…' }).click();
    const mirror = page.getByRole('dialog', { name: 'Use labcache as a mirror' });
    await mirror.getByText(/Docker would never ask it for/).waitFor({ timeout: WORK_WAIT_MS });
    expect(await mirror.textContent()).toContain(`docker pull 127.0.0.1:${port}/team/app:1`);
    expect(await mirror.getByRole('button', { name: 'Review and save…' }).count()).toBe(0);
    await screenshotBothSchemes(page, 'mirror-other-upstream');
    await mirror.getByRole('button', { name: 'Close', exact: true }).last().click();

    // Storage → Usage of the cache: its tags are the upstream's, so the scan reads nothing through it (each
    // read would fetch from the upstream) and says so, instead of counting the upstream's images as held.
    await page.getByRole('list', { name: 'Sections' }).getByRole('button', { name: 'Storage' }).click();
    const usage = page.getByRole('tabpanel', { name: 'Usage' });
    await usage.getByRole('combobox', { name: 'Registry' }).selectOption('labcache');
    await usage.getByRole('button', { name: 'Scan' }).click();
    const notes = usage.getByRole('list', { name: 'Notes on the figures' });
    await notes.waitFor({ timeout: WORK_WAIT_MS });
    expect(await notes.textContent()).toMatch(
      /labcache is a pull-through cache of .*: its tags are the upstream's, and reading them would fetch each one from there/,
    );
    expect(await usage.textContent()).toMatch(/0 tags read/);
    expect(await usage.textContent()).not.toMatch(/nothing is stored/);
    expect(await usage.textContent()).toMatch(/No repositories counted\./);
    await screenshotBothSchemes(page, 'mirror-storage-usage');
  });
});
