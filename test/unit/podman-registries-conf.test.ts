// Podman's registries.conf, read on plain text: what the daemon page shows for a Podman engine.
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mergeRegistriesConf,
  parseRegistriesConf,
  readPodmanRegistries,
} from '../../electron/core/daemon-config/index.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

describe('parseRegistriesConf', () => {
  it('reads v2 [[registry]] tables: location, insecure, blocked and a prefix defaulting to the location', () => {
    const read = parseRegistriesConf(
      [
        'unqualified-search-registries = ["docker.io", "quay.io"]',
        '[[registry]]',
        'location = "10.0.0.5:5000"',
        'insecure = true',
        '',
        '[[registry]]',
        'prefix = "example.com/team"',
        'location = "registry.lan/team"',
        'blocked = true',
      ].join('\n'),
    );
    expect(read.problems).toEqual([]);
    expect(read.searchRegistries).toEqual(['docker.io', 'quay.io']);
    expect(read.registries).toEqual([
      { prefix: '10.0.0.5:5000', location: '10.0.0.5:5000', isInsecure: true, isBlocked: false, mirrors: [] },
      {
        prefix: 'example.com/team',
        location: 'registry.lan/team',
        isInsecure: false,
        isBlocked: true,
        mirrors: [],
      },
    ]);
  });

  it('reads [[registry.mirror]] tables with their own insecure flag', () => {
    const read = parseRegistriesConf(
      [
        '[[registry]]',
        'location = "docker.io"',
        '[[registry.mirror]]',
        'location = "mirror.lan:5000"',
        'insecure = true',
        '[[registry.mirror]]',
        'location = "mirror.example.com"',
      ].join('\n'),
    );
    expect(read.problems).toEqual([]);
    expect(read.registries[0]?.mirrors).toEqual([
      { location: 'mirror.lan:5000', isInsecure: true },
      { location: 'mirror.example.com', isInsecure: false },
    ]);
  });

  it('reads the deprecated v1 lists as entries', () => {
    const read = parseRegistriesConf(
      [
        '[registries.search]',
        'registries = ["docker.io"]',
        '[registries.insecure]',
        'registries = ["lab:5000"]',
        '[registries.block]',
        'registries = ["bad.example"]',
      ].join('\n'),
    );
    expect(read.problems).toEqual([]);
    expect(read.searchRegistries).toEqual(['docker.io']);
    expect(read.registries.map((entry) => [entry.prefix, entry.isInsecure, entry.isBlocked])).toEqual([
      ['lab:5000', true, false],
      ['bad.example', false, true],
    ]);
  });

  it('names the line and column of a syntax error, with that line', () => {
    const read = parseRegistriesConf('[[registry]]\nlocation = "a:5000"\ninsecure = yes\n');
    expect(read.registries).toEqual([]);
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toMatchObject({ line: 3, lineText: 'insecure = yes' });
    expect(read.problems[0]?.message).not.toMatch(/Invalid TOML document/);
    expect(read.problems[0]?.message.length).toBeGreaterThan(0);
  });

  it('says which value has the wrong type instead of taking it', () => {
    const read = parseRegistriesConf('[[registry]]\nlocation = "a:5000"\ninsecure = "true"\n');
    expect(read.registries[0]?.isInsecure).toBe(false);
    expect(read.problems.map((problem) => problem.message)).toEqual([
      '"a:5000"\'s insecure must be true or false (without quotes)',
    ]);
  });

  it('refuses a file that mixes v1 lists and v2 tables, as Podman does', () => {
    const read = parseRegistriesConf(
      '[registries.insecure]\nregistries = ["a"]\n[[registry]]\nlocation = "b"\n',
    );
    expect(read.registries).toEqual([]);
    expect(read.problems[0]?.message).toMatch(/mixes/);
  });
});

describe('mergeRegistriesConf', () => {
  it('lets a later drop-in replace an entry with the same prefix and the search list', () => {
    const merged = mergeRegistriesConf([
      {
        file: 'main.conf',
        content: parseRegistriesConf(
          'unqualified-search-registries = ["docker.io"]\n[[registry]]\nlocation = "a:5000"\n[[registry]]\nlocation = "b:5000"\n',
        ),
      },
      {
        file: 'drop.conf',
        content: parseRegistriesConf('[[registry]]\nlocation = "a:5000"\ninsecure = true\n'),
      },
    ]);
    expect(merged.searchRegistries).toEqual(['docker.io']);
    expect(merged.registries.map((entry) => [entry.prefix, entry.isInsecure, entry.file])).toEqual([
      ['b:5000', false, 'main.conf'],
      ['a:5000', true, 'drop.conf'],
    ]);
  });
});

describe('readPodmanRegistries', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir('registries-conf');
  });
  afterAll(async () => {
    if (dir) await removeDir(dir);
  });

  it("reads CONTAINERS_REGISTRIES_CONF and the user's drop-ins, and names the file of a syntax error", async () => {
    const main = path.join(dir, 'registries.conf');
    await writeFile(main, '[[registry]]\nlocation = "a:5000"\ninsecure = true\n');
    const dropIns = path.join(dir, 'home', '.config', 'containers', 'registries.conf.d');
    await mkdir(dropIns, { recursive: true });
    await writeFile(path.join(dropIns, '50-broken.conf'), '[[registry]\nlocation = "b"\n');
    await writeFile(path.join(dropIns, 'ignored.txt'), 'not a drop-in');
    const read = await readPodmanRegistries({
      CONTAINERS_REGISTRIES_CONF: main,
      HOME: path.join(dir, 'home'),
    });
    expect(read.files[0]).toBe(main);
    expect(read.files).toContain(path.join(dropIns, '50-broken.conf'));
    expect(read.files).not.toContain(path.join(dropIns, 'ignored.txt'));
    expect(read.registries.find((entry) => entry.prefix === 'a:5000')).toMatchObject({
      isInsecure: true,
      file: main,
    });
    expect(read.problems).toEqual([
      expect.objectContaining({ file: path.join(dropIns, '50-broken.conf'), line: 1 }),
    ]);
  });

  it('never waits on a FIFO, never reads a file over the cap, and reads a bounded number of drop-ins', async () => {
    const home = path.join(dir, 'hostile-home');
    const dropIns = path.join(home, '.config', 'containers', 'registries.conf.d');
    await mkdir(dropIns, { recursive: true });
    // The user's own registries.conf is a FIFO: nothing ever writes to it.
    const fifo = path.join(home, '.config', 'containers', 'registries.conf');
    execFileSync('mkfifo', [fifo]);
    // A drop-in of 2 MB (a TOML comment), and 250 more drop-ins.
    await writeFile(path.join(dropIns, '00-huge.conf'), `# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    for (let index = 0; index < 250; index++)
      await writeFile(
        path.join(dropIns, `${String(index + 1).padStart(3, '0')}.conf`),
        `[[registry]]\nlocation = "r${index}:5000"\n`,
      );
    const read = await Promise.race([
      readPodmanRegistries({ HOME: home }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('still reading after 5 s')), 5000)),
    ]);
    expect(read.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: fifo, message: expect.stringContaining('not a regular file') }),
        expect.objectContaining({
          file: path.join(dropIns, '00-huge.conf'),
          message: expect.stringContaining('limit'),
        }),
        expect.objectContaining({ file: dropIns, message: expect.stringContaining('more than 200') }),
      ]),
    );
    expect(read.files.length).toBeLessThanOrEqual(201);
    expect(read.registries.length).toBe(199);
  }, 20_000);
});
