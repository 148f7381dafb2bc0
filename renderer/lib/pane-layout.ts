// The explorer's pane widths and the sidebar's state: what a person chose, kept in localStorage, and the
// widths actually used, which always leave the image view room whatever the window's size.

/** The explorer's two resizable panes, left to right. */
export type PaneName = 'repositories' | 'tags';

export type PaneWidths = Record<PaneName, number>;

/** Narrowest and widest each pane may be made, in CSS pixels. */
export const PANE_LIMITS: Record<PaneName, { min: number; max: number }> = {
  // Narrower, and a pane's filter and its buttons no longer fit beside each other.
  repositories: { min: 180, max: 640 },
  tags: { min: 180, max: 560 },
};

/** The image view keeps at least this much of the window, however wide the panes were made. */
export const MIN_IMAGE_VIEW = 420;

/** Windows narrower than this get the narrower defaults, as the stylesheet's narrow sidebar does. */
const NARROW_WINDOW = 1280;

/** A pane separator's keyboard step: an arrow key moves it by this, Shift+arrow by four times as much. */
export const SEPARATOR_STEP = 16;

export function defaultPaneWidths(windowWidth: number): PaneWidths {
  return windowWidth < NARROW_WINDOW ? { repositories: 200, tags: 190 } : { repositories: 260, tags: 220 };
}

/**
 * The widths to draw: each chosen width (or the default) within its limits, and both together leaving
 * the image view `MIN_IMAGE_VIEW` of `room` (the window less the sidebar). What gives way first is the
 * pane not being resized, then the one that is, neither below its minimum.
 */
export function fitPaneWidths(chosen: Partial<PaneWidths>, room: number, windowWidth: number): PaneWidths {
  const defaults = defaultPaneWidths(windowWidth);
  const within = (name: PaneName, value: number | undefined) =>
    clamp(Math.round(value ?? defaults[name]), PANE_LIMITS[name].min, PANE_LIMITS[name].max);
  let repositories = within('repositories', chosen.repositories);
  let tags = within('tags', chosen.tags);
  const spare = room - MIN_IMAGE_VIEW;
  if (repositories + tags > spare) {
    tags = Math.max(PANE_LIMITS.tags.min, spare - repositories);
    repositories = Math.max(PANE_LIMITS.repositories.min, spare - tags);
  }
  return { repositories, tags };
}

/** The widest `pane` can be drawn next to the other pane's `otherWidth` in `room`. */
export function widestPane(name: PaneName, otherWidth: number, room: number): number {
  return clamp(room - MIN_IMAGE_VIEW - otherWidth, PANE_LIMITS[name].min, PANE_LIMITS[name].max);
}

/**
 * Under this window width the sidebar folds to its rail by itself: at the app's minimum (720 px) its 200 px
 * would leave the repositories, the tags and the image view too little room between them.
 */
export const COMPACT_WINDOW = 900;

/** The sidebar's state: the choice remembered across restarts, and an opening in a compact window. */
export interface SidebarState {
  /** Collapsed with its button in an ordinary window; what every ordinary window shows. */
  isCollapsed: boolean;
  /** Opened with its button while the window is compact; forgotten once it is wide again. */
  isExpandedWhenCompact: boolean;
}

export function isCompactWindow(windowWidth: number): boolean {
  return windowWidth < COMPACT_WINDOW;
}

/** Whether the sidebar is drawn as its rail in a window `windowWidth` wide. */
export function isSidebarCollapsed(state: SidebarState, windowWidth: number): boolean {
  return isCompactWindow(windowWidth) ? !state.isExpandedWhenCompact : state.isCollapsed;
}

/**
 * The state after the sidebar's button made it `isCollapsed`. In a compact window that is an exception
 * for as long as the window stays compact; the remembered choice is made in an ordinary window only.
 */
export function chooseSidebar(state: SidebarState, isCollapsed: boolean, windowWidth: number): SidebarState {
  return isCompactWindow(windowWidth)
    ? { ...state, isExpandedWhenCompact: !isCollapsed }
    : { ...state, isCollapsed };
}

/** The new width for a key pressed on a separator, or undefined for a key that does not move it. */
export function widthForKey(
  key: string,
  isShift: boolean,
  width: number,
  limits: { min: number; max: number },
): number | undefined {
  const step = isShift ? SEPARATOR_STEP * 4 : SEPARATOR_STEP;
  const moves: Record<string, number> = {
    ArrowLeft: width - step,
    ArrowRight: width + step,
    Home: limits.min,
    End: limits.max,
  };
  const next = moves[key];
  return next === undefined ? undefined : clamp(next, limits.min, limits.max);
}

/**
 * Pane widths read back from storage: only finite numbers for known panes survive, so a hand-edited or
 * older value never breaks the layout (it falls back to the defaults).
 */
export function readPaneWidths(stored: string | null): Partial<PaneWidths> {
  if (!stored) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const widths: Partial<PaneWidths> = {};
  for (const name of Object.keys(PANE_LIMITS) as PaneName[]) {
    const value = (parsed as Record<string, unknown>)[name];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) widths[name] = value;
  }
  return widths;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
