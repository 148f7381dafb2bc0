import type { Command } from 'commander';
import {
  diagnoseRegistry,
  fixAndRecheck,
  NOT_CHECKED,
  type DiagnoseOptions,
  type Diagnosis,
  type Fix,
  type FixOutcome,
  type Recheck,
  type Step,
} from '../core/doctor/index.js';
import { registryServers } from '../core/registry-server/index.js';
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

/**
 * For a server Berth runs, the certs.d and daemon.json chosen at `server create` (kept in its
 * server.json): the doctor judges and fixes Docker's view there unless told otherwise.
 */
async function keptDockerPaths(
  ctx: CliContext,
  input: string,
  options: DoctorOptions,
): Promise<DoctorOptions> {
  if (!ctx.settings.get(input)) return options;
  const kept = await registryServers(ctx)
    .spec(input)
    .then((spec) => spec.docker ?? {})
    .catch(() => ({}) as { certsDRoot?: string; daemonConfigFile?: string });
  return {
    ...options,
    certsD: options.certsD ?? kept.certsDRoot,
    file: options.file ?? kept.daemonConfigFile,
  };
}

/** A fix in the command line's words: a login names the command (the app offers its Log in button). */
function fixText(fix: Fix, host: string): string {
  return fix.action === 'login' ? `${fix.text.replace(/\.$/, '')}: berth login ${host}` : fix.text;
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
    if (step.fix && step.status !== 'ok') printOneLine(`    fix: ${fixText(step.fix, diagnosis.host)}`);
  }
  const failed = diagnosis.steps.find((step) => step.status === 'fail');
  printLine(failed ? `\nFirst broken step: ${failed.title}.` : '\nNo broken step.');
}

/** The line after a fix: what the run after it says about the step. */
function describeRecheck(recheck: Recheck, input: string, done: boolean): string[] {
  const lines = [
    recheck.passes
      ? `Checked again: "${recheck.title}" now passes${recheck.status === 'warn' ? ' (with a warning)' : ''}.`
      : recheck.status === 'skipped'
        ? `Checked again: "${recheck.title}" was not reached: "${recheck.broken?.title ?? 'an earlier step'}" fails first.`
        : `Checked again: "${recheck.title}" still ${recheck.status === 'fail' ? 'fails' : 'warns'}.`,
  ];
  // After a fix that was made the new finding says why it did not help; otherwise it is the one above.
  if (done && !recheck.passes && recheck.detail && recheck.status !== 'skipped')
    lines.push(`    ${recheck.detail}`);
  if (recheck.broken && recheck.broken.step !== recheck.step)
    lines.push(
      `Next broken step: "${recheck.broken.title}": ${recheck.broken.detail}`,
      `Run berth doctor ${input} --fix for it.`,
    );
  else if (recheck.ok) lines.push('No broken step now.');
  return lines;
}

/**
 * `--fix`: the first failing (else warning) step's fix, applied after a confirmation, then the doctor
 * runs again and says whether that step now passes. What Berth may not write itself is printed as a
 * command to run as an administrator; it is never run from here.
 */
async function fixFirstBroken(
  ctx: CliContext,
  diagnosis: Diagnosis,
  input: string,
  options: DoctorOptions,
  again: { target: string; options: DiagnoseOptions },
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
  const schemeGiven = /^(https?):\/\//i.exec(input)?.[1]?.toLowerCase() as 'http' | 'https' | undefined;
  const { appMessage: _appMessage, ...outcome } = await fixAndRecheck(ctx, fix, {
    host: diagnosis.host,
    connection: ctx.settings.get(input)?.name,
    daemonConfigFile: options.file,
    certsDRoot: options.certsD,
    schemeGiven,
    step: broken.id,
    target: again.target,
    diagnose: again.options,
  });
  say(`\n${outcome.done ? 'Fixed' : 'Not fixed'}: ${outcome.message}`);
  if (outcome.elevation) say(`${outcome.elevation.explanation}\n    ${outcome.elevation.command}`);
  // The lines quote the registry (a step's detail): a line break in them must not forge a line.
  if (!options.json)
    for (const line of describeRecheck(outcome.recheck, input, outcome.done)) printOneLine(line);
  return outcome;
}

/** The first broken step as an error: what failed and its fix (the checklist above has every step). */
function doctorFailure(diagnosis: Diagnosis): [string, string] {
  const step = diagnosis.steps.find((s) => s.status === 'fail');
  if (!step)
    return [`${diagnosis.host}: the diagnosis failed`, 'The checklist above says which step and why.'];
  return [
    `${diagnosis.host}: ${step.title} failed${step.detail ? ` — ${step.detail}` : ''}`,
    step.fix ? fixText(step.fix, diagnosis.host) : 'The checklist above says what Berth saw at that step.',
  ];
}

/** The closing `berth:` and `hint:` lines of a --fix that was refused, changed nothing, or did not help. */
function fixFailure(
  diagnosis: Diagnosis,
  fixed: { done: boolean; message: string; recheck?: Recheck; elevation?: { command: string } },
): [string, string] {
  // The hint is what to do instead, whole: with --json there are no lines above to point at.
  if (!fixed.done)
    return [
      `${diagnosis.host}: not fixed`,
      fixed.elevation ? `Run it as an administrator: ${fixed.elevation.command}` : fixed.message,
    ];
  const step = fixed.recheck?.title ?? 'the step';
  return [
    `${diagnosis.host}: the fix was made, but ${step} still ${fixed.recheck?.status === 'skipped' ? 'is not reached' : 'fails'} when checked again`,
    'The lines above say what Berth saw when it checked again; run berth doctor again for the next step.',
  ];
}

export function registerDoctorCommand(program: Command, run: Run): void {
  program
    .command('doctor')
    .description('walk the path a pull takes to a registry and stop at the first broken step, with the fix')
    .argument('<host>', 'HOST[:PORT], a saved connection name, or http(s)://HOST[:PORT]')
    .option('--file <path>', 'daemon.json to judge instead of the detected one')
    .option('--certs-d <dir>', "Docker's certs.d folder (default /etc/docker/certs.d)")
    .option('--timeout <ms>', 'per network step, in milliseconds', '5000')
    .option('--username <user>', 'check this user instead of the saved credential')
    .option('--password-stdin', 'read the password or access token from standard input')
    .option('--fix', "apply the first failing step's fix (asks first)")
    .option('-y, --yes', 'with --fix: apply without asking')
    .option('--json', 'machine-readable output')
    .action(async (input: string, given: DoctorOptions) =>
      run(
        async (ctx) => {
          const options = await keptDockerPaths(ctx, input, given);
          const scheme = /^https?:\/\//i.exec(input)?.[0] ?? '';
          const host = ctx.resolveHost(input);
          const target = scheme ? `${scheme}${host}` : host;
          const diagnoseOptions: DiagnoseOptions = {
            daemonConfigFile: options.file,
            certsDRoot: options.certsD,
            timeoutMs: Number(options.timeout),
          };
          const diagnosis = await diagnoseRegistry(ctx, target, diagnoseOptions);
          if (!options.json) printChecklist(diagnosis);
          const fixed = options.fix
            ? await fixFirstBroken(ctx, diagnosis, input, options, { target, options: diagnoseOptions })
            : undefined;
          if (options.json) printJson(fixed ? { ...diagnosis, fix: fixed } : diagnosis);
          // A fix counts when it was made and its step passes when checked again.
          const isFixed = fixed?.done === true && fixed.recheck?.passes === true;
          if (fixed ? isFixed : diagnosis.ok) return;
          reportFailure(...(fixed ? fixFailure(diagnosis, fixed) : doctorFailure(diagnosis)));
        },
        given,
        () => {
          checkRegistryArgument(input);
          // Milliseconds, where berth's own --timeout (before the command) takes seconds: `--timeout 30`
          // is someone who meant 30 s, and the hint says how to write that.
          const timeout = given.timeout ?? '5000';
          const seconds = /^\d+$/.test(timeout.trim()) ? Number(timeout) : 30;
          checkWholeNumber(
            '--timeout',
            timeout,
            100,
            600_000,
            `doctor's --timeout is in milliseconds per step: --timeout ${Math.min(seconds * 1000, 600_000)} waits ${Math.min(seconds, 600)} s.`,
          );
        },
      ),
    );
}
