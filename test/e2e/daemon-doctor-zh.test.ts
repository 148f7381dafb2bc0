// The Docker daemon page and the Diagnose panel in Simplified Chinese (?lang=zh-CN) and in the pseudo-locale
// (?lang=en-XA): the page's own words, dockerd's verdict on an entry, the save dialog with its diff, and the
// doctor's steps for a healthy TLS registry, a plain-HTTP one, a refused port and a certificate nobody
// trusts — all said from the main process's phrases. The browser host runs with no Docker engine (the page
// then edits the file alone) and real docker-registry processes. Screenshots: zh-CN-*.png, en-XA-*.png.
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BerthHost } from '../fixtures/berth-host.js';
import { makeCA } from '../fixtures/certs.js';
import {
  E2E_SETUP_MS,
  E2E_TEST_MS,
  launchChromium,
  openPage,
  screenshotBothSchemes,
  UI_WAIT_MS,
  WORK_WAIT_MS,
} from '../fixtures/chromium.js';
import { freePort, makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const DAEMON_JSON =
  '{\n  "insecure-registries": ["registry.lan:5000", "build.lan/", "10.0.0.0/8"],\n  "registry-mirrors": ["https://mirror.example.com/"]\n}\n';

let root: string;
let configFile: string;
let caFile: string;
let plain: RegistryHandle;
let secure: RegistryHandle;
let closedPort: number;
let host: BerthHost;
let browser: Browser;
let context: BrowserContext | undefined;
let page: Page;

beforeAll(async () => {
  root = await makeTempDir('e2e-daemon-doctor-zh');
  configFile = path.join(root, 'daemon.json');
  caFile = path.join(root, 'secure-ca.crt');
  await writeFile(configFile, DAEMON_JSON);
  [plain, secure, closedPort] = await Promise.all([
    startRegistry(),
    startRegistry({ tls: true }),
    freePort(),
  ]);
  await copyFile(secure.caFile!, caFile);
  host = await BerthHost.start({
    ...process.env,
    BERTH_DATA_DIR: path.join(root, 'data'),
    BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
    // No engine answers: the page edits daemon.json alone, and the doctor reads that file.
    DOCKER_HOST: `unix://${path.join(root, 'no-engine.sock')}`,
    BERTH_DAEMON_CONFIG: configFile,
  });
  await host.logIn();
  for (const added of [
    { name: 'plain-shelf', url: `http://${plain.host}` },
    { name: 'secure-shelf', url: `https://${secure.host}`, tls: { caFile } },
    { name: 'closed-shelf', url: `http://127.0.0.1:${closedPort}`, saveIfUnreachable: true },
  ]) {
    const answer = await host.call('connections.add', added);
    expect(answer.body.ok, JSON.stringify(answer.body.error)).toBe(true);
  }
  browser = await launchChromium();
}, E2E_SETUP_MS);

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await Promise.all([plain?.stop(), secure?.stop()]);
  if (root) await removeDir(root);
});

/** The app in `lang` (the query goes before the `#token=` fragment). */
async function openIn(lang: 'zh-CN' | 'en-XA', height = 1000): Promise<void> {
  const url = new URL(host.url);
  url.searchParams.set('lang', lang);
  ({ context, page } = await openPage(browser, { timeoutMs: UI_WAIT_MS, height, url: url.href }));
}

/** The sidebar's own words belong to the app's folder: either language may be on the button. */
async function openDaemonPage(): Promise<void> {
  await page.getByRole('button', { name: /^(⟦)?(Docker daemon|Docker 守护进程|Ðöçķéŕ ðáéɱöñ)/ }).click();
  await page.getByText(configFile).first().waitFor();
}

async function diagnose(connection: string): Promise<void> {
  await page
    .getByRole('button', { name: new RegExp(connection) })
    .first()
    .click();
  await page
    .getByRole('banner')
    .getByRole('button', { name: /^(Diagnose|诊断|⟦Ðîáĝñöšé⟧)$/ })
    .click();
}

describe('the daemon page and the Diagnose panel in Chinese', { timeout: E2E_TEST_MS }, () => {
  it('shows daemon.json’s lists, dockerd’s verdict on an entry and the save dialog in Chinese', async () => {
    await openIn('zh-CN');
    await openDaemonPage();
    await page.getByRole('heading', { name: 'Docker 守护进程', level: 1 }).waitFor();
    await page.getByRole('heading', { name: /^不安全仓库 \d+$/ }).waitFor();
    await page.getByRole('heading', { name: /^镜像加速器 \d+$/ }).waitFor();
    // dockerd refuses "build.lan/": the main process's verdict, said from its phrase.
    const refused = page.getByRole('listitem', { name: 'build.lan/，被 dockerd 拒绝' });
    expect(await refused.textContent()).toContain(
      '不安全仓库 build.lan/ 无效：这里只能写主机和端口，不能有路径或末尾的“/”，请写成 build.lan',
    );
    await page.getByText('有 1 个条目被 dockerd 拒绝：保存前请删除或修正。').waitFor();
    await page.getByText('BERTH_DAEMON_CONFIG 指定了此文件。').waitFor();
    await screenshotBothSchemes(page, 'zh-CN-daemon-entries', { fullPage: true });

    await refused.getByRole('button', { name: '移除 build.lan/' }).click();
    const input = page.getByRole('textbox', { name: '新的不安全仓库' });
    await input.fill('http://cache.lan:5000');
    await page.getByText('“http://cache.lan:5000”：dockerd 会去掉 http://，读取为 cache.lan:5000').waitFor();
    await page.getByRole('form', { name: '添加到不安全仓库' }).getByRole('button', { name: '添加' }).click();
    await page.getByRole('button', { name: '检查并保存…' }).click();
    const dialog = page.getByRole('dialog', { name: '检查对 daemon.json 的更改' });
    await dialog.getByRole('region', { name: '对 daemon.json 的更改' }).waitFor({ timeout: WORK_WAIT_MS });
    await dialog
      .getByText('镜像加速器只服务于从 Docker Hub 的拉取：不用于推送，也不用于其他镜像仓库。')
      .waitFor();
    await screenshotBothSchemes(page, 'zh-CN-daemon-save-diff');
    await dialog.getByRole('button', { name: '备份并保存' }).click();
    await dialog
      .getByText(/^已保存 .*daemon\.json。原文件已备份为 .*点击“应用”让 dockerd 使用它。$/)
      .waitFor({
        timeout: WORK_WAIT_MS,
      });
    expect(await readFile(configFile, 'utf8')).toContain('"cache.lan:5000"');
  });

  it('says the doctor’s steps for a healthy, a plain-HTTP, a refused and an untrusted registry in Chinese', async () => {
    await openIn('zh-CN', 1100);
    await diagnose('secure-shelf');
    let panel = page.getByRole('dialog', { name: `诊断 ${secure.host}` });
    await panel
      .getByText(`所有步骤均正常：https://${secure.host} 作为镜像仓库正常响应。`)
      .waitFor({ timeout: WORK_WAIT_MS });
    const tls = panel.getByRole('listitem', { name: 'TLS：通过' });
    expect(await tls.textContent()).toMatch(/信任方：连接/);
    await panel.getByRole('listitem', { name: '本地 Docker 守护进程：通过' }).waitFor();
    await screenshotBothSchemes(page, 'zh-CN-diagnose-healthy');
    await panel.getByRole('button', { name: '关闭' }).last().click();

    await diagnose('plain-shelf');
    panel = page.getByRole('dialog', { name: `诊断 ${plain.host}` });
    const plainTls = panel.getByRole('listitem', { name: 'TLS：通过' });
    await plainTls.waitFor({ timeout: WORK_WAIT_MS });
    expect(await plainTls.textContent()).toContain('所有内容都未加密，凭据以明文传输');
    const docker = panel.getByRole('listitem', { name: '本地 Docker 守护进程：通过' });
    expect(await docker.textContent()).toMatch(
      /Docker 会回退到明文 HTTP：127\.0\.0\.1 属于 127\.0\.0\.0\/8（始终不安全）/,
    );
    await screenshotBothSchemes(page, 'zh-CN-diagnose-plain-http');
    await panel.getByRole('button', { name: '关闭' }).last().click();

    await diagnose('closed-shelf');
    panel = page.getByRole('dialog', { name: `诊断 127.0.0.1:${closedPort}` });
    await panel.getByText('第一个出错的步骤：TCP 连接。').waitFor({ timeout: WORK_WAIT_MS });
    const tcp = panel.getByRole('listitem', { name: 'TCP 连接：失败' });
    expect(await tcp.textContent()).toContain(
      `端口 ${closedPort}：127.0.0.1：连接被拒绝修复${closedPort} 端口上没有服务在监听`,
    );
    expect(await panel.getByRole('listitem', { name: 'TLS：已跳过' }).textContent()).toContain(
      '未检查：前面的步骤出错',
    );
    await screenshotBothSchemes(page, 'zh-CN-diagnose-refused');
    await panel.getByRole('button', { name: '关闭' }).last().click();

    // The connection's CA file now holds another CA: the registry's certificate is one nobody trusts.
    const stranger = await makeCA(path.join(root, 'stranger'), { commonName: 'Someone Else CA' });
    await copyFile(stranger.certFile, caFile);
    await diagnose('secure-shelf');
    panel = page.getByRole('dialog', { name: `诊断 ${secure.host}` });
    await panel.getByText('第一个出错的步骤：TLS。').waitFor({ timeout: WORK_WAIT_MS });
    const untrusted = panel.getByRole('listitem', { name: 'TLS：失败' });
    expect(await untrusted.textContent()).toMatch(
      /证书由未知的颁发机构签名.*信任方：无.*先与镜像仓库的所有者核对指纹/,
    );
    await untrusted.getByRole('button', { name: '信任此证书' }).click();
    await untrusted
      .getByText(/^“secure-shelf”现在信任“.*”（SHA-256 .*），证书保存在 .*。已重新检查：此步骤现已通过。/)
      .waitFor({ timeout: WORK_WAIT_MS });
    await screenshotBothSchemes(page, 'zh-CN-diagnose-self-signed');
  });

  it('marks every word of the page and the panel as the catalogue’s in the pseudo-locale', async () => {
    await openIn('en-XA');
    await openDaemonPage();
    await page.getByRole('heading', { name: '⟦Ðöçķéŕ ðáéɱöñ⟧', level: 1 }).waitFor();
    await screenshotBothSchemes(page, 'en-XA-daemon-entries', { fullPage: true });
    await diagnose('closed-shelf');
    const panel = page.getByRole('dialog', { name: `⟦Ðîáĝñöšé 127.0.0.1:${closedPort}⟧` });
    const tcp = panel.getByRole('listitem', { name: '⟦⟦ŢÇÞ çöññéçţš⟧: ⟦ƒáîļéð⟧⟧' });
    await tcp.waitFor({ timeout: WORK_WAIT_MS });
    // Each fact and the fix are the catalogue's: no English sentence from the main process is left.
    for (const text of await tcp.locator('p').allTextContents()) expect(text).toMatch(/⟦/);
    await screenshotBothSchemes(page, 'en-XA-diagnose-refused');
  });
});
