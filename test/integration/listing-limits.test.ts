import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PageCursors } from '../../electron/core/api/cursors.js';
import {
  collect,
  listHubRepositories,
  listReferrers,
  listRepositories,
  listTags,
  ListingLimitError,
  NetworkError,
  ProtocolError,
  RegistryClient,
} from '../../electron/core/registry/index.js';
import { CLI, BerthCli } from '../fixtures/berth-cli.js';
import { sendJson, startHostileRegistry, type HostileRegistry } from '../fixtures/hostile-registry.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

const started: HostileRegistry[] = [];
let dataDir: string;
const cli = new BerthCli(() => ({ ...process.env, BERTH_DATA_DIR: dataDir }));

beforeAll(async () => {
  dataDir = await makeTempDir('berth-listing-');
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((registry) => registry.stop()));
});
afterAll(async () => {
  await removeDir(dataDir);
});

async function hostile(...routes: Parameters<typeof startHostileRegistry>[0]): Promise<HostileRegistry> {
  const registry = await startHostileRegistry(routes);
  started.push(registry);
  return registry;
}

function clientFor(registry: HostileRegistry): RegistryClient {
  return new RegistryClient({
    connectionFor: (host) => (host === registry.host ? { host, insecureHttp: true } : undefined),
    certsDRoot: false,
    retry: { baseDelayMs: 20, maxDelayMs: 100 },
  });
}

function randomNames(count: number): string[] {
  return Array.from({ length: count }, () => randomBytes(12).toString('hex'));
}

/** Every page is 1000 names never seen before and a Link to the next: a listing that never ends. */
function endless(key: 'tags' | 'repositories') {
  return (_request: unknown, response: ServerResponse, { url }: { url: URL }) => {
    const page = Number(url.searchParams.get('page') ?? '0') + 1;
    sendJson(
      response,
      200,
      key === 'tags' ? { name: 'team/app', tags: randomNames(1000) } : { repositories: randomNames(1000) },
      { link: `<${url.pathname}?n=1000&page=${page}>; rel="next"` },
    );
  };
}

/** Runs the built CLI and samples its peak RSS (VmHWM) from /proc while it runs. */
function runMeasured(
  args: string[],
): Promise<{ code: number; stderr: string; peakMiB: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const begin = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, BERTH_DATA_DIR: dataDir },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let peakKiB = 0;
    const sample = setInterval(() => {
      readFile(`/proc/${child.pid}/status`, 'utf8')
        .then((status) => {
          const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
          peakKiB = Math.max(peakKiB, hwm);
        })
        .catch(() => undefined);
    }, 25);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sample);
      resolve({ code: code ?? -1, stderr, peakMiB: peakKiB / 1024, seconds: (Date.now() - begin) / 1000 });
    });
  });
}

async function saveConnection(registry: HostileRegistry): Promise<void> {
  const added = await cli.run([
    'registry',
    'add',
    `hostile-${registry.port}`,
    `http://${registry.host}`,
    '--insecure-http',
  ]);
  expect(added.stderr).toBe('');
  expect(added.code).toBe(0);
}

describe('a registry that pages forever', () => {
  it('stops `berth tags` at the tag cap with exit code 1, memory bounded', async () => {
    const registry = await hostile({ path: '/v2/team/app/tags/list', handler: endless('tags') });
    await saveConnection(registry);
    const result = await runMeasured(['tags', `${registry.host}/team/app`]);
    console.log(`berth tags: peak RSS ${result.peakMiB.toFixed(0)} MiB in ${result.seconds.toFixed(1)} s`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^berth: ${registry.host}: stopped listing tags of team/app: .*1,000,000 names in one listing`,
      ),
    );
    expect(result.stderr).toMatch(/hint: .*broken or hostile/);
    const pages = registry.requests.filter((request) => request.path.startsWith('/v2/team/app/tags/list'));
    expect(pages.length).toBe(1001);
    expect(result.peakMiB).toBeLessThan(600);
  }, 240_000);

  it('stops `berth repos` at the repository cap with exit code 1, memory bounded', async () => {
    const registry = await hostile({ path: '/v2/_catalog', handler: endless('repositories') });
    await saveConnection(registry);
    const result = await runMeasured(['repos', registry.host]);
    console.log(`berth repos: peak RSS ${result.peakMiB.toFixed(0)} MiB in ${result.seconds.toFixed(1)} s`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/stopped listing the repository catalog: .*500,000 names in one listing/);
    expect(registry.requests.filter((request) => request.path.startsWith('/v2/_catalog')).length).toBe(501);
    expect(result.peakMiB).toBeLessThan(400);
  }, 240_000);

  it('ends the cursor listing the explorer loads tags through with the cap error', async () => {
    const registry = await hostile({ path: '/v2/team/app/tags/list', handler: endless('tags') });
    const client = clientFor(registry);
    const cursors = new PageCursors();
    let cursor: string | undefined;
    let count = 0;
    const failure = await (async () => {
      try {
        do {
          const page = await cursors.next(
            'tags',
            cursor,
            () => listTags(client, { registry: registry.host, repository: 'team/app' }, { pageSize: 1000 }),
            1000,
          );
          count += page.items.length;
          cursor = page.cursor;
        } while (cursor);
        return undefined;
      } catch (error) {
        return error;
      } finally {
        cursors.close();
        await client.close();
      }
    })();
    expect(failure).toBeInstanceOf(ListingLimitError);
    expect((failure as ListingLimitError).toInfo()).toMatchObject({
      code: 'TOO_LARGE',
      registry: registry.host,
    });
    expect(count).toBe(1_000_000);
  }, 240_000);

  it('stops after a run of empty pages that each link to another', async () => {
    const registry = await hostile({
      path: '/v2/team/app/tags/list',
      handler: (_request, response, { hits }) =>
        sendJson(
          response,
          200,
          { name: 'team/app', tags: [] },
          { link: `</v2/team/app/tags/list?page=${hits}>; rel="next"` },
        ),
    });
    const client = clientFor(registry);
    await expect(
      collect(listTags(client, { registry: registry.host, repository: 'team/app' })),
    ).rejects.toThrow(/10 empty pages in a row/);
    expect(registry.requests.length).toBe(11);
    await client.close();
  });

  it('stops after a run of pages that repeat the same names under ever-new links', async () => {
    const registry = await hostile({
      path: '/v2/team/app/tags/list',
      handler: (_request, response, { hits }) =>
        sendJson(
          response,
          200,
          { name: 'team/app', tags: ['1', '2', '3'] },
          {
            link: `</v2/team/app/tags/list?page=${hits}&nonce=${randomBytes(4).toString('hex')}>; rel="next"`,
          },
        ),
    });
    const client = clientFor(registry);
    await expect(
      collect(listTags(client, { registry: registry.host, repository: 'team/app' })),
    ).rejects.toThrow(/10 pages in a row with nothing new/);
    expect(registry.requests.length).toBe(12);
    await client.close();
  });

  it('honours limits a caller sets', async () => {
    const registry = await hostile({ path: '/v2/_catalog', handler: endless('repositories') });
    const client = clientFor(registry);
    await expect(
      collect(listRepositories(client, registry.host, { limits: { maxPages: 3 } })),
    ).rejects.toThrow(/more than 3 pages in one listing/);
    expect(registry.requests.length).toBe(3);
    await client.close();
  });
});

describe('other listings that page', () => {
  it("stops a Docker Hub namespace listing whose `next` never ends, with the cap's error", async () => {
    const hub = await hostile({
      path: '/v2/namespaces/team/repositories',
      handler: (_request, response, { url, base }) => {
        const page = Number(url.searchParams.get('page') ?? '1');
        sendJson(response, 200, {
          next: `${base}${url.pathname}?page=${page + 1}&page_size=100`,
          results: randomNames(100).map((name) => ({ name, namespace: 'team' })),
        });
      },
    });
    const client = clientFor(hub);
    let count = 0;
    const error = await (async () => {
      for await (const page of listHubRepositories(client, 'team', { hubOrigin: hub.url }))
        count += page.length;
    })().catch((failure: unknown) => failure);
    await client.close();
    expect(error).toBeInstanceOf(ListingLimitError);
    expect((error as Error).message).toMatch(/Docker Hub repositories of team: .*1,000 pages/);
    expect(count).toBe(100_000);
  }, 120_000);

  it('stops a referrers listing that pages forever at the referrers cap', async () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const registry = await hostile({
      path: `/v2/team/app/referrers/${digest}`,
      handler: (_request, response, { hits }) =>
        sendJson(
          response,
          200,
          {
            schemaVersion: 2,
            mediaType: 'application/vnd.oci.image.index.v1+json',
            manifests: randomNames(200).map((name) => ({
              mediaType: 'application/vnd.oci.image.manifest.v1+json',
              digest: `sha256:${name.padEnd(64, '0')}`,
              size: 1,
              artifactType: 'application/example',
            })),
          },
          {
            'content-type': 'application/vnd.oci.image.index.v1+json',
            link: `</v2/team/app/referrers/${digest}?page=${hits}>; rel="next"`,
          },
        ),
    });
    const client = clientFor(registry);
    const error = await listReferrers(client, {
      registry: registry.host,
      repository: 'team/app',
      reference: digest,
    }).catch((failure: unknown) => failure);
    await client.close();
    expect(error).toBeInstanceOf(ListingLimitError);
    expect((error as Error).message).toMatch(/referrers of team\/app@sha256:a+: .*10,000 referrers/);
    expect(registry.requests.length).toBe(51);
  });
});

describe('a page that misbehaves', () => {
  it('refuses a page that announces an enormous body without reading it', async () => {
    const registry = await hostile({
      path: '/v2/team/app/tags/list',
      handler: (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 ** 40) });
        response.write('{"tags":["');
      },
    });
    const client = clientFor(registry);
    await expect(
      collect(listTags(client, { registry: registry.host, repository: 'team/app' })),
    ).rejects.toThrow(/more than 67,108,864 bytes in one page/);
    await client.close();
  });

  it('stops reading a page whose body never ends at the byte cap', async () => {
    let written = 0;
    const registry = await hostile({
      path: '/v2/team/app/tags/list',
      handler: (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"tags":["');
        const chunk = Buffer.alloc(1024 * 1024, 'a');
        const pump = () => {
          while (!response.destroyed && written < 2 ** 31) {
            written += chunk.length;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
        };
        pump();
      },
    });
    const client = clientFor(registry);
    await expect(
      collect(listTags(client, { registry: registry.host, repository: 'team/app' })),
    ).rejects.toBeInstanceOf(ListingLimitError);
    expect(written).toBeLessThan(256 * 1024 * 1024);
    await client.close();
  });

  it('stops a page that trickles forever at the page deadline', async () => {
    const registry = await hostile({
      path: '/v2/team/app/tags/list',
      handler: (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"tags":["a"');
        // A byte every 50 ms keeps any idle timeout quiet, and the page never ends.
        const drip = setInterval(() => (response.destroyed ? clearInterval(drip) : response.write(' ')), 50);
        response.on('close', () => clearInterval(drip));
      },
    });
    const client = clientFor(registry);
    const error = await collect(
      listTags(client, { registry: registry.host, repository: 'team/app' }, { limits: { maxPageMs: 1000 } }),
    ).catch((failure: unknown) => failure);
    await client.close();
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toBe(
      `${registry.host}: one page of tags of team/app took more than 1 s to arrive; stopped listing`,
    );
  });

  it('lets a page that stalls mid-body be cancelled', async () => {
    const registry = await hostile({
      path: '/v2/team/app/tags/list',
      handler: (_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"tags":["a"'); // and nothing more, ever
      },
    });
    const client = clientFor(registry);
    const controller = new AbortController();
    const listing = collect(
      listTags(client, { registry: registry.host, repository: 'team/app' }, { signal: controller.signal }),
    );
    const outcome = listing.then(
      () => 'finished',
      (error: unknown) => error,
    );
    // Cancel once the stalled request is in (the registry recorded it).
    const deadline = Date.now() + 30_000;
    while (!registry.requests.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    const error = await outcome;
    expect(error).not.toBe('finished');
    expect(String((error as Error).name) + String((error as Error).message)).toMatch(/abort|cancel/i);
    await client.close();
  });

  it('sends nothing to another origin a Link points at', async () => {
    const elsewhere = await hostile({
      path: /.*/,
      handler: (_request, response) => sendJson(response, 200, { tags: ['stolen'] }),
    });
    const registry = await hostile({
      path: '/v2/team/app/tags/list',
      handler: (_request, response) =>
        sendJson(
          response,
          200,
          { name: 'team/app', tags: ['1'] },
          {
            link: `<${elsewhere.url}/v2/team/app/tags/list?last=1>; rel="next"`,
          },
        ),
    });
    const client = clientFor(registry);
    await expect(
      collect(listTags(client, { registry: registry.host, repository: 'team/app' })),
    ).rejects.toBeInstanceOf(ProtocolError);
    expect(elsewhere.requests).toEqual([]);
    await client.close();
  });

  it('lists a whole 2.8-style tag list of 300,000 tags sent as one page (no stack overflow)', async () => {
    const tags = randomNames(300_000);
    const registry = await hostile({
      path: '/v2/team/app/tags/list',
      handler: (_request, response) => sendJson(response, 200, { name: 'team/app', tags }),
    });
    await saveConnection(registry);
    const result = await cli.run(['tags', `${registry.host}/team/app`, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { tags: string[] }).tags).toHaveLength(300_000);
  }, 120_000);
});

describe('names no reference can name', () => {
  it('leaves out invalid and repeated repositories and tags, and says how many', async () => {
    const odd = [
      'team/',
      'a\u202Eevil/x',
      '<img src=x onerror=alert(1)>',
      '../../etc',
      'bell\u0007',
      'UPPER',
      '',
    ];
    const registry = await hostile(
      {
        path: '/v2/_catalog',
        handler: (_request, response) =>
          sendJson(response, 200, { repositories: ['team/app', ...odd, 'team/app', 'x'.repeat(256), 'ok'] }),
      },
      {
        path: '/v2/team/app/tags/list',
        handler: (_request, response) =>
          sendJson(response, 200, {
            name: 'team/app',
            tags: ['latest', 'latest', 'v1\u202Eevil', '<b>x</b>', '-dash', 'a'.repeat(129), '1.0'],
          }),
      },
    );
    const warnings: string[] = [];
    const client = new RegistryClient({
      connectionFor: (host) => (host === registry.host ? { host, insecureHttp: true } : undefined),
      certsDRoot: false,
      onWarning: (_host, message) => warnings.push(message),
    });
    try {
      expect(await collect(listRepositories(client, registry.host))).toEqual(['team/app', 'ok']);
      expect(await collect(listTags(client, { registry: registry.host, repository: 'team/app' }))).toEqual([
        'latest',
        '1.0',
      ]);
      expect(warnings).toEqual([
        expect.stringMatching(/: 9 names in the repository catalog repeated or not valid, left out$/),
        expect.stringMatching(/: 5 names in tags of team\/app repeated or not valid, left out$/),
      ]);
    } finally {
      await client.close();
    }
  });
});
