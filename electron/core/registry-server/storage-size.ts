import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

/** How long and how far a count for the screen may walk: a million small files must not hold a card. */
export interface WalkBudget {
  /** Stop after this many directory entries. */
  maxEntries: number;
  /** Stop at this time (Date.now() scale). */
  deadline: number;
}

export interface CountedSize {
  bytes: number;
  /** False when the budget ran out first: `bytes` is then what was counted so far, a lower bound. */
  isComplete: boolean;
}

/**
 * Bytes of every regular file under `dir` (0 when it does not exist), walked without following symlinks,
 * so a link loop ends. With a budget the walk stops when it runs out and says so.
 */
export async function countStorage(dir: string, budget?: WalkBudget): Promise<CountedSize> {
  let bytes = 0;
  let entriesSeen = 0;
  const pending = [dir];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    for (const entry of entries) {
      if (budget && (++entriesSeen > budget.maxEntries || Date.now() > budget.deadline))
        return { bytes, isComplete: false };
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile()) bytes += (await lstat(full)).size;
    }
  }
  return { bytes, isComplete: true };
}

/** Bytes of every file under `dir` (0 when it does not exist), counted to the end (garbage collection's measure). */
export async function storageSize(dir: string): Promise<number> {
  return (await countStorage(dir)).bytes;
}
