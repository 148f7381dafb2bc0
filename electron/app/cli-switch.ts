// The switch the `berth` launcher (build/cli/berth, berth.cmd) starts the app's binary with: what
// follows it is a `berth` command line. Apart from cli-mode.ts, which needs Electron, so tests can read it.
export const CLI_SWITCH = '--berth-cli';

/** Ends the switches: what follows is never read by Chromium, Electron or Node as one of theirs. */
const END_OF_SWITCHES = '--';

/**
 * The command's arguments when the app was started as `berth`, or undefined for the window. `args` is the
 * command line after the executable (and after the app's path when Electron runs an unpackaged app).
 *
 * The switch counts only among the leading switches: a file or URL the OS hands the app (the desktop
 * entry's %U, a protocol link, Electron's recommended `--` before it) is an argument, and nothing after
 * the first argument or `--` starts the CLI mode. The launchers put `--` right after the switch, so the
 * command's own arguments (`--gpu-launcher=…` typed as a tag) are never taken for Chromium's switches;
 * that `--` is not the command's.
 */
export function cliModeArguments(args: readonly string[]): string[] | undefined {
  for (const [index, arg] of args.entries()) {
    if (arg === CLI_SWITCH) return args.slice(args[index + 1] === END_OF_SWITCHES ? index + 2 : index + 1);
    if (arg === END_OF_SWITCHES || !arg.startsWith('-')) return undefined;
  }
  return undefined;
}
