// Docker Hub's tag facts against a stand-in for Hub's API that answers from a real Distribution registry,
// every answer checked against Hub's published description: the app's tag listing gets push dates, sizes
// (all platforms of an index) and digests; a login is exchanged for Hub's API token and never shown.
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CoreApi } from '../../electron/core/api/index.js';
import { BerthServices } from '../../electron/core/services.js';
import { pushImage, pushIndex } from '../fixtures/images.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import { startHubStandIn, type HubStandInOptions } from '../fixtures/vendor-api/dockerhub/stand-in.js';
import type { StandIn } from '../fixtures/vendor-api/stand-in.js';

const PAT = 'dckr_pat_standIn0123456789abcdef';

let registry: RegistryHandle;
let dir: string;
let index: Awaited<ReturnType<typeof pushIndex>>;
let single: Awaited<ReturnType<typeof pushImage>>;
const opened: { standIn: StandIn; services: BerthServices }[] = [];

beforeAll(async () => {
  dir = await makeTempDir('vendor-hub');
  registry = await startRegistry({ auth: 'none' });
  index = await pushIndex(registry, 'team/app', '1', {
    format: 'oci',
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64' },
    ],
    seed: 'hub-index',
    layers: 1,
  });
  single = await pushImage(registry, 'team/app', '2', { layers: 1, seed: 'hub-2' });
  await pushImage(registry, 'team/private-app', '1', { layers: 1, seed: 'hub-private' });
  await pushImage(registry, 'library/nginx', 'latest', { layers: 1, seed: 'hub-nginx' });
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

async function open(options: Partial<HubStandInOptions> = {}, login = false) {
  const standIn = await startHubStandIn({ registryUrl: registry.url, users: { alice: PAT }, ...options });
  const services = new BerthServices({
    dataDir: path.join(dir, `berth-${opened.length}-${Date.now()}`),
    hubOrigin: standIn.url,
  });
  opened.push({ standIn, services });
  services.settings.save({ name: 'hub', host: standIn.host, insecureHttp: true, kind: 'dockerhub' });
  if (login) services.perCallCredential = { kind: 'basic', username: 'alice', password: PAT };
  return { standIn, services, api: new CoreApi(services) };
}

/** Every page of a tag listing, as the tag pane reads it (the cursor of one page asks for the next). */
async function allTags(api: CoreApi, repository: string) {
  const items: string[] = [];
  const facts: Record<string, unknown> = {};
  let vendor: string | undefined;
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const result = await api.call('registry.listTags', {
      connection: 'hub',
      repository,
      ...(cursor ? { cursor } : {}),
    });
    if (!result.ok || result.value.state !== 'page') throw new Error(JSON.stringify(result));
    items.push(...result.value.items);
    Object.assign(facts, result.value.facts ?? {});
    vendor ??= result.value.vendor;
    cursor = result.value.cursor;
    if (!cursor) break;
  }
  return { items, facts, vendor };
}

describe("Docker Hub's tag facts", () => {
  it('lists tags with push dates, sizes of every platform and digests, across next pages, anonymously', async () => {
    const { standIn, api } = await open({
      pageSize: 1,
      dates: { 'team/app:2': '2025-11-02T08:00:00.000000Z' },
    });
    const result = await allTags(api, 'team/app');
    expect(result).toMatchObject({ vendor: 'Docker Hub', items: ['1', '2'] });
    expect(result.facts['2']).toEqual({
      digest: single.digest,
      pushedAt: '2025-11-02T08:00:00.000000Z',
      size: single.size + single.configBytes.length + single.layers[0]!.size,
    });
    const children = index.children.reduce(
      (sum, child) => sum + child.size + child.configBytes.length + child.layers[0]!.size,
      0,
    );
    expect(result.facts['1']).toMatchObject({ digest: index.digest, size: children });
    expect(standIn.requests.filter((r) => r.includes('/repositories/app/tags')).length).toBe(2);
    expect(standIn.requests.some((r) => r.startsWith('POST /v2/auth/token'))).toBe(false);

    const official = await api.call('registry.listTags', { connection: 'hub', repository: 'nginx' });
    expect(official).toMatchObject({ ok: true, value: { items: ['latest'] } });
    expect(standIn.requests).toContain('GET /v2/namespaces/library/repositories/nginx/tags?page_size=100');

    const facts = await api.call('registry.imageFacts', {
      connection: 'hub',
      repository: 'team/app',
      reference: '2',
    });
    expect(facts).toMatchObject({
      ok: true,
      value: { facts: { vendor: 'Docker Hub', pushedAt: '2025-11-02T08:00:00.000000Z' } },
    });
    expect(standIn.invalid).toEqual([]);
    expect(
      standIn.validatedByOperation.get('GET /v2/namespaces/{namespace}/repositories/{repository}/tags'),
    ).toBe(5);
  });

  it("lists a private repository's tags with the login's Hub API token, and never shows the secret", async () => {
    const { standIn, api, services } = await open({}, true);
    const result = await api.call('registry.listTags', { connection: 'hub', repository: 'team/private-app' });
    expect(result).toMatchObject({ ok: true, value: { vendor: 'Docker Hub', items: ['1'] } });
    expect(standIn.requests.filter((r) => r.startsWith('POST /v2/auth/token')).length).toBe(1);
    expect(JSON.stringify([result, services.warnings])).not.toContain(PAT);
    expect(standIn.invalid).toEqual([]);
  });

  it("falls back to the registry's tag list with a warning when Hub does not show the repository", async () => {
    const { standIn, api, services } = await open();
    const result = await api.call('registry.listTags', { connection: 'hub', repository: 'team/private-app' });
    expect(result).toMatchObject({ ok: true, value: { state: 'page', items: ['1'] } });
    expect(result.ok && 'vendor' in result.value).toBe(false);
    expect(services.warnings.join('\n')).toMatch(/The Docker Hub API refused to list/);
    expect(standIn.invalid).toEqual([]);
  });

  it("never shows the login's secret or Hub's API token when Hub echoes them back", async () => {
    const { api, services, standIn } = await open(
      {
        override: (request) => ({
          status: 500,
          headers: { 'content-type': 'application/json' },
          raw: JSON.stringify({ message: `denied ${request.headers.authorization ?? ''} for ${PAT}` }),
        }),
      },
      true,
    );
    const result = await api.call('registry.listTags', { connection: 'hub', repository: 'team/app' });
    expect(result.ok).toBe(false);
    const shown = JSON.stringify([result, services.warnings]);
    expect(shown).not.toContain(PAT);
    expect(standIn.tokens).toHaveLength(1);
    expect(shown).not.toContain(standIn.tokens[0]);
  });

  it('never follows a next page on another host', async () => {
    const { api } = await open({
      override: () => ({
        status: 200,
        json: {
          count: 2,
          next: 'http://attacker.invalid/v2/namespaces/team/repositories/app/tags?page=2',
          results: [{ name: 'only' }],
        },
      }),
    });
    expect(await allTags(api, 'team/app')).toMatchObject({ items: ['only'] });
  });
});
