import { createContext, useContext } from 'react';

/** The app's top-level places, in the order the sidebar lists them. */
export type PageId = 'explorer' | 'transfers' | 'local-images' | 'daemon' | 'servers' | 'storage';

/** Where to go, and what to open there. */
export interface Destination {
  page: PageId;
  /** Explorer: a saved connection's name to select. */
  connection?: string;
  repository?: string;
  tag?: string;
}

export interface Navigation {
  page: PageId;
  go(destination: Destination): void;
  /** Opens the Diagnose panel over the current page for a registry host (`host[:port]`). */
  diagnose(host: string, connection?: string): void;
}

export const NavigationContext = createContext<Navigation>({
  page: 'explorer',
  go: () => undefined,
  diagnose: () => undefined,
});

export function useNavigation(): Navigation {
  return useContext(NavigationContext);
}
