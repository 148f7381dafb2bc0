import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthCli } from '../fixtures/berth-cli.js';
import { runCommand } from '../fixtures/process.js';
import { sendJson, startHostileRegistry, type HostileRegistry } from '../fixtures/hostile-registry.js';
import { pushImage } from '../fixtures/images.js';
import { startKeyring, type KeyringHandle } from '../fixtures/keyring.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const PASSWORD = 'wonderland-pass';
const keychainService = `BerthTest-cli-search-${randomUUID()}`;
let keyring: KeyringHandle;
let root: string;
let dataDir: string;
let plain: RegistryHandle;
let token: RegistryHandle;
let broken: HostileRegistry;

const cliIn = (dir: () => string) =>
  new BerthCli(() => keyring.env({ BERTH_DATA_DIR: dir(), BERTH_KEYCHAIN_SERVICE: keychainService }));
const cli = cliIn(() => dataDir);
const berth = (args: string[], input?: string) => cli.run(args, input);

beforeAll(async () => {
  keyring = await startKeyring();
  root = await makeTempDir('berth-cli-search-');
  dataDir = path.join(root, 'data');
  [plain, token] = await Promise.all([startRegistry(), startRegistry({ auth: 'token' })]);
  await Promise.all([
    pushImage(plain, 'team/web-app', '1'),
    pushImage(plain, 'team/db', '1'),
    pushImage(token, 'tools/app-cli', '1'),
  ]);
  broken = await startHostileRegistry([
    {
      path: '/v2/_catalog',
      handler: (_request, response: ServerResponse) =>
        sendJson(response, 500, { errors: [{ code: 'UNKNOWN', message: 'database down' }] }),
    },
  ]);
  for (const args of [
    ['registry', 'add', 'plain', `http://${plain.host}`],
    ['registry', 'add', 'token', `http://${token.host}`, '--username', 'alice', '--password-stdin'],
  ]) {
    const added = await berth(args, PASSWORD);
    expect(added.code, added.stderr).toBe(0);
  }
});

afterAll(async () => {
  await Promise.all([plain?.stop(), token?.stop(), broken?.stop()]);
  await keyring?.stop();
  await removeDir(root);
});

describe('berth search', () => {
  it('lists the registries first when their index is missing, then finds names across them', async () => {
    await rm(path.join(dataDir, 'search-index.json'), { force: true });
    const first = await berth(['search', 'app']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(
      /listing plain, token first: their search index is older than 10 minutes or missing/,
    );
    const lines = first.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^REFERENCE\s+CONNECTION\s+FROM$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/).slice(0, 2).join(' '))).toEqual(
      expect.arrayContaining([`${plain.host}/team/web-app plain`, `${token.host}/tools/app-cli token`]),
    );
    expect(first.stdout).not.toContain('team/db');
    // Fresh now: the second search answers from the index without listing.
    const second = await berth(['search', 'app']);
    expect(second.code).toBe(0);
    expect(second.stderr).toBe('');
    expect(second.stdout).toBe(first.stdout);
  });

  it('prints stable JSON, for one registry with --registry', async () => {
    const result = await berth(['search', 'APP web', '--registry', 'plain', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      query: 'APP web',
      refreshed: [],
      results: [
        {
          connection: 'plain',
          reference: `${plain.host}/team/web-app`,
          repository: 'team/web-app',
          source: 'index',
          starred: false,
        },
      ],
      failed: [],
    });
  });

  it('exits 0 with no results, as the listing commands do, and says so on stderr', async () => {
    const text = await berth(['search', 'nothing-like-this']);
    expect(text).toMatchObject({ code: 0, stdout: '' });
    expect(text.stderr).toMatch(/no repository matches "nothing-like-this"/);
    const json = await berth(['search', 'nothing-like-this', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ results: [], failed: [] });
  });

  it('exits 1 on a usage error, before anything is read', async () => {
    for (const args of [
      ['search'],
      ['search', '   '],
      ['search', 'app', '--registry', 'nope'],
      ['search', 'x'.repeat(300)],
    ]) {
      const result = await berth(args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toMatch(/^berth: /);
      expect(result.stderr).toMatch(/\nhint: /);
      expect(result.stdout).toBe('');
    }
  });

  it('names a registry that could not be listed and still answers from the others', async () => {
    const dir = path.join(root, 'broken');
    const brokenCli = cliIn(() => dir);
    const added = await brokenCli.run(['registry', 'add', 'broken', `http://${broken.host}`]);
    expect(added.code, added.stderr).toBe(0);
    expect((await brokenCli.run(['registry', 'add', 'plain', `http://${plain.host}`])).code).toBe(0);
    const result = await brokenCli.run(['search', 'web', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const answer = JSON.parse(result.stdout) as {
      results: { connection: string }[];
      failed: { connection: string; message: string }[];
    };
    expect(answer.results.map((entry) => entry.connection)).toEqual(['plain']);
    expect(answer.failed).toEqual([{ connection: 'broken', message: expect.stringContaining(broken.host) }]);
    const text = await brokenCli.run(['search', 'web']);
    expect(text.code).toBe(0);
    expect(text.stderr).toMatch(
      /warning: broken could not be listed \(older names, if any, were searched\): /,
    );
  });

  it('exits 1 when no registry could be searched (one that is down), not as if nothing matched', async () => {
    const dir = path.join(root, 'down');
    const downCli = cliIn(() => dir);
    const gone = await startRegistry();
    expect((await downCli.run(['registry', 'add', 'gone', `http://${gone.host}`])).code).toBe(0);
    expect((await downCli.run(['registry', 'add', 'plain', `http://${plain.host}`])).code).toBe(0);
    await gone.stop();
    const only = await downCli.run(['search', 'web', '--registry', 'gone', '--json']);
    expect(only.code, only.stderr).toBe(1);
    expect(JSON.parse(only.stdout)).toMatchObject({ results: [], failed: [{ connection: 'gone' }] });
    expect(only.stderr).toMatch(/\nberth: gone could not be searched: .*connection refused\nhint: /);
    // Its failure is recorded in the index: a second search does not list again, and still fails.
    const again = await downCli.run(['search', 'web', '--registry', 'gone']);
    expect(again).toMatchObject({ code: 1, stdout: '' });
    expect(again.stderr).not.toMatch(/no repository matches/);
    // With a registry that answered, a miss is a miss: exit 0.
    const both = await downCli.run(['search', 'nothing-like-this']);
    expect(both.code, both.stderr).toBe(0);
    expect(both.stderr).toMatch(/no repository matches/);
  });

  it('loses nothing when two processes update the index at once', async () => {
    const dir = path.join(root, 'concurrent');
    await mkdir(dir, { recursive: true });
    await copyFile(path.join(dataDir, 'config.json'), path.join(dir, 'config.json'));
    const shared = cliIn(() => dir);
    for (let round = 0; round < 3; round++) {
      await rm(path.join(dir, 'search-index.json'), { force: true });
      const results = await Promise.all([
        shared.run(['search', 'app', '--registry', 'plain', '--json']),
        shared.run(['search', 'app', '--registry', 'token', '--json']),
        shared.run(['search', 'db', '--registry', 'plain', '--json']),
        shared.run(['search', 'cli', '--registry', 'token', '--json']),
      ]);
      for (const result of results) expect(result.code, result.stderr).toBe(0);
      const index = JSON.parse(await readFile(path.join(dir, 'search-index.json'), 'utf8')) as {
        connections: Record<string, { names: string[] }>;
      };
      expect(index.connections.plain?.names.sort()).toEqual(['team/db', 'team/web-app']);
      expect(index.connections.token?.names).toEqual(['tools/app-cli']);
    }
  });

  it('keeps every name when two processes add to the index in a tight loop', async () => {
    const dir = path.join(root, 'tight');
    await mkdir(dir, { recursive: true });
    const built = path.resolve('dist/electron/core/search/index.js');
    // Each process adds 200 names to its own connection, one read-modify-write at a time.
    const writer = (connection: string) => `
      const { SearchIndex } = await import(${JSON.stringify(built)});
      const index = new SearchIndex(${JSON.stringify(dir)});
      const saved = new Set(['one', 'two']);
      for (let n = 0; n < 200; n++) await index.add(saved, '${connection}', 'h', ['${connection}/r' + n]);
    `;
    const results = await Promise.all(
      ['one', 'two'].map((connection) =>
        runCommand(process.execPath, ['--input-type=module', '-e', writer(connection)], {
          timeoutMs: 120_000,
        }),
      ),
    );
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    const index = JSON.parse(await readFile(path.join(dir, 'search-index.json'), 'utf8')) as {
      connections: Record<string, { names: string[] }>;
    };
    expect(index.connections.one?.names).toHaveLength(200);
    expect(index.connections.two?.names).toHaveLength(200);
  });
});
