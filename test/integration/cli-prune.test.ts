// berth prune: the dry run prints every tag with stays/goes and why and deletes nothing; --json is plain data;
// a real run with --yes deletes exactly the previewed tags (skopeo checks the rest); --rule runs a saved rule.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../electron/core/settings/index.js';
import { BerthCli } from '../fixtures/berth-cli.js';
import { skopeo } from '../fixtures/berth-client.js';
import { pushImage } from '../fixtures/images.js';
import { freePort, makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

let dataDir: string;
let registry: RegistryHandle;

const cli = new BerthCli(() => ({
  ...process.env,
  BERTH_DATA_DIR: dataDir,
  DOCKER_HOST: 'unix:///nonexistent/docker.sock',
  DOCKER_CONFIG: path.join(dataDir, 'docker-config'),
  DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(dataDir, 'no-bus')}`,
  COLUMNS: '200',
}));

async function skopeoTags(repository: string): Promise<string[]> {
  const out = JSON.parse(await skopeo(registry, 'list-tags', `docker://${registry.host}/${repository}`)) as {
    Tags: string[];
  };
  return out.Tags.sort();
}

beforeAll(async () => {
  dataDir = await makeTempDir('berth-cli-prune-');
  registry = await startRegistry({ auth: 'none', deleteEnabled: true });
  for (const [tag, days] of [
    ['build-1', 90],
    ['build-2', 60],
    ['build-3', 3],
    ['latest', 90],
  ] as const)
    await pushImage(registry, 'team/app', tag, { created: daysAgo(days) });
  await pushImage(registry, 'team/web', 'build-1', { created: daysAgo(90) });
  const added = await cli.run(['registry', 'add', 'local', `http://${registry.host}`]);
  if (added.code !== 0) throw new Error(added.stderr);
}, 120_000);

afterAll(async () => {
  await registry?.stop();
  await removeDir(dataDir);
});

describe('berth prune', () => {
  it('prints the preview on a dry run and deletes nothing', async () => {
    const result = await cli.run(['prune', `${registry.host}/team/app`, '--older-than', '30d', '--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /team\/app:build-1 +goes +\d{4}-\d\d-\d\d \d\d:\d\d \(built\) +older than 30d/,
    );
    expect(result.stdout).toMatch(/team\/app:build-3 +stays .* younger than 30d/);
    expect(result.stdout).toMatch(/team\/app:latest +stays .* protected by latest/);
    expect(result.stdout).toMatch(/2 of 4 tags go in 1 repository; .* become collectable\./);
    expect(await skopeoTags('team/app')).toEqual(['build-1', 'build-2', 'build-3', 'latest']);
  });

  it('answers --json with the preview as plain data', async () => {
    const result = await cli.run(['prune', `${registry.host}/team/*`, '--keep', '1', '--dry-run', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as { preview: { repositories: string[]; tags: unknown[] } };
    expect(json.preview.repositories.sort()).toEqual(['team/app', 'team/web']);
    expect(json.preview.tags).toHaveLength(5);
  });

  it('deletes exactly the previewed tags with --yes, and runs a saved rule by name', async () => {
    const result = await cli.run(['prune', `${registry.host}/team/app`, '--older-than', '30d', '--yes']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Cleaned up .*: 2 deleted, 0 skipped, 0 failed\./);
    expect(await skopeoTags('team/app')).toEqual(['build-3', 'latest']);
    expect(await skopeoTags('team/web')).toEqual(['build-1']);

    new SettingsStore(dataDir).saveCleanupRule({
      name: 'web',
      connection: 'local',
      repositories: 'team/web',
      keep: 0,
      protect: [],
    });
    const listed = await cli.run(['prune', '--list-rules']);
    expect(listed.stdout).toMatch(/^web +local +team\/web +0/m);
    const ran = await cli.run(['prune', '--rule', 'web', '--yes', '--json']);
    expect(ran.code, ran.stderr).toBe(0);
    const json = JSON.parse(ran.stdout) as { summary: { rule: string; deleted: { tag: string }[] } };
    expect(json.summary.rule).toBe('web');
    expect(json.summary.deleted.map((entry) => entry.tag)).toEqual(['build-1']);
  });

  it('on a registry of your own, names the collection that gives the space back, and that one does', async () => {
    const port = await freePort();
    const created = await cli.run([
      'server',
      'create',
      'own',
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--tls',
      'none',
      '--runtime',
      'process',
    ]);
    expect(created.code, created.stderr).toBe(0);
    try {
      const own = { ...registry, host: `127.0.0.1:${port}`, url: `http://127.0.0.1:${port}` };
      await pushImage(own, 'team/big', 'build-1', { layerSize: 256 * 1024, created: daysAgo(9) });
      await pushImage(own, 'team/big', 'build-2', { layerSize: 256 * 1024, created: daysAgo(1) });
      const pruned = await cli.run(['prune', `127.0.0.1:${port}/team/big`, '--keep', '1', '--yes']);
      expect(pruned.code, pruned.stderr).toBe(0);
      const hint = /berth server gc own( --delete-untagged)?\b/.exec(pruned.stdout);
      expect(hint?.[0]).toBe('berth server gc own --delete-untagged');
      // Doing what it says gives back the deleted image's layers, not only a few small files.
      const collected = await cli.run([...hint![0].split(' ').slice(1), '--json']);
      expect(collected.code, collected.stderr).toBe(0);
      expect((JSON.parse(collected.stdout) as { bytesReclaimed: number }).bytesReclaimed).toBeGreaterThan(
        256 * 1024,
      );
    } finally {
      await cli.run(['server', 'rm', 'own', '--delete-data']);
    }
  });

  it('says in --help that --older-than deletes only older tags (not that it keeps them)', async () => {
    const help = await cli.run(['prune', '--help']);
    expect(help.stdout.replace(/\s+/g, ' ')).toMatch(
      /--older-than <age> delete only tags older than AGE; younger ones stay/,
    );
    const du = await cli.run(['du', '--help']);
    expect(du.stdout.replace(/\s+/g, ' ')).toMatch(
      /--top <n> repositories and images listed, or one repository's tags/,
    );
  });

  it('refuses a rule and the options of a typed one together, and bad values, before any request', async () => {
    for (const args of [
      ['prune', '--rule', 'web', `${registry.host}/team/app`],
      ['prune', `${registry.host}/team/app`, '--keep', '-1'],
      ['prune', `${registry.host}/team/app`, '--older-than', '1y'],
      ['prune', `${registry.host}/team/app`, '--keep', '1', '--match', 'a b'],
      ['prune', `${registry.host}/team/app`],
      ['prune', 'team-app', '--keep', '1'],
    ]) {
      const result = await cli.run(args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toMatch(/^berth: .*\nhint: /m);
    }
  });
});
