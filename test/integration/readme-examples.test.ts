// The README's examples run as a reader would run them, so the README cannot drift from the CLI:
//  - every `console` block is a transcript (`$ npx berth …` and what it prints off a terminal); each
//    command runs in order against test registries and its output must match the block line for line;
//  - every `npx berth …` line of an `sh` block is a documented command; each one runs (see COMMANDS for
//    what it is expected to print) or is listed there as skipped with the reason, which the test prints.
// Hosts: the README's 127.0.0.1:5000 is the first test registry, 127.0.0.1:5001 the second (both plain
// HTTP, loopback, so Docker and Berth reach them without a saved connection). Values that differ from run
// to run are matched by pattern: digests (`sha256:` + 64 hex, or 12 hex), sizes (`2.1 KiB`), seconds (`0.12 s`).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthCli, type CliResult } from '../fixtures/berth-cli.js';
import { startDockerd, type DockerdHandle } from '../fixtures/dockerd.js';
import { pushImage } from '../fixtures/images.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const README = readFileSync(path.resolve('README.md'), 'utf8');

interface Block {
  info: string;
  lines: string[];
}

/** Fenced blocks of the README, indented ones too (a block inside a list item). */
export function fencedBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let open: { indent: string; info: string; lines: string[] } | undefined;
  for (const line of markdown.split('\n')) {
    const fence = /^(\s*)```(\S*)\s*$/.exec(line);
    if (!open && fence) open = { indent: fence[1] ?? '', info: fence[2] ?? '', lines: [] };
    else if (open && fence) {
      blocks.push({ info: open.info, lines: open.lines });
      open = undefined;
    } else if (open) open.lines.push(line.startsWith(open.indent) ? line.slice(open.indent.length) : line);
  }
  return blocks;
}

/** One transcript step: the command as written, and the lines it prints (stderr's, then stdout's). */
interface Step {
  command: string;
  expected: string[];
}

export function transcriptSteps(blocks: Block[]): Step[] {
  const steps: Step[] = [];
  for (const block of blocks.filter((b) => b.info === 'console'))
    for (const line of block.lines) {
      if (line.startsWith('$ ')) steps.push({ command: line.slice(2), expected: [] });
      else if (line.trim()) steps.at(-1)?.expected.push(line);
    }
  return steps;
}

/** Words as a shell splits them, for the simple quoting the README uses ('…'). */
function shellWords(text: string): string[] {
  return [...text.matchAll(/'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? '');
}

// What varies from run to run, matched by pattern; everything else literally.
const VARIABLE = /sha256:[0-9a-f]{64}|\b[0-9a-f]{12}\b|\b\d+(?:\.\d+)? (?:B|KiB|MiB|GiB)\b|\b\d+\.\d\d s\b/g;

function variablePattern(token: string): string {
  if (token.startsWith('sha256:')) return 'sha256:[0-9a-f]{64}';
  if (/^[0-9a-f]{12}$/.test(token)) return '[0-9a-f]{12}';
  if (/ s$/.test(token)) return '\\d+\\.\\d\\d s';
  return '\\d+(?:\\.\\d+)? (?:B|KiB|MiB|GiB)';
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function linePattern(line: string, hosts: Record<string, string>): RegExp {
  let source = '';
  let last = 0;
  for (const match of line.matchAll(VARIABLE)) {
    source += escapeRegex(line.slice(last, match.index)) + variablePattern(match[0]);
    last = match.index + match[0].length;
  }
  source += escapeRegex(line.slice(last));
  for (const [documented, actual] of Object.entries(hosts))
    source = source.split(escapeRegex(documented)).join(escapeRegex(actual));
  return new RegExp(`^${source}$`);
}

/**
 * Lines printed against lines documented: the same number, in the same order, except that a run of
 * consecutive `blob …` or `layer …` lines may come in any order (they move concurrently).
 */
export function compareLines(actual: string[], expected: string[], hosts: Record<string, string>): string[] {
  const problems: string[] = [];
  if (actual.length !== expected.length)
    problems.push(`${actual.length} lines printed, ${expected.length} documented`);
  let index = 0;
  while (index < expected.length) {
    const word = expected[index]!.split(' ')[0];
    let end = index + 1;
    if (word === 'blob' || word === 'layer')
      while (end < expected.length && expected[end]!.split(' ')[0] === word) end++;
    const unmatched = actual.slice(index, end);
    for (const line of expected.slice(index, end)) {
      const pattern = linePattern(line, hosts);
      const found = unmatched.findIndex((candidate) => pattern.test(candidate));
      if (found === -1) problems.push(`documented "${line}" not printed (as ${pattern.source})`);
      else unmatched.splice(found, 1);
    }
    for (const line of unmatched) problems.push(`printed "${line}", not documented here`);
    index = end;
  }
  return problems;
}

let root: string;
let first: RegistryHandle;
let second: RegistryHandle;
let dockerd: DockerdHandle;
let cli: BerthCli;
let hosts: Record<string, string>;

/** Substitutes the test registries' hosts for the documented ones in a command. */
function localize(command: string): string {
  let text = command;
  for (const [documented, actual] of Object.entries(hosts)) text = text.split(documented).join(actual);
  return text;
}

function lines(result: CliResult): string[] {
  return [...result.stderr.split('\n'), ...result.stdout.split('\n')].filter((line) => line.length);
}

beforeAll(async () => {
  root = await makeTempDir('readme-examples');
  [first, second, dockerd] = await Promise.all([
    startRegistry({ auth: 'none' }),
    startRegistry({ auth: 'none' }),
    startDockerd(),
  ]);
  hosts = { '127.0.0.1:5000': first.host, '127.0.0.1:5001': second.host };
  cli = new BerthCli(() => ({
    ...process.env,
    BERTH_DATA_DIR: path.join(root, 'berth'),
    BERTH_KEYCHAIN_SERVICE: `BerthTest-readme-${randomUUID()}`,
    DOCKER_HOST: dockerd.host,
  }));
  // The images the transcripts start from.
  await pushImage(first, 'team/app', '1', { seed: 'readme-app-1', layers: 2 });
  await pushImage(first, 'team/app', '2', { seed: 'readme-app-2', layers: 1 });
}, 120_000);

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop(), dockerd?.stop()]);
  if (root) await removeDir(root);
});

describe('the README', () => {
  it('prints, off a terminal, exactly the transcripts it shows (cp, sync, pull)', async () => {
    const steps = transcriptSteps(fencedBlocks(README));
    const commands = steps.map((step) => shellWords(step.command)[2]);
    expect(commands).toEqual(expect.arrayContaining(['cp', 'sync', 'pull']));
    const problems: string[] = [];
    for (const step of steps) {
      // `2>&1 | tee FILE` only says where the reader's output goes: both streams, in the order printed.
      const words = shellWords(localize(step.command.replace(/\s+2>&1 \| tee \S+$/, '')));
      expect(words.slice(0, 2), step.command).toEqual(['npx', 'berth']);
      const result = await cli.run(words.slice(2));
      const found = compareLines(lines(result), step.expected, hosts);
      if (result.code !== 0) found.push(`exit code ${result.code}`);
      if (found.length)
        problems.push(
          `$ ${step.command}\n${lines(result).join('\n')}\n${found.map((p) => `  - ${p}`).join('\n')}`,
        );
    }
    expect(problems.join('\n\n')).toBe('');
  });
});
