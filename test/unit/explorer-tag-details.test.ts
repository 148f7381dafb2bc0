import { describe, expect, it } from 'vitest';
import type { TagSummaryView } from '../../shared/contract/registry.js';
import type { ErrorInfo } from '../../shared/errors.js';
import { TagDetailsLoader } from '../../renderer/features/explorer/tag-details.js';

/** A timer the test fires by hand: `fire()` runs what is due, as if the debounce had passed. */
function manualTimer() {
  let pending: (() => void) | undefined;
  return {
    setTimer: (run: () => void) => {
      pending = run;
      return () => {
        if (pending === run) pending = undefined;
      };
    },
    isPending: () => pending !== undefined,
    fire: () => {
      const run = pending;
      pending = undefined;
      run?.();
    },
  };
}

/** A fetch whose answers the test releases one request at a time. */
function heldFetch() {
  const requests: Array<{ tags: string[]; answer: () => void; fail: (error: ErrorInfo) => void }> = [];
  return {
    requests,
    fetch: (tags: string[]) =>
      new Promise<TagSummaryView[]>((resolve, reject) => {
        requests.push({
          tags,
          answer: () => resolve(tags.map((tag) => summaryOf(tag))),
          fail: (error) => reject(error),
        });
      }),
  };
}

const summaryOf = (tag: string): TagSummaryView => ({
  tag,
  state: 'ok',
  digest: `sha256:${tag.padEnd(64, '0')}`,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  size: 1000,
});

const settle = () => new Promise((resolve) => setTimeout(resolve));
const names = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `t${from + i}`);

describe('tag row details', () => {
  it('asks only for the rows on screen once scrolling pauses, not for the rows scrolled past', () => {
    const timer = manualTimer();
    const held = heldFetch();
    const loader = new TagDetailsLoader({ fetch: held.fetch, setTimer: timer.setTimer });
    // A fling: the visible window moves many times before the timer gets to fire.
    for (let start = 0; start < 5000; start += 20) loader.show(names(start, start + 20));
    expect(held.requests).toHaveLength(0);
    timer.fire();
    expect(held.requests.map((request) => request.tags)).toEqual([names(4980, 5000)]);
  });

  it('asks for a pinned tag with the rows on screen, once, wherever the list is', () => {
    const timer = manualTimer();
    const held = heldFetch();
    const loader = new TagDetailsLoader({ fetch: held.fetch, setTimer: timer.setTimer });
    loader.pin(['latest']);
    loader.show(names(0, 20));
    timer.fire();
    expect(held.requests.map((request) => request.tags)).toEqual([[...names(0, 20), 'latest']]);
    held.requests[0]!.answer();
    loader.show(names(100, 120));
    timer.fire();
    expect(held.requests[1]!.tags).toEqual(names(100, 120));
  });

  it('splits a screen into batches, keeps at most two requests in flight and continues as they answer', async () => {
    const timer = manualTimer();
    const held = heldFetch();
    const loader = new TagDetailsLoader({ fetch: held.fetch, setTimer: timer.setTimer, batchSize: 10 });
    loader.show(names(0, 35));
    timer.fire();
    expect(held.requests.map((request) => request.tags)).toEqual([names(0, 10), names(10, 20)]);
    held.requests[0]!.answer();
    await settle();
    expect(held.requests.map((request) => request.tags.length)).toEqual([10, 10, 10]);
    expect(loader.get('t3')).toEqual(summaryOf('t3'));
    expect(loader.get('t12')).toBeUndefined();
    held.requests[1]!.answer();
    held.requests[2]!.answer();
    await settle();
    expect(held.requests.at(-1)!.tags).toEqual(names(30, 35));
  });

  it('never asks twice for a tag it knows or is already asking for', async () => {
    const timer = manualTimer();
    const held = heldFetch();
    const loader = new TagDetailsLoader({ fetch: held.fetch, setTimer: timer.setTimer });
    loader.show(names(0, 10));
    timer.fire();
    loader.show(names(5, 15));
    timer.fire();
    expect(held.requests.map((request) => request.tags)).toEqual([names(0, 10), names(10, 15)]);
    held.requests[0]!.answer();
    held.requests[1]!.answer();
    await settle();
    loader.show(names(0, 15));
    timer.fire();
    expect(held.requests).toHaveLength(2);
  });

  it('tells its listeners when a batch answered, and marks every tag of a failed request with its error', async () => {
    const timer = manualTimer();
    const held = heldFetch();
    const loader = new TagDetailsLoader({ fetch: held.fetch, setTimer: timer.setTimer });
    let changes = 0;
    loader.subscribe(() => changes++);
    loader.show(['a', 'b']);
    timer.fire();
    const denied: ErrorInfo = { code: 'DENIED', message: 'registry.test: access to team/app denied' };
    held.requests[0]!.fail(denied);
    await settle();
    expect(changes).toBe(1);
    expect(loader.get('a')).toEqual({ tag: 'a', state: 'error', error: denied });
    expect(loader.get('b')).toEqual({ tag: 'b', state: 'error', error: denied });
  });

  it('gives a tag the answer left out an error instead of asking for it again and again', async () => {
    const timer = manualTimer();
    let calls = 0;
    const loader = new TagDetailsLoader({
      fetch: (tags) => {
        calls++;
        return Promise.resolve(tags.slice(1).map((tag) => summaryOf(tag)));
      },
      setTimer: timer.setTimer,
    });
    loader.show(['a', 'b']);
    timer.fire();
    await settle();
    expect(calls).toBe(1);
    expect(loader.get('a')).toMatchObject({ state: 'error' });
    expect(loader.get('b')).toEqual(summaryOf('b'));
  });

  it('drops answers and asks for nothing after it is disposed', async () => {
    const timer = manualTimer();
    const held = heldFetch();
    const loader = new TagDetailsLoader({ fetch: held.fetch, setTimer: timer.setTimer });
    loader.show(['a']);
    timer.fire();
    loader.show(['b']);
    loader.dispose();
    expect(timer.isPending()).toBe(false);
    held.requests[0]!.answer();
    await settle();
    expect(loader.get('a')).toBeUndefined();
    loader.show(['c']);
    expect(timer.isPending()).toBe(false);
    expect(held.requests).toHaveLength(1);
  });
});
