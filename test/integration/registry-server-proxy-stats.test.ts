// A pull-through cache's counters are read from its debug port on 127.0.0.1. Whatever answers there
// (another program that took the port, a registry gone wrong) may lie, stall or send too much: each is a
// clear failure within the time limit, never a hang or a figure made up.
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readCacheStats } from '../../electron/core/registry-server/index.js';

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

async function debugServer(handler: Parameters<typeof createServer>[1]): Promise<number> {
  server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

describe("a cache's counters from its debug port", () => {
  it('reads the hits as requests less misses, and never a negative or made-up figure', async () => {
    const port = await debugServer((_request, response) =>
      response.end(
        JSON.stringify({
          registry: {
            proxy: {
              manifests: { Requests: 4, Hits: 4, Misses: 1, BytesPushed: 100 },
              blobs: { Requests: 9, Hits: 9, Misses: -5, BytesPushed: 'lots' },
            },
          },
        }),
      ),
    );
    expect(await readCacheStats(port)).toEqual({
      manifests: { requests: 4, hits: 3, misses: 1 },
      blobRequests: 9,
      bytesServed: 100,
    });
  });

  it('refuses a page without proxy counters, one that is not JSON and one that is not 200', async () => {
    let answer = '{"cmdline":["x"]}';
    let status = 200;
    const port = await debugServer((_request, response) => {
      response.statusCode = status;
      response.end(answer);
    });
    await expect(readCacheStats(port)).rejects.toThrow(/no proxy counters/);
    answer = '<html>not expvar</html>';
    await expect(readCacheStats(port)).rejects.toThrow(/JSON/);
    status = 404;
    await expect(readCacheStats(port)).rejects.toThrow(/HTTP 404/);
  });

  it('stops reading a page larger than its cap', async () => {
    const port = await debugServer((_request, response) => {
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const write = () => {
        while (sent < 64 && response.write(chunk)) sent += 1;
        if (sent < 64) response.once('drain', write);
        else response.end();
      };
      write();
    });
    await expect(readCacheStats(port)).rejects.toThrow(/larger than/);
  });

  it('gives up on a port that answers nothing, within its time limit', async () => {
    const port = await debugServer(() => {
      // Never answers.
    });
    await expect(readCacheStats(port)).rejects.toThrow();
  }, 20_000);
});
