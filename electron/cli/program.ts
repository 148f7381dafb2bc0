import { Command } from 'commander';
import type { Run } from './commands-registry.js';
import type { CliContext, GlobalOptions } from './context.js';
import { forTerminal, reportError, stopOnUnwritableOutput } from './output.js';
import { TIMEOUT_VARIABLE, timeoutsFromSeconds } from '../core/registry/index.js';
import { berthVersion } from './version.js';

type Register = (program: Command, run: Run) => void;

/**
 * The command groups in the order their help lists them, each with the top-level commands it defines and
 * a loader: a command line loads only its own group's module (and what that imports), so `berth
 * --version` loads no registry client and `berth tags` no daemon.json editor. The names are checked
 * against what each module really registers (test/unit/cli-command-groups.test.ts).
 */
export const COMMAND_GROUPS: { names: string[]; load: () => Promise<Register> }[] = [
  {
    names: ['registry', 'login', 'logout'],
    load: async () => (await import('./commands-registry.js')).registerRegistryCommands,
  },
  {
    names: ['ref', 'repos', 'tags', 'inspect', 'tag', 'rm', 'ratelimit'],
    load: async () => {
      const images = await import('./commands-images.js');
      return (program, run) => {
        images.registerImageCommands(program, run);
        images.registerRateLimitCommand(program, run);
      };
    },
  },
  { names: ['cp', 'sync'], load: async () => (await import('./commands-copy.js')).registerCopyCommands },
  { names: ['daemon'], load: async () => (await import('./commands-daemon.js')).registerDaemonCommands },
  {
    names: ['engine', 'images', 'pull', 'push'],
    load: async () => (await import('./commands-docker.js')).registerDockerCommands,
  },
  { names: ['doctor'], load: async () => (await import('./commands-doctor.js')).registerDoctorCommand },
  { names: ['server'], load: async () => (await import('./commands-server.js')).registerServerCommands },
  { names: ['search'], load: async () => (await import('./commands-search.js')).registerSearchCommand },
  { names: ['prune'], load: async () => (await import('./commands-prune.js')).registerPruneCommand },
  { names: ['du'], load: async () => (await import('./commands-du.js')).registerDuCommand },
  { names: ['save'], load: async () => (await import('./commands-save.js')).registerSaveCommand },
  { names: ['load'], load: async () => (await import('./commands-load.js')).registerLoadCommand },
];

/**
 * The command typed (the first word after berth's own options), or undefined when there is none. Only
 * `--timeout` of berth's own options takes a value; with positional options, nothing else precedes it.
 */
export function commandWord(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') return args[i + 1];
    if (arg === '--timeout') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/**
 * The groups a command line needs: its command's group; none for `berth --version`; every group for
 * help, a typo (commander suggests the nearest name) or anything else, so what is printed never changes.
 */
export function groupsFor(args: string[]): typeof COMMAND_GROUPS {
  const word = commandWord(args);
  const isHelp = (arg: string) => arg === '--help' || arg === '-h';
  if (word === undefined) {
    const wantsHelp = args.some(isHelp);
    const onlyVersion = !wantsHelp && args.some((arg) => arg === '--version' || arg === '-V');
    return onlyVersion ? [] : COMMAND_GROUPS;
  }
  // `berth --help tags` (help among berth's own options, before the command) prints berth's whole help,
  // which lists every command: a command's own help is `berth tags --help`.
  if (args.slice(0, args.indexOf(word)).some(isHelp)) return COMMAND_GROUPS;
  const own = COMMAND_GROUPS.find((group) => group.names.includes(word));
  return own ? [own] : COMMAND_GROUPS;
}

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
    const { checkUsername } = await import('./validate.js');
    checkUsername(options.username);
    check?.();
    const { CliContext } = await import('./context.js');
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

  const registers = await Promise.all(groupsFor(argv.slice(2)).map((group) => group.load()));
  for (const register of registers) register(program, run);
  usageHints(program);

  try {
    // Always `node script args…`: under Electron (the app's CLI mode) commander would otherwise guess
    // the layout from process.defaultApp, and take the command name for an argument.
    await program.parseAsync(argv, { from: 'node' });
  } catch (error) {
    reportError(error, argv.includes('--json'));
  }
}
