import v8 from 'node:v8';

/**
 * V8's budget before it recompiles a hot WebAssembly function with its optimising compiler (TurboFan);
 * V8's own default is 13,000,000. A few responses are enough for undici's HTTP parser (llhttp) to reach
 * the default: TurboFan then spends ≈ 130 ms of CPU and 20–40 MB on the parser's one big function in a
 * background thread, and the process waits for that to finish before it exits — `berth inspect` ended
 * 100–180 ms after its work. With this budget the parser stays on V8's baseline compiler (Liftoff) for
 * any short command; a long copy still gets there, and llhttp only walks the headers and chunk framing of
 * a response, never the bytes of a blob body one by one, so the baseline code costs a copy nothing that
 * shows.
 */
export const WASM_TIERING_BUDGET = 2_000_000_000;

/**
 * Sets the budget for this process. It must run before undici compiles its parser (the first HTTP/1
 * request); V8 takes the flag at run time (flags are not frozen in Node), and a flag it did not know would
 * be ignored, never an error.
 */
export function keepWasmOnBaselineCompiler(): void {
  v8.setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);
}
