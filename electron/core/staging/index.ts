// Files staged for a command the user runs as an administrator (a daemon.json, a CA for certs.d):
// where they live and how long. Offers stageFile, removeStaleStaged and the staging directory.
import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BerthError } from '../errors.js';

/**
 * How long a staged file is kept. It is not removed when Berth exits: the command that reads it is
 * printed for the user to run later (the CLI exits right after printing it), and a file removed
 * before then would make that command fail or, worse, copy nothing. A day covers "run it now"; a
 * user who comes back later runs the fix again and gets a fresh file and command.
 */
export const STAGED_LIFETIME_MS = 24 * 60 * 60 * 1000;
const PREFIX = 'berth-staged-';

/** Berth's own folder in the temp folder, one per user, so that no one else can swap a file in it. */
export function defaultStagingDir(): string {
  return path.join(os.tmpdir(), `berth-staging-${process.getuid?.() ?? os.userInfo().username}`);
}

/** Makes the folder private; refuses one that is a link or belongs to someone else. */
async function ensurePrivateFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const info = await lstat(dir);
  const uid = process.getuid?.();
  if (!info.isDirectory() || (uid !== undefined && info.uid !== uid))
    throw new BerthError('CONFIG', `the staging folder ${dir} is not Berth's own`, {
      hint: `It is a link or belongs to another user: remove it (as its owner) and try again`,
    });
  if (uid !== undefined && (info.mode & 0o777) !== 0o700) await chmod(dir, 0o700);
}

/**
 * Removes staged files older than the lifetime. Only files Berth named are touched, so a staging
 * folder given by a caller may hold other things.
 */
export async function removeStaleStaged(dir: string, now = Date.now()): Promise<string[]> {
  const entries = await readdir(dir).catch(() => []);
  const removed: string[] = [];
  for (const entry of entries) {
    if (!entry.startsWith(PREFIX)) continue;
    const file = path.join(dir, entry);
    const info = await stat(file).catch(() => undefined);
    if (info?.isFile() && now - info.mtimeMs > STAGED_LIFETIME_MS) {
      await rm(file, { force: true });
      removed.push(file);
    }
  }
  return removed;
}

/**
 * Writes `content` to a new file in the staging folder, after clearing out the stale ones; 0644, the
 * mode the copy it is made for should have. `name` ends the file name (`daemon.json`, `ca.crt`).
 */
export async function stageFile(
  name: string,
  content: string | Buffer,
  options: { dir?: string; now?: number } = {},
): Promise<string> {
  // A folder the caller gives is theirs to secure; only Berth's own is made private.
  const dir = options.dir ?? defaultStagingDir();
  if (options.dir) await mkdir(dir, { recursive: true });
  else await ensurePrivateFolder(dir);
  await removeStaleStaged(dir, options.now);
  const file = path.join(dir, `${PREFIX}${randomBytes(6).toString('hex')}-${name}`);
  await writeFile(file, content, { mode: 0o644, flag: 'wx' });
  return file;
}
