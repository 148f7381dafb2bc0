import { describe, expect, it } from 'vitest';
import { forEachBounded } from '../../electron/core/connections/index.js';
import { isUnreachable } from '../../shared/errors.js';

describe('checking saved connections in the background', () => {
  it('runs at most the limit at once, every item once, and goes on past one that fails', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    const releases: Array<() => void> = [];
    const all = forEachBounded([1, 2, 3, 4, 5, 6], 4, async (item) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => releases.push(resolve));
      running -= 1;
      done.push(item);
    });
    // Release whichever checks wait, until all six have finished.
    while (done.length < 6) {
      await Promise.resolve();
      releases.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await all;
    expect(most).toBe(4);
    expect(done.toSorted()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('does nothing for no connections', async () => {
    await expect(forEachBounded([], 4, () => Promise.reject(new Error('never')))).resolves.toBeUndefined();
  });
});

describe('a registry that did not answer', () => {
  it('is a network failure or a 5xx in front of it, never a refusal', () => {
    expect(isUnreachable({ code: 'NETWORK' })).toBe(true);
    expect(isUnreachable({ code: 'REGISTRY', status: 503 })).toBe(true);
    expect(isUnreachable({ code: 'REGISTRY', status: 400 })).toBe(false);
    expect(isUnreachable({ code: 'AUTH', status: 401 })).toBe(false);
    expect(isUnreachable({ code: 'TLS' })).toBe(false);
  });
});
