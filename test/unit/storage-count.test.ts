// The disk-use count on a registry's card walks its storage folder within a budget: a folder of very many
// files gives a lower bound, said as such, instead of a walk that holds the card (and main) for minutes.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countStorage, storageSize } from '../../electron/core/registry-server/storage-size.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-storage-count-'));
  for (let folder = 0; folder < 5; folder++) {
    const sub = path.join(dir, 'blobs', `f${folder}`);
    await mkdir(sub, { recursive: true });
    for (let file = 0; file < 20; file++) await writeFile(path.join(sub, `b${file}`), Buffer.alloc(100));
  }
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('counting a storage folder', () => {
  it('counts every file when the budget allows, and follows no link (a loop ends)', async () => {
    await symlink(dir, path.join(dir, 'blobs', 'loop'));
    expect(await countStorage(dir, { maxEntries: 10_000, deadline: Date.now() + 60_000 })).toEqual({
      bytes: 100 * 100,
      isComplete: true,
    });
    expect(await storageSize(dir)).toBe(100 * 100);
  });

  it('stops at its entry budget and says the figure is a lower bound', async () => {
    const counted = await countStorage(dir, { maxEntries: 30, deadline: Date.now() + 60_000 });
    expect(counted.isComplete).toBe(false);
    expect(counted.bytes).toBeLessThan(100 * 100);
  });

  it('stops at its deadline', async () => {
    const counted = await countStorage(dir, { maxEntries: 10_000, deadline: Date.now() - 1 });
    expect(counted).toEqual({ bytes: 0, isComplete: false });
  });

  it('counts a folder that does not exist as empty', async () => {
    expect(await countStorage(path.join(dir, 'missing'))).toEqual({ bytes: 0, isComplete: true });
  });
});
