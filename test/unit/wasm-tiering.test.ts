// The CLI keeps WebAssembly (undici's HTTP parser) on V8's baseline compiler however long a command runs:
// a 512 MiB copy used to spend the tier-up budget, and the optimising compile of llhttp (128 ms of CPU, a
// 23 MB zone) became the copy's peak RSS. A child Node loads the launcher's module, runs a hot wasm loop
// far past the budget, and V8's own trace says which compiler built the function.
import { execFile } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const moduleUrl = pathToFileURL(
  fileURLToPath(new URL('../../electron/cli/wasm-tiering.ts', import.meta.url)),
);

// (func (export "spin") (param i32) (result i32) (loop (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))) (local.get 0))
const SPIN = [
  0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 6, 1, 0x60, 1, 0x7f, 1, 0x7f, 3, 2, 1, 0, 7, 8, 1, 4, 0x73, 0x70, 0x69,
  0x6e, 0, 0, 0x0a, 0x12, 1, 0x10, 0, 3, 0x40, 0x20, 0, 0x41, 1, 0x6b, 0x22, 0, 0x0d, 0, 0x0b, 0x20, 0, 0x0b,
];

const script = `
const { keepWasmOnBaselineCompiler } = await import(${JSON.stringify(moduleUrl.href)});
keepWasmOnBaselineCompiler();
const { instance } = await WebAssembly.instantiate(new Uint8Array(${JSON.stringify(SPIN)}));
// ≈ 10 bytes of loop body a turn: 10^9 turns is five times V8's budget as the CLI sets it.
for (let i = 0; i < 10; i++) instance.exports.spin(100_000_000);
console.log('spun');
`;

describe('keepWasmOnBaselineCompiler', () => {
  it('keeps a hot WebAssembly function on the baseline compiler past the tier-up budget', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--trace-wasm-compilation-times', '--input-type=module', '--eval', script],
      { timeout: 60_000 },
    );
    expect(stdout).toContain('spun');
    expect(stdout).toContain('using Liftoff');
    expect(stdout).not.toContain('using TurboFan');
  }, 90_000);
});
