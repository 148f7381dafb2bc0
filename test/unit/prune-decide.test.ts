// decideTags: which tags of one repository a cleanup rule deletes, and the reason given for each.
import { describe, expect, it } from 'vitest';
import { decideTags, type DatedTag } from '../../electron/core/prune/index.js';
import { deletionsOf, MAX_PRUNE_DELETIONS, parseDuration, type CleanupRule } from '../../shared/prune.js';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const day = (days: number) => new Date(NOW - days * 86_400_000).toISOString();

function tag(name: string, days: number | undefined, digest = `sha256:${name}`): DatedTag {
  return {
    repository: 'team/app',
    tag: name,
    digest,
    ...(days === undefined ? {} : { date: day(days), dateSource: 'built' as const }),
  };
}

const rule = (fields: Partial<CleanupRule>): CleanupRule => ({
  name: 'r',
  connection: 'local',
  repositories: 'team/app',
  protect: ['latest', 'v*'],
  ...fields,
});

function decisions(r: CleanupRule, tags: DatedTag[]) {
  return Object.fromEntries(
    decideTags(r, tags, NOW).map((d) => [d.tag, `${d.goes ? 'goes' : 'stays'} ${d.reason}`]),
  );
}

describe('decideTags', () => {
  it('keeps the newest N matching tags that are not protected; protected ones do not count', () => {
    const tags = [tag('b1', 30), tag('b2', 20), tag('b3', 10), tag('latest', 1), tag('v1', 40)];
    expect(decisions(rule({ keep: 2 }), tags)).toEqual({
      b1: 'goes beyond-newest',
      b2: 'stays newest',
      b3: 'stays newest',
      latest: 'stays protected',
      v1: 'stays protected',
    });
  });

  it('keeps tags younger than the age, and with both, deletes only those old and beyond the newest N', () => {
    const tags = [tag('a', 100), tag('b', 50), tag('c', 5)];
    expect(decisions(rule({ olderThan: '30d' }), tags)).toEqual({
      a: 'goes older',
      b: 'goes older',
      c: 'stays younger',
    });
    expect(decisions(rule({ olderThan: '30d', keep: 2 }), tags)).toEqual({
      a: 'goes older',
      b: 'stays newest',
      c: 'stays newest',
    });
  });

  it('keeps a tag with no date, one that could not be read, and one the pattern does not match', () => {
    const tags: DatedTag[] = [
      tag('build-1', undefined),
      { repository: 'team/app', tag: 'build-2', error: 'manifest unknown' },
      tag('release-1', 400),
      tag('build-3', 400),
    ];
    expect(decisions(rule({ keep: 0, match: 'build-*' }), tags)).toEqual({
      'build-1': 'stays no-date',
      'build-2': 'stays unreadable',
      'release-1': 'stays no-match',
      'build-3': 'goes beyond-newest',
    });
  });

  it('matches whole names: a word alone is that tag, not every tag containing it', () => {
    const tags = [tag('main', 100), tag('main-old', 100), tag('latest-2', 100)];
    expect(decisions(rule({ keep: 0, match: 'main' }), tags)).toEqual({
      main: 'goes beyond-newest',
      'main-old': 'stays no-match',
      'latest-2': 'stays no-match',
    });
  });

  it('reads ages in minutes, hours, days and weeks, and refuses anything else', () => {
    expect(parseDuration('90m')).toBe(90 * 60_000);
    expect(parseDuration('12h')).toBe(12 * 3_600_000);
    expect(parseDuration('2w')).toBe(14 * 86_400_000);
    for (const text of ['', '0d', '-1d', '1y', '1.5d', '30', 'd', '9999999d'])
      expect(parseDuration(text)).toBe(undefined);
  });
});

describe('deletionsOf', () => {
  it('takes the tags that go, in the preview order, at most one run’s worth', () => {
    const digest = `sha256:${'d'.repeat(64)}`;
    const tags = Array.from({ length: MAX_PRUNE_DELETIONS + 5 }, (_, index) => ({
      repository: 'team/app',
      tag: `b${index}`,
      digest,
      goes: index !== 1,
      reason: 'older' as const,
      why: 'older than 30d',
    }));
    const deletions = deletionsOf({ tags });
    expect(deletions).toHaveLength(MAX_PRUNE_DELETIONS);
    expect(deletions.slice(0, 2)).toEqual([
      { repository: 'team/app', tag: 'b0', digest },
      { repository: 'team/app', tag: 'b2', digest },
    ]);
  });
});
