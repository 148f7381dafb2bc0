import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, copyFile, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { BerthError } from '../registry/errors.js';
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

function fingerprintOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function readBytes(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new BerthError('CONFIG', `cannot read ${file}: ${(error as Error).message}`);
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
    super('CONFIG', `${file} changed on disk since Berth read it`, {
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

/** The elevated command for copying `source` to `target` (after a backup copy), per platform. */
export function elevationPlan(
  platform: NodeJS.Platform,
  source: string,
  target: string,
  backup: string | undefined,
): ElevationPlan {
  const script = [
    backup
      ? `if [ -e ${shellQuote(target)} ]; then cp -p ${shellQuote(target)} ${shellQuote(backup)}; fi`
      : '',
    `cat ${shellQuote(source)} > ${shellQuote(`${target}.berth-tmp`)}`,
    `mv ${shellQuote(`${target}.berth-tmp`)} ${shellQuote(target)}`,
  ]
    .filter(Boolean)
    .join(' && ');
  if (platform === 'win32') {
    const ps = [
      backup ? `if (Test-Path '${target}') { Copy-Item '${target}' '${backup}' }` : '',
      `Copy-Item '${source}' '${target}' -Force`,
    ]
      .filter(Boolean)
      .join('; ');
    return {
      platform,
      command: [
        'powershell',
        '-NoProfile',
        '-Command',
        `Start-Process powershell -Verb RunAs -Wait -ArgumentList '-NoProfile','-Command',"${ps}"`,
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

/** The atomic write needs the folder (temp file, backup) and, when it exists, the file itself. */
export async function isWritable(file: string): Promise<boolean> {
  const writable = (target: string) =>
    access(target, constants.W_OK).then(
      () => true,
      (error: NodeJS.ErrnoException) => error.code === 'ENOENT' && target === file,
    );
  return (await writable(path.dirname(file))) && (await writable(file));
}

export function backupName(file: string, now = new Date()): string {
  return `${file}${BACKUP_MARK}${now.toISOString().replace(/[:.]/g, '-')}`;
}

interface WriteOptions {
  platform?: NodeJS.Platform;
  now?: Date;
  /** Where a file for an elevated copy is staged (default: Berth's staging folder in the temp folder). */
  stagingDir?: string;
}

/**
 * Replaces the file atomically: checks it still has the bytes that were read, copies it to a
 * timestamped backup, writes a temp file in the same folder (same mode), fsyncs it, renames it over
 * the original and fsyncs the folder. Where the user may not write, nothing is written and an
 * elevation plan comes back instead.
 */
async function replaceFile(
  file: string,
  expectedFingerprint: string,
  content: Buffer,
  options: WriteOptions,
): Promise<WriteOutcome> {
  const current = await readBytes(file);
  if (fingerprintOf(current ?? Buffer.alloc(0)) !== expectedFingerprint)
    throw new ConcurrentChangeError(file);
  const backup = current !== undefined ? backupName(file, options.now) : undefined;
  if (!(await isWritable(file))) {
    const stagedFile = await stageFile('daemon.json', content, { dir: options.stagingDir });
    return {
      written: false,
      needsElevation: elevationPlan(options.platform ?? process.platform, stagedFile, file, backup),
      stagedFile,
      backup,
    };
  }
  if (backup) await copyFile(file, backup);
  const mode = current !== undefined ? (await stat(file)).mode & 0o777 : 0o644;
  const temp = `${file}.berth-${process.pid}.tmp`;
  const handle = await open(temp, 'w', mode);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  const dir = await open(path.dirname(file), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
  return { written: true, file, backup };
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
 * current file is itself backed up first.
 */
export async function restoreBackup(
  file: string,
  backup: string,
  options: WriteOptions = {},
): Promise<WriteOutcome> {
  const content = await readFile(backup);
  parseDaemonJson(backup, content);
  const current = await readBytes(file);
  return replaceFile(file, fingerprintOf(current ?? Buffer.alloc(0)), content, options);
}

/** Backups Berth made of this file, newest first. */
export async function listBackups(file: string): Promise<string[]> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}${BACKUP_MARK}`;
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((name) => name.startsWith(prefix))
    .sort()
    .reverse()
    .map((name) => path.join(dir, name));
}
