// `berth daemon show` in text mode gives each entry of daemon.json's registry lists its verdict and the
// reason on its own line — what `--json` carries as `ok`, `value`, `warning` and `reason`.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthCli } from '../fixtures/berth-cli.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

let dataDir: string;
let file: string;
const cli = new BerthCli(() => ({
  ...process.env,
  BERTH_DATA_DIR: dataDir,
  // No engine to ask: the entries are judged by the modern rules, and nothing of the machine is read.
  DOCKER_HOST: 'unix:///nonexistent/docker.sock',
  BERTH_DAEMON_CONFIG: path.join(dataDir, 'daemon.json'),
}));

const INSECURE = [
  'registry.lan:5000',
  '10.0.0.0/8',
  '127.0.0.1:5000',
  '-bad-',
  'registry.lan',
  'http://x.lan:5000',
];
const MIRRORS = ['https://mirror.example', 'mirror.example'];

beforeAll(async () => {
  dataDir = await makeTempDir('berth-daemon-show-');
  file = path.join(dataDir, 'daemon.json');
  await writeFile(
    file,
    `${JSON.stringify({ 'insecure-registries': INSECURE, 'registry-mirrors': MIRRORS }, null, 2)}\n`,
  );
});

afterAll(async () => {
  await removeDir(dataDir);
});

describe('berth daemon show', () => {
  it("prints each entry's verdict and reason on its line, agreeing with --json", async () => {
    const text = await cli.run(['daemon', 'show', '--file', file]);
    expect(text.code, text.stderr).toBe(0);
    const lineOf = (entry: string) => {
      const line = text.stdout.split('\n').find((candidate) => candidate.startsWith(`  ${entry}  `));
      expect(line, `no line for ${entry} in\n${text.stdout}`).toBeDefined();
      return line!;
    };
    expect(lineOf('registry.lan:5000')).toMatch(
      / ok: registry\.lan:5000 may use plain HTTP or an unverified/,
    );
    expect(lineOf('10.0.0.0/8')).toMatch(/ ok: every registry whose address is in 10\.0\.0\.0\/8 /);
    expect(lineOf('127.0.0.1:5000')).toMatch(/ ok: .*127\.0\.0\.0\/8 \(and ::1\) are always insecure/);
    expect(lineOf('-bad-')).toMatch(/ INVALID: dockerd refuses it: invalid index name \(-bad-\)/);
    expect(lineOf('registry.lan')).toMatch(/ ok: .*registry\.lan:5000 needs its own entry/);
    expect(lineOf('http://x.lan:5000')).toMatch(/ ok: .*dockerd drops the http:\/\/ and reads x\.lan:5000/);
    expect(lineOf('https://mirror.example')).toMatch(
      / ok: dockerd reads https:\/\/mirror\.example\/; Docker Hub pulls try this mirror first/,
    );
    expect(lineOf('mirror.example')).toMatch(/ INVALID: dockerd refuses it: invalid mirror: no scheme/);
    // A refused entry refuses the whole file: the verdict at the top does not say "no problem".
    expect(text.stdout).toMatch(
      /^dockerd \S+ would refuse this file:\n {2}insecure-registries: invalid index name/m,
    );
    expect(text.stdout).not.toContain('no problem found');

    const json = await cli.run(['daemon', 'show', '--file', file, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const { entries } = JSON.parse(json.stdout) as { entries: { entry: string; ok: boolean }[] };
    expect(entries.map((entry) => entry.entry)).toEqual([...INSECURE, ...MIRRORS]);
    for (const entry of entries)
      expect(lineOf(entry.entry), entry.entry).toContain(entry.ok ? '  ok: ' : '  INVALID: ');
  }, 60_000);
});
