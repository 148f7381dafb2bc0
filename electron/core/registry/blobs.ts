import { createHash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { repositoryAt, type RepositoryLocation } from '../../../shared/location.js';
import { repositoryScope } from './challenge.js';
import type { RegistryClient } from './client.js';
import { noteBytesMoved } from './buffer-pool.js';
import { assertDigest, hasherFor, isValidDigest } from './digest.js';
import { DigestMismatchError, NetworkError, ProtocolError, TooLargeError } from './errors.js';
import { errorFromException } from './response-errors.js';
import { headerValue, readBody, sameDeadline, type ResponseHeaders } from './http.js';

/**
 * Hashes (in the digest's own algorithm, sha256 or sha512) and counts bytes as they pass; fails the
 * stream at the end if they are not what was promised.
 */
export class VerifyingStream extends Transform {
  private readonly hasher: ReturnType<typeof hasherFor>;
  bytes = 0;

  constructor(
    private readonly expected: { digest: string; size?: number },
    private readonly registry: string,
    private readonly what: string,
    /** Called with each chunk's length as it passes (progress). */
    private readonly onBytes?: (bytes: number) => void,
  ) {
    super();
    assertDigest(registry, expected.digest, what, 'registry');
    this.hasher = hasherFor(expected.digest);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.expected.size !== undefined && this.bytes > this.expected.size) {
      callback(
        new TooLargeError(this.registry, this.what, this.expected.size, this.bytes, {
          message: `${this.registry}: ${this.what} is larger than the ${this.expected.size} bytes its descriptor declares (${this.bytes} bytes so far)`,
          hint: 'The registry sent more than the manifest says this blob holds: the blob or the manifest is damaged. Nothing was kept.',
        }),
      );
      return;
    }
    this.hasher.hash.update(chunk);
    this.onBytes?.(chunk.length);
    noteBytesMoved(chunk.length);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.expected.size !== undefined && this.bytes < this.expected.size) {
      // A body that ends short is a cut connection (the registry died or a proxy gave up), not bad data.
      callback(
        new NetworkError(
          this.registry,
          `${this.registry}: the download of ${this.what} stopped after ${this.bytes} of ${this.expected.size} bytes`,
          'The registry or the connection went away; try again.',
        ),
      );
      return;
    }
    const actual = this.hasher.finish();
    if (actual !== this.expected.digest) {
      callback(new DigestMismatchError(this.registry, this.expected.digest, actual, this.what));
      return;
    }
    callback();
  }
}

/** The digest is checked before it goes into the URL: it may come from a manifest a registry wrote. */
function blobPath({ registry: host, repository }: RepositoryLocation, digest: string): string {
  assertDigest(host, digest, `blob ${digest} of ${repository}`, 'registry');
  return `/v2/${repository}/blobs/${digest}`;
}

/** Size of a blob in a repository, or undefined when it is not there. */
export async function headBlob(
  client: RegistryClient,
  at: RepositoryLocation,
  digest: string,
  signal?: AbortSignal,
): Promise<number | undefined> {
  const { registry: host, repository } = at;
  const response = await client.send(host, {
    method: 'HEAD',
    path: blobPath(at, digest),
    scopes: [repositoryScope(repository, 'pull')],
    signal,
    what: `blob ${digest.slice(0, 19)} in ${repository}`,
    accept: (status) => status === 200 || status === 404,
  });
  await response.body.dump();
  if (response.status === 404) return undefined;
  const size = Number.parseInt(headerValue(response.headers, 'content-length') ?? '', 10);
  return Number.isFinite(size) ? size : 0;
}

/**
 * A blob as a verified stream: redirects to storage are followed without credentials (http.ts), and
 * the stream errors with DigestMismatchError if the bytes are not the ones named.
 */
export async function openBlob(
  client: RegistryClient,
  at: RepositoryLocation,
  digest: string,
  options: { size?: number; signal?: AbortSignal; onBytes?: (bytes: number) => void } = {},
): Promise<{ stream: Readable; size?: number; redirectedTo?: string }> {
  const { registry: host, repository } = at;
  const what = `blob ${digest} of ${repository}`;
  const get = (from: number) =>
    client.send(host, {
      method: 'GET',
      path: blobPath(at, digest),
      scopes: [repositoryScope(repository, 'pull')],
      headers: from > 0 ? { range: `bytes=${from}-` } : {},
      signal: options.signal,
      what,
      accept: (status) => status === 200 || (from > 0 && status === 206),
    });
  const response = await get(0);
  const length = Number.parseInt(headerValue(response.headers, 'content-length') ?? '', 10);
  const size = options.size ?? (Number.isFinite(length) ? length : undefined);
  const verifier = new VerifyingStream({ digest, size }, host, what, options.onBytes);
  const redirectedTo = response.redirects.length ? response.url.origin : undefined;

  let current = response;
  // A connection that drops mid-blob (a flaky VPN) is picked up where it stopped with a Range request
  // (a fresh one, so an expired storage redirect is asked for again); the hash runs on across pieces.
  async function* pieces(): AsyncGenerator<Buffer> {
    let received = 0;
    for (let resumes = 0; ; resumes++) {
      try {
        let skip = 0;
        if (received > 0 && current.status === 200) skip = received; // Range ignored: drop what we have
        for await (const chunk of current.body) {
          let data = chunk as Buffer;
          if (skip > 0) {
            const dropped = Math.min(skip, data.length);
            data = data.subarray(dropped);
            skip -= dropped;
            if (!data.length) continue;
          }
          received += data.length;
          yield data;
        }
        return;
      } catch (error) {
        const typed = errorFromException(error, host, current.url);
        const resumable =
          typed instanceof NetworkError && size !== undefined && received < size && resumes < 3;
        if (!resumable || options.signal?.aborted) throw typed;
        current = await get(received);
        const range = headerValue(current.headers, 'content-range');
        if (current.status === 206 && !range?.startsWith(`bytes ${received}-`)) {
          await current.body.dump();
          throw new ProtocolError(
            host,
            `${what}: asked to resume at byte ${received}, got ${range ?? 'no range'}`,
          );
        }
      }
    }
  }
  const source = Readable.from(pieces(), { objectMode: false });
  source.on('error', (error) => verifier.destroy(error));
  const stream = source.pipe(verifier);
  sameDeadline(response.body, stream);
  // The caller owns one stream. When it closes unread (an upload that failed, a cancel), the response
  // under it goes too: an abandoned body keeps its request running on a paused socket, so the
  // dispatcher's close() waits for it while nothing keeps the process alive (the CLI exited 13).
  verifier.once('close', () => {
    if (!source.destroyed) source.destroy();
    if (!current.body.destroyed) current.body.destroy();
  });
  return { stream, size, redirectedTo };
}

/** A small blob (an image config) read whole, verified, refused past `limit` bytes. */
export async function readBlob(
  client: RegistryClient,
  at: RepositoryLocation,
  digest: string,
  options: { limit?: number; signal?: AbortSignal } = {},
): Promise<Buffer> {
  const { registry: host, repository } = at;
  const limit = options.limit ?? 16 * 1024 * 1024;
  const { stream } = await openBlob(client, at, digest, { signal: options.signal });
  const what = `blob ${digest} of ${repository}`;
  return readBody(
    stream as never,
    limit,
    (size) =>
      new TooLargeError(host, what, limit, size, {
        hint: `Berth reads a blob whole only for an image config, and a config is never this large: check that ${digest.slice(0, 19)}… is the config of this image.`,
      }),
  );
}

export interface UploadSession {
  location: URL;
}

/** What closes an upload: the bytes (or the rest of them), their digest and their size. */
export interface UploadContent {
  digest: string;
  body: Buffer | Readable;
  size: number;
  signal?: AbortSignal;
}

/**
 * Starts an upload; with `mountFrom`, asks for a cross-repository mount first (one token carrying
 * push on the destination and pull on the source). 201 = mounted; 202 = the registry opened an
 * ordinary upload session instead, which the caller must use or cancel.
 */
export async function startUpload(
  client: RegistryClient,
  { registry: host, repository }: RepositoryLocation,
  options: { mount?: { digest: string; from: string }; signal?: AbortSignal } = {},
): Promise<{ mounted: true } | { mounted: false; session: UploadSession }> {
  const session = await client.session(host);
  const scopes = [repositoryScope(repository, 'pull', 'push')];
  let path = `/v2/${repository}/blobs/uploads/`;
  if (options.mount) {
    assertDigest(host, options.mount.digest, `mount into ${repository}`, 'registry');
    scopes.push(repositoryScope(options.mount.from, 'pull'));
    path += `?mount=${encodeURIComponent(options.mount.digest)}&from=${encodeURIComponent(options.mount.from)}`;
  }
  const response = await client.send(host, {
    method: 'POST',
    path,
    scopes,
    headers: { 'content-length': '0' },
    body: Buffer.alloc(0),
    signal: options.signal,
    what: options.mount
      ? `mount ${options.mount.digest.slice(0, 19)} from ${options.mount.from} into ${repository}`
      : `start an upload to ${repository}`,
    accept: (status) => status === 201 || status === 202,
  });
  await response.body.dump();
  if (response.status === 201) return { mounted: true };
  const location = headerValue(response.headers, 'location');
  if (!location)
    throw new ProtocolError(host, `the registry opened an upload to ${repository} without a Location`);
  // Location is opaque (it carries Distribution's signed _state): resolve it, never rebuild it.
  return { mounted: false, session: { location: new URL(location, new URL(path, session.origin)) } };
}

/**
 * A streamed body with its last chunk held back until the stream has ended. A VerifyingStream fails at
 * its end when the bytes are not the blob, and by then it has passed every byte on: sent as it is, the
 * registry would have the whole body of a PUT that names the digest, and one that does not check it
 * (or a proxy that buffers the request and answers for it) would keep those bytes under that digest.
 * Held back, the last bytes go only once the source verified; otherwise the body breaks off short of
 * its Content-Length and no registry can close the session with it.
 */
async function* lastChunkAfterEnd(stream: Readable): AsyncGenerator<Buffer> {
  let held: Buffer | undefined;
  for await (const chunk of stream) {
    if (held) yield held;
    held = chunk as Buffer;
  }
  if (held) yield held;
}

/**
 * Finishes an upload in one PUT (`?digest=` appended with & when Location has a query). A streamed
 * body must fail at its end when its bytes are not the blob (a VerifyingStream, as openBlob gives):
 * its last bytes are sent only after that end.
 */
export async function completeUpload(
  client: RegistryClient,
  { registry: host, repository }: RepositoryLocation,
  upload: UploadSession,
  { digest, body, size, signal }: UploadContent,
): Promise<void> {
  assertDigest(host, digest, `upload to ${repository}`, 'registry');
  const url = new URL(upload.location);
  url.searchParams.append('digest', digest);
  const response = await client.send(host, {
    method: 'PUT',
    path: url,
    scopes: [repositoryScope(repository, 'pull', 'push')],
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
    body: Buffer.isBuffer(body) ? body : Readable.from(lastChunkAfterEnd(body), { objectMode: false }),
    signal,
    what: `upload of ${digest.slice(0, 19)} to ${repository}`,
  });
  await response.body.dump();
  checkStoredDigest({ registry: host, repository }, digest, response.headers);
}

/**
 * The digest a registry says it stored a finished upload under (`Docker-Content-Digest`) must be the one
 * the upload named, when it is in the same algorithm: a registry that kept other bytes (or a proxy that
 * answered for it) would otherwise get a manifest pointing at a blob it does not hold as named.
 */
export function checkStoredDigest(
  { registry: host, repository }: RepositoryLocation,
  digest: string,
  headers: ResponseHeaders,
): void {
  const stored = headerValue(headers, 'docker-content-digest');
  if (!stored || !isValidDigest(stored)) return;
  if (stored.slice(0, stored.indexOf(':')) !== digest.slice(0, digest.indexOf(':'))) return;
  if (stored === digest) return;
  throw new DigestMismatchError(host, digest, stored, `upload of ${digest} to ${repository}`, {
    message: `${host}: the upload of ${digest} to ${repository} was stored as ${stored}`,
    hint: 'The registry (or something between you and it) kept other bytes than Berth sent, which were verified against their digest. Nothing more was pushed to it: check the registry, or a proxy in front of it.',
  });
}

/** Deletes an upload session; failures are ignored (OCI: clients SHOULD ignore them; purged after a week). */
export async function cancelUpload(
  client: RegistryClient,
  { registry: host, repository }: RepositoryLocation,
  upload: UploadSession,
): Promise<boolean> {
  try {
    const response = await client.send(host, {
      method: 'DELETE',
      path: upload.location,
      // Distribution checks the delete action for cancelling an upload.
      scopes: [repositoryScope(repository, 'pull', 'push', 'delete')],
      what: `cancel upload to ${repository}`,
      accept: (status) => status === 204 || status === 404 || status === 202,
    });
    await response.body.dump();
    return true;
  } catch {
    return false;
  }
}

/** Pushes a small blob held in memory (a config, the `{}` empty blob) unless it is already there. */
export async function pushBlobBytes(
  client: RegistryClient,
  at: RepositoryLocation,
  bytes: Buffer,
  signal?: AbortSignal,
): Promise<string> {
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  if ((await headBlob(client, at, digest, signal)) !== undefined) return digest;
  const started = await startUpload(client, at, { signal });
  if (started.mounted) return digest;
  try {
    await completeUpload(client, at, started.session, { digest, body: bytes, size: bytes.length, signal });
  } catch (error) {
    await cancelUpload(client, at, started.session);
    throw error;
  }
  return digest;
}

/**
 * Makes a blob exist in `at`: mount it from the repository `from` names on the same registry, or
 * stream it GET → PUT (verified on the way) when the registry refuses the mount.
 */
export async function ensureBlob(
  client: RegistryClient,
  at: RepositoryLocation,
  blob: { digest: string; size: number },
  { from, signal }: { from: string; signal?: AbortSignal },
): Promise<'present' | 'mounted' | 'copied'> {
  if ((await headBlob(client, at, blob.digest, signal)) !== undefined) return 'present';
  const started = await startUpload(client, at, {
    mount: { digest: blob.digest, from },
    signal,
  });
  if (started.mounted) return 'mounted';
  let stream: Readable | undefined;
  try {
    ({ stream } = await openBlob(client, repositoryAt(at.registry, from), blob.digest, {
      size: blob.size,
      signal,
    }));
    await completeUpload(client, at, started.session, {
      digest: blob.digest,
      body: stream,
      size: blob.size,
      signal,
    });
    return 'copied';
  } catch (error) {
    stream?.destroy();
    await cancelUpload(client, at, started.session);
    throw error;
  }
}
