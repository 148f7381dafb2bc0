import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { PlacesView, PlaceView } from '../../../shared/contract/index.js';
import { call } from '../../api.js';
import { useAsync } from '../../hooks/use-async.js';

/** Starred places and the recently opened ones, with the two things the app does to them. */
export interface Places {
  bookmarks: readonly PlaceView[];
  recent: readonly PlaceView[];
  isStarred: (place: PlaceView) => boolean;
  setStarred: (place: PlaceView, isStarred: boolean) => Promise<void>;
  /** Puts a place at the top of the recent list. */
  opened: (place: PlaceView) => void;
  /** Reads them again (a connection removed or renamed took or moved its places). */
  reload: () => void;
}

export function samePlace(a: PlaceView, b: PlaceView): boolean {
  return a.connection === b.connection && a.repository === b.repository && a.reference === b.reference;
}

const NO_PLACES: Places = {
  bookmarks: [],
  recent: [],
  isStarred: () => false,
  setStarred: async () => undefined,
  opened: () => undefined,
  reload: () => undefined,
};

export const PlacesContext = createContext<Places>(NO_PLACES);

export function usePlaces(): Places {
  return useContext(PlacesContext);
}

/** The app's places, loaded once and replaced by each change's answer (the settings file is the truth). */
export function usePlacesState(): Places {
  const listed = useAsync('places', () => call('places.list', {}));
  const [changed, setChanged] = useState<PlacesView>();
  const view = changed ?? (listed.status === 'done' ? listed.value : undefined);
  const setStarred = useCallback(async (place: PlaceView, isStarred: boolean) => {
    setChanged(await call('places.star', { place, isStarred }));
  }, []);
  const opened = useCallback((place: PlaceView) => {
    call('places.opened', { place }).then(setChanged, () => undefined);
  }, []);
  const reload = useCallback(() => {
    call('places.list', {}).then(setChanged, () => undefined);
  }, []);
  return useMemo(() => {
    const bookmarks = view?.bookmarks ?? [];
    return {
      bookmarks,
      recent: view?.recent ?? [],
      isStarred: (place: PlaceView) => bookmarks.some((entry) => samePlace(entry, place)),
      setStarred,
      opened,
      reload,
    };
  }, [view, setStarred, opened, reload]);
}

/** Gives the whole app its starred and recent places, loaded once. */
export function PlacesProvider({ children }: { children: React.ReactNode }) {
  return <PlacesContext value={usePlacesState()}>{children}</PlacesContext>;
}
