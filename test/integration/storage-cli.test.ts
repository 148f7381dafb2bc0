// `berth du` as a reader runs it (the built CLI): a table of repositories with the total counting each
// blob once, `--top`, and `--json` as plain data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthCli } from '../fixtures/berth-cli.js';
import { MEDIA_TYPES, pushImage } from '../fixtures/images.js';
import { freePort, makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let dataDir: string;
let registry: RegistryHandle;
const cli = new BerthCli(() => ({ ...process.env, BERTH_DATA_DIR: dataDir }));

beforeAll(async () => {
  dataDir = await makeTempDir('storage-cli');
  registry = await startRegistry({ auth: 'none' });
  await pushImage(registry, 'team/app', '1', {
    seed: 'cli-app',
    layers: 2,
    layerSize: 8 * 1024,
    sharedLayers: 1,
  });
  await pushImage(registry, 'team/api', '1', {
    seed: 'cli-app',
    layers: 1,
    layerSize: 8 * 1024,
    sharedLayers: 1,
    platform: { os: 'linux', architecture: 'arm64' },
  });
  await pushImage(registry, 'tools/lint', '1', { seed: 'cli-lint', layers: 1, layerSize: 1024 });
  // Two tags of one repository sharing a base layer (and nothing with another repository).
  await pushImage(registry, 'tools/base', '1', {
    seed: 'cli-base',
    layers: 2,
    layerSize: 4 * 1024,
    sharedLayers: 1,
  });
  await pushImage(registry, 'tools/base', '2', {
    seed: 'cli-base',
    layers: 3,
    layerSize: 4 * 1024,
    sharedLayers: 1,
    platform: { os: 'linux', architecture: 'arm64' },
  });
  const added = await cli.run(['registry', 'add', 'src', `http://${registry.host}`]);
  if (added.code !== 0) throw new Error(added.stderr);
}, 120_000);

afterAll(async () => {
  await registry?.stop();
  if (dataDir) await removeDir(dataDir);
});

describe('berth du', () => {
  it('prints repositories by bytes, shared bytes, tags and the total counting each blob once', async () => {
    const result = await cli.run(['du', 'src']);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^REPOSITORY +BYTES +SHARED +TAGS$/));
    const app = lines.findIndex((line) => /^team\/app +\d/.test(line));
    const api = lines.findIndex((line) => /^team\/api +\d/.test(line));
    const lint = lines.findIndex((line) => /^tools\/lint +\d/.test(line));
    expect(app).toBeGreaterThan(0);
    expect(app).toBeLessThan(api);
    expect(api).toBeLessThan(lint);
    expect(lines[lint]).toMatch(/ - +1$/);
    expect(result.stdout).toMatch(
      /^Total: .* in 4 repositories, each blob once \(.* shared between repositories\)$/m,
    );
    expect(result.stdout).toMatch(/^Untagged manifests: not known through the registry API/m);

    const top = await cli.run(['du', 'src', '--top', '1']);
    expect(top.stdout).toMatch(/^… 3 more \(--top N, or --json for all\)$/m);
  });

  it("lists one repository's tags by size, and calls shared what several of its tags reach", async () => {
    const result = await cli.run(['du', `${registry.host}/tools/base`]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^TAG +BYTES +SHARED WITH OTHER TAGS +DIGEST$/));
    const two = lines.findIndex((line) => /^2 +\d.* KiB +\d.* KiB +sha256:[0-9a-f]{64}$/.test(line));
    const one = lines.findIndex((line) => /^1 +\d.* KiB +\d.* KiB +sha256:[0-9a-f]{64}$/.test(line));
    expect(two).toBeGreaterThan(0);
    expect(one).toBeGreaterThan(two);
    expect(result.stdout).toMatch(
      /^Total: .* in 1 repository, each blob once \(.* shared by several of its tags\)$/m,
    );
    expect(result.stdout).not.toMatch(/between repositories/);

    const top = await cli.run(['du', `${registry.host}/tools/base`, '--top', '1']);
    expect(top.stdout).toMatch(/^… 1 more tags \(--top N, or --json for all\)$/m);
  });

  it("reads nothing through a pull-through cache of your own (its tags are the upstream's), and says where its repositories are named", async () => {
    const port = await freePort();
    const created = await cli.run([
      'server',
      'create',
      'cache',
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--tls',
      'none',
      '--runtime',
      'process',
      '--proxy',
      `http://${registry.host}`,
    ]);
    expect(created.code, created.stderr).toBe(0);
    try {
      // A pull through the cache: it now holds team/app.
      const pulled = await fetch(`http://127.0.0.1:${port}/v2/team/app/manifests/1`, {
        headers: { accept: `${MEDIA_TYPES.oci.manifest}, ${MEDIA_TYPES.docker.manifest}` },
      });
      expect(pulled.status).toBe(200);
      await pulled.arrayBuffer();
      const shown = await cli.run(['server', 'show', 'cache']);
      expect(shown.stdout).toMatch(/holds 1 repository: team\/app$/m);
      const result = await cli.run(['du', 'cache']);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(
        /^Note: cache is a pull-through cache of http:\/\/127\.0\.0\.1:\d+: its tags are the upstream's, .* berth server show cache name the repositories it holds$/m,
      );
      // Nothing was read through the cache (each read would fetch from the upstream).
      expect(result.stdout).toMatch(/^0 manifests read for 0 tags/m);
      const one = await cli.run(['du', 'cache/team/app']);
      expect(one.stdout).toMatch(/^0 manifests read for 0 tags/m);
    } finally {
      await cli.run(['server', 'rm', 'cache', '--delete-data']);
    }
  });

  it('answers --json with the whole report as plain data', async () => {
    const result = await cli.run(['du', `${registry.host}/team/app`, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as {
      repository: string;
      totalBytes: number;
      repositories: { name: string; bytes: number; tags: { tag: string; bytes: number }[] }[];
    };
    expect(report.repository).toBe('team/app');
    expect(report.repositories).toHaveLength(1);
    expect(report.repositories[0]?.tags.map((tag) => tag.tag)).toEqual(['1']);
    expect(report.totalBytes).toBe(report.repositories[0]?.bytes);
  });
});
