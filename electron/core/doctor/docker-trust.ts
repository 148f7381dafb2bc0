// The two ways the local Docker daemon is told about a registry (docker-conventions.md §1.3, §4.1):
// its CA in certs.d/<host:port>/, or an insecure-registries entry in daemon.json.
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { checkDockerdFile, loadDaemonConfig, planEdit, writeDaemonConfig } from '../daemon-config/index.js';
import { replaceAtomically, withFileLock } from '../files/index.js';
import { BerthError } from '../errors.js';
import { stageFile } from '../staging/index.js';
import { parsePemBundle } from './certificate.js';
import { messageOf, say } from './phrases.js';
import type { FixOutcome } from './types.js';
import type { Said } from '../../../shared/contract/phrase.js';

/** `value` as one word of a POSIX shell command. */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Whether Berth may write `file`: it, or else the nearest folder above it that exists, is writable. */
async function mayWrite(file: string): Promise<boolean> {
  for (let current = file; ; current = path.dirname(current)) {
    try {
      await access(current, constants.W_OK);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || path.dirname(current) === current)
        return false;
    }
  }
}

function explained(part: Said): { explanation: string; said: Said['phrase'] } {
  return { explanation: part.text, said: part.phrase };
}

/** The elevated command that copies a staged CA file into a certs.d folder, per platform. */
function certsDElevation(
  platform: NodeJS.Platform,
  staged: string,
  dir: string,
): NonNullable<FixOutcome['elevation']> {
  const target = path.join(dir, 'ca.crt');
  if (platform === 'win32') {
    const ps = `New-Item -ItemType Directory -Force '${dir}'; Copy-Item '${staged}' '${target}' -Force`;
    return {
      command: `powershell -NoProfile -Command "Start-Process powershell -Verb RunAs -Wait -ArgumentList '-NoProfile','-Command','${ps.replace(/'/g, "''")}'"`,
      ...explained(say('elevateWindows', { file: target })),
    };
  }
  const script = `mkdir -p ${shellQuote(dir)} && chmod 755 ${shellQuote(dir)} && cp ${shellQuote(staged)} ${shellQuote(target)} && chmod 644 ${shellQuote(target)}`;
  if (platform === 'darwin')
    return {
      command: `osascript -e ${shellQuote(`do shell script ${JSON.stringify(script)} with administrator privileges`)}`,
      ...explained(say('elevateMac', { file: target })),
    };
  return {
    command: `pkexec /bin/sh -c ${shellQuote(script)}`,
    ...explained(say('elevateLinux', { dir })),
  };
}

/**
 * Writes `caPem` as `<dir>/ca.crt` (folder 0755, file 0644: dockerd and the Docker CLI read them as
 * any user). `dir` must be `<certs.d root>/<host:port>` exactly — Docker looks nowhere else. Where
 * Berth may not write, the file is staged and the elevated command comes back instead.
 */
export async function installCaInCertsD(input: {
  dir: string;
  caPem: string;
  platform?: NodeJS.Platform;
  stagingDir?: string;
}): Promise<FixOutcome> {
  const certificates = parsePemBundle([input.caPem]);
  if (!certificates.length) return { done: false, ...messageOf(say('noPemInCa')) };
  const target = path.join(input.dir, 'ca.crt');
  const pem = certificates.map((certificate) => certificate.toString()).join('');
  const fingerprints = certificates.map((certificate) => certificate.fingerprint256).join(', ');
  const restart = say('certsDNoRestart');
  if (await mayWrite(target)) {
    await mkdir(input.dir, { recursive: true, mode: 0o755 });
    // Docker reads certs.d on every pull and push: it must never see half a file.
    await withFileLock(target, (real) => replaceAtomically(real, pem, { mode: 0o644 }));
    return { done: true, ...messageOf(say('wroteCa', { sha256: fingerprints, file: target }), restart) };
  }
  const staged = await stageFile('ca.crt', pem, { dir: input.stagingDir });
  return {
    done: false,
    ...messageOf(say('mayNotWriteCa', { file: target }), restart),
    elevation: certsDElevation(input.platform ?? process.platform, staged, input.dir),
  };
}

/**
 * How to make dockerd read `file` again. `systemctl reload docker` reaches only the system's dockerd, which
 * may not be the one reading this file (a --config-file of its own): `berth daemon apply` signals the
 * dockerd of a pid file and checks /info afterwards (the app: Apply on the Docker daemon page).
 */
function reloadAdvice(file: string): string {
  return `dockerd reads insecure-registries when it starts or reloads: run \`berth daemon apply --file ${shellQuote(file)}\` (add --pid-file PATH for a dockerd started by hand), or \`sudo systemctl reload docker\` for the system's dockerd; Docker Desktop: restart it.`;
}

/** The same in the app, where Apply on the Docker daemon page does what `berth daemon apply` does. */
const APP_RELOAD_ADVICE = say('appReload').text;

/**
 * Adds `entry` to insecure-registries through the daemon.json editor: validated like dockerd, other keys
 * untouched, a timestamped backup first, and an elevation plan where the file belongs to root.
 */
export async function addInsecureRegistry(input: {
  file: string;
  entry: string;
  platform?: NodeJS.Platform;
}): Promise<FixOutcome> {
  const loaded = await loadDaemonConfig(input.file);
  const plan = planEdit(loaded, { action: 'add', key: 'insecure-registries', value: input.entry });
  const notes = plan.notes.length ? ` ${plan.notes.join(' ')}` : '';
  // The app's message as phrases: the sentence, the editor's notes, how to reload.
  const appSaid = (first: Said, ...rest: Said[]) => [
    first.phrase,
    ...plan.notesSaid,
    ...rest.map((part) => part.phrase),
    say('appReload').phrase,
  ];
  if (!plan.changed)
    return {
      done: true,
      message: `${input.file} already lists "${input.entry}".${notes} ${reloadAdvice(input.file)}`,
      appMessage: `${input.file} already lists "${input.entry}".${notes} ${APP_RELOAD_ADVICE}`,
      said: appSaid(say('alreadyLists', { file: input.file, entry: input.entry })),
    };
  // The entry may be fine and the file still one dockerd will not start with (a value of the wrong type):
  // the types hold in every release, so no engine needs to be asked.
  const check = checkDockerdFile(`${loaded.document.bom ? '\uFEFF' : ''}${plan.text}`, {});
  if (check.problems.length)
    throw new BerthError(
      'INVALID_INPUT',
      `${input.file} not changed: dockerd would refuse it: ${check.problems.join('; ')}`,
      {
        hint: 'Fix those settings first (the Raw JSON tab of the Docker daemon page), then run this fix again.',
      },
    );
  const outcome = await writeDaemonConfig(loaded, plan.text, { platform: input.platform });
  if (!outcome.written)
    return {
      done: false,
      message: `Berth may not write ${input.file}; run the command below as an administrator, then reload the daemon.${notes} ${reloadAdvice(input.file)}`,
      appMessage: `Berth may not write ${input.file}; run the command below as an administrator, then reload the daemon.${notes} ${APP_RELOAD_ADVICE}`,
      said: appSaid(say('mayNotWriteDaemon', { file: input.file })),
      elevation: {
        command: outcome.needsElevation.command.map(shellQuote).join(' '),
        explanation: outcome.needsElevation.explanation,
      },
    };
  const backup = outcome.backup ? ` (backup: ${outcome.backup})` : '';
  return {
    done: true,
    message: `Added "${input.entry}" to insecure-registries in ${input.file}${backup}.${notes} The daemon must be reloaded: ${reloadAdvice(input.file)}`,
    appMessage: `Added "${input.entry}" to insecure-registries in ${input.file}${backup}.${notes} The daemon must be reloaded: ${APP_RELOAD_ADVICE}`,
    said: appSaid(
      outcome.backup
        ? say('addedWithBackup', { entry: input.entry, file: input.file, backup: outcome.backup })
        : say('added', { entry: input.entry, file: input.file }),
      say('mustReload'),
    ),
  };
}
