// Quay's API v1 through Berth's handlers, against a stand-in that answers it from a real Distribution
// registry and checks every answer against quay-api-v1.json: the login's own and organizations'
// repositories over `next_page` pages (never another namespace's), tags with push dates and sizes over
// numbered pages, image facts, search, the login rule (an OAuth token as Bearer; a password never goes to
// the API), and hostile answers (garbage, too large, endless pages, a refused token, a stalled server).
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CoreApi } from '../../electron/core/api/index.js';
import { BerthServices } from '../../electron/core/services.js';
import type { SavedConnection } from '../../electron/core/settings/index.js';
import type { RepositoryPage, TagPage } from '../../shared/contract/index.js';
import { pushImage, pushIndex, pushManifest, type PushedImage } from '../fixtures/images.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import type { StandInAnswer, StandInRequest } from '../fixtures/vendor-api/stand-in.js';
import { rfc2822, startQuayStandIn, type QuayStandIn } from '../fixtures/vendor-api/quay/stand-in.js';

const TOKEN = 'quay-oauth-token-8f2c1d9e';
const PASSWORD = 'alice-password-71be';
const DAY = 86_400;
/** 2026-11-01T00:00:00Z */
const NOV_1 = 1_793_491_200;

let root: string;
let registry: RegistryHandle;
let quay: QuayStandIn;
let hostile: QuayStandIn;
let app: PushedImage;
let override: ((request: StandInRequest) => StandInAnswer | undefined) | undefined;
let stall: ((request: StandInRequest) => Promise<void> | undefined) | undefined;
const validated: Record<string, number> = {};
const opened: Array<{ services: BerthServices; api: CoreApi }> = [];

/** 1.0 pushed last, latest first: date order is not name order. */
const PUSHED: Record<string, number> = {
  'alice/app:latest': NOV_1,
  'alice/app:1.1': NOV_1 + 2 * DAY,
  'alice/app:1.0': NOV_1 + 5 * DAY,
};

beforeAll(async () => {
  root = await makeTempDir('vendor-quay');
  registry = await startRegistry({});
  app = await pushImage(registry, 'alice/app', '1.0');
  await pushImage(registry, 'alice/app', '1.1');
  await pushManifest(registry, 'alice/app', 'latest', app.manifestBytes, app.mediaType);
  // 102 more tags: two pages of Quay's 100.
  for (let patch = 0; patch < 102; patch++)
    await pushManifest(registry, 'alice/app', `0.${patch}`, app.manifestBytes, app.mediaType);
  await Promise.all([
    pushImage(registry, 'alice/tools', '1.0'),
    pushImage(registry, 'acme/web', '2.0'),
    pushImage(registry, 'acme/db', '15'),
    pushIndex(registry, 'acme/cache', 'multi', {
      format: 'oci',
      platforms: [
        { os: 'linux', architecture: 'amd64' },
        { os: 'linux', architecture: 'arm64' },
      ],
    }),
    pushImage(registry, 'acme/team/api', '3.1'),
    pushImage(registry, 'bob/secret', '1.0'),
    pushImage(registry, 'bob/public', '1.0'),
  ]);
  const common = {
    registryUrl: registry.url,
    tokens: { [TOKEN]: { username: 'alice', organizations: ['acme'] } },
    publicRepositories: ['bob/public'],
    descriptions: {
      'alice/app': 'The app.\n\nBuilt nightly from main.',
      'acme/team/api': 'Team API gateway',
    },
    pushedAt: PUSHED,
    // Two a page: acme's four repositories take two next_page pages.
    repositoriesPerPage: 2,
  };
  [quay, hostile] = await Promise.all([
    startQuayStandIn(common),
    startQuayStandIn({
      ...common,
      override: (request) => override?.(request),
      stall: (request) => stall?.(request),
    }),
  ]);
}, 120_000);

afterEach(() => {
  override = undefined;
  stall = undefined;
  expect(quay.invalid).toEqual([]);
  expect(hostile.invalid).toEqual([]);
});

afterAll(async () => {
  for (const { services, api } of opened) {
    api.close();
    await services.close();
  }
  for (const [operation, count] of quay?.validatedByOperation ?? []) validated[operation] = count;
  for (const [operation, count] of hostile?.validatedByOperation ?? [])
    validated[operation] = (validated[operation] ?? 0) + count;
  console.log(`Quay stand-in answers validated: ${JSON.stringify(validated)}`);
  await Promise.all([quay?.stop(), hostile?.stop(), registry?.stop()]);
  if (root) await removeDir(root);
});

/** Berth's services with one saved Quay connection `quay` and the login given per call (no keychain). */
function berth(
  standIn: QuayStandIn,
  login: { username: string; password: string } | undefined,
  extra: Partial<SavedConnection> = {},
) {
  const services = new BerthServices({ dataDir: path.join(root, `data-${opened.length}`) });
  services.settings.save({
    name: 'quay',
    host: standIn.host,
    insecureHttp: true,
    kind: 'quay',
    ...(login ? { username: login.username } : {}),
    ...extra,
  });
  if (login) services.perCallCredential = { kind: 'basic', ...login };
  const api = new CoreApi(services);
  opened.push({ services, api });
  return { services, api };
}

const token = { username: '$oauthtoken', password: TOKEN };

async function allRepositories(api: CoreApi): Promise<RepositoryPage> {
  const all: RepositoryPage = { state: 'page', items: [], facts: {} };
  let cursor: string | undefined;
  do {
    const page = await api.call('registry.listRepositories', {
      connection: 'quay',
      pageSize: 3,
      ...(cursor ? { cursor } : {}),
    });
    if (!page.ok) throw new Error(JSON.stringify(page.error));
    if (page.value.state !== 'page') throw new Error(JSON.stringify(page.value));
    all.items.push(...page.value.items);
    Object.assign(all.facts!, page.value.facts);
    if (page.value.vendor) all.vendor = page.value.vendor;
    cursor = page.value.cursor;
  } while (cursor);
  return all;
}

async function allTags(api: CoreApi, repository: string): Promise<TagPage> {
  const all: TagPage = { state: 'page', items: [], facts: {} };
  let cursor: string | undefined;
  do {
    const page = await api.call('registry.listTags', {
      connection: 'quay',
      repository,
      ...(cursor ? { cursor } : {}),
    });
    if (!page.ok) throw new Error(JSON.stringify(page.error));
    all.items.push(...page.value.items);
    Object.assign(all.facts!, page.value.facts);
    if (page.value.vendor) all.vendor = page.value.vendor;
    cursor = page.value.cursor;
  } while (cursor);
  return all;
}

function apiRequests(standIn: QuayStandIn, prefix: string): string[] {
  return standIn.requests.filter((request) => request.startsWith(`GET ${prefix}`));
}

describe('Quay API v1 through the handlers', () => {
  it("lists the login's own and its organizations' repositories over next_page pages, with descriptions and dates, never another namespace's", async () => {
    const { api, services } = berth(quay, token);
    const before = quay.requests.length;
    const listed = await allRepositories(api);
    expect(listed.vendor).toBe('Quay');
    expect(listed.items.sort()).toEqual([
      'acme/cache',
      'acme/db',
      'acme/team/api',
      'acme/web',
      'alice/app',
      'alice/tools',
    ]);
    expect(listed.facts!['alice/app']).toEqual({
      description: 'The app.\n\nBuilt nightly from main.',
      // The newest tag's push (1.0 on 6 November).
      updatedAt: '2026-11-06T00:00:00.000Z',
      isPrivate: true,
    });
    expect(listed.facts!['acme/team/api']).toMatchObject({
      description: 'Team API gateway',
      isPrivate: true,
    });
    const seen = quay.requests.slice(before);
    expect(seen.filter((request) => request.startsWith('GET /api/v1/user/'))).toHaveLength(1);
    const acme = seen.filter((request) => request.startsWith('GET /api/v1/repository?namespace=acme'));
    expect(acme).toHaveLength(2);
    expect(acme[1]).toMatch(/[?&]next_page=/);
    expect(seen.every((request) => !request.includes('namespace=bob'))).toBe(true);
    // The token went to the API as Bearer, never Basic.
    expect(quay.authorizations).toContain(`Bearer ${TOKEN}`);
    expect(quay.authorizations.some((value) => value.startsWith('Basic'))).toBe(false);
    expect(services.warnings.filter((warning) => !/travel over plain HTTP/.test(warning))).toEqual([]);
  });

  it('lists tags across numbered pages with push dates, sizes and digests from the registry itself', async () => {
    const { api } = berth(quay, token);
    const before = quay.requests.length;
    const tags = await allTags(api, 'alice/app');
    expect(tags.vendor).toBe('Quay');
    expect(tags.items).toHaveLength(105);
    const pages = quay.requests.slice(before).filter((request) => request.includes('/tag/'));
    expect(pages).toEqual([
      'GET /api/v1/repository/alice/app/tag/?onlyActiveTags=true&limit=100&page=1',
      'GET /api/v1/repository/alice/app/tag/?onlyActiveTags=true&limit=100&page=2',
    ]);
    expect(tags.facts!['1.0']).toEqual({
      digest: app.digest,
      pushedAt: '2026-11-06T00:00:00.000Z',
      size: app.size + app.configBytes.length + app.layers.reduce((sum, layer) => sum + layer.size, 0),
    });
    expect(tags.facts!['latest']!.pushedAt).toBe('2026-11-01T00:00:00.000Z');
    expect(rfc2822(NOV_1)).toBe('Sun, 01 Nov 2026 00:00:00 -0000');
  });

  it('sends a nested repository name with its slashes as Quay routes it', async () => {
    const { api } = berth(quay, token);
    const tags = await allTags(api, 'acme/team/api');
    expect(tags.items).toEqual(['3.1']);
    expect(apiRequests(quay, '/api/v1/repository/acme/team/api/tag/')).not.toHaveLength(0);
  });

  it('gives a multi-platform tag its digest and date but no size, as Quay counts none for a list', async () => {
    const { api } = berth(quay, token);
    const tags = await allTags(api, 'acme/cache');
    expect(tags.items).toEqual(['multi']);
    expect(Object.keys(tags.facts!['multi']!).sort()).toEqual(['digest', 'pushedAt']);
  });

  it("gives one image's push date and size for the image view", async () => {
    const { api } = berth(quay, token);
    const facts = await api.call('registry.imageFacts', {
      connection: 'quay',
      repository: 'alice/app',
      reference: '1.1',
    });
    if (!facts.ok) throw new Error(JSON.stringify(facts.error));
    expect(facts.value.facts).toMatchObject({ vendor: 'Quay', pushedAt: '2026-11-03T00:00:00.000Z' });
    expect(facts.value.facts!.size).toBeGreaterThan(0);
  });

  it("finds repositories through Quay's search, only those the login may see", async () => {
    const { services } = berth(quay, token);
    const vendor = await services.vendors.forConnection(services.settings.findByHost(quay.host)!);
    const found = await vendor!.search!('c', { limit: 50 });
    const names = found.map((repository) => repository.name).sort();
    expect(names).toContain('acme/team/api');
    expect(names).toContain('bob/public');
    expect(names).not.toContain('bob/secret');
    expect(found.find((repository) => repository.name === 'acme/team/api')!.facts.description).toBe(
      'Team API gateway',
    );
  });
});

describe('Quay logins', () => {
  it('a username and password never go to the API: the registry API lists instead, and a warning says how to see dates', async () => {
    const { api, services } = berth(quay, { username: 'alice', password: PASSWORD });
    const before = quay.requests.length;
    const page = await api.call('registry.listRepositories', { connection: 'quay' });
    if (!page.ok || page.value.state !== 'page') throw new Error(JSON.stringify(page));
    expect(page.value.vendor).toBeUndefined();
    expect(page.value.items).toContain('alice/app');
    expect(quay.requests.slice(before)).toEqual([]);
    expect(services.warnings.join('\n')).toMatch(
      /The Quay API refused to list repositories .*OAuth application token.*the login alice.*listed through the registry API instead/,
    );
    const facts = await api.call('registry.imageFacts', {
      connection: 'quay',
      repository: 'alice/app',
      reference: '1.0',
    });
    expect(facts).toEqual({ ok: true, value: {} });
    expect(quay.requests.slice(before)).toEqual([]);
    expect(JSON.stringify([page, services.warnings])).not.toContain(PASSWORD);
  });

  it('a refused token falls back to the registry API with a warning, and the token is in no answer or warning', async () => {
    const { api, services } = berth(quay, { username: '$oauthtoken', password: 'expired-token-0a9c' });
    const listed = await allRepositories(api);
    expect(listed.vendor).toBeUndefined();
    expect(listed.items).toContain('acme/web');
    expect(services.warnings.join('\n')).toMatch(/The Quay API refused to list repositories/);
    const tags = await api.call('registry.listTags', { connection: 'quay', repository: 'alice/tools' });
    if (!tags.ok) throw new Error(JSON.stringify(tags.error));
    expect(tags.value).toMatchObject({ items: ['1.0'] });
    expect(tags.value.vendor).toBeUndefined();
    expect(JSON.stringify([listed, tags, services.warnings])).not.toContain('expired-token-0a9c');
  });
});

describe('hostile Quay answers', () => {
  const repositoryListing = (request: StandInRequest) => request.url.pathname === '/api/v1/repository';

  it('garbage instead of JSON is a clear error, not a listing', async () => {
    override = (request) =>
      repositoryListing(request) ? { status: 200, raw: '{"repositories": [' } : undefined;
    const { api } = berth(hostile, token);
    const page = await api.call('registry.listRepositories', { connection: 'quay' });
    expect(page.ok).toBe(false);
    if (page.ok) return;
    expect(page.error.message).toMatch(/did not answer JSON/);
    expect(page.error.hint).toMatch(/Edit connection/);
  });

  it('a body over the cap is refused before it is read whole', async () => {
    override = (request) =>
      repositoryListing(request)
        ? {
            status: 200,
            headers: { 'content-type': 'application/json' },
            raw: Buffer.alloc(17 * 1024 * 1024, 32),
          }
        : undefined;
    const { api } = berth(hostile, token);
    const page = await api.call('registry.listRepositories', { connection: 'quay' });
    expect(page.ok).toBe(false);
    if (!page.ok) expect(page.error).toMatchObject({ code: 'TOO_LARGE' });
  });

  it('empty pages that never end stop at the cap; a next_page token seen before ends the listing', async () => {
    let served = 0;
    override = (request) => {
      if (!repositoryListing(request)) return undefined;
      served++;
      return { status: 200, json: { repositories: [], next_page: `endless-${served}` } };
    };
    const { api } = berth(hostile, token);
    // Each call serves one page (an empty one keeps its cursor), as the explorer asks for more.
    let endless = await api.call('registry.listRepositories', { connection: 'quay' });
    for (
      let call = 0;
      call < 20 && endless.ok && endless.value.state === 'page' && endless.value.cursor;
      call++
    )
      endless = await api.call('registry.listRepositories', {
        connection: 'quay',
        cursor: endless.value.cursor,
      });
    expect(endless.ok).toBe(false);
    if (!endless.ok) expect(endless.error).toMatchObject({ code: 'TOO_LARGE' });
    expect(served).toBe(11);

    override = (request) =>
      repositoryListing(request)
        ? {
            status: 200,
            json: {
              repositories: [
                {
                  namespace: 'alice',
                  name: 'app',
                  description: null,
                  is_public: false,
                  kind: 'image',
                  state: 'NORMAL',
                },
              ],
              next_page: 'same-token',
            },
          }
        : undefined;
    const looping = await allRepositories(berth(hostile, token).api);
    expect(looping.items).toEqual(['alice/app']);
  });

  it('a next_page that names another host stays a token on the same API: nothing goes elsewhere', async () => {
    const elsewhere: string[] = [];
    override = (request) => {
      if (!repositoryListing(request)) return undefined;
      const token = request.url.searchParams.get('next_page');
      if (token) elsewhere.push(token);
      return {
        status: 200,
        json: {
          repositories: [
            {
              namespace: 'alice',
              name: token ? 'second' : 'first',
              description: null,
              is_public: false,
              kind: 'image',
              state: 'NORMAL',
            },
          ],
          ...(token ? {} : { next_page: 'http://127.0.0.2:9/steal?next_page=x' }),
        },
      };
    };
    const { api } = berth(hostile, token);
    const listed = await allRepositories(api);
    expect(listed.items.filter((name) => name.startsWith('alice/'))).toEqual(['alice/first', 'alice/second']);
    expect(elsewhere).toContain('http://127.0.0.2:9/steal?next_page=x');
  });

  it('names no reference could name, and repeats, are left out with a warning', async () => {
    override = (request) =>
      repositoryListing(request)
        ? {
            status: 200,
            json: {
              repositories: [
                {
                  namespace: 'alice',
                  name: 'app',
                  description: null,
                  is_public: false,
                  kind: 'image',
                  state: 'NORMAL',
                },
                {
                  namespace: 'alice',
                  name: 'App/../x',
                  description: null,
                  is_public: false,
                  kind: 'image',
                  state: 'NORMAL',
                },
                {
                  namespace: 'alice',
                  name: 'app',
                  description: null,
                  is_public: false,
                  kind: 'image',
                  state: 'NORMAL',
                },
              ],
            },
          }
        : undefined;
    const { api, services } = berth(hostile, token);
    const listed = await allRepositories(api);
    expect(listed.items).toEqual(['alice/app']);
    expect(services.warnings.join('\n')).toMatch(
      /2 entries in Quay repositories of alice repeated or not valid, left out/,
    );
  });

  it('dates, sizes and names a lying API sends are left out, not shown', async () => {
    override = (request) =>
      request.url.pathname.endsWith('/tag/')
        ? {
            status: 200,
            headers: { 'content-type': 'application/json' },
            raw: JSON.stringify({
              tags: [
                {
                  name: '1.0',
                  manifest_digest: app.digest,
                  size: -5,
                  last_modified: 'yesterday',
                  start_ts: 'soon',
                },
                { name: '1.1', size: 1e300, last_modified: 'Sun, 01 Nov 2026 00:00:00 -0000' },
                { name: '../x', size: 1 },
              ],
              page: 1,
              has_additional: false,
            }),
          }
        : undefined;
    const { api } = berth(hostile, token);
    const tags = await allTags(api, 'alice/app');
    expect(tags.items).toEqual(['1.0', '1.1']);
    expect(tags.facts).toEqual({
      '1.0': { digest: app.digest },
      '1.1': { pushedAt: '2026-11-01T00:00:00.000Z' },
    });
  });

  it('a token the API echoes in its refusal stays out of the warning and the answer', async () => {
    override = (request) =>
      request.url.pathname === '/api/v1/user/'
        ? {
            status: 401,
            headers: { 'content-type': 'application/json' },
            raw: JSON.stringify({
              status: 401,
              type: 'invalid_token',
              title: 'invalid_token',
              detail: `token ${TOKEN} is not valid`,
              error_message: `token ${TOKEN} is not valid`,
            }),
          }
        : undefined;
    const { api, services } = berth(hostile, token);
    const page = await api.call('registry.listRepositories', { connection: 'quay' });
    expect(page.ok).toBe(true);
    expect(services.warnings.join('\n')).toMatch(/The Quay API refused to list repositories/);
    expect(JSON.stringify([page, services.warnings])).not.toContain(TOKEN);
  });

  it('a stalled answer ends at the connection timeout with a sentence that says so', async () => {
    stall = (request) => (repositoryListing(request) ? new Promise(() => undefined) : undefined);
    const { api } = berth(hostile, token, { timeoutSeconds: 2 });
    const started = Date.now();
    const page = await api.call('registry.listRepositories', { connection: 'quay' });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(page.ok).toBe(false);
    if (!page.ok) expect(page.error).toMatchObject({ code: 'NETWORK' });
  });
});
