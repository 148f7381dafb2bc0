// `npm run bench`: Berth's registry client against skopeo on the same local registries, in one run.
// Berth is measured warm (in-process, after one warm-up); skopeo as the whole process a user runs.
import { request, type Dispatcher } from 'undici';
import {
  collect,
  inspectImage,
  listRepositories,
  listTags,
  RegistryClient,
} from '../../electron/core/registry/index.js';
import { pushImage, seedManyRepos, seedManyTags } from '../fixtures/images.js';
import { runCommand } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import { benchCopy } from './copy.js';
import { benchExplorer } from './explorer.js';
import { benchLoad } from './load.js';
import { benchProcesses } from './processes.js';
import { benchPull } from './pull.js';
import { benchSave } from './save.js';
import { benchSearch } from './search.js';
import { median, printRows, timeRuns, type Row } from './stats.js';

const RUNS = Number(process.env.BERTH_BENCH_RUNS ?? 15);

// Spawned asynchronously: the token server of the token-auth registry lives in this process.
async function skopeo(registry: RegistryHandle, command: string, ...args: string[]): Promise<void> {
  await runCommand('skopeo', [command, ...registry.skopeoArgs(), ...args], { timeoutMs: 60_000 });
}

async function timeSkopeo(registry: RegistryHandle, command: string, ...args: string[]): Promise<number> {
  await skopeo(registry, command, ...args); // warm the page cache for the binary too
  return median(await timeRuns(RUNS, () => skopeo(registry, command, ...args)));
}

/** The catalog page URLs Distribution hands out (n=1000, following Link), for the curl floor. */
async function catalogPageUrls(registry: RegistryHandle): Promise<string[]> {
  const urls: string[] = [];
  let next: string | undefined = `${registry.url}/v2/_catalog?n=1000`;
  while (next) {
    urls.push(next);
    const response: Dispatcher.ResponseData = await request(next);
    await response.body.dump();
    const link: unknown = response.headers.link;
    const target: string | undefined = typeof link === 'string' ? /<([^>]+)>/.exec(link)?.[1] : undefined;
    next = target ? new URL(target, next).href : undefined;
  }
  return urls;
}

async function benchRegistry(label: string, registry: RegistryHandle): Promise<Row[]> {
  const [username, password] = Object.entries(registry.users)[0]!;
  const client = new RegistryClient({
    certsDRoot: false,
    connectionFor: (host) => ({
      host,
      insecureHttp: registry.scheme === 'http',
      tls: { caFile: registry.caFile },
      credential:
        registry.options.auth === 'none'
          ? undefined
          : { kind: 'basic', username: username!, password: password! },
    }),
  });
  const host = registry.host;
  await seedManyTags(registry, 'bench/tags', 5000);
  await seedManyRepos(registry, 3000, 'bench-repos');
  await pushImage(registry, 'bench/app', '1', { layers: 3 });

  const rows: Row[] = [];
  const tags = async () => {
    const list = await collect(listTags(client, { registry: host, repository: 'bench/tags' }));
    if (list.length !== 5000) throw new Error(`expected 5000 tags, got ${list.length}`);
  };
  await tags();
  rows.push({
    name: `${label}: list 5000 tags`,
    berthMs: median(await timeRuns(RUNS, tags)),
    peerMs: await timeSkopeo(registry, 'list-tags', `docker://${host}/bench/tags`),
    peer: 'skopeo list-tags',
  });

  const repos = async () => {
    const list = await collect(listRepositories(client, host));
    if (list.length < 3000) throw new Error(`expected 3000+ repositories, got ${list.length}`);
  };
  await repos();
  // skopeo has no catalog command. On the open registry, curl fetching the same pages in one process is
  // the floor: the time is Distribution walking its storage for each page.
  const catalogRow: Row = {
    name: `${label}: list 3000 repositories`,
    berthMs: median(await timeRuns(RUNS, repos)),
  };
  if (registry.options.auth === 'none') {
    const urls = await catalogPageUrls(registry);
    const curl = () => runCommand('curl', ['-sf', ...urls.flatMap((url) => ['-o', '/dev/null', url])]);
    await curl();
    catalogRow.peerMs = median(await timeRuns(RUNS, curl));
    catalogRow.peer = `curl ${urls.length} pages`;
  }
  rows.push(catalogRow);

  const inspect = async () => {
    const result = await inspectImage(client, {
      registry: host,
      repository: 'bench/app',
      reference: '1',
      tag: '1',
    });
    if (!result.config) throw new Error('no config');
  };
  await inspect();
  rows.push({
    name: `${label}: inspect manifest + config`,
    berthMs: median(await timeRuns(RUNS, inspect)),
    peerMs: await timeSkopeo(registry, 'inspect', `docker://${host}/bench/app:1`),
    peer: 'skopeo inspect',
  });
  await client.close();
  if (registry.options.auth === 'none') await benchProcesses(registry);
  return rows;
}

async function main(): Promise<void> {
  // BERTH_BENCH_ONLY=client|copy|pull|ui|search|save|load runs one section.
  const only = process.env.BERTH_BENCH_ONLY;
  if (!only || only === 'client') await benchClient();
  if (!only || only === 'copy') await benchCopy();
  if (!only || only === 'pull') await benchPull();
  if (!only || only === 'ui') await benchExplorer();
  if (!only || only === 'search') await benchSearch();
  if (!only || only === 'save') await benchSave();
  if (!only || only === 'load') await benchLoad();
}

async function benchClient(): Promise<void> {
  const rows: Row[] = [];
  for (const [label, options] of [
    ['open http', { auth: 'none' }],
    ['token auth', { auth: 'token' }],
    ['htpasswd+tls', { auth: 'htpasswd', tls: true }],
  ] as const) {
    const registry = await startRegistry(options);
    try {
      rows.push(...(await benchRegistry(label, registry)));
    } finally {
      await registry.stop();
    }
  }
  printRows(`Registry client (median of ${RUNS} runs; ratio = berth / skopeo, below 1 is faster)`, rows);
}

await main();
