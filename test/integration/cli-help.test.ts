// Every command of `berth`, found by walking `--help` from the top, has a description, and so does each
// of its arguments and options: a command listed with nothing beside it tells a new user nothing.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthCli } from '../fixtures/berth-cli.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

let dataDir: string;
const cli = new BerthCli(() => ({
  ...process.env,
  BERTH_DATA_DIR: dataDir,
  DOCKER_CONFIG: path.join(dataDir, 'docker-config'),
  // Wide enough that no description wraps onto a line of its own.
  COLUMNS: '400',
}));

beforeAll(async () => {
  dataDir = await makeTempDir('berth-help-');
});

afterAll(async () => {
  await removeDir(dataDir);
});

interface HelpItem {
  term: string;
  description: string;
}

/** The items of one section (`Arguments:`, `Options:`, `Commands:`) of commander's help text. */
function helpSection(text: string, title: string): HelpItem[] {
  const lines = text.split('\n');
  const start = lines.indexOf(`${title}:`);
  if (start < 0) return [];
  const items: HelpItem[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('  ')) break;
    const match = /^ {2}(\S(?:.*?\S)?)(?: {2,}(.*))?$/.exec(line);
    if (match) items.push({ term: match[1]!, description: (match[2] ?? '').trim() });
  }
  return items;
}

/** `<name>` and `[ref]` of the usage line (not `[options]` / `[command]`). */
function usageArguments(text: string): string[] {
  const usage = /^Usage: (.*)$/m.exec(text)?.[1] ?? '';
  return [...usage.matchAll(/[<[]([a-z][a-z-]*)(?:\.\.\.)?[>\]]/g)]
    .map((match) => match[1]!)
    .filter((name) => name !== 'options' && name !== 'command');
}

describe('berth --help', () => {
  it('describes every command, argument and option', async () => {
    const missing: string[] = [];
    const seen: string[] = [];
    const queue: string[][] = [[]];
    while (queue.length) {
      const names = queue.shift()!;
      const result = await cli.run([...names, '--help']);
      const shown = `berth ${names.join(' ')}`.trim();
      expect(result.code, `${shown} --help\n${result.stderr}`).toBe(0);
      seen.push(shown);
      for (const command of helpSection(result.stdout, 'Commands')) {
        const name = command.term.split(' ')[0]!;
        if (name === 'help') continue;
        if (!command.description) missing.push(`${shown} ${name}: no description`);
        queue.push([...names, name]);
      }
      const described = helpSection(result.stdout, 'Arguments');
      for (const argument of usageArguments(result.stdout)) {
        const item = described.find((entry) => entry.term === argument);
        if (!item?.description) missing.push(`${shown} <${argument}>: no description`);
      }
      for (const option of helpSection(result.stdout, 'Options')) {
        if (!option.description) missing.push(`${shown} ${option.term}: no description`);
      }
    }
    // The walk reached the leaves (a broken parse would pass with nothing checked).
    expect(seen).toEqual(
      expect.arrayContaining(['berth server start', 'berth server user passwd', 'berth daemon apply']),
    );
    expect(missing).toEqual([]);
  }, 300_000);
});

describe('the ways to ask for help', () => {
  it('print the same text whatever comes after berth’s own --help, and help COMMAND is COMMAND --help', async () => {
    const whole = await cli.run(['--help']);
    expect(whole.code).toBe(0);
    const commands = helpSection(whole.stdout, 'Commands').map((item) => item.term.split(' ')[0]!);
    expect(commands).toEqual(
      expect.arrayContaining(['registry', 'tags', 'cp', 'daemon', 'doctor', 'server']),
    );
    for (const args of [['help'], ['--help', 'tags'], ['-h', 'cp'], ['--timeout', '5', '--help', 'daemon']]) {
      const result = await cli.run(args);
      expect({ args, code: result.code, stdout: result.stdout }).toEqual({
        args,
        code: 0,
        stdout: whole.stdout,
      });
    }
    for (const command of commands.filter((name) => name !== 'help')) {
      const [asked, own] = await Promise.all([cli.run(['help', command]), cli.run([command, '--help'])]);
      expect({ command, stdout: asked.stdout, code: asked.code }).toEqual({
        command,
        stdout: own.stdout,
        code: 0,
      });
    }
  }, 120_000);
});
