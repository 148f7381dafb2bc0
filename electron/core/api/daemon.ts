import { loadDaemonConfig, locateDaemonConfig } from '../daemon-config/index.js';
import type { Handlers } from './types.js';

type DaemonHandlers = Pick<Handlers, 'daemon.read'>;

export const daemonHandlers: DaemonHandlers = {
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
