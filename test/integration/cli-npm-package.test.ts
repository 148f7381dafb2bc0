// The `berth` command as an npm package of its own (npm run pack:cli → dist-cli/): packed with `npm pack`,
// installed from the tarball into an empty folder with Node 24 as a user would, and run from there against
// a real registry. Its file list and dependencies hold nothing of the app (Electron, React, the renderer).
import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushImage } from '../fixtures/images.js';
import { makeTempDir, removeDir, runCommand, type CommandResult } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

const root = path.resolve(import.meta.dirname, '../..');
const appPackage = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
// The Node 24 `npm ci` installs (the `node` package), whatever Node is first on the PATH.
const node24 = path.join(root, 'node_modules', 'node', 'bin', 'node');
// Its headers, so keytar's native build needs nothing from the network (no prebuilt binary from GitHub,
// no headers from nodejs.org).
const node24Headers = path.join(
  root,
  'node_modules',
  'node',
  'node_modules',
  `node-${process.platform}-${process.arch}`,
);
const INSTALL_TIMEOUT_MS = 5 * 60_000;

/** npm's own entry script, run with Node 24 (the `npm` on the PATH may start another Node). */
function npmCli(): string {
  const fromNpm = process.env.npm_execpath;
  if (fromNpm?.endsWith('npm-cli.js')) return fromNpm;
  return realpathSync(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim());
}

interface PackedFile {
  path: string;
}
interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: PackedFile[];
}

let work: string;
let registry: RegistryHandle;
let packed: PackResult;
let installed: {
  dependencies?: Record<string, string>;
  bin?: Record<string, string>;
  engines?: unknown;
  license?: string;
};
const env = (): NodeJS.ProcessEnv => ({
  ...process.env,
  PATH: `${path.dirname(node24)}${path.delimiter}${process.env.PATH ?? ''}`,
  BERTH_DATA_DIR: path.join(work, 'data'),
  BERTH_KEYCHAIN_SERVICE: `berth-npm-package-test-${process.pid}`,
  npm_config_build_from_source: 'true',
  npm_config_nodedir: node24Headers,
});

function berth(args: string[]): Promise<CommandResult> {
  return runCommand(path.join(work, 'install', 'node_modules', '.bin', 'berth'), args, {
    env: env(),
    allowFailure: true,
  });
}

beforeAll(
  async () => {
    work = await makeTempDir('berth-npm-package-');
    registry = await startRegistry({ auth: 'none' });
    await pushImage(registry, 'team/app', '1');
    await runCommand(node24, [path.join(root, 'build', 'pack-cli.mjs')], { env: env() });
    const pack = await runCommand(
      node24,
      [npmCli(), 'pack', path.join(root, 'dist-cli'), '--json', '--pack-destination', work],
      { env: env(), timeoutMs: 2 * 60_000 },
    );
    packed = (JSON.parse(pack.stdout) as PackResult[])[0]!;
    const install = path.join(work, 'install');
    await runCommand('mkdir', [install]);
    // An empty project of its own, so npm does not install into a folder above it.
    writeFileSync(path.join(install, 'package.json'), '{ "name": "empty", "private": true }\n');
    await runCommand(
      node24,
      [npmCli(), 'install', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, packed.filename)],
      { env: env(), cwd: install, timeoutMs: INSTALL_TIMEOUT_MS },
    );
    installed = JSON.parse(
      readFileSync(path.join(install, 'node_modules', 'berth-cli', 'package.json'), 'utf8'),
    ) as typeof installed;
  },
  INSTALL_TIMEOUT_MS + 3 * 60_000,
);

afterAll(async () => {
  await registry?.stop();
  if (work) await removeDir(work);
});

describe('the berth-cli npm package', () => {
  it('holds the bundled CLI, a chunk per command group, and a README, and nothing of the app', () => {
    const files = packed.files.map((file) => file.path);
    expect(files).toContain('package.json');
    expect(files).toContain('README.md');
    expect(files).toContain('LICENSE');
    expect(files).toContain('cli/main.js');
    expect(files).toContain('cli/program.js');
    expect(files).toContain('cli/commands-images.js');
    const unwanted =
      /(^|\/)(electron\/app|electron\/host|renderer|test|node_modules)\/|\.map$|\.tsx?$|react|electron-store/;
    expect(files.filter((file) => unwanted.test(file))).toEqual([]);
  });

  it('depends on the CLI’s runtime packages only: no Electron, React or electron-store', () => {
    const names = Object.keys(installed.dependencies ?? {});
    expect(names).toEqual(expect.arrayContaining(['commander', 'keytar', 'undici']));
    // zod is bundled into the CLI's files (build/bundle-cli.mjs).
    expect(names).not.toContain('zod');
    for (const name of ['electron', 'electron-store', 'react', 'react-dom', 'ws'])
      expect(names).not.toContain(name);
    expect(installed.bin).toEqual({ berth: 'cli/main.js' });
    expect(installed.engines).toEqual({ node: '>=22.19' });
  });

  it('ships the license it names, and the README lists its dependencies as they are', () => {
    const license = readFileSync(path.join(work, 'install', 'node_modules', 'berth-cli', 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} Berth developers\n/);
    expect(installed.license).toBe('MIT');
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    const listed = /packages those modules import \(([^)]*)\)/.exec(readme)?.[1]?.split(', ');
    expect(listed).toEqual(Object.keys(installed.dependencies ?? {}).sort());
  });

  it('prints the app’s version', async () => {
    const result = await berth(['--version']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim()).toBe(appPackage.version);
  });

  it('runs from the folder it was installed into: ref and tags against a registry', async () => {
    const reference = await berth(['ref', 'nginx']);
    expect(reference.code, reference.stderr).toBe(0);
    expect(reference.stdout).toContain('docker.io/library/nginx:latest');

    const tags = await berth(['tags', `${registry.host}/team/app`, '--json']);
    expect(tags.code, tags.stderr).toBe(0);
    expect(JSON.stringify(JSON.parse(tags.stdout))).toContain('"1"');
  });

  it('saves, lists and removes a connection: the settings schemas a write loads come from the package', async () => {
    // Reads take read-settings.ts; the first write requires cli/settings-schemas.js (the bundle's shim),
    // a file no command above loads.
    expect(packed.files.map((file) => file.path)).toContain('cli/settings-schemas.js');
    const add = await berth(['registry', 'add', 'local', `http://${registry.host}`, '--insecure-http']);
    expect(add.code, add.stderr).toBe(0);
    const saved = JSON.parse(readFileSync(path.join(work, 'data', 'config.json'), 'utf8')) as {
      connections: Array<{ name: string; host: string; tls: unknown; ui: unknown }>;
    };
    // The schemas' defaults are in the file: it went through them.
    expect(saved.connections).toEqual([
      expect.objectContaining({
        name: 'local',
        host: registry.host,
        tls: {},
        ui: { pinnedRepositories: [] },
      }),
    ]);
    const list = await berth(['registry', 'list', '--json']);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ name: 'local', host: registry.host }),
    ]);
    const remove = await berth(['registry', 'remove', 'local']);
    expect(remove.code, remove.stderr).toBe(0);
    expect(readFileSync(path.join(work, 'data', 'config.json'), 'utf8')).not.toContain('"local"');
  });

  it('fails as the CLI does: berth: and hint: on stderr, exit code 1', async () => {
    const result = await berth(['tags', 'Not A Reference']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^berth: .*\nhint: /);
  });

  it('loads its modules from the installed package, not from this checkout', () => {
    const launcher = realpathSync(path.join(work, 'install', 'node_modules', '.bin', 'berth'));
    expect(launcher).toBe(
      realpathSync(path.join(work, 'install', 'node_modules', 'berth-cli', 'cli', 'main.js')),
    );
    expect(pathToFileURL(launcher).href.startsWith(pathToFileURL(root).href)).toBe(false);
  });
});
