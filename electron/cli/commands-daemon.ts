import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import {
  applyDaemonFile,
  CHANGED_EXIT_CODE,
  checkDockerdFile,
  ConcurrentChangeError,
  checkEntries,
  EXPLANATIONS,
  listBackups,
  loadDaemonConfig,
  locateDaemonConfig,
  learnEngine,
  notesForAdding,
  parseCidr,
  planEdit,
  readBackup,
  restoreBackup,
  testMirror,
  writeDaemonConfig,
  type EditOperation,
  type FileCheck,
  type LearntEngine,
  type WriteOutcome,
} from '../core/daemon-config/index.js';
import { BerthError } from '../core/errors.js';
import { shellQuote } from '../core/doctor/index.js';
import type { CliContext, GlobalOptions } from './context.js';
import { printErrorLine, printJson, printLine, printOneLine, printText, reportFailure } from './output.js';
import { confirmUnlessYes } from './prompt.js';

type Run = (
  action: (ctx: CliContext, options: GlobalOptions) => Promise<void>,
  options: GlobalOptions,
) => Promise<void>;

export interface DaemonOptions extends GlobalOptions {
  file?: string;
  yes?: boolean;
  engine?: string;
  pidFile?: string;
}

/** The engine's unix socket: --engine, DOCKER_HOST, or the default. */
export function socketPath(options: DaemonOptions): string {
  const host = options.engine ?? process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  if (!host.startsWith('unix://'))
    throw new BerthError(
      'INVALID_INPUT',
      `berth daemon talks to a local engine over its unix socket, not ${host}`,
    );
  return host.slice('unix://'.length);
}

/**
 * The running engine's rule generation (modern when it cannot be asked), its version and its command
 * line, as far as Berth can learn them.
 */
async function engineFor(options: DaemonOptions): Promise<LearntEngine> {
  let socket: string;
  try {
    socket = socketPath(options);
  } catch (error) {
    return learnEngine(undefined, { problem: (error as Error).message });
  }
  return learnEngine(socket, { pidFile: options.pidFile });
}

/** The whole-file verdict in lines: what dockerd would refuse, or what was checked and what was not. */
function describeCheck(check: FileCheck, refusedEntries: string[] = []): string[] {
  // The registry lists are checked entry by entry (checkEntries): a refused entry refuses the file too.
  const problems = [...check.problems, ...refusedEntries];
  if (problems.length)
    return [`${check.checkedAgainst} would refuse this file:`, ...problems.map((problem) => `  ${problem}`)];
  return [
    `${check.checkedAgainst}: no problem found in the keys, their types and the registry lists (dockerd checks other values as it starts)`,
    ...check.unchecked.map((item) => `  not checked: ${item}`),
    ...check.notes.map((note) => `note: ${note}`),
  ];
}

/**
 * One entry's verdict and its reason, for its line in `daemon show` (`--json` carries the same as `ok`,
 * `value`, `warning`, `reason`): what dockerd refuses, or what it reads the entry as and what it covers.
 */
export function describeEntry(
  key: 'insecure-registries' | 'registry-mirrors',
  verdict: { entry: string } & (
    { ok: true; value: string; warning?: string } | { ok: false; reason: string }
  ),
): string {
  if (!verdict.ok) return `INVALID: dockerd refuses it: ${verdict.reason}`;
  const { value } = verdict;
  // A warning says how dockerd reads an entry it rewrites (a scheme dropped); else say it here.
  const reads = value !== verdict.entry && !verdict.warning ? `dockerd reads ${value}; ` : '';
  const warning = verdict.warning ? ` (${verdict.warning})` : '';
  if (key === 'registry-mirrors') return `ok: ${reads}Docker Hub pulls try this mirror first${warning}`;
  const notes = notesForAdding(key, value);
  const covers = parseCidr(value)
    ? `every registry whose address is in ${value} may use plain HTTP or an unverified certificate`
    : `${value} may use plain HTTP or an unverified certificate`;
  return `ok: ${reads}${covers}${warning}${notes.length ? ` — ${notes.join(' ')}` : ''}`;
}

export function fileFor(options: DaemonOptions): string {
  return options.file ?? locateDaemonConfig().file;
}

/** Runs an elevation plan (pkexec / osascript / an elevated PowerShell); the user answers its prompt. */
function runElevated(file: string, outcome: Extract<WriteOutcome, { written: false }>): Promise<void> {
  const [command, ...args] = outcome.needsElevation.command as [string, ...string[]];
  printErrorLine(outcome.needsElevation.explanation);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('error', (error) =>
      reject(
        new BerthError('CONFIG', `could not run ${command}: ${error.message}`, {
          hint: `Copy ${outcome.stagedFile} over the file as an administrator.`,
        }),
      ),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : code === CHANGED_EXIT_CODE
          ? reject(new ConcurrentChangeError(file))
          : reject(
              new BerthError(
                'CONFIG',
                `${command} was refused or failed (exit ${code}); nothing was written`,
                {
                  hint: `The new content is in ${outcome.stagedFile}.`,
                },
              ),
            ),
    );
  });
}

export async function edit(operation: EditOperation, options: DaemonOptions): Promise<void> {
  const loaded = await loadDaemonConfig(fileFor(options));
  const engine = await engineFor(options);
  const plan = planEdit(loaded, operation, engine.rules);
  for (const note of plan.notes) printLine(`note: ${note}`);
  if (!plan.changed) return printLine(`${loaded.file}: nothing to change.`);
  // The list may be right and the file still one dockerd will not start with: say so before writing.
  const check = checkDockerdFile(loaded.document.bom ? `\uFEFF${plan.text}` : plan.text, engine.facts);
  if (check.problems.length)
    throw new BerthError(
      'INVALID_INPUT',
      `not written: ${check.checkedAgainst} would refuse ${loaded.file}: ${check.problems.join('; ')}`,
      { hint: 'Fix those settings by hand (or in the Raw JSON tab of the app), then run this again.' },
    );
  printText(plan.diff);
  if (!(await confirmUnlessYes(`Write ${loaded.file}?`, options.yes))) {
    throw new BerthError('CANCELLED', `not written: nobody confirmed the change to ${loaded.file}`, {
      hint: 'Answer y at the prompt, or add --yes when there is no terminal to ask on.',
    });
  }
  const outcome = await writeDaemonConfig(loaded, plan.text);
  if (!outcome.written) await runElevated(loaded.file, outcome);
  printLine(
    `Wrote ${loaded.file}${outcome.backup ? ` (backup: ${outcome.backup})` : ''}. Run \`berth daemon apply${options.file ? ` --file ${shellQuote(options.file)}` : ''}\` to make dockerd use it.`,
  );
}

export function registerDaemonCommands(program: Command, run: Run): void {
  const daemon = program
    .command('daemon')
    .description("the local Docker daemon's registry settings (daemon.json)");
  const common = (command: Command) =>
    command
      .option('--file <path>', 'daemon.json to use instead of the detected one')
      .option(
        '--engine <unix-socket>',
        'engine to check against (default: DOCKER_HOST or /var/run/docker.sock)',
      );

  common(daemon.command('show'))
    .description('show insecure registries and mirrors, with what dockerd thinks of each')
    .option('--json', 'machine-readable output')
    .action(async (options: DaemonOptions) =>
      run(async () => {
        const file = fileFor(options);
        const loaded = await loadDaemonConfig(file);
        const { rules, facts } = await engineFor(options);
        // A missing file is no configuration at all, which dockerd starts with.
        const text = loaded.exists ? `${loaded.document.bom ? '\uFEFF' : ''}${loaded.document.text}` : '{}';
        const check = checkDockerdFile(text, facts);
        const entries = checkEntries(loaded, rules).map(({ key, entry, verdict }) => ({
          key,
          entry,
          ...verdict,
        }));
        const backups = await listBackups(file);
        if (options.json) {
          return printJson({
            file,
            exists: loaded.exists,
            rules,
            insecureRegistries: loaded.document.insecureRegistries,
            registryMirrors: loaded.document.registryMirrors,
            entries,
            check,
            backups,
          });
        }
        const refused = entries.flatMap((row) => (row.ok ? [] : [`${row.key}: ${row.reason}`]));
        for (const line of describeCheck(check, refused)) printOneLine(line);
        printLine(`File: ${file}${loaded.exists ? '' : ' (does not exist: empty configuration)'}`);
        for (const key of ['insecure-registries', 'registry-mirrors'] as const) {
          printLine(`${key}:`);
          const rows = entries.filter((e) => e.key === key);
          if (!rows.length) printLine('  (none)');
          for (const row of rows) printOneLine(`  ${row.entry}  ${describeEntry(key, row)}`);
        }
        printLine(`note: ${EXPLANATIONS.mirrors}`);
        printLine(`note: ${EXPLANATIONS.loopback}`);
        if (backups.length) printLine(`Backups: ${backups.length} (newest ${backups[0]})`);
      }, options),
    );

  for (const [name, action, key, what] of [
    ['add-insecure', 'add', 'insecure-registries', 'HOST[:PORT] or CIDR'],
    ['remove-insecure', 'remove', 'insecure-registries', 'HOST[:PORT] or CIDR'],
    ['add-mirror', 'add', 'registry-mirrors', 'URL'],
    ['remove-mirror', 'remove', 'registry-mirrors', 'URL'],
  ] as const) {
    common(daemon.command(name))
      .description(
        `${action} ${key === 'registry-mirrors' ? 'a registry mirror' : 'an insecure registry'} (shows the diff, then asks)`,
      )
      .argument('<value>', what)
      .option('-y, --yes', 'write without asking')
      .action(async (value: string, options: DaemonOptions) =>
        run(() => edit({ action, key, value }, options), options),
      );
  }

  common(daemon.command('apply'))
    .description('make the running dockerd reload daemon.json (SIGHUP) and check what it reports')
    .option('--pid-file <path>', "dockerd's pid file (default /var/run/docker.pid)")
    .option('--json', 'machine-readable output')
    .action(async (options: DaemonOptions) =>
      run(async () => {
        const { appHint: _appHint, ...result } = await applyDaemonFile(
          fileFor(options),
          socketPath(options),
          {
            pidFile: options.pidFile,
          },
        );
        if (options.json) printJson(result);
        else {
          for (const difference of result.differences) printLine(`  differs: ${difference}`);
          if (result.applied) printLine(result.message);
        }
        if (!result.applied)
          reportFailure(result.message, result.hint ?? 'Restart dockerd to make it read the file.');
      }, options),
    );

  common(daemon.command('test-mirrors'))
    .description('check each mirror: name, connection, TLS, /v2/ answer, latency')
    .option('--json', 'machine-readable output')
    .action(async (options: DaemonOptions) =>
      run(async () => {
        const loaded = await loadDaemonConfig(fileFor(options));
        const checks = await Promise.all(loaded.document.registryMirrors.map((url) => testMirror(url)));
        // With --json too, a failed mirror is a failed report: exit 1 and berth:/hint: on stderr, as doctor.
        if (options.json) printJson(checks);
        else if (!checks.length) return printLine('No registry mirrors configured.');
        else
          for (const check of checks) {
            printOneLine(
              `${check.ok ? 'ok  ' : 'FAIL'} ${check.url}  ${check.latencyMs ?? '-'} ms  ${check.tls}${check.apiVersion ? `  ${check.apiVersion}` : ''}${check.problem ? `  — ${check.problem}` : ''}`,
            );
            if (check.hint) printOneLine(`     hint: ${check.hint}`);
          }
        const failed = checks.filter((c) => !c.ok);
        if (failed.length)
          reportFailure(
            `${failed.length} of ${checks.length} mirrors failed the check (${failed.map((c) => c.url).join(', ')})`,
            failed.length === 1 && failed[0]!.hint
              ? failed[0]!.hint
              : 'Each FAIL line says why; fix or remove those mirrors (berth daemon remove-mirror URL).',
          );
      }, options),
    );

  common(daemon.command('restore'))
    .description('put a backup of daemon.json back (the current file is backed up first)')
    .argument('<backup>', 'a backup file (see berth daemon show)')
    .option('-y, --yes', 'restore without asking')
    .action(async (backup: string, options: DaemonOptions) =>
      run(async () => {
        const file = fileFor(options);
        // A backup that is missing or not JSON is refused before anyone is asked to confirm it.
        await readBackup(backup);
        if (!(await confirmUnlessYes(`Replace ${file} with ${backup}?`, options.yes))) {
          throw new BerthError('CANCELLED', `not restored: nobody confirmed replacing ${file}`, {
            hint: 'Answer y at the prompt, or add --yes when there is no terminal to ask on.',
          });
        }
        const outcome = await restoreBackup(file, backup);
        if (!outcome.written) await runElevated(file, outcome);
        printLine(
          `Restored ${file} from ${backup}${outcome.backup ? ` (the replaced file is in ${outcome.backup})` : ''}.`,
        );
      }, options),
    );
}
