// daemon.json with several writers at once, behind a symbolic link, and after many saves.
import { execFile } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ConcurrentChangeError,
  elevationPlan,
  listBackups,
  loadDaemonConfig,
  readDaemonFile,
  restoreBackup,
  writeDaemonConfig,
} from '../../electron/core/daemon-config/index.js';

const run = promisify(execFile);
const WRITERS = 6;
const ROUNDS = 20;

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'berth-daemon-writers-'));
  file = path.join(dir, 'daemon.json');
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const textOf = (round: number, writer: number) =>
  `{\n  "insecure-registries": [${Array.from({ length: 200 - writer * 30 }, () => `"r${round}-w${writer}.lan:5000"`).join(', ')}]\n}\n`;

describe('parallel saves of one daemon.json', () => {
  it(`lands exactly one of ${WRITERS} saves from the same read, ${ROUNDS} rounds, and refuses the others as changed`, async () => {
    await writeFile(file, '{}\n');
    for (let round = 0; round < ROUNDS; round++) {
      const loaded = await loadDaemonConfig(file);
      const outcomes = await Promise.allSettled(
        Array.from({ length: WRITERS }, (_, writer) => writeDaemonConfig(loaded, textOf(round, writer))),
      );
      const saved = outcomes.flatMap((outcome, writer) =>
        outcome.status === 'fulfilled' && outcome.value.written ? [writer] : [],
      );
      const refused = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
      expect(saved).toHaveLength(1);
      expect(refused).toHaveLength(WRITERS - 1);
      for (const reason of refused) {
        expect(reason).toBeInstanceOf(ConcurrentChangeError);
        expect((reason as Error).message).toContain('changed since you read it');
      }
      const onDisk = await readFile(file, 'utf8');
      expect(() => JSON.parse(onDisk) as unknown).not.toThrow();
      expect(onDisk).toBe(textOf(round, saved[0]!));
    }
    // No temp file or lock is left behind.
    expect((await readdir(dir)).filter((name) => !name.includes('.berth-backup-'))).toEqual(['daemon.json']);
  });

  it('lands a restore and a save from the same read once: the other is refused', async () => {
    await writeFile(file, '{"debug": true}\n');
    const first = await writeDaemonConfig(await loadDaemonConfig(file), '{"debug": false}\n');
    const read = await readDaemonFile(file);
    const loaded = await loadDaemonConfig(file);
    const outcomes = await Promise.allSettled([
      restoreBackup(file, first.backup!, { expectedFingerprint: read.fingerprint }),
      writeDaemonConfig(loaded, '{"debug": false, "registry-mirrors": []}\n'),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const text = await readFile(file, 'utf8');
    expect(
      outcomes[0].status === 'fulfilled' ? '{"debug": true}\n' : '{"debug": false, "registry-mirrors": []}\n',
    ).toBe(text);
  });
});

describe('a daemon.json that is a symbolic link (NixOS, configuration management)', () => {
  it('stays a link: the target gets the text and the backup goes beside the target', async () => {
    const managed = path.join(dir, 'managed');
    await mkdir(managed);
    const target = path.join(managed, 'daemon.json');
    await writeFile(target, '{"debug": true}\n');
    await symlink('managed/daemon.json', file);
    const outcome = await writeDaemonConfig(await loadDaemonConfig(file), '{"debug": false}\n');
    expect((await lstat(file)).isSymbolicLink()).toBe(true);
    expect(await readlink(file)).toBe('managed/daemon.json');
    expect(await readFile(target, 'utf8')).toBe('{"debug": false}\n');
    expect(path.dirname(outcome.backup!)).toBe(managed);
    expect(await readFile(outcome.backup!, 'utf8')).toBe('{"debug": true}\n');
    expect(await listBackups(file)).toEqual([outcome.backup]);
    await restoreBackup(file, outcome.backup!);
    expect((await lstat(file)).isSymbolicLink()).toBe(true);
    expect(await readFile(target, 'utf8')).toBe('{"debug": true}\n');
  });

  it('the elevated command writes the target too, and refuses when the file changed since it was read', async () => {
    const target = path.join(dir, 'real.json');
    await writeFile(target, '{"debug": true}\n');
    await symlink(target, file);
    const staged = path.join(dir, 'staged.json');
    await writeFile(staged, '{"debug": false}\n');
    const read = await readDaemonFile(file);
    const plan = (fingerprint: string) =>
      elevationPlan('linux', { source: staged, target, backup: `${target}.berth-backup-x`, fingerprint });
    // What pkexec would run, run as this user (the folder is ours).
    const [, shell, flag, script] = plan(read.fingerprint).command;
    await run(shell!, [flag!, script!]);
    expect((await lstat(file)).isSymbolicLink()).toBe(true);
    expect(await readFile(target, 'utf8')).toBe('{"debug": false}\n');
    expect(await readFile(`${target}.berth-backup-x`, 'utf8')).toBe('{"debug": true}\n');
    const [, , , stale] = plan(read.fingerprint).command;
    await writeFile(staged, '{"debug": "lost"}\n');
    const refused = await run(shell!, [flag!, stale!]).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused).toMatchObject({ code: 3 });
    expect((refused as { stderr: string }).stderr).toContain('changed since you read it');
    expect(await readFile(target, 'utf8')).toBe('{"debug": false}\n');
  });
});

describe('backups of daemon.json', () => {
  it('keeps the first and the newest ten', async () => {
    await writeFile(file, '{"original": true}\n');
    for (let n = 0; n < 15; n++) {
      const loaded = await loadDaemonConfig(file);
      await writeDaemonConfig(loaded, `{"n": ${n}}\n`, { now: new Date(Date.UTC(2026, 0, 1, 0, 0, n)) });
    }
    const backups = await listBackups(file);
    expect(backups).toHaveLength(11);
    expect(await readFile(backups.at(-1)!, 'utf8')).toBe('{"original": true}\n');
    // Newest first: the file before save 14 held n = 13, … down to n = 4.
    for (let index = 0; index < 10; index++)
      expect(await readFile(backups[index]!, 'utf8')).toBe(`{"n": ${13 - index}}\n`);
  });

  it('prunes in the elevated command too, where Berth may not write the folder', async () => {
    await writeFile(file, '{"original": true}\n');
    for (let n = 0; n < 12; n++)
      await writeDaemonConfig(await loadDaemonConfig(file), `{"n": ${n}}\n`, {
        now: new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
      });
    const backups = await listBackups(file);
    expect(backups).toHaveLength(11);
    // Root may write anywhere a mode allows, so as root the folder is made immutable instead.
    const lock = (locked: boolean) =>
      process.getuid?.() === 0
        ? run('chattr', [locked ? '+i' : '-i', dir])
        : run('chmod', [locked ? '555' : '755', dir]);
    const loaded = await loadDaemonConfig(file);
    const stagingDir = await mkdtemp(path.join(os.tmpdir(), 'berth-staging-test-'));
    await lock(true);
    let outcome;
    try {
      outcome = await writeDaemonConfig(loaded, '{"n": "elevated"}\n', {
        now: new Date(Date.UTC(2026, 0, 1, 0, 1, 0)),
        stagingDir,
      });
    } finally {
      await lock(false);
      await rm(stagingDir, { recursive: true, force: true });
    }
    expect(outcome.written).toBe(false);
    if (outcome.written) return;
    // With the new backup there would be 12: the oldest after the first goes, the first stays.
    const script = outcome.needsElevation.command[3]!;
    expect(script).toContain(`rm -f '${backups.at(-2)!}'`);
    expect(script).not.toContain(`'${backups.at(-1)!}'`);
  });

  it('gives two saves in the same millisecond two backups', async () => {
    await writeFile(file, '{"a": 1}\n');
    const now = new Date('2026-01-02T03:04:05Z');
    await writeDaemonConfig(await loadDaemonConfig(file), '{"a": 2}\n', { now });
    await writeDaemonConfig(await loadDaemonConfig(file), '{"a": 3}\n', { now });
    const backups = await listBackups(file);
    expect(await Promise.all(backups.map((backup) => readFile(backup, 'utf8')))).toEqual([
      '{"a": 2}\n',
      '{"a": 1}\n',
    ]);
  });

  it('quotes paths for PowerShell: a quote in a single-quoted string is doubled', () => {
    const plan = elevationPlan('win32', {
      source: "C:\\Users\\O'Brien\\staged.json",
      target: "C:\\Docker's\\daemon.json",
      backup: "C:\\Docker's\\daemon.json.berth-backup-1",
    });
    const command = plan.command[3]!;
    expect(command).toContain(
      "Copy-Item -LiteralPath 'C:\\Users\\O''Brien\\staged.json' 'C:\\Docker''s\\daemon.json'",
    );
    expect(command).not.toContain("O'Brien");
    // The whole inner command is one double-quoted string of the outer PowerShell: $ and ` are escaped.
    expect(elevationPlan('win32', { source: 'C:\\t\\$x`y.json', target: 'C:\\d.json' }).command[3]).toContain(
      "'C:\\t\\`$x``y.json'",
    );
  });
});
