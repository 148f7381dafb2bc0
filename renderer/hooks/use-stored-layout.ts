import { useCallback, useState, useSyncExternalStore } from 'react';
import {
  chooseSidebar,
  fitPaneWidths,
  isCompactWindow,
  isSidebarCollapsed,
  PANE_LIMITS,
  readPaneWidths,
  widestPane,
  type PaneName,
  type PaneWidths,
  type SidebarState,
} from '../lib/pane-layout.js';

// localStorage is per origin: the app window and the browser host each remember their own layout.
const PANE_WIDTHS_KEY = 'berth.layout.paneWidths';
const SIDEBAR_KEY = 'berth.layout.sidebarCollapsed';

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage refused (a locked-down profile): the layout starts from its defaults
  }
}

function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Not remembered across restarts, but the layout still changes now.
  }
}

function subscribeToResize(onChange: () => void): () => void {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
}

/** The window's width in CSS pixels, drawn again as the window is resized. */
export function useWindowWidth(): number {
  return useSyncExternalStore(subscribeToResize, () => window.innerWidth);
}

/**
 * Whether the sidebar is collapsed: the choice remembered across restarts, except that a compact window
 * shows the rail unless the sidebar was opened while it was compact.
 */
export function useSidebarCollapsed(): [boolean, (isCollapsed: boolean) => void] {
  const windowWidth = useWindowWidth();
  const [state, setState] = useState<SidebarState>(() => ({
    isCollapsed: readStorage(SIDEBAR_KEY) === 'true',
    isExpandedWhenCompact: false,
  }));
  // A window widened out of its compact size forgets the exception made there: set while rendering.
  if (state.isExpandedWhenCompact && !isCompactWindow(windowWidth))
    setState({ ...state, isExpandedWhenCompact: false });
  function update(isCollapsed: boolean) {
    const next = chooseSidebar(state, isCollapsed, windowWidth);
    setState(next);
    writeStorage(SIDEBAR_KEY, String(next.isCollapsed));
  }
  return [isSidebarCollapsed(state, windowWidth), update];
}

export interface PaneLayout {
  /** The widths to draw, fitted to the space the panes have now. */
  widths: PaneWidths;
  /** How wide each pane may be made now, for its separator's aria-valuemax. */
  maxima: PaneWidths;
  /** Put on the element the panes share: its width is the room they and the image view divide. */
  measure: (element: HTMLElement | null) => (() => void) | undefined;
  /** A new width for one pane (undefined: back to its default), kept within what fits and remembered. */
  resize: (name: PaneName, width: number | undefined) => void;
}

/** The explorer's pane widths: chosen by dragging or arrow keys, remembered, clamped to the window. */
export function usePaneLayout(): PaneLayout {
  const [chosen, setChosen] = useState(() => readPaneWidths(readStorage(PANE_WIDTHS_KEY)));
  const [room, setRoom] = useState<number>();
  const windowWidth = window.innerWidth;
  const available = room ?? windowWidth;
  const widths = fitPaneWidths(chosen, available, windowWidth);
  const maxima: PaneWidths = {
    repositories: widestPane('repositories', widths.tags, available),
    tags: widestPane('tags', widths.repositories, available),
  };

  const measure = useCallback((element: HTMLElement | null) => {
    if (!element) return undefined;
    const observer = new ResizeObserver(([entry]) => entry && setRoom(entry.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  function resize(name: PaneName, width: number | undefined) {
    const next = { ...chosen };
    if (width === undefined) delete next[name];
    else next[name] = Math.round(Math.min(Math.max(width, PANE_LIMITS[name].min), maxima[name]));
    setChosen(next);
    writeStorage(PANE_WIDTHS_KEY, JSON.stringify(next));
  }

  return { widths, maxima, measure, resize };
}
