// The switch the `berth` launcher (build/cli/berth, berth.cmd) starts the app's binary with: what
// follows it is a `berth` command line. Apart from cli-mode.ts, which needs Electron, so tests can read it.
export const CLI_SWITCH = '--berth-cli';

/** The command's arguments when the app was started as `berth`, or undefined for the window. */
export function cliModeArguments(argv: readonly string[]): string[] | undefined {
  const at = argv.indexOf(CLI_SWITCH);
  return at === -1 ? undefined : argv.slice(at + 1);
}
