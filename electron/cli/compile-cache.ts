import { lstatSync, mkdirSync, realpathSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';

/**
 * Where V8 keeps the compiled code of Berth's modules between runs: a folder of this user's own, never
 * the shared temp folder Node picks by default (anyone may create `/tmp/node-compile-cache` first, and
 * code read from a cache runs as this user). `BERTH_COMPILE_CACHE` overrides; XDG_CACHE_HOME is honoured
 * on Linux, and `~/Library/Caches` / `%LOCALAPPDATA%` elsewhere.
 */
export function compileCacheDir(env = process.env, platform = process.platform): string {
  if (env.BERTH_COMPILE_CACHE) return path.resolve(env.BERTH_COMPILE_CACHE);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'Berth', 'compile-cache');
  if (platform === 'win32')
    return path.join(
      absolute(env.LOCALAPPDATA) ?? path.join(home, 'AppData', 'Local'),
      'Berth',
      'compile-cache',
    );
  return path.join(absolute(env.XDG_CACHE_HOME) ?? path.join(home, '.cache'), 'berth', 'compile-cache');
}

/**
 * A folder variable's value when it is an absolute path. Empty or relative counts as unset (the XDG base
 * directory spec says so): joined as it is, it would put the cache in whatever folder berth started in.
 */
function absolute(value: string | undefined): string | undefined {
  return value && path.isAbsolute(value) ? value : undefined;
}

/**
 * A folder this process's user owns and nobody else may write to, nor replace: every folder above it
 * (symbolic links resolved: `~/.cache` may live on another disk) belongs to this user or root and is
 * writable by no one else, unless sticky like /tmp (where others cannot rename what is not theirs).
 * Otherwise whoever may write to a parent could swap the cache folder for their own while Berth reads it.
 */
export function isPrivateFolder(dir: string): boolean {
  const stat = lstatSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) return false;
  if (process.platform === 'win32') return true;
  const uid = process.getuid?.();
  if (stat.uid !== uid || (stat.mode & 0o022) !== 0) return false;
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    return false;
  }
  for (let parent = path.dirname(real); ; parent = path.dirname(parent)) {
    const above = lstatSync(parent, { throwIfNoEntry: false });
    if (!above?.isDirectory()) return false;
    if (above.uid !== uid && above.uid !== 0) return false;
    if ((above.mode & 0o022) !== 0 && (above.mode & 0o1000) === 0) return false;
    if (path.dirname(parent) === parent) return true;
  }
}

/**
 * Turns on Node's module compile cache (Node 22.1+): a second `berth` run reads its modules' compiled
 * code instead of compiling them again. Skipped, silently, where the folder cannot be made private
 * (the command then only compiles as before) or when NODE_DISABLE_COMPILE_CACHE is set.
 */
export function enableCompileCache(env = process.env): string | undefined {
  if (typeof module.enableCompileCache !== 'function' || env.NODE_DISABLE_COMPILE_CACHE !== undefined)
    return undefined;
  const dir = compileCacheDir(env);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch {
    return undefined;
  }
  if (!isPrivateFolder(dir)) return undefined;
  const result = module.enableCompileCache(dir);
  return result.directory;
}
