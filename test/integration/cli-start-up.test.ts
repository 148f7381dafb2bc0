// What `berth` loads before it does anything: a command line loads its own command's module and what that
// needs, not every command's dependencies, and compiled code is cached in a folder only this user owns.
import { spawn } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../fixtures/berth-cli.js';
import { pushImage } from '../fixtures/images.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let dir: string;
let hook: string;
let registry: RegistryHandle | undefined;

beforeAll(async () => {
  dir = await makeTempDir('berth-start-up-');
  hook = path.join(dir, 'record-modules.mjs');
  // Records every module the CLI resolves (node: built-ins left out), written when the process exits.
  await writeFile(
    hook,
    `import { registerHooks } from 'node:module';
import { writeFileSync } from 'node:fs';
const seen = new Set();
registerHooks({ resolve(specifier, context, next) { const result = next(specifier, context); if (!result.url.startsWith('node:')) seen.add(result.url); return result; } });
process.on('exit', () => writeFileSync(process.env.RECORD_TO, [...seen].join('\\n')));
`,
  );
});

afterAll(async () => {
  await registry?.stop();
  await removeDir(dir);
});

async function runCli(nodeArgs: string[], args: string[], env: NodeJS.ProcessEnv = {}) {
  // Node takes NODE_DISABLE_COMPILE_CACHE set to anything, even empty, as "off".
  const { NODE_DISABLE_COMPILE_CACHE: _off, BERTH_COMPILE_CACHE: _dir, ...inherited } = process.env;
  const child = spawn(process.execPath, [...nodeArgs, CLI, ...args], {
    env: { ...inherited, BERTH_DATA_DIR: path.join(dir, 'data'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const code = await new Promise<number>((resolve) => child.on('close', (exit) => resolve(exit ?? -1)));
  return { code, stdout };
}

/**
 * The modules a run loaded: each file the bundled CLI loaded (dist/cli/, build/bundle-cli.mjs) stands for
 * the modules its source map names (Berth's compiled modules and zod's), and packages left outside the
 * bundle are loaded as their own files.
 */
async function runRecorded(
  args: string[],
): Promise<{ code: number; stdout: string; modules: string[]; files: string[] }> {
  const record = path.join(dir, `modules-${Math.random().toString(36).slice(2)}.txt`);
  const { code, stdout } = await runCli(['--import', hook], args, { RECORD_TO: record });
  const loaded = (await readFile(record, 'utf8')).split('\n');
  const bundle = pathToFileURL(path.dirname(CLI)).href + '/';
  const modules: string[] = [];
  for (const url of loaded) {
    if (!url.startsWith(bundle)) {
      modules.push(url);
      continue;
    }
    // The bundler's own helpers (no module of Berth's: no map).
    if (url.endsWith('/rolldown-runtime.js')) continue;
    const map = JSON.parse(await readFile(`${fileURLToPath(url)}.map`, 'utf8')) as { sources: string[] };
    expect(map.sources.length, url).toBeGreaterThan(0);
    for (const source of map.sources) modules.push(new URL(source, url).href);
  }
  return { code, stdout, modules, files: loaded };
}

function packagesOf(modules: string[]): Set<string> {
  const names = modules.map((url) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1]);
  return new Set(names.filter((name): name is string => name !== undefined));
}

describe('berth start-up', () => {
  it('loads no registry client, settings store or schema library for --version', async () => {
    const { code, stdout, modules } = await runRecorded(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const packages = packagesOf(modules);
    for (const heavy of ['undici', 'zod', 'conf', 'ajv', 'semver', 'diff', 'smol-toml', 'jsonc-parser'])
      expect(packages, heavy).not.toContain(heavy);
    expect(modules.filter((url) => url.includes('/cli/commands-'))).toEqual([]);
  });

  it("loads only the typed command's module, not the other commands'", async () => {
    const { code, stdout, modules } = await runRecorded(['ref', 'nginx', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ registry: 'docker.io', repository: 'library/nginx' });
    const commandModules = modules
      .filter((url) => url.includes('/cli/commands-'))
      .map((url) => path.basename(url));
    expect(commandModules).toEqual(['commands-images.js']);
  });

  describe('a command that reads a registry or copies within one', () => {
    // What only writing settings (conf and its ajv, semver, and zod, which checks a write: the settings file
    // is read by electron/core/settings/read-settings.ts), the daemon.json editor (diff, jsonc-parser,
    // smol-toml), archives (tar-stream) and undici's index (fetch, mocks, caches) need.
    const unused = ['conf', 'ajv', 'semver', 'zod', 'diff', 'smol-toml', 'jsonc-parser', 'tar-stream'];
    // Core folders a registry read or a copy never calls into.
    const unusedCore = ['daemon-config', 'doctor', 'registry-server', 'archive', 'storage', 'prune'];

    beforeAll(async () => {
      registry = await startRegistry({ auth: 'none' });
      await pushImage(registry, 'start-up/app', '1', { layers: 2 });
    }, 60_000);

    function expectLean(modules: string[]) {
      const packages = packagesOf(modules);
      for (const heavy of unused) expect(packages, heavy).not.toContain(heavy);
      expect(modules.filter((url) => /node_modules\/undici\/index\.js$/.test(url))).toEqual([]);
      const core = new Set(modules.map((url) => /\/electron\/core\/([^/]+)\//.exec(url)?.[1]));
      for (const folder of unusedCore) expect(core, folder).not.toContain(folder);
      // The contract's modules build their requests' zod schemas when imported.
      expect(modules.filter((url) => /\/shared\/contract\//.test(url))).toEqual([]);
    }

    it('inspect loads no settings writer, daemon.json editor, archive code or undici index', async () => {
      const { code, stdout, modules, files } = await runRecorded([
        'inspect',
        `${registry!.host}/start-up/app:1`,
        '--json',
      ]);
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ repository: 'start-up/app' });
      expectLean(modules);
      // Berth's code comes from a handful of bundled files, not from its 200 compiled modules.
      expect(files.filter((url) => url.includes('/dist/') && !url.includes('/dist/cli/'))).toEqual([]);
      const bundled = files.filter((url) => url.includes('/dist/cli/'));
      expect(bundled.length).toBeGreaterThan(2);
      expect(bundled.length).toBeLessThan(16);
    });

    it("ends without V8 optimising undici's HTTP parser, which the exit would wait for", async () => {
      // V8 prints each WebAssembly function it compiles (to stdout); with its default budget llhttp's
      // parser went to TurboFan after inspect's few responses: ≈ 130 ms of CPU the exit waited for.
      const { code, stdout } = await runCli(
        ['--trace-wasm-compilation-times'],
        ['inspect', `${registry!.host}/start-up/app:1`],
      );
      expect(code).toBe(0);
      expect(stdout).toMatch(/using Liftoff/);
      expect(stdout).not.toMatch(/using TurboFan/);
    });

    it('cp within a registry loads the copy code and nothing of the other job kinds', async () => {
      const { code, modules } = await runRecorded([
        'cp',
        `${registry!.host}/start-up/app:1`,
        `${registry!.host}/start-up/promoted:1`,
      ]);
      expect(code).toBe(0);
      expectLean(modules);
      expect(modules.some((url) => url.includes('/electron/core/copy/'))).toBe(true);
    });
  });

  it('still lists every command in the help', async () => {
    const { code, stdout } = await runRecorded(['--help']);
    expect(code).toBe(0);
    for (const command of ['registry', 'login', 'tags', 'cp', 'daemon', 'pull', 'doctor', 'server'])
      expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });

  it("keeps compiled code in a folder of the user's own", async () => {
    const cacheHome = path.join(dir, 'cache-home');
    // Without the recording hook: Node caches no compiled code for modules loaded through hooks.
    const { code } = await runCli([], ['--version'], {
      XDG_CACHE_HOME: cacheHome,
    });
    expect(code).toBe(0);
    const cache = path.join(cacheHome, 'berth', 'compile-cache');
    expect((await stat(cache)).mode & 0o777).toBe(0o700);
    expect((await readdir(cache)).length).toBeGreaterThan(0);
  });

  it('writes no compiled code into a folder others may write to', async () => {
    const shared = path.join(dir, 'shared-cache');
    await mkdir(shared);
    await chmod(shared, 0o777);
    const { code, stdout } = await runCli([], ['--version'], {
      BERTH_COMPILE_CACHE: shared,
    });
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(await readdir(shared)).toEqual([]);
  });

  it('writes no compiled code into a folder of its own inside one others may write to', async () => {
    // Whoever may write to the parent could rename the private folder and put one of theirs there.
    const shared = path.join(dir, 'shared-parent');
    await mkdir(shared);
    await chmod(shared, 0o777);
    const own = path.join(shared, 'compile-cache');
    const { code } = await runCli([], ['--version'], { BERTH_COMPILE_CACHE: own });
    expect(code).toBe(0);
    expect(await readdir(own).catch(() => [])).toEqual([]);
  });

  it('keeps compiled code where a symbolic link above the folder leads, when that is the user’s own', async () => {
    const elsewhere = path.join(dir, 'other-disk-cache');
    await mkdir(elsewhere, { mode: 0o700 });
    const link = path.join(dir, 'linked-cache-home');
    await symlink(elsewhere, link);
    const { code } = await runCli([], ['--version'], { XDG_CACHE_HOME: link });
    expect(code).toBe(0);
    expect((await readdir(path.join(elsewhere, 'berth', 'compile-cache'))).length).toBeGreaterThan(0);
  });
});
