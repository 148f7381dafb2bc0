import type { RuntimeKind } from '../../../shared/contract/index.js';
import { probeEngine } from '../docker/index.js';
import {
  changeServerPassword,
  createServer,
  ProcessRuntime,
  registryServers as servers,
  removeServer,
} from '../registry-server/index.js';
import type { BerthServices } from '../services.js';
import type { Handlers } from './types.js';

type ServerHandlers = Pick<
  Handlers,
  | 'servers.list'
  | 'servers.create'
  | 'servers.start'
  | 'servers.stop'
  | 'servers.remove'
  | 'servers.logs'
  | 'servers.addUser'
  | 'servers.removeUser'
  | 'servers.changePassword'
  | 'servers.dockerTrustPlan'
  | 'servers.trustInDocker'
  | 'servers.gc'
>;

/**
 * The runtimes that work on this machine now, the preferred first: a container when the local engine
 * answers, else a docker-registry process when Distribution is on PATH.
 */
async function availableRuntimes(services: BerthServices): Promise<RuntimeKind[]> {
  const [hasEngine, hasBinary] = await Promise.all([
    (async () => (await probeEngine(services.engine())).state === 'running')().catch(() => false),
    new ProcessRuntime().binary().then(
      () => true,
      () => false,
    ),
  ]);
  return [...(hasEngine ? (['container'] as const) : []), ...(hasBinary ? (['process'] as const) : [])];
}

export const serverHandlers: ServerHandlers = {
  'servers.list': async (_input, { services }) => {
    const [list, runtimes] = await Promise.all([servers(services).list(), availableRuntimes(services)]);
    return { servers: list, runtimes };
  },

  'servers.create': async (input, { services }) =>
    createServer(services, {
      name: input.name,
      port: input.port,
      bind: input.bind,
      tls: input.tls,
      user: input.user && input.secret ? { name: input.user, password: input.secret } : undefined,
      runtime: input.runtime,
      image: input.image,
      network: input.network,
      deleteEnabled: input.deleteEnabled,
      start: input.start,
    }),

  'servers.start': async (input, { services }) => servers(services).start(input.name),

  'servers.stop': async (input, { services }) => ({ stopped: await servers(services).stop(input.name) }),

  'servers.remove': async (input, { services }) =>
    removeServer(services, input.name, { deleteData: input.deleteData }),

  'servers.logs': async (input, { services }) => ({
    text: await servers(services).logs(input.name, input.lines),
  }),

  'servers.addUser': async (input, { services }) =>
    servers(services).addUser(input.name, input.user, input.secret),

  'servers.removeUser': async (input, { services }) => servers(services).removeUser(input.name, input.user),

  'servers.changePassword': async (input, { services }) =>
    changeServerPassword(services, input.name, input.user, input.secret),

  'servers.dockerTrustPlan': async (input, { services }) => servers(services).dockerTrustPlan(input.name),

  'servers.trustInDocker': async (input, { services }) => servers(services).trustInDocker(input.name),

  'servers.gc': async (input, { services }) =>
    servers(services).collectGarbage(input.name, {
      dryRun: input.dryRun,
      deleteUntagged: input.deleteUntagged,
    }),
};
