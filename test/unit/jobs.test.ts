import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CopySummary, JobEvent } from '../../shared/jobs.js';
import { JobManager, type AnyJobInputs } from '../../electron/core/jobs/index.js';
import { CancelledError, NotFoundError } from '../../electron/core/registry/errors.js';
import { matchesTagPattern } from '../../electron/core/copy/index.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A copy's result: runners here do no copying, they answer this. */
const COPIED: CopySummary = {
  source: 'a.example/app:1',
  destination: 'b.example/app:1',
  sourceDigest: 'sha256:0',
  digest: 'sha256:0',
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  newIndex: false,
  platforms: [],
  unchanged: false,
  bytesTransferred: 3,
  blobs: { transferred: 3, mounted: 0, skipped: 0, foreign: 0 },
  manifests: 1,
  seconds: 0,
};

describe('JobManager', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('returns an id before the work starts and keeps the result', async () => {
    const jobs = new JobManager<AnyJobInputs>();
    let started = false;
    jobs.register('copy', async () => {
      started = true;
      return COPIED;
    });
    const id = jobs.start('copy', {}, 'copy a');
    expect(started).toBe(false);
    expect(jobs.get(id)?.status).toBe('running');
    const done = await jobs.wait(id);
    expect(done).toMatchObject({ status: 'succeeded', result: COPIED });
  });

  it('adds up item bytes, counts finished items, and computes rate and ETA from the clock', async () => {
    let now = 0;
    const jobs = new JobManager<AnyJobInputs>({ now: () => now, throttleMs: 0 });
    const gate = deferred();
    jobs.register('copy', async (_input, context) => {
      const a = context.item('a', { label: 'a', kind: 'blob', bytesTotal: 1000 });
      const b = context.item('b', { label: 'b', kind: 'blob', bytesTotal: 3000 });
      a.setState('transferring');
      now = 1000;
      a.addBytes(1000);
      a.setState('done');
      b.setState('skipped');
      await gate.promise;
      return COPIED;
    });
    const id = jobs.start('copy', {}, 'copy');
    await new Promise((r) => setTimeout(r, 10));
    const snapshot = jobs.get(id)!;
    expect(snapshot.overall).toMatchObject({
      bytesDone: 1000,
      bytesTotal: 4000,
      itemsDone: 2,
      itemsTotal: 2,
    });
    expect(snapshot.overall.rate).toBe(1000);
    expect(snapshot.overall.etaSeconds).toBe(3);
    gate.resolve();
    await jobs.wait(id);
  });

  it('throttles progress events to the window and always sends the last state', async () => {
    const jobs = new JobManager<AnyJobInputs>({ throttleMs: 50 });
    const events: JobEvent[] = [];
    jobs.subscribe((event) => events.push(event));
    jobs.register('copy', async (_input, context) => {
      const item = context.item('x', { label: 'x', kind: 'blob', bytesTotal: 1000 });
      for (let i = 0; i < 1000; i++) item.addBytes(1);
      await new Promise((r) => setTimeout(r, 120));
      return COPIED;
    });
    const id = jobs.start('copy', {}, 'copy');
    await jobs.wait(id);
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.length).toBeLessThan(10);
    expect(progress.at(-1)!.job.overall.bytesDone).toBe(1000);
    expect(events.at(-1)).toMatchObject({ type: 'finished', job: { status: 'succeeded' } });
  });

  it('coalesces each job to one event per window, and sends the finish at once (fake clock)', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const jobs = new JobManager<AnyJobInputs & { copy: number }>({ now: () => Date.now(), throttleMs: 250 });
    const events: JobEvent[] = [];
    jobs.subscribe((event) => events.push(event));
    const gates = Array.from({ length: 10 }, deferred);
    const items: Array<{ addBytes(bytes: number): void }> = [];
    jobs.register('copy', async (index, context) => {
      items[index] = context.item('blob', { label: 'blob', kind: 'blob', bytesTotal: 10_000 });
      await gates[index]!.promise;
      return COPIED;
    });
    const ids = gates.map((_gate, index) => jobs.start('copy', index, `copy ${index}`));
    await vi.advanceTimersByTimeAsync(0);
    const started = events.length;
    // Ten jobs, each reporting a chunk every 10 ms for two seconds.
    for (let tick = 0; tick < 200; tick++) {
      for (const item of items) item.addBytes(50);
      await vi.advanceTimersByTimeAsync(10);
    }
    const perJob = ids.map((id) => events.slice(started).filter((event) => event.job.id === id).length);
    // 2 s at one event per 250 ms window, not one per chunk (200).
    expect(perJob).toEqual(Array(10).fill(8));
    gates[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(events.at(-1)).toMatchObject({ type: 'finished', job: { id: ids[0], status: 'succeeded' } });
    expect(events.at(-1)!.job.overall.bytesDone).toBe(10_000);
    for (const gate of gates) gate.resolve();
    await vi.advanceTimersByTimeAsync(0);
  });

  it('cancels through the AbortSignal and records the job as cancelled', async () => {
    const jobs = new JobManager<AnyJobInputs>();
    let sawAbort = false;
    jobs.register('copy', (_input, context) => {
      return new Promise((_resolve, reject) => {
        context.signal.addEventListener('abort', () => {
          sawAbort = true;
          reject(new CancelledError());
        });
      });
    });
    const id = jobs.start('copy', {}, 'copy slow');
    await new Promise((r) => setTimeout(r, 5));
    expect(jobs.cancel(id)).toBe(true);
    const done = await jobs.wait(id);
    expect(sawAbort).toBe(true);
    expect(done.status).toBe('cancelled');
    expect(done.error).toEqual({ code: 'CANCELLED', message: 'copy slow: cancelled' });
    expect(jobs.cancel(id)).toBe(false);
  });

  it('keeps a typed error for a failed job, and a bounded list of recent jobs', async () => {
    const jobs = new JobManager<AnyJobInputs>({ keepFinished: 2 });
    jobs.register('copy', async () => {
      throw new NotFoundError('r.example', 'r.example: no such tag');
    });
    const ids = [
      jobs.start('copy', {}, 'one'),
      jobs.start('copy', {}, 'two'),
      jobs.start('copy', {}, 'three'),
    ];
    const done = await Promise.all(ids.map((id) => jobs.wait(id)));
    expect(done[2]!.error).toMatchObject({ code: 'NOT_FOUND', registry: 'r.example' });
    expect(jobs.list()).toHaveLength(2);
  });

  it('gives a failure nobody foresaw a next step, not only the library’s words', async () => {
    const jobs = new JobManager<AnyJobInputs>();
    jobs.register('copy', async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'digest')");
    });
    const done = await jobs.wait(jobs.start('copy', {}, 'one'));
    expect(done.error?.message).toBe("Cannot read properties of undefined (reading 'digest')");
    expect(done.error?.hint).toMatch(
      /^Berth ran into a failure of its own, not of your registry: retry the job/,
    );
  });

  it('retries a finished job with the same kind, input and title, never a running one', async () => {
    const jobs = new JobManager<AnyJobInputs>();
    const inputs: unknown[] = [];
    const gate = deferred();
    let attempts = 0;
    jobs.register('copy', async (input) => {
      inputs.push(input);
      if (++attempts === 1) throw new NotFoundError('r.example', 'r.example: no such tag');
      await gate.promise;
      return COPIED;
    });
    const input = { source: 'a.example/app:1', destination: 'b.example/app:1' };
    const failed = jobs.start('copy', input, 'copy app');
    await jobs.wait(failed);
    const again = jobs.retry(failed);
    expect(again).not.toBe(failed);
    expect(jobs.get(again)).toMatchObject({ kind: 'copy', title: 'copy app', status: 'running' });
    expect(() => jobs.retry(again)).toThrow(/still running/);
    expect(() => jobs.retry('00000000-0000-4000-8000-000000000000')).toThrow(/no job/);
    // The snapshot never carries the input; the retry ran with the original one.
    expect(JSON.stringify(jobs.get(again))).not.toContain('a.example/app');
    gate.resolve();
    expect(await jobs.wait(again)).toMatchObject({ status: 'succeeded', result: COPIED });
    expect(inputs).toEqual([input, input]);
  });
});

describe('matchesTagPattern', () => {
  it.each([
    ['v1.2', 'v1.*', true],
    ['v10.2', 'v1.*', false],
    ['3.19-alpine', '*-alpine', true],
    ['latest', 'test', true],
    ['v1', undefined, true],
    ['v1.x', 'v?.x', true],
    ['v1x', 'v?.x', false],
    ['v1.2', 'v1.2*', true],
    ['v1.2-rc', '*.2', false],
    ['a.b', '*.*.*', false],
    ['1.2.3', '*.*.*', true],
    ['x', '**', true],
    ['', '*', true],
    ['(v1)', '(v?)', true],
    ['v1', '[v]1', false],
  ])('%s ~ %s → %s', (tag, pattern, expected) => {
    expect(matchesTagPattern(tag, pattern)).toBe(expected);
  });

  it('answers at once for a pattern of many stars that does not match a long tag', () => {
    // As a regular expression (`^.*a.*a…b$`) this backtracked for minutes, blocking the whole process.
    const started = Date.now();
    expect(matchesTagPattern('a'.repeat(128), `${'*a'.repeat(5)}*b`)).toBe(false);
    expect(matchesTagPattern('a'.repeat(128), `${'*a'.repeat(100)}*`)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
