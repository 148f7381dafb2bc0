import { describe, expect, it } from 'vitest';
import { compileFilter, filterNames, matchesFilter } from '../../renderer/lib/filter.js';
import { formatDateTime, formatShortDay, formatSize } from '../../renderer/i18n/format.js';
import {
  formatCommand,
  mediaTypeKey,
  pullCommands,
  shortDigest,
  splitEnv,
} from '../../renderer/lib/format.js';
import { chineseT, englishT } from '../fixtures/i18n.js';
import { compareNames, nameKey, parseVersion, sortTagPages, sortTags } from '../../renderer/lib/semver.js';

function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

describe('tag order', () => {
  it('puts versions newest first, releases above their pre-releases, other tags after by name', () => {
    const tags = [
      'latest',
      '1.2',
      'v1.10.0',
      '1.9.3',
      '1.10.0-rc.2',
      '1.10.0-rc.10',
      '1.10.0-alpha',
      'edge',
      '2',
    ];
    expect(sortTags(tags, 'semver')).toEqual([
      '2',
      'v1.10.0',
      '1.10.0-rc.10',
      '1.10.0-rc.2',
      '1.10.0-alpha',
      '1.9.3',
      '1.2',
      'edge',
      'latest',
    ]);
  });

  it('sorts by name naturally, so 2 comes before 10', () => {
    expect(sortTags(['build-10', 'build-2', 'alpha', 'Build-1'], 'name')).toEqual([
      'alpha',
      'Build-1',
      'build-2',
      'build-10',
    ]);
  });

  it('recognises versions with a v prefix and build metadata, not commit-like tags', () => {
    expect(parseVersion('v1.2.3+build.5')).toEqual({ numbers: [1, 2, 3], prerelease: [] });
    expect(parseVersion('main-3f2a9c1')).toBeUndefined();
    expect(parseVersion('latest')).toBeUndefined();
  });

  it('orders names by key exactly as the collator does, case and leading zeros left to it', () => {
    // A small fixed-seed generator over the tag alphabet, heavy on digits, case and punctuation.
    let seed = 8;
    const random = (below: number) => (
      (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0),
      (seed >>> 16) % below
    );
    const alphabet = 'aAbBzZ0012789_-.';
    const names = Array.from({ length: 3000 }, () =>
      Array.from({ length: 1 + random(8) }, () => alphabet[random(alphabet.length)]).join(''),
    );
    const sign = (value: number) => Math.sign(value);
    for (let index = 0; index + 1 < names.length; index++) {
      const [a, b] = [names[index]!, names[index + 1]!];
      const [keyA, keyB] = [nameKey(a)!, nameKey(b)!];
      if (keyA !== keyB) expect([a, b, sign(compareNames(a, b))]).toEqual([a, b, keyA < keyB ? -1 : 1]);
    }
    expect(new Set(names).size).toBeGreaterThan(2000);
    const byCollator = [...names].sort(compareNames);
    expect(sortTags(names, 'name')).toEqual(byCollator);
    // Page by page, step by step, gives the same order as all at once.
    for (const order of ['semver', 'name'] as const)
      for (const pageSize of [1, 7, 1000]) {
        const pages: string[][] = [];
        for (let start = 0; start < names.length; start += pageSize)
          pages.push(names.slice(start, start + pageSize));
        expect(drain(sortTagPages(pages, order))).toEqual(sortTags(names, order));
      }
    expect(nameKey('tag-ü')).toBeUndefined();
    expect(sortTags(['b', 'ü', 'a', 'B'], 'name')).toEqual(['a', 'b', 'B', 'ü']);
  });

  it('keeps the order when a later page brings a tag the fast keys cannot order', () => {
    const pages = [
      ['b', 'a', '10', '9', '1.0'],
      ['ü', 'B', 'v1.2.3'],
    ];
    expect(drain(sortTagPages(pages, 'name'))).toEqual(sortTags(pages.flat(), 'name'));
    expect(
      drain(
        sortTagPages(
          [
            ['1.0', 'latest', '2.0-rc.1'],
            ['2.0', 'edge', '1.10'],
          ],
          'semver',
        ),
      ),
    ).toEqual(['2.0', '2.0-rc.1', '1.10', '1.0', 'edge', 'latest']);
    expect(drain(sortTagPages([], 'semver'))).toEqual([]);
  });

  it('sorts many pages in short steps', () => {
    const pages = Array.from({ length: 40 }, (_, page) =>
      Array.from({ length: 1000 }, (_, index) => `tag-${(index * 40 + page) % 40000}`),
    );
    const steps = sortTagPages(pages, 'semver');
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    // Each page is read and sorted in a step of its own, and the merges yield every few thousand rows.
    expect(yields).toBeGreaterThan(2 * 40 + 40_000 / 4096);
    expect(step.value).toEqual(sortTags(pages.flat(), 'semver'));
  });

  it('does not change the array it is given', () => {
    const tags = ['1.0', '2.0'];
    sortTags(tags, 'semver');
    expect(tags).toEqual(['1.0', '2.0']);
  });
});

describe('the instant filter', () => {
  it('needs every word, ignores case and anchors words that start with ^', () => {
    expect(matchesFilter('team/App-Server', 'app server')).toBe(true);
    expect(matchesFilter('team/app-server', 'app worker')).toBe(false);
    expect(matchesFilter('team/app', '^team')).toBe(true);
    expect(matchesFilter('other/team', '^team')).toBe(false);
    expect(filterNames(['a', 'b'], '   ')).toEqual(['a', 'b']);
    expect(filterNames(['team/app', 'team/tools', 'infra/app'], 'app')).toEqual(['team/app', 'infra/app']);
  });

  it('compiles the filter once and answers like matchesFilter', () => {
    const test = compileFilter(' ^Team  APP ');
    expect(['team/app', 'team/App-2', 'other/team/app', 'team/tools'].map(test)).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(compileFilter('')('anything')).toBe(true);
  });

  it('filtering the sorted tags gives what sorting the filtered tags gave (the tag pane sorts once)', () => {
    const tags = [
      'latest',
      '1.10.0',
      'v2',
      '1.2.0-rc.1',
      '1.2.0',
      'main-10',
      'main-9',
      '10',
      '1.2',
      'Build-1',
    ];
    for (const order of ['semver', 'name'] as const)
      for (const filter of ['1', '^1', 'main', '2 rc', 'B', ''])
        expect(filterNames(sortTags(tags, order), filter)).toEqual(
          sortTags(filterNames(tags, filter), order),
        );
  });
});

describe('formatting', () => {
  it('shows sizes in decimal units, numbers written for the language', () => {
    const { intl } = englishT();
    expect(formatSize(intl, 0)).toBe('0 B');
    expect(formatSize(intl, 912)).toBe('912 B');
    expect(formatSize(intl, 1536)).toBe('1.54 KB');
    expect(formatSize(intl, 25_400_000)).toBe('25.4 MB');
    expect(formatSize(intl, 734_000_000)).toBe('734 MB');
    expect(formatSize(intl, 1_234_000_000_000_000)).toBe('1,234 TB');
    expect(formatSize(intl, -1)).toBe('—');
    expect(formatSize(chineseT().intl, 25_400_000)).toBe('25.4 MB');
  });

  it('shortens digests and names media types', () => {
    expect(shortDigest(`sha256:${'ab'.repeat(32)}`)).toBe('sha256:abababababab…');
    expect(shortDigest('not-a-digest')).toBe('not-a-digest');
    expect(mediaTypeKey('application/vnd.oci.image.index.v1+json')).toBe('ociIndex');
    expect(mediaTypeKey('application/x-custom')).toBeUndefined();
    expect(mediaTypeKey('toString')).toBeUndefined();
  });

  it('writes dates on one sortable line and leaves what is not a date alone', () => {
    const { intl } = englishT();
    expect(formatDateTime(intl, new Date(2024, 0, 5, 9, 7).toISOString())).toBe('2024-01-05 09:07');
    expect(formatDateTime(chineseT().intl, new Date(2024, 0, 5, 9, 7).toISOString())).toBe(
      '2024-01-05 09:07',
    );
    expect(formatDateTime(intl, 'yesterday')).toBe('yesterday');
  });

  it('writes a short day in the language, with the year only for another year', () => {
    const now = new Date(2026, 11, 7);
    const day = new Date(2026, 11, 5, 12).toISOString();
    const lastYear = new Date(2025, 11, 5, 12).toISOString();
    expect(formatShortDay(englishT().intl, day, now)).toBe('Dec 5');
    expect(formatShortDay(englishT().intl, lastYear, now)).toBe('Dec 5, 2025');
    expect(formatShortDay(chineseT().intl, day, now)).toBe('12月5日');
    expect(formatShortDay(chineseT().intl, lastYear, now)).toBe('2025年12月5日');
  });

  it('writes docker pull lines by tag and by digest', () => {
    expect(pullCommands('registry:5000', 'team/app', '1.0', 'sha256:abc')).toEqual({
      byTag: 'docker pull registry:5000/team/app:1.0',
      byDigest: 'docker pull registry:5000/team/app@sha256:abc',
    });
    expect(pullCommands('r', 'a', undefined, 'sha256:abc')).toEqual({
      byDigest: 'docker pull r/a@sha256:abc',
    });
  });

  it('writes podman pull lines when the engine is Podman, telling it about a plain-HTTP registry', () => {
    expect(pullCommands('registry:5000', 'team/app', '1.0', 'sha256:abc', { tool: 'podman' })).toEqual({
      byTag: 'podman pull registry:5000/team/app:1.0',
      byDigest: 'podman pull registry:5000/team/app@sha256:abc',
    });
    expect(
      pullCommands('lab:5000', 'a', '1', 'sha256:abc', { tool: 'podman', isPlainHttp: true }).byTag,
    ).toBe('podman pull --tls-verify=false lab:5000/a:1');
    // Docker reads plain HTTP from daemon.json: its line has no such flag.
    expect(
      pullCommands('lab:5000', 'a', '1', 'sha256:abc', { tool: 'docker', isPlainHttp: true }).byTag,
    ).toBe('docker pull lab:5000/a:1');
  });

  it('quotes command parts a shell would split and splits env at the first =', () => {
    expect(formatCommand(['/bin/sh', '-c', "echo 'hi' there"])).toBe(`/bin/sh -c 'echo '\\''hi'\\'' there'`);
    expect(formatCommand(null)).toBeUndefined();
    expect(splitEnv(['A=1=2', 'EMPTY'])).toEqual([
      { name: 'A', value: '1=2' },
      { name: 'EMPTY', value: '' },
    ]);
  });
});
