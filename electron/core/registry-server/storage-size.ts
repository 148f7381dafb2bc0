import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

/** Bytes of every file under `dir` (0 when it does not exist). */
export async function storageSize(dir: string): Promise<number> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let total = 0;
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += await storageSize(full);
    else if (entry.isFile()) total += (await lstat(full)).size;
  }
  return total;
}
