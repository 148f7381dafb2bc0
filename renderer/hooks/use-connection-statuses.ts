import { createContext, useContext } from 'react';
import type { ConnectionStatus } from '../../shared/contract/index.js';

/** What the app knows of each saved connection: the last status pushed for it, and those still checking. */
export interface ConnectionStatuses {
  statuses: Readonly<Record<string, ConnectionStatus>>;
  checking: ReadonlySet<string>;
}

/** Provided once by the app (from its connections hook), so any dialog's connection picker can read it. */
export const ConnectionStatusesContext = createContext<ConnectionStatuses>({
  statuses: {},
  checking: new Set(),
});

export function useConnectionStatuses(): ConnectionStatuses {
  return useContext(ConnectionStatusesContext);
}
