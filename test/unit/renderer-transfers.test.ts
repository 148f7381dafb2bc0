import { describe, expect, it } from 'vitest';
import { createIntl } from 'react-intl';
import { translator } from '../../renderer/i18n/index.js';
import type { Outcome } from '../../shared/contract/index.js';
import type { JobEvent, JobItem, JobSnapshot, JobSnapshotOf } from '../../shared/jobs.js';
import {
  appendSample,
  countRunning,
  describeItems,
  describeJobError,
  formatAgo,
  formatDuration,
  formatEta,
  formatRate,
  itemFraction,
  itemStateLabel,
  jobBytes,
  jobFraction,
  SPARKLINE_SAMPLES,
  sortJobs,
  sparklinePoints,
  titleParts,
} from '../../renderer/features/transfers/job-math.js';
import { JobStore } from '../../renderer/features/transfers/job-store.js';

/** The English the renderer speaks by default. */
const t = translator(createIntl({ locale: 'en', defaultLocale: 'en' }));

function item(id: string, state: JobItem['state'], bytesDone: number, bytesTotal?: number): JobItem {
  return {
    id,
    label: id,
    kind: 'blob',
    state,
    bytesDone,
    ...(bytesTotal === undefined ? {} : { bytesTotal }),
  };
}

function job(id: string, overrides: Partial<JobSnapshotOf<'copy'>> = {}): JobSnapshotOf<'copy'> {
  const items = overrides.items ?? [];
  return {
    id,
    kind: 'copy',
    title: `copy ${id}`,
    status: 'running',
    startedAt: 1000,
    items,
    overall: {
      bytesDone: items.reduce((sum, entry) => sum + entry.bytesDone, 0),
      bytesTotal: items.reduce((sum, entry) => sum + (entry.bytesTotal ?? 0), 0),
      itemsDone: 0,
      itemsTotal: items.length,
      rate: 0,
    },
    ...overrides,
  };
}

describe('transfer numbers', () => {
  it('counts a mounted or already-present blob as finished although it moved no bytes', () => {
    const snapshot = job('a', {
      items: [item('moving', 'transferring', 250, 1000), item('mounted', 'mounted', 0, 1000)],
    });
    expect(itemFraction(snapshot.items[0]!)).toBe(0.25);
    expect(itemFraction(snapshot.items[1]!)).toBe(1);
    expect(jobBytes(snapshot)).toEqual({ done: 1250, total: 2000 });
    expect(jobFraction(snapshot)).toBe(0.625);
  });

  it('leaves a bar indeterminate while nothing is sized, and full once the job succeeded', () => {
    expect(jobFraction(job('a'))).toBeUndefined();
    expect(itemFraction(item('manifest', 'transferring', 0))).toBeUndefined();
    expect(itemFraction(item('waiting', 'waiting', 0))).toBe(0);
    expect(itemFraction(item('broken', 'failed', 10, 100))).toBe(0.1);
    expect(jobFraction(job('a', { status: 'succeeded' }))).toBe(1);
  });

  it('shows only what a job that ended unfinished moved: nothing moved is an empty bar, not a full one', () => {
    expect(jobFraction(job('a', { status: 'failed' }))).toBe(0);
    expect(jobFraction(job('a', { status: 'interrupted' }))).toBe(0);
    const failedUnsized = job('a', { status: 'failed', items: [item('manifest', 'failed', 0)] });
    failedUnsized.overall.itemsDone = 1;
    expect(jobFraction(failedUnsized)).toBe(0);
    const partly = job('a', {
      status: 'failed',
      items: [item('a', 'done', 300, 300), item('b', 'failed', 100, 700)],
    });
    expect(jobFraction(partly)).toBe(0.4);
  });

  it('says how long ago a job started or finished, then the date', () => {
    const at = Date.UTC(2026, 11, 7, 10, 0, 0);
    expect(formatAgo(t, at, at + 4_000)).toBe('just now');
    expect(formatAgo(t, at, at + 42_000)).toBe('42 s ago');
    expect(formatAgo(t, at, at + 5 * 60_000 + 10_000)).toBe('5 min ago');
    expect(formatAgo(t, at, at + 3 * 3600_000)).toBe('3 h ago');
    expect(formatAgo(t, at, at + 3 * 24 * 3600_000)).toMatch(/^on 2026-12-0[67] \d\d:\d\d$/);
  });

  it('names the registries of a title by their saved connection, and keeps a host none names', () => {
    const connections = [
      { name: 'staging', host: '127.0.0.1:5000' },
      { name: 'hub', host: 'docker.io' },
    ];
    expect(titleParts('copy 127.0.0.1:5000/team/app:1 → 127.0.0.1:5001/team/app:1', connections)).toEqual([
      { text: 'copy ' },
      { connection: 'staging', path: 'team/app:1', reference: '127.0.0.1:5000/team/app:1' },
      { text: ' → 127.0.0.1:5001/team/app:1' },
    ]);
    // Docker Hub's other names match as the core's findByHost matches them.
    expect(titleParts('pull registry-1.docker.io/library/alpine:3', connections)).toEqual([
      { text: 'pull ' },
      { connection: 'hub', path: 'library/alpine:3', reference: 'registry-1.docker.io/library/alpine:3' },
    ]);
    expect(titleParts('push team/app:1', connections)).toEqual([{ text: 'push team/app:1' }]);
    // A storage scan of a whole registry names the host alone.
    expect(titleParts('storage of 127.0.0.1:5000', connections)).toEqual([
      { text: 'storage of ' },
      { connection: 'staging', path: '', reference: '127.0.0.1:5000' },
    ]);
  });

  it("words a job's error for the app: connection names for the hosts saved connections cover", () => {
    const connections = [{ name: 'staging', host: '127.0.0.1:5000' }];
    const notFound = describeJobError(
      {
        code: 'NOT_FOUND',
        message: '127.0.0.1:5000: no such tag or manifest — manifest team/app:1 — manifest unknown',
        hint: 'Check the tag or digest: 127.0.0.1:5000 may have lost it.',
        registry: '127.0.0.1:5000',
      },
      connections,
    );
    expect(notFound).toEqual({
      code: 'NOT_FOUND',
      message: 'staging: no such tag or manifest — manifest team/app:1 — manifest unknown',
      hint: 'Check the tag or digest: staging may have lost it.',
      registry: '127.0.0.1:5000',
    });
    // A host that only starts like a saved one (another port) is not renamed.
    const other = describeJobError(
      { code: 'NETWORK', message: '127.0.0.1:50001 refused the connection', hint: 'Start the registry.' },
      connections,
    );
    expect(other).toMatchObject({
      message: '127.0.0.1:50001 refused the connection',
      hint: 'Start the registry.',
    });
  });

  it('formats rate and ETA for people', () => {
    expect(formatRate(t, 0)).toBe('—');
    expect(formatRate(t, 12_500_000)).toBe('12.5 MB/s');
    expect(formatEta(t, undefined)).toBe('—');
    expect(formatEta(t, Infinity)).toBe('—');
    expect(formatEta(t, 7.2)).toBe('8 s');
    expect(formatEta(t, 185)).toBe('3 min 05 s');
    expect(formatEta(t, 8040)).toBe('2 h 14 min');
  });

  it('says how long a job took in milliseconds under a second, not "1 s"', () => {
    const mirrorTest: JobSnapshot = {
      ...job('m', { status: 'succeeded', startedAt: 1000 }),
      kind: 'mirror-test',
      result: undefined,
    };
    expect(formatDuration(t, { ...mirrorTest, finishedAt: 1042 }, 5000)).toBe('42 ms');
    expect(formatDuration(t, { ...mirrorTest, finishedAt: 1999 }, 5000)).toBe('999 ms');
    expect(formatDuration(t, { ...mirrorTest, finishedAt: 1000 }, 5000)).toBe('0 ms');
    expect(formatDuration(t, { ...mirrorTest, finishedAt: 3500 }, 5000)).toBe('3 s');
    // Still running: measured up to now.
    expect(formatDuration(t, job('r', { startedAt: 1000 }), 1250)).toBe('250 ms');
  });

  it('keeps the last samples and draws them scaled to the box, peak at the top', () => {
    let samples: number[] = [];
    for (let index = 0; index < SPARKLINE_SAMPLES + 5; index++) samples = appendSample(samples, index);
    expect(samples).toHaveLength(SPARKLINE_SAMPLES);
    expect(samples[0]).toBe(5);
    expect(sparklinePoints([0, 50, 100], 100, 20)).toBe('0,20 50,10 100,0');
    expect(sparklinePoints([0, 0], 10, 20)).toBe('');
    expect(sparklinePoints([42], 10, 20)).toBe('');
  });

  it('lists running jobs first, then the most recently finished', () => {
    const sorted = sortJobs([
      job('old-done', { status: 'succeeded', startedAt: 1, finishedAt: 5 }),
      job('running-early', { startedAt: 2 }),
      job('new-failed', { status: 'failed', startedAt: 3, finishedAt: 9 }),
      job('running-late', { startedAt: 4 }),
    ]);
    expect(sorted.map((entry) => entry.id)).toEqual([
      'running-late',
      'running-early',
      'new-failed',
      'old-done',
    ]);
    expect(countRunning(sorted)).toBe(2);
  });

  const copyJob = (items: JobItem[], status: JobSnapshot['status'] = 'succeeded') =>
    ({ kind: 'copy', items, status }) as const;

  it('sums blobs by what happened to them, and manifests apart', () => {
    expect(
      describeItems(
        t,
        copyJob([
          item('a', 'done', 1, 1),
          item('b', 'done', 1, 1),
          item('c', 'mounted', 0, 1),
          item('d', 'skipped', 0, 1),
          { ...item('m', 'done', 0), kind: 'manifest' },
        ]),
      ),
    ).toBe('2 files pushed, 1 mounted, 1 already there · 1 image description pushed');
    expect(describeItems(t, copyJob([item('a', 'skipped', 0, 1)]))).toBe('1 file already there');
  });

  it("counts a referrer's blobs with the referrers, not among the image's", () => {
    expect(
      describeItems(
        t,
        copyJob([
          item('layer', 'done', 1, 1),
          item('config', 'skipped', 0, 1),
          { ...item('payload-1', 'done', 1, 1), of: 'referrers' },
          { ...item('payload-2', 'done', 1, 1), of: 'referrers' },
          { ...item('empty', 'skipped', 0, 1), of: 'referrers' },
          { ...item('signature', 'done', 0), kind: 'referrer' },
          { ...item('sbom', 'done', 0), kind: 'referrer' },
          { ...item('old', 'skipped', 0), kind: 'referrer' },
          { ...item('m', 'done', 0), kind: 'manifest' },
        ]),
      ),
    ).toBe(
      '1 file pushed, 1 already there · 1 image description pushed · signatures and attestations: 2 copied, 1 already there (their files: 2 pushed, 1 already there)',
    );
  });

  it("counts a load's blobs and manifests, not the archive it read", () => {
    expect(
      describeItems(t, {
        kind: 'load',
        status: 'succeeded',
        items: [
          { ...item('archive', 'done', 0), kind: 'layer' },
          item('a', 'done', 1, 1),
          item('b', 'done', 1, 1),
          item('c', 'skipped', 0, 1),
          { ...item('manifest:1', 'done', 0), kind: 'manifest' },
          { ...item('manifest:2', 'done', 0), kind: 'manifest' },
          { ...item('tag:1', 'done', 0), kind: 'tag' },
        ],
      }),
    ).toBe('2 files pushed, 1 already there · 2 image descriptions pushed');
  });

  it("says a save's blobs and manifests were saved, and an engine's layers pulled", () => {
    expect(
      describeItems(t, {
        kind: 'save',
        status: 'succeeded',
        items: [item('a', 'done', 1, 1), { ...item('m', 'done', 0), kind: 'manifest' }],
      }),
    ).toBe('1 file saved · 1 image description saved');
    expect(
      describeItems(t, {
        kind: 'pull',
        status: 'succeeded',
        items: [
          { ...item('l1', 'done', 1, 1), kind: 'layer' },
          { ...item('l2', 'skipped', 0, 1), kind: 'layer' },
        ],
      }),
    ).toBe('1 layer pulled, 1 already there');
  });

  it('sums mirrors of a mirror test as reachable or failed', () => {
    const mirrors = [
      { ...item('http://a/', 'done', 0), kind: 'mirror' as const },
      { ...item('http://b/', 'failed', 0), kind: 'mirror' as const },
      { ...item('http://c/', 'done', 0), kind: 'mirror' as const },
    ];
    expect(describeItems(t, { kind: 'mirror-test', items: mirrors, status: 'succeeded' })).toBe(
      '2 reachable, 1 failed',
    );
    expect(itemStateLabel(t, mirrors[0]!, 'succeeded')).toBe('Reachable');
  });

  it('names the blobs a cancel interrupted as cancelled, not failed', () => {
    const items = [item('a', 'done', 1, 1), item('b', 'failed', 0, 1), item('c', 'transferring', 0, 1)];
    expect(describeItems(t, copyJob(items, 'cancelled'))).toBe('1 file pushed, 2 cancelled');
    expect(describeItems(t, copyJob(items, 'failed'))).toBe('1 file pushed, 1 failed, 1 transferring');
    expect(itemStateLabel(t, items[1]!, 'failed')).toBe('Failed');
  });

  it('names the items a stopped Berth left unfinished as interrupted, not transferring', () => {
    const items = [item('a', 'done', 1, 1), item('b', 'transferring', 0, 1), item('c', 'waiting', 0, 1)];
    expect(describeItems(t, copyJob(items, 'interrupted'))).toBe('1 file pushed, 2 interrupted');
  });
});

/** A job source fed by hand, and a scheduler whose frames run when the test says so. */
function harness(listed: Outcome<JobSnapshot[]> = { ok: true, value: [] }) {
  let send: (event: JobEvent) => void = () => undefined;
  let reconnect: () => void = () => undefined;
  let removed: (ids: string[]) => void = () => undefined;
  let answer!: (outcome: Outcome<JobSnapshot[]>) => void;
  const frames: Array<() => void> = [];
  const store = new JobStore(
    {
      list: () => new Promise((resolve) => (answer = resolve)),
      subscribe: (listener) => {
        send = listener;
        return () => undefined;
      },
      onReconnect: (listener) => {
        reconnect = listener;
        return () => undefined;
      },
      onRemoved: (listener) => {
        removed = listener;
        return () => undefined;
      },
    },
    (flush) => frames.push(flush),
  );
  let renders = 0;
  store.subscribe(() => renders++);
  return {
    store,
    send: (event: JobEvent) => send(event),
    reconnect: () => reconnect(),
    removed: (ids: string[]) => removed(ids),
    answerList: async (outcome = listed) => {
      answer(outcome);
      await Promise.resolve();
    },
    runFrame: () => frames.splice(0).forEach((flush) => flush()),
    pendingFrames: () => frames.length,
    renders: () => renders,
  };
}

describe('the renderer job store', () => {
  it('batches many events of many jobs into one render per frame, keeping the latest of each', () => {
    const test = harness();
    for (let round = 1; round <= 20; round++)
      for (let index = 0; index < 10; index++)
        test.send({
          type: 'progress',
          job: job(`job-${index}`, { overall: { ...job('x').overall, bytesDone: round, rate: round } }),
        });
    expect(test.pendingFrames()).toBe(1);
    expect(test.renders()).toBe(0);
    test.runFrame();
    expect(test.renders()).toBe(1);
    const view = test.store.getView();
    expect(view.jobs).toHaveLength(10);
    expect(view.jobs.every((entry) => entry.overall.bytesDone === 20)).toBe(true);
    expect(view.rates.get('job-3')).toHaveLength(20);
  });

  it('keeps a newer event over an older list answer, and reports a list that failed', async () => {
    const test = harness();
    test.send({ type: 'finished', job: job('a', { status: 'succeeded', finishedAt: 2000 }) });
    await test.answerList({ ok: true, value: [job('a'), job('b', { status: 'failed', finishedAt: 1500 })] });
    test.runFrame();
    const view = test.store.getView();
    expect(view.isLoaded).toBe(true);
    expect(view.jobs.map((entry) => [entry.id, entry.status])).toEqual([
      ['a', 'succeeded'],
      ['b', 'failed'],
    ]);

    const failing = harness();
    await failing.answerList({ ok: false, error: { code: 'NETWORK', message: 'Berth host: down' } });
    failing.runFrame();
    expect(failing.store.getView()).toMatchObject({ isLoaded: true, loadError: { code: 'NETWORK' } });
  });

  it('lists the jobs again when the event stream reconnects, so a finish missed in the gap shows', async () => {
    const test = harness();
    await test.answerList({ ok: true, value: [] });
    test.send({ type: 'progress', job: job('missed') });
    test.send({ type: 'progress', job: job('still-running') });
    test.send({ type: 'progress', job: job('forgotten') });
    test.runFrame();
    expect(test.store.getView().jobs.every((entry) => entry.status === 'running')).toBe(true);

    // The socket drops; 'missed' finishes, a new job starts, and the host's list says so after it returns.
    test.reconnect();
    await test.answerList({
      ok: true,
      value: [
        job('missed', { status: 'succeeded', finishedAt: 3000 }),
        job('still-running', { overall: { ...job('x').overall, bytesDone: 7 } }),
        job('started-in-gap'),
      ],
    });
    test.runFrame();
    const byId = new Map(test.store.getView().jobs.map((entry) => [entry.id, entry]));
    expect(byId.get('missed')?.status).toBe('succeeded');
    expect(byId.get('started-in-gap')?.status).toBe('running');
    // A running job's events are newer than a list answer; the next event brings its progress.
    expect(byId.get('still-running')).toMatchObject({ status: 'running', overall: { bytesDone: 0 } });
    // A running job the host no longer lists went away with it (it restarted), and says so.
    expect(byId.get('forgotten')).toMatchObject({
      status: 'interrupted',
      finishedAt: expect.any(Number),
      error: { message: /Berth stopped while this job was running/ },
    });
  });

  it('does not reopen a finished job from an older list answer after a reconnect', async () => {
    const test = harness();
    await test.answerList({ ok: true, value: [] });
    test.reconnect();
    test.send({ type: 'finished', job: job('a', { status: 'cancelled', finishedAt: 2000 }) });
    await test.answerList({ ok: true, value: [job('a')] });
    test.runFrame();
    expect(test.store.getView().jobs.map((entry) => entry.status)).toEqual(['cancelled']);
  });

  it('takes removed jobs off the list, and an older list answer does not bring them back', async () => {
    const test = harness();
    test.send({ type: 'finished', job: job('failed', { status: 'failed', finishedAt: 2000 }) });
    test.send({ type: 'finished', job: job('done', { status: 'succeeded', finishedAt: 2500 }) });
    test.send({ type: 'progress', job: job('retry') });
    test.runFrame();
    // A retry replaces the failed card; Clear finished takes the done one.
    test.removed(['failed']);
    test.store.remove(['done']);
    await test.answerList({
      ok: true,
      value: [job('failed', { status: 'failed', finishedAt: 2000 }), job('retry')],
    });
    test.runFrame();
    expect(test.store.getView().jobs.map((entry) => entry.id)).toEqual(['retry']);
  });

  it('keeps at most fifty finished jobs, and every running one', () => {
    const test = harness();
    for (let index = 0; index < 60; index++)
      test.send({ type: 'finished', job: job(`done-${index}`, { status: 'succeeded', finishedAt: index }) });
    test.send({ type: 'progress', job: job('running') });
    test.runFrame();
    const { jobs } = test.store.getView();
    expect(jobs).toHaveLength(51);
    expect(jobs[0]!.id).toBe('running');
    expect(jobs.at(-1)!.id).toBe('done-10');
  });
});
