import { describe, expect, it } from 'vitest';
import { previewChange } from '../../electron/core/api/daemon-view.js';
import { locateDaemonConfig } from '../../electron/core/daemon-config/index.js';
import {
  caretLine,
  checkedAgainst,
  diffLines,
  hasEntry,
  moveItem,
  podmanReportFor,
  removeItem,
  verificationRows,
} from '../../renderer/features/daemon/daemon-logic.js';

const FILE = '/etc/docker/daemon.json';

describe('daemon page list edits', () => {
  it('moves an entry one place and never off either end', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(removeItem(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
  });

  it('finds a duplicate by what dockerd reads, not by how it was typed', () => {
    const list = [{ entry: 'http://a.example:5000', ok: true, value: 'a.example:5000' }];
    expect(hasEntry(list, { entry: 'a.example:5000', ok: true, value: 'a.example:5000' })).toBe(true);
    expect(hasEntry(list, { entry: 'b.example:5000', ok: true, value: 'b.example:5000' })).toBe(false);
  });
});

describe('daemon page diff and error position', () => {
  it('classifies the lines of a unified diff and drops the banner', () => {
    const { diff } = previewChange(
      FILE,
      '{\n  "debug": true\n}\n',
      { kind: 'text', text: '{\n  "debug": false\n}\n' },
      'modern',
    );
    expect(diffLines(diff).map((line) => line.kind)).toEqual([
      'file',
      'file',
      'file',
      'hunk',
      'context',
      'removed',
      'added',
      'context',
    ]);
  });

  it('puts the caret under the column, keeping tabs so it lines up', () => {
    expect(caretLine('  "a": [1,]', 11)).toBe('          ^');
    expect(caretLine('\t\t"a": x', 8)).toBe('\t\t     ^');
    expect(caretLine('', 1)).toBe('^');
  });
});

describe('previewChange', () => {
  const original = '{\n    "debug": true,\n    "registry-mirrors": ["https://m.example/"]\n}\n';

  it('changes only the list that changed, keeping the other keys and the indentation', () => {
    const preview = previewChange(
      FILE,
      original,
      { kind: 'lists', insecureRegistries: [], registryMirrors: ['https://m.example/', 'http://n.example'] },
      'modern',
    );
    expect(JSON.parse(preview.text)).toEqual({
      debug: true,
      'registry-mirrors': ['https://m.example/', 'http://n.example'],
    });
    expect(preview.text).toContain('\n        "http://n.example"\n');
    expect(preview.problems).toEqual([]);
    expect(preview.changed).toBe(true);
  });

  it('lists what dockerd would refuse, with the reason, and writes an emptied list as []', () => {
    const preview = previewChange(
      FILE,
      original,
      { kind: 'lists', insecureRegistries: ['bad host'], registryMirrors: [] },
      'modern',
    );
    expect(preview.problems).toEqual([
      'insecure-registries: insecure registry bad host is not valid: "bad host" is not a host name or IP address',
    ]);
    expect(preview.text).toContain('"registry-mirrors": []');
    expect(preview.notes).toContain(
      'The list is written as "registry-mirrors": [] — a key missing from the file would not be cleared on reload.',
    );
  });

  it('points at invalid JSON in raw text by line and column', () => {
    const preview = previewChange(FILE, original, { kind: 'text', text: '{\n  "debug": true,\n}' }, 'modern');
    expect(preview.jsonProblem).toMatchObject({ line: 3, column: 1, lineText: '}' });
    expect(preview.problems).toEqual([expect.stringMatching(/^line 3, column 1: /)]);
  });

  it('refuses a value dockerd cannot decode, and claims for a clean text only what was checked', () => {
    const engine = { version: '20.10.24+dfsg1', commandLine: ['-H', 'fd://'] };
    const refused = previewChange(
      FILE,
      original,
      { kind: 'text', text: '{"debug": "yes"}' },
      'legacy',
      engine,
    );
    expect(refused.problems).toEqual(['debug: dockerd expects true or false, not a string']);

    const clean = previewChange(FILE, original, { kind: 'text', text: '{"debug": false}' }, 'legacy', engine);
    expect(clean.problems).toEqual([]);
    expect(clean.checked).toEqual({ against: 'dockerd 20.10', unchecked: [] });
    expect(checkedAgainst(clean.checked)).toBe('dockerd 20.10');
  });

  it('checks the bytes a save writes: the byte-order mark the file has, which dockerd reads only from 23.0', () => {
    const change = { kind: 'lists' as const, insecureRegistries: ['a.lan:5000'], registryMirrors: [] };
    const marked = `\uFEFF${original}`;
    const old = previewChange(FILE, marked, change, 'legacy', { version: '20.10.24', commandLine: [] });
    expect(old.problems).toEqual([expect.stringMatching(/^the file starts with a UTF-8 byte-order mark/)]);
    const recent = previewChange(FILE, marked, change, 'modern', { version: '23.0.6', commandLine: [] });
    expect(recent.problems).toEqual([]);
  });

  it('reports no change for the same text', () => {
    const preview = previewChange(FILE, original, { kind: 'text', text: original }, 'modern');
    expect(preview).toMatchObject({ changed: false, diff: '' });
  });
});

describe('verification rows', () => {
  const expected = {
    cidrs: ['10.0.0.0/8', '127.0.0.0/8', '::1/128'],
    hosts: ['a:5000'],
    mirrors: ['https://m/', 'https://n/'],
  };

  it('matches sets of insecure entries, mirrors in order, and ::1 only where the engine lists it', () => {
    const rows = verificationRows(expected, {
      insecureCidrs: ['127.0.0.0/8', '10.0.0.0/8'],
      insecureHosts: ['a:5000'],
      mirrors: ['https://n/', 'https://m/'],
    });
    expect(rows.map((row) => [row.kind, row.matches])).toEqual([
      ['cidrs', true],
      ['hosts', true],
      ['mirrors', false],
    ]);
    expect(rows[0]!.file).toEqual(['10.0.0.0/8', '127.0.0.0/8']);
  });

  it('does not claim a match when the engine could not be asked', () => {
    expect(verificationRows(expected, undefined).map((row) => row.matches)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('locateDaemonConfig overrides', () => {
  it('takes the file and the pid file of a dockerd started with its own --config-file and --pidfile', () => {
    const location = locateDaemonConfig(
      {},
      { HOME: '/home/me', BERTH_DAEMON_CONFIG: '/srv/d/daemon.json', BERTH_DOCKERD_PIDFILE: '/srv/d/pid' },
      'linux',
    );
    expect(location).toEqual({
      file: '/srv/d/daemon.json',
      flavour: 'rootful',
      reason: 'BERTH_DAEMON_CONFIG names this file',
      reasonCode: 'env',
      pidFile: '/srv/d/pid',
    });
    expect(locateDaemonConfig({}, { HOME: '/home/me' }, 'linux').pidFile).toBe('/var/run/docker.pid');
    expect(
      locateDaemonConfig(
        { flavour: 'rootless' },
        { HOME: '/home/me', XDG_RUNTIME_DIR: '/run/user/1000' },
        'linux',
      ).pidFile,
    ).toBe('/run/user/1000/docker.pid');
  });

  it("names no pid file for another daemon.json unless told: the system dockerd's is not that file's", () => {
    const other = locateDaemonConfig(
      {},
      { HOME: '/home/me', BERTH_DAEMON_CONFIG: '/srv/d/daemon.json' },
      'linux',
    );
    expect(other.file).toBe('/srv/d/daemon.json');
    expect(other.pidFile).toBeUndefined();
    const usual = locateDaemonConfig(
      {},
      { HOME: '/home/me', BERTH_DAEMON_CONFIG: '/etc/docker/daemon.json' },
      'linux',
    );
    expect(usual.pidFile).toBe('/var/run/docker.pid');
  });
});

describe("what Podman's /info says of a registries.conf entry", () => {
  const entry = {
    prefix: 'docker.io',
    location: 'docker.io',
    isInsecure: false,
    isBlocked: false,
    mirrors: [{ location: 'mirror.lan:5000', isInsecure: true }],
    file: '/etc/containers/registries.conf',
  };
  const live = (indexes: { name: string; isSecure: boolean; mirrors: string[] }[]) => ({
    engine: 'podman' as const,
    insecureCidrs: [],
    insecureHosts: [],
    mirrors: [],
    indexes,
  });

  it('is the same when TLS and the mirrors agree with the file', () => {
    expect(
      podmanReportFor(entry, live([{ name: 'docker.io', isSecure: true, mirrors: ['mirror.lan:5000'] }])),
    ).toEqual({ kind: 'same' });
  });

  it('says what Podman reports when it reads something else, and unknown without an answer', () => {
    expect(podmanReportFor(entry, live([{ name: 'docker.io', isSecure: false, mirrors: [] }]))).toEqual({
      kind: 'other',
      isSecure: false,
      mirrors: [],
    });
    expect(podmanReportFor(entry, live([]))).toEqual({ kind: 'not-listed' });
    expect(podmanReportFor(entry, undefined)).toEqual({ kind: 'unknown' });
  });
});
