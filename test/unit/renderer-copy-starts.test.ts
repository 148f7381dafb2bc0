import { describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../shared/errors.js';
import { copyKey, startCopies, type CopyStartInput } from '../../renderer/features/transfers/copy-starts.js';

const copy = (tag: string): CopyStartInput => ({
  kind: 'copy',
  source: { connection: 'src', repository: 'app', reference: tag },
  destination: { connection: 'dst', repository: 'app', reference: tag },
});
const describeFailure = (failure: unknown): ErrorInfo => ({
  code: 'REGISTRY',
  message: (failure as Error).message,
});

describe('starting the copies of several tags', () => {
  it('starts every tag past a failure and says which failed with their errors', async () => {
    const calls: string[] = [];
    const round = await startCopies(
      [copy('1'), copy('2'), copy('3')],
      new Map(),
      async (job) => {
        calls.push(`${job.destination.connection} ${job.destination.reference}`);
        if (job.destination.reference === '2') throw new Error('denied: app is read-only');
        return { id: `job-${calls.length}` };
      },
      describeFailure,
    );
    expect(calls).toEqual(['dst 1', 'dst 2', 'dst 3']);
    expect([...round.started.values()]).toEqual(['job-1', 'job-3']);
    expect(round.failed).toEqual([
      { job: copy('2'), error: { code: 'REGISTRY', message: 'denied: app is read-only' } },
    ]);
  });

  it('retries only the failed ones: a started copy is never started twice', async () => {
    const first = await startCopies(
      [copy('1'), copy('2')],
      new Map(),
      async (job) => {
        if (job.destination.reference === '2') throw new Error('the host restarted');
        return { id: 'job-1' };
      },
      describeFailure,
    );
    const calls: string[] = [];
    const retry = await startCopies(
      [copy('1'), copy('2')],
      first.started,
      async (job) => {
        calls.push(`${job.destination.connection} ${job.destination.reference}`);
        return { id: 'job-2' };
      },
      describeFailure,
    );
    expect(calls).toEqual(['dst 2']);
    expect(retry.failed).toEqual([]);
    expect(retry.started).toEqual(
      new Map([
        [copyKey(copy('1')), 'job-1'],
        [copyKey(copy('2')), 'job-2'],
      ]),
    );
    // The round before is left as it was.
    expect(first.started.size).toBe(1);
  });

  it('tells copies of other platforms apart', () => {
    expect(copyKey({ ...copy('1'), platforms: ['linux/arm64'] })).not.toBe(copyKey(copy('1')));
  });
});
