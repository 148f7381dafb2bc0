// The `berth` command of an installed app. `electron-builder --linux dir` packages Berth with a stand-in
// for the Electron binary (this machine cannot download it; test/fixtures/electron-stand-in.ts): the
// tree must hold the launcher (resources/bin) and the CLI inside app.asar, and the launcher, reached
// through a link as /usr/bin/berth is, must start the app's binary in its CLI mode. The stand-in binary
// runs the packaged main.js (unpacked from app.asar) under Node with a stand-in `electron` module that
// fails on anything the window needs, so the CLI mode is shown to come before the lock, `ready` and windows.
// Not run here: the real Electron binary (its fuses, a display-less start), the deb, AppImage, dmg, nsis.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Configuration, build as buildType, Platform as PlatformType } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeElectronStandIn, STAND_IN_REFUSED } from '../fixtures/electron-stand-in.js';
import { makeTempDir, removeDir, runCommand, type CommandResult } from '../fixtures/process.js';
import { startSilentServer, type SilentServer } from '../fixtures/silent-server.js';

const root = path.resolve(import.meta.dirname, '../..');
const appPackage = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
const require = createRequire(import.meta.url);
const { build, Platform } = require('electron-builder') as {
  build: typeof buildType;
  Platform: typeof PlatformType;
};
const fromBuilder = createRequire(require.resolve('electron-builder'));
const fromLib = createRequire(fromBuilder.resolve('app-builder-lib'));
const asar = fromLib('@electron/asar') as {
  listPackage(archive: string, options: object): string[];
  extractAll(archive: string, dest: string): void;
};
const BUILD_TIMEOUT_MS = 5 * 60_000;

let work: string;
let unpacked: string;
let appDir: string;
let asarFiles: string[];
let silent: SilentServer;
/** `berth` as a deb installs it: /usr/bin/berth, a link to resources/bin/berth. */
let command: string;

beforeAll(async () => {
  work = await makeTempDir('berth-cli-in-app-');
  const standIn = await makeElectronStandIn(path.join(work, 'stand-in'));
  const config: Configuration = {
    electronDist: standIn.distribution,
    // Flipping fuses edits the real binary; the stand-in has none. The unit test checks the fuse settings.
    electronFuses: null,
    directories: { output: path.join(work, 'release'), buildResources: 'build' },
  };
  await build({ projectDir: root, targets: Platform.LINUX.createTarget('dir'), publish: 'never', config });
  unpacked = path.join(work, 'release', 'linux-unpacked');
  const archive = path.join(unpacked, 'resources', 'app.asar');
  asarFiles = asar.listPackage(archive, {}).map((file) => file.split(path.sep).join('/'));
  appDir = path.join(work, 'app');
  asar.extractAll(archive, appDir);
  command = path.join(work, 'usr-bin', 'berth');
  mkdirSync(path.dirname(command));
  symlinkSync(path.join(unpacked, 'resources', 'bin', 'berth'), command);
  silent = await startSilentServer();
}, BUILD_TIMEOUT_MS + 60_000);

afterAll(async () => {
  await silent?.stop();
  if (work) await removeDir(work);
});

function standInEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    BERTH_STAND_IN_NODE: process.execPath,
    BERTH_STAND_IN_APP: appDir,
    BERTH_STAND_IN_MODULES: pathToFileURL(path.join(root, 'package.json')).href,
    BERTH_DATA_DIR: path.join(work, 'data'),
    BERTH_STAND_IN_APP_DATA: path.join(work, 'app-data'),
    BERTH_STAND_IN_PATHS: path.join(work, 'paths.log'),
  };
}

function berth(args: string[]): Promise<CommandResult> {
  return runCommand(command, args, { env: standInEnv(), allowFailure: true });
}

describe('electron-builder --linux dir', () => {
  it('puts the launchers in resources/bin beside the app binary', () => {
    const launcher = path.join(unpacked, 'resources', 'bin', 'berth');
    accessSync(launcher, constants.X_OK);
    accessSync(path.join(unpacked, 'berth'), constants.X_OK);
    expect(readFileSync(launcher, 'utf8')).toMatch(
      /exec "\$resources\/\.\.\/berth" .*--berth-cli -- "\$@"\n/,
    );
    expect(readFileSync(launcher, 'utf8')).toMatch(
      /exec "\$resources\/\.\.\/MacOS\/Berth" --berth-cli -- "\$@"\n/,
    );
    expect(readFileSync(path.join(unpacked, 'resources', 'bin', 'berth.cmd'), 'utf8')).toContain(
      '"%~dp0..\\..\\Berth.exe" --berth-cli -- %*\r\n',
    );
  });

  it('packs the CLI and the CLI mode into app.asar, without maps or the browser host', () => {
    for (const file of [
      '/package.json',
      '/dist/electron/app/main.js',
      '/dist/electron/app/cli-mode.js',
      '/dist/electron/cli/program.js',
      '/dist/electron/cli/version.js',
    ])
      expect(asarFiles, file).toContain(file);
    expect(asarFiles.filter((file) => /\.map$|^\/dist\/electron\/host\/|^\/dist\/test\//.test(file))).toEqual(
      [],
    );
  });
});

describe('the launcher runs the packaged app in its CLI mode', () => {
  it('prints the app’s version and exits 0', async () => {
    const result = await berth(['--version']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim()).toBe(appPackage.version);
  });

  it('keeps Chromium’s state away from the window’s, which may be running at the same time', async () => {
    rmSync(path.join(work, 'paths.log'), { force: true });
    const result = await berth(['ref', 'nginx']);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(path.join(work, 'paths.log'), 'utf8')).toBe(
      `userData=${path.join(work, 'app-data', 'Berth CLI')}\n`,
    );
  });

  it('runs a command with its arguments and output', async () => {
    const result = await berth(['ref', 'nginx', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ registry: 'docker.io', repository: 'library/nginx' });
  });

  it('exits with the CLI’s code 1 and its two lines when a command fails', async () => {
    const result = await berth(['ref', 'Bad::ref']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^berth: invalid reference .*\nhint: .*\n$/);
    expect(result.stderr).not.toContain('stand-in electron');
  });

  it('ends with 130 on Ctrl-C while a command waits, as Node does', async () => {
    const child = spawn(command, ['tags', `${silent.host}/team/app`], { env: standInEnv(), stdio: 'pipe' });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = Date.now() + 30_000;
    while (silent.accepted() === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(silent.accepted(), stderr).toBeGreaterThan(0);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code, stderr).toBe(130);
  });

  it('hands Ctrl-C to a command that watches for it: a copy cancels and says so, as under Node', async () => {
    const before = silent.accepted();
    const child = spawn(command, ['cp', `${silent.host}/team/app:1`, `${silent.host}/team/copy:1`], {
      env: standInEnv(),
      stdio: 'pipe',
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = Date.now() + 30_000;
    while (silent.accepted() === before && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(silent.accepted(), stderr).toBeGreaterThan(before);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(stderr).toContain('cancelling…');
    expect(stderr).toMatch(/^berth: copy .*: cancelled\nhint: /m);
    expect(code, stderr).toBe(1);
  });

  it('without the switch, takes the window’s path (the lock, ready), which the stand-in refuses', async () => {
    const result = await runCommand(
      process.execPath,
      [
        '--import',
        path.join(work, 'stand-in', 'hooks', 'register.mjs'),
        path.join(appDir, 'dist/electron/app/main.js'),
      ],
      {
        env: standInEnv(),
        allowFailure: true,
      },
    );
    expect(result.code).toBe(STAND_IN_REFUSED);
    expect(result.stderr).toMatch(
      /^stand-in electron: (protocol\.registerSchemesAsPrivileged|app\.\w+) was called/,
    );
  });
});
