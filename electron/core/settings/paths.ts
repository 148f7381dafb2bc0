import os from 'node:os';
import path from 'node:path';

/**
 * Where Berth keeps its settings: `BERTH_DATA_DIR` if set, else the folder Electron names `userData`
 * for the app "Berth", so the CLI, the browser host and the app read the same file. An empty
 * XDG_CONFIG_HOME (or APPDATA) counts as unset, as Chromium counts it for `userData`: joined as it is,
 * the CLI would keep its settings in a `Berth` folder inside whatever folder it started in.
 */
export function defaultDataDir(env = process.env, platform = process.platform): string {
  if (env.BERTH_DATA_DIR) return path.resolve(env.BERTH_DATA_DIR);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Berth');
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'Berth');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'Berth');
}
