// A streamed upload sends the blob in the body of the PUT that closes the session, as it arrives from the
// source. Berth must still be the one that decides the blob is whole: the destination here stores whatever
// a complete PUT carries without checking its digest (a registry that trusts its client, or a proxy that
// buffers the body and answers for it), so any PUT that reached its last byte would leave a blob under a
// digest its bytes do not have.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { copyImage, type CopyDeps } from '../../electron/core/copy/index.js';
import { JobManager } from '../../electron/core/jobs/index.js';
import { RegistryClient } from '../../electron/core/registry/index.js';
import type { JobSnapshot } from '../../shared/jobs.js';
import { parseDestinationLocation, parseImageLocation } from '../../shared/location.js';
import { sendJson, startHostileRegistry, type HostileRegistry } from '../fixtures/hostile-registry.js';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const sha = (bytes: Buffer | string) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

const config = Buffer.from('{"architecture":"amd64","os":"linux"}');
const LAYER_SIZE = 3 * 1024 * 1024 + 17;
const layer = Buffer.alloc(LAYER_SIZE, 7);
/** What the source serves for the layer: as many bytes, another digest (the last byte differs). */
const wrongLayer = Buffer.from(layer);
wrongLayer[wrongLayer.length - 1] = 8;
/** The real layer followed by bytes the descriptor does not declare. */
const longLayer = Buffer.concat([layer, Buffer.alloc(1024, 9)]);

const manifest = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: sha(config),
      size: config.length,
    },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha(layer), size: layer.length }],
  }),
);

/** What the source sends for the layer in the current test. */
let servedLayer: Buffer = wrongLayer;
/**
 * How the destination answers a PUT that carries bytes: `store` (201), a refusal status, 201 naming
 * another digest, `silent` (reads the body, never answers), `stall` (never reads it), `cut` (closes the
 * connection half-way through the body).
 */
let putAnswer: 'store' | 'other-digest' | 'silent' | 'stall' | 'cut' | number = 'store';
/** A status the source answers the layer's GET with (undefined: the layer). */
let sourceAnswer: number | undefined;

interface ReceivedPut {
  digest: string | null;
  bytes: number;
  /** The whole body arrived (the request ended, not broke off). */
  complete: boolean;
}

let source: HostileRegistry;
let destination: HostileRegistry;
const puts: ReceivedPut[] = [];
const manifestPuts: string[] = [];
/** Digests the destination "stored": every PUT whose body arrived whole, unverified. */
const stored = new Set<string>();

function drain(request: IncomingMessage): Promise<{ bytes: number; complete: boolean }> {
  return new Promise((resolve) => {
    let bytes = 0;
    request.on('data', (chunk: Buffer) => (bytes += chunk.length));
    request.on('end', () => resolve({ bytes, complete: true }));
    request.on('close', () => resolve({ bytes, complete: request.complete }));
  });
}

beforeAll(async () => {
  source = await startHostileRegistry([
    {
      path: '/v2/app/manifests/1',
      handler: (_request, response) => {
        response.writeHead(200, {
          'content-type': OCI_MANIFEST,
          'content-length': manifest.length,
          'docker-content-digest': sha(manifest),
        });
        response.end(manifest);
      },
    },
    {
      path: /^\/v2\/app\/blobs\/sha256:[0-9a-f]{64}$/,
      handler: (request, response, { url }) => {
        const digest = url.pathname.split('/').pop();
        if (digest !== sha(config) && sourceAnswer !== undefined)
          return sendJson(response, sourceAnswer, {
            errors: [{ code: 'UNKNOWN', message: 'source trouble' }],
          });
        const body = digest === sha(config) ? config : servedLayer;
        response.writeHead(200, {
          'content-length': body.length,
          'content-type': 'application/octet-stream',
        });
        if (request.method === 'HEAD') response.end();
        else response.end(body);
      },
    },
  ]);
  let sessions = 0;
  destination = await startHostileRegistry([
    {
      method: 'HEAD',
      path: /^\/v2\/copy\/blobs\//,
      handler: (_request, response, { url }) => {
        const digest = url.pathname.split('/').pop() ?? '';
        if (stored.has(digest)) sendJson(response, 200, {}, { 'docker-content-digest': digest });
        else sendJson(response, 404, { errors: [{ code: 'BLOB_UNKNOWN', message: 'blob unknown' }] });
      },
    },
    {
      method: 'POST',
      path: '/v2/copy/blobs/uploads/',
      handler: (_request, response) => {
        sessions++;
        sendJson(response, 202, {}, { location: `/v2/copy/blobs/uploads/s${sessions}`, range: '0-0' });
      },
    },
    {
      method: 'PATCH',
      path: /^\/v2\/copy\/blobs\/uploads\/s\d+$/,
      handler: async (request, response, { url }) => {
        await drain(request);
        sendJson(response, 202, {}, { location: url.pathname });
      },
    },
    {
      method: 'PUT',
      path: /^\/v2\/copy\/blobs\/uploads\/s\d+$/,
      handler: async (request, response, { url }) => {
        const digest = url.searchParams.get('digest');
        const bytesInPut = Number(request.headers['content-length'] ?? 0);
        if (putAnswer === 'stall' && bytesInPut > 0) return; // never reads the body, never answers
        if (putAnswer === 'cut' && bytesInPut > 0) {
          // Reads a megabyte of the body, then closes the connection without an answer.
          let read = 0;
          request.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read >= 1024 * 1024) request.socket.destroy();
          });
          return;
        }
        const received = await drain(request);
        puts.push({ digest, ...received });
        if (!received.complete) return;
        if (putAnswer === 'silent' && bytesInPut > 0) return; // reads it all, never answers
        if (typeof putAnswer === 'number' && bytesInPut > 0)
          return sendJson(response, putAnswer, { errors: [{ code: 'UNSUPPORTED', message: 'no' }] });
        // No digest check: what arrived whole is kept under the digest the client named.
        if (digest) stored.add(digest);
        const answered = putAnswer === 'other-digest' ? sha('something else') : (digest ?? '');
        sendJson(response, 201, {}, { 'docker-content-digest': answered });
      },
    },
    {
      method: 'DELETE',
      path: /^\/v2\/copy\/blobs\/uploads\/s\d+$/,
      handler: (_request, response) => sendJson(response, 204, {}),
    },
    {
      method: 'PUT',
      path: /^\/v2\/copy\/manifests\//,
      handler: async (request, response, { url }) => {
        await drain(request);
        manifestPuts.push(url.pathname);
        sendJson(response, 201, {}, { 'docker-content-digest': sha(manifest) });
      },
    },
  ]);
});

afterAll(async () => {
  await Promise.all([source?.stop(), destination?.stop()]);
});

function makeClient(timeouts?: { connectMs: number; answerMs: number; idleMs: number }): RegistryClient {
  return new RegistryClient({
    certsDRoot: false,
    timeouts,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    connectionFor: (host) => ({ host, insecureHttp: true }),
  });
}

async function copy(
  timeouts?: { connectMs: number; answerMs: number; idleMs: number },
  client = makeClient(timeouts),
  keepClient = false,
): Promise<JobSnapshot<'copy'>> {
  const deps: CopyDeps = { client };
  const jobs = new JobManager({ throttleMs: 0 });
  jobs.register('copy', (input, context) => copyImage(deps, input, context));
  try {
    const job = await jobs.launch(
      'copy',
      {
        source: parseImageLocation(`${source.host}/app:1`),
        destination: parseDestinationLocation(`${destination.host}/copy:1`),
      },
      'copy',
    ).done;
    return job as JobSnapshot<'copy'>;
  } finally {
    if (!keepClient) await client.close();
  }
}

describe('a streamed upload of bytes that are not the blob', () => {
  beforeEach(() => {
    putAnswer = 'store';
    puts.length = 0;
    manifestPuts.length = 0;
    stored.clear();
  });

  it('never lets the destination receive the whole body of a blob whose digest does not match', async () => {
    servedLayer = wrongLayer;
    puts.length = 0;
    manifestPuts.length = 0;
    stored.clear();
    const job = await copy();
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('DIGEST_MISMATCH');
    expect(manifestPuts).toEqual([]);
    // The layer's PUTs (the streamed one, and any retry) broke off before their last byte. The server
    // may see a connection close after the job ended: wait for every PUT it received to be recorded.
    const received = () =>
      destination.requests.filter(
        (request) => request.method === 'PUT' && request.path.includes('/uploads/'),
      );
    for (let waited = 0; puts.length < received().length && waited < 5000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const layerPuts = puts.filter((put) => put.digest === sha(layer));
    expect(layerPuts.length).toBeGreaterThan(0);
    for (const put of layerPuts) {
      expect(put.complete).toBe(false);
      expect(put.bytes).toBeLessThan(LAYER_SIZE);
    }
    expect(stored.has(sha(layer))).toBe(false);
  });

  it('fails a blob shorter than its descriptor (after two fresh tries) without the destination keeping it', async () => {
    servedLayer = layer.subarray(0, LAYER_SIZE - 100);
    const job = await copy();
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('NETWORK');
    expect(job.error?.message).toContain(`stopped after ${LAYER_SIZE - 100} of ${LAYER_SIZE} bytes`);
    expect(manifestPuts).toEqual([]);
    expect(stored.has(sha(layer))).toBe(false);
  });

  it('fails a blob longer than its descriptor without the destination keeping it', async () => {
    servedLayer = longLayer;
    puts.length = 0;
    manifestPuts.length = 0;
    stored.clear();
    const job = await copy();
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('TOO_LARGE');
    expect(manifestPuts).toEqual([]);
    expect(stored.has(sha(layer))).toBe(false);
  });
});

describe('a destination that misbehaves on the streamed PUT', () => {
  beforeEach(() => {
    servedLayer = layer;
    puts.length = 0;
    manifestPuts.length = 0;
    stored.clear();
  });

  it.each([400, 405, 413, 416, 500])('that refuses it with %i gets the blob in chunks', async (status) => {
    putAnswer = status;
    const job = await copy();
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(manifestPuts).toHaveLength(1);
    const requests = destination.requests.slice(-20).map((request) => request.method);
    expect(requests).toContain('PATCH');
  });

  it('that answers 201 naming another digest fails the copy, with no manifest', async () => {
    putAnswer = 'other-digest';
    const job = await copy();
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('DIGEST_MISMATCH');
    expect(job.error?.message).toContain(`was stored as ${sha('something else')}`);
    expect(manifestPuts).toEqual([]);
  });

  it.each(['silent', 'stall'] as const)(
    'that is %s after the PUT is given up within its timeouts, and the blob goes in chunks',
    async (mode) => {
      putAnswer = mode;
      const started = Date.now();
      const job = await copy({ connectMs: 1000, answerMs: 1000, idleMs: 1000 });
      const seconds = (Date.now() - started) / 1000;
      expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
      expect(manifestPuts).toHaveLength(1);
      expect(destination.requests.slice(-20).map((request) => request.method)).toContain('PATCH');
      // The streamed PUTs wait one 1 s timeout, not forever.
      expect(seconds).toBeLessThan(8);
    },
    20_000,
  );
});

describe('a source that fails a blob', () => {
  beforeEach(() => {
    servedLayer = layer;
    putAnswer = 'store';
    puts.length = 0;
    manifestPuts.length = 0;
    stored.clear();
  });

  it.each([404, 500])(
    'with %i is not taken for a destination that refuses streamed uploads',
    async (status) => {
      const client = makeClient();
      try {
        sourceAnswer = status;
        const failed = await copy(undefined, client, true);
        expect(failed.status).toBe('failed');
        expect(failed.error?.registry).toBe(source.host);
        // The source is healthy again: the same client still streams to the destination.
        sourceAnswer = undefined;
        const since = destination.requests.length;
        const job = await copy(undefined, client, true);
        expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
        const methods = destination.requests.slice(since).map((request) => request.method);
        expect(methods).not.toContain('PATCH');
      } finally {
        sourceAnswer = undefined;
        await client.close();
      }
    },
  );
});

describe('a destination that refuses a streamed PUT for the moment', () => {
  beforeEach(() => {
    servedLayer = layer;
    puts.length = 0;
    manifestPuts.length = 0;
    stored.clear();
  });

  it.each([429, 503])('with %i gets that blob in chunks, and later blobs streamed again', async (status) => {
    const client = makeClient();
    try {
      putAnswer = status;
      const first = await copy(undefined, client, true);
      expect(first.status, JSON.stringify(first.error)).toBe('succeeded');
      putAnswer = 'store';
      stored.clear();
      const since = destination.requests.length;
      const second = await copy(undefined, client, true);
      expect(second.status, JSON.stringify(second.error)).toBe('succeeded');
      expect(destination.requests.slice(since).map((request) => request.method)).not.toContain('PATCH');
    } finally {
      putAnswer = 'store';
      await client.close();
    }
  });
});

describe('a destination that closes the streamed PUT half-way', () => {
  it('gets the blob in chunks in a new session, and later blobs streamed again', async () => {
    servedLayer = layer;
    manifestPuts.length = 0;
    stored.clear();
    const client = makeClient();
    try {
      putAnswer = 'cut';
      const first = await copy(undefined, client, true);
      expect(first.status, JSON.stringify(first.error)).toBe('succeeded');
      expect(manifestPuts).toHaveLength(1);
      putAnswer = 'store';
      stored.clear();
      const since = destination.requests.length;
      const second = await copy(undefined, client, true);
      expect(second.status, JSON.stringify(second.error)).toBe('succeeded');
      expect(destination.requests.slice(since).map((request) => request.method)).not.toContain('PATCH');
    } finally {
      putAnswer = 'store';
      await client.close();
    }
  });
});
