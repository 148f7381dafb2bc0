// The locked, atomic file write every shared Berth file goes through (electron/core/files).
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockFileOf, updateFile, withFileLock, withFileLockSync } from '../../electron/core/files/index.js';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'berth-locked-file-'));
  file = path.join(dir, 'shared.txt');
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

/** The pid of a process that has exited (and was reaped), as a crashed writer leaves it. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

/** What a lock file holds when its writer crashed: this machine, a pid that is gone. */
async function crashedOwner(): Promise<string> {
  return JSON.stringify({
    pid: await deadPid(),
    host: os.hostname(),
    token: 'crashed',
    since: new Date().toISOString(),
  });
}

const appendLine = (line: string) => (current: Buffer | undefined) => `${current?.toString() ?? ''}${line}\n`;

describe('updateFile', () => {
  it('keeps every one of 6 parallel read-modify-writes, 20 rounds', async () => {
    for (let round = 0; round < 20; round++) {
      await Promise.all(
        Array.from({ length: 6 }, (_, writer) => updateFile(file, appendLine(`${round}-${writer}`))),
      );
      const lines = (await readFile(file, 'utf8')).trim().split('\n');
      expect(lines).toHaveLength((round + 1) * 6);
    }
    const lines = new Set((await readFile(file, 'utf8')).trim().split('\n'));
    for (let round = 0; round < 20; round++)
      for (let writer = 0; writer < 6; writer++) expect(lines.has(`${round}-${writer}`)).toBe(true);
    expect(await readdir(dir)).toEqual(['shared.txt']);
  });

  it('keeps the mode it is given, whatever the umask', async () => {
    await updateFile(file, () => 'secret\n', { mode: 0o600 });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('leaves the file as it was when the change fails, and releases the lock', async () => {
    await writeFile(file, 'before\n');
    await expect(
      updateFile(file, () => {
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await readFile(file, 'utf8')).toBe('before\n');
    await updateFile(file, appendLine('after'));
    expect(await readFile(file, 'utf8')).toBe('before\nafter\n');
  });
});

describe('the lock file', () => {
  it('is taken over when the process holding it is dead', async () => {
    await writeFile(lockFileOf(file), await crashedOwner());
    await updateFile(file, appendLine('written'), { waitMs: 60_000 });
    expect(await readFile(file, 'utf8')).toBe('written\n');
    expect(await readdir(dir)).toEqual(['shared.txt']);
  });

  it('is taken over when not refreshed for the stale time, even with a live pid', async () => {
    await writeFile(
      lockFileOf(file),
      JSON.stringify({
        pid: process.ppid,
        host: os.hostname(),
        token: 'hung',
        since: '2026-01-01T00:00:00Z',
      }),
    );
    const old = new Date(Date.now() - 120_000);
    await utimes(lockFileOf(file), old, old);
    await updateFile(file, appendLine('written'), { staleMs: 30_000, waitMs: 60_000 });
    expect(await readFile(file, 'utf8')).toBe('written\n');
  });

  it('is waited for while a live process holds it, then refused with who holds it', async () => {
    await writeFile(
      lockFileOf(file),
      JSON.stringify({
        pid: process.ppid,
        host: os.hostname(),
        token: 'busy',
        since: new Date().toISOString(),
      }),
    );
    const refused = await updateFile(file, appendLine('never'), { waitMs: 300 }).catch(
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({
      code: 'CONFIG',
      hint: expect.stringContaining(lockFileOf(file)) as unknown,
    });
    expect((refused as Error).message).toContain(`being written by another Berth (process ${process.ppid})`);
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
    // The lock of the other process is left alone.
    expect(JSON.parse(await readFile(lockFileOf(file), 'utf8'))).toMatchObject({ token: 'busy' });
  });

  it('stops waiting when its signal is aborted (a cancelled copy), and runs nothing', async () => {
    await writeFile(
      lockFileOf(file),
      JSON.stringify({
        pid: process.ppid,
        host: os.hostname(),
        token: 'busy',
        since: new Date().toISOString(),
      }),
    );
    const started = Date.now();
    let ran = false;
    const stopped = await withFileLock(
      file,
      async () => {
        ran = true;
      },
      { waitMs: 30_000, signal: AbortSignal.timeout(200) },
    ).catch((error: unknown) => error);
    expect((stopped as Error).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(ran).toBe(false);
    expect(JSON.parse(await readFile(lockFileOf(file), 'utf8'))).toMatchObject({ token: 'busy' });
  });

  it('lets one writer at a time run, in the order they came', async () => {
    const order: string[] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        withFileLock(file, async () => {
          order.push(`${name} in`);
          await new Promise((resolve) => setImmediate(resolve));
          order.push(`${name} out`);
        }),
      ),
    );
    expect(order).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
  });

  it('is taken over from a dead process within seconds when a killed breaker left its .break file', async () => {
    // A process killed while breaking a stale lock leaves `.break` behind; it is held for milliseconds,
    // so the next writer neither waits the whole stale time (30 s) nor spins on it meanwhile.
    await writeFile(lockFileOf(file), await crashedOwner());
    await writeFile(`${lockFileOf(file)}.break`, '');
    let started = Date.now();
    const cpu = process.cpuUsage();
    await updateFile(file, appendLine('written'), { waitMs: 60_000 });
    const used = process.cpuUsage(cpu);
    expect(Date.now() - started).toBeLessThan(20_000);
    // Waiting is sleeping: well under a second of CPU for the ~5 s wait, even on a loaded machine.
    expect((used.user + used.system) / 1000).toBeLessThan(1_500);
    expect(await readdir(dir)).toEqual(['shared.txt']);

    await writeFile(lockFileOf(file), await crashedOwner());
    await writeFile(`${lockFileOf(file)}.break`, '');
    started = Date.now();
    expect(withFileLockSync(file, () => 'ran')).toBe('ran');
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await readdir(dir)).toEqual(['shared.txt']);
  }, 90_000);

  it('is taken over within seconds when empty (its owner died between creating and filling it)', async () => {
    const sixSecondsAgo = new Date(Date.now() - 6_000);
    await writeFile(lockFileOf(file), '');
    await utimes(lockFileOf(file), sixSecondsAgo, sixSecondsAgo);
    let started = Date.now();
    await updateFile(file, appendLine('written'), { waitMs: 60_000 });
    expect(Date.now() - started).toBeLessThan(10_000);

    await writeFile(lockFileOf(file), '');
    await utimes(lockFileOf(file), sixSecondsAgo, sixSecondsAgo);
    started = Date.now();
    expect(withFileLockSync(file, () => 'ran')).toBe('ran');
    expect(Date.now() - started).toBeLessThan(10_000);

    // A fresh empty lock is an owner about to write it: it is waited for.
    await writeFile(lockFileOf(file), '');
    await expect(updateFile(file, appendLine('again'), { waitMs: 300 })).rejects.toThrow(/gave up/);
    expect(await readFile(file, 'utf8')).toBe('written\n');
  }, 60_000);

  it('is taken over from a dead process by a synchronous writer too, and removed after', async () => {
    await writeFile(lockFileOf(file), await crashedOwner());
    expect(withFileLockSync(file, () => 'ran')).toBe('ran');
    expect(await readdir(dir)).toEqual([]);
  });
});
