import { describe, expect, it } from 'vitest';
import { BerthError } from '../../electron/core/registry/errors.js';
import {
  containerName,
  demultiplex,
  publishedPort,
  readWaitAnswer,
} from '../../electron/core/registry-server/index.js';

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

  it('publishes a wildcard bind, :: as 0.0.0.0, on every interface (an empty HostIp)', () => {
    for (const bind of ['::', '0.0.0.0'])
      expect(publishedPort({ bind, port: 5000 })).toEqual({ '5000/tcp': [{ HostIp: '', HostPort: '5000' }] });
    expect(publishedPort({ bind: '127.0.0.1', port: 5001 })).toEqual({
      '5001/tcp': [{ HostIp: '127.0.0.1', HostPort: '5001' }],
    });
    expect(publishedPort({ bind: '::1', port: 5002 })['5002/tcp']?.[0]?.HostIp).toBe('::1');
  });

  it("reads the exit code from the engine's wait answer", () => {
    expect(readWaitAnswer('{"StatusCode":0}', 'gc', 'unix:///run/docker.sock')).toBe(0);
    expect(readWaitAnswer('{"StatusCode":2,"Error":null}\n', 'gc', 'unix:///run/docker.sock')).toBe(2);
  });

  it('refuses a wait answer that is not JSON, or has no exit code, with a typed error and a hint', () => {
    for (const text of ['<html>Bad Gateway</html>', '{"StatusCode":', '{"Error":{"Message":"gone"}}']) {
      const error = (() => {
        try {
          readWaitAnswer(text, 'berth-registry-a-gc-1', 'tcp://127.0.0.1:2375');
        } catch (failure) {
          return failure;
        }
      })();
      expect(error).toBeInstanceOf(BerthError);
      expect((error as BerthError).code).toBe('PROTOCOL');
      expect((error as BerthError).message).toContain('berth-registry-a-gc-1');
      expect((error as BerthError).message).toContain(text.slice(0, 10));
      expect((error as BerthError).hint).toMatch(/DOCKER_HOST/);
    }
  });
});
