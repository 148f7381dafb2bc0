import type { Command } from 'commander';
import { loadDaemonConfig, locateDaemonConfig } from '../core/daemon-config/index.js';
import { diagnose, NOT_CHECKED, type DaemonView, type Diagnosis, type Step } from '../core/doctor/index.js';
import type { CliContext, GlobalOptions } from './context.js';
import { printJson, printLine } from './output.js';

type Run = (
  action: (ctx: CliContext, options: GlobalOptions) => Promise<void>,
  options: GlobalOptions,
) => Promise<void>;

interface DoctorOptions extends GlobalOptions {
  file?: string;
  certsD?: string;
  timeout?: string;
}

const MARKS: Record<Step['status'], string> = { ok: '✓', warn: '!', fail: '✗', skipped: '-' };

async function daemonView(file: string): Promise<DaemonView | undefined> {
  try {
    const loaded = await loadDaemonConfig(file);
    return {
      file: loaded.file,
      insecureRegistries: loaded.document.insecureRegistries,
      registryMirrors: loaded.document.registryMirrors,
    };
  } catch {
    return undefined;
  }
}

function printChecklist(diagnosis: Diagnosis): void {
  printLine(`Diagnosing ${diagnosis.scheme}://${diagnosis.host}`);
  for (const step of diagnosis.steps) {
    if (step.status === 'skipped' && step.detail === NOT_CHECKED) {
      printLine(`${MARKS.skipped} ${step.title}: not checked`);
      continue;
    }
    const time = step.status === 'skipped' ? '' : ` (${step.ms} ms)`;
    printLine(`${MARKS[step.status]} ${step.title}${time}`);
    if (step.detail) printLine(`    ${step.detail}`);
    if (step.fix && step.status !== 'ok') printLine(`    fix: ${step.fix.text}`);
  }
  const failed = diagnosis.steps.find((step) => step.status === 'fail');
  printLine(failed ? `\nFirst broken step: ${failed.title}.` : '\nNo broken step.');
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
    .option('--json', 'machine-readable output')
    .action(async (input: string, options: DoctorOptions) =>
      run(async (ctx) => {
        const scheme = /^https?:\/\//i.exec(input)?.[0] ?? '';
        const host = ctx.resolveHost(input);
        const connection = await ctx.connectionFor(host);
        const diagnosis = await diagnose(scheme ? `${scheme}${host}` : host, {
          connection,
          daemon: await daemonView(options.file ?? locateDaemonConfig().file),
          certsDRoot: options.certsD,
          timeoutMs: Number(options.timeout) || 5000,
        });
        if (options.json) printJson(diagnosis);
        else printChecklist(diagnosis);
        if (!diagnosis.ok) process.exitCode = 1;
      }, options),
    );
}
