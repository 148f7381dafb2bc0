import type { Readable } from 'node:stream';
import type { RepositoryLocation } from '../../../shared/location.js';
import { checkStoredDigest, type UploadSession } from './blobs.js';
import { BufferPool } from './buffer-pool.js';
import { repositoryScope } from './challenge.js';
import type { RegistryClient } from './client.js';
import { CancelledError, ProtocolError } from './errors.js';
import { headerValue } from './http.js';

/** 4 MiB: big enough that request overhead fades, small enough to keep a copy's memory flat. */
export const DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;

export interface StreamUploadOptions {
  /** Stops between chunks; a chunk already on its way is finished first. */
  signal?: AbortSignal;
  /** Chunk buffers shared with other uploads; default: the process-wide pool. */
  pool?: BufferPool;
}

/** The stream to upload, and the digest the closing PUT names (the registry checks the bytes against it). */
export interface StreamUpload extends StreamUploadOptions {
  digest: string;
  stream: Readable;
}

let sharedPool: BufferPool | undefined;

/** 4 × 4 MiB for every upload of the process: chunks fill while others are on the wire. */
export function defaultBufferPool(): BufferPool {
  return (sharedPool ??= new BufferPool(DEFAULT_CHUNK_SIZE, 4));
}

/**
 * Uploads a stream in whole chunks: each PATCH carries a complete buffer, and the next chunk is read
 * from the source while the previous one is sent. The registry therefore never holds a half-received
 * request: Distribution signs the upload offset into the Location's `_state`, and after a body that
 * broke off mid-request it refuses every later request on that upload — even the DELETE that should
 * clean it up. Here a failing source (dead registry, digest mismatch) or a cancel stops us between
 * chunks, so the session can always be deleted. The closing PUT carries no bytes (see finish).
 *
 * `session.location` is updated in place after each chunk: cancel with it.
 */
export async function uploadStreamInChunks(
  client: RegistryClient,
  { registry: host, repository }: RepositoryLocation,
  session: UploadSession,
  { digest, stream, ...options }: StreamUpload,
): Promise<void> {
  const pool = options.pool ?? defaultBufferPool();
  const chunkSize = pool.chunkSize;
  const scopes = [repositoryScope(repository, 'pull', 'push')];
  const what = `upload of ${digest.slice(0, 19)} to ${repository}`;
  let buffer: Buffer | undefined;
  let filled = 0;
  let offset = 0;
  let inflight: Promise<void> | undefined;
  // Boxed, so a chunk that fails with `undefined` still stops the upload and is rethrown as it was.
  let failure: { error: unknown } | undefined;

  const patch = async (body: Buffer): Promise<void> => {
    const response = await client.send(host, {
      method: 'PATCH',
      path: session.location,
      scopes,
      headers: {
        'content-type': 'application/octet-stream',
        'content-range': `${offset}-${offset + body.length - 1}`,
        'content-length': String(body.length),
      },
      body,
      what,
      accept: (status) => status === 202,
    });
    await response.body.dump();
    const location = headerValue(response.headers, 'location');
    if (!location)
      throw new ProtocolError(host, `the registry accepted a chunk for ${repository} without a Location`);
    session.location = new URL(location, session.location);
    offset += body.length;
  };

  // At most one chunk of this upload on the wire; its buffer goes back to the pool when it is done.
  const send = async (body: Buffer) => {
    await inflight;
    if (failure) throw failure.error;
    inflight = patch(body)
      .catch((error: unknown) => {
        failure = { error };
      })
      .finally(() => pool.release(body));
  };

  const finish = async (last: Buffer) => {
    // The source ended and verified: the last bytes go as a chunk too, and an empty PUT closes the
    // session. This is the way for registries that refuse bytes in a PUT, so no blob, however small,
    // goes up without a PATCH.
    if (last.length) await patch(last);
    const url = new URL(session.location);
    url.searchParams.append('digest', digest);
    const headers = { 'content-type': 'application/octet-stream', 'content-length': '0' };
    const response = await client.send(host, {
      method: 'PUT',
      path: url,
      scopes,
      headers,
      body: Buffer.alloc(0),
      what,
    });
    await response.body.dump();
    checkStoredDigest({ registry: host, repository }, digest, response.headers);
  };

  try {
    for await (const chunk of stream) {
      const data = chunk as Buffer;
      for (let position = 0; position < data.length;) {
        buffer ??= await pool.acquire(options.signal);
        const count = Math.min(chunkSize - filled, data.length - position);
        data.copy(buffer, filled, position, position + count);
        filled += count;
        position += count;
        if (filled === chunkSize) {
          if (options.signal?.aborted) throw new CancelledError('upload cancelled');
          const full = buffer;
          buffer = undefined;
          filled = 0;
          await send(full);
        }
      }
    }
    await inflight;
    if (failure) throw failure.error;
    if (options.signal?.aborted) throw new CancelledError('upload cancelled');
    await finish(buffer ? buffer.subarray(0, filled) : Buffer.alloc(0));
  } finally {
    await inflight;
    if (buffer) pool.release(buffer);
  }
}
