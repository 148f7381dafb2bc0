// The `berth` command as a few files instead of 250 modules: rolldown bundles the compiled CLI
// (dist/electron/cli/main.js and everything it imports of Berth's own, with zod) into dist/cli/. Loading
// one file per command costs a fraction of resolving, reading and compiling each module (inspect:
// ≈ 0.45 → 0.26 CPU-seconds on the build machine), and zod loses the 64 locales `import 'zod'` loads.
// Each command group's module stays its own chunk, loaded when the command is typed, as the job kinds'
// modules do when a job of that kind runs. Packages other than zod stay imports of node_modules: undici
// is loaded by path (registry/undici.ts), keytar is native, conf is loaded on first write through
// createRequire, and commander's CommonJS needs no bundling to load fast.
// The source maps name the modules each chunk holds (test/integration/cli-start-up.test.ts reads them).
import { chmodSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { rolldown } from 'rolldown';

const root = path.resolve(import.meta.dirname, '..');
export const BUNDLE_DIR = path.join(root, 'dist', 'cli');
export const BUNDLED_PACKAGES = ['zod'];

function isExternal(id) {
  if (isBuiltin(id)) return true;
  if (id.startsWith('.') || path.isAbsolute(id) || id.startsWith('\0')) return false;
  const name = id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : id.split('/')[0];
  return !BUNDLED_PACKAGES.includes(name);
}

export async function bundleCli() {
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
  const bundle = await rolldown({
    input: { main: path.join(root, 'dist', 'electron', 'cli', 'main.js') },
    platform: 'node',
    external: isExternal,
    logLevel: 'warn',
  });
  try {
    await bundle.write({
      dir: BUNDLE_DIR,
      format: 'esm',
      entryFileNames: '[name].js',
      chunkFileNames: '[name].js',
      sourcemap: true,
    });
  } finally {
    await bundle.close();
  }
  chmodSync(path.join(BUNDLE_DIR, 'main.js'), 0o755);
}
