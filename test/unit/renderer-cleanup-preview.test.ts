import { describe, expect, it } from 'vitest';
import { PREVIEW_ROWS_SHOWN, previewRows } from '../../renderer/features/cleanup/preview-rows.js';
import type { PruneTag } from '../../shared/prune.js';

const tag = (index: number, goes: boolean): PruneTag => ({
  repository: 'team/app',
  tag: `b${index}`,
  goes,
  reason: goes ? 'older' : 'newest',
  why: goes ? 'older than 30d' : 'among the newest 1',
});

describe('the cleanup preview table', () => {
  it('lists a few tags as the preview orders them', () => {
    const tags = [tag(0, false), tag(1, true), tag(2, false)];
    expect(previewRows(tags, false)).toEqual(tags);
  });

  it('lists at most a page of 50,000 tags, every tag that goes first, and all when asked', () => {
    const tags = Array.from({ length: 50_000 }, (_, index) => tag(index, index % 10 === 9));
    const shown = previewRows(tags, false);
    expect(shown).toHaveLength(PREVIEW_ROWS_SHOWN);
    // 5,000 of them go: the page is all tags that go.
    expect(shown.every((row) => row.goes)).toBe(true);
    expect(previewRows(tags, true)).toHaveLength(50_000);
  });
});
