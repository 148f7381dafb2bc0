import path from 'node:path';
import { countStorage, localHost, type RegistryServers } from '../registry-server/index.js';
import type { SettingsStore } from '../settings/index.js';
import type { OwnRegistryAccess } from './scan.js';

/** How far a scan walks the storage folder: as the cards' count, with more time (a scan is a job). */
const WALK_BUDGET = { maxEntries: 500_000, ms: 60_000 };

/**
 * The registry of the user's own that `host` is: the saved connection for it names a server of Berth's
 * whose address is that host. Undefined for any other registry (and for a server whose files cannot be read).
 */
export async function ownRegistryAt(
  servers: RegistryServers,
  settings: Pick<SettingsStore, 'findByHost'>,
  host: string,
): Promise<OwnRegistryAccess | undefined> {
  const saved = settings.findByHost(host);
  if (!saved) return undefined;
  const spec = await servers.spec(saved.name).catch(() => undefined);
  if (!spec || localHost(spec) !== host) return undefined;
  const budget = () => ({ maxEntries: WALK_BUDGET.maxEntries, deadline: Date.now() + WALK_BUDGET.ms });
  return {
    server: spec.name,
    storageDir: spec.storageDir,
    diskUse: () => countStorage(spec.storageDir, budget()),
    blobUse: () => countStorage(path.join(spec.storageDir, 'docker', 'registry', 'v2', 'blobs'), budget()),
    gcDryRun: async (deleteUntagged) =>
      (await servers.collectGarbage(spec.name, { dryRun: true, deleteUntagged })).dryRunOutput,
    ...(spec.proxy ? { cacheOf: spec.proxy.remoteUrl } : {}),
  };
}
