// Where the CLI keeps V8's compiled code: XDG_CACHE_HOME counts only when it is an absolute path (the XDG
// base directory spec: empty or relative means unset), or `berth` would make a cache in the folder it
// was started from.
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCacheDir } from '../../electron/cli/compile-cache.js';

const home = os.homedir();
const fallback = path.join(home, '.cache', 'berth', 'compile-cache');

describe('compileCacheDir', () => {
  it('uses an absolute XDG_CACHE_HOME', () => {
    expect(compileCacheDir({ XDG_CACHE_HOME: '/var/cache/me' }, 'linux')).toBe(
      path.join('/var/cache/me', 'berth', 'compile-cache'),
    );
  });

  it('takes an empty or relative XDG_CACHE_HOME for unset, never the current folder', () => {
    expect(compileCacheDir({}, 'linux')).toBe(fallback);
    expect(compileCacheDir({ XDG_CACHE_HOME: '' }, 'linux')).toBe(fallback);
    expect(compileCacheDir({ XDG_CACHE_HOME: 'cache' }, 'linux')).toBe(fallback);
  });

  it('takes an empty or relative LOCALAPPDATA on Windows for unset', () => {
    const windowsFallback = path.join(home, 'AppData', 'Local', 'Berth', 'compile-cache');
    expect(compileCacheDir({ LOCALAPPDATA: '' }, 'win32')).toBe(windowsFallback);
    expect(compileCacheDir({ LOCALAPPDATA: 'AppData' }, 'win32')).toBe(windowsFallback);
  });
});
