import { app } from 'electron';
import ElectronStore from 'electron-store';
import { BerthServices } from '../core/services.js';
import { defaultDataDir, SettingsStore } from '../core/settings/index.js';
import { warningLine } from '../../shared/terminal-text.js';

/**
 * The app's services, in the main process only: settings through electron-store opened with the same
 * options as the CLI's `conf` (so both use `<userData>/config.json`), secrets through keytar. The
 * renderer never sees either; it gets `hasCredential` through the contract.
 */
export function openServices(): BerthServices {
  const dataDir = process.env.BERTH_DATA_DIR ? defaultDataDir() : app.getPath('userData');
  const settings = new SettingsStore(dataDir, {
    open: (options) => new ElectronStore<Record<string, unknown>>(options),
  });
  return new BerthServices({
    settings,
    keepJobHistory: true,
    onWarning: (message) => process.stderr.write(warningLine(message)),
  });
}
