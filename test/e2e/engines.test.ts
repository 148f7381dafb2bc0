// The pages that depend on which engine runs, for an engine that is not dockerd and for no engine at all:
// the daemon page and Your registries' trust dialog. The browser host (built renderer) is pointed at a real
// Podman service (its own registries.conf, with an insecure registry and a Docker Hub mirror) and at a
// socket nobody listens on. Driven through Chromium by role and label.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
import { startPodman, type PodmanHandle } from '../fixtures/podman.js';
import { freePort, makeTempDir, removeDir } from '../fixtures/process.js';

const INSECURE = '10.1.2.3:5000';
const MIRROR = 'mirror.lan:5000';

let root: string;
let podman: PodmanHandle;
let podmanHost: BerthHost;
let noEngineHost: BerthHost;
let browser: Browser;
let context: BrowserContext | undefined;
let page: Page;

beforeAll(async () => {
  root = await makeTempDir('e2e-daemon-engines');
  podman = await startPodman({
    insecureRegistries: [INSECURE],
    extraRegistriesConf: [
      '[[registry]]',
      'location = "docker.io"',
      '[[registry.mirror]]',
      `location = "${MIRROR}"`,
      'insecure = true',
    ].join('\n'),
  });
  const common = {
    ...process.env,
    BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
    BERTH_DAEMON_CONFIG: path.join(root, 'daemon.json'),
  };
  [podmanHost, noEngineHost] = await Promise.all([
    BerthHost.start({
      ...common,
      BERTH_DATA_DIR: path.join(root, 'data-podman'),
      DOCKER_HOST: podman.host,
      // Berth reads the files the service reads.
      CONTAINERS_REGISTRIES_CONF: podman.registriesConf,
    }),
    BerthHost.start({
      ...common,
      BERTH_DATA_DIR: path.join(root, 'data-none'),
      DOCKER_HOST: `unix://${path.join(root, 'nobody.sock')}`,
    }),
  ]);
  browser = await launchChromium();
}, E2E_SETUP_MS);

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
  for (const name of ['podshelf', 'podplain'])
    await podmanHost?.call('servers.remove', { name, deleteData: true }).catch(() => undefined);
  await Promise.all([podmanHost?.stop(), noEngineHost?.stop()]);
  await podman?.stop();
  if (root) await removeDir(root);
});

async function openDaemonPage(host: BerthHost, height = 900): Promise<void> {
  ({ context, page } = await openPage(browser, { timeoutMs: UI_WAIT_MS, height, url: host.url }));
  await page
    .getByRole('list', { name: 'Sections' })
    .getByRole('button', { name: /^Docker daemon/ })
    .click();
}

/** 1440×900 and 1024×700, each light and dark. */
async function shootAll(name: string): Promise<void> {
  await screenshotBothSchemes(page, name);
  await screenshotAt(page, name, 1024, 700);
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshotAt(page, `${name}-dark`, 1024, 700);
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('the daemon page with Podman', { timeout: E2E_TEST_MS }, () => {
  it("names Podman, shows registries.conf's insecure entry and mirror read-only, and offers no reload", async () => {
    await openDaemonPage(podmanHost);
    await page.getByRole('heading', { name: 'Podman registries', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: 'Podman registries' });
    await table.waitFor();
    const insecureRow = table.getByRole('row', { name: new RegExp(INSECURE.replaceAll('.', '\\.')) });
    expect(await insecureRow.textContent()).toMatch(/yes — plain HTTP/);
    const hubRow = table.getByRole('row', { name: /docker\.io/ });
    expect(await hubRow.textContent()).toContain(`${MIRROR} (insecure)`);
    // Podman's own /info agrees with the file Berth read.
    expect(await insecureRow.getByRole('cell').last().textContent()).toBe('the same');
    expect(await hubRow.getByRole('cell').last().textContent()).toBe('the same');
    expect(await page.getByText(podman.registriesConf).first().isVisible()).toBe(true);
    expect(await page.getByText(/Podman keeps its registry settings in registries\.conf/).isVisible()).toBe(
      true,
    );

    const body = (await page.locator('.workspace').textContent()) ?? '';
    expect(body).not.toMatch(/differs|systemctl|reload docker|pre-23|dockerd \d/);
    expect(await page.getByRole('button', { name: /Apply/ }).count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Raw JSON' }).count()).toBe(0);
    expect(await page.getByRole('textbox').count()).toBe(0);
    await shootAll('daemon-podman');

    // The server refuses to reload dockerd for a Podman engine too.
    await podmanHost.logIn();
    const applied = await podmanHost.call('daemon.apply', {});
    expect(JSON.stringify(applied.body)).toMatch(/is Podman, which never reads/);
  });

  it('names the file and line of a broken registries.conf, and keeps the page working', async () => {
    const good = await readFile(podman.registriesConf, 'utf8');
    try {
      await writeFile(
        podman.registriesConf,
        `${good}\n[[registry]]\nlocation = "broken:5000"\ninsecure = yes\n`,
      );
      const brokenLine = good.split('\n').length + 3;
      await openDaemonPage(podmanHost);
      const alert = page.getByRole('alert', { name: `Problem in ${podman.registriesConf}` });
      await alert.waitFor();
      expect(await alert.textContent()).toContain(`${podman.registriesConf}, line ${brokenLine}:`);
      expect(await alert.getByLabel(`Line ${brokenLine} of the file`).textContent()).toContain(
        'insecure = yes',
      );
      expect(await alert.textContent()).not.toMatch(/Invalid TOML document|TomlError/);
      await page.getByRole('heading', { name: 'Registries in registries.conf' }).waitFor();
      await shootAll('daemon-podman-broken');
    } finally {
      await writeFile(podman.registriesConf, good);
    }
  });
});

describe('the daemon page with no engine', { timeout: E2E_TEST_MS }, () => {
  it('disables Apply and says why beside it, and keeps daemon.json editable', async () => {
    await openDaemonPage(noEngineHost);
    await page.getByRole('heading', { name: 'Docker daemon', level: 1 }).waitFor();
    const apply = page.getByRole('button', { name: /^Apply/ });
    await apply.waitFor();
    expect(await apply.isDisabled()).toBe(true);
    const reason = page.getByText(/^Apply needs a running dockerd: none answers at unix:\/\//);
    expect(await reason.isVisible()).toBe(true);
    expect(await apply.getAttribute('aria-describedby')).toBe(await reason.getAttribute('id'));
    expect(await page.getByLabel('New insecure registry').isEditable()).toBe(true);
    const body = (await page.locator('.workspace').textContent()) ?? '';
    expect(body).not.toMatch(/ENOENT|ECONNREFUSED|NETWORK/);
    await shootAll('daemon-no-engine');
  });
});

/** A registry of the user's own made through the API (not started: the plan does not need it running). */
async function makeServer(name: string, tls: 'self-signed' | 'none'): Promise<number> {
  await podmanHost.logIn();
  await podmanHost.call('servers.remove', { name, deleteData: true });
  const port = await freePort();
  const created = await podmanHost.call('servers.create', {
    name,
    port,
    bind: '127.0.0.1',
    tls: { mode: tls },
    runtime: 'process',
    start: false,
  });
  expect(created.body.ok, JSON.stringify(created.body.error)).toBe(true);
  return port;
}

async function openTrustDialog(name: string) {
  ({ context, page } = await openPage(browser, { timeoutMs: UI_WAIT_MS, url: podmanHost.url }));
  await page.getByRole('list', { name: 'Sections' }).getByRole('button', { name: 'Your registries' }).click();
  const card = page.getByRole('article', { name });
  await card.getByRole('button', { name: 'Trust in Podman…' }).click();
  return page.getByRole('dialog', { name: `Make Podman trust ${name}` });
}

describe('Your registries with Podman', { timeout: E2E_TEST_MS }, () => {
  it("names Podman's certs.d for a registry with its own CA, not Docker's", async () => {
    const port = await makeServer('podshelf', 'self-signed');
    const dialog = await openTrustDialog('podshelf');
    const target = `/etc/containers/certs.d/127.0.0.1:${port}`;
    // Podman has no loopback exception: 127.0.0.1 needs the CA like any host.
    await dialog.getByText(`${target}/ca.crt`, { exact: false }).waitFor({ timeout: WORK_WAIT_MS });
    expect(await dialog.getByRole('button', { name: `Install the CA in ${target}` }).isVisible()).toBe(true);
    const text = (await dialog.textContent()) ?? '';
    expect(text).not.toMatch(/\/etc\/docker|daemon\.json|insecure-registries|--/);
    await shootAll('server-trust-podman');
  });

  it('shows the registries.conf lines for a plain-HTTP registry, and sees them once added', async () => {
    const port = await makeServer('podplain', 'none');
    const good = await readFile(podman.registriesConf, 'utf8');
    try {
      const dialog = await openTrustDialog('podplain');
      const lines = dialog.getByLabel(`Lines to add to ${podman.registriesConf}`);
      await lines.waitFor({ timeout: WORK_WAIT_MS });
      const snippet = (await lines.textContent()) ?? '';
      expect(snippet).toBe(`[[registry]]\nlocation = "127.0.0.1:${port}"\ninsecure = true\n`);
      expect((await dialog.textContent()) ?? '').not.toMatch(/daemon\.json|insecure-registries/);
      await screenshotBothSchemes(page, 'server-trust-podman-http');
      await writeFile(podman.registriesConf, `${good}\n${snippet}`);
      await dialog.getByRole('button', { name: 'Check again' }).click();
      await dialog.getByText('Already done: nothing to change.').waitFor();
    } finally {
      await writeFile(podman.registriesConf, good);
    }
  });
});
