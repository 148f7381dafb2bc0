import { describe, expect, it } from 'vitest';
import type { JobItem, JobKind, JobSnapshot } from '../../shared/jobs.js';
import { finishedLine, ProgressPrinter } from '../../electron/cli/progress.js';

function snapshot(kind: JobKind, items: JobItem[]): JobSnapshot {
  return {
    id: 'job',
    kind,
    title: kind,
    status: 'running',
    startedAt: 0,
    items,
    overall: { bytesDone: 0, bytesTotal: 0, itemsDone: 0, itemsTotal: items.length, rate: 0 },
  } as JobSnapshot;
}

function item(fields: Partial<JobItem> & Pick<JobItem, 'label' | 'kind' | 'state'>): JobItem {
  return { id: fields.label, bytesDone: 0, ...fields };
}

function collector(): { stream: NodeJS.WriteStream; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = {
    columns: 120,
    write: (chunk: string) => chunks.push(chunk),
  } as unknown as NodeJS.WriteStream;
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean) };
}

const blob = (state: JobItem['state'], note?: string, bytesDone = 0): JobItem =>
  item({
    id: 'sha256:3f2a',
    label: 'blob 3f2a9c81d0e4',
    kind: 'blob',
    state,
    bytesDone,
    bytesTotal: 2150,
    note,
  });

describe('progress off a terminal', () => {
  it('says once what became of each finished blob, layer and manifest, with its size', () => {
    expect(finishedLine('copy', blob('done'))).toBe('blob 3f2a9c81d0e4 2.1 KiB transferred');
    expect(finishedLine('copy', blob('mounted', 'mounted from team/app'))).toBe(
      'blob 3f2a9c81d0e4 2.1 KiB mounted from team/app',
    );
    expect(finishedLine('sync', blob('skipped', 'already in the destination'))).toBe(
      'blob 3f2a9c81d0e4 2.1 KiB already in the destination',
    );
    expect(finishedLine('copy', item({ label: 'manifest 1', kind: 'manifest', state: 'done' }))).toBe(
      'manifest 1 pushed',
    );
    expect(
      finishedLine(
        'pull',
        item({ label: 'layer 0b9d3e1f77a2', kind: 'layer', state: 'done', bytesTotal: 650 }),
      ),
    ).toBe('layer 0b9d3e1f77a2 650 B pulled');
    expect(finishedLine('push', item({ label: 'layer 0b9d3e1f77a2', kind: 'layer', state: 'done' }))).toBe(
      'layer 0b9d3e1f77a2 pushed',
    );
    expect(finishedLine('copy', blob('failed', 'upload refused'))).toBe(
      'blob 3f2a9c81d0e4 failed: upload refused',
    );
    expect(
      finishedLine('pull', item({ label: 'layer 1', kind: 'layer', state: 'failed', note: 'failed' })),
    ).toBe('layer 1 failed');
  });

  it('prints nothing for work under way', () => {
    for (const state of ['waiting', 'checking', 'transferring', 'verifying'] as const)
      expect(finishedLine('copy', blob(state, undefined, 1000))).toBeUndefined();
  });

  it('prints one line per item as it finishes: no bars, no cut labels, no doubled words', () => {
    const out = collector();
    const printer = new ProgressPrinter(out.stream, false);
    const manifest = item({ label: 'manifest 1', kind: 'manifest', state: 'waiting' });
    printer.update(snapshot('copy', [blob('transferring', undefined, 1000), manifest]));
    printer.update(snapshot('copy', [blob('done', undefined, 2150), { ...manifest, state: 'transferring' }]));
    printer.update(snapshot('copy', [blob('done', undefined, 2150), { ...manifest, state: 'done' }]));
    printer.update(snapshot('copy', [blob('done', undefined, 2150), { ...manifest, state: 'done' }]));
    expect(out.lines()).toEqual(['blob 3f2a9c81d0e4 2.1 KiB transferred', 'manifest 1 pushed']);
  });

  it('a failed pull names the failed layers whole, and leaves the image to the error that follows', () => {
    const out = collector();
    const label = '127.0.0.1:5101/team/application:1';
    new ProgressPrinter(out.stream, false).update(
      snapshot('pull', [
        item({ label, kind: 'tag', state: 'failed', note: 'failed' }),
        item({ label: 'layer 0b9d3e1f77a2', kind: 'layer', state: 'failed', note: 'failed' }),
      ]),
    );
    expect(out.lines()).toEqual(['layer 0b9d3e1f77a2 failed']);
  });

  it('keeps the live bars on a terminal', () => {
    const out = collector();
    new ProgressPrinter(out.stream, true).update(snapshot('copy', [blob('transferring', undefined, 1075)]));
    const [line] = out.lines();
    expect(line?.startsWith('\u001b[2K')).toBe(true);
    expect(line?.slice(4)).toMatch(/^blob 3f2a9c81d0e4 +transferring +\[=+> +\] 1\.0 KiB \/ 2\.1 KiB$/);
  });
});
