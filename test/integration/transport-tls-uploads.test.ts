// Large blobs uploaded in parallel into a TLS Distribution 2.8. Over HTTP/2 every upload shared one
// session, and Node reset responses on it with ENHANCE_YOUR_CALM about half the time (issue 15, item 8).
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../shared/jobs.js';
import { copyImage } from '../../electron/core/copy/index.js';
import { JobManager } from '../../electron/core/jobs/index.js';
import { headBlob, RegistryClient, startUpload } from '../../electron/core/registry/index.js';
import { uploadStreamInChunks } from '../../electron/core/registry/chunked-upload.js';
import { clientFor } from '../fixtures/berth-client.js';
import { pushImage } from '../fixtures/images.js';
import { openUploads, startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import { parseImageLocation } from '../../shared/location.js';

const MIB = 1024 * 1024;
const BLOBS = 4;
const BLOB_SIZE = 50 * MIB;
const ROUNDS = 4;

let tlsRegistry: RegistryHandle;
let plainRegistry: RegistryHandle;
let blobs: { bytes: Buffer; digest: string }[];

beforeAll(async () => {
  [tlsRegistry, plainRegistry] = await Promise.all([startRegistry({ tls: true }), startRegistry()]);
  blobs = Array.from({ length: BLOBS }, () => {
    const bytes = randomBytes(BLOB_SIZE);
    return { bytes, digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}` };
  });
}, 120_000);

afterAll(async () => {
  await Promise.all([tlsRegistry?.stop(), plainRegistry?.stop()]);
});

/** The blob as a stream of 1 MiB pieces, as a download hands it over. */
function streamOf(bytes: Buffer): Readable {
  function* pieces() {
    for (let offset = 0; offset < bytes.length; offset += MIB) yield bytes.subarray(offset, offset + MIB);
  }
  return Readable.from(pieces(), { objectMode: false });
}

describe('large uploads into a TLS registry', () => {
  it(`uploads ${BLOBS} × ${BLOB_SIZE / MIB} MiB blobs at once, ${ROUNDS} rounds in a row, with no reset`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      // A fresh client per round, as separate `berth cp` runs would have.
      const { client, host } = clientFor(tlsRegistry);
      const repository = `tls/round-${round}`;
      try {
        const results = await Promise.allSettled(
          blobs.map(async (blob) => {
            const started = await startUpload(client, { registry: host, repository });
            if (started.mounted) throw new Error('a fresh repository cannot mount');
            await uploadStreamInChunks(client, { registry: host, repository }, started.session, {
              digest: blob.digest,
              stream: streamOf(blob.bytes),
            });
          }),
        );
        const failures = results.flatMap((result) =>
          result.status === 'rejected' ? [(result.reason as Error).message] : [],
        );
        expect(failures, `round ${round}`).toEqual([]);
        for (const blob of blobs)
          expect(await headBlob(client, { registry: host, repository }, blob.digest)).toBe(BLOB_SIZE);
        expect(await openUploads(tlsRegistry, repository)).toEqual([]);
      } finally {
        await client.close();
      }
    }
  }, 600_000);

  it('copies a 4-layer image of 200 MiB from a plain registry into the TLS one, twice', async () => {
    await pushImage(plainRegistry, 'big/app', '1', { layers: 4, layerSize: BLOB_SIZE });
    for (let round = 0; round < 2; round++) {
      const client = new RegistryClient({
        certsDRoot: false,
        connectionFor: (host) =>
          host === plainRegistry.host
            ? { host, insecureHttp: true }
            : host === tlsRegistry.host
              ? { host, tls: { caFile: tlsRegistry.caFile } }
              : undefined,
      });
      const jobs = new JobManager({ throttleMs: 0 });
      jobs.register('copy', (input, context) => copyImage({ client }, input, context));
      try {
        const job: JobSnapshot = await jobs.wait(
          jobs.start(
            'copy',
            {
              source: parseImageLocation(`${plainRegistry.host}/big/app:1`),
              destination: parseImageLocation(`${tlsRegistry.host}/copy-${round}/app:1`),
            },
            'copy',
          ),
        );
        expect(job.error, `round ${round}`).toBeUndefined();
        expect(job.status).toBe('succeeded');
        // Every blob went once: none was restarted after a reset.
        const blobItems = job.items.filter((item) => item.kind === 'blob');
        expect(blobItems.every((item) => item.state === 'done' && item.bytesDone === item.bytesTotal)).toBe(
          true,
        );
      } finally {
        // Nothing may be left open: close() waits for every request, so a leaked GET would hang here.
        await client.close();
      }
    }
  }, 600_000);
});
