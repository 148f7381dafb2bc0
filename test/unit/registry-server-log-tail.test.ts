// Following a registry's log asks for its last lines every two seconds; the registry appends a line per
// request for as long as it runs, so the log is read from its end, never whole.
import { mkdtempSync, openSync, closeSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProcessRuntime } from '../../electron/core/registry-server/process-runtime.js';
import type { ServerPaths, ServerSpec } from '../../electron/core/registry-server/spec.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-log-tail-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function logsOf(file: string, lines: number): Promise<string> {
  return new ProcessRuntime({ binary: '/bin/false' }).logs(
    {} as ServerSpec,
    { log: file } as ServerPaths,
    lines,
  );
}

describe("a registry's log", () => {
  it('gives the last lines of a 2 GiB log without reading it whole', async () => {
    const file = path.join(dir, 'huge.log');
    // Sparse: 2 GiB of nothing on disk, then three lines at the end.
    const descriptor = openSync(file, 'w');
    writeSync(descriptor, 'first\n', 0);
    writeSync(descriptor, '\nline a\nline b\nline c\n', 2 * 1024 * 1024 * 1024);
    closeSync(descriptor);
    const started = Date.now();
    expect(await logsOf(file, 2)).toBe('line b\nline c');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('gives every line of a short log, and nothing for a missing one', async () => {
    const file = path.join(dir, 'short.log');
    const descriptor = openSync(file, 'w');
    writeSync(descriptor, 'one\ntwo\nthree\n');
    closeSync(descriptor);
    expect(await logsOf(file, 100)).toBe('one\ntwo\nthree');
    expect(await logsOf(file, 2)).toBe('two\nthree');
    expect(await logsOf(path.join(dir, 'missing.log'), 10)).toBe('');
  });
});
