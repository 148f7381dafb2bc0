// The app's binary as the `berth` command: the launcher (build/cli/berth, berth.cmd) starts it with
// CLI_SWITCH (cli-switch.ts) and the command's arguments, and main.ts hands them here before any window,
// lock or `ready` work. The fuses keep RunAsNode off, so this is how the packaged app runs the CLI: as itself.
import path from 'node:path';
import { app } from 'electron';

/** Where the CLI mode's Chromium keeps its state: beside the window's, not in it. */
export const CLI_MODE_USER_DATA = 'Berth CLI';

/** Waits until what was written to a stream has been handed to the OS, so a pipe gets every line. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

/**
 * Runs one command line and exits with its code, as `npx berth` does. Ctrl-C: a command that watches
 * for it (a transfer cancels) gets it; otherwise the process ends as Node's would, with 130, rather
 * than by Electron's own SIGINT handling (a graceful quit with code 0).
 */
export function runCliMode(args: string[]): void {
  app.dock?.hide();
  // Chromium keeps state of its own in userData (Preferences, Local State, GPU and code caches) and
  // expects one browser process to own it; the window's process, often open at the same time, does.
  // Berth's settings and logins do not live there for the CLI (settings/paths.ts), so nothing is lost.
  app.setPath('userData', path.join(app.getPath('appData'), CLI_MODE_USER_DATA));
  const onInterrupt = () => {
    if (process.listenerCount('SIGINT') === 1) app.exit(130);
  };
  process.on('SIGINT', onInterrupt);
  // Once its message loop runs, Electron takes SIGINT (and SIGTERM, SIGHUP) from Node: its own handler
  // (shell/browser/electron_browser_main_parts_posix.cc) calls app.quit(), and the process.on('SIGINT')
  // listeners never hear it. The quit is stopped and handed to them as the SIGINT Node would have
  // delivered. Electron's handler is one-shot (it restores the default), so a second Ctrl-C kills the
  // process as the signal does (130 in the shell).
  app.on('before-quit', (event) => {
    event.preventDefault();
    process.emit('SIGINT', 'SIGINT');
  });
  const finish = (code: number) =>
    void Promise.all([flushed(process.stdout), flushed(process.stderr)]).then(() => app.exit(code));
  import('../cli/program.js')
    .then((cli) => cli.runCli([process.execPath, 'berth', ...args]))
    .then(
      () => finish(typeof process.exitCode === 'number' ? process.exitCode : 0),
      (error: unknown) => {
        process.stderr.write(
          `berth: ${error instanceof Error ? error.message : String(error)}\n` +
            'hint: Berth did not expect this error: please report it with the command that caused it.\n',
        );
        finish(1);
      },
    );
}
