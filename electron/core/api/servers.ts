import type { RuntimeKind } from '../../../shared/contract/index.js';
import type { ServerView } from '../../../shared/contract/servers.js';
import { readLiveRegistryConfig } from '../daemon-config/index.js';
import { probeEngine } from '../docker/index.js';
import {
  changeServerPassword,
  createServer,
  ProcessRuntime,
  registryServers as servers,
  removeServer,
  type ListedServer,
  type TrustEngine,
} from '../registry-server/index.js';
import type { BerthServices } from '../services.js';
import type { Handlers } from './types.js';

type ServerHandlers = Pick<
  Handlers,
  | 'servers.list'
  | 'servers.diskUse'
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
  | 'servers.mirrorStatus'
  | 'servers.mirrorSetup'
>;

/** A server as the app shows it: its problem in the app's words (a button, not a `berth server` command). */
function forApp({ appProblem, appProblemError, ...view }: ListedServer): ServerView {
  return {
    ...view,
    ...(appProblem ? { problem: appProblem } : {}),
    ...(appProblemError ? { problemError: appProblemError } : {}),
  };
}

/**
 * The runtimes that work on this machine now, the preferred first: a container when the local engine
 * answers, else a docker-registry process when Distribution is on PATH; and which engine answered.
 */
async function availableRuntimes(
  services: BerthServices,
): Promise<{ runtimes: RuntimeKind[]; engine?: 'docker' | 'podman' }> {
  const [engine, hasBinary] = await Promise.all([
    (async () => {
      const status = await probeEngine(services.engine());
      return status.state === 'running' ? status.engine?.kind : undefined;
    })().catch(() => undefined),
    new ProcessRuntime().binary().then(
      () => true,
      () => false,
    ),
  ]);
  const runtimes = [
    ...(engine ? (['container'] as const) : []),
    ...(hasBinary ? (['process'] as const) : []),
  ];
  return engine ? { runtimes, engine } : { runtimes };
}

/**
 * The engine a trust plan is for: Podman when the local engine is Podman (rootless or not, from its
 * /info), else dockerd — also with no engine running, as Docker is what most machines run.
 */
async function trustEngine(services: BerthServices): Promise<TrustEngine> {
  try {
    const engine = services.engine();
    if ((await engine.kind()) !== 'podman') return { kind: 'dockerd' };
    const { transport } = engine.endpoint;
    if (transport.kind !== 'unix') return { kind: 'podman' };
    const live = await readLiveRegistryConfig(transport.socketPath, undefined, 10_000);
    return { kind: 'podman', isRootless: live.isRootless };
  } catch {
    return { kind: 'dockerd' };
  }
}

export const serverHandlers: ServerHandlers = {
  'servers.list': async (_input, { services }) => {
    const [list, available] = await Promise.all([servers(services).list(), availableRuntimes(services)]);
    return { servers: list.map(forApp), ...available };
  },

  'servers.diskUse': async (input, { services }) => servers(services).diskUse(input.name),

  'servers.create': async (input, { services }) => {
    // The app shows the notes in its own words: they name buttons, not commands.
    const { appNotes, appNoteKinds, ...created } = await createServer(services, {
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
      ...(input.proxy
        ? {
            proxy: {
              url: input.proxy.url,
              username: input.proxy.username,
              password: input.proxySecret,
              ttl: input.proxy.ttl,
            },
          }
        : {}),
    });
    return { ...created, notes: appNotes, noteKinds: appNoteKinds };
  },

  'servers.start': async (input, { services }) => forApp(await servers(services).start(input.name)),

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

  'servers.dockerTrustPlan': async (input, { services }) =>
    servers(services).dockerTrustPlan(input.name, { engine: await trustEngine(services) }),

  'servers.trustInDocker': async (input, { services }) =>
    servers(services).trustInDocker(input.name, { engine: await trustEngine(services) }),

  'servers.mirrorStatus': async (input, { services }) => servers(services).mirrorStatus(input.name),

  'servers.mirrorSetup': async (input, { services }) => servers(services).mirrorSetup(input.name),

  'servers.gc': async (input, { services }) =>
    servers(services).collectGarbage(input.name, {
      dryRun: input.dryRun,
      deleteUntagged: input.deleteUntagged,
    }),
};
