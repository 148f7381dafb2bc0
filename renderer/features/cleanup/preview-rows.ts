import type { PruneTag } from '../../../shared/prune.js';

/** Rows the preview table shows before "Show all": a few thousand rows render at once, 50,000 freeze the page. */
export const PREVIEW_ROWS_SHOWN = 2_000;

/**
 * The preview's rows to show: all of them in the preview's order when they are few (or all are asked for);
 * else the first PREVIEW_ROWS_SHOWN with every tag that goes first, since those are what the run deletes.
 */
export function previewRows(tags: readonly PruneTag[], showAll: boolean): readonly PruneTag[] {
  if (showAll || tags.length <= PREVIEW_ROWS_SHOWN) return tags;
  return [...tags.filter((tag) => tag.goes), ...tags.filter((tag) => !tag.goes)].slice(0, PREVIEW_ROWS_SHOWN);
}
