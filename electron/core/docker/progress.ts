import { FINISHED_ITEM_STATES, type ItemState } from '../../../shared/jobs.js';
import type { ItemHandle, JobContext } from '../jobs/index.js';
import type { StreamMessage } from './json-stream.js';

interface StatusRule {
  state: ItemState;
  /** The message's `progressDetail` counts bytes moved for this layer. */
  countsBytes?: boolean;
  note?: (status: string, message: StreamMessage) => string | undefined;
  /** The layer's bytes are all there (top up to the total). */
  complete?: boolean;
}

function percent(message: StreamMessage): string {
  const { current, total } = message.progressDetail ?? {};
  return current !== undefined && total ? ` ${Math.min(100, Math.floor((current / total) * 100))}%` : '';
}

/**
 * The engine's per-layer statuses (moby `daemon/internal/distribution`, `daemon/containerd`; Podman's
 * compat handlers) on the shared item states. Extracting maps to `verifying`: its bytes are the ones
 * already downloaded, read again to unpack, so counting them would double the layer; the note carries
 * its percentage instead.
 */
export const STATUS_RULES: Record<string, StatusRule> = {
  'Pulling fs layer': { state: 'waiting' },
  Waiting: { state: 'waiting' },
  Downloading: { state: 'transferring', countsBytes: true },
  'Verifying Checksum': { state: 'verifying', complete: true },
  'Download complete': { state: 'verifying', complete: true, note: () => 'downloaded' },
  Extracting: { state: 'verifying', complete: true, note: (_s, m) => `extracting${percent(m)}` },
  'Pull complete': { state: 'done', complete: true },
  'Already exists': { state: 'skipped', note: () => 'already in the engine' },
  Preparing: { state: 'checking' },
  Pushing: { state: 'transferring', countsBytes: true },
  Pushed: { state: 'done', complete: true },
  'Layer already exists': { state: 'skipped', note: () => 'already in the registry' },
};

function ruleFor(status: string): StatusRule | undefined {
  const rule = STATUS_RULES[status];
  if (rule) return rule;
  if (status.startsWith('Mounted from '))
    return { state: 'mounted', note: () => `mounted from ${status.slice('Mounted from '.length)}` };
  if (status.startsWith('Retrying in ')) return { state: 'waiting', note: () => status.toLowerCase() };
  return undefined;
}

interface Layer {
  handle: ItemHandle;
  state: ItemState;
  reported: number;
  total?: number;
}

/**
 * Feeds one job's items from the engine's stream: one item per layer id, bytes from `progressDetail`
 * (clamped to the total: a push counts uncompressed bytes against the layer's size and may overshoot),
 * states never going back once finished (a second tag of the same push says "Layer already exists"
 * for layers the first one pushed).
 */
export class LayerProgress {
  private readonly layers = new Map<string, Layer>();

  constructor(private readonly context: JobContext) {}

  /** Whether any layer reported bytes (false: the engine only reports states, or nothing at all). */
  get hasLayerBytes(): boolean {
    return [...this.layers.values()].some((layer) => layer.total !== undefined);
  }

  get layerCount(): number {
    return this.layers.size;
  }

  /** Handles a layer message; false when the message is not about a layer. */
  handle(message: StreamMessage): boolean {
    if (typeof message.stream === 'string') return this.handleText(message.stream);
    const { status, id } = message;
    if (!status || !id) return false;
    const rule = ruleFor(status);
    if (!rule) return false;
    const layer = this.layer(id, message);
    if (FINISHED_ITEM_STATES.has(layer.state)) return true;
    const total = message.progressDetail?.total;
    if (total !== undefined && total > 0 && layer.total === undefined) {
      layer.total = total;
      layer.handle.setTotal(total);
    }
    if (rule.countsBytes) this.moveTo(layer, message.progressDetail?.current ?? layer.reported);
    if (rule.complete && layer.total !== undefined) this.moveTo(layer, layer.total);
    layer.state = rule.state;
    layer.handle.setState(rule.state, rule.note?.(status, message));
    return true;
  }

  /** The stream ended well: whatever did not say so is done (Podman never sends "Pull complete"). */
  finishAll(): void {
    for (const layer of this.layers.values()) this.finish(layer);
  }

  /** The job failed or was cancelled: unfinished layers are marked failed. */
  failAll(note: string): void {
    for (const layer of this.layers.values()) {
      if (FINISHED_ITEM_STATES.has(layer.state)) continue;
      layer.state = 'failed';
      layer.handle.setState('failed', note);
    }
  }

  private finish(layer: Layer): void {
    if (FINISHED_ITEM_STATES.has(layer.state)) return;
    if (layer.total !== undefined) this.moveTo(layer, layer.total);
    layer.state = 'done';
    layer.handle.setState('done');
  }

  private layer(id: string, message?: StreamMessage): Layer {
    let layer = this.layers.get(id);
    if (!layer) {
      const total = message?.progressDetail?.total;
      const known = total !== undefined && total > 0 ? total : undefined;
      layer = {
        handle: this.context.item(`layer:${id}`, {
          label: `layer ${id.slice(0, 12)}`,
          kind: 'layer',
          bytesTotal: known,
        }),
        state: 'waiting',
        reported: 0,
        total: known,
      };
      this.layers.set(id, layer);
    }
    return layer;
  }

  private moveTo(layer: Layer, current: number): void {
    const target = Math.max(0, layer.total === undefined ? current : Math.min(current, layer.total));
    if (target < layer.reported) {
      // A retry started the layer over.
      layer.handle.resetBytes();
      layer.reported = 0;
    }
    if (target > layer.reported) {
      layer.handle.addBytes(target - layer.reported);
      layer.reported = target;
    }
  }

  /** Podman's libpod pull: `Copying blob sha256:…`, `Copying config sha256:…`, `Writing manifest…`. */
  private handleText(text: string): boolean {
    let handled = false;
    for (const line of text.split('\n')) {
      const blob = /^Copying blob (?:sha256:)?([a-f0-9]{12,64})(.*)$/.exec(line.trim());
      if (blob?.[1]) {
        handled = true;
        const id = blob[1].slice(0, 12);
        const layer = this.layer(id);
        if (/skipped|already exists/i.test(blob[2] ?? '')) {
          if (!FINISHED_ITEM_STATES.has(layer.state)) {
            layer.state = 'skipped';
            layer.handle.setState('skipped', 'already in the engine');
          }
        } else if (/done/i.test(blob[2] ?? '')) this.finish(layer);
        else if (!FINISHED_ITEM_STATES.has(layer.state)) {
          layer.state = 'transferring';
          layer.handle.setState('transferring');
        }
        continue;
      }
      if (/^(Copying config|Writing manifest|Storing signatures)/.test(line.trim())) {
        handled = true;
        // Blobs copy concurrently; the config comes after all of them.
        this.finishAll();
      }
    }
    return handled;
  }
}
