import { createHash } from 'node:crypto';
import { chmod, lstat, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../fixtures/process.js';
import { defaultStagingDir } from '../../electron/core/staging/index.js';
import {
  ConcurrentChangeError,
  elevationPlan,
  expectedLive,
  compareLive,
  InvalidDaemonJsonError,
  listBackups,
  loadDaemonConfig,
  locateDaemonConfig,
  parseDaemonJson,
  planEdit,
  restoreBackup,
  validateInsecureRegistry,
  validateMirror,
  writeDaemonConfig,
} from '../../electron/core/daemon-config/index.js';

describe('insecure-registries rules (moby main, docker-conventions.md §1.3)', () => {
  it.each([
    ['myregistry:5000', 'myregistry:5000'],
    ['192.168.1.10:5000', '192.168.1.10:5000'],
    ['[2001:db8::1]:5000', '[2001:db8::1]:5000'],
    ['localhost', 'localhost'],
    ['MyRegistry.Example.COM', 'MyRegistry.Example.COM'],
    ['registry:0', 'registry:0'],
    ['https://myregistry.example.com', 'myregistry.example.com'],
    ['10.0.0.0/8', '10.0.0.0/8'],
    ['10.1.2.3/16', '10.1.0.0/16'],
    ['fe80::/64', 'fe80::/64'],
    ['2001:db8::1', '2001:db8::1'],
    ['index.docker.io', 'docker.io'],
  ])('accepts %s as %s', (entry, value) => {
    expect(validateInsecureRegistry(entry)).toMatchObject({ ok: true, value });
  });

  it.each([
    ['myregistry:5000/', 'without a path or a trailing "/" — write myregistry:5000'],
    ['http://myregistry:5000/', 'without a path or a trailing "/" — write myregistry:5000'],
    ['http://build.lan/', 'without a path or a trailing "/" — write build.lan'],
    ['registry.example.com/path', 'write registry.example.com'],
    ['my_registry:5000', '"my_registry" is not a host name or IP address'],
    ['*.example.com', 'is not a host name or IP address'],
    [' registry', 'is not a host name or IP address'],
    ['registry:65536', 'port 65536 is out of range (0 to 65535)'],
    ['tcp://registry:5000', "should not contain '://'"],
    ['-bad', 'Cannot begin or end with a hyphen'],
    ['bad-', 'Cannot begin or end with a hyphen'],
    ['[fe80::]/64', 'without a path or a trailing "/"'],
  ])('refuses %s (%s)', (entry, reason) => {
    const verdict = validateInsecureRegistry(entry);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.reason).toContain(reason);
  });
});

describe('registry-mirrors rules', () => {
  it.each([
    ['https://mirror.example.com', 'https://mirror.example.com/'],
    ['https://mirror.example.com/', 'https://mirror.example.com/'],
    ['http://10.0.0.5:5000', 'http://10.0.0.5:5000/'],
    ['https://mirror-1.example.com/v1/', 'https://mirror-1.example.com/v1/'],
    // Go lower-cases the scheme before dockerd compares it (checked against dockerd 20.10).
    ['HTTPS://mirror.example.com', 'HTTPS://mirror.example.com/'],
  ])('accepts %s as %s', (entry, value) => {
    expect(validateMirror(entry)).toMatchObject({ ok: true, value });
  });

  it.each([
    ['mirror.example.com:5000', 'no scheme specified'],
    ['ftp://mirror.example.com', 'unsupported scheme'],
    ['https://mirror.example.com/?q=1', 'query or fragment'],
    ['https://mirror.example.com/#x', 'query or fragment'],
    ['https://user:pw@mirror.example.com', 'username/password not allowed'],
  ])('refuses %s (%s)', (entry, reason) => {
    const verdict = validateMirror(entry);
    expect(verdict.ok ? '' : verdict.reason).toContain(reason);
  });

  it('refuses a path under the dockerd 20.10–22 rules only', () => {
    expect(validateMirror('https://m.example.com/v1/', 'legacy').ok).toBe(false);
    expect(validateMirror('https://m.example.com/', 'legacy')).toMatchObject({
      ok: true,
      value: 'https://m.example.com/',
    });
  });
});

describe('daemon.json documents', () => {
  const original =
    '{\n\t"log-driver": "json-file",\n\t"insecure-registries": ["a:5000"],\n\t"features": {\n\t\t"buildkit": true\n\t}\n}\n';

  it('reports invalid JSON with line and column', () => {
    const error = (() => {
      try {
        parseDaemonJson('/etc/docker/daemon.json', '{\n  "debug": true,\n  "insecure-registries": ["a",]\n}');
      } catch (e) {
        return e;
      }
    })() as InvalidDaemonJsonError;
    expect(error).toBeInstanceOf(InvalidDaemonJsonError);
    expect([error.line, error.column]).toEqual([3, 31]);
    expect(error.message).toContain('line 3, column 31');
    expect(error.message).toContain('a value is missing, or a comma is left before a "]"');
    expect(() => parseDaemonJson('f', '{"insecure-registries": "a:5000"}')).toThrow(
      /must be a list of strings/,
    );
    expect(() => parseDaemonJson('f', '// comment\n{}')).toThrow(/not valid JSON/);
  });

  it('names each JSON mistake in words, never as a parser code like CommaExpected', () => {
    const broken = {
      '{"debug": true "tls": false}': 'a comma is missing between two entries',
      '{"debug" true}': 'a colon is missing after a key',
      '{"insecure-registries": ["a:5000"': 'a closing "]" is missing',
      '{"debug": true': 'a closing "}" is missing',
      '{"debug": "on}': 'a string has no closing quote',
      '{"debug": true} "x"': 'there is more text after the closing "}"',
      '{"debug": tru}': 'there is a character JSON does not allow here',
      '{"debug": true} // note': 'there is a comment, and daemon.json allows none',
    };
    for (const [text, words] of Object.entries(broken)) {
      let message = '';
      try {
        parseDaemonJson('/etc/docker/daemon.json', text);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message, text).toContain(words);
      expect(message, text).not.toMatch(/[A-Z][a-z]+Expected|Invalid[A-Z]|Unexpected[A-Z]/);
    }
  });

  it('treats a missing or empty file as an empty configuration', () => {
    expect(parseDaemonJson('f', '')).toMatchObject({
      insecureRegistries: [],
      registryMirrors: [],
      present: { 'insecure-registries': false },
    });
  });

  it('keeps the indentation of a one-line file the same edit after edit', () => {
    let text = '{"insecure-registries":[]}';
    for (const value of ['a.lan:5000', 'b.lan:5000', 'c.lan:5000']) {
      const loaded = { file: 'f', exists: true, fingerprint: '', document: parseDaemonJson('f', text) };
      text = planEdit(loaded, { action: 'add', key: 'insecure-registries', value }).text;
    }
    expect(text).toBe(
      '{"insecure-registries":[\n    "a.lan:5000",\n    "b.lan:5000",\n    "c.lan:5000"\n  ]}',
    );
  });

  it('edits only the registry key: other keys, order, tabs and line ends stay byte for byte', () => {
    const loaded = { file: 'f', exists: true, fingerprint: '', document: parseDaemonJson('f', original) };
    const plan = planEdit(loaded, { action: 'add', key: 'insecure-registries', value: 'b.example.com:5000' });
    expect(plan.text).toBe(
      '{\n\t"log-driver": "json-file",\n\t"insecure-registries": [\n\t\t"a:5000",\n\t\t"b.example.com:5000"\n\t],\n\t"features": {\n\t\t"buildkit": true\n\t}\n}\n',
    );
    expect(plan.text.startsWith('{\n\t"log-driver": "json-file",\n\t"insecure-registries": ')).toBe(true);
    expect(plan.text.endsWith('\t"features": {\n\t\t"buildkit": true\n\t}\n}\n')).toBe(true);
    expect(JSON.parse(plan.text)['insecure-registries']).toEqual(['a:5000', 'b.example.com:5000']);
    expect(plan.diff).toContain('+');
    expect(plan.diff).toContain('b.example.com:5000');
  });

  it('adds a mirror to an empty file, explaining that mirrors serve Docker Hub only', () => {
    const loaded = { file: 'f', exists: false, fingerprint: '', document: parseDaemonJson('f', '') };
    const plan = planEdit(loaded, {
      action: 'add',
      key: 'registry-mirrors',
      value: 'https://mirror.example.com',
    });
    expect(JSON.parse(plan.text)).toEqual({ 'registry-mirrors': ['https://mirror.example.com/'] });
    expect(plan.notes.join(' ')).toContain('only pulls from Docker Hub');
  });

  it('writes [] when the last entry goes, and explains why', () => {
    const loaded = {
      file: 'f',
      exists: true,
      fingerprint: '',
      document: parseDaemonJson('f', '{"insecure-registries": ["a:5000"]}'),
    };
    const plan = planEdit(loaded, { action: 'remove', key: 'insecure-registries', value: 'a:5000' });
    expect(JSON.parse(plan.text)).toEqual({ 'insecure-registries': [] });
    expect(plan.notes.join(' ')).toContain('would not be cleared on reload');
  });

  it('explains port-less and loopback entries, refuses invalid ones, and spots duplicates', () => {
    const loaded = {
      file: 'f',
      exists: true,
      fingerprint: '',
      document: parseDaemonJson('f', '{"insecure-registries": ["http://a:5000"]}'),
    };
    expect(
      planEdit(loaded, { action: 'add', key: 'insecure-registries', value: 'registry.lan' }).notes.join(' '),
    ).toContain('registry.lan:5000 needs its own entry');
    expect(
      planEdit(loaded, { action: 'add', key: 'insecure-registries', value: '127.0.0.1:5000' }).notes.join(
        ' ',
      ),
    ).toContain('always insecure');
    expect(planEdit(loaded, { action: 'add', key: 'insecure-registries', value: 'a:5000' }).changed).toBe(
      false,
    );
    expect(() =>
      planEdit(loaded, { action: 'add', key: 'insecure-registries', value: 'http://x/y' }),
    ).toThrow(/without a path or a trailing "\/" — write x/);
    expect(() => planEdit(loaded, { action: 'remove', key: 'insecure-registries', value: 'zzz' })).toThrow(
      /not in insecure-registries/,
    );
  });

  it('computes what /info should show and lists the differences', () => {
    const loaded = {
      file: 'f',
      exists: true,
      fingerprint: '',
      document: parseDaemonJson(
        'f',
        '{"insecure-registries": ["10.1.2.3/16", "r:5000"], "registry-mirrors": ["https://m"]}',
      ),
    };
    const expected = expectedLive(loaded, 'modern');
    expect(expected).toEqual({
      cidrs: ['10.1.0.0/16', '127.0.0.0/8', '::1/128'],
      hosts: ['r:5000'],
      mirrors: ['https://m/'],
    });
    expect(
      compareLive(expected, {
        insecureCidrs: ['10.1.0.0/16', '127.0.0.0/8'],
        insecureHosts: ['r:5000'],
        mirrors: ['https://m/'],
      }),
    ).toEqual([]);
    expect(
      compareLive(expected, { insecureCidrs: ['127.0.0.0/8'], insecureHosts: ['old:1'], mirrors: [] }),
    ).toHaveLength(4);
  });
});

describe('daemon.json on disk', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'berth-daemon-'));
    file = path.join(dir, 'daemon.json');
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('writes atomically with a timestamped backup, and restores it', async () => {
    await writeFile(file, '{\n  "debug": true\n}\n');
    const loaded = await loadDaemonConfig(file);
    const plan = planEdit(loaded, { action: 'add', key: 'insecure-registries', value: 'r.lan:5000' });
    const outcome = await writeDaemonConfig(loaded, plan.text, { now: new Date('2026-01-02T03:04:05Z') });
    expect(outcome).toMatchObject({ written: true, backup: `${file}.berth-backup-2026-01-02T03-04-05-000Z` });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      debug: true,
      'insecure-registries': ['r.lan:5000'],
    });
    expect(await readFile(outcome.backup!, 'utf8')).toBe('{\n  "debug": true\n}\n');
    expect(await listBackups(file)).toEqual([outcome.backup]);
    await restoreBackup(file, outcome.backup!, { now: new Date('2026-01-02T03:04:06Z') });
    expect(await readFile(file, 'utf8')).toBe('{\n  "debug": true\n}\n');
  });

  it('refuses to write when the file changed since it was read', async () => {
    await writeFile(file, '{}');
    const loaded = await loadDaemonConfig(file);
    await writeFile(file, '{"debug": false}');
    const plan = planEdit(loaded, { action: 'add', key: 'registry-mirrors', value: 'https://m.example.com' });
    await expect(writeDaemonConfig(loaded, plan.text)).rejects.toBeInstanceOf(ConcurrentChangeError);
    expect(await readFile(file, 'utf8')).toBe('{"debug": false}');
  });

  it('loads a corrupt file as an error and leaves it untouched; a backup restores it', async () => {
    await writeFile(file, '{"debug": true}');
    const good = await loadDaemonConfig(file);
    const first = await writeDaemonConfig(
      good,
      planEdit(good, { action: 'add', key: 'insecure-registries', value: 'x:1' }).text,
    );
    await writeFile(file, '{"debug": tru');
    await expect(loadDaemonConfig(file)).rejects.toThrow(/line 1, column/);
    expect(await readFile(file, 'utf8')).toBe('{"debug": tru');
    await restoreBackup(file, first.backup!);
    expect(await readFile(file, 'utf8')).toBe('{"debug": true}');
  });

  it('keeps a UTF-8 byte-order mark', async () => {
    await writeFile(file, '\uFEFF{}');
    const loaded = await loadDaemonConfig(file);
    await writeDaemonConfig(
      loaded,
      planEdit(loaded, { action: 'add', key: 'insecure-registries', value: 'x:1' }).text,
    );
    expect((await readFile(file)).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('makes a folder that does not exist yet (no /etc/docker before dockerd ran; a dangling link)', async () => {
    const missing = path.join(dir, 'docker', 'daemon.json');
    const loaded = await loadDaemonConfig(missing);
    const plan = planEdit(loaded, { action: 'add', key: 'insecure-registries', value: 'r.lan:5000' });
    expect(await writeDaemonConfig(loaded, plan.text)).toMatchObject({ written: true });
    expect(JSON.parse(await readFile(missing, 'utf8'))).toEqual({ 'insecure-registries': ['r.lan:5000'] });

    await symlink(path.join(dir, 'elsewhere', 'daemon.json'), file);
    const linked = await loadDaemonConfig(file);
    await writeDaemonConfig(linked, '{"debug": true}\n');
    expect(await readFile(path.join(dir, 'elsewhere', 'daemon.json'), 'utf8')).toBe('{"debug": true}\n');
    expect((await lstat(file)).isSymbolicLink()).toBe(true);

    // The elevated command makes it too (run here with sh instead of pkexec).
    const staged = path.join(dir, 'staged.json');
    await writeFile(staged, '{}\n');
    const target = path.join(dir, 'root-owned', 'docker', 'daemon.json');
    const elevated = elevationPlan('linux', {
      source: staged,
      target,
      fingerprint: createHash('sha256').update('').digest('hex'),
      createFolder: true,
    });
    await runCommand('/bin/sh', ['-c', elevated.command[3]!]);
    expect(await readFile(target, 'utf8')).toBe('{}\n');
  });

  it('refuses a FIFO or a folder as daemon.json at once instead of waiting on it', async () => {
    const fifo = path.join(dir, 'fifo.json');
    await runCommand('mkfifo', [fifo]);
    // Opening a FIFO for reading waits for a writer: a regression hangs here until the test's deadline.
    await expect(loadDaemonConfig(fifo)).rejects.toThrow(/is not a regular file/);
    await expect(loadDaemonConfig(dir)).rejects.toThrow(/is not a regular file/);
    await expect(restoreBackup(file, fifo)).rejects.toThrow(/is not a regular file/);
  }, 30_000);

  it('asks for elevation instead of writing a file the user may not write', async () => {
    await writeFile(file, '{}');
    // Root may write anywhere a mode allows, so as root the folder is made immutable instead.
    const lock = (locked: boolean) =>
      process.getuid?.() === 0
        ? runCommand('chattr', [locked ? '+i' : '-i', dir])
        : chmod(dir, locked ? 0o555 : 0o755);
    const loaded = await loadDaemonConfig(file);
    await lock(true);
    try {
      const outcome = await writeDaemonConfig(loaded, '{"debug": true}');
      expect(outcome.written).toBe(false);
      if (!outcome.written) {
        expect(outcome.needsElevation.command[0]).toBe(
          process.platform === 'darwin' ? 'osascript' : 'pkexec',
        );
        expect(await readFile(outcome.stagedFile, 'utf8')).toBe('{"debug": true}');
        // In Berth's staging folder, which clears out what is older than a day.
        expect(path.dirname(outcome.stagedFile)).toBe(defaultStagingDir());
        await rm(outcome.stagedFile);
      }
    } finally {
      await lock(false);
    }
    expect(await readFile(file, 'utf8')).toBe('{}');
    const linux = elevationPlan('linux', {
      source: '/tmp/staged',
      target: '/etc/docker/daemon.json',
      backup: '/etc/docker/daemon.json.berth-backup-1',
    });
    expect(linux.command.slice(0, 3)).toEqual(['pkexec', '/bin/sh', '-c']);
    expect(linux.command[3]).toContain(
      "cp -p '/etc/docker/daemon.json' '/etc/docker/daemon.json.berth-backup-1'",
    );
    expect(linux.command[3]).toMatch(
      /mv '\/etc\/docker\/daemon\.json\.berth-[0-9a-f]{12}\.tmp' '\/etc\/docker\/daemon\.json'/,
    );
    expect(
      elevationPlan('darwin', { source: '/tmp/s', target: '/Users/me/.docker/daemon.json' }).command[0],
    ).toBe('osascript');
    expect(
      elevationPlan('win32', {
        source: 'C:\\t\\s',
        target: 'C:\\ProgramData\\docker\\config\\daemon.json',
      }).command.join(' '),
    ).toContain('-Verb RunAs');
  });
});

describe('locateDaemonConfig', () => {
  it('finds the file for each kind of engine', () => {
    expect(locateDaemonConfig({}, { HOME: '/home/me' }, 'linux').file).toBe('/etc/docker/daemon.json');
    expect(locateDaemonConfig({ flavour: 'rootless' }, { HOME: '/home/me' }, 'linux').file).toBe(
      '/home/me/.config/docker/daemon.json',
    );
    expect(
      locateDaemonConfig({ flavour: 'rootless' }, { HOME: '/home/me', XDG_CONFIG_HOME: '/x' }, 'linux').file,
    ).toBe('/x/docker/daemon.json');
    // Empty counts as unset for rootless dockerd (moby's homedir.GetConfigHome), not the current folder.
    expect(
      locateDaemonConfig({ flavour: 'rootless' }, { HOME: '/home/me', XDG_CONFIG_HOME: '' }, 'linux').file,
    ).toBe('/home/me/.config/docker/daemon.json');
    expect(locateDaemonConfig({}, { HOME: '/Users/me' }, 'darwin').file).toBe(
      '/Users/me/.docker/daemon.json',
    );
    expect(locateDaemonConfig({}, { ProgramData: 'D:\\PD' }, 'win32').file).toBe(
      'D:\\PD\\docker\\config\\daemon.json',
    );
  });
});
