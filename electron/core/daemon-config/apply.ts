import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { DaemonApplyResult } from '../../../shared/contract/index.js';
import { checkDockerdFile, type EngineFacts } from './check-file.js';
import { INSECURE_KEY, MIRRORS_KEY, serialize } from './document.js';
import type { LiveRegistryConfig } from './engine-info.js';
import type { LoadedConfig } from './file.js';
import type { DaemonFlavour } from './locate.js';
import { parseCidr, validateInsecureRegistry, validateMirror, type Rules } from './validate.js';

export interface ApplyTarget {
  flavour: DaemonFlavour;
  /** dockerd's pid file (default /var/run/docker.pid). */
  pidFile?: string;
  /** Reads the running engine's registry settings. */
  readLive: () => Promise<LiveRegistryConfig>;
  /** Its version and command line, to say why a reload did not take (see check-file.ts). */
  engine?: EngineFacts;
}

/** How the reload went; the front door adds what the file asked the engine for (`expected`). */
export type ApplyResult = Omit<DaemonApplyResult, 'expected'>;

const run = promisify(execFile);

/** What the engine should report for this file: CIDRs masked, hosts as written, mirrors normalised. */
export function expectedLive(
  loaded: LoadedConfig,
  rules: Rules,
): { cidrs: string[]; hosts: string[]; mirrors: string[] } {
  const cidrs = new Set(['127.0.0.0/8', '::1/128']);
  const hosts = new Set<string>();
  for (const entry of loaded.document.insecureRegistries) {
    const verdict = validateInsecureRegistry(entry, rules);
    if (!verdict.ok) continue;
    if (parseCidr(verdict.value)) cidrs.add(verdict.value);
    else hosts.add(verdict.value);
  }
  const mirrors = loaded.document.registryMirrors
    .map((m) => validateMirror(m, rules))
    .flatMap((v) => (v.ok ? [v.value] : []));
  return { cidrs: [...cidrs].sort(), hosts: [...hosts].sort(), mirrors: [...new Set(mirrors)] };
}

export function compareLive(expected: ReturnType<typeof expectedLive>, live: LiveRegistryConfig): string[] {
  const differences: string[] = [];
  const liveCidrs = new Set(live.insecureCidrs);
  // dockerd before v29 does not list ::1/128; only what the file asks for must be there.
  for (const cidr of expected.cidrs)
    if (cidr !== '::1/128' && !liveCidrs.has(cidr))
      differences.push(`${INSECURE_KEY}: ${cidr} is not active`);
  for (const host of expected.hosts)
    if (!live.insecureHosts.includes(host)) differences.push(`${INSECURE_KEY}: ${host} is not active`);
  for (const host of live.insecureHosts)
    if (!expected.hosts.includes(host)) differences.push(`${INSECURE_KEY}: the engine still has ${host}`);
  for (const cidr of live.insecureCidrs)
    if (!expected.cidrs.includes(cidr)) differences.push(`${INSECURE_KEY}: the engine still has ${cidr}`);
  const liveMirrors = live.mirrors.join(' ');
  if (liveMirrors !== expected.mirrors.join(' ')) {
    differences.push(
      `${MIRRORS_KEY}: the engine has [${live.mirrors.join(', ')}], the file says [${expected.mirrors.join(', ')}]`,
    );
  }
  return differences;
}

/** The system dockerd's pid file: only for it may `systemctl reload docker` stand in for a signal. */
const SYSTEM_PID_FILE = '/var/run/docker.pid';

type Signalled = { method: 'sighup' | 'systemctl' } | { problem: string; hint: string; appHint: string };

/** SIGHUP to the pid in `pidFile`; what went wrong in words a person can act on when it could not be sent. */
async function sendSighup(pidFile: string): Promise<{ sent: true } | { sent: false; problem: string }> {
  let text: string;
  try {
    text = await readFile(pidFile, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      sent: false,
      problem:
        code === 'ENOENT'
          ? `there is no pid file at ${pidFile}`
          : `the pid file ${pidFile} cannot be read (${code})`,
    };
  }
  const pid = Number.parseInt(text, 10);
  if (!Number.isInteger(pid) || pid <= 0) return { sent: false, problem: `${pidFile} holds no process id` };
  try {
    process.kill(pid, 'SIGHUP');
    return { sent: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      sent: false,
      problem:
        code === 'ESRCH'
          ? `no process ${pid} is running (${pidFile} is left from a dockerd that stopped)`
          : `this user may not signal dockerd (process ${pid}, from ${pidFile})`,
    };
  }
}

/**
 * SIGHUP through the pid file; for the system dockerd, `systemctl reload docker` when that fails. A
 * dockerd with a pid file of its own is never stood in for by the system one: reloading another daemon
 * would report the wrong engine's settings.
 */
async function signalDaemon(pidFile: string): Promise<Signalled> {
  const sighup = await sendSighup(pidFile);
  if (sighup.sent) return { method: 'sighup' };
  if (pidFile !== SYSTEM_PID_FILE)
    return {
      problem: `Berth could not signal dockerd: ${sighup.problem}`,
      hint: 'Name the pid file the running dockerd writes (its own --pidfile option), or restart dockerd to apply the file.',
      appHint:
        'Restart dockerd to apply the file, or start Berth with BERTH_DOCKERD_PIDFILE naming the pid file that dockerd writes.',
    };
  try {
    await run('systemctl', ['reload', 'docker'], { timeout: 15_000 });
    return { method: 'systemctl' };
  } catch {
    return {
      problem: `Berth could not signal dockerd: ${sighup.problem}, and \`systemctl reload docker\` failed`,
      hint: 'Run `sudo systemctl reload docker` (or restart dockerd); for a dockerd started by hand, name its pid file (berth daemon apply --pid-file, or BERTH_DOCKERD_PIDFILE for the app).',
      appHint:
        'Run `sudo systemctl reload docker` in a terminal (or restart dockerd); for a dockerd started by hand, start Berth with BERTH_DOCKERD_PIDFILE naming its pid file.',
    };
  }
}

/**
 * Makes a running dockerd read daemon.json again: insecure-registries and registry-mirrors reload on
 * SIGHUP (`systemctl reload docker`). Then reads /info until the engine reports the file's values, and
 * lists what differs. Docker Desktop cannot be signalled from the host: it must restart.
 */
/** How long Berth waits for the engine to report the new settings after the reload signal. */
const RELOAD_VERIFY_MS = 30_000;

export async function applyDaemonConfig(
  loaded: LoadedConfig,
  target: ApplyTarget,
  rules: Rules,
  options: { timeoutMs?: number } = {},
): Promise<ApplyResult> {
  if (target.flavour === 'desktop' || target.flavour === 'windows') {
    return {
      method: 'restart-needed',
      applied: false,
      differences: [],
      message:
        target.flavour === 'desktop'
          ? 'Docker Desktop applies daemon.json when it restarts: restart it from its menu (Troubleshoot → Restart).'
          : 'Restart the Docker service (or send it paramchange: sc control docker paramchange).',
      hint: 'Berth cannot reload this engine from here; after the restart, berth daemon show checks the file.',
      appHint:
        'Berth cannot reload this engine from here; after the restart, Reload on this page checks the file.',
    };
  }
  const signalled = await signalDaemon(target.pidFile ?? SYSTEM_PID_FILE);
  if ('problem' in signalled)
    return {
      method: 'restart-needed',
      applied: false,
      differences: [],
      message: signalled.problem,
      hint: signalled.hint,
      appHint: signalled.appHint,
    };
  const { method } = signalled;
  const expected = expectedLive(loaded, rules);
  // dockerd rereads daemon.json on SIGHUP in well under a second when idle, but on a busy machine it took
  // longer than the 5 s once allowed here, and Berth then said the settings were refused. The loop ends
  // as soon as the engine reports them, so the longer window costs only a reload that really fails.
  const deadline = Date.now() + (options.timeoutMs ?? RELOAD_VERIFY_MS);
  let live: LiveRegistryConfig | undefined;
  let differences: string[] = ['the engine has not answered yet'];
  while (Date.now() < deadline) {
    live = await target.readLive().catch(() => undefined);
    if (live) {
      differences = compareLive(expected, live);
      if (!differences.length) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const applied = differences.length === 0;
  return {
    method,
    live,
    differences,
    applied,
    message: applied
      ? 'dockerd reloaded: the engine reports the new registry settings.'
      : `dockerd did not take the new settings; ${whyNotReloaded(loaded, target.engine)}`,
    ...(applied
      ? {}
      : {
          hint: 'Fix what dockerd refuses (berth daemon show checks the file), then run berth daemon apply again.',
          appHint: 'Fix what dockerd refuses in the lists or the Raw JSON tab, save, then Apply again.',
        }),
  };
}

/** A reload reads the file as a start does, so the same check names the likely reason. */
function whyNotReloaded(loaded: LoadedConfig, engine: EngineFacts | undefined): string {
  const log =
    'its log says why (look for "Error reloading configuration" or "Error reconfiguring the daemon")';
  if (!engine || !loaded.exists) return `${log}.`;
  const check = checkDockerdFile(serialize(loaded.document, loaded.document.text), engine);
  if (!check.problems.length) return `${log}.`;
  return `${check.checkedAgainst} refuses this file: ${check.problems.join('; ')}. Fix it and apply again (${log}).`;
}
