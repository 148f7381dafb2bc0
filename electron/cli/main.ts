#!/usr/bin/env node
import { Command } from 'commander';
import { registerCopyCommands } from './commands-copy.js';
import { registerDaemonCommands } from './commands-daemon.js';
import { registerDockerCommands } from './commands-docker.js';
import { registerDoctorCommand } from './commands-doctor.js';
import { registerImageCommands, registerRateLimitCommand } from './commands-images.js';
import { registerRegistryCommands } from './commands-registry.js';
import { registerServerCommands } from './commands-server.js';
import { CliContext, type GlobalOptions } from './context.js';
import { reportError } from './output.js';
import { TIMEOUT_VARIABLE, timeoutsFromSeconds } from '../core/registry/index.js';

async function run(
  action: (ctx: CliContext, options: GlobalOptions) => Promise<void>,
  options: GlobalOptions,
): Promise<void> {
  let ctx: CliContext | undefined;
  try {
    ctx = new CliContext();
    await ctx.useCredentials(options);
    await action(ctx, options);
  } catch (error) {
    reportError(error, options.json === true);
  } finally {
    await ctx?.close();
  }
}

const program = new Command('berth')
  .description('Berth: browse, inspect, retag and delete images on container registries')
  .version('0.1.0')
  .option(
    '--timeout <seconds>',
    `network timeout for every registry (connect, answer, silence in a transfer; default 15/30/30 s; also ${TIMEOUT_VARIABLE})`,
  )
  .showHelpAfterError()
  // `berth --timeout 60 tags …` is the global flag; after a subcommand, `--timeout` is that command's own
  // (`registry add --timeout` saves it with the connection, `doctor --timeout` is per step).
  .enablePositionalOptions();

// The registry clients read BERTH_TIMEOUT; the flag wins over the environment. Checked before anything runs.
program.hook('preAction', () => {
  const { timeout } = program.opts<{ timeout?: string }>();
  if (timeout === undefined) return;
  try {
    timeoutsFromSeconds(timeout, '--timeout');
  } catch (error) {
    reportError(error, process.argv.includes('--json'));
    process.exit(1);
  }
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

await program.parseAsync(process.argv);
