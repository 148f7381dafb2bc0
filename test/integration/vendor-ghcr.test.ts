// The GHCR kind against a stand-in for GitHub's REST API that answers from a real Distribution registry,
// every answer checked against GitHub's published description: the app's handlers list the login's and its
// organisations' container packages, their tags with push dates and digests, and say which scope a token
// lacks. Hostile answers (garbage, too large, a next page elsewhere, a loop, a stall) end with a clear error.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CoreApi } from '../../electron/core/api/index.js';
import { BerthServices } from '../../electron/core/services.js';
import { pushImage } from '../fixtures/images.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import { startGithubStandIn, type GithubStandInOptions } from '../fixtures/vendor-api/github/stand-in.js';
import type { StandIn } from '../fixtures/vendor-api/stand-in.js';

const TOKEN = 'ghp_standInToken0123456789abcdefghijklmn';
const NO_SCOPE_TOKEN = 'ghp_noPackagesScope0123456789abcdefghij';

let registry: RegistryHandle;
let dir: string;
const digests: Record<string, string> = {};
const opened: { standIn: StandIn; services: BerthServices }[] = [];

beforeAll(async () => {
  dir = await makeTempDir('vendor-ghcr');
  registry = await startRegistry({ auth: 'none' });
  for (const [repository, tags] of [
    ['alice/app', ['1', '2']],
    ['alice/tools/builder', ['1']],
    ['acme/api', ['v1']],
    ['acme/private-web', ['1']],
    ['bob/secret', ['1']],
  ] as const)
    for (const tag of tags) {
      const image = await pushImage(registry, repository, tag, { layers: 1, seed: `${repository}:${tag}` });
      digests[`${repository}:${tag}`] = image.digest;
    }
  // `latest` on the same image as 2: one package version with two tags.
  await pushImage(registry, 'alice/app', 'latest', { layers: 1, seed: 'alice/app:2' });
}, 120_000);

afterEach(async () => {
  for (const { standIn, services } of opened.splice(0)) {
    await services.close();
    await standIn.stop();
  }
});

afterAll(async () => {
  await registry?.stop();
  if (dir) await removeDir(dir);
});

async function open(
  options: Partial<GithubStandInOptions> = {},
  login: { token?: string; timeoutSeconds?: number; apiPath?: string } = {},
) {
  const standIn = await startGithubStandIn({
    registryUrl: registry.url,
    users: [
      { login: 'alice', token: TOKEN, scopes: ['read:packages'], orgs: ['acme'] },
      { login: 'alice', token: NO_SCOPE_TOKEN, scopes: ['repo'], orgs: ['acme'] },
      { login: 'bob', token: 'ghp_bob', scopes: ['read:packages'], orgs: [] },
    ],
    organizations: ['acme'],
    ...options,
  });
  const dataDir = path.join(dir, `berth-${opened.length}-${Date.now()}`);
  const services = new BerthServices({ dataDir });
  opened.push({ standIn, services });
  services.settings.save({
    name: 'ghcr',
    host: standIn.host,
    insecureHttp: true,
    kind: 'ghcr',
    apiUrl: `${standIn.url}${login.apiPath ?? ''}`,
    username: 'alice',
    ...(login.timeoutSeconds ? { timeoutSeconds: login.timeoutSeconds } : {}),
  });
  services.perCallCredential = { kind: 'basic', username: 'alice', password: login.token ?? TOKEN };
  return { standIn, services, api: new CoreApi(services), dataDir };
}

async function allRepositories(api: CoreApi) {
  const names: string[] = [];
  const facts: Record<string, unknown> = {};
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const result = await api.call('registry.listRepositories', {
      connection: 'ghcr',
      ...(cursor ? { cursor } : {}),
    });
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
    const value = result.value;
    if (value.state !== 'page') throw new Error(`not a page: ${JSON.stringify(value)}`);
    names.push(...value.items);
    Object.assign(facts, value.facts ?? {});
    cursor = value.cursor;
    if (!cursor) break;
  }
  return { names, facts };
}

describe('GHCR through GitHub’s REST API', () => {
  it("lists the login's and its organisations' container packages across Link pages, not another user's", async () => {
    const { standIn, api } = await open({ pageSize: 1 });
    const { names, facts } = await allRepositories(api);
    expect(names.toSorted()).toEqual(['acme/api', 'acme/private-web', 'alice/app', 'alice/tools/builder']);
    expect(facts['acme/private-web']).toMatchObject({ isPrivate: true, updatedAt: expect.any(String) });
    expect(facts['alice/app']).toMatchObject({ isPrivate: false });
    // Several pages each, followed by their Link headers.
    expect(standIn.requests.filter((r) => r.startsWith('GET /user/packages?')).length).toBe(2);
    expect(standIn.requests.filter((r) => r.startsWith('GET /orgs/acme/packages?')).length).toBe(2);
    expect(standIn.requests).toContain('GET /user/packages?package_type=container&per_page=100&page=2');
    expect(standIn.invalid).toEqual([]);
    expect(standIn.validatedByOperation.get('GET /user/packages')).toBe(2);
    expect(standIn.validatedByOperation.get('GET /user/orgs')).toBe(1);
  });

  it('lists tags with push dates and digests from the package versions, for user and organisation packages', async () => {
    const { standIn, api } = await open({
      dates: { [`alice/app@${digests['alice/app:1']}`]: '2025-03-01T10:00:00Z' },
    });
    const tags = await api.call('registry.listTags', { connection: 'ghcr', repository: 'alice/app' });
    expect(tags).toMatchObject({ ok: true, value: { state: 'page', vendor: 'GitHub Packages' } });
    if (!tags.ok) return;
    expect(tags.value.items.toSorted()).toEqual(['1', '2', 'latest']);
    expect(tags.value.facts?.['1']).toEqual({
      digest: digests['alice/app:1'],
      pushedAt: '2025-03-01T10:00:00Z',
    });
    expect(tags.value.facts?.latest?.digest).toBe(digests['alice/app:2']);
    expect(tags.value.facts?.latest?.pushedAt).toMatch(/^2026-/);

    const nested = await api.call('registry.listTags', {
      connection: 'ghcr',
      repository: 'alice/tools/builder',
    });
    expect(nested).toMatchObject({ ok: true, value: { items: ['1'] } });
    // A package name with a slash is one path segment, URL-encoded.
    expect(standIn.requests).toContain('GET /user/packages/container/tools%2Fbuilder/versions?per_page=100');

    const org = await api.call('registry.listTags', { connection: 'ghcr', repository: 'acme/api' });
    expect(org).toMatchObject({
      ok: true,
      value: { items: ['v1'], facts: { v1: { digest: digests['acme/api:v1'] } } },
    });

    const facts = await api.call('registry.imageFacts', {
      connection: 'ghcr',
      repository: 'alice/app',
      reference: '1',
    });
    expect(facts).toEqual({
      ok: true,
      value: { facts: { vendor: 'GitHub Packages', pushedAt: '2025-03-01T10:00:00Z' } },
    });
    expect(standIn.invalid).toEqual([]);
    expect(standIn.validated).toBeGreaterThanOrEqual(4);
  });

  it("lists another user's public package opened by name, through that user's packages", async () => {
    const { standIn, api } = await open();
    const tags = await api.call('registry.listTags', { connection: 'ghcr', repository: 'bob/secret' });
    expect(tags).toMatchObject({
      ok: true,
      value: { items: ['1'], facts: { 1: { digest: digests['bob/secret:1'] } } },
    });
    expect(standIn.requests).toEqual([
      'GET /orgs/bob/packages/container/secret/versions?per_page=100',
      'GET /users/bob/packages/container/secret/versions?per_page=100',
    ]);
    expect(standIn.invalid).toEqual([]);
  });

  it("lists through a GitHub Enterprise Server's API under /api/v3, checked against its own description", async () => {
    const { standIn, api } = await open({ enterprise: true }, { apiPath: '/api/v3' });
    const { names } = await allRepositories(api);
    expect(names.toSorted()).toEqual(['acme/api', 'acme/private-web', 'alice/app', 'alice/tools/builder']);
    const tags = await api.call('registry.listTags', { connection: 'ghcr', repository: 'acme/api' });
    expect(tags).toMatchObject({ ok: true, value: { items: ['v1'] } });
    expect(standIn.requests).toContain('GET /api/v3/user/packages?package_type=container&per_page=100');
    expect(standIn.invalid).toEqual([]);
    expect(standIn.validated).toBe(4);
  });

  it('names the scope to add when the token may not read packages, and never shows the token', async () => {
    const { standIn, api, services, dataDir } = await open({}, { token: NO_SCOPE_TOKEN });
    const result = await api.call('registry.listRepositories', { connection: 'ghcr' });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'DENIED',
        message: expect.stringMatching(/read:packages scope/),
        hint: expect.stringMatching(/personal access token \(classic\).*read:packages.*Edit connection/),
      },
    });
    const tags = await api.call('registry.listTags', { connection: 'ghcr', repository: 'acme/api' });
    expect(tags).toMatchObject({ ok: false, error: { code: 'DENIED' } });
    const everything = JSON.stringify([result, tags, services.warnings]);
    expect(everything).not.toContain(NO_SCOPE_TOKEN);
    expect(await readFile(path.join(dataDir, 'settings.json'), 'utf8').catch(() => '')).not.toContain(
      NO_SCOPE_TOKEN,
    );
    expect(standIn.invalid).toEqual([]);
  });

  it('falls back to the registry API with a warning when GitHub refuses the login (401)', async () => {
    const { standIn, api, services } = await open({}, { token: 'ghp_unknown' });
    const result = await api.call('registry.listRepositories', { connection: 'ghcr' });
    expect(result).toMatchObject({ ok: true, value: { state: 'page' } });
    expect(result.ok && 'vendor' in result.value).toBe(false);
    expect(services.warnings.join('\n')).toMatch(/The GitHub Packages API refused to list/);
    expect(standIn.invalid).toEqual([]);
  });
});

describe('GHCR answers that are broken or hostile', () => {
  it('says the answer is not JSON', async () => {
    const { api } = await open({ override: () => ({ status: 200, raw: '<html>oops' }) });
    const result = await api.call('registry.listRepositories', { connection: 'ghcr' });
    expect(result).toMatchObject({ ok: false, error: { code: 'PROTOCOL', message: /did not answer JSON/ } });
  });

  it('refuses a body over the cap', async () => {
    const { api } = await open({
      override: () => ({ status: 200, raw: `[${'"x",'.repeat(4_300_000)}"x"]` }),
    });
    const result = await api.call('registry.listRepositories', { connection: 'ghcr' });
    expect(result).toMatchObject({ ok: false, error: { code: 'TOO_LARGE', message: /over 16 MiB/ } });
  });

  it('never follows a next page on another host, nor one already read', async () => {
    let calls = 0;
    const { standIn, api } = await open({
      override: (request) => {
        if (request.url.pathname !== '/user/packages') return undefined;
        calls++;
        // First a loop back to itself, then (were it followed) a page elsewhere.
        return {
          status: 200,
          headers: {
            link:
              calls === 1
                ? `<http://${request.headers.host}${request.url.pathname}${request.url.search}>; rel="next"`
                : '<http://attacker.invalid/user/packages?page=2>; rel="next"',
          },
          json: [],
        };
      },
    });
    const { names } = await allRepositories(api);
    expect(names.toSorted()).toEqual(['acme/api', 'acme/private-web']);
    expect(calls).toBe(1);
    expect(standIn.invalid).toEqual([]);
  });

  it('never shows the token when GitHub echoes it back in an error', async () => {
    const { api, services } = await open({
      override: (request) =>
        request.url.pathname === '/user/packages'
          ? {
              status: 500,
              headers: { 'content-type': 'application/json' },
              raw: JSON.stringify({ message: `bad token ${request.headers.authorization ?? ''} ${TOKEN}` }),
            }
          : undefined,
    });
    const result = await api.call('registry.listRepositories', { connection: 'ghcr' });
    expect(result.ok).toBe(false);
    expect(JSON.stringify([result, services.warnings])).not.toContain(TOKEN);
  });

  it('stops a listing whose pages stay empty but always name a next one', async () => {
    const { standIn, api } = await open({
      override: (request) => {
        if (request.url.pathname !== '/user/packages') return undefined;
        const page = Number(request.url.searchParams.get('page') ?? 1);
        const next = new URL(`http://${request.headers.host}${request.url.pathname}${request.url.search}`);
        next.searchParams.set('page', String(page + 1));
        return { status: 200, headers: { link: `<${next.toString()}>; rel="next"` }, json: [] };
      },
    });
    await expect(allRepositories(api)).rejects.toThrow(/10 empty pages in a row/);
    expect(standIn.requests.filter((r) => r.startsWith('GET /user/packages')).length).toBe(11);
    expect(standIn.invalid).toEqual([]);
  });

  it('gives up on a stalled answer within the connection’s timeout', async () => {
    const { api } = await open(
      {
        override: async (request) => {
          if (request.url.pathname !== '/user/packages') return undefined;
          await new Promise((resolve) => setTimeout(resolve, 8_000));
          return { status: 200, json: [] };
        },
      },
      { timeoutSeconds: 1 },
    );
    const started = Date.now();
    const result = await api.call('registry.listRepositories', { connection: 'ghcr' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
    expect(Date.now() - started).toBeLessThan(7_000);
  }, 30_000);
});
