// What is too large gets a hint about itself: a blob that runs past the size its descriptor declares,
// a config blob past the size Berth reads whole, and a manifest over 4 MiB are three different faults.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getManifest,
  openBlob,
  readBlob,
  RegistryClient,
  TooLargeError,
} from '../../electron/core/registry/index.js';
import { startHostileRegistry, type HostileRegistry } from '../fixtures/hostile-registry.js';

const blob = Buffer.alloc(4096, 7);
const digest = `sha256:${createHash('sha256').update(blob).digest('hex')}`;
let registry: HostileRegistry;
let client: RegistryClient;

async function failure(work: () => Promise<unknown>): Promise<TooLargeError> {
  const error = await work().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TooLargeError);
  return error as TooLargeError;
}

beforeAll(async () => {
  registry = await startHostileRegistry([
    {
      path: `/v2/team/app/blobs/${digest}`,
      handler: (_request, response) => {
        response.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': blob.length,
        });
        response.end(blob);
      },
    },
    {
      path: '/v2/team/app/manifests/huge',
      handler: (_request, response) => {
        const body = Buffer.alloc(5 * 1024 * 1024, 0x20);
        response.writeHead(200, {
          'content-type': 'application/vnd.oci.image.manifest.v1+json',
          'content-length': body.length,
        });
        response.end(body);
      },
    },
  ]);
  client = new RegistryClient({
    connectionFor: (host) => ({ host, insecureHttp: true }),
    certsDRoot: false,
  });
});

afterAll(async () => {
  await client?.close();
  await registry?.stop();
});

describe('too large, and which thing', () => {
  it('a blob longer than its descriptor says so, without the manifest hint', async () => {
    const error = await failure(async () => {
      const { stream } = await openBlob(client, { registry: registry.host, repository: 'team/app' }, digest, {
        size: 1000,
      });
      for await (const _chunk of stream) {
        // read to the end
      }
    });
    expect(error.message).toContain('larger than the 1000 bytes its descriptor declares');
    expect(error.hint).toMatch(/more than the manifest says this blob holds/);
    expect(error.hint).not.toMatch(/manifests over 4 MiB/);
  });

  it('a config blob past the read limit names the config, not manifests', async () => {
    const error = await failure(() =>
      readBlob(client, { registry: registry.host, repository: 'team/app' }, digest, { limit: 1024 }),
    );
    expect(error.message).toContain('over the 1024-byte limit');
    expect(error.hint).toMatch(/image config/);
    expect(error.hint).not.toMatch(/manifests over 4 MiB/);
  });

  it('a manifest over 4 MiB keeps the manifest hint', async () => {
    const error = await failure(() =>
      getManifest(client, { registry: registry.host, repository: 'team/app', reference: 'huge' }),
    );
    expect(error.hint).toMatch(/manifests over 4 MiB/);
  });
});
