import type { Command } from 'commander';
import {
  diagnoseRegistry,
  fixRegistry,
  NOT_CHECKED,
  type Diagnosis,
  type FixOutcome,
  type Step,
} from '../core/doctor/index.js';
import type { Run } from './commands-registry.js';
import type { CliContext, GlobalOptions } from './context.js';
import { checkRegistryArgument, checkWholeNumber } from './validate.js';
import { printJson, printLine, printOneLine, reportFailure } from './output.js';
import { confirmUnlessYes } from './prompt.js';

interface DoctorOptions extends GlobalOptions {
  file?: string;
  certsD?: string;
  timeout?: string;
  fix?: boolean;
  yes?: boolean;
}

const MARKS: Record<Step['status'], string> = { ok: '✓', warn: '!', fail: '✗', skipped: '-' };

function printChecklist(diagnosis: Diagnosis): void {
  printLine(`Diagnosing ${diagnosis.scheme}://${diagnosis.host}`);
  for (const step of diagnosis.steps) {
    if (step.status === 'skipped' && step.detail === NOT_CHECKED) {
      printLine(`${MARKS.skipped} ${step.title}: not checked`);
      continue;
    }
    const time = step.status === 'skipped' ? '' : ` (${step.ms} ms)`;
    printLine(`${MARKS[step.status]} ${step.title}${time}`);
    // A detail quotes the registry: a line break in it must not forge a "fix:" line.
    if (step.detail) printOneLine(`    ${step.detail}`);
    if (step.fix && step.status !== 'ok') printOneLine(`    fix: ${step.fix.text}`);
  }
  const failed = diagnosis.steps.find((step) => step.status === 'fail');
  printLine(failed ? `\nFirst broken step: ${failed.title}.` : '\nNo broken step.');
}

/**
 * `--fix`: the first failing (else warning) step's fix, applied after a confirmation. What Berth may not write itself
 * is printed as a command to run as an administrator; it is never run from here.
 */
async function fixFirstBroken(
  ctx: CliContext,
  diagnosis: Diagnosis,
  input: string,
  options: DoctorOptions,
): Promise<FixOutcome | undefined> {
  const say = (line: string) => (options.json ? undefined : printLine(line));
  // A warning with a fix counts too: an insecure-registries entry without the port only works by luck.
  const broken =
    diagnosis.steps.find((step) => step.status === 'fail') ??
    diagnosis.steps.find((step) => step.status === 'warn' && step.fix?.action);
  if (!broken) {
    say('\nNothing to fix.');
    return undefined;
  }
  const fix = broken.fix;
  if (!fix?.action) {
    say(`\nBerth cannot fix "${broken.title}" itself: ${fix?.text ?? 'see above'}`);
    return undefined;
  }
  if (!(await confirmUnlessYes(`Apply the fix for "${broken.title}": ${fix.text}?`, options.yes))) {
    say('\nNothing changed (pass --yes to apply without asking).');
    return undefined;
  }
  const outcome = await fixRegistry(ctx, fix, {
    host: diagnosis.host,
    connection: ctx.settings.get(input)?.name,
    daemonConfigFile: options.file,
    certsDRoot: options.certsD,
  });
  say(`\n${outcome.done ? 'Fixed' : 'Not fixed'}: ${outcome.message}`);
  if (outcome.elevation) say(`${outcome.elevation.explanation}\n    ${outcome.elevation.command}`);
  if (outcome.done) say(`Run berth doctor ${input} again to check the next step.`);
  return outcome;
}

/** The first broken step as an error: what failed and its fix (the checklist above has every step). */
function doctorFailure(diagnosis: Diagnosis): [string, string] {
  const step = diagnosis.steps.find((s) => s.status === 'fail');
  if (!step)
    return [`${diagnosis.host}: the diagnosis failed`, 'The checklist above says which step and why.'];
  return [
    `${diagnosis.host}: ${step.title} failed${step.detail ? ` — ${step.detail}` : ''}`,
    step.fix?.text ?? 'The checklist above says what Berth saw at that step.',
  ];
}

export function registerDoctorCommand(program: Command, run: Run): void {
  program
    .command('doctor')
    .description('walk the path a pull takes to a registry and stop at the first broken step, with the fix')
    .argument('<host>', 'HOST[:PORT], a saved connection name, or http(s)://HOST[:PORT]')
    .option('--file <path>', 'daemon.json to judge instead of the detected one')
    .option('--certs-d <dir>', "Docker's certs.d folder (default /etc/docker/certs.d)")
    .option('--timeout <ms>', 'per network step', '5000')
    .option('--username <user>', 'check this user instead of the saved credential')
    .option('--password-stdin', 'read the password or access token from standard input')
    .option('--fix', "apply the first failing step's fix (asks first)")
    .option('-y, --yes', 'with --fix: apply without asking')
    .option('--json', 'machine-readable output')
    .action(async (input: string, options: DoctorOptions) =>
      run(
        async (ctx) => {
          const scheme = /^https?:\/\//i.exec(input)?.[0] ?? '';
          const host = ctx.resolveHost(input);
          const diagnosis = await diagnoseRegistry(ctx, scheme ? `${scheme}${host}` : host, {
            daemonConfigFile: options.file,
            certsDRoot: options.certsD,
            timeoutMs: Number(options.timeout),
          });
          if (!options.json) printChecklist(diagnosis);
          const fixed = options.fix ? await fixFirstBroken(ctx, diagnosis, input, options) : undefined;
          if (options.json) printJson(fixed ? { ...diagnosis, fix: fixed } : diagnosis);
          if (!diagnosis.ok && !fixed?.done) reportFailure(...doctorFailure(diagnosis));
        },
        options,
        () => {
          checkRegistryArgument(input);
          checkWholeNumber('--timeout', options.timeout ?? '5000', 100, 600_000);
        },
      ),
    );
}
