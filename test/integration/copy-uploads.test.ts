// How a copy's blobs go up to the real Distribution 2.8: one streamed PUT per blob when the source is
// healthy, chunks where a registry refuses that, and a fresh session (never a resumed one) after an
// upload whose body broke off, with no manifest left behind by a copy that failed.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../fixtures/berth-cli.js';
import { makeTempDir, removeDir, runCommand } from '../fixtures/process.js';
import { BlobLocationCache, copyImage, type CopyDeps } from '../../electron/core/copy/index.js';
import { JobManager } from '../../electron/core/jobs/index.js';
import { headBlob, headManifest, NotFoundError, RegistryClient } from '../../electron/core/registry/index.js';
import type { JobSnapshot } from '../../shared/jobs.js';
import { parseDestinationLocation, parseImageLocation } from '../../shared/location.js';
import {
  startFaultProxy,
  type FaultAction,
  type FaultProxy,
  type ProxiedRequest,
} from '../fixtures/fault-proxy.js';
import { pushImage, type PushedImage } from '../fixtures/images.js';
import { openUploads, startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let source: RegistryHandle;
let target: RegistryHandle;
/** In front of the source: `sourceFault` decides what happens to each request. */
let sourceProxy: FaultProxy;
/** In front of the destination: counts every request, `targetFault` may refuse some. */
let targetProxy: FaultProxy;
let sourceFault: ((request: ProxiedRequest) => FaultAction | undefined) | undefined;
let targetFault: ((request: ProxiedRequest) => FaultAction | undefined) | undefined;
let image: PushedImage;

const LAYER = 6 * 1024 * 1024;

function makeDeps(): CopyDeps {
  const client = new RegistryClient({
    certsDRoot: false,
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
    connectionFor: (host) => ({ host, insecureHttp: true }),
  });
  return { client, blobCache: new BlobLocationCache() };
}

async function copy(deps: CopyDeps, to: string, keepClient = false): Promise<JobSnapshot<'copy'>> {
  const jobs = new JobManager({ throttleMs: 0 });
  jobs.register('copy', (input, context) => copyImage(deps, input, context));
  const job = await jobs.launch(
    'copy',
    {
      source: parseImageLocation(`${sourceProxy.host}/app/big:1`),
      destination: parseDestinationLocation(`${targetProxy.host}/${to}:1`),
    },
    'copy',
  ).done;
  if (!keepClient) await deps.client.close();
  return job as JobSnapshot<'copy'>;
}

interface UploadRequest {
  method: string;
  /** The upload session's UUID (none for the POST that opens one). */
  session?: string;
  /** Content-Length: the bytes the request carried. */
  bytes: number;
  /** The `digest` a closing PUT names. */
  digest?: string;
}

/** The destination's requests for one repository's uploads, in order. */
function uploadRequests(repository: string, since = 0): UploadRequest[] {
  return targetProxy.requests
    .slice(since)
    .filter((request) => request.path.startsWith(`/v2/${repository}/blobs/uploads/`))
    .map((request) => ({
      method: request.method,
      session: /\/blobs\/uploads\/([^/?]+)/.exec(request.path)?.[1],
      bytes: Number(request.headers['content-length'] ?? 0),
      digest: new URL(request.path, 'http://proxy.invalid').searchParams.get('digest') ?? undefined,
    }));
}

async function manifestExists(deps: CopyDeps, repository: string): Promise<boolean> {
  return headManifest(deps.client, { registry: target.host, repository, reference: '1' }).then(
    () => true,
    (error: unknown) => {
      if (error instanceof NotFoundError) return false;
      throw error;
    },
  );
}

beforeAll(async () => {
  [source, target] = await Promise.all([
    startRegistry({ auth: 'none' }),
    startRegistry({ auth: 'none', deleteEnabled: true }),
  ]);
  image = await pushImage(source, 'app/big', '1', { layers: 2, layerSize: LAYER });
  sourceProxy = await startFaultProxy(source, { onRequest: (request) => sourceFault?.(request) });
  targetProxy = await startFaultProxy(target, { onRequest: (request) => targetFault?.(request) });
}, 120_000);

afterAll(async () => {
  await Promise.all([sourceProxy?.stop(), targetProxy?.stop()]);
  await Promise.all([source?.stop(), target?.stop()]);
});

describe('blob uploads', () => {
  it('sends each blob in one streamed PUT: a POST and a PUT per blob, no chunks', async () => {
    sourceFault = targetFault = undefined;
    const since = targetProxy.requests.length;
    const job = await copy(makeDeps(), 'healthy/app');
    expect(job.status).toBe('succeeded');
    expect(job.result?.digest).toBe(image.digest);
    const requests = uploadRequests('healthy/app', since);
    const blobs = 1 + image.layerDigests.length;
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(blobs);
    expect(requests.filter((request) => request.method === 'PATCH')).toEqual([]);
    const puts = requests.filter((request) => request.method === 'PUT');
    expect(puts).toHaveLength(blobs);
    const layerSizes = image.layers.map((layer) => layer.size).sort();
    expect(
      puts
        .map((put) => put.bytes)
        .filter((bytes) => bytes >= LAYER)
        .sort(),
    ).toEqual(layerSizes);
  });

  it('falls back to chunks where the registry refuses a streamed PUT, and remembers that registry', async () => {
    sourceFault = undefined;
    // A registry that takes blobs only in PATCH chunks: a PUT carrying bytes is refused.
    targetFault = (request) =>
      request.method === 'PUT' &&
      request.path.includes('/blobs/uploads/') &&
      Number(request.headers['content-length'] ?? 0) > 0
        ? { status: 400, body: JSON.stringify({ errors: [{ code: 'UNSUPPORTED', message: 'send chunks' }] }) }
        : undefined;
    const since = targetProxy.requests.length;
    const deps = makeDeps();
    const job = await copy(deps, 'chunked/app', true);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(job.result?.digest).toBe(image.digest);
    const requests = uploadRequests('chunked/app', since);
    const refused = (list: typeof requests) =>
      list.filter((request) => request.method === 'PUT' && request.bytes > 0);
    // Blobs that started together may each have tried once; every chunk went as a PATCH.
    expect(refused(requests).length).toBeGreaterThan(0);
    expect(refused(requests).length).toBeLessThanOrEqual(1 + image.layerDigests.length);
    expect(requests.filter((request) => request.method === 'PATCH').length).toBeGreaterThanOrEqual(
      1 + 2 * image.layerDigests.length,
    );
    expect(await openUploads(target, 'chunked/app')).toEqual([]);
    // The same client remembers: the next copy to that registry goes in chunks at once.
    const again = targetProxy.requests.length;
    const second = await copy(deps, 'chunked/again');
    expect(second.status, JSON.stringify(second.error)).toBe('succeeded');
    expect(refused(uploadRequests('chunked/again', again))).toEqual([]);
  });

  it('leaves no manifest when the source dies mid-blob, never resumes the broken session, and a retry succeeds', async () => {
    targetFault = undefined;
    // Every download of the first layer stops after 1 MiB, Range resumes included: the source is gone.
    const layer = image.layerDigests[0]!;
    sourceFault = (request) =>
      request.method === 'GET' && request.path.includes(`/blobs/${layer}`)
        ? { cutBodyAfter: 1024 * 1024 }
        : undefined;
    const since = targetProxy.requests.length;
    const deps = makeDeps();
    const failed = await copy(deps, 'doomed/app');
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('NETWORK');
    const check = makeDeps();
    expect(await manifestExists(check, 'doomed/app')).toBe(false);
    expect(
      await headBlob(check.client, { registry: target.host, repository: 'doomed/app' }, layer),
    ).toBeUndefined();
    // A session whose body broke off gets at most a DELETE afterwards: no PATCH, PUT or GET resumes it.
    const requests = uploadRequests('doomed/app', since);
    const broken = requests.filter((request) => request.method === 'PUT' && request.digest === layer);
    expect(broken.length).toBeGreaterThan(0);
    for (const put of broken) {
      const later = requests
        .slice(requests.indexOf(put) + 1)
        .filter((request) => request.session === put.session);
      expect(later.map((request) => request.method)).toEqual(['DELETE']);
    }
    // What Distribution keeps: the abandoned session's partial bytes, until its upload purge removes them.
    expect((await openUploads(target, 'doomed/app')).length).toBeLessThanOrEqual(broken.length);

    sourceFault = undefined;
    const retried = await copy(makeDeps(), 'doomed/app');
    expect(retried.status, JSON.stringify(retried.error)).toBe('succeeded');
    expect(retried.result?.digest).toBe(image.digest);
    await check.client.close();
  });

  it('collects the young generation every 16 MiB while a blob streams, so memory stays flat', async () => {
    const big = await pushImage(source, 'app/gc', '1', { layers: 1, layerSize: 40 * 1024 * 1024 });
    const dataDir = await makeTempDir('berth-gc-');
    try {
      // --trace-gc names a collection Berth asks for "testing"; V8's own are named for their cause.
      const { stdout } = await runCommand(
        process.execPath,
        ['--trace-gc', CLI, 'cp', `${source.host}/app/gc:1`, `${target.host}/gc/app:1`],
        { env: { ...process.env, BERTH_DATA_DIR: path.join(dataDir, 'data') }, timeoutMs: 120_000 },
      );
      expect(stdout).toContain(`Digest: ${big.digest}`);
      const asked = stdout.split('\n').filter((line) => /Scavenge.*testing/.test(line));
      expect(asked.length).toBeGreaterThanOrEqual(2);
    } finally {
      await removeDir(dataDir);
    }
  });
});
