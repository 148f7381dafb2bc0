import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  collect,
  DigestMismatchError,
  getManifest,
  headManifest,
  inspectImage,
  listReferrers,
  RateLimitError,
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
    const manifest = await getManifest(client, { registry: host, repository: 'flaky/app', reference: '1' });
    expect(manifest.digest).toBe(image.digest);
    expect(
      proxy.requests.filter((r) => r.path.includes('/manifests/1')).length - before,
    ).toBeGreaterThanOrEqual(2);
    await client.close();
  });

  it('gives up after the retries with the registry error, not a hang', async () => {
    fault = (request) => (request.path.includes('/tags/list') ? { status: 503 } : undefined);
    const { client, host } = viaProxy();
    const error = await collect(listTags(client, { registry: host, repository: 'flaky/app' })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RegistryResponseError);
    expect((error as RegistryResponseError).status).toBe(503);
    await client.close();
  });

  it('retries a dropped connection on a read', async () => {
    let drops = 1;
    fault = (request) =>
      request.path.includes('/tags/list') && drops-- > 0 ? { destroySocket: true } : undefined;
    const { client, host } = viaProxy();
    expect(await collect(listTags(client, { registry: host, repository: 'flaky/app' }))).toEqual(['1']);
    await client.close();
  });

  it('reports a connection that keeps dropping as a network error', async () => {
    fault = (request) => (request.path.includes('/tags/list') ? { destroySocket: true } : undefined);
    const { client, host } = viaProxy();
    await expect(
      collect(listTags(client, { registry: host, repository: 'flaky/app' })),
    ).rejects.toBeInstanceOf(NetworkError);
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
    const { stream, redirectedTo } = await openBlob(
      client,
      { registry: host, repository: 'flaky/app' },
      layer.digest,
      {
        size: layer.size,
      },
    );
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
    const error = await getManifest(client, {
      registry: host,
      repository: 'flaky/app',
      reference: image.digest,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigestMismatchError);
    expect((error as DigestMismatchError).expected).toBe(image.digest);
    await client.close();
  });

  it('refuses a manifest by tag whose bytes do not match the digest the registry announced', async () => {
    fault = (request) =>
      request.method === 'GET' && request.path.endsWith('/manifests/1') ? { corruptBody: true } : undefined;
    const { client, host } = viaProxy();
    await expect(
      getManifest(client, { registry: host, repository: 'flaky/app', reference: '1' }),
    ).rejects.toBeInstanceOf(DigestMismatchError);
    await client.close();
  });

  it('refuses a blob whose bytes do not match its digest', async () => {
    fault = (request) =>
      request.method === 'GET' && request.path.includes(`/blobs/${image.configDigest}`)
        ? { corruptBody: true }
        : undefined;
    const { client, host } = viaProxy();
    await expect(
      readBlob(client, { registry: host, repository: 'flaky/app' }, image.configDigest),
    ).rejects.toBeInstanceOf(DigestMismatchError);
    await client.close();
  });

  it('refuses a manifest over 4 MiB', async () => {
    const huge = Buffer.alloc(5 * 1024 * 1024, 0x20);
    fault = (request) =>
      request.method === 'GET' && request.path.endsWith('/manifests/1') ? { replaceBody: huge } : undefined;
    const { client, host } = viaProxy();
    const error = await getManifest(client, {
      registry: host,
      repository: 'flaky/app',
      reference: '1',
    }).catch((e: unknown) => e);
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
    const error = await getManifest(client, {
      registry: host,
      repository: 'flaky/app',
      reference: '1',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as Error).message).toContain('not a JSON manifest');
    await client.close();
  });
});

describe('rate limits, referrers API and connection reuse (through the proxy)', () => {
  it('reads Docker Hub-style rate-limit headers from a HEAD', async () => {
    fault = (request) =>
      request.method === 'HEAD' && request.path.endsWith('/manifests/1')
        ? {
            status: 200,
            body: '',
            headers: {
              'content-type': image.mediaType,
              'docker-content-digest': image.digest,
              'content-length': String(image.size),
              'ratelimit-limit': '100;w=21600',
              'ratelimit-remaining': '42;w=21600',
              'docker-ratelimit-source': '203.0.113.7',
            },
          }
        : undefined;
    const { client, host } = viaProxy();
    const head = await headManifest(client, { registry: host, repository: 'flaky/app', reference: '1' });
    expect(head.digest).toBe(image.digest);
    expect(head.rateLimit).toEqual({
      limit: 100,
      remaining: 42,
      windowSeconds: 21600,
      source: '203.0.113.7',
    });
    await client.close();
  });

  it('waits for Retry-After on 429 and then succeeds', async () => {
    let limited = 1;
    fault = (request) =>
      request.path.includes('/tags/list') && limited-- > 0
        ? {
            status: 429,
            headers: { 'retry-after': '1' },
            body: '{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}',
          }
        : undefined;
    const { client, host } = viaProxy();
    const started = Date.now();
    expect(await collect(listTags(client, { registry: host, repository: 'flaky/app' }))).toEqual(['1']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await client.close();
  });

  it('reports a rate limit that does not lift, with the limit headers', async () => {
    fault = (request) =>
      request.path.includes('/manifests/')
        ? {
            status: 429,
            headers: {
              'retry-after': '3600',
              'ratelimit-limit': '100;w=21600',
              'ratelimit-remaining': '0;w=21600',
            },
            body: '{"errors":[{"code":"TOOMANYREQUESTS","message":"You have reached your pull rate limit."}]}',
          }
        : undefined;
    const { client, host } = viaProxy();
    const error = await getManifest(client, {
      registry: host,
      repository: 'flaky/app',
      reference: '1',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterSeconds).toBe(3600);
    expect((error as RateLimitError).rateLimit).toMatchObject({ limit: 100, remaining: 0 });
    expect((error as RateLimitError).message).toContain('You have reached your pull rate limit.');
    await client.close();
  });

  it('lists referrers through the OCI 1.1 API where the registry has it', async () => {
    const referrer = {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: `sha256:${'a'.repeat(64)}`,
      size: 10,
      artifactType: 'application/spdx+json',
    };
    fault = (request) =>
      request.path.startsWith(`/v2/flaky/app/referrers/${image.digest}`)
        ? {
            status: 200,
            headers: { 'content-type': 'application/vnd.oci.image.index.v1+json' },
            body: JSON.stringify({
              schemaVersion: 2,
              mediaType: 'application/vnd.oci.image.index.v1+json',
              manifests: [referrer],
            }),
          }
        : undefined;
    const { client, host } = viaProxy();
    const result = await listReferrers(client, {
      registry: host,
      repository: 'flaky/app',
      reference: image.digest,
    });
    expect(result).toEqual({ referrers: [referrer], source: 'api' });
    const none = await listReferrers(
      client,
      { registry: host, repository: 'flaky/app', reference: image.digest },
      {
        artifactType: 'application/vnd.dev.sigstore.bundle+json',
      },
    );
    expect(none.referrers).toEqual([]);
    await client.close();
  });

  it('inspects warm in two requests on a kept-alive connection', async () => {
    const { client } = viaProxy();
    await inspectImage(client, target());
    const before = proxy.requests.length;
    await inspectImage(client, target());
    const warm = proxy.requests.slice(before);
    expect(warm.map((r) => `${r.method} ${r.path.replace(/sha256:[0-9a-f]+/, 'DIGEST')}`)).toEqual([
      'GET /v2/flaky/app/manifests/1',
      'GET /v2/flaky/app/blobs/DIGEST',
    ]);
    await client.close();
  });
});
