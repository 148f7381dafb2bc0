// Berth's GitLab kind against a GitLab stand-in (REST API v4 answered from a real Distribution registry
// behind it, every answer checked against GitLab's published OpenAPI document), through the handlers the
// app calls: the repositories of the projects the login is a member of (and no others), paged the GitLab
// way; tags with push dates and sizes; nested groups by URL-encoded path; the API on another address;
// and what a broken or hostile GitLab gets: garbage, a body over the cap, pages forever, a next page on
// another host, a redirect elsewhere, a stall, a token quoted back, and a 401 (the v2 API then).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreApi } from '../../electron/core/api/index.js';
import { BerthServices } from '../../electron/core/services.js';
import { GITLAB_TAG_DETAILS_PER_LISTING, VENDOR_BODY_BYTES } from '../../electron/core/vendors/index.js';
import type { Outcome } from '../../shared/contract/index.js';
import { pushImage, seedManyTags } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import type { StandInAnswer, StandInRequest } from '../fixtures/vendor-api/stand-in.js';
import {
  startGitLabStandIn,
  type GitLabProject,
  type GitLabStandIn,
} from '../fixtures/vendor-api/gitlab/gitlab-stand-in.js';

const SERVICE = `BerthTest-gitlab-${randomUUID()}`;
const ALICE_TOKEN = `glpat-alice-${randomUUID()}`;
const BOB_TOKEN = `glpat-bob-${randomUUID()}`;
const FILLERS = 230;

const PUSHED_AT: Record<string, string> = {
  'acme/web:v1.0': '2026-03-01T09:00:00.000Z',
  'acme/web:v1.1': '2026-05-01T09:00:00.000Z',
  'acme/web:latest': '2026-05-02T12:30:00.000Z',
};

let keyring: KeyringHandle;
let root: string;
let registry: RegistryHandle;
let gitlab: GitLabStandIn;
/** A second stand-in for the broken and hostile answers, with a short timeout on its connection. */
let hostile: GitLabStandIn;
let fault:
  ((request: StandInRequest) => StandInAnswer | undefined | Promise<StandInAnswer | undefined>) | undefined;
let services: BerthServices;
let api: CoreApi;
let webDigest: string;
const validatedByTest: Record<string, number> = {};

function value<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

async function allRepositories(connection: string) {
  const names: string[] = [];
  const facts: Record<string, unknown> = {};
  let cursor: string | undefined;
  for (let pages = 0; pages < 50; pages++) {
    const page = value(
      await api.call('registry.listRepositories', { connection, ...(cursor ? { cursor } : {}) }),
    );
    if (page.state !== 'page') throw new Error(`not a page: ${JSON.stringify(page)}`);
    names.push(...page.items);
    Object.assign(facts, page.facts ?? {});
    cursor = page.cursor;
    if (!cursor) break;
  }
  return { names, facts };
}

async function allTags(connection: string, repository: string) {
  const tags: string[] = [];
  const facts: Record<string, { pushedAt?: string; size?: number; digest?: string }> = {};
  let vendor: string | undefined;
  let cursor: string | undefined;
  for (let pages = 0; pages < 50; pages++) {
    const page = value(
      await api.call('registry.listTags', { connection, repository, ...(cursor ? { cursor } : {}) }),
    );
    tags.push(...page.items);
    Object.assign(facts, page.facts ?? {});
    vendor = page.vendor ?? vendor;
    cursor = page.cursor;
    if (!cursor) break;
  }
  return { tags, facts, vendor };
}

function requestsMatching(standIn: GitLabStandIn, pattern: RegExp): string[] {
  return standIn.requests.filter((line) => pattern.test(line));
}

function expectAllValid(standIn: GitLabStandIn): void {
  expect(standIn.invalid).toEqual([]);
}

beforeAll(async () => {
  keyring = await startKeyring();
  keyring.useInThisProcess();
  root = await makeTempDir('berth-gitlab-');
  registry = await startRegistry();
  const web = await pushImage(registry, 'acme/web', 'v1.0', { layers: 1 });
  webDigest = web.digest;
  await pushImage(registry, 'acme/web', 'v1.1', { layers: 1 });
  await pushImage(registry, 'acme/web', 'latest', { layers: 2 });
  await pushImage(registry, 'acme/web/worker', '1.0', { layers: 1 });
  await pushImage(registry, 'acme/platform/tools/builder', '2024.1', { layers: 1 });
  await pushImage(registry, 'acme/platform/tools/builder', '2024.2', { layers: 1 });
  await seedManyTags(registry, 'acme/many', 250);
  await seedManyTags(registry, 'acme/huge', 520);
  await pushImage(registry, 'other/secret', '1', { layers: 1 });
  await pushImage(registry, 'bob/tools', '1', { layers: 1 });

  const projects: GitLabProject[] = [
    { id: 11, path: 'acme/web', members: ['alice'] },
    { id: 12, path: 'acme/platform/tools', members: ['alice', 'bob'] },
    { id: 13, path: 'acme/many', members: ['alice'] },
    { id: 16, path: 'acme/huge', members: ['alice'] },
    { id: 14, path: 'other/secret', members: ['carol'] },
    { id: 15, path: 'bob/tools', members: ['bob'] },
    ...Array.from({ length: FILLERS }, (_, index) => ({
      id: 100 + index,
      path: `acme/empty-${String(index).padStart(3, '0')}`,
      members: ['alice'],
    })),
  ];
  const tokens = { [ALICE_TOKEN]: 'alice', [BOB_TOKEN]: 'bob' };
  gitlab = await startGitLabStandIn({ registryUrl: registry.url, projects, tokens, pushedAt: PUSHED_AT });
  hostile = await startGitLabStandIn({
    registryUrl: registry.url,
    projects: projects.slice(0, 3),
    tokens,
    pushedAt: PUSHED_AT,
    fault: (request) => fault?.(request),
  });

  services = new BerthServices({ dataDir: path.join(root, 'data'), keychainService: SERVICE });
  api = new CoreApi(services);
  // The stand-in is registry and API in one (the API address is the registry's own origin)…
  services.settings.save({
    name: 'gitlab',
    host: gitlab.host,
    insecureHttp: true,
    username: 'alice',
    kind: 'gitlab',
  });
  await services.credentials.save(gitlab.host, 'alice', ALICE_TOKEN, 'access-token');
  // …the registry itself, with its API at another address, as the dialog's "API address" sets it…
  services.settings.save({
    name: 'gitlab-split',
    host: registry.host,
    insecureHttp: true,
    username: 'bob',
    kind: 'gitlab',
    apiUrl: gitlab.url,
  });
  await services.credentials.save(registry.host, 'bob', BOB_TOKEN, 'access-token');
  // …and the hostile one, which gives up on a silent answer after 3 s.
  services.settings.save({
    name: 'gitlab-hostile',
    host: hostile.host,
    insecureHttp: true,
    username: 'alice',
    kind: 'gitlab',
    timeoutSeconds: 3,
  });
  await services.credentials.save(hostile.host, 'alice', ALICE_TOKEN, 'access-token');
}, 240_000);

afterAll(async () => {
  // The number the issue asks for: GitLab answers checked against GitLab's own description.
  console.info(
    `GitLab stand-in: ${gitlab?.validated} answers validated (${JSON.stringify(
      Object.fromEntries(gitlab?.validatedByOperation ?? []),
    )}); hostile stand-in: ${hostile?.validated}; per test ${JSON.stringify(validatedByTest)}`,
  );
  api?.close();
  await services?.close();
  await Promise.all([gitlab?.stop(), hostile?.stop()]);
  await registry?.stop();
  await keyring?.stop();
  if (root) await removeDir(root);
});

describe('GitLab: what the login may see', () => {
  it("lists the registry repositories of the member's projects across several project pages, and no others", async () => {
    const before = gitlab.validated;
    const { names, facts } = await allRepositories('gitlab');
    expect(names.sort()).toEqual([
      'acme/huge',
      'acme/many',
      'acme/platform/tools/builder',
      'acme/web',
      'acme/web/worker',
    ]);
    expect(names).not.toContain('other/secret');
    expect(names).not.toContain('bob/tools');
    expect(facts['acme/web']).toEqual({ tagCount: 3 });
    expect(facts['acme/many']).toEqual({ tagCount: 250 });
    // 233 projects at 100 a page: three pages, each asked for the member's projects only.
    const pages = requestsMatching(gitlab, /^GET \/api\/v4\/projects\?/);
    expect(pages).toHaveLength(3);
    for (const page of pages) {
      expect(page).toContain('membership=true');
      expect(page).toContain('per_page=100');
    }
    expectAllValid(gitlab);
    validatedByTest.repositories = gitlab.validated - before;
  });

  it('without a token it never asks GitLab for "my" projects (GitLab would list every public one)', async () => {
    const anonymous = await startGitLabStandIn({
      registryUrl: registry.url,
      projects: [{ id: 11, path: 'acme/web', members: ['alice'] }],
      tokens: {},
    });
    try {
      services.settings.save({
        name: 'gitlab-anonymous',
        host: anonymous.host,
        insecureHttp: true,
        kind: 'gitlab',
      });
      const page = value(await api.call('registry.listRepositories', { connection: 'gitlab-anonymous' }));
      expect(page.state === 'page' ? page.vendor : undefined).toBeUndefined();
      expect(anonymous.requests.filter((line) => line.startsWith('GET /api/v4/projects?'))).toEqual([]);
    } finally {
      services.settings.remove('gitlab-anonymous');
      await anonymous.stop();
    }
  });

  it('another user sees only their projects', async () => {
    const { names } = await allRepositories('gitlab-split');
    expect(names.sort()).toEqual(['acme/platform/tools/builder', 'bob/tools']);
    expectAllValid(gitlab);
  });
});

describe('GitLab: tags', () => {
  it('lists tags with push dates, sizes and digests from the tag details', async () => {
    const before = gitlab.validated;
    const { tags, facts, vendor } = await allTags('gitlab', 'acme/web');
    expect(vendor).toBe('GitLab');
    expect(tags.sort()).toEqual(['latest', 'v1.0', 'v1.1']);
    expect(facts['v1.0']).toMatchObject({ pushedAt: PUSHED_AT['acme/web:v1.0'], digest: webDigest });
    expect(facts.latest?.pushedAt).toBe(PUSHED_AT['acme/web:latest']);
    expect(facts.latest!.size!).toBeGreaterThan(facts['v1.0']!.size!);
    expectAllValid(gitlab);
    validatedByTest.tags = gitlab.validated - before;
  });

  it('pages through 250 tags at 100 a page, each with its date', async () => {
    const before = gitlab.requests.length;
    const { tags, facts } = await allTags('gitlab', 'acme/many');
    expect(tags).toHaveLength(250);
    expect(new Set(tags).size).toBe(250);
    expect(Object.values(facts).filter((fact) => fact.pushedAt)).toHaveLength(250);
    const asked = gitlab.requests.slice(before);
    expect(asked.filter((line) => /\/tags\?/.test(line))).toHaveLength(3);
    expect(asked.filter((line) => /\/tags\/tag-/.test(line))).toHaveLength(250);
    expectAllValid(gitlab);
  });

  it('asks for the details of the first 500 tags of a listing only, and says so', async () => {
    const before = gitlab.requests.length;
    const warningsBefore = services.warnings.length;
    const { tags, facts } = await allTags('gitlab', 'acme/huge');
    expect(tags).toHaveLength(520);
    expect(Object.values(facts).filter((fact) => fact.pushedAt)).toHaveLength(GITLAB_TAG_DETAILS_PER_LISTING);
    const asked = gitlab.requests.slice(before);
    expect(asked.filter((line) => /\/tags\/tag-/.test(line))).toHaveLength(GITLAB_TAG_DETAILS_PER_LISTING);
    expect(services.warnings.slice(warningsBefore).join('\n')).toMatch(
      /dates and sizes for the first 500 tags of acme\/huge only/,
    );
    expectAllValid(gitlab);
  });

  it('opens a repository in a nested group by name through its URL-encoded project path', async () => {
    const before = gitlab.requests.length;
    const { tags, facts } = await allTags('gitlab', 'acme/platform/tools/builder');
    expect(tags.sort()).toEqual(['2024.1', '2024.2']);
    expect(facts['2024.1']?.pushedAt).toBeDefined();
    const asked = gitlab.requests.slice(before);
    // The repository path itself is no project (404); its parent is.
    expect(asked).toContain(
      'GET /api/v4/projects/acme%2Fplatform%2Ftools%2Fbuilder/registry/repositories?per_page=100',
    );
    expect(asked).toContain(
      'GET /api/v4/projects/acme%2Fplatform%2Ftools/registry/repositories?per_page=100',
    );
    expect(
      asked.some((line) => line.includes('/api/v4/projects/acme%2Fplatform%2Ftools/registry/repositories/')),
    ).toBe(true);
    expectAllValid(gitlab);
  });

  it("gives an image's push date and size to the image view", async () => {
    const { facts } = value(
      await api.call('registry.imageFacts', {
        connection: 'gitlab',
        repository: 'acme/web',
        reference: 'v1.1',
      }),
    );
    expect(facts).toMatchObject({ vendor: 'GitLab', pushedAt: PUSHED_AT['acme/web:v1.1'] });
    expect(facts!.size).toBeGreaterThan(0);
    const byDigest = value(
      await api.call('registry.imageFacts', {
        connection: 'gitlab',
        repository: 'acme/web',
        reference: webDigest,
      }),
    );
    expect(byDigest.facts).toBeUndefined();
    expectAllValid(gitlab);
  });

  it('uses the API address of the connection when the registry lives elsewhere', async () => {
    const before = gitlab.requests.length;
    const { tags, vendor } = await allTags('gitlab-split', 'acme/platform/tools/builder');
    expect(vendor).toBe('GitLab');
    expect(tags.sort()).toEqual(['2024.1', '2024.2']);
    expect(gitlab.requests.length).toBeGreaterThan(before);
    expectAllValid(gitlab);
  });
});

describe('GitLab: broken and hostile answers', () => {
  const onProjects = (answer: () => StandInAnswer | Promise<StandInAnswer>) => (request: StandInRequest) =>
    request.url.pathname === '/api/v4/projects' ? answer() : undefined;

  /** Every page of the hostile connection's repositories: the first failure, or the last page. */
  async function listHostile() {
    let cursor: string | undefined;
    for (let pages = 0; ; pages++) {
      const outcome = await api.call('registry.listRepositories', {
        connection: 'gitlab-hostile',
        ...(cursor ? { cursor } : {}),
      });
      if (!outcome.ok || outcome.value.state !== 'page' || !outcome.value.cursor || pages > 50)
        return outcome;
      cursor = outcome.value.cursor;
    }
  }

  it('refuses an answer that is not JSON', async () => {
    fault = onProjects(() => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      raw: '<html>oops',
    }));
    const outcome = await listHostile();
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.code).toBe('PROTOCOL');
      expect(outcome.error.message).toMatch(/did not answer JSON/);
    }
  });

  it('refuses a body over the cap', async () => {
    fault = onProjects(() => ({ status: 200, raw: Buffer.alloc(VENDOR_BODY_BYTES + 1, 0x20) }));
    const outcome = await listHostile();
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.code).toBe('TOO_LARGE');
  });

  it('stops a listing that pages forever', async () => {
    let served = 0;
    fault = (request) => {
      if (request.url.pathname !== '/api/v4/projects') return undefined;
      served++;
      const page = Number(request.url.searchParams.get('page') ?? 1);
      const next = new URL(request.url.pathname + request.url.search, hostile.url);
      next.searchParams.set('page', String(page + 1));
      return { status: 200, headers: { link: `<${next.href}>; rel="next"` }, json: [] };
    };
    const outcome = await listHostile();
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.code).toBe('TOO_LARGE');
    expect(served).toBeLessThanOrEqual(12);
  });

  it('never follows a next page to another host', async () => {
    fault = onProjects(() => ({
      status: 200,
      headers: { link: '<http://127.0.0.1:9/api/v4/projects?page=2>; rel="next"' },
      json: [],
    }));
    const outcome = await listHostile();
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.code).toBe('PROTOCOL');
      expect(outcome.error.message).toMatch(/another host/);
    }
  });

  it('keeps the token off a redirect to another host', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const elsewhere: Server = createServer((request, response) => {
      seen.push(request.headers);
      response.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    try {
      const port = (elsewhere.address() as AddressInfo).port;
      fault = onProjects(() => ({
        status: 302,
        headers: { location: `http://127.0.0.1:${port}/api/v4/projects` },
        raw: '',
      }));
      await listHostile();
      expect(seen.length).toBeGreaterThan(0);
      for (const headers of seen) {
        expect(headers['private-token']).toBeUndefined();
        expect(headers.authorization).toBeUndefined();
      }
    } finally {
      elsewhere.closeAllConnections();
      await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
    }
  });

  it('never repeats a token GitLab quotes back', async () => {
    fault = onProjects(() => ({
      // GitLab's description gives /projects no 500 answer: sent unchecked, on purpose.
      status: 500,
      headers: { 'content-type': 'application/json', 'x-echo': ALICE_TOKEN },
      raw: JSON.stringify({
        message: `500 Internal Server Error: PRIVATE-TOKEN ${ALICE_TOKEN} was rejected`,
      }),
    }));
    const outcome = await listHostile();
    expect(outcome.ok).toBe(false);
    expect(JSON.stringify(outcome)).not.toContain(ALICE_TOKEN);
    expect(services.warnings.join('\n')).not.toContain(ALICE_TOKEN);
  });

  it('a 401 from the API falls back to the registry API with a warning', async () => {
    fault = onProjects(() => ({
      status: 401,
      headers: { 'content-type': 'application/json' },
      raw: '{"message":"401 Unauthorized"}',
    }));
    const warningsBefore = services.warnings.length;
    const page = value(await api.call('registry.listRepositories', { connection: 'gitlab-hostile' }));
    // Distribution's catalog answers instead: it shows every repository of the registry behind…
    expect(page.state).toBe('page');
    if (page.state === 'page') {
      expect(page.vendor).toBeUndefined();
      expect(page.items).toContain('other/secret');
      // …and its next page comes from there too.
      const next = value(
        await api.call('registry.listRepositories', { connection: 'gitlab-hostile', cursor: page.cursor! }),
      );
      expect(next.state).toBe('page');
    }
    expect(services.warnings.slice(warningsBefore).join('\n')).toMatch(
      /The GitLab API refused to list repositories/,
    );
  });

  it('gives up on a projects page that never comes, with a sentence that says so', async () => {
    fault = onProjects(async () => {
      await sleep(8_000);
      return { status: 200, json: [] };
    });
    const outcome = await listHostile();
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.code).toBe('NETWORK');
      expect(outcome.error.message).toContain(hostile.host);
      expect(outcome.error.hint).toBeTruthy();
    }
  });

  it('lists tags by name when the tag details stall, and says so', async () => {
    let detailsAsked = 0;
    fault = async (request) => {
      if (!/\/tags\/[^/]+$/.test(request.url.pathname)) return undefined;
      detailsAsked++;
      await sleep(8_000);
      return { status: 200, json: {} };
    };
    const warningsBefore = services.warnings.length;
    const { tags, facts } = await allTags('gitlab-hostile', 'acme/many');
    expect(tags).toHaveLength(250);
    expect(Object.values(facts).some((fact) => fact.pushedAt)).toBe(false);
    // One stalled round (4 at a time), not one per tag.
    expect(detailsAsked).toBe(4);
    expect(services.warnings.slice(warningsBefore).join('\n')).toMatch(
      /GitLab gave no date or size for 4 tags of acme\/many; the rest are listed by name only/,
    );
  });

  it('hostile answers on purpose aside, the stand-in answered by the description', () => {
    fault = undefined;
    expectAllValid(hostile);
  });
});

describe('a self-managed GitLab added with its kind left to Berth', () => {
  it("is found by its registry's challenge, with its API address taken from it", async () => {
    // GitLab's registry sends clients to its instance's /jwt/auth with the service container_registry.
    const own = await startRegistry({
      auth: 'token',
      users: { alice: 'glpat-detected-0c1d' },
      token: { path: '/jwt/auth', service: 'container_registry' },
    });
    try {
      const added = value(
        await api.call('connections.add', {
          name: 'gitlab-detected',
          url: `http://${own.host}`,
          username: 'alice',
          secret: 'glpat-detected-0c1d',
        }),
      );
      expect(added.connection.kind).toBe('gitlab');
      const challenge = (await fetch(`${own.url}/v2/`)).headers.get('www-authenticate') ?? '';
      const realm = /realm="([^"]+)"/.exec(challenge)?.[1] ?? '';
      expect(realm).toMatch(/\/jwt\/auth$/);
      expect(services.settings.get('gitlab-detected')).toMatchObject({
        kind: 'gitlab',
        apiUrl: new URL(realm).origin,
      });
    } finally {
      await own.stop();
    }
  });
});
