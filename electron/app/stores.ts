import { app } from 'electron';
import ElectronStore from 'electron-store';
import { CredentialStore, keytarKeychain } from '../core/credentials/index.js';
import { defaultDataDir, SettingsStore } from '../core/settings/index.js';

/**
 * The app's settings and keychain, in the main process only: settings through electron-store opened
 * with the same options as the CLI's `conf` (so both use `<userData>/config.json`), secrets through
 * keytar. The renderer never sees either; it gets `hasCredential` through the contract.
 */
export function openStores(): { settings: SettingsStore; credentials: CredentialStore } {
  const dataDir = process.env.BERTH_DATA_DIR ? defaultDataDir() : app.getPath('userData');
  return {
    settings: new SettingsStore(dataDir, {
      open: (options) => new ElectronStore<Record<string, unknown>>(options),
    }),
    credentials: new CredentialStore(keytarKeychain()),
  };
}
