import type { BerthServices } from '../services.js';
import { localRegistryServers, type CreateServerInput, type RegistryServers } from './servers.js';

/**
 * The local servers, for every front door. They live in files under the data dir and run detached, so a
 * manager per call holds no state worth keeping; it shares the settings, the keychain and the engine
 * (found like the Docker CLI finds it) with everything else. Start, stop, logs, users, Docker trust and
 * garbage collection are its methods; the operations below also keep the shared client in step.
 */
export function registryServers(services: BerthServices): RegistryServers {
  return localRegistryServers({
    settings: services.settings,
    credentials: services.credentials,
    engine: () => services.engine(),
  });
}

/** Creates a server and its connection, saved behind the client's back: it must not keep an old view of the host. */
export async function createServer(services: BerthServices, input: CreateServerInput) {
  const created = await registryServers(services).create(input);
  services.client.forget(created.host);
  return created;
}

/** Removes a server and its connection, and whatever the client knew of its address. */
export async function removeServer(services: BerthServices, name: string, options: { deleteData?: boolean }) {
  const manager = registryServers(services);
  // An unreadable server.json says no address: there is no client state of it to forget.
  const host = await manager.get(name).then(
    (view) => view.host,
    () => undefined,
  );
  const result = await manager.remove(name, options);
  if (host) services.client.forget(host);
  return result;
}

/** The keychain may hold the new password now; the client must not reuse a token of the old one. */
export async function changeServerPassword(
  services: BerthServices,
  name: string,
  user: string,
  password: string,
) {
  const manager = registryServers(services);
  const change = await manager.changePassword(name, user, password);
  services.client.forget((await manager.get(name)).host);
  return change;
}
