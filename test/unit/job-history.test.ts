import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CopySummary, JobSnapshot } from '../../shared/jobs.js';
import {
  boundHistory,
  HISTORY_FILE,
  JobHistory,
  JobManager,
  parseHistory,
  restoreJobs,
  serializeHistory,
  type AnyJobInputs,
  type HistoryEntry,
} from '../../electron/core/jobs/index.js';
import { NotFoundError } from '../../electron/core/registry/errors.js';

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

function snapshot(id: string, overrides: Partial<JobSnapshot> = {}): JobSnapshot {
  return {
    id,
    kind: 'copy',
    title: `copy ${id}`,
    status: 'succeeded',
    startedAt: 1000,
    finishedAt: 2000,
    items: [],
    overall: { bytesDone: 0, bytesTotal: 0, itemsDone: 0, itemsTotal: 0, rate: 0 },
    ...overrides,
  } as JobSnapshot;
}

function entry(job: JobSnapshot, overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return { job, pid: 1, host: os.hostname(), savedAt: job.finishedAt ?? job.startedAt, ...overrides };
}

const LIMITS = { maxJobs: 100, maxBytes: 512 * 1024, maxItemsPerJob: 200 };

const folders: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-job-history-'));
  folders.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the job history file', () => {
  it('keeps the newest jobs, one entry per job, within the job count and the size cap', () => {
    const entries = Array.from({ length: 30 }, (_, index) =>
      entry(snapshot(`job-${index}`, { startedAt: index, finishedAt: index * 10 })),
    );
    // A later write of job-3 (its finish) replaces its earlier one.
    entries.push(entry(snapshot('job-3', { finishedAt: 1000 }), { savedAt: 1000 }));
    const kept = boundHistory(entries, { ...LIMITS, maxJobs: 10 });
    expect(kept.map((kept) => kept.job.id)).toEqual([
      'job-3',
      ...Array.from({ length: 9 }, (_, index) => `job-${29 - index}`),
    ]);
    const oneSize = serializeHistory([entries[0]!]).length;
    const small = boundHistory(entries, { ...LIMITS, maxBytes: oneSize * 4 });
    expect(serializeHistory(small).length).toBeLessThanOrEqual(oneSize * 4);
    expect(small.length).toBeGreaterThan(0);
    expect(small[0]!.job.id).toBe('job-3');
  });

  it('keeps that a storage scan ran, not its report, so a large one pushes no other job out', () => {
    const copy = entry(snapshot('copy-1', { result: COPIED }));
    const report = {
      registry: 'a.example',
      repositories: Array.from({ length: 5000 }, (_, index) => ({ name: `r${index}` })),
    };
    const scan = entry(
      snapshot('scan-1', {
        kind: 'storage',
        title: 'storage of a.example',
        finishedAt: 3000,
        result: report,
      } as Partial<JobSnapshot>),
    );
    const kept = boundHistory([copy, scan], { ...LIMITS, maxBytes: 16 * 1024 });
    expect(kept.map((kept) => kept.job.id)).toEqual(['scan-1', 'copy-1']);
    expect(kept[0]!.job.result).toBeUndefined();
    expect(kept[1]!.job.result).toEqual(COPIED);
  });

  it('keeps at most the first items of a job with very many', () => {
    const items = Array.from({ length: 500 }, (_, index) => ({
      id: `sha256:${index}`,
      label: `layer ${index}`,
      kind: 'blob' as const,
      state: 'done' as const,
      bytesDone: 1,
    }));
    const [kept] = boundHistory([entry(snapshot('big', { items }))], { ...LIMITS, maxItemsPerJob: 20 });
    expect(kept!.job.items).toHaveLength(20);
    expect(kept!.job.items[0]!.id).toBe('sha256:0');
  });

  it('reads back what it wrote and refuses text that is not a history', () => {
    const entries = [entry(snapshot('a')), entry(snapshot('b', { status: 'failed' }))];
    expect(parseHistory(serializeHistory(entries))).toEqual(entries);
    expect(() => parseHistory('{"version":1,"entries":[{')).toThrow(/not JSON/);
    expect(() => parseHistory('{"version":1,"entries":[{"job":{}}]}')).toThrow(/not a Berth job history/);
    expect(() => parseHistory('[]')).toThrow(/not a Berth job history/);
  });

  it('reads back a job of every kind, a save among them', () => {
    const kinds: Record<JobSnapshot['kind'], true> = {
      copy: true,
      sync: true,
      pull: true,
      push: true,
      'mirror-test': true,
      save: true,
      prune: true,
      storage: true,
      load: true,
    };
    const entries = Object.keys(kinds).map((kind) => entry(snapshot(kind, { kind } as Partial<JobSnapshot>)));
    expect(parseHistory(serializeHistory(entries))).toEqual(entries);
  });

  it('marks a job whose process stopped while it ran as interrupted, and leaves out one still running elsewhere', () => {
    const entries = [
      entry(snapshot('done')),
      entry(snapshot('lost', { status: 'running', finishedAt: undefined }), { pid: 11, savedAt: 1500 }),
      entry(snapshot('elsewhere', { status: 'running', finishedAt: undefined }), { pid: 12 }),
    ];
    const { jobs, interrupted } = restoreJobs(entries, (running) => running.pid === 12);
    expect(jobs.map((job) => [job.id, job.status])).toEqual([
      ['done', 'succeeded'],
      ['lost', 'interrupted'],
    ]);
    expect(jobs.every((job) => job.isRestored)).toBe(true);
    expect(jobs[1]).toMatchObject({ finishedAt: 1500, error: { message: /Berth stopped while this job/ } });
    expect(interrupted.map((lost) => lost.job.status)).toEqual(['interrupted']);
  });

  it('sets a damaged file aside with a notice, and records new jobs in a fresh one', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, HISTORY_FILE), '{"version":1,"entries":[{"job"');
    const history = new JobHistory(dir);
    expect(history.load()).toEqual([]);
    expect(history.problem?.message).toMatch(/could not be read .*not JSON/);
    expect(history.problem?.hint).toMatch(/job-history\.json\.corrupt-/);
    const aside = readdirSync(dir).find((name) => name.startsWith(`${HISTORY_FILE}.corrupt-`));
    expect(readFileSync(path.join(dir, aside!), 'utf8')).toBe('{"version":1,"entries":[{"job"');
    history.record(snapshot('new'));
    await history.flush();
    expect(
      parseHistory(readFileSync(path.join(dir, HISTORY_FILE), 'utf8')).map((kept) => kept.job.id),
    ).toEqual(['new']);
  });
});

describe('a history file that is not one Berth wrote', () => {
  it('never waits on a FIFO in its place: it is set aside at once', () => {
    const dir = tempDir();
    const file = path.join(dir, HISTORY_FILE);
    execFileSync('mkfifo', [file]);
    // Something opens the FIFO for writing after 3 s: a read that waits for a writer ends then.
    const writer = spawn('sh', ['-c', `sleep 3; : > '${file}'`], { stdio: 'ignore' });
    try {
      const started = Date.now();
      const history = new JobHistory(dir);
      expect(history.load()).toEqual([]);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(history.problem?.message).toMatch(/not a regular file/);
      expect(readdirSync(dir).some((name) => name.startsWith(`${HISTORY_FILE}.corrupt-`))).toBe(true);
    } finally {
      writer.kill();
    }
  });

  it('shows at most the newest jobs it keeps, however many the file lists', () => {
    const dir = tempDir();
    const many = Array.from({ length: 500 }, (_, number) =>
      entry(snapshot(`job-${number}`, { startedAt: number, finishedAt: number + 1 })),
    );
    writeFileSync(path.join(dir, HISTORY_FILE), serializeHistory(many));
    const jobs = new JobHistory(dir).load();
    expect(jobs).toHaveLength(100);
    expect(jobs[0]!.id).toBe('job-499');
  });

  it('does not read a file far past the size cap into memory at start-up', () => {
    const dir = tempDir();
    const padding = 'x'.repeat(8 * 1024 * 1024);
    writeFileSync(
      path.join(dir, HISTORY_FILE),
      serializeHistory([entry(snapshot('padded', { title: padding }))]),
    );
    const history = new JobHistory(dir);
    expect(history.load()).toEqual([]);
    expect(history.problem?.message).toMatch(/far more than Berth writes there/);
  });
});

describe('JobManager with a history', () => {
  it('shows the jobs of an earlier session, and a job cut off by a stop as interrupted', async () => {
    const dir = tempDir();
    const first = new JobManager<AnyJobInputs>({ history: new JobHistory(dir) });
    first.register('copy', async () => COPIED);
    first.register('sync', () => new Promise(() => undefined));
    const finished = first.start('copy', {}, 'copy app');
    await first.wait(finished);
    // The pid of a process that is gone: this "earlier session" stopped with its sync running.
    const running = first.start('sync', {}, 'sync app');
    await first.flushHistory();
    const file = path.join(dir, HISTORY_FILE);
    const text = readFileSync(file, 'utf8').replace(`"pid":${process.pid}`, '"pid":2147483646');
    writeFileSync(file, text);

    const second = new JobManager<AnyJobInputs>({ history: new JobHistory(dir) });
    const listed = new Map(second.list().map((job) => [job.id, job]));
    expect(listed.get(finished)).toMatchObject({ status: 'succeeded', title: 'copy app', isRestored: true });
    expect(listed.get(running)).toMatchObject({ status: 'interrupted', isRestored: true });
    expect(() => second.retry(running)).toThrow(/earlier session/);
    await second.flushHistory();
    const written = parseHistory(readFileSync(file, 'utf8'));
    expect(written.find((kept) => kept.job.id === running)?.job.status).toBe('interrupted');
  });

  it('keeps a job running when its process stops as interrupted, not as cancelled by the stop', async () => {
    const dir = tempDir();
    const jobs = new JobManager<AnyJobInputs>({ history: new JobHistory(dir) });
    jobs.register('sync', (_input, context) => {
      if (context.signal.aborted) return Promise.reject(context.signal.reason as Error);
      return new Promise((_resolve, reject) =>
        context.signal.addEventListener('abort', () => reject(context.signal.reason as Error)),
      );
    });
    const running = jobs.start('sync', {}, 'sync app');
    jobs.stop();
    expect((await jobs.wait(running)).status).toBe('cancelled');
    await jobs.flushHistory();
    const written = parseHistory(readFileSync(path.join(dir, HISTORY_FILE), 'utf8'));
    expect(written.map((kept) => [kept.job.id, kept.job.status])).toEqual([[running, 'interrupted']]);
    const next = new JobManager<AnyJobInputs>({ history: new JobHistory(dir) });
    expect(next.get(running)).toMatchObject({ status: 'interrupted', error: { hint: /Start it again/ } });
  });

  it('retries a failed job in its place: the old job leaves the list and the history', async () => {
    const dir = tempDir();
    const jobs = new JobManager<AnyJobInputs>({ history: new JobHistory(dir) });
    const removed: string[][] = [];
    jobs.onRemoved((ids) => removed.push(ids));
    let attempts = 0;
    jobs.register('copy', async () => {
      if (++attempts === 1) throw new NotFoundError('r.example', 'r.example: no such tag');
      return COPIED;
    });
    const failed = jobs.start('copy', {}, 'copy app');
    await jobs.wait(failed);
    const again = jobs.retry(failed);
    await jobs.wait(again);
    await jobs.flushHistory();
    expect(jobs.list().map((job) => job.id)).toEqual([again]);
    expect(removed).toEqual([[failed]]);
    const written = parseHistory(readFileSync(path.join(dir, HISTORY_FILE), 'utf8'));
    expect(written.map((kept) => kept.job.id)).toEqual([again]);
  });

  it('clears finished, failed and cancelled jobs from the list and the history; running ones stay', async () => {
    const dir = tempDir();
    const jobs = new JobManager<AnyJobInputs>({ history: new JobHistory(dir) });
    jobs.register('copy', async (input) => {
      if (input === 'fail') throw new NotFoundError('r.example', 'r.example: no such tag');
      return COPIED;
    });
    jobs.register('sync', () => new Promise(() => undefined));
    const done = jobs.start('copy', 'ok', 'copy ok');
    const failed = jobs.start('copy', 'fail', 'copy fail');
    const running = jobs.start('sync', {}, 'sync app');
    await Promise.all([jobs.wait(done), jobs.wait(failed)]);
    expect(jobs.clearFinished().sort()).toEqual([done, failed].sort());
    expect(jobs.list().map((job) => job.id)).toEqual([running]);
    await jobs.flushHistory();
    const written = parseHistory(readFileSync(path.join(dir, HISTORY_FILE), 'utf8'));
    expect(written.map((kept) => [kept.job.id, kept.job.status])).toEqual([[running, 'running']]);
  });
});
