// The whole app in another language, end to end: every page and every dialog Berth has, twice.
// - In the pseudo-locale (?lang=en-XA, every catalogue message shown as ⟦Åççéñţéð⟧): a Latin word left on a
//   screen, outside translate="no", code, pre and kbd, in its text or its title / aria-label / placeholder /
//   alt, never went through the catalogue. The failure lists them by screen, each once, with its line.
// - In Simplified Chinese (a browser whose language is zh-CN, 1024×700): no message id the catalogue lacks,
//   no button or tab whose text is cut, no dialog out of the window; each screen photographed light and dark
//   (test-output/screenshots/zh-CN-<screen>-light|dark.png).
// The real browser host (built renderer, private keyring) in front of a real docker-registry (an image, an
// index of two platforms, a signed image), a registry of its own ("shelf", a docker-registry process), a
// connection that is down, Transfers with a finished, a failed and a cancelled copy, daemon.json with a
// backup; no container engine (Local images in its no-engine state). Buttons are found by their English
// names turned into the page's language through the catalogues (test/fixtures/i18n-scan.ts's Localizer).
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, screenshotBothSchemes } from '../fixtures/chromium.js';
import { startDockerd, type DockerdHandle } from '../fixtures/dockerd.js';
import { startFaultProxy, type FaultProxy } from '../fixtures/fault-proxy.js';
import {
  countByScreen,
  layoutProblems,
  loadCatalogue,
  Localizer,
  missingMessages,
  readScreenText,
  reportFindings,
  scanUntranslated,
  type Finding,
  type TourLocale,
} from '../fixtures/i18n-scan.js';
import { pushImage, pushIndex } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { freePort, makeTempDir, removeDir } from '../fixtures/process.js';
import { ARTIFACT_TYPES, pushReferrer } from '../fixtures/referrers.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import { chromium } from 'playwright-core';

// The whole file is held to about four minutes on a busy 2-core machine: each UI step gets STEP_MS (a
// missing button costs that, not thirty seconds), work behind the page (a scan, a diagnosis) WORK_MS.
const STEP_MS = 10_000;
const WORK_MS = 30_000;
const SETUP_MS = 90_000;
const PASS_MS = 150_000;

let keyring: KeyringHandle;
let registry: RegistryHandle;
/** The same registry with every blob held for a minute: a copy slow enough to cancel. */
let slow: FaultProxy;
let root: string;
let host: BerthHost;
/** A host with no connections and no engine: the first launch, and Local images without an engine. */
let fresh: BerthHost;
let dockerd: DockerdHandle;
/** `127.0.0.1:PORT` of the registry that is down, and the name of daemon.json's backup. */
let downHost: string;
let backupName: string;
let browser: Browser;

async function call(name: string, input: unknown): Promise<unknown> {
  const answer = await host.call(name, input);
  expect(answer.body.ok, `${name}: ${JSON.stringify(answer.body.error)}`).toBe(true);
  return answer.body.value;
}

/** Until the job is in one of `states` (the host's list), within the deadline. */
async function jobReaches(id: string, states: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const listed = (await call('jobs.list', {})) as Array<{ id: string; status: string }>;
    const state = listed.find((job) => job.id === id)?.status;
    if (state && states.includes(state)) return;
    if (Date.now() > deadline) throw new Error(`job ${id} is ${state}, not ${states.join(' or ')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  root = await makeTempDir('e2e-i18n-tour');
  const daemonFile = path.join(root, 'daemon.json');
  await writeFile(
    daemonFile,
    JSON.stringify({
      'insecure-registries': ['build.lan:5000'],
      'registry-mirrors': ['https://mirror.gcr.io'],
    }),
  );
  let shelfPort: number;
  [keyring, registry, shelfPort, dockerd] = await Promise.all([
    startKeyring(),
    startRegistry({ deleteEnabled: true }),
    freePort(),
    startDockerd(),
  ]);
  await dockerd.api.load({ repoTags: ['berth.test/tools:1', 'berth.test/tools:2'], layerSizes: [16 * 1024] });
  await pushImage(registry, 'team/app', '1.0', { layers: 2 });
  await pushImage(registry, 'team/app', '1.1');
  await pushIndex(registry, 'team/multi', 'latest', {
    format: 'oci',
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
    ],
  });
  const signed = await pushImage(registry, 'signed/app', 'release');
  await pushReferrer(registry, 'signed/app', signed, ARTIFACT_TYPES.cosign, { tagSchema: true });
  slow = await startFaultProxy(registry, {
    onRequest: (request) => (request.path.includes('/blobs/') ? { delayMs: 60_000 } : undefined),
  });
  const down = await startRegistry();
  downHost = down.host;
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: path.join(root, 'data'),
      BERTH_KEYCHAIN_SERVICE: `BerthTest-e2e-i18n-${randomUUID()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
      BERTH_DAEMON_CONFIG: daemonFile,
      DOCKER_HOST: dockerd.host,
      XDG_RUNTIME_DIR: path.join(root, 'runtime'),
    }),
  );
  await host.logIn();
  fresh = await BerthHost.start({
    ...process.env,
    BERTH_DATA_DIR: path.join(root, 'fresh'),
    BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
    DOCKER_HOST: `unix://${path.join(root, 'no-engine.sock')}`,
    XDG_RUNTIME_DIR: path.join(root, 'fresh-runtime'),
  });
  for (const [name, url] of [
    ['lab', registry.url],
    ['slow', slow.url],
    ['down', down.url],
  ] as const)
    await call('connections.add', { name, url, insecureHttp: true });
  await down.stop();

  // A registry of the user's own, with a user.
  await call('servers.create', {
    name: 'shelf',
    port: shelfPort,
    bind: '127.0.0.1',
    tls: { mode: 'none' },
    runtime: 'process',
    user: 'alice',
    secret: 'shelf-pass-81',
    deleteEnabled: true,
  });

  // Transfers: a finished copy, a failed one (no such tag), a cancelled one (its blobs never come).
  const started = async (source: string, repository: string, reference: string, to: string) =>
    (
      (await call('jobs.start', {
        kind: 'copy',
        source: { connection: source, repository, reference },
        destination: { connection: 'lab', repository: to },
      })) as { id: string }
    ).id;
  const finished = await started('lab', 'team/app', '1.0', 'copies/app');
  const failed = await started('lab', 'team/app', 'no-such-tag', 'copies/missing');
  const cancelled = await started('slow', 'team/app', '1.1', 'copies/cancelled');
  await call('jobs.cancel', { id: cancelled });
  await Promise.all([
    jobReaches(finished, ['succeeded'], WORK_MS),
    jobReaches(failed, ['failed'], WORK_MS),
    jobReaches(cancelled, ['cancelled'], WORK_MS),
  ]);

  // daemon.json with one backup (a save makes it).
  const read = (await call('daemon.read', {})) as { fingerprint: string };
  await call('daemon.save', {
    fingerprint: read.fingerprint,
    text: '{\n  "insecure-registries": ["build.lan:5000", "10.20.0.0/16"],\n  "registry-mirrors": ["https://mirror.gcr.io"]\n}\n',
  });

  backupName = (await readdir(root)).find((name) => name.startsWith('daemon.json.berth-backup-'))!;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}, SETUP_MS);

afterAll(async () => {
  await browser?.close();
  const listed = (await host
    ?.call<{ servers: Array<{ name: string; state: string }> }>('servers.list', {})
    .catch(() => undefined)) as
    { body: { value?: { servers: Array<{ name: string; state: string }> } } } | undefined;
  for (const server of listed?.body.value?.servers ?? [])
    if (server.state === 'running')
      await host.call('servers.stop', { name: server.name }).catch(() => undefined);
  await host?.stop();
  await fresh?.stop();
  await dockerd?.stop();
  await slow?.stop();
  await registry?.stop();
  await keyring?.stop();
  if (root) await removeDir(root);
}, 60_000);

/** One place in the app: how to get there from the step before, and what shows it has arrived. */
interface Step {
  screen: string;
  open: () => Promise<void>;
  /** Closed again before the next step (a dialog or a menu): Escape. */
  isDialog?: boolean;
}

/** Steps from a freshly loaded page; once one fails, the rest of its walk is not reached. */
interface Walk {
  name: string;
  /** On the host with no connections and no engine. */
  fresh?: boolean;
  steps: Step[];
}

function walks(page: Page, say: Localizer): Walk[] {
  const button = (english: string, exact = true) =>
    page.getByRole('button', { name: exact ? say.exact(english) : say.prefix(english) }).first();
  const dialog = (english: string) => page.getByRole('dialog', { name: say.prefix(english) }).last();
  const section = (index: number) => page.locator('.section-nav .nav-section').nth(index).click();
  const connection = (name: string) =>
    page
      .getByRole('navigation', { name: say.exact('Connections') })
      .getByRole('button', { name: new RegExp(`^${name}\\b`) })
      .first()
      .click();
  const images = () => page.getByRole('region', { name: say.exact('Images') });
  const card = () => page.getByRole('article', { name: 'shelf' });
  const repositories = () => page.getByRole('listbox', { name: say.exact('Repositories') });
  const tags = (repository: string) =>
    page.getByRole('listbox', { name: say.exact(`Tags of ${repository}`) });
  const openTag = async (repository: string, tag: string) => {
    await repositories().getByRole('option', { name: repository, exact: true }).click();
    await tags(repository).getByRole('option', { name: tag, exact: true }).click({ timeout: WORK_MS });
  };
  const opens = (screen: string, opener: () => Promise<unknown>, title: string): Step => ({
    screen,
    isDialog: true,
    open: async () => {
      await opener();
      await dialog(title).waitFor();
    },
  });
  const tagMenu = (item: string) => async () => {
    await button('More tag actions').click();
    await page.getByRole('menuitem', { name: say.exact(item) }).click();
  };
  const repositoryMenu = (item: string) => async () => {
    await button('More actions for team/app').click();
    await page.getByRole('menuitem', { name: say.exact(item) }).click();
  };

  return [
    {
      name: 'registries',
      steps: [
        {
          screen: 'registries-overview',
          // Once the connections have loaded and been checked: the one that is down offers Diagnose.
          open: async () => {
            await page
              .getByRole('navigation', { name: say.exact('Connections') })
              .getByRole('button', { name: /^down\b/ })
              .waitFor({ timeout: WORK_MS });
            await button('Diagnose').waitFor({ timeout: WORK_MS });
          },
        },
        opens('dialog-add-connection', () => button('Add connection').click(), 'Add connection'),
        opens(
          'dialog-import-docker',
          () => button('Import from Docker…').click(),
          'Import from Docker and Podman',
        ),
        opens('search-palette', () => page.keyboard.press('Control+k'), 'Search'),
        opens('shortcuts', () => page.locator('body').press('?'), 'Keyboard shortcuts'),
        {
          screen: 'connection',
          open: async () => {
            await connection('lab');
            await repositories().getByRole('option').first().waitFor({ timeout: WORK_MS });
          },
        },
        opens('dialog-edit-connection', () => button('Edit connection…').click(), 'Edit connection lab'),
        opens(
          'dialog-remove-connection',
          () => button('Remove connection').click(),
          'Remove connection lab?',
        ),
        opens(
          'dialog-load',
          () => button('Load an image archive into lab…').click(),
          'Load an image archive',
        ),
        {
          screen: 'repository-tags',
          open: async () => {
            await repositories().getByRole('option', { name: 'team/app', exact: true }).click();
            await tags('team/app')
              .getByRole('option', { name: '1.0', exact: true })
              .waitFor({ timeout: WORK_MS });
          },
        },
        opens('dialog-sync', () => button('Sync repository team/app to…').click(), 'Sync team/app'),
        opens(
          'dialog-delete-repository',
          repositoryMenu('Delete repository team/app…'),
          'Delete repository team/app?',
        ),
        {
          screen: 'bulk-selection',
          open: async () => {
            await tags('team/app').focus();
            await page.keyboard.press('Control+a');
            await page.getByRole('toolbar', { name: say.exact('Selected tags') }).waitFor();
          },
        },
        opens('dialog-bulk-delete', () => button('Delete selected…').click(), 'Delete 2 tags of team/app?'),
        opens('dialog-bulk-copy', () => button('Copy selected to…').click(), 'Copy 2 tags of team/app'),
        {
          screen: 'image-view',
          open: async () => {
            await page.keyboard.press('Escape');
            await openTag('team/app', '1.0');
            await page.getByRole('table', { name: say.exact('Layers') }).waitFor({ timeout: WORK_MS });
          },
        },
        opens('dialog-retag', () => button('Retag…').click(), 'Retag team/app:1.0'),
        opens('dialog-copy', () => button('Copy to…').click(), 'Copy team/app:1.0'),
        opens('dialog-save', () => button('Save to file…').click(), 'Save team/app:1.0 to a file'),
        opens('dialog-delete-tag', tagMenu('Delete tag…'), 'Delete tag 1.0?'),
        opens('dialog-delete-image', tagMenu('Delete image…'), 'Delete image by digest?'),
        {
          screen: 'image-index',
          open: async () => {
            await openTag('team/multi', 'latest');
            await page.getByRole('group', { name: say.exact('Platforms') }).waitFor({ timeout: WORK_MS });
          },
        },
        {
          screen: 'image-signed',
          open: async () => {
            await openTag('signed/app', 'release');
            await page.getByRole('table', { name: say.exact('Layers') }).waitFor({ timeout: WORK_MS });
          },
        },
      ],
    },
    {
      name: 'diagnose',
      steps: [
        {
          screen: 'connection-down',
          open: async () => {
            await connection('down');
            await button('Diagnose').waitFor({ timeout: WORK_MS });
          },
        },
        {
          screen: 'diagnose-panel',
          isDialog: true,
          open: async () => {
            await button('Diagnose').click();
            const panel = dialog(`Diagnose ${downHost}`);
            await panel.getByRole('list', { name: say.exact('Steps') }).waitFor({ timeout: WORK_MS });
            // Every step has run: the list is no longer busy.
            await panel.locator('[aria-busy="false"]').first().waitFor({ timeout: WORK_MS });
          },
        },
      ],
    },
    {
      name: 'storage of a connection',
      steps: [
        {
          screen: 'storage-of-connection',
          open: async () => {
            await connection('lab');
            await button('Storage of lab').click();
            const usage = page.getByRole('tabpanel', { name: say.exact('Usage') });
            await usage.getByRole('button', { name: say.exact('Scan') }).click();
            await usage
              .getByRole('list', { name: say.exact('Repositories by size') })
              .waitFor({ timeout: WORK_MS });
          },
        },
        {
          screen: 'storage-of-repository',
          open: async () => {
            await connection('lab');
            await repositories().getByRole('option', { name: 'team/app', exact: true }).click();
            await button('More actions for team/app').click();
            await page.getByRole('menuitem', { name: say.exact('Storage of team/app') }).click();
            const usage = page.getByRole('tabpanel', { name: say.exact('Usage') });
            await usage.getByRole('button', { name: say.exact('Scan') }).click();
            await usage
              .getByRole('table', { name: say.exact('Tags of team/app') })
              .waitFor({ timeout: WORK_MS });
          },
        },
      ],
    },
    {
      name: 'transfers',
      steps: [
        {
          screen: 'transfers',
          open: async () => {
            await section(1);
            await page
              .getByText(/copies\/cancelled/)
              .first()
              .waitFor({ timeout: WORK_MS });
          },
        },
      ],
    },
    {
      name: 'local images',
      steps: [
        {
          screen: 'local-images',
          open: async () => {
            await section(2);
            await images()
              .getByRole('row', { name: 'berth.test/tools:1', exact: true })
              .waitFor({ timeout: WORK_MS });
          },
        },
        opens('dialog-pull', () => button('Pull…').click(), 'Pull an image'),
        opens(
          'dialog-push',
          () =>
            images()
              .getByRole('button', { name: say.exact('Push berth.test/tools:1') })
              .click(),
          'Push berth.test/tools:1',
        ),
        opens(
          'dialog-remove-local-tag',
          () =>
            images()
              .getByRole('button', { name: say.exact('Remove tag berth.test/tools:2') })
              .click(),
          'Remove tag berth.test/tools:2?',
        ),
      ],
    },
    {
      name: 'first launch',
      fresh: true,
      steps: [
        {
          screen: 'first-launch',
          open: () =>
            page.getByRole('heading', { name: say.exact('Every registry you use, at a glance') }).waitFor(),
        },
        {
          screen: 'local-images-no-engine',
          open: async () => {
            await section(2);
            await page
              .getByRole('region', { name: say.exact('The container engine is not running') })
              .or(page.getByRole('region', { name: say.containing('not running') }))
              .first()
              .waitFor({ timeout: WORK_MS });
          },
        },
      ],
    },
    {
      name: 'daemon',
      steps: [
        {
          screen: 'daemon',
          open: async () => {
            await section(3);
            await page.getByText('build.lan:5000').first().waitFor({ timeout: WORK_MS });
          },
        },
        {
          screen: 'daemon-raw',
          open: async () => {
            await page.getByRole('tab', { name: say.exact('Raw JSON') }).click();
            await page
              .getByRole('textbox', { name: 'daemon.json' })
              .fill('{\n  "insecure-registries": ["build.lan:5000"],\n  "max-concurrent-downloads": 5\n}\n');
          },
        },
        opens(
          'dialog-daemon-save',
          () => button('Review and save…').click(),
          'Review changes to daemon.json',
        ),
        {
          screen: 'daemon-backups',
          open: async () => {
            await page.getByRole('tab', { name: say.prefix('Backups') }).click();
            await page.getByRole('table', { name: say.exact('Backups of daemon.json') }).waitFor();
          },
        },
        opens(
          'dialog-daemon-restore',
          () =>
            page
              .getByRole('button', { name: say.exact(`Restore ${backupName}`) })
              .first()
              .click(),
          `Restore ${backupName}`,
        ),
      ],
    },
    {
      name: 'your registries',
      steps: [
        {
          screen: 'servers',
          open: async () => {
            await section(4);
            await page.getByRole('article', { name: 'shelf' }).waitFor({ timeout: WORK_MS });
          },
        },
        opens('dialog-new-registry', () => button('New registry').click(), 'New registry'),
        opens(
          'dialog-users',
          () =>
            card()
              .getByRole('button', { name: say.exact('Users…') })
              .click(),
          'Users of shelf',
        ),
        {
          screen: 'dialog-garbage-collection',
          isDialog: true,
          open: async () => {
            await card()
              .getByRole('button', { name: say.exact('Collect garbage…') })
              .click();
            const gc = dialog('Collect garbage in shelf');
            await gc.getByRole('button', { name: say.exact('Dry run') }).click();
            await gc.getByRole('region', { name: say.exact('Dry run') }).waitFor({ timeout: WORK_MS });
          },
        },
        opens(
          'dialog-docker-trust',
          () =>
            card()
              .getByRole('button', { name: say.exact('Trust in Docker…') })
              .click(),
          'Make Docker trust shelf',
        ),
        opens(
          'dialog-remove-server',
          () =>
            card()
              .getByRole('button', { name: say.exact('Remove…') })
              .click(),
          'Remove shelf?',
        ),
        opens(
          'dialog-server-logs',
          () =>
            card()
              .getByRole('button', { name: say.exact('Logs…') })
              .click(),
          'Logs of shelf',
        ),
      ],
    },
    {
      name: 'storage',
      steps: [
        {
          screen: 'storage-usage',
          open: async () => {
            await section(5);
            const panel = page.getByRole('tabpanel', { name: say.exact('Usage') });
            await panel.getByRole('combobox', { name: say.exact('Registry') }).selectOption('shelf');
            await panel.getByRole('button', { name: say.exact('Scan') }).click();
            await panel
              .getByRole('region', { name: say.exact('Storage figures') })
              .waitFor({ timeout: WORK_MS });
          },
        },
        {
          screen: 'storage-cleanup-rules',
          open: async () => {
            await page.getByRole('tab', { name: say.exact('Cleanup rules') }).click();
            await page.getByRole('tabpanel', { name: say.exact('Cleanup rules') }).waitFor();
          },
        },
        {
          screen: 'storage-new-rule',
          open: async () => {
            await button('New rule').click();
            const form = page.getByRole('form', { name: say.exact('Cleanup rule') });
            await form.getByLabel(say.prefix('Name')).fill('old builds');
            await form.getByRole('combobox').first().selectOption('lab');
            await form.getByLabel(say.prefix('Repositories')).fill('team/app');
            await form.getByLabel(say.prefix('Keep newest')).fill('1');
          },
        },
        {
          screen: 'storage-cleanup-preview',
          open: async () => {
            await page
              .getByRole('form', { name: say.exact('Cleanup rule') })
              .getByRole('button', { name: say.exact('Preview') })
              .click();
            await page
              .getByRole('table', { name: say.exact('Tags the rule keeps and deletes') })
              .waitFor({ timeout: WORK_MS });
          },
        },
        opens('dialog-cleanup-delete', () => button('Delete 1 tag…').click(), 'Delete 1 tag?'),
      ],
    },
    {
      name: 'language',
      steps: [
        {
          screen: 'language-menu',
          // Wherever the shell puts it: a select named Language, or a button that opens a menu listing 简体中文.
          open: async () => {
            const name = say.prefix('Language');
            const control = page
              .getByRole('combobox', { name })
              .or(page.getByRole('button', { name }))
              .first();
            await control.waitFor();
            if ((await control.evaluate((element) => element.tagName)) === 'SELECT') return;
            await control.click();
            await page.getByText('简体中文', { exact: true }).first().waitFor();
          },
        },
      ],
    },
  ];
}

interface TourResult {
  /** Screens reached, in order. */
  reached: string[];
  /** Screens not reached, with why. */
  unreached: string[];
}

/** Walks every screen in one locale, calling `inspect` on each one reached. */
async function tour(
  locale: TourLocale,
  contextOptions: { locale?: string; viewport: { width: number; height: number } },
  inspect: (page: Page, screen: string, scope: 'page' | 'dialog') => Promise<void>,
  afterWalk: (page: Page, walk: string) => Promise<void>,
): Promise<TourResult> {
  const say = new Localizer(locale, await loadCatalogue());
  const context: BrowserContext = await browser.newContext({ ...contextOptions, colorScheme: 'light' });
  context.setDefaultTimeout(STEP_MS);
  context.setDefaultNavigationTimeout(WORK_MS);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${locale}] page error:`, error.message));
  const address = (of: BerthHost) => {
    const url = new URL(of.url);
    if (locale === 'en-XA') url.searchParams.set('lang', 'en-XA');
    return url.href;
  };
  const result: TourResult = { reached: [], unreached: [] };
  try {
    for (const walk of walks(page, say)) {
      await page.goto('about:blank');
      await page.goto(address(walk.fresh ? fresh : host));
      await page.locator('.section-nav').waitFor({ timeout: WORK_MS });
      let failed: string | undefined;
      for (const step of walk.steps) {
        if (failed) {
          result.unreached.push(`${step.screen}: not reached (${failed} failed before it)`);
          continue;
        }
        try {
          await step.open();
          await inspect(page, step.screen, step.isDialog ? 'dialog' : 'page');
          result.reached.push(step.screen);
          if (step.isDialog) {
            await page.keyboard.press('Escape');
            await page
              .locator('dialog[open]')
              .waitFor({ state: 'detached', timeout: STEP_MS })
              .catch(() => undefined);
          }
        } catch (error) {
          failed = step.screen;
          result.unreached.push(`${step.screen}: ${String((error as Error).message).split('\n')[0]}`);
        }
      }
      await afterWalk(page, walk.name);
    }
  } finally {
    await context.close();
  }
  return result;
}

const OUTPUT = path.resolve('test-output');

describe('the app in another language, every page and dialog', () => {
  it(
    'in the pseudo-locale, no English is left outside the catalogue',
    async () => {
      const findings: Finding[] = [];
      const result = await tour(
        'en-XA',
        { viewport: { width: 1440, height: 900 } },
        async (page, screen, scope) => {
          findings.push(...(await scanUntranslated(page, screen, scope)));
        },
        async () => undefined,
      );
      const report = [
        `Untranslated words by screen: ${JSON.stringify(countByScreen(findings))}`,
        reportFindings(findings),
        result.unreached.length ? `Screens not reached:\n  ${result.unreached.join('\n  ')}` : '',
      ].join('\n');
      await mkdir(OUTPUT, { recursive: true });
      await writeFile(path.join(OUTPUT, 'i18n-tour-en-XA.txt'), `${report}\n`);
      expect(result.reached.length, report).toBeGreaterThan(0);
      if (findings.length || result.unreached.length) throw new Error(report);
    },
    PASS_MS,
  );

  it(
    'in Chinese, every message is translated, nothing is cut, and each screen is photographed',
    async () => {
      const missing = new Map<string, Set<string>>();
      const layout: string[] = [];
      const result = await tour(
        'zh-CN',
        { locale: 'zh-CN', viewport: { width: 1024, height: 700 } },
        async (page, screen, scope) => {
          // A screen in Chinese shows Chinese: a page or dialog without one CJK character did not switch.
          if (!/[\u3400-\u9fff]/.test((await readScreenText(page, scope)).text))
            layout.push(`${screen}: no Chinese on screen`);
          for (const problem of await layoutProblems(page)) layout.push(`${screen}: ${problem}`);
          await screenshotBothSchemes(page, `zh-CN-${screen}`);
        },
        async (page, walk) => {
          for (const id of await missingMessages(page))
            missing.set(id, (missing.get(id) ?? new Set()).add(walk));
        },
      );
      const report = [
        missing.size
          ? `Messages the Chinese catalogue lacks:\n  ${[...missing].map(([id, seen]) => `${id} (${[...seen].join(', ')})`).join('\n  ')}`
          : '',
        layout.length ? `Not in Chinese, cut or out of the window:\n  ${layout.join('\n  ')}` : '',
        result.unreached.length ? `Screens not reached:\n  ${result.unreached.join('\n  ')}` : '',
      ]
        .filter(Boolean)
        .join('\n');
      await mkdir(OUTPUT, { recursive: true });
      await writeFile(path.join(OUTPUT, 'i18n-tour-zh-CN.txt'), `${report}\n`);
      expect(result.reached.length, report).toBeGreaterThan(0);
      if (report) throw new Error(report);
    },
    PASS_MS,
  );
});
