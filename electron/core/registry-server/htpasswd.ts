import { readFile, rename, writeFile } from 'node:fs/promises';
import { BerthError } from '../registry/errors.js';
import { runTool } from './tools.js';

/** A bcrypt line as `htpasswd -B` makes it (Distribution accepts bcrypt only). */
export async function hashUser(user: string, password: string): Promise<string> {
  if (!user || user.includes(':'))
    throw new BerthError('INVALID_INPUT', `"${user}" is not a usable user name`, {
      hint: 'A user name is not empty and has no ":"',
    });
  if (!password) throw new BerthError('INVALID_INPUT', `no password for ${user}`);
  // -i reads the password from stdin, so it never shows in the process list.
  const { stdout } = await runTool('htpasswd', ['-nBi', user], { input: password }).catch(
    (error: unknown) => {
      throw new BerthError(
        'UNSUPPORTED',
        `could not hash ${user}'s password with htpasswd: ${(error as Error).message}`,
        {
          hint: 'Install the htpasswd tool (Debian/Ubuntu: apt install apache2-utils)',
        },
      );
    },
  );
  const line = stdout.trim();
  if (!line.startsWith(`${user}:$2`))
    throw new BerthError('UNSUPPORTED', `htpasswd gave no bcrypt hash for ${user}`);
  return line;
}

async function readLines(file: string): Promise<string[]> {
  try {
    return (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function writeLines(file: string, lines: string[]): Promise<void> {
  const temporary = `${file}.tmp-${process.pid}`;
  await writeFile(temporary, lines.length ? `${lines.join('\n')}\n` : '', { mode: 0o600 });
  await rename(temporary, file);
}

export async function listUsers(file: string): Promise<string[]> {
  return (await readLines(file)).map((line) => line.slice(0, line.indexOf(':')));
}

/** Adds the user or replaces their hash. */
export async function setUser(file: string, user: string, password: string): Promise<void> {
  const line = await hashUser(user, password);
  const others = (await readLines(file)).filter((existing) => !existing.startsWith(`${user}:`));
  await writeLines(file, [...others, line]);
}

export async function removeUser(file: string, user: string): Promise<boolean> {
  const lines = await readLines(file);
  const kept = lines.filter((existing) => !existing.startsWith(`${user}:`));
  if (kept.length === lines.length) return false;
  await writeLines(file, kept);
  return true;
}
