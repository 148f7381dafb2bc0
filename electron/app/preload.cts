// The renderer's only door: `window.berth` with three generic functions typed by the contract. A
// sandboxed preload cannot load other files, so it imports types only; the channel names are written
// out here and the `IpcChannels` type holds them to the contract's.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a sandboxed preload is CommonJS
import electron = require('electron');
import type { BerthApi, EventMessage, IpcChannels } from '../../shared/contract/index.js';

const { contextBridge, ipcRenderer } = electron;
const CHANNELS: IpcChannels = { invoke: 'berth:invoke', event: 'berth:event' };

const listeners = new Map<string, Set<(payload: never) => void>>();

ipcRenderer.on(CHANNELS.event, (_event, message: EventMessage) => {
  for (const listener of listeners.get(message.event) ?? []) listener(message.payload as never);
});

const berth: BerthApi = {
  invoke: (name, input) => ipcRenderer.invoke(CHANNELS.invoke, name, input),
  subscribe: (event, listener) => {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    const entry = (payload: never) => listener(payload);
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  },
  cancel: (jobId) => ipcRenderer.invoke(CHANNELS.invoke, 'jobs.cancel', { id: jobId }),
  // IPC lives as long as the window: no event is ever missed, so nothing needs reloading.
  onReconnect: () => () => undefined,
};

contextBridge.exposeInMainWorld('berth', berth);
