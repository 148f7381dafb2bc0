// The explorer in Chromium through the browser host (issue 8's benchmark): a repository with 100,000 tags
// and a registry with 10,000 repositories. Everything is timed inside the page on the Performance API
// timeline: the click or key event's timeStamp, the /api responses' responseEnd (Resource Timing), and the
// first frame after the DOM shows the change (MutationObserver, then a double requestAnimationFrame).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { BerthHost } from '../fixtures/berth-host.js';
import { seedManyRepos, seedManyTags } from '../fixtures/images.js';
import { startKeyring } from '../fixtures/keyring.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../fixtures/chromium.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry } from '../fixtures/registry.js';
import { formatMs, median } from './stats.js';

const TAGS = Number(process.env.BERTH_BENCH_TAGS ?? 100_000);
const REPOS = Number(process.env.BERTH_BENCH_REPOS ?? 10_000);

// Runs in the page (plain JS: the bench compiles without the DOM lib).
const PAGE_SCRIPT = `
performance.setResourceTimingBufferSize(100000);
const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))));
function until(test, root = document.body, timeoutMs = 60000) {
  return new Promise((resolve, reject) => {
    if (test()) return resolve();
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('timed out waiting in the page')); }, timeoutMs);
    const observer = new MutationObserver(() => {
      if (test()) { clearTimeout(timer); observer.disconnect(); resolve(); }
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true });
  });
}
window.__bench = {
  state: {},
  responses(name) {
    return performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/' + name)).map((e) => e.responseEnd);
  },
  // The next event of this type starts the clock; done when a row of the listbox is painted. With a pane,
  // also when its count stops saying "+" (every page in and, for tags, sorted).
  armOpen(type, listbox, pane) {
    const state = (this.state = { since: performance.getEntriesByType('resource').length });
    document.addEventListener(type, (event) => { state.t0 = event.timeStamp; }, { capture: true, once: true });
    // Main-thread tasks over 50 ms until a second after the first rows (or the whole listing, if later).
    state.tasks = [];
    const tasks = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) state.tasks.push([entry.startTime, entry.duration]);
    });
    tasks.observe({ type: 'longtask' });
    const count = () => (pane ? document.querySelector(pane + ' .count')?.textContent ?? '' : 'done');
    const complete = until(() => count() && !count().endsWith('+')).then(frame).then((t) => { state.complete = t; });
    until(() => document.querySelector(listbox + ' [role=option]'))
      .then(frame)
      .then((t) => {
        state.painted = t;
        return Promise.all([complete, new Promise((resolve) => setTimeout(resolve, 1000))]);
      })
      .then(() => { tasks.disconnect(); state.settled = true; }, (error) => { state.error = String(error); });
  },
  // The next keydown starts the clock; done at the first frame after the pane's DOM changed for it.
  armKey(pane) {
    const state = (this.state = {});
    const root = document.querySelector(pane);
    document.addEventListener('keydown', (event) => { state.t0 = event.timeStamp; }, { capture: true, once: true });
    const observer = new MutationObserver((records) => {
      if (records.every((record) => record.target.nodeName === 'INPUT')) return;
      observer.disconnect();
      frame().then((t) => { state.painted = t; state.count = root.querySelector('.count')?.textContent; });
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
  },
  // Scrolls to the end (the End key) until the count says every page is in; returns ms and pages fetched.
  async loadAll(pane, name) {
    const root = document.querySelector(pane);
    const count = () => root.querySelector('.count')?.textContent ?? '';
    const before = this.responses(name).length;
    const t0 = performance.now();
    while (count().endsWith('+') || !count()) {
      const seen = count();
      root.querySelector('[role=listbox]').dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
      await until(() => count() && count() !== seen, root);
    }
    await frame();
    return { ms: performance.now() - t0, pages: this.responses(name).length - before, count: count() };
  },
};
`;

interface Opened {
  firstPageMs: number;
  paintAfterFirstPageMs: number;
  /** The longest main-thread task that started around or after that paint (until a second after it). */
  longestTaskAfterMs: number;
  /** From the event to the pane's count without "+" (when a pane was given). */
  completeMs: number;
}

async function timeOpen(
  page: Page,
  event: 'click' | 'keydown',
  listbox: string,
  request: string,
  act: () => Promise<void>,
  pane?: string,
): Promise<Opened> {
  await page.evaluate(
    `window.__bench.armOpen(${JSON.stringify(event)}, ${JSON.stringify(listbox)}, ${JSON.stringify(pane)})`,
  );
  await act();
  await page.waitForFunction('window.__bench.state.settled || window.__bench.state.error', undefined, {
    timeout: 120_000,
  });
  const { t0, painted, complete, error, since, tasks } = (await page.evaluate('window.__bench.state')) as {
    t0: number;
    painted: number;
    complete: number;
    error?: string;
    since: number;
    tasks: Array<[number, number]>;
  };
  if (error) throw new Error(error);
  const firstPage = (await page.evaluate(
    `performance.getEntriesByType('resource').slice(${since}).filter((e) => e.name.endsWith('/api/${request}'))[0]?.responseEnd`,
  )) as number;
  const later = tasks.filter(([start]) => start >= painted - 50).map(([, duration]) => duration);
  return {
    firstPageMs: firstPage - t0,
    paintAfterFirstPageMs: painted - firstPage,
    longestTaskAfterMs: Math.max(0, ...later),
    completeMs: complete - t0,
  };
}

async function timeKeystrokes(
  page: Page,
  pane: string,
  filterLabel: string,
  words: string[],
): Promise<Array<{ key: string; ms: number; count: string }>> {
  const input = page.getByLabel(filterLabel, { exact: true });
  const times: Array<{ key: string; ms: number; count: string }> = [];
  for (const word of words) {
    await input.fill('');
    await page.waitForFunction(
      `!document.querySelector(${JSON.stringify(pane)} + ' .count')?.textContent?.includes('of')`,
    );
    await input.focus();
    let typed = '';
    for (const key of word) {
      typed += key;
      await page.evaluate(`window.__bench.armKey(${JSON.stringify(pane)})`);
      await page.keyboard.press(key);
      await page.waitForFunction('window.__bench.state.painted', undefined, { timeout: 60_000 });
      const state = (await page.evaluate('window.__bench.state')) as {
        t0: number;
        painted: number;
        count: string;
      };
      times.push({ key: typed, ms: state.painted - state.t0, count: state.count });
    }
  }
  await input.fill('');
  return times;
}

interface Line {
  name: string;
  ms: number;
  target?: number;
  note?: string;
}

function printLines(title: string, lines: Line[]): void {
  console.log(`\n${title}`);
  console.log(`${'measure'.padEnd(52)} ${'time'.padStart(10)} ${'target'.padStart(9)}  verdict`);
  for (const line of lines) {
    const target = line.target === undefined ? '-' : `< ${line.target} ms`;
    const verdict = line.target === undefined ? '' : line.ms < line.target ? 'ok' : 'MISSED';
    console.log(
      `${line.name.padEnd(52)} ${formatMs(line.ms).padStart(10)} ${target.padStart(9)}  ${verdict}${line.note ? `  (${line.note})` : ''}`,
    );
  }
}

function keystrokeLines(what: string, times: Array<{ key: string; ms: number; count: string }>): Line[] {
  const ms = times.map((time) => time.ms);
  const worst = times.reduce((a, b) => (b.ms > a.ms ? b : a));
  return [
    { name: `${what}: keystroke → repaint, median`, ms: median(ms), target: 50, note: `${ms.length} keys` },
    { name: `${what}: keystroke → repaint, worst`, ms: worst.ms, note: `"${worst.key}" → ${worst.count}` },
  ];
}

export async function benchExplorer(): Promise<void> {
  const root = await makeTempDir('bench-ui');
  const [keyring, registry] = await Promise.all([startKeyring(), startRegistry({ auth: 'none' })]);
  let host: BerthHost | undefined;
  const context = await chromium.launchPersistentContext(path.join(root, 'chromium'), {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1440, height: 900 },
    bypassCSP: true, // waitForFunction evaluates strings
  });
  try {
    let start = performance.now();
    await seedManyTags(registry, 'bench/tags', TAGS);
    const seedTagsMs = performance.now() - start;
    start = performance.now();
    await seedManyRepos(registry, REPOS, 'bench-repos');
    const seedReposMs = performance.now() - start;
    console.log(
      `\nseeded ${TAGS} tags in ${formatMs(seedTagsMs)}, ${REPOS} repositories in ${formatMs(seedReposMs)}`,
    );

    host = await BerthHost.start(
      keyring.env({
        BERTH_DATA_DIR: path.join(root, 'data'),
        BERTH_KEYCHAIN_SERVICE: `BerthBench-${randomUUID()}`,
        BERTH_RENDERER_DIR: path.resolve('renderer/dist'),
      }),
    );
    await host.logIn();
    const added = await host.call('connections.add', {
      name: 'bench',
      url: `http://${registry.host}`,
      insecureHttp: true,
    });
    if (!added.body.ok) throw new Error(`connections.add: ${JSON.stringify(added.body.error)}`);

    context.setDefaultTimeout(30_000);
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => console.error('page error:', error.message));
    await page.addInitScript({ content: PAGE_SCRIPT });
    await page.goto(host.url);
    const connection = page
      .getByRole('navigation', { name: 'Connections' })
      .getByRole('button', { name: /bench/ });
    await connection.waitFor();

    // Repositories: open the connection, then every page, then the filter.
    const repoPane = 'section[aria-label="Repositories"]';
    const repos = await timeOpen(
      page,
      'click',
      '[role=listbox][aria-label="Repositories"]',
      'registry.listRepositories',
      () => connection.click(),
    );
    const repoPages = (await page.evaluate(
      `window.__bench.loadAll(${JSON.stringify(repoPane)}, 'registry.listRepositories')`,
    )) as { ms: number; pages: number; count: string };
    const repoKeys = await timeKeystrokes(page, repoPane, 'Filter repositories', ['9876', '4521', '0333']);

    // Tags: open the repository by name, then every page, then the filter.
    const tagPane = 'section[aria-label="Tags"]';
    await page.getByLabel('Open repository by name').fill('bench/tags');
    const tags = await timeOpen(
      page,
      'keydown',
      '[role=listbox][aria-label="Tags of bench/tags"]',
      'registry.listTags',
      () => page.getByLabel('Open repository by name').press('Enter'),
      tagPane,
    );
    const tagCount = await page.locator(`${tagPane} .count`).textContent();
    const tagKeys = await timeKeystrokes(page, tagPane, 'Filter tags', ['9876', '4521', '0333']);

    printLines(`Explorer in Chromium through the host (${TAGS} tags, ${REPOS} repositories)`, [
      { name: `${TAGS} tags: open → first page arrives`, ms: tags.firstPageMs },
      { name: `${TAGS} tags: first page → first rows painted`, ms: tags.paintAfterFirstPageMs, target: 100 },
      {
        name: `${TAGS} tags: open → every page in and sorted`,
        ms: tags.completeMs,
        note: `the pane fetches them by itself; count ${tagCount}`,
      },
      {
        name: `${TAGS} tags: longest task until then (or 1 s)`,
        ms: tags.longestTaskAfterMs,
        target: 50,
        note: 'tasks over 50 ms only; 0 = none',
      },
      ...keystrokeLines(`${TAGS} tags`, tagKeys),
      { name: `${REPOS} repos: open → first page arrives`, ms: repos.firstPageMs },
      {
        name: `${REPOS} repos: first page → first rows painted`,
        ms: repos.paintAfterFirstPageMs,
        target: 100,
      },
      {
        name: `${REPOS} repos: every page in (End key per page)`,
        ms: repoPages.ms,
        note: `${repoPages.pages} more pages, count ${repoPages.count}`,
      },
      ...keystrokeLines(`${REPOS} repos`, repoKeys),
    ]);
    if (process.env.BERTH_BENCH_VERBOSE) console.log(JSON.stringify({ tagKeys, repoKeys }, undefined, 1));
  } finally {
    await context.close();
    await host?.stop();
    await registry.stop();
    await keyring.stop();
    await removeDir(root);
  }
}
