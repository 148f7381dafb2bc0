import { lstat, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultStagingDir,
  removeStaleStaged,
  stageFile,
  STAGED_LIFETIME_MS,
} from '../../electron/core/staging/index.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

let dir: string;

beforeAll(async () => {
  dir = await makeTempDir('staging');
});

afterAll(async () => {
  if (dir) await removeDir(dir);
});

async function age(file: string, milliseconds: number): Promise<void> {
  const then = new Date(Date.now() - milliseconds);
  await utimes(file, then, then);
}

describe('files staged for elevated commands', () => {
  it('writes each one to a new file that the elevated copy can read', async () => {
    const first = await stageFile('daemon.json', '{"debug": true}', { dir });
    const second = await stageFile('daemon.json', '{}', { dir });
    expect(first).not.toBe(second);
    expect(path.dirname(first)).toBe(dir);
    expect(path.basename(first)).toMatch(/^berth-staged-[0-9a-f]{12}-daemon\.json$/);
    expect(await readFile(first, 'utf8')).toBe('{"debug": true}');
    expect((await lstat(first)).mode & 0o777).toBe(0o644);
  });

  it('keeps a file younger than a day (its printed command may not have run yet) and removes older ones', async () => {
    const fresh = await stageFile('ca.crt', 'fresh', { dir });
    const stale = await stageFile('ca.crt', 'stale', { dir });
    const notOurs = path.join(dir, 'notes.txt');
    await writeFile(notOurs, 'the user’s');
    await age(fresh, STAGED_LIFETIME_MS - 60 * 60 * 1000);
    await age(stale, STAGED_LIFETIME_MS + 60 * 1000);
    await age(notOurs, 10 * STAGED_LIFETIME_MS);

    const next = await stageFile('ca.crt', 'next', { dir });
    const left = await readdir(dir);
    expect(left).toContain(path.basename(fresh));
    expect(left).toContain(path.basename(next));
    expect(left).toContain('notes.txt');
    expect(left).not.toContain(path.basename(stale));
    expect(await removeStaleStaged(dir)).toEqual([]);
  });

  it("stages in Berth's own folder, which only this user may open", async () => {
    const file = await stageFile('ca.crt', 'pem');
    try {
      expect(path.dirname(file)).toBe(defaultStagingDir());
      const folder = await lstat(defaultStagingDir());
      expect(folder.isDirectory()).toBe(true);
      if (process.getuid) {
        expect(folder.uid).toBe(process.getuid());
        expect(folder.mode & 0o777).toBe(0o700);
      }
    } finally {
      await rm(file, { force: true });
    }
  });
});
