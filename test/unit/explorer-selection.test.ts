// The tag table's multi-selection, its referrers-tag filter and the bulk delete's grouping by digest:
// plain data in, plain data out.
import { describe, expect, it } from 'vitest';
import { groupByDigest } from '../../electron/core/registry/delete.js';
import {
  chosenInView,
  EMPTY_SELECTION,
  selectAll,
  selectOne,
  selectRange,
  toggle,
} from '../../renderer/components/list-selection.js';
import { isReferrersTag, splitReferrersTags } from '../../renderer/features/explorer/referrer-tags.js';

const ROWS = ['a', 'b', 'c', 'd', 'e'];
const chosen = (selection: { chosen: ReadonlySet<string> }) => [...selection.chosen].sort();

describe('multi-selection', () => {
  it('a click selects one row and anchors there', () => {
    expect(selectOne('c')).toEqual({ chosen: new Set(['c']), anchor: 'c' });
  });

  it('toggling adds and removes a row, and moves the anchor', () => {
    const added = toggle(selectOne('a'), 'c');
    expect(chosen(added)).toEqual(['a', 'c']);
    expect(added.anchor).toBe('c');
    const removed = toggle(added, 'a');
    expect(chosen(removed)).toEqual(['c']);
    expect(removed.anchor).toBe('a');
  });

  it('a range runs from the anchor either way and replaces the previous range', () => {
    const down = selectRange(selectOne('b'), ROWS, 'd');
    expect(chosen(down)).toEqual(['b', 'c', 'd']);
    expect(down.anchor).toBe('b');
    // Shift+↑ back past the anchor: the range flips, keeping the anchor.
    expect(chosen(selectRange(down, ROWS, 'a'))).toEqual(['a', 'b']);
  });

  it('a range without an anchor in view starts at the row itself', () => {
    expect(selectRange(EMPTY_SELECTION, ROWS, 'c')).toEqual(selectOne('c'));
    expect(selectRange(selectOne('gone'), ROWS, 'b')).toEqual(selectOne('b'));
    // A row not shown changes nothing.
    const current = selectOne('a');
    expect(selectRange(current, ROWS, 'zzz')).toBe(current);
  });

  it('select all takes every row shown, and actions see only chosen rows still in view', () => {
    expect(chosen(selectAll(ROWS))).toEqual(ROWS);
    const some = toggle(toggle(selectOne('a'), 'd'), 'e');
    // A filter that hides `a` and a delete that removed `e`: the action gets `d` alone.
    expect(chosenInView(some, ['b', 'c', 'd'])).toEqual(['d']);
    expect(chosenInView(EMPTY_SELECTION, ROWS)).toEqual([]);
  });
});

describe('referrers tags', () => {
  const digest = 'ab'.repeat(32);
  it('are exactly <alg>-<hex of the digest>', () => {
    expect(isReferrersTag(`sha256-${digest}`)).toBe(true);
    expect(isReferrersTag(`sha512-${digest}${digest}`)).toBe(true);
    expect(isReferrersTag(`sha256-${digest}.sig`)).toBe(false);
    expect(isReferrersTag(`sha256-${digest.slice(1)}`)).toBe(false);
    expect(isReferrersTag('sha256-latest')).toBe(false);
    expect(isReferrersTag('1.0')).toBe(false);
  });

  it('are split off in order', () => {
    expect(splitReferrersTags(['1.0', `sha256-${digest}`, 'latest'])).toEqual({
      images: ['1.0', 'latest'],
      referrers: [`sha256-${digest}`],
    });
  });
});

describe('grouping chosen tags by digest', () => {
  const digests = new Map([
    ['1.0', 'sha256:one'],
    ['stable', 'sha256:one'],
    ['keep', 'sha256:one'],
    ['2.0', 'sha256:two'],
    ['2', 'sha256:two'],
    ['lonely', 'sha256:three'],
  ]);

  it('names the unselected tags on each digest as survivors', () => {
    expect(groupByDigest(digests, ['1.0', 'stable', '2.0', 'lonely'])).toEqual({
      groups: [
        { digest: 'sha256:one', tags: ['1.0', 'stable'], survivors: ['keep'] },
        { digest: 'sha256:two', tags: ['2.0'], survivors: ['2'] },
        { digest: 'sha256:three', tags: ['lonely'], survivors: [] },
      ],
      missing: [],
    });
  });

  it('reports chosen tags the registry no longer has', () => {
    expect(groupByDigest(digests, ['gone', '2'])).toEqual({
      groups: [{ digest: 'sha256:two', tags: ['2'], survivors: ['2.0'] }],
      missing: ['gone'],
    });
  });
});
