import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  collect,
  DigestMismatchError,
  getManifest,
  inspectImage,
  listTags,
  NetworkError,
  openBlob,
  ProtocolError,
  readBlob,
  RegistryResponseError,
  TooLargeError,
} from '../../electron/core/registry/index.js';
import { alice, clientFor } from '../fixtures/berth-client.js';
import {
  startFaultProxy,
  type FaultAction,
  type FaultProxy,
  type ProxiedRequest,
} from '../fixtures/fault-proxy.js';
import { pushImage, type PushedImage } from '../fixtures/images.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let registry: RegistryHandle;
let proxy: FaultProxy;
let image: PushedImage;
let fault: ((request: ProxiedRequest) => FaultAction | undefined) | undefined;

beforeAll(async () => {
  registry = await startRegistry({ auth: 'token' });
  image = await pushImage(registry, 'flaky/app', '1', { layers: 2, layerSize: 64 * 1024 });
  proxy = await startFaultProxy(registry, { onRequest: (request) => fault?.(request) });
});
afterEach(() => {
  fault = undefined;
});
afterAll(async () => {
  await proxy?.stop();
  await registry?.stop();
});

function viaProxy() {
  return clientFor(registry, { host: proxy.host, credential: alice(registry) });
}

const target = () => ({ registry: proxy.host, repository: 'flaky/app', reference: '1', tag: '1' });

describe('a registry that misbehaves (fault proxy in front of a real one)', () => {
  it('retries a GET that gets 500, then succeeds', async () => {
    let failures = 1;
    fault = (request) =>
      request.path.includes('/manifests/') && failures-- > 0 ? { status: 500 } : undefined;
    const { client, host } = viaProxy();
    const before = proxy.requests.filter((r) => r.path.includes('/manifests/1')).length;
    const manifest = await getManifest(client, host, 'flaky/app', '1');
    expect(manifest.digest).toBe(image.digest);
    expect(
      proxy.requests.filter((r) => r.path.includes('/manifests/1')).length - before,
    ).toBeGreaterThanOrEqual(2);
    await client.close();
  });

  it('gives up after the retries with the registry error, not a hang', async () => {
    fault = (request) => (request.path.includes('/tags/list') ? { status: 503 } : undefined);
    const { client, host } = viaProxy();
    const error = await collect(listTags(client, host, 'flaky/app')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryResponseError);
    expect((error as RegistryResponseError).status).toBe(503);
    await client.close();
  });

  it('retries a dropped connection on a read', async () => {
    let drops = 1;
    fault = (request) =>
      request.path.includes('/tags/list') && drops-- > 0 ? { destroySocket: true } : undefined;
    const { client, host } = viaProxy();
    expect(await collect(listTags(client, host, 'flaky/app'))).toEqual(['1']);
    await client.close();
  });

  it('reports a connection that keeps dropping as a network error', async () => {
    fault = (request) => (request.path.includes('/tags/list') ? { destroySocket: true } : undefined);
    const { client, host } = viaProxy();
    await expect(collect(listTags(client, host, 'flaky/app'))).rejects.toBeInstanceOf(NetworkError);
    await client.close();
  });

  it('follows a blob redirect to another origin without carrying Authorization there', async () => {
    fault = (request) =>
      request.method === 'GET' && request.path.includes('/blobs/')
        ? { redirectTo: 'blob-origin' }
        : undefined;
    const { client, host } = viaProxy();
    const before = proxy.blobOriginRequests.length;
    const inspection = await inspectImage(client, target());
    expect(inspection.configDigest).toBe(image.configDigest);
    const layer = image.layers[0]!;
    const { stream, redirectedTo } = await openBlob(client, host, 'flaky/app', layer.digest, {
      size: layer.size,
    });
    let bytes = 0;
    for await (const chunk of stream) bytes += (chunk as Buffer).length;
    expect(bytes).toBe(layer.size);
    expect(redirectedTo).toBe(proxy.blobOriginUrl);
    const atOrigin = proxy.blobOriginRequests.slice(before);
    expect(atOrigin.length).toBe(2);
    for (const request of atOrigin) {
      expect(request.headers.authorization).toBeUndefined();
      expect(request.headers.cookie).toBeUndefined();
    }
    // ...while the registry itself did get the token for the same request.
    const atProxy = proxy.requests.filter((r) => r.path.includes(`/blobs/${layer.digest}`));
    expect(atProxy.at(-1)!.headers.authorization).toMatch(/^Bearer /);
    await client.close();
  });

  it('refuses a manifest whose bytes do not match the digest asked for', async () => {
    fault = (request) =>
      request.method === 'GET' && request.path.endsWith(`/manifests/${image.digest}`)
        ? { corruptBody: true }
        : undefined;
    const { client, host } = viaProxy();
    const error = await getManifest(client, host, 'flaky/app', image.digest).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigestMismatchError);
    expect((error as DigestMismatchError).expected).toBe(image.digest);
    await client.close();
  });

  it('refuses a manifest by tag whose bytes do not match the digest the registry announced', async () => {
    fault = (request) =>
      request.method === 'GET' && request.path.endsWith('/manifests/1') ? { corruptBody: true } : undefined;
    const { client, host } = viaProxy();
    await expect(getManifest(client, host, 'flaky/app', '1')).rejects.toBeInstanceOf(DigestMismatchError);
    await client.close();
  });

  it('refuses a blob whose bytes do not match its digest', async () => {
    fault = (request) =>
      request.method === 'GET' && request.path.includes(`/blobs/${image.configDigest}`)
        ? { corruptBody: true }
        : undefined;
    const { client, host } = viaProxy();
    await expect(readBlob(client, host, 'flaky/app', image.configDigest)).rejects.toBeInstanceOf(
      DigestMismatchError,
    );
    await client.close();
  });

  it('refuses a manifest over 4 MiB', async () => {
    const huge = Buffer.alloc(5 * 1024 * 1024, 0x20);
    fault = (request) =>
      request.method === 'GET' && request.path.endsWith('/manifests/1') ? { replaceBody: huge } : undefined;
    const { client, host } = viaProxy();
    const error = await getManifest(client, host, 'flaky/app', '1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooLargeError);
    expect((error as Error).message).toContain('4194304-byte limit');
    await client.close();
  });

  it('reports garbage where a manifest should be', async () => {
    fault = (request) =>
      request.method === 'GET' && request.path.endsWith('/manifests/1')
        ? { replaceBody: Buffer.from('<html><body>Welcome to nginx</body></html>'), contentType: 'text/html' }
        : undefined;
    const { client, host } = viaProxy();
    const error = await getManifest(client, host, 'flaky/app', '1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as Error).message).toContain('not a JSON manifest');
    await client.close();
  });
});
