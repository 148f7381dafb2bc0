// daemon.json written by several processes at once (the CLI, the app, the browser host): each save
// lands whole or is refused as "changed since you read it", and what is reported saved is on disk.
import { spawn } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthCli } from '../fixtures/berth-cli.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

const MODULE = pathToFileURL(path.resolve('dist/electron/core/daemon-config/index.js')).href;
const PROCESSES = 6;

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await makeTempDir('daemon-writers');
  file = path.join(dir, 'daemon.json');
});
afterAll(async () => {
  if (dir) await removeDir(dir);
});

// Loads the file, says "ready", waits for "go" on stdin, then saves its own text and reports the outcome.
const WRITER = `
import { loadDaemonConfig, writeDaemonConfig } from ${JSON.stringify(MODULE)};
const [file, text] = process.argv.slice(1);
const loaded = await loadDaemonConfig(file);
process.stdout.write('ready\\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
try {
  const outcome = await writeDaemonConfig(loaded, text);
  process.stdout.write(JSON.stringify({ saved: outcome.written }) + '\\n');
} catch (error) {
  process.stdout.write(JSON.stringify({ saved: false, error: error.message }) + '\\n');
}
process.stdin.destroy();
`;

interface Writer {
  ready: Promise<void>;
  go: () => void;
  result: Promise<{ saved: boolean; error?: string }>;
}

function startWriter(text: string): Writer {
  const child = spawn(process.execPath, ['--input-type=module', '-e', WRITER, file, text], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.startsWith('ready\n')) markReady();
  });
  const result = new Promise<{ saved: boolean; error?: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const line = output.split('\n')[1];
      if (code !== 0 || !line) reject(new Error(`writer exited with ${code}: ${output}`));
      else resolve(JSON.parse(line) as { saved: boolean; error?: string });
    });
  });
  return { ready, go: () => child.stdin.write('go\n'), result };
}

const textOf = (round: number, writer: number) =>
  `{\n  "registry-mirrors": [${Array.from({ length: 300 - writer * 40 }, (_, n) => `"https://m${n}.r${round}-w${writer}.example"`).join(', ')}]\n}\n`;

describe('daemon.json saved by several processes at once', () => {
  it(`lands exactly one of ${PROCESSES} processes' saves from the same read, 10 rounds`, async () => {
    await writeFile(file, '{}\n');
    for (let round = 0; round < 10; round++) {
      const writers = Array.from({ length: PROCESSES }, (_, writer) => startWriter(textOf(round, writer)));
      // Every process has read the file (same fingerprint) before any of them writes.
      await Promise.all(writers.map((writer) => writer.ready));
      for (const writer of writers) writer.go();
      const results = await Promise.all(writers.map((writer) => writer.result));
      const saved = results.flatMap((result, writer) => (result.saved ? [writer] : []));
      expect(saved).toHaveLength(1);
      for (const result of results.filter((r) => !r.saved))
        expect(result.error).toContain('changed since you read it');
      const onDisk = await readFile(file, 'utf8');
      expect(() => JSON.parse(onDisk) as unknown).not.toThrow();
      expect(onDisk).toBe(textOf(round, saved[0]!));
    }
    expect((await readdir(dir)).filter((name) => /\.tmp$|berth-lock/.test(name))).toEqual([]);
  }, 300_000);

  it(`keeps every entry that ${PROCESSES} parallel \`berth daemon add-insecure\` runs report written, 3 rounds`, async () => {
    await writeFile(file, '{}\n');
    const cli = new BerthCli(() => ({ ...process.env, BERTH_DATA_DIR: path.join(dir, 'data') }));
    const written: string[] = [];
    for (let round = 0; round < 3; round++) {
      const entries = Array.from({ length: PROCESSES }, (_, writer) => `r${round}-w${writer}.lan:5000`);
      const results = await Promise.all(
        entries.map((entry) =>
          cli.run([
            'daemon',
            'add-insecure',
            entry,
            '--file',
            file,
            '--yes',
            '--engine',
            `unix://${path.join(dir, 'none.sock')}`,
          ]),
        ),
      );
      results.forEach((result, index) => {
        if (result.code === 0) {
          expect(result.stdout).toContain(`Wrote ${file}`);
          written.push(entries[index]!);
        } else expect(result.stderr).toContain('changed since you read it');
      });
      const onDisk = JSON.parse(await readFile(file, 'utf8')) as { 'insecure-registries': string[] };
      expect([...onDisk['insecure-registries']].sort()).toEqual([...written].sort());
    }
    expect(written.length).toBeGreaterThan(0);
  }, 300_000);
});
