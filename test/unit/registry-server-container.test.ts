import { describe, expect, it } from 'vitest';
import { containerName, demultiplex } from '../../electron/core/registry-server/index.js';

function frame(stream: 1 | 2, text: string): Buffer {
  const body = Buffer.from(text);
  const header = Buffer.alloc(8);
  header.writeUInt8(stream, 0);
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

describe('container runtime helpers', () => {
  it("joins stdout and stderr frames of Docker's multiplexed log stream in order", () => {
    const bytes = Buffer.concat([frame(1, 'listening on [::]:5000\n'), frame(2, 'é warning\n')]);
    expect(demultiplex(bytes)).toBe('listening on [::]:5000\né warning\n');
  });

  it('ignores a frame cut short at the end', () => {
    expect(demultiplex(Buffer.concat([frame(1, 'whole\n'), frame(1, 'cut').subarray(0, 6)]))).toBe('whole\n');
  });

  it('names the container after the server', () => {
    expect(containerName({ name: 'team-cache' })).toBe('berth-registry-team-cache');
  });
});
