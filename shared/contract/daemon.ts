import { z } from 'zod';
import { request } from './define.js';

/** The registry settings of the local Docker daemon (daemon.json), as read. */
export interface DaemonRegistrySettings {
  file: string;
  exists: boolean;
  insecureRegistries: string[];
  registryMirrors: string[];
}

export const daemonRequests = {
  'daemon.read': request<DaemonRegistrySettings>()(z.strictObject({})),
};
