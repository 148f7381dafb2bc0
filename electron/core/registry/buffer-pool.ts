import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';

/**
 * A fixed set of chunk buffers shared by every upload of a process: memory for copies stays the same
 * whatever the image size or the number of blobs in flight, and no chunk buffer is ever garbage.
 */
export class BufferPool {
  private readonly free: Buffer[] = [];
  private readonly waiting: ((buffer: Buffer) => void)[] = [];

  constructor(
    readonly chunkSize: number,
    count: number,
  ) {
    for (let i = 0; i < count; i++) this.free.push(Buffer.allocUnsafeSlow(chunkSize));
  }

  async acquire(signal?: AbortSignal): Promise<Buffer> {
    const buffer = this.free.pop();
    if (buffer) return buffer;
    return new Promise<Buffer>((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiting.indexOf(resolve);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal?.reason ?? new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push((b) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(b);
      });
    });
  }

  release(buffer: Buffer): void {
    const next = this.waiting.shift();
    if (next) next(buffer);
    else this.free.push(buffer);
  }
}

let collect: ((options?: { type: 'minor' | 'major' }) => void) | undefined | null;

/**
 * V8's collector as a function (`gc`), exposed at run time; null where the runtime refuses.
 */
function collector(): typeof collect {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as typeof collect;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/**
 * Streams hand over a fresh 64 KiB buffer per socket read; V8 only collects them once tens of MiB of
 * such external memory piled up. A young-generation collection after every few chunks keeps a copy's
 * memory flat (about 1 ms each). Where the runtime refuses, this does nothing.
 */
export function collectYoungGarbage(): void {
  collector()?.({ type: 'minor' });
}

/** Bytes between two young-generation collections (see collectYoungGarbage). */
const COLLECT_EVERY = 16 * 1024 * 1024;
let sinceCollect = 0;

/**
 * Buffer bytes allowed to pile up above what was alive after the last full collection. A buffer still
 * on its way (queued in a stream, waiting for the upload socket) when two young collections pass is
 * moved to the old generation, and its memory then waits for a full collection, which V8 starts on its
 * own only after tens of MiB: a cold 2 GiB `berth cp` crept from 110 to 125–134 MiB peak RSS that way.
 * Measured against the live amount, so buffers that are meant to stay (the chunked uploads' pool) never
 * count.
 */
export const PROMOTED_BUFFERS_LIMIT = 16 * 1024 * 1024;
let liveBuffers = 0;

/** A full collection when old buffers piled up past PROMOTED_BUFFERS_LIMIT (a few ms, rarely). */
export function collectPromotedBuffers(): void {
  const gc = collector();
  if (!gc || process.memoryUsage().arrayBuffers - liveBuffers < PROMOTED_BUFFERS_LIMIT) return;
  gc({ type: 'major' });
  liveBuffers = process.memoryUsage().arrayBuffers;
}

/**
 * Counts blob bytes passing through this process (a download, verified, on its way to an upload) and
 * collects the young generation after every 16 MiB of them, whichever way they are uploaded (and the
 * old one when buffers piled up there).
 */
export function noteBytesMoved(bytes: number): void {
  sinceCollect += bytes;
  if (sinceCollect < COLLECT_EVERY) return;
  sinceCollect = 0;
  collectYoungGarbage();
  collectPromotedBuffers();
}
