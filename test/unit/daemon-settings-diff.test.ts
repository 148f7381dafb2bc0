import { describe, expect, it } from 'vitest';
import { previewChange } from '../../electron/core/api/daemon-view.js';
import { changedSettings, confirmsExactly } from '../../electron/core/daemon-config/index.js';

const BASE =
  '{\n  "debug": false,\n  "runtimes": {\n    "crun": { "path": "/usr/bin/crun", "runtimeArgs": ["--a"] }\n  },\n  "insecure-registries": ["a:5000"]\n}\n';

describe('changedSettings', () => {
  it('finds a change deep inside a key, and names only the top-level key', () => {
    const after = BASE.replace('"/usr/bin/crun"', '"/tmp/evil"');
    expect(changedSettings(BASE, after)).toEqual(['runtimes']);
    expect(changedSettings(BASE, BASE.replace('["--a"]', '["--a", "--b"]'))).toEqual(['runtimes']);
    // Arrays keep their order: reordering one is a change.
    const two = '{"exec-opts": ["a", "b"]}';
    expect(changedSettings(two, '{"exec-opts": ["b", "a"]}')).toEqual(['exec-opts']);
  });

  it('sees no change in key order, formatting or comments', () => {
    const reordered =
      '{"insecure-registries":["a:5000"],"runtimes":{"crun":{"runtimeArgs":["--a"],"path":"/usr/bin/crun"}},"debug":false}';
    expect(changedSettings(BASE, reordered)).toEqual([]);
    const commented = `// mine\n${BASE.replace('"debug": false,', '/* off */ "debug": false, // still off')}`;
    expect(changedSettings(BASE, commented)).toEqual([]);
    expect(changedSettings(BASE, `\uFEFF${BASE}`)).toEqual([]);
  });

  it('lists added and removed keys, sorted, and never the registry lists', () => {
    const after =
      '{"runtimes": {"crun": {"path": "/usr/bin/crun", "runtimeArgs": ["--a"]}}, "hosts": ["tcp://0.0.0.0:2375"], "authorization-plugins": [], "registry-mirrors": ["https://m.example"], "insecure-registries": []}';
    expect(changedSettings(BASE, after)).toEqual(['authorization-plugins', 'debug', 'hosts']);
    expect(changedSettings('', '{"data-root": "/x"}')).toEqual(['data-root']);
    expect(changedSettings('{"data-root": "/x"}', '{}')).toEqual(['data-root']);
    expect(changedSettings('{}', '{"insecure-registries": ["b:1"], "registry-mirrors": []}')).toEqual([]);
  });

  it('reads a repeated key as dockerd does (the last wins) and __proto__ as a plain key', () => {
    expect(changedSettings('{"debug": true}', '{"debug": false, "debug": true}')).toEqual([]);
    expect(changedSettings('{"debug": true}', '{"debug": true, "debug": false}')).toEqual(['debug']);
    expect(changedSettings('{}', '{"__proto__": {"debug": true}}')).toEqual(['__proto__']);
  });

  it('compares numbers as written (Go may read 1500.0 unlike 1500) and sees a type change', () => {
    expect(changedSettings('{"mtu": 1500}', '{ "mtu" : 1500 }')).toEqual([]);
    expect(changedSettings('{"mtu": 1500}', '{"mtu": 1500.0}')).toEqual(['mtu']);
    expect(changedSettings('{"mtu": 1500}', '{"mtu": "1500"}')).toEqual(['mtu']);
    expect(changedSettings('{"debug": null}', '{}')).toEqual(['debug']);
  });
});

describe('confirmsExactly', () => {
  it('accepts the exact set in any order and refuses a subset, a superset or a stale one', () => {
    expect(confirmsExactly(['debug', 'hosts'], ['hosts', 'debug'])).toBe(true);
    expect(confirmsExactly([], [])).toBe(true);
    expect(confirmsExactly(['debug', 'hosts'], ['debug'])).toBe(false);
    expect(confirmsExactly(['debug'], ['debug', 'hosts'])).toBe(false);
    expect(confirmsExactly(['debug'], ['hosts'])).toBe(false);
    expect(confirmsExactly([], ['debug'])).toBe(false);
    expect(confirmsExactly(['debug', 'hosts'], ['debug', 'debug'])).toBe(false);
  });
});

describe('previewChange changedKeys', () => {
  const file = '/etc/docker/daemon.json';

  it('is empty for an edit of the lists, and names the other keys a raw edit changes', () => {
    const lists = previewChange(
      file,
      BASE,
      { kind: 'lists', insecureRegistries: ['b:5000'], registryMirrors: [] },
      'modern',
    );
    expect(lists.changedKeys).toEqual([]);
    const raw = previewChange(file, BASE, { kind: 'text', text: BASE.replace('false', 'true') }, 'modern');
    expect(raw.changedKeys).toEqual(['debug']);
  });

  it('over a file dockerd cannot read, names every other key of the new text', () => {
    const broken = '{\n  "debug": true,\n}\n';
    const preview = previewChange(
      file,
      broken,
      { kind: 'text', text: '{"debug": true, "insecure-registries": []}' },
      'modern',
    );
    expect(preview.changedKeys).toEqual(['debug']);
  });
});
