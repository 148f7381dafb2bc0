import { useSyncExternalStore } from 'react';
import { api } from '../../api.js';
import { countRunning } from './job-math.js';
import { JobStore, type JobsView } from './job-store.js';

const store = new JobStore(
  {
    list: () => api.invoke('jobs.list', {}),
    subscribe: (listener) => api.subscribe('jobs.progress', listener),
    onRemoved: (listener) => api.subscribe('jobs.removed', ({ ids }) => listener(ids)),
    onReconnect: (listener) => api.onReconnect(listener),
  },
  (flush) => requestAnimationFrame(flush),
);

/** Every job of this Berth process, kept up to date from `jobs.progress` events. */
export function useJobs(): JobsView {
  return useSyncExternalStore(store.subscribe, store.getView);
}

/** Takes jobs off the list at once (the core's `jobs.removed` event says the same a moment later). */
export function removeJobs(ids: readonly string[]): void {
  store.remove(ids);
}

/** How many jobs are running (the badge on the Transfers section). */
export function useRunningJobCount(): number {
  return useSyncExternalStore(store.subscribe, () => countRunning(store.getView().jobs));
}
