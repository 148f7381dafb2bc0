import { KeychainError, redact } from './errors.js';

/**
 * The four calls Berth makes on the OS keychain; keytar's API, so keytar is the production
 * implementation and the app loads it in the main process only.
 */
export interface Keychain {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

type KeytarModule = Keychain & { default?: Keychain };

/**
 * What to do when keytar does not load. Its native part missing means its install script never ran:
 * npm 11 warns about an install script it was not told to allow, `--ignore-scripts` skips them all.
 */
function loadHint(reason: string): string {
  if (/keytar\.node/.test(reason) && /Cannot find module/i.test(reason))
    return process.versions.electron
      ? 'Reinstall Berth; its keychain module is missing.'
      : "keytar's native part was never built: reinstall with its install script allowed (npm install -g --allow-scripts=keytar berth-cli; building it needs libsecret-1-dev, make, g++ and python3).";
  return process.platform === 'linux'
    ? 'Install libsecret (Debian/Ubuntu: libsecret-1-0) and a Secret Service such as gnome-keyring or KWallet.'
    : 'Reinstall Berth; its keychain module is missing or broken.';
}

/**
 * keytar, loaded on first use: commands that never touch a secret do not load the native module,
 * and a missing libsecret becomes a KeychainError instead of a crash at start-up.
 */
export function keytarKeychain(load: () => Promise<KeytarModule> = () => import('keytar')): Keychain {
  let loaded: Promise<Keychain> | undefined;
  const keytar = (): Promise<Keychain> => {
    loaded ??= load().then(
      (module) => module.default ?? module,
      (error: unknown) => {
        loaded = undefined;
        // Node's message goes on with a "Require stack:" of this machine's paths; its first line says it.
        const [reason] = String((error as Error).message).split('\n');
        throw new KeychainError(
          'unavailable',
          `the OS keychain module (keytar) could not be loaded: ${reason}`,
          loadHint(reason ?? ''),
          error,
        );
      },
    );
    return loaded;
  };
  return {
    getPassword: async (service, account) => (await keytar()).getPassword(service, account),
    setPassword: async (service, account, password) =>
      (await keytar()).setPassword(service, account, password),
    deletePassword: async (service, account) => (await keytar()).deletePassword(service, account),
    findCredentials: async (service) => (await keytar()).findCredentials(service),
  };
}

// libsecret / GDBus messages seen when there is no usable Secret Service (checked with keytar 7.9 and
// gnome-keyring 46): no session bus address and no X11 to autolaunch one; a bus address that leads
// nowhere; a bus with no org.freedesktop.secrets owner or activatable service; a Secret Service that
// restarted under a running process ("The session wrapping the secret does not exist").
const UNAVAILABLE =
  /autolaunch|D-Bus|DBus|Could not connect|No such file|Connection refused|org\.freedesktop\.secrets|ServiceUnknown|not provided by any|secret service|session wrapping the secret/i;
// A locked collection (no unlock prompt could be shown, or it was dismissed).
const LOCKED = /locked|prompt|dismissed|cancel+ed|user canceled|interaction/i;

/** keytar's raw error → a KeychainError that says what to do, with any secret scrubbed out. */
export function keychainError(
  error: unknown,
  action: string,
  secrets: (string | undefined)[],
): KeychainError {
  if (error instanceof KeychainError) return error;
  const raw = redact(error instanceof Error ? error.message : String(error), secrets);
  const platform = process.platform;
  if (LOCKED.test(raw)) {
    return new KeychainError(
      'locked',
      `the OS keychain is locked, so Berth could not ${action} (${raw})`,
      platform === 'darwin'
        ? 'Unlock the login keychain (Keychain Access) and try again.'
        : 'Unlock your keyring (for example with Seahorse, or by logging in to the desktop) and try again.',
    );
  }
  if (platform === 'linux' && UNAVAILABLE.test(raw)) {
    return new KeychainError(
      'unavailable',
      `no Secret Service is running, so Berth could not ${action} (${raw})`,
      'Install and start gnome-keyring or KWallet (and log in to a desktop session, or run under dbus-run-session), or unlock your keyring. Berth never stores secrets in plain text instead.',
    );
  }
  return new KeychainError(
    'failed',
    `the OS keychain refused to ${action}: ${raw}`,
    platform === 'darwin'
      ? 'Check Keychain Access; Berth never stores secrets in plain text instead.'
      : platform === 'win32'
        ? 'Check Windows Credential Manager; Berth never stores secrets in plain text instead.'
        : 'Check that your Secret Service (gnome-keyring or KWallet) is running and unlocked; Berth never stores secrets in plain text instead.',
  );
}
