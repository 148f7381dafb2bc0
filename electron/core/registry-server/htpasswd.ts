import { readFile } from 'node:fs/promises';
import { updateFile } from '../files/index.js';
import { BerthError } from '../errors.js';
import { runTool } from './tools.js';

/**
 * bcrypt's cost for new hashes. htpasswd's default is 5 (32 rounds), which a GPU tries by the billion;
 * OWASP asks for 10 or more. Each step doubles the time a login check takes (about 60 ms at 10 here).
 */
export const BCRYPT_COST = 10;

/**
 * A name Distribution's htpasswd file and HTTP Basic can carry: not empty, no ":" (the separator in both),
 * no control character (a new line would start another line of the file) and no surrounding spaces.
 */
export function checkUserName(user: string): void {
  // eslint-disable-next-line no-control-regex
  if (!user || user.includes(':') || /[\u0000-\u001f\u007f]/.test(user) || user.trim() !== user)
    throw new BerthError('INVALID_INPUT', `${JSON.stringify(user)} is not a usable user name`, {
      hint: 'A user name is not empty and has no ":", no control character and no leading or trailing space',
    });
}

/** A bcrypt line as `htpasswd -B` makes it (Distribution accepts bcrypt only). */
export async function hashUser(user: string, password: string): Promise<string> {
  checkUserName(user);
  if (!password) throw new BerthError('INVALID_INPUT', `no password for ${user}`);
  // -i reads the password from stdin, so it never shows in the process list; `--` ends the options, so
  // a name such as `-bob` is a name and not flags.
  const { stdout } = await runTool('htpasswd', ['-nBi', '-C', String(BCRYPT_COST), '--', user], {
    input: password,
  }).catch((error: unknown) => {
    throw new BerthError(
      'UNSUPPORTED',
      `could not hash ${user}'s password with htpasswd: ${(error as Error).message}`,
      {
        hint: 'Install the htpasswd tool (Debian/Ubuntu: apt install apache2-utils)',
      },
    );
  });
  const line = stdout.trim();
  if (!line.startsWith(`${user}:$2`))
    throw new BerthError('UNSUPPORTED', `htpasswd gave no bcrypt hash for ${user}`);
  return line;
}

function linesOf(content: Buffer | string | undefined): string[] {
  return (content ?? '')
    .toString()
    .split('\n')
    .filter((line) => line.trim() !== '');
}

const textOf = (lines: string[]) => (lines.length ? `${lines.join('\n')}\n` : '');

async function readLines(file: string): Promise<string[]> {
  try {
    return linesOf(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export async function listUsers(file: string): Promise<string[]> {
  return (await readLines(file)).map((line) => line.slice(0, line.indexOf(':')));
}

/** Adds the user or replaces their hash; the file is read and written under its lock. */
export async function setUser(file: string, user: string, password: string): Promise<void> {
  const line = await hashUser(user, password);
  await updateFile(
    file,
    (current) => textOf([...linesOf(current).filter((existing) => !existing.startsWith(`${user}:`)), line]),
    { mode: 0o600 },
  );
}

export async function removeUser(file: string, user: string): Promise<boolean> {
  let removed = false;
  await updateFile(
    file,
    (current) => {
      const lines = linesOf(current);
      const kept = lines.filter((existing) => !existing.startsWith(`${user}:`));
      removed = kept.length !== lines.length;
      return removed ? textOf(kept) : undefined;
    },
    { mode: 0o600 },
  );
  return removed;
}
