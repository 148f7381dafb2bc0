import { randomUUID } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreApi } from '../../electron/core/api/index.js';
import { SearchIndex, type SearchSettings } from '../../electron/core/search/index.js';
import { BerthServices } from '../../electron/core/services.js';
import type { SavedConnectionInput } from '../../electron/core/settings/index.js';
import type { VendorApi, VendorApis } from '../../electron/core/vendors/index.js';
import { pushImage, seedManyRepos } from '../fixtures/images.js';
import { sendJson, startHostileRegistry, type HostileRegistry } from '../fixtures/hostile-registry.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import { startSilentServer, type SilentServer } from '../fixtures/silent-server.js';

const SERVICE = `BerthTest-search-${randomUUID()}`;
const PASSWORD = 'wonderland-pass';
const ECHOED_SECRET = 'echoed-secret-5f1c';

let root: string;
let keyring: KeyringHandle;
let plain: RegistryHandle;
let basic: RegistryHandle;
let token: RegistryHandle;
let broken: HostileRegistry;
let endless: HostileRegistry;
let unlisted: HostileRegistry;
let silent: SilentServer;
let manyNames: string[];

beforeAll(async () => {
  keyring = await startKeyring();
  keyring.useInThisProcess();
  root = await makeTempDir('berth-search-');
  [plain, basic, token] = await Promise.all([
    startRegistry(),
    startRegistry({ auth: 'htpasswd', tls: true }),
    startRegistry({ auth: 'token' }),
  ]);
  await Promise.all([
    pushImage(plain, 'team/web-app', '1'),
    pushImage(basic, 'payments/app-api', '1'),
    pushImage(token, 'tools/app-cli', '1'),
    pushImage(token, 'tools/other', '1'),
  ]);
  manyNames = await seedManyRepos(plain, 120, 'bulk');
  broken = await startHostileRegistry([
    {
      path: '/v2/_catalog',
      // A broken registry that quotes back what it was sent (a hostile one: the login's secret).
      handler: (_request, response: ServerResponse) =>
        sendJson(response, 500, {
          errors: [{ code: 'UNKNOWN', message: `database down (${ECHOED_SECRET})` }],
        }),
    },
  ]);
  let page = 0;
  endless = await startHostileRegistry([
    {
      path: '/v2/_catalog',
      // Every page is new names and a Link to the next: a listing that never ends.
      handler: (_request, response: ServerResponse) => {
        page++;
        const names = Array.from({ length: 10 }, (_, index) => `loop/p${page}-r${index}`);
        sendJson(
          response,
          200,
          { repositories: names },
          { link: `</v2/_catalog?n=10&last=p${page}>; rel="next"` },
        );
      },
    },
  ]);
  unlisted = await startHostileRegistry([
    {
      path: '/v2/_catalog',
      handler: (_request, response: ServerResponse) =>
        sendJson(response, 404, { errors: [{ code: 'UNSUPPORTED', message: 'catalog not served' }] }),
    },
  ]);
  silent = await startSilentServer();
});

afterAll(async () => {
  await Promise.all([
    plain?.stop(),
    basic?.stop(),
    token?.stop(),
    broken?.stop(),
    endless?.stop(),
    unlisted?.stop(),
    silent?.stop(),
  ]);
  await keyring?.stop();
  await removeDir(root);
});

/** Services on a data folder of their own, with the given connections saved (and their passwords). */
async function servicesWith(
  name: string,
  connections: SavedConnectionInput[],
  search: Partial<SearchSettings> = {},
): Promise<BerthServices> {
  const services = new BerthServices({
    dataDir: path.join(root, name),
    keychainService: SERVICE,
    search: { ...search },
  });
  for (const connection of connections) {
    services.settings.save(connection);
    if (connection.username) await services.credentials.save(connection.host, connection.username, PASSWORD);
  }
  return services;
}

const plainConnection = () => ({ name: 'plain', host: plain.host, insecureHttp: true });
const basicConnection = () => ({
  name: 'basic-tls',
  host: basic.host,
  tls: { caFile: basic.caFile },
  username: 'alice',
});
const tokenConnection = () => ({ name: 'token', host: token.host, insecureHttp: true, username: 'alice' });

describe('the search index', () => {
  it('lists three registries with different logins and finds a name across them, best first', async () => {
    const services = await servicesWith('three', [plainConnection(), basicConnection(), tokenConnection()]);
    try {
      const failures = await services.search.refresh(services.settings.list());
      expect(failures).toEqual([]);
      const answer = await services.search.query('app', { limit: 5, refreshInBackground: false });
      const found = answer.groups.flatMap((group) =>
        group.hits.map((hit) => `${hit.connection} ${hit.repository}`),
      );
      expect(found).toEqual(
        expect.arrayContaining(['plain team/web-app', 'basic-tls payments/app-api', 'token tools/app-cli']),
      );
      expect(found).not.toContain('token tools/other');
      expect(answer.groups.every((group) => group.hits.every((hit) => hit.source === 'index'))).toBe(true);
      // Tokens in any order, by prefix: "cli tools" finds tools/app-cli and nothing else.
      const reversed = await services.search.query('cli tools', { limit: 5, refreshInBackground: false });
      expect(reversed.groups.map((group) => group.hits.map((hit) => hit.repository))).toEqual([
        ['tools/app-cli'],
      ]);
      // The file holds names, never a login.
      const file = await readFile(services.search.index.path, 'utf8');
      expect(file).toContain('tools/app-cli');
      expect(file).not.toContain(PASSWORD);
    } finally {
      await services.close();
    }
  });

  it('lists a broken registry as failed, with a sentence and no secret, while the others answer', async () => {
    const services = await servicesWith('broken', [
      plainConnection(),
      { name: 'broken', host: broken.host, insecureHttp: true },
    ]);
    services.secrets.add(ECHOED_SECRET);
    try {
      const failures = await services.search.refresh(services.settings.list());
      expect(failures.map((failure) => failure.connection)).toEqual(['broken']);
      expect(failures[0]!.message).not.toContain(ECHOED_SECRET);
      const answer = await services.search.query('web', { limit: 5, refreshInBackground: false });
      expect(answer.groups.map((group) => group.connection)).toEqual(['plain']);
      expect(answer.failed).toEqual([
        { connection: 'broken', message: expect.stringContaining(broken.host) },
      ]);
      expect(await readFile(services.search.index.path, 'utf8')).not.toContain(ECHOED_SECRET);
    } finally {
      await services.close();
    }
  });

  it('cuts off a registry that pages forever at the page cap', async () => {
    const services = await servicesWith(
      'endless',
      [{ name: 'endless', host: endless.host, insecureHttp: true }],
      {
        maxPages: 5,
      },
    );
    try {
      expect(await services.search.refresh(services.settings.list())).toEqual([]);
      const entry = (await services.search.index.read()).connections.endless!;
      expect(entry.truncated).toBe(true);
      expect(entry.names).toHaveLength(50);
    } finally {
      await services.close();
    }
  });

  it('gives up on a registry that never answers at the deadline, and says so', async () => {
    const services = await servicesWith(
      'stalled',
      [{ name: 'stalled', host: silent.host, insecureHttp: true, timeoutSeconds: 600 }],
      { deadlineMs: 1500 },
    );
    try {
      const failures = await services.search.refresh(services.settings.list());
      expect(failures).toEqual([
        expect.objectContaining({ connection: 'stalled', message: expect.stringMatching(/within 2 s/) }),
      ]);
    } finally {
      await services.close();
    }
  });

  it('stops a background refresh when the services close, hanging up on the registry', async () => {
    const services = await servicesWith(
      'closing',
      [{ name: 'stalled', host: silent.host, insecureHttp: true, timeoutSeconds: 600 }],
      { deadlineMs: 600_000 },
    );
    const answer = await services.search.query('app', { limit: 5, refreshInBackground: true });
    expect(answer.refreshing).toEqual(['stalled']);
    await expect.poll(() => silent.open(), { timeout: 30_000 }).toBeGreaterThan(0);
    await services.close();
    await expect.poll(() => silent.open(), { timeout: 30_000 }).toBe(0);
  });

  it('asks nothing of a registry whose kind never lists, and guesses there', async () => {
    const services = await servicesWith('hub-kind', [
      { name: 'hub-like', host: unlisted.host, insecureHttp: true, kind: 'ghcr' },
    ]);
    try {
      const before = unlisted.requests.length;
      expect(await services.search.refresh(services.settings.list())).toEqual([]);
      expect(unlisted.requests.length).toBe(before);
      const answer = await services.search.query('octo/app', { limit: 5, refreshInBackground: false });
      expect(answer.groups[0]?.hits).toEqual([
        { connection: 'hub-like', repository: 'octo/app', source: 'guess', isStarred: false },
      ]);
    } finally {
      await services.close();
    }
  });

  it('keeps each connection under its cap and all of them under the total', async () => {
    const services = await servicesWith('caps', [plainConnection(), tokenConnection()], {
      limits: { perConnection: 100, total: 60 },
    });
    try {
      await services.search.refresh(services.settings.list());
      const { connections } = await services.search.index.read();
      expect(connections.plain!.names).toHaveLength(58);
      expect(connections.plain!.truncated).toBe(true);
      expect(connections.token!.names).toEqual(['tools/app-cli', 'tools/other']);
      expect(manyNames.length).toBeGreaterThan(100);
    } finally {
      await services.close();
    }
  });

  it('reads a hand-made index only within its caps, and no file bigger than Berth writes', async () => {
    const dir = path.join(root, 'hand-made');
    await mkdir(dir);
    const index = new SearchIndex(dir, { perConnection: 100, total: 60 });
    const entry = (names: string[], problem?: string) => ({
      host: plain.host,
      state: 'listed',
      refreshedAt: new Date().toISOString(),
      names,
      ...(problem ? { problem } : {}),
    });
    // Valid, but 50,000 names: a query must not rank them all per keystroke.
    const many = Array.from({ length: 50_000 }, (_, at) => `bulk/r${at}`);
    await writeFile(index.path, JSON.stringify({ version: 1, connections: { plain: entry(many) } }));
    const read = await index.read();
    expect(read.connections.plain!.names).toHaveLength(60);
    expect(read.connections.plain!.truncated).toBe(true);
    // Bigger than any index under these caps: not read at all.
    const huge = JSON.stringify({
      version: 1,
      connections: { plain: entry(['a/b'], 'x'.repeat(3_000_000)) },
    });
    await writeFile(index.path, huge);
    expect(await index.read()).toEqual({ version: 1, connections: {} });
  });

  it('does not rewrite the index for explorer pages of a catalog already at its cap', async () => {
    const services = await servicesWith('capped-pages', [plainConnection()], {
      limits: { perConnection: 50, total: 1000 },
    });
    try {
      await services.search.refresh(services.settings.list());
      const indexFile = path.join(root, 'capped-pages', 'search-index.json');
      expect((await services.search.index.read()).connections.plain!.truncated).toBe(true);
      const before = await stat(indexFile);
      // Pages further on in the explorer: names past the cap, which the cap would cut again.
      services.search.remember(services.settings.get('plain')!, ['bulk/zz-1', 'bulk/zz-2']);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const after = await stat(indexFile);
      expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    } finally {
      await services.close();
    }
  });

  it('drops a removed connection from the index, its bookmarks and its recent list', async () => {
    const services = await servicesWith('removed', [plainConnection(), tokenConnection()]);
    try {
      await services.search.refresh(services.settings.list());
      services.settings.setStarred({ connection: 'token', repository: 'tools/app-cli' }, true);
      services.settings.addRecent({ connection: 'token', repository: 'tools/other', reference: '1' });
      services.settings.addRecent({ connection: 'plain', repository: 'team/web-app' });
      services.settings.remove('token');
      expect(services.settings.places()).toEqual({
        bookmarks: [],
        recent: [{ connection: 'plain', repository: 'team/web-app' }],
      });
      // The next write of the index leaves the removed connection's names out.
      await services.search.refresh([services.settings.get('plain')!]);
      expect(Object.keys((await services.search.index.read()).connections)).toEqual(['plain']);
      const answer = await services.search.query('tools', { limit: 5, refreshInBackground: false });
      expect(answer.groups).toEqual([]);
    } finally {
      await services.close();
    }
  });

  it('keeps the stars and recent places of a renamed connection, under its new name', async () => {
    const services = await servicesWith('renamed', [plainConnection(), tokenConnection()]);
    const api = new CoreApi(services);
    try {
      services.settings.setStarred({ connection: 'plain', repository: 'team/web-app' }, true);
      services.settings.setStarred({ connection: 'token', repository: 'tools/other' }, true);
      services.settings.addRecent({ connection: 'plain', repository: 'team/web-app', reference: '1' });
      const renamed = await api.call('connections.update', { name: 'plain', newName: 'lab' });
      expect(renamed.ok, JSON.stringify(renamed)).toBe(true);
      expect(services.settings.places()).toEqual({
        bookmarks: [
          { connection: 'lab', repository: 'team/web-app' },
          { connection: 'token', repository: 'tools/other' },
        ],
        recent: [{ connection: 'lab', repository: 'team/web-app', reference: '1' }],
      });
    } finally {
      api.close();
      await services.close();
    }
  });

  it('guesses by name on a registry that lists nothing, and puts starred ones on top', async () => {
    const services = await servicesWith('guess', [
      plainConnection(),
      { name: 'closed', host: unlisted.host, insecureHttp: true },
    ]);
    try {
      await services.search.refresh(services.settings.list());
      expect((await services.search.index.read()).connections.closed!.state).toBe('unlisted');
      services.settings.setStarred({ connection: 'plain', repository: 'team/web-app' }, true);
      const answer = await services.search.query('team/web-app', { limit: 5, refreshInBackground: false });
      expect(answer.starred).toEqual([
        { connection: 'plain', repository: 'team/web-app', source: 'index', isStarred: true },
      ]);
      expect(answer.groups).toEqual([
        expect.objectContaining({
          connection: 'plain',
          hits: [{ connection: 'plain', repository: 'team/web-app', source: 'index', isStarred: true }],
        }),
        expect.objectContaining({
          connection: 'closed',
          hits: [{ connection: 'closed', repository: 'team/web-app', source: 'guess', isStarred: false }],
        }),
      ]);
      // Text no repository could be named is not guessed.
      const spaces = await services.search.query('Web  APP', { limit: 5, refreshInBackground: false });
      expect(spaces.groups.map((group) => group.connection)).toEqual(['plain']);
    } finally {
      await services.close();
    }
  });

  it('searches what it listed when the index cannot be written, and does not list again per query', async () => {
    const services = await servicesWith('unwritable', [plainConnection()]);
    // A folder where the file should be: every write fails, as in a read-only data folder.
    await mkdir(path.join(root, 'unwritable', 'search-index.json'));
    try {
      expect(await services.search.refresh(services.settings.list())).toEqual([]);
      const answer = await services.search.query('web app', { limit: 5, refreshInBackground: true });
      expect(answer.groups.map((group) => group.hits[0]?.repository)).toEqual(['team/web-app']);
      expect(answer.refreshing).toEqual([]);
      expect(services.warnings.filter((line) => line.includes('could not be saved'))).toHaveLength(1);
    } finally {
      await services.close();
    }
  });

  it('answers a query at once and refreshes stale entries in the background; the explorer’s pages feed it', async () => {
    const services = await servicesWith('background', [plainConnection(), tokenConnection()]);
    const api = new CoreApi(services);
    try {
      const first = await api.call('search.query', { text: 'app' });
      expect(first).toMatchObject({ ok: true, value: { groups: [], refreshing: ['plain', 'token'] } });
      // A listing in the explorer adds what it showed.
      await api.call('registry.listRepositories', { connection: 'token', pageSize: 100 });
      const deadline = Date.now() + 60_000;
      let found: string[] = [];
      while (Date.now() < deadline) {
        const answer = await api.call('search.query', { text: 'app' });
        if (!answer.ok) throw new Error(answer.error.message);
        found = answer.value.groups.map((group) => group.connection).sort();
        if (found.length === 2 && !answer.value.refreshing.length) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(found).toEqual(['plain', 'token']);
    } finally {
      api.close();
      await services.close();
    }
  });

  // No registry kind has a search API on this branch (the kind slices add Harbor's, Quay's and Docker
  // Hub's), and no vendor server runs here: the vendor is this test's own hostile stand-in, in process.
  it('asks a vendor search within a deadline, and keeps only names a reference could name', async () => {
    const services = await servicesWith('vendor', [plainConnection()], { vendorSearchMs: 1000 });
    let answer: (text: string, signal: AbortSignal) => Promise<{ name: string }[]> = async () => [];
    const vendor: VendorApi = {
      vendor: 'Hostile',
      search: (text, options) =>
        answer(text, options.signal!).then((found) => found.map((entry) => ({ ...entry, facts: {} }))),
    };
    const stand: Pick<VendorApis, 'has' | 'forConnection'> = {
      has: () => true,
      forConnection: async () => vendor,
    };
    Object.defineProperty(services, 'vendors', { value: { ...stand, close: async () => undefined } });
    services.secrets.add(ECHOED_SECRET);
    try {
      const query = await services.search.query('app', { limit: 5, refreshInBackground: false });
      expect(query.vendorSearch).toEqual(['plain']);
      // Garbage, repeats and too many: names no reference could name are dropped, the rest capped.
      answer = async () => [
        { name: 'team/app' },
        { name: 'team/app' },
        { name: 'Team/App' },
        { name: '../etc/passwd' },
        { name: 'a\u202Eevil' },
        ...Array.from({ length: 5000 }, (_, index) => ({ name: `bulk/app-${index}` })),
      ];
      const found = await services.search.vendorSearch('app', 'plain', 3);
      expect(found.group?.hits.map((hit) => `${hit.repository} ${hit.source}`)).toEqual([
        'team/app vendor',
        'bulk/app-0 vendor',
        'bulk/app-1 vendor',
      ]);
      expect(found.group?.more).toBe(5000 - 2);
      // A vendor that never answers is given up at the deadline, with a sentence; its call is aborted.
      let aborted = false;
      answer = (_text, signal) =>
        new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => {
            aborted = true;
            reject(new Error('aborted'));
          }),
        );
      const stalled = await services.search.vendorSearch('app', 'plain', 3);
      expect(stalled.failed).toEqual({
        connection: 'plain',
        message: expect.stringMatching(/did not finish its search within 1 s/),
        hint: expect.any(String),
      });
      expect(aborted).toBe(true);
      // A failure that quotes a secret back says so without it.
      answer = async () => {
        throw new Error(`bad request: token=${ECHOED_SECRET}`);
      };
      const echoed = await services.search.vendorSearch('app', 'plain', 3);
      expect(echoed.failed?.message).toMatch(/^bad request/);
      expect(JSON.stringify(echoed)).not.toContain(ECHOED_SECRET);
    } finally {
      await services.close();
    }
  });
});
