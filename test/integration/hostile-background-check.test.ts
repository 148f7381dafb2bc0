// The start-up check of a saved connection against a registry that trickles its /v2/ answer a byte at a
// time (never idle long enough for the idle timeout): the deadline reports it unreachable, and the check
// itself must stop there too, or each minute's re-check leaves one more running, holding a socket.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConnection, checkWithin } from '../../electron/core/connections/index.js';
import { SecretSet } from '../../electron/core/registry/secrets.js';
import { startHostileRegistry, type HostileRegistry } from '../fixtures/hostile-registry.js';

let registry: HostileRegistry;
const open = new Set<ServerResponse>();

beforeAll(async () => {
  registry = await startHostileRegistry([
    {
      path: '/v2/',
      handler: (_request, response) => {
        response.writeHead(200, {
          'content-type': 'application/json',
          'docker-distribution-api-version': 'registry/2.0',
        });
        open.add(response);
        const timer = setInterval(() => response.write(' '), 200);
        response.once('close', () => {
          clearInterval(timer);
          open.delete(response);
        });
      },
    },
  ]);
});

afterAll(async () => {
  for (const response of open) response.destroy();
  await registry?.stop();
});

describe('a background check of a registry that trickles', () => {
  it('is reported unreachable at its deadline and stops reading then', async () => {
    const started = Date.now();
    const outcome = await checkWithin(registry.host, 1000, (signal) =>
      checkConnection({ host: registry.host, insecureHttp: true }, undefined, new SecretSet(), signal),
    ).then(
      () => 'answered',
      (error: Error) => error.message,
    );
    expect(outcome).toMatch(/did not answer within 1 s/);
    expect(Date.now() - started).toBeLessThan(3000);
    await sleep(1500);
    expect(open.size).toBe(0);
  }, 20_000);
});
