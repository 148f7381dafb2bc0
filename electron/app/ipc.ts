import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS, type Outcome } from '../../shared/contract/index.js';
import type { CoreApi } from '../core/api/index.js';
import { isAppPage } from './app-origin.js';

/**
 * Binds the contract to ipcMain for one window. A call is answered only when it comes from that
 * window's top frame showing an app page: not from another window, an iframe or a page navigated
 * elsewhere. Inputs are validated by the api before any handler runs.
 */
export function bindContract(api: CoreApi, window: BrowserWindow): () => void {
  const isTrusted = (event: IpcMainInvokeEvent): boolean =>
    event.sender === window.webContents &&
    event.senderFrame !== null &&
    event.senderFrame === window.webContents.mainFrame &&
    isAppPage(event.senderFrame.url);

  ipcMain.handle(
    IPC_CHANNELS.invoke,
    async (event, name: unknown, input: unknown): Promise<Outcome<unknown>> => {
      if (!isTrusted(event))
        return { ok: false, error: { code: 'DENIED', message: 'this page may not call Berth' } };
      if (typeof name !== 'string')
        return { ok: false, error: { code: 'INVALID_INPUT', message: 'a request needs a name' } };
      return api.dispatch(name, input);
    },
  );
  const unsubscribe = api.subscribe((message) => {
    if (!window.isDestroyed() && isAppPage(window.webContents.getURL()))
      window.webContents.send(IPC_CHANNELS.event, message);
  });
  return () => {
    ipcMain.removeHandler(IPC_CHANNELS.invoke);
    unsubscribe();
  };
}
