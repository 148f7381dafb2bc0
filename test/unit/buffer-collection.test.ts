// Buffers a copy's streams held while young collections passed end up in V8's old generation, and their
// memory waits for a full collection that V8 starts on its own only after tens of MiB: noteBytesMoved
// runs one when such buffers piled up past the limit.
import { describe, expect, it } from 'vitest';
import {
  collectPromotedBuffers,
  collectYoungGarbage,
  noteBytesMoved,
  PROMOTED_BUFFERS_LIMIT,
} from '../../electron/core/registry/buffer-pool.js';

const MiB = 1024 * 1024;

function promotedBuffers(bytes: number): void {
  let held: Buffer[] | undefined = Array.from({ length: bytes / MiB }, () => Buffer.alloc(MiB, 1));
  // Two young collections with the buffers still referenced move them to the old generation.
  collectYoungGarbage();
  collectYoungGarbage();
  expect(held.length).toBe(bytes / MiB);
  held = undefined;
}

describe('noteBytesMoved', () => {
  it('frees old buffers that piled up past the limit', () => {
    collectPromotedBuffers(); // settle what was alive before
    noteBytesMoved(0);
    promotedBuffers(PROMOTED_BUFFERS_LIMIT + 16 * MiB);
    collectYoungGarbage();
    const piled = process.memoryUsage().arrayBuffers;
    noteBytesMoved(16 * MiB);
    expect(piled - process.memoryUsage().arrayBuffers).toBeGreaterThan(PROMOTED_BUFFERS_LIMIT);
  });

  it('leaves buffers that are still referenced alone', () => {
    const kept = Array.from({ length: 24 }, () => Buffer.alloc(MiB, 1));
    collectYoungGarbage();
    collectYoungGarbage();
    const before = process.memoryUsage().arrayBuffers;
    noteBytesMoved(16 * MiB);
    expect(process.memoryUsage().arrayBuffers).toBeGreaterThanOrEqual(before - 8 * MiB);
    expect(kept.every((buffer) => buffer[0] === 1)).toBe(true);
  });
});
