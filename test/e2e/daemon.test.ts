// The Docker daemon settings page end to end: the browser host (built renderer) pointed at a real dockerd
// started with its own daemon.json (--config-file) and pid file, and a real docker-registry as the mirror.
// Driven through Chromium by role and label. The engine's own /info, read with plain undici, is the
// independent check that an applied change took effect.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
import { startDockerd, type DockerdHandle } from '../fixtures/dockerd.js';
import { makeTempDir, removeDir, runCommand } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const ORIGINAL = '{\n  "max-concurrent-downloads": 3\n}\n';
const CORRUPT = '{\n  "max-concurrent-downloads": 3,\n  "insecure-registries": ["a.example:5000",]\n}\n';

let root: string;
let dockerd: DockerdHandle;
let mirror: RegistryHandle;
let configFile: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  root = await makeTempDir('e2e-daemon');
  [dockerd, mirror] = await Promise.all([startDockerd(), startRegistry()]);
  configFile = path.join(dockerd.dir, 'daemon.json');
  await writeFile(configFile, ORIGINAL);
  host = await BerthHost.start({
    ...process.env,
    BERTH_DATA_DIR: path.join(root, 'data'),
    BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
    DOCKER_HOST: dockerd.host,
    BERTH_DAEMON_CONFIG: configFile,
    BERTH_DOCKERD_PIDFILE: path.join(dockerd.dir, 'pid'),
  });
  await host.logIn();
  browser = await launchChromium();
}, E2E_SETUP_MS);

beforeEach(async () => {
  ({ context, page } = await openPage(browser, { timeoutMs: UI_WAIT_MS, height: 1000, url: host.url }));
});

afterEach(async () => {
  await context?.close();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await Promise.all([dockerd?.stop(), mirror?.stop()]);
  if (root) await removeDir(root);
});

const shoot = (name: string) => screenshotBothSchemes(page, name, { fullPage: true });

/** What the engine itself says, asked without Berth. */
async function engineRegistryConfig() {
  const info = JSON.parse((await dockerd.api.call('GET', '/info')).text) as {
    RegistryConfig: {
      InsecureRegistryCIDRs: string[];
      IndexConfigs: Record<string, { Secure: boolean }>;
      Mirrors: string[];
    };
  };
  return info.RegistryConfig;
}

const backupsOnDisk = async () =>
  (await readdir(path.dirname(configFile))).filter((name) => name.startsWith('daemon.json.berth-backup-'));

/**
 * What the restore test starts from, made here so it can run alone: one backup, of ORIGINAL (a save through
 * the API makes it), and CORRUPT in the file.
 */
async function oneBackupOfOriginalAndCorruptFile(): Promise<void> {
  for (const name of await backupsOnDisk()) await rm(path.join(path.dirname(configFile), name));
  await writeFile(configFile, ORIGINAL);
  const read = await host.call<{ fingerprint: string }>('daemon.read', {});
  const saved = await host.call('daemon.save', {
    fingerprint: read.body.value.fingerprint,
    text: '{\n  "max-concurrent-downloads": 3,\n  "insecure-registries": ["b.example:5000"]\n}\n',
  });
  expect(saved.body.ok, JSON.stringify(saved.body.error)).toBe(true);
  await writeFile(configFile, CORRUPT);
}

/** The daemon page, opened from the sidebar of a freshly loaded page. */
async function openDaemonPage(): Promise<void> {
  await page
    .getByRole('list', { name: 'Sections' })
    .getByRole('button', { name: /^Docker daemon/ })
    .click();
  await page.getByText(configFile).first().waitFor();
}

const entries = (list: string) =>
  page.getByRole('list', { name: list, exact: true }).getByRole('listitem').allTextContents();

describe('the Docker daemon settings page', { timeout: E2E_TEST_MS }, () => {
  it('adds an insecure registry and a mirror, saves after the diff, applies, and the engine reports them', async () => {
    await page.getByRole('button', { name: 'Docker daemon' }).click();
    await page.getByText(configFile).first().waitFor();
    expect(await page.getByText('BERTH_DAEMON_CONFIG names this file').isVisible()).toBe(true);

    const insecure = page.getByLabel('New insecure registry');
    await insecure.fill('registry.test/v2');
    const refusal = page.getByText(/insecure registry registry\.test\/v2 is not valid/);
    await refusal.waitFor();
    expect(await insecure.getAttribute('aria-invalid')).toBe('true');
    await shoot('daemon-invalid-entry');
    expect(
      await page
        .getByRole('form', { name: 'Add to Insecure registries' })
        .getByRole('button', { name: 'Add' })
        .isDisabled(),
    ).toBe(true);

    await insecure.fill('http://registry.test:5000');
    await page.getByText(/dockerd accepts it as registry\.test:5000/).waitFor();
    await insecure.press('Enter');
    await insecure.fill('10.20.0.0/16');
    await page.getByText(/dockerd accepts it/).waitFor();
    await insecure.press('Enter');
    await expect
      .poll(() => entries('Insecure registries'), { timeout: WORK_WAIT_MS })
      .toEqual([expect.stringContaining('registry.test:5000'), expect.stringContaining('10.20.0.0/16')]);
    // Reorder with the keyboard: Alt+↑ on the focused entry moves it up.
    await page.getByRole('listitem', { name: '10.20.0.0/16' }).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect
      .poll(() => entries('Insecure registries'), { timeout: WORK_WAIT_MS })
      .toEqual([expect.stringContaining('10.20.0.0/16'), expect.stringContaining('registry.test:5000')]);

    // Delete on the focused entry removes it.
    await insecure.fill('temp.example:1');
    await page.getByText(/dockerd accepts it/).waitFor();
    await insecure.press('Enter');
    await page.getByRole('listitem', { name: 'temp.example:1' }).focus();
    await page.keyboard.press('Delete');
    await expect
      .poll(() => entries('Insecure registries'), { timeout: WORK_WAIT_MS })
      .toEqual([expect.stringContaining('10.20.0.0/16'), expect.stringContaining('registry.test:5000')]);

    const mirrorUrl = `http://${mirror.host}`;
    await page.getByLabel('New mirror').fill(mirrorUrl);
    await page.getByText(new RegExp(`dockerd accepts it as ${mirrorUrl}/`)).waitFor();
    await page
      .getByRole('form', { name: 'Add to Registry mirrors' })
      .getByRole('button', { name: 'Add' })
      .click();
    await shoot('daemon-edited');

    await page.getByRole('button', { name: 'Review and save…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Review changes to daemon.json' });
    const diff = dialog.getByRole('region', { name: 'Changes to daemon.json' });
    await diff.waitFor();
    const diffText = (await diff.textContent()) ?? '';
    expect(diffText).toContain('+  "insecure-registries": [');
    expect(diffText).toContain('+    "registry.test:5000"');
    expect(diffText).toContain(`+    "${mirrorUrl}/"`);
    await shoot('daemon-diff');
    expect(await readFile(configFile, 'utf8')).toBe(ORIGINAL);
    await dialog.getByRole('button', { name: 'Save with backup' }).click();
    await dialog.getByText(/The previous file is kept as/).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();

    const saved = JSON.parse(await readFile(configFile, 'utf8')) as Record<string, unknown>;
    expect(saved).toEqual({
      'max-concurrent-downloads': 3,
      'insecure-registries': ['10.20.0.0/16', 'registry.test:5000'],
      'registry-mirrors': [`${mirrorUrl}/`],
    });

    // The answer to daemon.apply itself is awaited, so a failure shows what it was (an error answer
    // appears on the page as an alert, which a wait for the status line would only time out on).
    const applied = page.waitForResponse((response) => response.url().endsWith('/daemon.apply'), {
      timeout: WORK_WAIT_MS,
    });
    await page.getByRole('button', { name: 'Apply (reload dockerd)' }).click();
    const answer = (await (await applied).json()) as { ok: boolean; error?: { message: string } };
    expect(answer.error?.message).toBeUndefined();
    const outcome = page.getByRole('status').filter({ hasText: /^dockerd (reloaded|did not take)/ });
    await outcome.waitFor();
    expect(await outcome.textContent()).toMatch(
      /^dockerd reloaded: the engine reports the new registry settings\.$/,
    );
    const table = page.getByRole('table', { name: 'File and engine compared' });
    const hostsRow = table.getByRole('row', { name: /Insecure registries \(hosts\)/ });
    expect(await hostsRow.getByRole('cell').nth(1).textContent()).toContain('registry.test:5000');
    expect(await hostsRow.textContent()).toContain('matches');
    const mirrorsRow = table.getByRole('row', { name: /Registry mirrors/ });
    expect(await mirrorsRow.getByRole('cell').nth(1).textContent()).toContain(`${mirrorUrl}/`);
    expect(
      await table
        .getByRole('row', { name: /Insecure ranges/ })
        .getByRole('cell')
        .nth(1)
        .textContent(),
    ).toContain('10.20.0.0/16');
    const live = await engineRegistryConfig();
    expect(live.IndexConfigs['registry.test:5000']?.Secure).toBe(false);
    expect(live.InsecureRegistryCIDRs).toContain('10.20.0.0/16');
    expect(live.Mirrors).toEqual([`${mirrorUrl}/`]);

    await page.getByRole('button', { name: 'Test mirrors' }).click();
    const results = page.getByRole('table', { name: 'Mirror test results' });
    await results.waitFor();
    const row = results.getByRole('row', { name: new RegExp(mirror.host.replace(/\./g, '\\.')) });
    expect(await row.textContent()).toMatch(
      /reachable \(HTTP 200, registry\/2\.0\).*\d+(\.\d)? ms.*plain HTTP/,
    );
    await shoot('daemon-applied');

    // The test ran as a job: Transfers shows it, one item per mirror with its latency.
    await page
      .getByRole('list', { name: 'Sections' })
      .getByRole('button', { name: /^Transfers/ })
      .click();
    const job = page.getByRole('listitem', { name: `Done: mirror test ${mirrorUrl}/` });
    expect(await job.textContent()).toMatch(/1 of 1 mirrors checked.*1 reachable/);
    await job.getByRole('button', { name: 'Details' }).click();
    const item = job.getByRole('list', { name: /^Items of/ }).getByRole('listitem');
    expect(await item.textContent()).toMatch(/Reachable.*HTTP 200 · registry\/2\.0 · [\d.]+ ms/);
    await shoot('transfers-mirror-test');
    await page
      .getByRole('list', { name: 'Sections' })
      .getByRole('button', { name: /^Docker daemon/ })
      .click();
  });

  it('shows a corrupt daemon.json with its position and never writes over it', async () => {
    await openDaemonPage();
    await page.getByRole('tab', { name: 'Registries' }).click();
    await writeFile(configFile, CORRUPT);
    await page.getByRole('button', { name: 'Reload', exact: true }).click();
    const alert = page.getByRole('alert', { name: 'daemon.json is not valid JSON' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/line 3, column 44/i);
    // The line as it is in the file, and a caret under column 44: the "]" after the trailing comma.
    expect(await alert.locator('pre').textContent()).toBe(
      `  "insecure-registries": ["a.example:5000",]\n${' '.repeat(43)}^`,
    );
    // The raw tab opens on the file as it is; the same error, and no way to save it.
    expect(await page.getByRole('tab', { name: 'Raw JSON' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByRole('textbox', { name: 'daemon.json' }).inputValue()).toBe(CORRUPT);
    await page.getByText('This is the file as it is on disk, with the error shown above.').waitFor();
    expect(await page.getByRole('button', { name: 'Review and save…' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Apply (reload dockerd)' }).count()).toBe(0);
    await shoot('daemon-corrupt');

    await page.getByRole('tab', { name: 'Registries' }).click();
    await page.getByText('The lists cannot be edited while the file is not valid JSON.').waitFor();
    expect(await page.getByLabel('New mirror').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Apply (reload dockerd)' }).isDisabled()).toBe(true);

    // Even asked directly, with valid text and the right fingerprint, the core refuses without replaceInvalid.
    // The page's own key (sessionStorage) goes along, as the page's client sends it.
    const answer = await page.evaluate(async () => {
      const headers = {
        'content-type': 'application/json',
        authorization: `Bearer ${sessionStorage.getItem('berth.hostKey')}`,
      };
      const read = (await (
        await fetch('/api/daemon.read', {
          method: 'POST',
          body: '{}',
          headers,
        })
      ).json()) as {
        value: { fingerprint: string };
      };
      const response = await fetch('/api/daemon.save', {
        method: 'POST',
        headers,
        body: JSON.stringify({ fingerprint: read.value.fingerprint, text: '{}\n' }),
      });
      return (await response.json()) as { ok: boolean; error?: { message: string } };
    });
    expect(answer.ok).toBe(false);
    expect(answer.error?.message).toMatch(/not valid JSON; Berth does not write over it unasked/);
    expect(await readFile(configFile, 'utf8')).toBe(CORRUPT);
  });

  it('restores a backup: preview, restore, and the replaced file is kept too', async () => {
    await oneBackupOfOriginalAndCorruptFile();
    await openDaemonPage();
    await page.getByRole('tab', { name: /Backups/ }).click();
    const backups = page.getByRole('table', { name: 'Backups of daemon.json' });
    await backups.waitFor();
    const names = await readdir(path.dirname(configFile));
    const made = names.filter((name) => name.startsWith('daemon.json.berth-backup-'));
    expect(made).toHaveLength(1);
    const backupName = made[0]!;
    expect(await readFile(path.join(path.dirname(configFile), backupName), 'utf8')).toBe(ORIGINAL);

    await page.getByRole('button', { name: `Preview ${backupName}` }).click();
    const preview = page.getByRole('region', { name: `Differences between daemon.json and ${backupName}` });
    await preview.waitFor();
    expect(await preview.textContent()).toContain('-  "insecure-registries": ["a.example:5000",]');
    await page.getByRole('button', { name: `Restore ${backupName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Restore ${backupName}` });
    await dialog.getByRole('region', { name: 'Changes the restore makes' }).waitFor();
    await shoot('daemon-restore');
    await dialog.getByRole('button', { name: 'Restore this backup' }).click();
    await dialog.getByText(/Saved .*The previous file is kept as/).waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();

    expect(await readFile(configFile, 'utf8')).toBe(ORIGINAL);
    await page.getByRole('alert', { name: 'daemon.json is not valid JSON' }).waitFor({ state: 'detached' });
    const kept = (await readdir(path.dirname(configFile))).filter((name) =>
      name.startsWith('daemon.json.berth-backup-'),
    );
    expect(kept).toHaveLength(2);
    const contents = await Promise.all(
      kept.map((name) => readFile(path.join(path.dirname(configFile), name), 'utf8')),
    );
    expect(contents).toContain(CORRUPT);
    await shoot('daemon-backups');
  });

  it('edits the whole file as raw JSON: errors show as typed, another setting is saved only once confirmed', async () => {
    await writeFile(configFile, ORIGINAL);
    await openDaemonPage();
    await page.getByRole('tab', { name: 'Raw JSON' }).click();
    const editor = page.getByRole('textbox', { name: 'daemon.json' });
    expect(await editor.inputValue()).toBe(ORIGINAL);
    await editor.fill('{\n  "max-concurrent-downloads": 3\n  "debug": true\n}\n');
    await page.getByText('Line 3, column 3', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Review and save…' }).isDisabled()).toBe(true);

    await editor.fill('{\n  "max-concurrent-downloads": 3,\n  "registry-mirrors": ["mirror.example"]\n}\n');
    await page.getByText(/registry-mirrors: invalid mirror/).waitFor();
    expect(await page.getByRole('button', { name: 'Review and save…' }).isDisabled()).toBe(true);

    // A value dockerd 20.10 cannot decode (it exits: "cannot unmarshal string … of type bool").
    await editor.fill('{\n  "debug": "yes"\n}\n');
    await page.getByText('debug: dockerd expects true or false, not a string').waitFor();
    expect(await page.getByRole('button', { name: 'Review and save…' }).isDisabled()).toBe(true);

    // A key beyond the registry lists changes how dockerd runs: the dialog names it and saves only once
    // the user confirms it.
    const edited = '{\n  "max-concurrent-downloads": 3,\n  "debug": true\n}\n';
    await editor.fill(edited);
    await page.getByText(/^No problem found for dockerd \d+\.\d+: every key is one it knows/).waitFor();
    await shoot('daemon-raw-checked');
    await page.getByRole('button', { name: 'Review and save…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Review changes to daemon.json' });
    expect(await dialog.getByRole('region', { name: 'Changes to daemon.json' }).textContent()).toContain(
      '+  "debug": true',
    );
    const warning = dialog.getByRole('group', {
      name: 'This also changes a setting besides the registry lists',
    });
    expect(
      await warning
        .getByRole('list', { name: 'Other settings this save changes' })
        .getByRole('listitem')
        .allTextContents(),
    ).toEqual(['debug']);
    expect(await warning.textContent()).toContain(
      'These change how dockerd runs, not only which registries it trusts.',
    );
    const save = dialog.getByRole('button', { name: 'Save with backup' });
    expect(await save.isDisabled()).toBe(true);
    await shoot('daemon-raw-confirm');
    expect(await readFile(configFile, 'utf8')).toBe(ORIGINAL);
    await warning.getByLabel('Change this dockerd setting too').check();
    await save.click();
    await dialog.getByRole('button', { name: 'Done' }).click();
    expect(await readFile(configFile, 'utf8')).toBe(edited);
    expect(await page.getByRole('tab', { name: 'Raw JSON' }).getAttribute('aria-selected')).toBe('true');
  });

  it('shows the exact elevated command when the file may not be written, and writes nothing', async () => {
    await openDaemonPage();
    const before = await readFile(configFile, 'utf8');
    await page.getByRole('tab', { name: 'Registries' }).click();
    await page.getByLabel('New insecure registry').fill('locked.example:5000');
    await page.getByText(/dockerd accepts it/).waitFor();
    await page.getByLabel('New insecure registry').press('Enter');
    await page.getByRole('button', { name: 'Review and save…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Review changes to daemon.json' });
    await dialog.getByRole('region', { name: 'Changes to daemon.json' }).waitFor();
    // Root may write anywhere a mode allows, so the folder is made immutable for this one save.
    await runCommand('chattr', ['+i', dockerd.dir]);
    try {
      await dialog.getByRole('button', { name: 'Save with backup' }).click();
      await dialog.getByText(/Not written: administrator rights are needed/).waitFor();
    } finally {
      await runCommand('chattr', ['-i', dockerd.dir]);
    }
    const command = (await dialog.locator('.command-line code').textContent()) ?? '';
    expect(command).toMatch(
      /^pkexec \/bin\/sh -c '.*mv .*daemon\.json\.berth-[0-9a-f]+\.tmp.* .*daemon\.json/,
    );
    await shoot('daemon-elevation');
    // The staged file is the one copied over a temp file (the first `cat` reads daemon.json to check it).
    const staged = /cat '\\''([^']+)'\\'' > /.exec(command)?.[1];
    expect(staged && (await readFile(staged, 'utf8'))).toContain('"locked.example:5000"');
    await dialog.getByRole('button', { name: 'Done' }).click();
    expect(await readFile(configFile, 'utf8')).toBe(before);
    if (staged) await removeDir(staged);
  });
});
