import { describe, expect, it } from 'vitest';
import { filterNames, matchesFilter } from '../../renderer/lib/filter.js';
import {
  describeMediaType,
  formatBytes,
  formatDate,
  formatCommand,
  pullCommands,
  shortDigest,
  splitEnv,
} from '../../renderer/lib/format.js';
import { parseVersion, sortTags } from '../../renderer/lib/semver.js';

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
});

describe('formatting', () => {
  it('shows sizes in decimal units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(912)).toBe('912 B');
    expect(formatBytes(1536)).toBe('1.54 KB');
    expect(formatBytes(25_400_000)).toBe('25.4 MB');
    expect(formatBytes(734_000_000)).toBe('734 MB');
    expect(formatBytes(-1)).toBe('—');
  });

  it('shortens digests and names media types', () => {
    expect(shortDigest(`sha256:${'ab'.repeat(32)}`)).toBe('sha256:abababababab…');
    expect(shortDigest('not-a-digest')).toBe('not-a-digest');
    expect(describeMediaType('application/vnd.oci.image.index.v1+json')).toBe('OCI image index');
    expect(describeMediaType('application/x-custom')).toBe('application/x-custom');
  });

  it('writes dates on one sortable line and leaves what is not a date alone', () => {
    expect(formatDate(new Date(2024, 0, 5, 9, 7).toISOString())).toBe('2024-01-05 09:07');
    expect(formatDate('yesterday')).toBe('yesterday');
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

  it('quotes command parts a shell would split and splits env at the first =', () => {
    expect(formatCommand(['/bin/sh', '-c', "echo 'hi' there"])).toBe(`/bin/sh -c 'echo '\\''hi'\\'' there'`);
    expect(formatCommand(null)).toBeUndefined();
    expect(splitEnv(['A=1=2', 'EMPTY'])).toEqual([
      { name: 'A', value: '1=2' },
      { name: 'EMPTY', value: '' },
    ]);
  });
});
