import type { Readable } from 'node:stream';
import { repositoryScope } from './challenge.js';
import type { RegistryClient } from './client.js';
import { CancelledError, ProtocolError } from './errors.js';
import { headerValue } from './http.js';
import type { UploadSession } from './blobs.js';

/** 4 MiB: big enough that request overhead vanishes on a LAN, small enough for 4 blobs × 2 buffers. */
export const DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;

export interface StreamUploadOptions {
  /** Stops between chunks; a chunk already on its way is finished first. */
  signal?: AbortSignal;
  chunkSize?: number;
}

/**
 * Uploads a stream in whole chunks: each PATCH carries a complete buffer, and the next chunk is read
 * from the source while the previous one is sent (two buffers). The registry therefore never holds a
 * half-received request: Distribution signs the upload offset into the Location's `_state`, and after a
 * body that broke off mid-request it refuses every later request on that upload — even the DELETE
 * that should clean it up. Here a failing source (dead registry, digest mismatch) stops us between
 * chunks, so the session can always be deleted. A stream that fits in one chunk goes as one PUT.
 *
 * `session.location` is updated in place after each chunk: cancel with it.
 */
export async function uploadStreamInChunks(
  client: RegistryClient,
  host: string,
  repository: string,
  session: UploadSession,
  digest: string,
  stream: Readable,
  options: StreamUploadOptions = {},
): Promise<void> {
  const chunkSize = Math.max(64 * 1024, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const buffers = [Buffer.allocUnsafe(chunkSize), Buffer.allocUnsafe(chunkSize)];
  const scopes = [repositoryScope(repository, 'pull', 'push')];
  let current = 0;
  let filled = 0;
  let offset = 0;
  let inflight: Promise<void> | undefined;
  let failure: unknown;

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
      what: `upload of ${digest.slice(0, 19)} to ${repository}`,
      accept: (status) => status === 202,
    });
    await response.body.dump();
    const location = headerValue(response.headers, 'location');
    if (!location)
      throw new ProtocolError(host, `the registry accepted a chunk for ${repository} without a Location`);
    session.location = new URL(location, session.location);
    offset += body.length;
  };

  const send = async (body: Buffer) => {
    await inflight;
    if (failure !== undefined) throw failure;
    inflight = patch(body).catch((error: unknown) => {
      failure = error;
    });
  };

  for await (const chunk of stream) {
    const data = chunk as Buffer;
    for (let position = 0; position < data.length;) {
      const count = Math.min(chunkSize - filled, data.length - position);
      data.copy(buffers[current]!, filled, position, position + count);
      filled += count;
      position += count;
      if (filled === chunkSize) {
        if (options.signal?.aborted) throw new CancelledError('upload cancelled');
        await send(buffers[current]!);
        current ^= 1;
        filled = 0;
      }
    }
  }
  await inflight;
  if (failure !== undefined) throw failure;
  if (options.signal?.aborted) throw new CancelledError('upload cancelled');

  // The source ended and verified: the last bytes go with the closing PUT (OCI: optional final chunk).
  const last = buffers[current]!.subarray(0, filled);
  const url = new URL(session.location);
  url.searchParams.append('digest', digest);
  const headers: Record<string, string> = {
    'content-type': 'application/octet-stream',
    'content-length': String(last.length),
  };
  if (last.length && offset > 0) headers['content-range'] = `${offset}-${offset + last.length - 1}`;
  const response = await client.send(host, {
    method: 'PUT',
    path: url,
    scopes,
    headers,
    body: last,
    what: `upload of ${digest.slice(0, 19)} to ${repository}`,
  });
  await response.body.dump();
}
