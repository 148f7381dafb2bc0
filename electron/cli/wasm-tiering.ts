import v8 from 'node:v8';

/**
 * V8's budget before it recompiles a hot WebAssembly function with its optimising compiler (TurboFan);
 * V8's own default is 13,000,000. A few responses are enough for undici's HTTP parser (llhttp) to reach
 * the default: TurboFan then spends ≈ 130 ms of CPU and 20–40 MB on the parser's one big function in a
 * background thread, and the process waits for that to finish before it exits — `berth inspect` ended
 * 100–180 ms after its work.
 */
export const WASM_TIERING_BUDGET = 2_000_000_000;

/**
 * No WebAssembly function tiers up at all: V8 tiers up only the function of this index (a debugging
 * filter), and no module has that many functions. The budget alone is not enough: a copy of 512 MiB
 * still spent it (every socket read runs the parser), and the TurboFan compile of llhttp's big function
 * then took 128 ms of CPU and a 23 MB zone at the end of the copy, the copy's peak RSS (+15–20 MiB).
 * llhttp only walks the headers and chunk framing of a response, never the bytes of a blob body one by
 * one, so the baseline code (Liftoff) costs a copy nothing that shows; with the filter Liftoff also
 * leaves out the budget checks.
 */
export const WASM_TIER_UP_FILTER = 2_147_483_647;

/**
 * Sets the budget and the filter for this process. It must run before undici compiles its parser (the
 * first HTTP/1 request): Liftoff decides per function, as it compiles, whether the code counts towards a
 * tier-up. V8 takes the flags at run time (flags are not frozen in Node), and a flag it did not know
 * would be ignored, never an error.
 */
export function keepWasmOnBaselineCompiler(): void {
  v8.setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);
  v8.setFlagsFromString(`--wasm-tier-up-filter=${WASM_TIER_UP_FILTER}`);
}
