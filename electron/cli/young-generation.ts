import v8 from 'node:v8';

/**
 * V8 grows the young generation (new space) by this factor each time it finds it too small; V8's own
 * default is 2, so a copy doubled it from 1 MiB to 8 MiB semi-spaces, 16 MiB of RSS, before the first
 * blob finished. At 1 it grows by one page at a time and a copy stays at 1 MiB semi-spaces: a cold
 * 512 MiB `berth cp` peaked 10 MiB lower (111 → 101 MiB), its CPU the same. The size itself
 * (--max-semi-space-size) is read only when V8 starts, so `berth` would need it on node's command line
 * (a shebang `env -S` that BusyBox's env lacks); the factor is read each time the space grows.
 */
export const SEMI_SPACE_GROWTH_FACTOR = 1;

/**
 * Sets the factor for this process, first thing in the launcher: loading the CLI's modules already
 * grows the young generation. A flag V8 did not know would be ignored, never an error.
 */
export function keepYoungGenerationSmall(): void {
  v8.setFlagsFromString(`--semi-space-growth-factor=${SEMI_SPACE_GROWTH_FACTOR}`);
}
