// Transfers and Local images in Simplified Chinese: a running, a finished, a failed and a cancelled copy
// on the Transfers page (their titles, states, amounts and times in Chinese, the references as they are),
// and the Local images page with no engine running, each screenshot in light and dark; then the same
// Transfers page in the pseudo-locale, where every word a card shows went through the catalogue. The real
// host in front of two real docker-registry instances; the source is seen through a fault proxy that holds
// one layer's download until the end, so a copy stays running without any timing.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
import {
  E2E_SETUP_MS,
  E2E_TEST_MS,
  launchChromium,
  openPage,
  screenshotBothSchemes,
  UI_WAIT_MS,
  WORK_WAIT_MS,
} from '../fixtures/chromium.js';
import { startFaultProxy, type FaultProxy } from '../fixtures/fault-proxy.js';
import { pushImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let keyring: KeyringHandle;
let source: RegistryHandle;
let destination: RegistryHandle;
let proxy: FaultProxy;
let root: string;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext | undefined;
let page: Page;
const held = new Map<string, { opened: Promise<void>; release: () => void }>();

beforeAll(async () => {
  root = await makeTempDir('e2e-transfers-zh');
  [keyring, source, destination] = await Promise.all([startKeyring(), startRegistry(), startRegistry()]);
  proxy = await startFaultProxy(source, {
    onRequest: async (request) => {
      const digest = /\/blobs\/(sha256:[0-9a-f]{64})$/.exec(request.path)?.[1];
      if (request.method === 'GET' && digest) await held.get(digest)?.opened;
      return undefined;
    },
  });
  host = await BerthHost.start(
    keyring.env({
      BERTH_DATA_DIR: path.join(root, 'data'),
      BERTH_KEYCHAIN_SERVICE: `BerthTest-transfers-zh-${randomUUID()}`,
      BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
      // No engine answers here: Local images shows its problem and how to fix it.
      DOCKER_HOST: `unix://${path.join(root, 'no-engine.sock')}`,
      DOCKER_CONFIG: path.join(root, 'docker-config'),
      XDG_RUNTIME_DIR: path.join(root, 'runtime'),
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

  // A finished copy, a failed one (no such tag), a cancelled one and one held running.
  await pushImage(source, 'team/done', '1.0');
  await waitFor(await startCopy('team/done', '1.0'), 'succeeded');
  await waitFor(await startCopy('team/missing', 'nope'), 'failed');
  const cancelled = await heldImage('team/cancelled');
  const cancelledId = await startCopy('team/cancelled', '1.0');
  await waitFor(cancelledId, 'running', (job) => job.items.length > 0);
  await host.call('jobs.cancel', { id: cancelledId });
  await waitFor(cancelledId, 'cancelled');
  cancelled.release();
  await heldImage('team/running');
  await waitFor(await startCopy('team/running', '1.0'), 'running', (job) => job.items.length > 0);
}, E2E_SETUP_MS);

afterEach(async () => {
  await context?.close();
  context = undefined;
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

interface Job {
  id: string;
  status: string;
  items: unknown[];
}

async function startCopy(repository: string, tag: string): Promise<string> {
  const started = await host.call<{ id: string }>('jobs.start', {
    kind: 'copy',
    source: { connection: 'staging', repository, reference: tag },
    destination: { connection: 'production', repository, reference: tag },
  });
  expect(started.body).toMatchObject({ ok: true });
  return started.body.value.id;
}

/** Waits (up to WORK_WAIT_MS) for job `id` to have `status`, and `also` to hold. */
async function waitFor(id: string, status: string, also: (job: Job) => boolean = () => true) {
  const deadline = Date.now() + WORK_WAIT_MS;
  for (;;) {
    const jobs = await host.call<Job[]>('jobs.list', {});
    const job = jobs.body.value.find((candidate) => candidate.id === id);
    if (job !== undefined && job.status === status && also(job)) return;
    if (Date.now() > deadline) throw new Error(`job ${id} is ${job?.status ?? 'gone'}, not ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function heldImage(repository: string) {
  const image = await pushImage(source, repository, '1.0', { layers: 1 });
  let release!: () => void;
  const opened = new Promise<void>((resolve) => (release = resolve));
  held.set(image.layers[0]!.digest, { opened, release });
  return { image, release };
}

/**
 * The app in `lang`, on one of its pages: its section button in English, Chinese or the pseudo-locale (the
 * sections list is another folder's, translated apart).
 */
async function open(lang: string, section: RegExp): Promise<void> {
  const url = new URL(host.url);
  url.searchParams.set('lang', lang);
  ({ context, page } = await openPage(browser, { timeoutMs: UI_WAIT_MS, url: url.toString() }));
  await page.getByRole('button', { name: section }).first().click();
}

function card(repository: string): Locator {
  return page.locator('li.job-card').filter({ hasText: repository });
}

describe('Transfers and Local images in Chinese', () => {
  it(
    'shows each job’s title, state, amounts and times in Chinese, with the references as they are',
    async () => {
      await open('zh-CN', /^(Transfers|传输)/);
      await page.getByRole('heading', { name: '传输' }).waitFor();
      await expect
        .poll(() => card('team/done').getAttribute('aria-label'), { timeout: WORK_WAIT_MS })
        .toMatch(/^完成：复制 \S+\/team\/done:1\.0 → \S+\/team\/done:1\.0$/);
      expect(await card('team/missing').getAttribute('aria-label')).toMatch(/^失败：复制 /);
      expect(await card('team/cancelled').getAttribute('aria-label')).toMatch(/^已取消：复制 /);
      expect(await card('team/running').getAttribute('aria-label')).toMatch(/^运行中：复制 /);
      expect(await card('team/done').textContent()).toMatch(/开始：刚刚/);
      expect(await card('team/done').textContent()).toMatch(/耗时 /);
      expect(await card('team/cancelled').textContent()).toContain(
        '已取消：未完成的上传已删除，目标标签未写入。',
      );
      expect(await card('team/running').textContent()).toMatch(/剩余 /);
      // The data stays as it is: the connection's name and the repository, marked for no translation.
      expect(await card('team/done').locator('.job-title [translate="no"]').first().textContent()).toMatch(
        /staging/,
      );
      await card('team/done').getByRole('button', { name: '详情' }).click();
      await card('team/done').locator('.job-items .item-state').first().waitFor();
      expect(await card('team/done').locator('.job-items .item-state').allTextContents()).toContain('完成');
      await screenshotBothSchemes(page, 'zh-CN-transfers', { fullPage: true });
    },
    E2E_TEST_MS,
  );

  it(
    'switches language while a job runs: the card keeps its details open and goes on running',
    async () => {
      await open('en', /^(Transfers|传输)/);
      await expect
        .poll(() => card('team/running').getAttribute('aria-label'), { timeout: WORK_WAIT_MS })
        .toMatch(/^Running: copy /);
      await card('team/done').getByRole('button', { name: 'Details' }).click();
      await card('team/done').locator('.job-items .item-state').first().waitFor();
      await page.locator('.language-menu select').selectOption('zh-CN');
      await page.getByRole('heading', { name: '传输' }).waitFor();
      expect(await card('team/running').getAttribute('aria-label')).toMatch(/^运行中：复制 /);
      // The same card, re-rendered and not remounted: its details are still open, now in Chinese.
      expect(await card('team/done').locator('.job-items .item-state').allTextContents()).toContain('完成');
      await page.locator('.language-menu select').selectOption('en');
      await page.getByRole('heading', { name: 'Transfers' }).waitFor();
      expect(await card('team/done').locator('.job-items .item-state').count()).toBeGreaterThan(0);
      expect(await card('team/running').getAttribute('aria-label')).toMatch(/^Running: copy /);
      await host.call('preferences.setLanguage', { language: 'system' });
    },
    E2E_TEST_MS,
  );

  it(
    'says every word on the cards through the catalogue (the pseudo-locale marks them)',
    async () => {
      await open('en-XA', /^(Transfers|⟦Ţŕáñšƒéŕš)/);
      await page.getByRole('heading', { name: '⟦Ţŕáñšƒéŕš⟧' }).waitFor();
      await expect
        .poll(() => card('team/done').getAttribute('aria-label'), { timeout: WORK_WAIT_MS })
        .toMatch(/^⟦/);
      // Every text node of a card is in a catalogue message (⟦…⟧ or inside one), or data marked translate="no".
      const stray = await page.evaluate(`(() => {
        const found = [];
        for (const card of document.querySelectorAll('li.job-card')) {
          const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent.trim();
            if (!/[A-Za-z]{2,}/.test(text)) continue;
            const element = node.parentElement;
            if (element.closest('[translate="no"], code, pre, kbd')) continue;
            // A failure's words are describeError's (renderer/i18n/errors.ts), translated there.
            if (element.closest('.error-message, .error-hint')) continue;
            const line = element.closest('span, p, button, li').textContent;
            if (line.includes('⟦')) continue;
            found.push(text);
          }
        }
        return found;
      })()`);
      expect(stray).toEqual([]);
      await screenshotBothSchemes(page, 'en-XA-transfers', { fullPage: true });
    },
    E2E_TEST_MS,
  );

  it(
    'shows Local images with no engine running in Chinese, and how to fix it',
    async () => {
      await open('zh-CN', /^(Local images|本地镜像)/);
      await page.getByRole('heading', { name: '本地镜像' }).waitFor();
      await page.getByRole('heading', { name: '容器引擎未运行' }).waitFor();
      expect(await page.getByText('选用此地址的原因：已设置 DOCKER_HOST。').count()).toBe(1);
      await screenshotBothSchemes(page, 'zh-CN-local-images-no-engine', { fullPage: true });
    },
    E2E_TEST_MS,
  );
});
