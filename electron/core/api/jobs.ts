import { loadDaemonConfig, locateDaemonConfig } from '../daemon-config/index.js';
import { probeEngine } from '../docker/index.js';
import type { Handlers } from './types.js';

type OtherHandlers = Pick<
  Handlers,
  'jobs.list' | 'jobs.start' | 'jobs.cancel' | 'engine.status' | 'daemon.read'
>;

export const jobHandlers: OtherHandlers = {
  'jobs.list': async (_input, { services }) => services.jobs.list(),

  'jobs.start': async (input, { services }) => {
    const { kind, ...rest } = input;
    const title =
      input.kind === 'copy' || input.kind === 'sync'
        ? `${input.kind} ${input.source} → ${input.destination}`
        : input.kind === 'pull'
          ? `pull ${input.reference}`
          : `push ${input.to ?? input.source}`;
    return { id: services.jobs.start(kind, rest, title) };
  },

  'jobs.cancel': async (input, { services }) => ({ cancelled: services.jobs.cancel(input.id) }),

  'engine.status': async (_input, { services, signal }) => probeEngine(services.engine(), signal),

  'daemon.read': async () => {
    const { file } = locateDaemonConfig();
    const loaded = await loadDaemonConfig(file);
    return {
      file: loaded.file,
      exists: loaded.exists,
      insecureRegistries: loaded.document.insecureRegistries,
      registryMirrors: loaded.document.registryMirrors,
    };
  },
};
