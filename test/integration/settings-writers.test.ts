// Berth's settings file (config.json) changed by several processes at once: the CLI, the browser host
// and the app each read it, add their connection and write it back. No change may be lost.
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../fixtures/process.js';

const MODULE = pathToFileURL(path.resolve('dist/electron/core/settings/index.js')).href;
const PROCESSES = 6;
const SAVES = 20;

// Waits for "go" on stdin, then saves SAVES connections of its own, one change at a time.
const WRITER = `
import { SettingsStore } from ${JSON.stringify(MODULE)};
const [dataDir, id, saves] = process.argv.slice(1);
await new Promise((resolve) => process.stdin.once('data', resolve));
for (let n = 0; n < Number(saves); n++)
  new SettingsStore(dataDir).save({ name: \`p\${id}-\${n}\`, host: \`p\${id}-\${n}.example\`, kind: 'generic' });
process.stdin.destroy();
`;

let dataDir: string;
beforeAll(async () => {
  dataDir = await makeTempDir('settings-writers');
});
afterAll(async () => {
  if (dataDir) await removeDir(dataDir);
});

function startWriter(id: number): { go: () => void; done: Promise<void> } {
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', WRITER, dataDir, String(id), String(SAVES)],
    {
      stdio: ['pipe', 'inherit', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`writer ${id} exited ${code}: ${stderr}`)),
    );
  });
  return { go: () => child.stdin.write('go\n'), done };
}

describe('the settings file with several writers', () => {
  it(`keeps every connection ${PROCESSES} processes save at once, ${SAVES} each`, async () => {
    const writers = Array.from({ length: PROCESSES }, (_, id) => startWriter(id));
    for (const writer of writers) writer.go();
    await Promise.all(writers.map((writer) => writer.done));
    const settings = JSON.parse(await readFile(path.join(dataDir, 'config.json'), 'utf8')) as {
      connections: { name: string }[];
    };
    const names = new Set(settings.connections.map((connection) => connection.name));
    const expected = Array.from({ length: PROCESSES }, (_, id) =>
      Array.from({ length: SAVES }, (_, n) => `p${id}-${n}`),
    ).flat();
    expect(expected.filter((name) => !names.has(name))).toEqual([]);
    expect(names.size).toBe(PROCESSES * SAVES);
    expect((await readdir(dataDir)).filter((name) => name !== 'config.json')).toEqual([]);
  }, 300_000);
});
