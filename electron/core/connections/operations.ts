import { KeychainError } from '../credentials/index.js';
import { BerthError } from '../registry/errors.js';
import type { BerthServices } from '../services.js';
import type { SavedConnection } from '../settings/index.js';

export function savedConnection(services: BerthServices, name: string): SavedConnection {
  const saved = services.settings.get(name);
  if (!saved)
    throw new BerthError('NOT_FOUND', `there is no saved connection named "${name}"`, {
      hint: 'Add the registry first.',
    });
  return saved;
}

export interface RemovedConnection {
  removed: boolean;
  credentialRemoved: boolean;
  /** What was removed, for the front door's message. */
  connection?: SavedConnection;
}

/**
 * Forgets a saved connection and its login's keychain entry. A keychain that cannot remove the entry is
 * a warning, not a failure: the connection is gone either way.
 */
export async function removeConnection(services: BerthServices, name: string): Promise<RemovedConnection> {
  const saved = services.settings.get(name);
  if (!saved || !services.settings.remove(name)) return { removed: false, credentialRemoved: false };
  services.client.forget(saved.host);
  let credentialRemoved = false;
  if (saved.username) {
    try {
      credentialRemoved = await services.credentials.remove(saved.host, saved.username);
    } catch (error) {
      if (!(error instanceof KeychainError)) throw error;
      services.warn(
        `the keychain entry for ${saved.username} at ${saved.host} is still there: ${error.message}`,
      );
    }
  }
  return { removed: true, credentialRemoved, connection: saved };
}
