// The blob-location cache file, shared by the copy jobs of one process and by the CLI and the app.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobLocationCache } from '../../electron/core/copy/index.js';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'berth-blob-cache-'));
  file = path.join(dir, 'blob-locations.json');
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const digest = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;

describe('the blob-location cache file', () => {
  it("keeps both processes' sightings when two caches loaded before either saved", async () => {
    const app = new BlobLocationCache(file);
    const cli = new BlobLocationCache(file);
    expect(await app.repositoriesWith('r.example', digest(1))).toEqual([]);
    expect(await cli.repositoriesWith('r.example', digest(1))).toEqual([]);
    await app.record({ registry: 'r.example', repository: 'team/app' }, digest(1));
    await app.save();
    await cli.record({ registry: 'r.example', repository: 'team/cli' }, digest(2));
    await cli.record({ registry: 'r.example', repository: 'team/cli' }, digest(1));
    await cli.save();
    const later = new BlobLocationCache(file);
    expect(await later.repositoriesWith('r.example', digest(1))).toEqual(['team/cli', 'team/app']);
    expect(await later.repositoriesWith('r.example', digest(2))).toEqual(['team/cli']);
  });

  it('stays valid JSON with every sighting when 6 jobs save at once, 20 rounds', async () => {
    const cache = new BlobLocationCache(file);
    for (let round = 0; round < 20; round++) {
      await Promise.all(
        Array.from({ length: 6 }, async (_, job) => {
          await cache.record({ registry: 'r.example', repository: `repo-${job}` }, digest(round * 6 + job));
          await cache.save();
        }),
      );
      const onDisk = JSON.parse(await readFile(file, 'utf8')) as Record<string, Record<string, string[]>>;
      expect(Object.keys(onDisk['r.example']!)).toHaveLength((round + 1) * 6);
    }
    expect(await readdir(dir)).toEqual(['blob-locations.json']);
  });
});
