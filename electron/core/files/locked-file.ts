// A locked, atomic file write: for every file Berth writes that two writers can share (daemon.json,
// htpasswd, server.json, the blob-location cache), within one process and across processes (the CLI,
// the app and the browser host run side by side on one data folder).
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { lstat, open, readFile, readlink, rename, stat, unlink, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BerthError } from '../errors.js';

/** What a lock file holds: who took it. Its mtime is refreshed while the holder works. */
interface LockOwner {
  pid: number;
  host: string;
  token: string;
  since: string;
}

export interface LockOptions {
  /** A lock not refreshed for this long is taken over even when its pid seems alive (pid reuse, another host). */
  staleMs?: number;
  /** How long to wait for another writer before giving up with an error. */
  waitMs?: number;
  /** The error when `waitMs` passes (default: "<file> is being written by another Berth"); gets the holder's pid. */
  busy?: (holderPid: number | undefined) => Error;
  /** Stops the wait (a cancelled job): the signal's reason is thrown. */
  signal?: AbortSignal;
}

const DEFAULT_STALE_MS = 30_000;
const DEFAULT_WAIT_MS = 60_000;
const LOCK_SUFFIX = '.berth-lock';
/**
 * A breaker (`.break`) is held for a few milliseconds, and a lock is empty only for the milliseconds
 * between its creation and its owner's write: older than this, either was left by a process killed
 * mid-way (or a full disk) and is taken over without waiting the whole stale time.
 */
const BREAKER_STALE_MS = 5_000;

/** Writers in this process, per lock file: each waits for the one before (FIFO, no polling). */
const queues = new Map<string, Promise<unknown>>();

/**
 * The file a write to `file` really changes: a symbolic link is followed to its target (managed setups
 * link daemon.json), so the link stays a link. A dangling link names the file to create.
 */
export async function writeTarget(file: string): Promise<string> {
  let current = path.resolve(file);
  for (let hops = 0; hops < 40; hops++) {
    const info = await lstat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!info?.isSymbolicLink()) return current;
    current = path.resolve(path.dirname(current), await readlink(current));
  }
  throw new BerthError('CONFIG', `${file} is a chain of more than 40 symbolic links`, {
    hint: 'Point the link at the real file.',
  });
}

export function lockFileOf(target: string): string {
  return `${target}${LOCK_SUFFIX}`;
}

/** Whether a process with this pid exists on this machine (it may belong to another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && typeof owner.host === 'string' && typeof owner.token === 'string')
      return owner as LockOwner;
  } catch {
    // Being written (empty) or damaged: judged by its age alone.
  }
  return undefined;
}

async function readOwner(lock: string): Promise<LockOwner | undefined> {
  return parseOwner(await readFile(lock, 'utf8').catch(() => ''));
}

/**
 * Stale = its holder is a dead process on this machine, or it was not refreshed for `staleMs` (a live
 * holder touches it every staleMs/3). An unreadable lock (a holder that died between creating and
 * filling it, which takes a live one milliseconds) is stale after a few seconds.
 */
function judgeStale(mtimeMs: number, owner: LockOwner | undefined, staleMs: number): boolean {
  const age = Date.now() - mtimeMs;
  if (age > staleMs) return true;
  if (owner === undefined) return age > Math.min(staleMs, BREAKER_STALE_MS);
  return (
    owner !== undefined &&
    owner.host === os.hostname() &&
    owner.pid !== process.pid &&
    !isProcessAlive(owner.pid)
  );
}

async function isStale(lock: string, staleMs: number): Promise<boolean> {
  const info = await stat(lock).catch(() => undefined);
  return info !== undefined && judgeStale(info.mtimeMs, await readOwner(lock), staleMs);
}

/**
 * Removes a stale lock. Two waiters may judge it stale at once; a second lock (`.break`, taken with
 * O_EXCL) lets only one of them decide and remove, after checking again that it is still the same stale
 * lock — so a fresh lock taken meanwhile is never removed. False when another process holds the
 * breaker: the caller pauses before it looks again instead of spinning.
 */
async function breakStaleLock(lock: string, staleMs: number): Promise<boolean> {
  const breaker = `${lock}.break`;
  let handle;
  try {
    handle = await open(breaker, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // A breaker that died mid-way leaves this behind; it is only ever held for a few milliseconds.
    const info = await stat(breaker).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > Math.min(staleMs, BREAKER_STALE_MS))
      await unlink(breaker).catch(() => undefined);
    return false;
  }
  try {
    if (await isStale(lock, staleMs)) await unlink(lock).catch(() => undefined);
  } finally {
    await handle.close();
    await unlink(breaker).catch(() => undefined);
  }
  return true;
}

function busyError(lock: string, holder: LockOwner | undefined, waitMs: number): BerthError {
  return new BerthError(
    'CONFIG',
    `${lock.slice(0, -LOCK_SUFFIX.length)} is being written by another Berth${holder ? ` (process ${holder.pid})` : ''}; gave up after ${Math.round(waitMs / 1000)} s`,
    { hint: `Try again when it is done. If no Berth is running, remove ${lock}.` },
  );
}

function newOwner(): LockOwner {
  return {
    pid: process.pid,
    host: os.hostname(),
    token: randomBytes(8).toString('hex'),
    since: new Date().toISOString(),
  };
}

interface AcquireOptions extends LockOptions {
  staleMs: number;
  waitMs: number;
}

async function acquire(lock: string, options: AcquireOptions): Promise<() => Promise<void>> {
  const owner = newOwner();
  const deadline = Date.now() + options.waitMs;
  let pause = 5;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      const handle = await open(lock, 'wx', 0o644);
      try {
        await handle.writeFile(JSON.stringify(owner));
      } catch (error) {
        // A full disk: an empty lock left behind would hold up every later writer.
        await handle.close();
        await unlink(lock).catch(() => undefined);
        throw error;
      }
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new BerthError('CONFIG', `cannot lock ${lock}: ${(error as Error).message}`, {
          hint: 'Check that its folder exists and is writable by you.',
          cause: error,
        });
      }
    }
    if (await isStale(lock, options.staleMs)) {
      if (await breakStaleLock(lock, options.staleMs)) continue;
    } else if (Date.now() > deadline) {
      const holder = await readOwner(lock);
      throw options.busy ? options.busy(holder?.pid) : busyError(lock, holder, options.waitMs);
    }
    await sleep(pause);
    pause = Math.min(pause * 2, 100);
  }
  const refresh = setInterval(
    () => {
      const now = new Date();
      utimes(lock, now, now).catch(() => undefined);
    },
    Math.max(1000, Math.floor(options.staleMs / 3)),
  );
  refresh.unref();
  return async () => {
    clearInterval(refresh);
    // Only our own lock is removed: one taken over from us (we were judged stale) is not ours any more.
    if ((await readOwner(lock))?.token === owner.token) await unlink(lock).catch(() => undefined);
  };
}

/**
 * Runs `work` while holding `<target>.berth-lock` (the link's target for a symbolic link): writers of
 * the same file in this process queue up in order, other processes wait on the lock file. `work` gets
 * the target's path. Not re-entrant: `work` must not lock the same file again.
 */
export async function withFileLock<T>(
  file: string,
  work: (target: string) => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  // Queued by the name given, at once, so that writers in this process run in the order they came;
  // two names of one file (a link and its target) still exclude each other through the lock file.
  const key = path.resolve(file);
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous
    .catch(() => undefined)
    .then(async () => {
      const target = await writeTarget(file);
      const release = await acquire(lockFileOf(target), {
        ...options,
        staleMs: options.staleMs ?? DEFAULT_STALE_MS,
        waitMs: options.waitMs ?? DEFAULT_WAIT_MS,
      });
      try {
        return await work(target);
      } finally {
        await release();
      }
    });
  queues.set(key, run);
  try {
    return await run;
  } finally {
    if (queues.get(key) === run) queues.delete(key);
  }
}

/**
 * Replaces `target` (a real path, see writeTarget) with `content`: a temp file with a unique name in the
 * same folder, fsynced, renamed over the target, then the folder fsynced — a reader sees the old bytes
 * or the new ones, never a mix, and a crash leaves one of the two. Call it under withFileLock.
 */
export async function replaceAtomically(
  target: string,
  content: string | Buffer,
  options: { mode?: number } = {},
): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.berth-${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', options.mode ?? 0o644);
  try {
    try {
      await handle.writeFile(content);
      // The mode given to open() is filtered by the umask; a private file must stay private.
      if (options.mode !== undefined) await handle.chmod(options.mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  const folder = await open(dir, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/**
 * Read-modify-write under the lock: `change` gets the current bytes (undefined = no file) and returns
 * the new content, or undefined to leave the file as it is. Returns what `change` returned.
 */
export async function updateFile(
  file: string,
  change: (
    current: Buffer | undefined,
    target: string,
  ) => Promise<string | Buffer | undefined> | string | Buffer | undefined,
  options: LockOptions & { mode?: number } = {},
): Promise<string | Buffer | undefined> {
  return withFileLock(
    file,
    async (target) => {
      const current = await readFile(target).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
      const next = await change(current, target);
      if (next !== undefined) await replaceAtomically(target, next, { mode: options.mode });
      return next;
    },
    options,
  );
}

// The same lock for synchronous callers (the settings store, whose API is synchronous like conf's).
// Waiting blocks the thread, so it sleeps with Atomics.wait instead of spinning.

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isStaleSync(lock: string, staleMs: number): boolean {
  try {
    const info = statSync(lock);
    return judgeStale(info.mtimeMs, parseOwner(readFileSync(lock, 'utf8')), staleMs);
  } catch {
    return false;
  }
}

function breakStaleLockSync(lock: string, staleMs: number): boolean {
  const breaker = `${lock}.break`;
  let descriptor: number;
  try {
    descriptor = openSync(breaker, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const info = statSync(breaker, { throwIfNoEntry: false });
    if (info && Date.now() - info.mtimeMs > Math.min(staleMs, BREAKER_STALE_MS)) unlinkQuietly(breaker);
    return false;
  }
  try {
    if (isStaleSync(lock, staleMs)) unlinkQuietly(lock);
  } finally {
    closeSync(descriptor);
    unlinkQuietly(breaker);
  }
  return true;
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}

/**
 * withFileLock for synchronous work on `file` (no symbolic links followed: the caller's own files).
 * The folder is created if missing. Short work only: the lock is not refreshed while `work` runs.
 */
export function withFileLockSync<T>(file: string, work: () => T, options: LockOptions = {}): T {
  const lock = lockFileOf(path.resolve(file));
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  mkdirSync(path.dirname(lock), { recursive: true });
  const owner = newOwner();
  const deadline = Date.now() + waitMs;
  let pause = 5;
  for (;;) {
    try {
      const descriptor = openSync(lock, 'wx', 0o644);
      try {
        writeSync(descriptor, JSON.stringify(owner));
      } catch (error) {
        closeSync(descriptor);
        unlinkQuietly(lock);
        throw error;
      }
      closeSync(descriptor);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new BerthError('CONFIG', `cannot lock ${lock}: ${(error as Error).message}`, {
          hint: 'Check that its folder exists and is writable by you.',
          cause: error,
        });
    }
    if (isStaleSync(lock, staleMs)) {
      if (breakStaleLockSync(lock, staleMs)) continue;
    } else if (Date.now() > deadline) {
      let holder: LockOwner | undefined;
      try {
        holder = parseOwner(readFileSync(lock, 'utf8'));
      } catch {
        holder = undefined;
      }
      throw busyError(lock, holder, waitMs);
    }
    sleepSync(pause);
    pause = Math.min(pause * 2, 100);
  }
  try {
    return work();
  } finally {
    try {
      if (parseOwner(readFileSync(lock, 'utf8'))?.token === owner.token) unlinkSync(lock);
    } catch {
      // Taken over or gone: not ours to remove.
    }
  }
}
