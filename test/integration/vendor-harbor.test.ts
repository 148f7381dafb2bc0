// Harbor (API v2.0) through the app's handlers, as the explorer calls them: a stand-in answering Harbor's
// API from a real Distribution registry (every answer checked against Harbor's swagger.yaml), a private
// gnome-keyring, and a robot account that is a member of one project while others exist.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreApi } from '../../electron/core/api/index.js';
import { BerthServices } from '../../electron/core/services.js';
import type { RequestName, RequestResult } from '../../shared/contract/index.js';
import type { RepositoryFactsView } from '../../shared/vendor.js';
import { BerthCli } from '../fixtures/berth-cli.js';
import { pushImage, seedManyRepos, type PushedImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import { startHarborStandIn, type HarborStandIn } from '../fixtures/vendor-api/harbor/stand-in.js';

const SERVICE = `BerthTest-harbor-${randomUUID()}`;
const ROBOT = 'robot$dev+ci';
const ROBOT_SECRET = 'robot-secret-7f3a9c2e';
const DAY = 86_400_000;
let keyring: KeyringHandle;
let registry: RegistryHandle;
let harbor: HarborStandIn;
let dir: string;
let services: BerthServices;
let api: CoreApi;
let release: PushedImage;
let old: PushedImage;

async function call<N extends RequestName>(name: N, input: unknown): Promise<RequestResult<N>> {
  const outcome = await api.call(name, input);
  if (!outcome.ok) throw Object.assign(new Error(outcome.error.message), outcome.error);
  return outcome.value;
}

/** Every page of the repository listing, as the explorer loads them. */
async function allRepositories(): Promise<string[] & { facts: Record<string, RepositoryFactsView> }> {
  const names = Object.assign([] as string[], { facts: {} as Record<string, RepositoryFactsView> });
  let cursor: string | undefined;
  do {
    const page = await call('registry.listRepositories', {
      connection: 'harbor',
      ...(cursor ? { cursor } : {}),
    });
    if (page.state !== 'page') throw new Error('open by name');
    // The last answer of a listing may be empty (the listing ended there): it names no vendor.
    if (page.items.length) expect(page.vendor).toBe('Harbor');
    names.push(...page.items);
    Object.assign(names.facts, page.facts);
    cursor = page.cursor;
  } while (cursor);
  return names;
}

beforeAll(async () => {
  keyring = await startKeyring();
  keyring.useInThisProcess();
  dir = await makeTempDir('vendor-harbor');
  registry = await startRegistry({ auth: 'none' });
  old = await pushImage(registry, 'dev/api', '1.0', { seed: 'api-1.0' });
  release = await pushImage(registry, 'dev/api', '1.1', { seed: 'api-1.1' });
  await pushImage(registry, 'dev/api', 'stable', { seed: 'api-1.1' });
  await pushImage(registry, 'dev/tools/lint', 'latest', { seed: 'lint' });
  await pushImage(registry, 'library/busybox', 'latest', { seed: 'busybox' });
  await pushImage(registry, 'secret/vault', '1', { seed: 'vault' });
  harbor = await startHarborStandIn({
    registryUrl: registry.url,
    registryDataDir: registry.dataDir,
    users: { [ROBOT]: ROBOT_SECRET, dana: 'dana-pass' },
    projects: [
      { name: 'dev', members: [ROBOT, 'dana'] },
      { name: 'library', public: true },
      { name: 'secret', members: ['dana'] },
    ],
    descriptions: { 'dev/api': 'The public API' },
    labels: { [release.digest]: [{ name: 'release', color: '#1f8a4c', description: 'Shipped' }] },
    scans: {
      [release.digest]: {
        scan_status: 'Success',
        severity: 'High',
        summary: { total: 7, fixable: 5, summary: { Critical: 0, High: 2, Medium: 4, Low: 1 } },
        end_time: '2026-12-01T10:00:00Z',
        scanner: { name: 'Trivy', vendor: 'Aqua Security', version: 'v0.58.1' },
      },
    },
  });
  const now = Date.now();
  await harbor.setPushTime('dev/api', '1.0', new Date(now - 30 * DAY));
  await harbor.setPushTime('dev/api', '1.1', new Date(now - 2 * DAY));
  await harbor.setPushTime('dev/api', 'stable', new Date(now - 1 * DAY));
  services = new BerthServices({ dataDir: path.join(dir, 'berth'), keychainService: SERVICE });
  api = new CoreApi(services);
  await call('connections.add', {
    name: 'harbor',
    url: harbor.url,
    username: ROBOT,
    secret: ROBOT_SECRET,
    saveIfUnreachable: false,
  });
}, 120_000);

afterAll(async () => {
  api?.close();
  await services?.close();
  await harbor?.stop();
  await registry?.stop();
  await keyring?.stop();
  if (dir) await removeDir(dir);
});

describe('a Harbor connection', () => {
  it('is recognised as Harbor from its systeminfo without being chosen', () => {
    expect(services.settings.get('harbor')).toMatchObject({ kind: 'harbor', username: ROBOT });
    expect(harbor.validatedByOperation.get('GET /systeminfo')).toBeGreaterThan(0);
  });

  it("keeps a robot account's name whole in settings, the keychain and the Authorization header", async () => {
    const settings = await readFile(path.join(dir, 'berth', 'config.json'), 'utf8');
    expect(settings).toContain(JSON.stringify(ROBOT));
    expect(settings).not.toContain(ROBOT_SECRET);
    expect(await services.credentials.get(harbor.host, ROBOT)).toMatchObject({ secret: ROBOT_SECRET });
    await allRepositories();
    expect(harbor.logins.length).toBeGreaterThan(0);
    expect(new Set(harbor.logins)).toEqual(new Set([ROBOT]));
  });

  it('lists the projects a member may see, with their repositories and facts, never the others', async () => {
    const page = await allRepositories();
    expect([...page]).toEqual(['dev/api', 'dev/tools/lint', 'library/busybox']);
    expect(page.facts['dev/api']).toMatchObject({
      description: 'The public API',
      artifactCount: 2,
      pullCount: 0,
      updatedAt: expect.stringMatching(/^\d{4}-/),
    });
    expect(harbor.requests.some((r) => r.includes('/projects/secret/'))).toBe(false);
    expect(harbor.invalid).toEqual([]);
  });

  it('refuses the v2 catalog to a member that is not an administrator, as Harbor does', async () => {
    const auth = `Basic ${Buffer.from(`${ROBOT}:${ROBOT_SECRET}`).toString('base64')}`;
    const response = await fetch(`${harbor.url}/v2/_catalog`, { headers: { authorization: auth } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ errors: [{ code: 'UNAUTHORIZED' }] });
  });

  it('lists tags with push dates, digests and sizes from the artifacts', async () => {
    const page = await call('registry.listTags', { connection: 'harbor', repository: 'dev/api' });
    expect(page.vendor).toBe('Harbor');
    expect(page.items.toSorted()).toEqual(['1.0', '1.1', 'stable']);
    const facts = page.facts!;
    expect(facts['1.1']!.digest).toBe(release.digest);
    expect(facts.stable!.digest).toBe(release.digest);
    expect(facts['1.0']!.digest).toBe(old.digest);
    expect(Date.parse(facts['1.0']!.pushedAt!)).toBeLessThan(Date.parse(facts['1.1']!.pushedAt!));
    expect(Date.parse(facts['1.1']!.pushedAt!)).toBeLessThan(Date.parse(facts.stable!.pushedAt!));
    expect(facts['1.0']!.size).toBeGreaterThan(0);
    expect(facts['1.0']!.pulledAt).toBeUndefined();
    expect(harbor.invalid).toEqual([]);
  });

  it("encodes a repository name with a slash twice in Harbor's paths", async () => {
    const page = await call('registry.listTags', { connection: 'harbor', repository: 'dev/tools/lint' });
    expect(page.items).toEqual(['latest']);
    expect(
      harbor.requests.some((r) => r.startsWith('GET /api/v2.0/projects/dev/repositories/tools%252Flint/')),
    ).toBe(true);
  });

  it("gives an image's scan overview, labels, push time, size and its repository's description", async () => {
    const { facts } = await call('registry.imageFacts', {
      connection: 'harbor',
      repository: 'dev/api',
      reference: '1.1',
    });
    expect(facts).toMatchObject({
      vendor: 'Harbor',
      // As Quay's and GitHub's: the image view shows it, not only the repository row's tooltip.
      description: 'The public API',
      size: expect.any(Number),
      pushedAt: expect.any(String),
      labels: [{ name: 'release', color: '#1f8a4c', description: 'Shipped' }],
      scan: {
        status: 'Success',
        scanner: 'Trivy v0.58.1',
        severity: 'High',
        counts: { Critical: 0, High: 2, Medium: 4, Low: 1 },
        fixable: 5,
        completedAt: '2026-12-01T10:00:00.000Z',
      },
    });
    expect(facts?.pulledAt).toBeUndefined();
    const plain = await call('registry.imageFacts', {
      connection: 'harbor',
      repository: 'dev/api',
      reference: old.digest,
    });
    expect(plain.facts).toMatchObject({ vendor: 'Harbor', size: expect.any(Number) });
    expect(plain.facts?.scan).toBeUndefined();
    expect(plain.facts?.labels).toBeUndefined();
    expect(
      await call('registry.imageFacts', { connection: 'harbor', repository: 'alpine', reference: 'latest' }),
    ).toEqual({});
    expect(harbor.invalid).toEqual([]);
  });

  it("searches repositories with Harbor's search, only in projects the login may see", async () => {
    const vendor = await services.vendors.forConnection(services.settings.get('harbor')!);
    const found = await vendor!.search!('a', { limit: 10 });
    expect(found.map((r) => r.name)).toEqual(['dev/api', 'library/busybox']);
    expect(harbor.invalid).toEqual([]);
  });

  it("deletes a tag with Harbor's own tag delete: the image's other tags survive", async () => {
    await pushImage(registry, 'dev/api', 'rc', { seed: 'api-1.1' });
    const result = await call('registry.deleteTag', {
      connection: 'harbor',
      repository: 'dev/api',
      tag: 'rc',
    });
    expect(result).toMatchObject({ tag: 'rc', digest: release.digest, method: 'vendor-tag-delete' });
    expect(result.note).toMatch(/Harbor's own tag delete/);
    expect(
      harbor.validatedByOperation.get(
        'DELETE /projects/{project_name}/repositories/{repository_name}/artifacts/{reference}/tags/{tag_name}',
      ),
    ).toBe(1);
    const tags = await call('registry.listTags', { connection: 'harbor', repository: 'dev/api' });
    expect(tags.items.toSorted()).toEqual(['1.0', '1.1', 'stable']);
    const head = await fetch(`${registry.url}/v2/dev/api/manifests/1.1`, {
      method: 'HEAD',
      headers: { accept: release.mediaType },
    });
    expect(head.headers.get('docker-content-digest')).toBe(release.digest);
  });
});

describe('berth rm on a Harbor connection', () => {
  it("removes only that tag with Harbor's tag delete, and prints no secret", async () => {
    await pushImage(registry, 'dev/api', 'rc2', { seed: 'api-1.1' });
    const cli = new BerthCli(() =>
      keyring.env({ BERTH_DATA_DIR: path.join(dir, 'berth'), BERTH_KEYCHAIN_SERVICE: SERVICE }),
    );
    const removed = await cli.run(['rm', `${harbor.host}/dev/api:rc2`, '--yes', '--json']);
    // The stand-in is plain HTTP on 127.0.0.1: the CLI says so, and says nothing else.
    expect(removed.stderr).toMatch(/^(warning: credentials for \S+ travel over plain HTTP\n)*$/);
    expect(removed.code).toBe(0);
    expect(JSON.parse(removed.stdout)).toMatchObject({
      tag: 'rc2',
      digest: release.digest,
      method: 'vendor-tag-delete',
    });
    expect(cli.transcript.join('\n')).not.toContain(ROBOT_SECRET);
    const tags = await call('registry.listTags', { connection: 'harbor', repository: 'dev/api' });
    expect(tags.items.toSorted()).toEqual(['1.0', '1.1', 'stable']);
    expect(harbor.invalid).toEqual([]);
  });
});

describe('berth repos and tags on a Harbor connection', () => {
  it("say in --json that Harbor's API listed them, beside its facts", async () => {
    const cli = new BerthCli(() =>
      keyring.env({ BERTH_DATA_DIR: path.join(dir, 'berth'), BERTH_KEYCHAIN_SERVICE: SERVICE }),
    );
    const repos = await cli.run(['repos', 'harbor', '--json']);
    expect(repos.code, repos.stderr).toBe(0);
    expect(JSON.parse(repos.stdout)).toMatchObject({
      listedBy: 'Harbor',
      repositories: expect.arrayContaining(['dev/api']),
      facts: { 'dev/api': expect.objectContaining({ artifactCount: expect.any(Number) }) },
    });
    const tags = await cli.run(['tags', `${harbor.host}/dev/api`, '--json']);
    expect(tags.code, tags.stderr).toBe(0);
    expect(JSON.parse(tags.stdout)).toMatchObject({
      listedBy: 'Harbor',
      facts: { '1.1': { digest: release.digest, pushedAt: expect.any(String) } },
    });
    expect(cli.transcript.join('\n')).not.toContain(ROBOT_SECRET);
    expect(harbor.invalid).toEqual([]);
  });
});

describe('Harbor pages', () => {
  it('reads repositories across several pages of 100', async () => {
    const many = await seedManyRepos(registry, 130, 'dev/bulk');
    const names = await allRepositories();
    for (const name of many) expect(names).toContain(name);
    expect(names.filter((name) => name.startsWith('dev/'))).toHaveLength(many.length + 2);
    expect(
      harbor.requests.filter((r) => r.startsWith('GET /api/v2.0/projects/dev/repositories?')).at(-1),
    ).toMatch(/page=2/);
    expect(harbor.invalid).toEqual([]);
  }, 120_000);
});

describe('a Harbor API that misbehaves', () => {
  const projects = (url: URL) => url.pathname === '/api/v2.0/projects';
  async function firstPageError(): Promise<{ code: string; message: string; hint?: string }> {
    const outcome = await api.call('registry.listRepositories', { connection: 'harbor' });
    expect(outcome.ok).toBe(false);
    return (outcome as { error: { code: string; message: string; hint?: string } }).error;
  }
  const cleanup = () => {
    delete harbor.options.override;
  };

  it('says so when it answers garbage instead of JSON', async () => {
    harbor.options.override = (r) =>
      projects(r.url) ? { status: 200, raw: '<html>proxy error' } : undefined;
    try {
      expect(await firstPageError()).toMatchObject({
        code: 'PROTOCOL',
        message: expect.stringMatching(/did not answer JSON/),
      });
    } finally {
      cleanup();
    }
  });

  it('refuses an answer over the size cap without reading it', async () => {
    harbor.options.override = (r) =>
      projects(r.url)
        ? {
            status: 200,
            headers: { 'content-type': 'application/json' },
            raw: Buffer.alloc(17 * 1024 * 1024, 32),
          }
        : undefined;
    try {
      expect(await firstPageError()).toMatchObject({
        code: 'TOO_LARGE',
        message: expect.stringMatching(/over 16 MiB/),
      });
    } finally {
      cleanup();
    }
  });

  it('stops a listing that pages forever through empty pages', async () => {
    harbor.options.override = (r) => {
      if (!projects(r.url)) return undefined;
      const page = Number(r.url.searchParams.get('page') ?? '1');
      return {
        status: 200,
        headers: { link: `</api/v2.0/projects?page=${page + 1}&page_size=100>; rel="next"` },
        json: [],
      };
    };
    try {
      expect(await firstPageError()).toMatchObject({
        message: expect.stringMatching(/empty pages in a row/),
      });
      expect(harbor.requests.filter((r) => r.startsWith('GET /api/v2.0/projects?')).length).toBeLessThan(40);
    } finally {
      cleanup();
    }
  });

  it('never follows a next link to another host', async () => {
    harbor.options.override = (r) =>
      projects(r.url)
        ? {
            status: 200,
            headers: { link: '<http://127.0.0.2:9/api/v2.0/projects?page=2>; rel="next"' },
            json: [],
          }
        : undefined;
    try {
      expect(await firstPageError()).toMatchObject({
        message: expect.stringMatching(/next-page link to another host/),
      });
    } finally {
      cleanup();
    }
  });

  it('falls back to the registry API with a warning when the API refuses the login', async () => {
    harbor.options.override = (r) =>
      projects(r.url)
        ? { status: 401, json: { errors: [{ code: 'UNAUTHORIZED', message: 'unauthorized' }] } }
        : undefined;
    harbor.options.admins = [ROBOT];
    const warnings = services.warnings.length;
    try {
      const page = await call('registry.listRepositories', { connection: 'harbor' });
      expect(page).toMatchObject({ state: 'page' });
      expect(page.state === 'page' && page.vendor).toBeFalsy();
      expect(page.state === 'page' && page.items).toContain('secret/vault');
      expect(services.warnings.slice(warnings).join('\n')).toMatch(
        /The Harbor API refused to list repositories/,
      );
      // The page says so too: the explorer shows it, not only the log.
      expect(page.state === 'page' && page.warning).toMatch(
        /^Listed through the registry API: the Harbor API refused to list repositories \(.+\)$/,
      );
      expect(harbor.invalid).toEqual([]);
    } finally {
      cleanup();
      harbor.options.admins = [];
    }
  });

  it("says the Harbor API refused the login when a member's catalog lists nothing either", async () => {
    harbor.options.override = (r) =>
      projects(r.url)
        ? { status: 401, json: { errors: [{ code: 'UNAUTHORIZED', message: 'unauthorized' }] } }
        : undefined;
    try {
      const page = await call('registry.listRepositories', { connection: 'harbor' });
      expect(page).toMatchObject({
        state: 'open-by-name',
        message: expect.stringMatching(/does not list its repositories — open one by name/),
        hint: expect.stringMatching(
          /^The Harbor API refused this login \(.+\): check that it may use Harbor's API\. Open a repository by name meanwhile\.$/,
        ),
      });
      expect(harbor.invalid).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it('gives up on an answer slower than the connection allows, with a clear sentence', async () => {
    const saved = services.settings.get('harbor')!;
    services.settings.save({ ...saved, timeoutSeconds: 1 });
    services.client.forget(saved.host);
    harbor.options.override = (r) =>
      projects(r.url)
        ? new Promise((resolve) => setTimeout(() => resolve({ status: 200, json: [] }), 4000))
        : undefined;
    try {
      const error = await firstPageError();
      expect(error).toMatchObject({ code: 'NETWORK' });
      expect(error.message).toMatch(/127\.0\.0\.1/);
    } finally {
      cleanup();
      services.settings.save(saved);
      services.client.forget(saved.host);
    }
  }, 30_000);

  it('keeps a secret the API echoes back out of the error the app shows', async () => {
    const basic = Buffer.from(`${ROBOT}:${ROBOT_SECRET}`).toString('base64');
    harbor.options.override = (r) =>
      projects(r.url)
        ? {
            status: 500,
            json: {
              errors: [
                { code: 'UNKNOWN', message: `login ${ROBOT}:${ROBOT_SECRET} (Basic ${basic}) failed` },
              ],
            },
          }
        : undefined;
    try {
      const error = await firstPageError();
      expect(error.message).toMatch(/500|failed/);
      expect(JSON.stringify(error)).not.toContain(ROBOT_SECRET);
      expect(JSON.stringify(error)).not.toContain(basic);
      expect(harbor.invalid).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it('never puts the secret into an error, a warning or an answer', () => {
    expect(services.warnings.join('\n')).not.toContain(ROBOT_SECRET);
    expect(harbor.invalid).toEqual([]);
    console.info(
      `Harbor stand-in: ${harbor.validated} answers validated against swagger.yaml`,
      Object.fromEntries(harbor.validatedByOperation),
    );
  });
});
