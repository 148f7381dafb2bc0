// The `berth` command as a few files instead of 250 modules: rolldown bundles the compiled CLI
// (dist/electron/cli/main.js and everything it imports of Berth's own, with zod) into dist/cli/. Loading
// one file per command costs a fraction of resolving, reading and compiling each module (inspect:
// ≈ 0.45 → 0.26 CPU-seconds on the build machine), and zod loses the 64 locales `import 'zod'` loads.
// Each command group's module stays its own chunk, loaded when the command is typed, as the job kinds'
// modules do when a job of that kind runs. Packages other than zod stay imports of node_modules: undici
// is loaded by path (registry/undici.ts), keytar is native, conf is loaded on first write through
// createRequire, and commander's CommonJS needs no bundling to load fast.
// The source maps name the modules each chunk holds (test/integration/cli-start-up.test.ts reads them).
// The settings file's zod schemas (electron/core/settings/schema.ts) are their own entry, required on the
// first write: see settingsSchemasOnWrite.
import { chmodSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { rolldown } from 'rolldown';

const root = path.resolve(import.meta.dirname, '..');
export const BUNDLE_DIR = path.join(root, 'dist', 'cli');
export const BUNDLED_PACKAGES = ['zod'];

/** The settings' zod schemas, and the file the bundle holds them in (beside the chunks, in dist/cli/). */
const SETTINGS_SCHEMAS = path.join(root, 'dist', 'electron', 'core', 'settings', 'schema.js');
const SETTINGS_SCHEMAS_ENTRY = 'settings-schemas';
const SHIM = '\0settings-schemas-on-write';
/** What schema.ts exports at run time (its types aside): the shim exports the same. */
const SCHEMA_EXPORTS = [
  'BOOKMARK_LIMIT',
  'CLEANUP_RULE_LIMIT',
  'HELPER_NAME',
  'RECENT_LIMIT',
  'REGISTRY_KINDS',
  'SETTINGS_VERSION',
  'settingsSchemas',
];

/**
 * Every command reads the settings file (without zod: read-settings.ts), and only a write checks it with
 * the zod schemas — synchronously, as every settings call is. So that a command that never writes
 * (`berth inspect`, `berth cp`) loads no zod at all, the bundle's modules import schema.ts as a shim that
 * `require`s the schemas' own entry on the first call of `settingsSchemas()` (require() of an ES module,
 * Node 22.12 and later, as conf is loaded). Outside the bundle (the app, the browser host, the tests)
 * schema.ts is imported as written.
 */
function settingsSchemasOnWrite() {
  return {
    name: 'settings-schemas-on-write',
    resolveId(source, importer, options) {
      if (!importer || options.isEntry || !source.startsWith('.')) return null;
      return path.resolve(path.dirname(importer), source) === SETTINGS_SCHEMAS ? SHIM : null;
    },
    load(id) {
      if (id !== SHIM) return null;
      const dir = path.dirname(SETTINGS_SCHEMAS);
      // A schemas file that is missing or does not load (an installation cut short, a file removed) is a
      // "berth:" line naming it, not a require stack.
      return `import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ConfigError } from ${JSON.stringify(path.join(root, 'dist', 'electron', 'core', 'errors.js'))};
export { BOOKMARK_LIMIT, CLEANUP_RULE_LIMIT, HELPER_NAME, RECENT_LIMIT, SETTINGS_VERSION } from ${JSON.stringify(path.join(dir, 'limits.js'))};
export { REGISTRY_KINDS } from ${JSON.stringify(path.join(root, 'dist', 'shared', 'registry-kinds.js'))};
let loaded;
export function settingsSchemas() {
  if (!loaded) {
    const file = fileURLToPath(new URL('./${SETTINGS_SCHEMAS_ENTRY}.js', import.meta.url));
    let schemas;
    try {
      schemas = createRequire(import.meta.url)(file).settingsSchemas;
    } catch (error) {
      throw new ConfigError(
        \`settings not changed: Berth's \${file} did not load (\${String(error?.message ?? error).split('\\n')[0]})\`,
        'This installation of Berth is incomplete or damaged: install it again.',
      );
    }
    if (typeof schemas !== 'function')
      throw new ConfigError(
        \`settings not changed: Berth's \${file} holds no settings schemas\`,
        'This installation of Berth is incomplete or damaged: install it again.',
      );
    loaded = schemas;
  }
  return loaded();
}
`;
    },
  };
}

function isExternal(id) {
  if (isBuiltin(id)) return true;
  if (id.startsWith('.') || path.isAbsolute(id) || id.startsWith('\0')) return false;
  const name = id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : id.split('/')[0];
  return !BUNDLED_PACKAGES.includes(name);
}

export async function bundleCli() {
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
  const bundle = await rolldown({
    input: {
      main: path.join(root, 'dist', 'electron', 'cli', 'main.js'),
      [SETTINGS_SCHEMAS_ENTRY]: SETTINGS_SCHEMAS,
    },
    platform: 'node',
    external: isExternal,
    plugins: [settingsSchemasOnWrite()],
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
  const exported = Object.keys(await import(pathToFileURL(SETTINGS_SCHEMAS).href)).sort();
  if (exported.join() !== SCHEMA_EXPORTS.join())
    throw new Error(
      `${SETTINGS_SCHEMAS} exports ${exported.join(', ')}; bundle-cli.mjs's shim exports ${SCHEMA_EXPORTS.join(', ')}`,
    );
}
