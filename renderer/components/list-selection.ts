/**
 * The tag table's multi-selection as plain data, so every gesture is a pure function that a unit test
 * can run: a set of chosen rows and the anchor a Shift gesture extends from (the last row clicked or
 * toggled, as in a file manager).
 */
export interface Selection {
  chosen: ReadonlySet<string>;
  anchor: string | undefined;
}

export const EMPTY_SELECTION: Selection = { chosen: new Set(), anchor: undefined };

/** Exactly one row (a plain click, Enter). */
export function selectOne(item: string): Selection {
  return { chosen: new Set([item]), anchor: item };
}

/** Ctrl/Cmd-click and Space: in or out of the selection; the row becomes the anchor either way. */
export function toggle(selection: Selection, item: string): Selection {
  const chosen = new Set(selection.chosen);
  if (chosen.has(item)) chosen.delete(item);
  else chosen.add(item);
  return { chosen, anchor: item };
}

/**
 * Shift-click and Shift+↑/↓: the rows from the anchor to `item` in the order shown, replacing what a
 * previous range chose (the anchor stays put, so Shift+↓ then Shift+↑ shrinks the range again). Without
 * an anchor still in view the range starts at `item` itself.
 */
export function selectRange(selection: Selection, items: readonly string[], item: string): Selection {
  const to = items.indexOf(item);
  if (to < 0) return selection;
  const from = selection.anchor === undefined ? -1 : items.indexOf(selection.anchor);
  if (from < 0) return selectOne(item);
  const [start, end] = from <= to ? [from, to] : [to, from];
  return { chosen: new Set(items.slice(start, end + 1)), anchor: selection.anchor };
}

/** Ctrl/Cmd+A: every row shown (the filter decides what "all" is). */
export function selectAll(items: readonly string[]): Selection {
  return { chosen: new Set(items), anchor: items[0] };
}

/**
 * The chosen rows that are still shown, in the order shown: a filter or a refresh after a delete hides
 * rows, and an action must never touch a tag the user cannot see.
 */
export function chosenInView(selection: Selection, items: readonly string[]): string[] {
  if (!selection.chosen.size) return [];
  return items.filter((item) => selection.chosen.has(item));
}
