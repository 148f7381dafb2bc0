// Output that cannot be written (a closed pipe, a full disk), in a module of its own: `berth --version`
// sets it up without loading the rest of the output code.

/**
 * What happens when the output cannot be written. A reader that stops early (`berth tags r | head -1`)
 * closes the pipe: that is the reader's choice, so the command stops quietly with 0, as most CLIs do
 * (Node ignores SIGPIPE, so without this the write's EPIPE ends the run with a stack trace, and in the
 * app's CLI mode with Electron's error dialog). Any other failure (a full disk) is the command's: one
 * `berth:` line and 1. Set once per process, however many times runCli runs in it.
 */
export function stopOnUnwritableOutput(): void {
  if (process.stdout.listeners('error').includes(onOutputError)) return;
  process.stdout.on('error', onOutputError);
  // Nothing can be said about stderr failing, and the command's work and exit code stand without it.
  process.stderr.on('error', () => undefined);
}

function onOutputError(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(0);
  process.stderr.write(`berth: cannot write the output: ${error.message}\nhint: ${OUTPUT_HINT}\n`);
  process.exit(1);
}

const OUTPUT_HINT = 'Check where the output goes (a full disk, a closed terminal), or send it elsewhere.';
