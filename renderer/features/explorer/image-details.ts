import type { ImageConfig, LayerEntry } from '../../../shared/image.js';

export interface HistoryRow {
  created?: string;
  createdBy: string;
  comment?: string;
  /** The step changed no files (ENV, CMD, LABEL…) and has no layer. */
  isEmpty: boolean;
  /** The layer this step made: the n-th non-empty step made the n-th layer. */
  layer?: LayerEntry;
}

/**
 * The build steps from the config's history, each non-empty one next to the layer it made. History
 * and layers are both in build order and only non-empty steps make layers (image-spec config.md,
 * "history"), so counting non-empty steps pairs them.
 */
export function alignHistory(config: ImageConfig | undefined, layers: LayerEntry[]): HistoryRow[] {
  let next = 0;
  return (config?.history ?? []).map((step) => {
    const isEmpty = step.empty_layer === true;
    const row: HistoryRow = { createdBy: step.created_by?.trim() || step.comment || '—', isEmpty };
    if (step.created) row.created = step.created;
    if (step.comment && step.comment !== row.createdBy) row.comment = step.comment;
    if (!isEmpty && layers[next]) row.layer = layers[next];
    if (!isEmpty) next++;
    return row;
  });
}

/** Each layer's share of the largest one, 0–1, for the size bars (the largest bar is full width). */
export function layerShares(layers: LayerEntry[]): number[] {
  const largest = Math.max(0, ...layers.map((layer) => layer.size));
  return layers.map((layer) => (largest > 0 ? layer.size / largest : 0));
}

export { referrerKind, type ReferrerKind } from '../../../shared/manifest.js';
