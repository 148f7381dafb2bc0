// What a user types is checked before Berth reads stdin, opens the keychain or contacts a registry:
// each bad argument or option gets one `berth:` line naming it and a hint, never a schema dump, and the
// registry (a hostile one that records every request) hears nothing.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../electron/core/settings/index.js';
import { BerthCli } from '../fixtures/berth-cli.js';
import { startHostileRegistry, type HostileRegistry } from '../fixtures/hostile-registry.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

let root: string;
let registry: HostileRegistry;
const cli = new BerthCli(() => ({ ...process.env, BERTH_DATA_DIR: path.join(root, 'data') }));

beforeAll(async () => {
  root = await makeTempDir('berth-input-');
  registry = await startHostileRegistry([]);
});

afterAll(async () => {
  await registry?.stop();
  await removeDir(root);
});

describe('bad input is refused before anything is contacted', () => {
  it('each command names the bad argument or option, with a hint, and sends no request', async () => {
    const url = registry.url;
    const ref = `${registry.host}/team/app:1`;
    const cases: [string[], RegExp][] = [
      [['registry', 'add', '', url], /^berth: the connection name is empty$/m],
      [['registry', 'add', '   ', url], /^berth: the connection name is empty$/m],
      [['registry', 'add', 'x'.repeat(101), url], /^berth: the connection name is 101 characters long$/m],
      [['registry', 'add', 'local', ''], /^berth: the registry address is empty$/m],
      [['registry', 'add', 'local', 'ftp://host'], /^berth: "ftp:\/\/host": registries speak https/m],
      [
        ['registry', 'add', 'local', url, '--ca-file', path.join(root, 'none.pem')],
        /^berth: --ca-file .*: no such file$/m,
      ],
      [
        ['registry', 'add', 'local', url, '--cert-file', path.resolve('package.json')],
        /^berth: --cert-file and --key-file go together$/m,
      ],
      [
        ['registry', 'add', 'local', url, '--username', 'a:b', '--password-stdin'],
        /^berth: --username "a:b" holds a ":"$/m,
      ],
      [
        ['registry', 'add', 'local', url, '--username', '', '--password-stdin'],
        /^berth: --username is empty$/m,
      ],
      [['registry', 'remove', ''], /^berth: the connection name is empty$/m],
      [['login', ''], /^berth: the registry is empty$/m],
      [['logout', 'two\u0007words'], /^berth: the registry holds a control character$/m],
      [['repos', ''], /^berth: the registry is empty$/m],
      [['tags', ''], /^berth: invalid reference "": reference is empty$/m],
      [['inspect', ''], /^berth: the image reference is empty$/m],
      [['tag', ref, ''], /^berth: the new tag is empty$/m],
      [['rm', 'Team/App:1', '--yes'], /^berth: invalid reference "Team\/App:1"/m],
      [['cp', '', ref], /^berth: the source is empty$/m],
      [['cp', ref, 'https://x/y'], /^berth: invalid reference "https:\/\/x\/y"/m],
      [
        ['cp', ref, `${registry.host}/b:1`, '--jobs', '0'],
        /^berth: --jobs takes a number from 1 to 32, not "0"$/m,
      ],
      [['sync', `${registry.host}/team/app:1`, `${registry.host}/b`], /^berth: invalid reference/m],
      // A platform is os/arch[/variant] wherever it is taken, as pull takes it: never guessed at.
      [['inspect', ref, '--platform', 'linux'], /^berth: "linux" is not a platform$/m],
      [
        ['cp', ref, `${registry.host}/b:1`, '--platform', 'linux/arm/v7/x'],
        /^berth: "linux\/arm\/v7\/x" is not a platform$/m,
      ],
      [
        ['sync', `${registry.host}/team/app`, `${registry.host}/b`, '--platform', ''],
        /^berth: "" is not a platform$/m,
      ],
      [['pull', ''], /^berth: the image reference is empty$/m],
      [
        ['push', '../../containers/4f2a/json', '--to', ref],
        /^berth: the local image "..\/..\/containers\/4f2a\/json" is neither an image name nor an image ID$/m,
      ],
      [
        ['doctor', registry.host, '--timeout', 'soon'],
        /^berth: --timeout takes a whole number from 100 to 600000, not "soon"$/m,
      ],
      [['server', 'logs', 'mine', '--lines', 'all'], /^berth: --lines takes a whole number/m],
    ];
    for (const [args, expected] of cases) {
      const before = registry.requests.length;
      const result = await cli.run(args, 'a-password-nobody-checks');
      const shown = `berth ${JSON.stringify(args)}\n${result.stderr}`;
      expect(result.code, shown).toBe(1);
      expect(result.stderr, shown).toMatch(expected);
      expect(result.stderr, shown).toMatch(/^hint: .+/m);
      expect(result.stderr, shown).not.toMatch(/too_small|"code":|ZodError|\s+at \S+:\d+/);
      expect(registry.requests.length, `${shown}\nreached the registry`).toBe(before);
    }
  });

  it("doctor's --timeout in seconds, as berth's own --timeout takes it, gets a hint in milliseconds", async () => {
    const result = await cli.run(['doctor', registry.host, '--timeout', '30']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'berth: --timeout takes a whole number from 100 to 600000, not "30"\n' +
        "hint: doctor's --timeout is in milliseconds per step: --timeout 30000 waits 30 s.\n",
    );
  });

  it('a connection named with a space, as registry add allows, is usable by name', async () => {
    const added = await cli.run(['registry', 'add', 'my lab', registry.url]);
    expect(added.code, added.stderr).toBe(0);
    // The name resolves to the registry, which was asked (it has no catalog: that is its answer).
    const before = registry.requests.length;
    const repos = await cli.run(['repos', 'my lab']);
    expect(repos.stderr).not.toMatch(/holds|no saved registry/);
    expect(repos.stderr).toContain(registry.host);
    expect(registry.requests.slice(before).some((request) => request.path.startsWith('/v2/_catalog'))).toBe(
      true,
    );
    const removed = await cli.run(['registry', 'remove', 'my lab']);
    expect(removed.code, removed.stderr).toBe(0);
  });

  it('the settings refuse a connection with one clause per bad field, not a schema dump', () => {
    const store = new SettingsStore(path.join(root, 'store'));
    const error = (() => {
      try {
        store.save({ name: '', host: '' });
      } catch (caught) {
        return caught as Error & { code?: string; hint?: string };
      }
      return undefined;
    })();
    expect(error?.code).toBe('INVALID_INPUT');
    expect(error?.message).toBe(
      'cannot save the connection "": name: a connection needs a name; host: the registry host is missing',
    );
    expect(error?.hint).toMatch(/nothing was written/);
    expect(store.list()).toEqual([]);
  });
});
