// The built `berth` when its output cannot be written: a reader that stopped early (`berth … | head -1`)
// or a full disk. Node ignores SIGPIPE, so an unhandled EPIPE would end the run with a stack trace.
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLI } from '../fixtures/berth-cli.js';

function berth(args: string[], stdout: 'closed' | number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      stdio: ['ignore', stdout === 'closed' ? 'pipe' : stdout, 'pipe'],
    });
    // The reader goes away before the command writes a line, as `head` does once it has its lines.
    if (stdout === 'closed') child.stdout!.destroy();
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('berth with output nobody reads', () => {
  it('stops quietly with 0 when the reader closed the pipe', async () => {
    const result = await berth(['ref', 'nginx'], 'closed');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('says in one line that the output could not be written, with 1, on a full disk', async () => {
    const result = await berth(['ref', 'nginx'], openSync('/dev/full', 'w'));
    expect(result.stderr).toMatch(/^berth: cannot write the output: ENOSPC.*\nhint: .+\n$/);
    expect(result.code).toBe(1);
  });
});
