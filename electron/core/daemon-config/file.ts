import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, copyFile, mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { replaceAtomically, withFileLock, writeTarget } from '../files/index.js';
import { BerthError } from '../errors.js';
import { stageFile } from '../staging/index.js';
import { parseDaemonJson, serialize, type DaemonDocument } from './document.js';

export interface LoadedConfig {
  file: string;
  exists: boolean;
  /** sha256 of the bytes read: a write refuses if the file changed since. */
  fingerprint: string;
  document: DaemonDocument;
}

const BACKUP_MARK = '.berth-backup-';
/** Backups kept: the first Berth made (the file as it was before Berth) and the newest ten. */
export const KEPT_BACKUPS = 10;

function fingerprintOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function readBytes(file: string): Promise<Buffer | undefined> {
  let handle;
  try {
    // Without blocking: a FIFO (or a --file naming one) would otherwise wait for a writer for ever.
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    if (!(await handle.stat()).isFile())
      throw new BerthError('CONFIG', `${file} is not a regular file`, {
        hint: 'daemon.json is a plain file (or a symbolic link to one): check the path.',
      });
    return await handle.readFile();
  } catch (error) {
    if (error instanceof BerthError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BerthError('CONFIG', `cannot read ${file}: ${(error as Error).message}`);
  } finally {
    await handle?.close();
  }
}

/** Reads daemon.json; a missing file is an empty configuration. Invalid JSON throws with line and column. */
export async function loadDaemonConfig(file: string): Promise<LoadedConfig> {
  const bytes = await readBytes(file);
  return {
    file,
    exists: bytes !== undefined,
    fingerprint: fingerprintOf(bytes ?? Buffer.alloc(0)),
    document: parseDaemonJson(file, bytes ?? Buffer.alloc(0)),
  };
}

/** The file as it is, valid JSON or not (what a raw editor shows), with the fingerprint a write checks. */
export async function readDaemonFile(
  file: string,
): Promise<{ exists: boolean; text: string; fingerprint: string }> {
  const bytes = await readBytes(file);
  return {
    exists: bytes !== undefined,
    text: (bytes ?? Buffer.alloc(0)).toString('utf8'),
    fingerprint: fingerprintOf(bytes ?? Buffer.alloc(0)),
  };
}

export class ConcurrentChangeError extends BerthError {
  constructor(file: string) {
    super('CONFIG', `${file} changed since you read it (on disk, by another save or another program)`, {
      hint: 'Someone else edited it meanwhile. Nothing was written; reload and make the change again.',
    });
  }
}

/** How a file the user may not write gets written: the platform's elevation, asked for by the caller. */
export interface ElevationPlan {
  platform: NodeJS.Platform;
  /** argv to run: it copies `source` (a file Berth wrote) over the target, keeping a backup. */
  command: string[];
  explanation: string;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A PowerShell single-quoted string: a quote inside is doubled. PowerShell also takes the typographic
 * quotes (U+2018–U+201B) as single quotes, so those are doubled too.
 */
export function powerShellQuote(value: string): string {
  return `'${value.replace(/['\u2018-\u201b]/g, '$&$&')}'`;
}

/** Text inside a PowerShell double-quoted string: backtick escapes `, $ and the double quotes. */
function powerShellDoubleQuoted(value: string): string {
  return `"${value.replace(/[`$"\u201c-\u201e]/g, '`$&')}"`;
}

export interface ElevationFiles {
  /** The file Berth wrote, to be copied over the target. */
  source: string;
  /** The real file (a symbolic link's target: the link itself is left alone). */
  target: string;
  backup?: string;
  /** The target must still have these bytes (sha256, as Berth read it): otherwise nothing is written. */
  fingerprint?: string;
  /** Old backups to delete, so that the first and the newest ten are kept. */
  prune?: string[];
  /** The target's folder does not exist yet (no /etc/docker before dockerd first ran): it is made first. */
  createFolder?: boolean;
}

/** How the elevated command says that the file changed since Berth read it (nothing was written). */
export const CHANGED_EXIT_CODE = 3;

/** The elevated command for copying `source` to `target` (after a backup copy), per platform. */
export function elevationPlan(platform: NodeJS.Platform, files: ElevationFiles): ElevationPlan {
  const { source, target, backup, fingerprint } = files;
  const temp = `${target}.berth-${randomBytes(6).toString('hex')}.tmp`;
  const folder = path.dirname(target);
  const script = [
    files.createFolder ? `mkdir -p ${shellQuote(folder)}` : '',
    // A missing file reads as empty, as Berth fingerprints it. sha256sum (Linux) or shasum (macOS).
    fingerprint
      ? `s=$(cat ${shellQuote(target)} 2>/dev/null | { sha256sum 2>/dev/null || shasum -a 256; }) && ` +
        `case "$s" in ${fingerprint}*) ;; *) echo ${shellQuote(`${target} changed since you read it; nothing was written`)} >&2; exit ${CHANGED_EXIT_CODE};; esac`
      : '',
    backup
      ? `if [ -e ${shellQuote(target)} ]; then cp -p ${shellQuote(target)} ${shellQuote(backup)}; fi`
      : '',
    `cat ${shellQuote(source)} > ${shellQuote(temp)}`,
    `mv ${shellQuote(temp)} ${shellQuote(target)}`,
    files.prune?.length ? `rm -f ${files.prune.map(shellQuote).join(' ')}` : '',
  ]
    .filter(Boolean)
    .join(' && ');
  if (platform === 'win32') {
    const ps = [
      files.createFolder
        ? `New-Item -ItemType Directory -Force -Path ${powerShellQuote(folder)} | Out-Null`
        : '',
      backup
        ? `if (Test-Path -LiteralPath ${powerShellQuote(target)}) { Copy-Item -LiteralPath ${powerShellQuote(target)} ${powerShellQuote(backup)} }`
        : '',
      `Copy-Item -LiteralPath ${powerShellQuote(source)} ${powerShellQuote(target)} -Force`,
      ...(files.prune ?? []).map((old) => `Remove-Item -LiteralPath ${powerShellQuote(old)}`),
    ]
      .filter(Boolean)
      .join('; ');
    return {
      platform,
      command: [
        'powershell',
        '-NoProfile',
        '-Command',
        `Start-Process powershell -Verb RunAs -Wait -ArgumentList '-NoProfile','-Command',${powerShellDoubleQuoted(ps)}`,
      ],
      explanation: `Windows will ask for administrator rights to write ${target}.`,
    };
  }
  if (platform === 'darwin') {
    return {
      platform,
      command: ['osascript', '-e', `do shell script ${JSON.stringify(script)} with administrator privileges`],
      explanation: `macOS will ask for an administrator password to write ${target}.`,
    };
  }
  return {
    platform,
    command: ['pkexec', '/bin/sh', '-c', script],
    explanation: `${target} belongs to root: pkexec will ask for your password to write it.`,
  };
}

export type WriteOutcome =
  | { written: true; file: string; backup?: string }
  | { written: false; needsElevation: ElevationPlan; stagedFile: string; backup?: string };

/**
 * The atomic write needs the folder (temp file, lock, backup) and, when it exists, the file itself —
 * a symbolic link's target, which is what gets written.
 */
export async function isWritable(file: string): Promise<boolean> {
  const real = await writeTarget(file);
  const writable = (candidate: string) =>
    access(candidate, constants.W_OK).then(
      () => true,
      (error: NodeJS.ErrnoException) => error.code === 'ENOENT' && candidate === real,
    );
  // A folder that does not exist yet is made in the nearest one that does: that one must be writable.
  let folder = path.dirname(real);
  while (!(await exists(folder)) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  return (await writable(folder)) && (await writable(real));
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

export function backupName(file: string, now = new Date()): string {
  return `${file}${BACKUP_MARK}${now.toISOString().replace(/[:.]/g, '-')}`;
}

/** A backup name no backup has yet: two saves in one millisecond get `…Z-001`, `…Z-002`. */
async function freshBackupName(target: string, now: Date | undefined): Promise<string> {
  const base = backupName(target, now);
  const taken = new Set(await listBackups(target));
  let name = base;
  for (let n = 1; taken.has(name); n++) name = `${base}-${String(n).padStart(3, '0')}`;
  return name;
}

/** Backups beyond the first (the file before Berth ever wrote it) and the newest ten, given newest first. */
function backupsToPrune(newestFirst: string[]): string[] {
  return newestFirst.slice(KEPT_BACKUPS, -1);
}

interface WriteOptions {
  platform?: NodeJS.Platform;
  now?: Date;
  /** Where a file for an elevated copy is staged (default: Berth's staging folder in the temp folder). */
  stagingDir?: string;
}

/**
 * Replaces the file: under its lock (see files/locked-file.ts) checks it still has the bytes that were
 * read, copies it to a timestamped backup, replaces it atomically (unique temp file, fsync, rename,
 * fsync of the folder) and prunes old backups. A symbolic link stays a link: its target is written and
 * backed up beside it. Where the user may not write, nothing is written and an elevation plan comes
 * back instead, whose command makes the same fingerprint check before it writes.
 */
async function replaceFile(
  file: string,
  expectedFingerprint: string,
  content: Buffer,
  options: WriteOptions,
): Promise<WriteOutcome> {
  const target = await writeTarget(file);
  const createFolder = !(await exists(path.dirname(target)));
  if (!(await isWritable(target))) {
    // No lock can be taken in a folder Berth may not write; the command checks the bytes instead.
    const current = await readBytes(target);
    if (fingerprintOf(current ?? Buffer.alloc(0)) !== expectedFingerprint)
      throw new ConcurrentChangeError(file);
    const backup = current !== undefined ? await freshBackupName(target, options.now) : undefined;
    const stagedFile = await stageFile('daemon.json', content, { dir: options.stagingDir });
    const prune = backup ? backupsToPrune([backup, ...(await listBackups(target))]) : [];
    return {
      written: false,
      needsElevation: elevationPlan(options.platform ?? process.platform, {
        source: stagedFile,
        target,
        backup,
        fingerprint: expectedFingerprint,
        prune,
        createFolder,
      }),
      stagedFile,
      backup,
    };
  }
  // The lock file lives beside the target, so its folder is made first.
  if (createFolder) await mkdir(path.dirname(target), { recursive: true });
  return withFileLock(target, async () => {
    const current = await readBytes(target);
    if (fingerprintOf(current ?? Buffer.alloc(0)) !== expectedFingerprint)
      throw new ConcurrentChangeError(file);
    const backup = current !== undefined ? await freshBackupName(target, options.now) : undefined;
    if (backup) await copyFile(target, backup, constants.COPYFILE_EXCL);
    const mode = current !== undefined ? (await stat(target)).mode & 0o777 : 0o644;
    await replaceAtomically(target, content, { mode });
    for (const old of backupsToPrune(await listBackups(target))) await rm(old, { force: true });
    return { written: true, file, backup };
  });
}

/** Writes the edited text of a loaded daemon.json (keeping its byte-order mark). */
export function writeDaemonConfig(
  loaded: LoadedConfig,
  text: string,
  options: WriteOptions = {},
): Promise<WriteOutcome> {
  return replaceFile(
    loaded.file,
    loaded.fingerprint,
    Buffer.from(serialize(loaded.document, text), 'utf8'),
    options,
  );
}

/**
 * Writes whole new text over a file that is not valid JSON, which cannot be loaded and edited. Only after
 * the user chose to replace it: it is still backed up first and must still hold the bytes that were read.
 */
export function replaceInvalidDaemonConfig(
  file: string,
  expectedFingerprint: string,
  text: string,
  options: WriteOptions = {},
): Promise<WriteOutcome> {
  parseDaemonJson(file, text);
  return replaceFile(file, expectedFingerprint, Buffer.from(text, 'utf8'), options);
}

/**
 * Puts a backup back. Works when the current file is not valid JSON (that is when it is needed); the
 * current file is itself backed up first. With `expectedFingerprint`, only over the bytes that were read.
 */
/** A backup's bytes, once they are known to be a daemon.json dockerd can read (else a CONFIG error). */
export async function readBackup(backup: string): Promise<Buffer> {
  const content = await readBytes(backup);
  if (content === undefined)
    throw new BerthError('CONFIG', `${backup}: no such file`, {
      hint: 'List the backups: berth daemon show.',
      appHint: 'Reload the page: the list of backups may have changed.',
    });
  parseDaemonJson(backup, content);
  return content;
}

export async function restoreBackup(
  file: string,
  backup: string,
  options: WriteOptions & { expectedFingerprint?: string } = {},
): Promise<WriteOutcome> {
  const content = await readBackup(backup);
  const fingerprint =
    options.expectedFingerprint ?? fingerprintOf((await readBytes(file)) ?? Buffer.alloc(0));
  return replaceFile(file, fingerprint, content, options);
}

/** Backups Berth made of this file (beside a symbolic link's target), newest first. */
export async function listBackups(file: string): Promise<string[]> {
  const target = await writeTarget(file);
  const dir = path.dirname(target);
  const prefix = `${path.basename(target)}${BACKUP_MARK}`;
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((name) => name.startsWith(prefix))
    .sort()
    .reverse()
    .map((name) => path.join(dir, name));
}
