// The bundled CLI loads the settings' zod schemas (dist/cli/settings-schemas.js, build/bundle-cli.mjs) with
// the first settings write. A schemas file that is missing or holds no schemas (an installation cut short)
// is one "berth:" line naming the file, and the settings file stays as it was.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthCli } from '../fixtures/berth-cli.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

let dir: string;

beforeAll(async () => {
  dir = await makeTempDir('berth-schemas-');
});

afterAll(async () => {
  await removeDir(dir);
});

/** A module hook that breaks the schemas file the way `broken` says, for the CLI's process only. */
async function hook(broken: 'missing' | 'empty'): Promise<string> {
  const file = path.join(dir, `break-schemas-${broken}.mjs`);
  await writeFile(
    file,
    `import { registerHooks } from 'node:module';
registerHooks({
  resolve(specifier, context, next) {
    if (${JSON.stringify(broken)} === 'missing' && specifier.endsWith('/settings-schemas.js')) {
      const error = new Error("Cannot find module '" + specifier + "'\\nRequire stack:\\n- somewhere");
      error.code = 'MODULE_NOT_FOUND';
      throw error;
    }
    return next(specifier, context);
  },
  load(url, context, next) {
    if (${JSON.stringify(broken)} === 'empty' && url.endsWith('/settings-schemas.js'))
      return { format: 'module', source: 'export const nothing = 1;', shortCircuit: true };
    return next(url, context);
  },
});
`,
  );
  return file;
}

describe('the CLI without its settings schemas file', () => {
  for (const broken of ['missing', 'empty'] as const) {
    it(`refuses a settings change with one line naming the file (${broken})`, async () => {
      const data = path.join(dir, `data-${broken}`);
      const settings = JSON.stringify({ schemaVersion: 1, connections: [{ name: 'a', host: 'a.example' }] });
      await mkdir(data, { recursive: true });
      await writeFile(path.join(data, 'config.json'), settings);
      const cli = new BerthCli(() => ({ ...process.env, BERTH_DATA_DIR: data }));
      const result = await cli.run(['registry', 'remove', 'a'], undefined, {
        NODE_OPTIONS: `--import=${await hook(broken)}`,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        broken === 'missing'
          ? /^berth: settings not changed: Berth's [^\n]+settings-schemas\.js did not load \(Cannot find module [^\n]*\)\n/
          : /^berth: settings not changed: Berth's [^\n]+settings-schemas\.js holds no settings schemas\n/,
      );
      expect(result.stderr).toContain('install it again');
      expect(result.stderr).not.toMatch(/Require stack|\n\s+at /);
      expect(await readFile(path.join(data, 'config.json'), 'utf8')).toBe(settings);
    });
  }
});
