// The job history file is checked by hand (electron/core/jobs/history.ts), not with zod, so that the services
// every command loads load no zod: the check accepts exactly what the zod schema it replaced accepted.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseHistory } from '../../electron/core/jobs/index.js';
import { combinations, mutations } from '../fixtures/mutations.js';

const KINDS = ['copy', 'sync', 'pull', 'push', 'mirror-test', 'save', 'prune', 'storage', 'load'] as const;
const STATUSES = ['running', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const;

/** The schema history.ts checked with before. */
const EntrySchema = z.looseObject({
  pid: z.number().int(),
  host: z.string(),
  savedAt: z.number(),
  job: z.looseObject({
    id: z.string().min(1),
    kind: z.enum(KINDS),
    title: z.string(),
    status: z.enum(STATUSES),
    startedAt: z.number(),
    finishedAt: z.number().optional(),
    items: z.array(z.looseObject({ id: z.string(), label: z.string(), state: z.string() })),
    overall: z.looseObject({ bytesDone: z.number(), bytesTotal: z.number() }),
  }),
});
const FileSchema = z.looseObject({ version: z.literal(1), entries: z.array(EntrySchema) });

const entry = (id: string, extra: object = {}) => ({
  pid: 42,
  host: 'builder',
  savedAt: 1_700_000_000_000,
  job: {
    id,
    kind: 'copy',
    title: `copy ${id}`,
    status: 'succeeded',
    startedAt: 1_700_000_000_000,
    finishedAt: 1_700_000_001_000,
    items: [{ id: 'a', label: 'layer', state: 'done', bytes: 3 }],
    overall: { bytesDone: 3, bytesTotal: 3 },
    result: { digest: 'sha256:0' },
    ...extra,
  },
});

describe('reading the job history without zod', () => {
  it('accepts what the zod schema accepted, and gives its entries, for every field broken every way', () => {
    const base = {
      version: 1,
      entries: [entry('1'), entry('2', { finishedAt: undefined, status: 'running' })],
    };
    const corpus = [...mutations(base, [0]), ...combinations(base, 3000, 5)];
    const differences: string[] = [];
    let accepted = 0;
    for (const value of corpus) {
      // Through JSON, as the file is read: both sides read the same text.
      const text = JSON.stringify(value);
      if (text === undefined) continue;
      const parsed = FileSchema.safeParse(JSON.parse(text));
      const want = parsed.success ? parsed.data.entries : 'it is not a Berth job history of this version';
      if (parsed.success) accepted++;
      let actual: unknown;
      try {
        actual = parseHistory(text);
      } catch (error) {
        actual = (error as Error).message;
      }
      try {
        expect(actual).toEqual(want);
      } catch {
        differences.push(text.slice(0, 400));
      }
    }
    expect(accepted).toBeGreaterThan(200);
    expect(differences.slice(0, 5)).toEqual([]);
  });

  it('leaves out a "__proto__" key of an entry, its job, item or overall, as zod did', () => {
    const text = JSON.stringify({ version: 1, entries: [entry('1')] });
    // JSON.parse makes "__proto__" an own key; zod's objects left it out of what they gave.
    const hostile = '"__proto__":{"status":"running","pid":1},';
    for (const [at, opened] of [
      ['{"pid":', `{${hostile}"pid":`],
      ['"job":{', `"job":{${hostile}`],
      ['"items":[{', `"items":[{${hostile}`],
      ['"overall":{', `"overall":{${hostile}`],
    ] as const) {
      const edited = text.replace(at, opened);
      expect(edited).toContain('__proto__');
      const entries = parseHistory(edited);
      expect(entries).toStrictEqual(FileSchema.parse(JSON.parse(edited)).entries);
      const [first] = entries;
      for (const record of [first, first!.job, first!.job.items[0], first!.job.overall])
        expect(Object.hasOwn(record!, '__proto__')).toBe(false);
    }
  });
});
