// The installer configuration, checked with electron-builder's own code: it loads electron-builder.yml
// the way `npm run dist` does, validates it against electron-builder's schema, and matches paths with
// its file matcher. Packaging itself needs the Electron binary, which this machine cannot download.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Configuration } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_SWITCH, cliModeArguments } from '../../electron/app/cli-switch.js';

interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>;
}
type Filter = (file: string, stat: { isDirectory(): boolean }) => boolean;
interface FileMatcherModule {
  FileMatcher: new (
    from: string,
    to: string,
    expand: (p: string) => string,
    patterns: string[],
  ) => {
    createFilter(): Filter;
  };
}

// electron-builder's internals, resolved the way electron-builder itself resolves them.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const fromLib = createRequire(fromBuilder.resolve('app-builder-lib'));
const { getConfig, validateConfiguration } = fromBuilder(
  'app-builder-lib/out/util/config/config.js',
) as ConfigModule;
const { FileMatcher } = fromBuilder('app-builder-lib/out/fileMatcher.js') as FileMatcherModule;
const { DebugLogger } = fromLib('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const root = path.resolve(import.meta.dirname, '../..');
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  main: string;
  homepage?: string;
  author?: string;
  dependencies: Record<string, string>;
  build?: unknown;
};

let config: Configuration;
beforeAll(async () => {
  config = await getConfig(root, null, null);
});

/** The config's `files` patterns as electron-builder's matcher applies them to a path in the project. */
function isPackaged(relativePath: string, patterns = filePatterns()): boolean {
  const filter = new FileMatcher(root, root, (pattern) => pattern, patterns).createFilter();
  return filter(path.join(root, relativePath), { isDirectory: () => false });
}

function filePatterns(): string[] {
  // getConfig normalises `files` to file sets; Berth's is one set taken from the project root.
  const sets = config.files as Array<{ from?: string; filter: string[] }>;
  expect(sets).toHaveLength(1);
  expect(sets[0]!.from).toBeUndefined();
  return sets[0]!.filter;
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).toString('hex'), `${file} is a PNG`).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function resource(name: string): string {
  return path.join(root, config.directories?.buildResources ?? 'build', name);
}

/**
 * Every module the main process and the preload load at run time, following static and dynamic
 * imports from the two entry points (type-only imports vanish when compiled): sources and packages.
 */
function runtimeModules(): { sources: string[]; packages: Set<string> } {
  const sources: string[] = [];
  const packages = new Set<string>();
  const pending = ['electron/app/main.ts', 'electron/app/preload.cts'];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (sources.includes(file)) continue;
    sources.push(file);
    const text = readFileSync(path.join(root, file), 'utf8');
    const statements = text.matchAll(
      /(?:^|[;\n])\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'([^']+)'|(?:require|import)\('([^']+)'\)/g,
    );
    for (const [, , isTypeOnly, imported, loaded] of statements) {
      const specifier = imported ?? loaded!;
      if (isTypeOnly) continue;
      if (specifier.startsWith('.')) {
        const target = path.posix.join(path.posix.dirname(file), specifier);
        pending.push(target.replace(/\.js$/, '.ts').replace(/\.cjs$/, '.cts'));
      } else if (!isBuiltin(specifier)) {
        const parts = specifier.split('/');
        packages.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
      }
    }
  }
  return { sources, packages };
}

function compiledPath(source: string): string {
  return path.posix.join('dist', source.replace(/\.ts$/, '.js').replace(/\.cts$/, '.cjs'));
}

describe('the electron-builder configuration', () => {
  it('is read from electron-builder.yml alone and passes electron-builder’s schema', async () => {
    expect(existsSync(path.join(root, 'electron-builder.yml'))).toBe(true);
    expect(packageJson.build).toBeUndefined();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is checked by a schema that refuses what electron-builder would refuse', async () => {
    const misspelt = { ...config, linux: { ...config.linux, categroy: 'Development' } } as Configuration;
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(
      /configuration\.linux/,
    );
    const wrongType = { ...config, electronFuses: { ...config.electronFuses, runAsNode: 'never' } };
    await expect(
      validateConfiguration(wrongType as unknown as Configuration, new DebugLogger(false)),
    ).rejects.toThrow(/configuration\.electronFuses/);
  });

  it('names the app and its categories', () => {
    expect(config.appId).toBe('dev.berth.app');
    expect(config.productName).toBe('Berth');
    expect(config.linux?.category).toBe('Development');
    expect(config.mac?.category).toBe('public.app-category.developer-tools');
  });

  it('builds AppImage and deb on Linux, dmg on macOS and nsis on Windows', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
  });

  it('has what the deb package requires: a homepage and a maintainer with an email', () => {
    // electron-builder's FpmTarget refuses to build a deb without them.
    expect(new URL(packageJson.homepage!).protocol).toBe('https:');
    expect(packageJson.author).toMatch(/^[^<]+ <[^@\s]+@[^@\s>]+>$/);
  });

  it('writes installers outside dist/, which is packaged', () => {
    expect(config.directories?.output).toBe('release');
  });
});

describe('the icons', () => {
  it('has a PNG for each size of the Linux icon set', () => {
    const set = resource(config.linux!.icon!);
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024])
      expect(pngSize(path.join(set, `${size}x${size}.png`))).toEqual({ width: size, height: size });
  });

  it('gives macOS and Windows a 1024 px PNG to make the .icns and .ico from', () => {
    // electron-builder converts PNGs of at least 512 px (icns) and 256 px (ico); more is sharper.
    expect(config.mac?.icon).toBe('icon.png');
    expect(config.win?.icon).toBe('icon.png');
    expect(pngSize(resource('icon.png'))).toEqual({ width: 1024, height: 1024 });
  });

  it('keeps the SVG the PNGs are rendered from', () => {
    expect(readFileSync(resource('icon.svg'), 'utf8')).toContain('viewBox="0 0 1024 1024"');
  });
});

describe('what goes into the app', () => {
  it('includes the entry point, the preload, every module they load and the renderer', () => {
    const { sources } = runtimeModules();
    expect(sources).toContain('electron/core/services.ts');
    expect(isPackaged(packageJson.main)).toBe(true);
    expect(packageJson.main).toBe('dist/electron/app/main.js');
    for (const source of sources) expect(isPackaged(compiledPath(source)), compiledPath(source)).toBe(true);
    expect(isPackaged('renderer/dist/index.html')).toBe(true);
    expect(isPackaged('renderer/dist/assets/index-0123abcd.js')).toBe(true);
    expect(isPackaged('package.json')).toBe(true);
  });

  it('includes the CLI, which the app runs in its CLI mode (the `berth` launcher)', () => {
    const { sources } = runtimeModules();
    expect(sources).toContain('electron/app/cli-mode.ts');
    expect(sources).toContain('electron/cli/program.ts');
    expect(isPackaged('dist/electron/cli/program.js')).toBe(true);
  });

  it('leaves out tests, sources, source maps and the browser host', () => {
    for (const file of [
      'test/unit/installers.test.ts',
      'dist/test/fixtures/registry.js',
      'electron/app/main.ts',
      'renderer/main.tsx',
      'dist/electron/app/main.js.map',
      'renderer/dist/assets/index-0123abcd.js.map',
      'dist/electron/cli/main.js.map',
      'dist/electron/host/main.js',
      'electron-builder.yml',
    ])
      expect(isPackaged(file), file).toBe(false);
  });

  it('can load every package the main process imports (electron-builder packs only dependencies)', () => {
    const { packages } = runtimeModules();
    expect(packages).toContain('keytar');
    for (const name of packages) {
      if (name === 'electron') continue;
      expect(Object.keys(packageJson.dependencies), name).toContain(name);
    }
  });

  it('unpacks keytar’s native module from app.asar', () => {
    const unpack = config.asarUnpack as string[];
    const keytarNode = 'node_modules/keytar/build/Release/keytar.node';
    expect(existsSync(path.join(root, keytarNode))).toBe(true);
    expect(isPackaged(keytarNode, unpack)).toBe(true);
    expect(isPackaged('node_modules/keytar/lib/keytar.js', unpack)).toBe(false);
  });

  it('does not rebuild native modules, which is safe only while each is built on Node-API', () => {
    expect(config.npmRebuild).toBe(false);
    for (const name of Object.keys(packageJson.dependencies)) {
      const dir = path.join(root, 'node_modules', name);
      if (!existsSync(path.join(dir, 'binding.gyp'))) continue;
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
      };
      expect(Object.keys(manifest.dependencies ?? {}), `${name} uses Node-API`).toContain('node-addon-api');
    }
  });

  it('turns off the Electron fuses Berth does not need', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

describe('the berth command in the installers', () => {
  const launcherDir = () => {
    const resources = config.extraResources as Array<{ from: string; to: string; filter: string[] }>;
    expect(resources).toEqual([{ from: 'build/cli', to: 'bin', filter: ['berth', 'berth.cmd'] }]);
    return path.join(root, resources[0]!.from);
  };

  it('ships a launcher per platform in resources/bin, each starting the app binary with the CLI switch', () => {
    const dir = launcherDir();
    const shell = readFileSync(path.join(dir, 'berth'), 'utf8');
    expect(shell.startsWith('#!/bin/sh\n')).toBe(true);
    expect(statSync(path.join(dir, 'berth')).mode & 0o111).toBe(0o111);
    // Linux: resources/../<executableName>; macOS: Contents/Resources/../MacOS/<productName>.
    expect(config.linux?.executableName).toBe('berth');
    expect(shell).toContain(
      `exec "$resources/../${config.linux!.executableName}" --ozone-platform=headless ${CLI_SWITCH} -- "$@"`,
    );
    expect(shell).toContain(`exec "$resources/../MacOS/${config.productName}" ${CLI_SWITCH} -- "$@"`);
    const cmd = readFileSync(path.join(dir, 'berth.cmd'), 'utf8');
    expect(cmd).toContain(`"%~dp0..\\..\\${config.productName}.exe" ${CLI_SWITCH} -- %*\r\n`);
    expect(cmd).toContain('exit /b %ERRORLEVEL%');
  });

  describe('the shell launcher, installed under a path with spaces and reached through a relative link', () => {
    let tree: string;
    beforeAll(() => {
      tree = mkdtempSync(path.join(tmpdir(), 'berth launcher '));
      // What the launcher execs writes each argument it got, NUL-terminated.
      const recorder = '#!/bin/sh\nfor arg in "$@"; do printf \'%s\\0\' "$arg"; done\n';
      const layouts = {
        linux: { launcher: 'opt dir/Berth/resources/bin/berth', binary: 'opt dir/Berth/berth' },
        mac: {
          launcher: 'Apps/Berth.app/Contents/Resources/bin/berth',
          binary: 'Apps/Berth.app/Contents/MacOS/Berth',
        },
      };
      for (const [name, layout] of Object.entries(layouts)) {
        for (const [file, text] of [
          [layout.launcher, readFileSync(path.join(launcherDir(), 'berth'), 'utf8')],
          [layout.binary, recorder],
        ] as const) {
          mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
          writeFileSync(path.join(tree, file), text, { mode: 0o755 });
        }
        // As /usr/bin/berth is, but relative, so the launcher must resolve it from the link's folder.
        mkdirSync(path.join(tree, `${name} bin`));
        symlinkSync(path.join('..', layout.launcher), path.join(tree, `${name} bin`, 'berth'));
      }
      // `id -u` answers what BERTH_TEST_UID says: root or not, whoever runs the test.
      mkdirSync(path.join(tree, 'fake id'));
      writeFileSync(path.join(tree, 'fake id', 'id'), '#!/bin/sh\necho "$BERTH_TEST_UID"\n', { mode: 0o755 });
    });
    afterAll(() => rmSync(tree, { recursive: true, force: true }));

    /** Runs `<layout> bin/berth` from the tree's root (a relative path, with CDPATH set as in some shells). */
    function run(layout: 'linux' | 'mac', args: string[], uid = '1000'): string[] {
      const result = spawnSync(`${layout} bin/berth`, args, {
        cwd: tree,
        encoding: 'utf8',
        env: {
          ...process.env,
          PATH: `${path.join(tree, 'fake id')}${path.delimiter}${process.env.PATH ?? ''}`,
          BERTH_TEST_UID: uid,
          CDPATH: tree,
        },
      });
      expect(result.status, result.stderr).toBe(0);
      return result.stdout.split('\0').slice(0, -1);
    }
    // Spaces, quotes, $, an empty argument, a `--` of the command's own, and what Chromium would take
    // for one of its switches if it came before the launcher's `--`.
    const tricky = ['tags', 'a b', '"quoted"', "it's", '$HOME', '', '--', '--gpu-launcher=sh -c x'];

    it('passes every argument through unchanged, after `--`, so no switch of Chromium’s is read from them', () => {
      expect(run('linux', tricky)).toEqual(['--ozone-platform=headless', CLI_SWITCH, '--', ...tricky]);
      expect(run('mac', tricky)).toEqual([CLI_SWITCH, '--', ...tricky]);
    });

    it('adds --no-sandbox on Linux as root, without which Chromium will not start (sudo berth daemon …)', () => {
      expect(run('linux', ['daemon', 'show'], '0')).toEqual([
        '--ozone-platform=headless',
        '--no-sandbox',
        CLI_SWITCH,
        '--',
        'daemon',
        'show',
      ]);
      expect(run('linux', ['daemon', 'show'])).not.toContain('--no-sandbox');
    });

    it('is what the README’s script for the AppImage runs too, in a home folder with a space', () => {
      const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
      const recipe = /\| the AppImage \|[^`]*`(printf [^`]+)`/.exec(readme)?.[1];
      expect(recipe).toBeDefined();
      const home = path.join(tree, 'home dir');
      mkdirSync(path.join(home, 'Apps'), { recursive: true });
      mkdirSync(path.join(home, '.local', 'bin'), { recursive: true });
      writeFileSync(
        path.join(home, 'Apps', 'Berth.AppImage'),
        readFileSync(path.join(tree, 'opt dir/Berth/berth')),
        {
          mode: 0o755,
        },
      );
      const made = spawnSync('sh', ['-c', recipe!], {
        env: { ...process.env, HOME: home },
        encoding: 'utf8',
      });
      expect(made.status, made.stderr).toBe(0);
      const result = spawnSync(path.join(home, '.local', 'bin', 'berth'), tricky, { encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout.split('\0').slice(0, -1)).toEqual(run('linux', tricky));
    });

    it('gives the CLI mode exactly the arguments the user typed', () => {
      for (const layout of ['linux', 'mac'] as const) {
        const argv = ['/path/to/binary', ...run(layout, tricky, layout === 'linux' ? '0' : '1000')];
        expect(cliModeArguments(argv.slice(1))).toEqual(tricky);
      }
    });
  });

  it('starts the CLI mode only with the switch, and passes it what follows', () => {
    expect(cliModeArguments(['--ozone-platform=headless', CLI_SWITCH, '--', 'tags', 'x/y'])).toEqual([
      'tags',
      'x/y',
    ]);
    expect(cliModeArguments([CLI_SWITCH, '--', '--', 'tags'])).toEqual(['--', 'tags']);
    expect(cliModeArguments([CLI_SWITCH])).toEqual([]);
    expect(cliModeArguments(['--no-sandbox'])).toBeUndefined();
    expect(cliModeArguments([])).toBeUndefined();
  });

  it('never starts the CLI mode from a file or URL the OS hands the app', () => {
    // The desktop entry's %U, a link the OS opens with the app, Electron's `--` before a protocol URL.
    expect(cliModeArguments(['/home/me/Downloads/--berth-cli'])).toBeUndefined();
    expect(cliModeArguments(['berth://open', CLI_SWITCH, 'rm', 'x/y:1'])).toBeUndefined();
    expect(cliModeArguments(['--', CLI_SWITCH, 'rm', 'x/y:1'])).toBeUndefined();
    expect(cliModeArguments(['--no-sandbox', 'report.txt', CLI_SWITCH])).toBeUndefined();
  });

  it('keeps RunAsNode off: the launcher runs the app itself, never Electron as plain Node', () => {
    expect(config.electronFuses?.runAsNode).toBe(false);
    expect(readFileSync(path.join(launcherDir(), 'berth'), 'utf8')).not.toContain('ELECTRON_RUN_AS_NODE');
  });

  describe('the deb’s scripts', () => {
    const deb = () => config.deb as { afterInstall: string; afterRemove: string };
    // electron-builder fills in ${name} as in its own scripts (FpmTarget's writeConfigFile), and refuses
    // a name it does not define.
    const macros: Record<string, string> = { executable: 'berth', sanitizedProductName: 'Berth' };
    const fill = (file: string) =>
      readFileSync(path.join(root, file), 'utf8').replace(/\$\{([a-zA-Z]+)\}/g, (_match, name: string) => {
        expect(Object.keys(macros), `${file}: \${${name}}`).toContain(name);
        return macros[name]!;
      });

    it('link /usr/bin/berth to the launcher through update-alternatives, and remove it with the package', () => {
      const install = fill(deb().afterInstall);
      expect(install).toContain("LAUNCHER='/opt/Berth/resources/bin/berth'");
      expect(install).toContain(`update-alternatives --install "$COMMAND" 'berth' "$LAUNCHER" 100`);
      expect(install).not.toMatch(/--install \S+ 'berth' '\/opt\/Berth\/berth'/);
      expect(install).toContain("chmod 4755 '/opt/Berth/chrome-sandbox'");
      expect(fill(deb().afterRemove)).toContain(`update-alternatives --remove 'berth' "$LAUNCHER"`);
      for (const file of [deb().afterInstall, deb().afterRemove])
        expect(spawnSync('bash', ['-n', path.join(root, file)]).status, file).toBe(0);
    });

    // The scripts run for real, as root would run them, on a tree of their own: their absolute paths point
    // into it, and update-alternatives (dpkg's own) keeps its links and records there too. dpkg is part of
    // every Debian system, CI's included: a missing update-alternatives fails here rather than skipping.
    describe('run in a root of their own', () => {
      let system: string;
      let scripts: { install: string; remove: string };
      const command = () => path.join(system, 'usr/bin/berth');
      const launcher = () => path.join(system, 'opt/Berth/resources/bin/berth');
      beforeAll(() => {
        system = mkdtempSync(path.join(tmpdir(), 'berth-deb-'));
        const relocate = (text: string) =>
          text.replace(/(['"])\/(usr\/bin|opt|etc\/alternatives)\//g, `$1${system}/$2/`);
        for (const dir of ['usr/bin', 'opt/Berth/resources/bin', 'etc/alternatives', 'admin', 'fake bin'])
          mkdirSync(path.join(system, dir), { recursive: true });
        writeFileSync(launcher(), '#!/bin/sh\n', { mode: 0o755 });
        writeFileSync(path.join(system, 'opt/Berth/berth'), '#!/bin/sh\n', { mode: 0o755 });
        writeFileSync(path.join(system, 'opt/Berth/chrome-sandbox'), '');
        const tool = (name: string, text: string) =>
          writeFileSync(path.join(system, 'fake bin', name), `#!/bin/sh\n${text}\n`, { mode: 0o755 });
        tool(
          'update-alternatives',
          `[ -n "$BERTH_TEST_UA_FAILS" ] && exit 2\nexec /usr/bin/update-alternatives --altdir '${system}/etc/alternatives' --admindir '${system}/admin' "$@"`,
        );
        for (const name of ['update-mime-database', 'update-desktop-database']) tool(name, 'exit 0');
        tool('apparmor_status', 'exit 1');
        scripts = { install: relocate(fill(deb().afterInstall)), remove: relocate(fill(deb().afterRemove)) };
        expect(scripts.install).not.toMatch(/'\/usr\/bin\/|'\/opt\//);
      });
      afterAll(() => rmSync(system, { recursive: true, force: true }));

      function run(script: 'install' | 'remove', env: NodeJS.ProcessEnv = {}) {
        const result = spawnSync('bash', ['-c', scripts[script]], {
          encoding: 'utf8',
          env: {
            ...process.env,
            ...env,
            PATH: `${path.join(system, 'fake bin')}${path.delimiter}${process.env.PATH ?? ''}`,
          },
        });
        expect(result.status, result.stderr).toBe(0);
        return result;
      }
      const resolved = () => (existsSync(command()) ? realpathSync(command()) : undefined);

      it('install the command once however often they run, and take it away on removal', () => {
        run('install');
        run('install');
        expect(resolved()).toBe(launcher());
        run('remove');
        expect(lstatSync(command(), { throwIfNoEntry: false })).toBeUndefined();
      });

      it('replace an earlier Berth’s link to the app binary with the launcher', () => {
        symlinkSync(path.join(system, 'opt/Berth/berth'), command());
        run('install');
        expect(resolved()).toBe(launcher());
        run('remove');
        expect(lstatSync(command(), { throwIfNoEntry: false })).toBeUndefined();
      });

      it('leave another program’s berth alone, a file or a link, and say so', () => {
        writeFileSync(command(), 'another berth\n');
        expect(run('install').stderr).toContain('belongs to another program');
        run('remove');
        expect(readFileSync(command(), 'utf8')).toBe('another berth\n');
        rmSync(command());

        symlinkSync('/usr/local/lib/other/berth', command());
        run('install');
        run('remove');
        expect(readlinkSync(command())).toBe('/usr/local/lib/other/berth');
        rmSync(command());
      });

      it('fall back to a plain link when update-alternatives fails, and remove that link too', () => {
        run('install', { BERTH_TEST_UA_FAILS: '1' });
        expect(readlinkSync(command())).toBe(launcher());
        run('remove', { BERTH_TEST_UA_FAILS: '1' });
        expect(lstatSync(command(), { throwIfNoEntry: false })).toBeUndefined();
      });
    });
  });

  it('adds the launcher’s folder to the user’s PATH in the Windows installer, and takes it off again', () => {
    const include = (config.nsis as { include: string }).include;
    const script = readFileSync(path.join(root, include), 'utf8');
    const macro = (name: string) =>
      script.slice(
        script.indexOf(`!macro ${name}`),
        script.indexOf('!macroend', script.indexOf(`!macro ${name}`)),
      );
    // The folder goes to PowerShell in the environment: inside its quoted text, an install folder with a '
    // (C:\Users\O'Brien\…, the default is under the user's profile) would break the command.
    expect(script).toContain(
      `System::Call 'Kernel32::SetEnvironmentVariable(t "BERTH_BIN_DIR", t "$INSTDIR\\resources\\bin")'`,
    );
    for (const name of ['customInstall', 'customUnInstall']) {
      expect(macro(name)).toMatch(/!insertmacro berthExportBinDir\n\s*nsExec::Exec/);
      expect(macro(name)).toContain('$$dir = $$env:BERTH_BIN_DIR;');
      expect(macro(name).split('nsExec::Exec')[1]).not.toContain('$INSTDIR');
    }
    expect(macro('customInstall')).toContain('+ $$dir');
    expect(macro('customUnInstall')).not.toContain('+ $$dir');
    expect(script).toContain("'HKCU:\\Environment'");
  });
});
