import { Command } from 'commander';
import { registerCopyCommands } from './commands-copy.js';
import { registerDaemonCommands } from './commands-daemon.js';
import { registerDockerCommands } from './commands-docker.js';
import { registerDoctorCommand } from './commands-doctor.js';
import { registerImageCommands, registerRateLimitCommand } from './commands-images.js';
import { registerRegistryCommands } from './commands-registry.js';
import { registerSearchCommand } from './commands-search.js';
import { registerServerCommands } from './commands-server.js';
import { CliContext, type GlobalOptions } from './context.js';
import { forTerminal, reportError, stopOnUnwritableOutput } from './output.js';
import { TIMEOUT_VARIABLE, timeoutsFromSeconds } from '../core/registry/index.js';
import { checkUsername } from './validate.js';
import { berthVersion } from './version.js';

/**
 * Runs one command: `check` first (what was typed, before stdin, the keychain or any registry is
 * touched), then the action with a context; any failure is one `berth:` line and exit code 1.
 */
async function run(
  action: (ctx: CliContext, options: GlobalOptions) => Promise<void>,
  options: GlobalOptions,
  check?: () => void,
): Promise<void> {
  let ctx: CliContext | undefined;
  try {
    checkUsername(options.username);
    check?.();
    ctx = new CliContext();
    await ctx.useCredentials(options);
    await action(ctx, options);
  } catch (error) {
    reportError(error, options.json === true);
  } finally {
    await ctx?.close();
  }
}

/**
 * A usage error (unknown command or option, missing argument) gets its `hint:` line from the command it
 * was typed at: where that command's own help is, rather than the whole help text.
 */
function usageHints(command: Command, names: string[] = []): void {
  const path = ['berth', ...names].join(' ');
  command.showHelpAfterError(
    command.commands.length
      ? `hint: ${path} --help lists the commands.`
      : `hint: ${path} --help shows its arguments and options.`,
  );
  // A group typed without its command (`berth daemon`) is a usage error too, not a help page on stderr.
  if (names.length && command.commands.length) {
    const choices = command.commands.map((sub) => sub.name()).join(', ');
    command
      .allowExcessArguments(true)
      .action((_options: unknown, self: Command) =>
        command.error(
          self.args.length
            ? `unknown command '${self.args[0]}' for ${path} (its commands: ${choices})`
            : `${path} needs one of its commands: ${choices}`,
        ),
      );
  }
  for (const sub of command.commands) usageHints(sub, [...names, sub.name()]);
}

/** Runs one `berth` command line; main.ts loads this after checking the Node version. */
export async function runCli(argv: string[]): Promise<void> {
  stopOnUnwritableOutput();
  const program = new Command('berth')
    .description('Berth: browse, inspect, retag and delete images on container registries')
    .version(berthVersion())
    .option(
      '--timeout <seconds>',
      `network timeout for every registry (connect, answer, silence in a transfer; default 15/30/30 s; also ${TIMEOUT_VARIABLE})`,
    )
    // `berth --timeout 60 tags …` is the global flag; after a subcommand, `--timeout` is that command's own
    // (`registry add --timeout` saves it with the connection, `doctor --timeout` is per step).
    .enablePositionalOptions()
    // Usage errors repeat what was typed: they go through the same filter as every other line.
    .configureOutput({
      writeOut: (text) => process.stdout.write(forTerminal(text)),
      writeErr: (text) => process.stderr.write(forTerminal(text)),
      // A usage error is an error like any other: `berth: …`, then the hint usageHints sets. Commander's
      // suggestion comes on a line of its own: it joins the one line, so stderr stays `berth:` + `hint:`.
      outputError: (text, write) =>
        write(
          `berth: ${text
            .replace(/^error: /, '')
            .replace(
              /\n\(Did you mean (.*)\?\)\n/,
              (_match, suggestion: string) => ` (did you mean ${suggestion}?)\n`,
            )}`,
        ),
    });

  // The registry clients read BERTH_TIMEOUT; the flag wins over the environment. A bad value throws here,
  // before any action runs, and is reported below like any other failure.
  program.hook('preAction', () => {
    const { timeout } = program.opts<{ timeout?: string }>();
    if (timeout === undefined) return;
    timeoutsFromSeconds(timeout, '--timeout');
    process.env[TIMEOUT_VARIABLE] = timeout;
  });

  registerRegistryCommands(program, run);
  registerImageCommands(program, run);
  registerRateLimitCommand(program, run);
  registerCopyCommands(program, run);
  registerDaemonCommands(program, run);
  registerDockerCommands(program, run);
  registerDoctorCommand(program, run);
  registerServerCommands(program, run);
  registerSearchCommand(program, run);
  usageHints(program);

  try {
    // Always `node script args…`: under Electron (the app's CLI mode) commander would otherwise guess
    // the layout from process.defaultApp, and take the command name for an argument.
    await program.parseAsync(argv, { from: 'node' });
  } catch (error) {
    reportError(error, argv.includes('--json'));
  }
}
