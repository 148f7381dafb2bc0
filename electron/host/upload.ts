// The browser host's archive upload: the page cannot hand the main process a path, so "Load from file…"
// streams the file here. The bytes go to a unique temporary file under Berth's data folder (never held in
// memory, never under a name another request can guess), renamed into place only when whole, and the
// answer is a one-use token for a load job, which removes the file when it ends.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BerthServices } from '../core/services.js';

/** The largest archive the host takes: more than any image a registry would take in one push. */
export const DEFAULT_UPLOAD_LIMIT = 64 * 1024 ** 3;
export const UPLOAD_FOLDER = 'uploads';

export type UploadOutcome =
  | { ok: true; value: { file: string; name: string } }
  | { ok: false; status: 400 | 413 | 415 | 500; message: string };

/**
 * Passes bytes up to the cap; past it, reads on but drops them: the request is drained rather than cut, so
 * the browser gets the 413 and its reason instead of a broken connection.
 */
class SizeCap extends Transform {
  bytes = 0;
  constructor(private readonly limit: number) {
    super();
  }
  get isOver(): boolean {
    return this.bytes > this.limit;
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.isOver) callback();
    else callback(null, chunk);
  }
}

/** The file's own name from the header, reduced to a plain base name (for titles and messages only). */
function fileName(header: string | string[] | undefined): string {
  let name = 'archive.tar';
  try {
    if (typeof header === 'string' && header) name = decodeURIComponent(header);
  } catch {
    // A malformed escape: the default name.
  }
  // eslint-disable-next-line no-control-regex
  const base = path.basename(name.replaceAll('\\', '/')).replace(/[\u0000-\u001f\u007f]/g, '');
  return base.slice(0, 200) || 'archive.tar';
}

/** Removes what an earlier run left in the uploads folder (a host stopped mid-upload or mid-load). */
export async function clearUploads(dataDir: string): Promise<void> {
  await rm(path.join(dataDir, UPLOAD_FOLDER), { recursive: true, force: true });
}

export async function receiveUpload(
  request: IncomingMessage,
  services: BerthServices,
  limit = DEFAULT_UPLOAD_LIMIT,
): Promise<UploadOutcome> {
  // A plain HTML form cannot send this type: no upload is forged from another page.
  if (!/^application\/octet-stream\b/i.test(request.headers['content-type'] ?? ''))
    return { ok: false, status: 415, message: 'an archive is sent as application/octet-stream' };
  const tooLarge = {
    ok: false,
    status: 413,
    message: `the archive is larger than the ${limit} bytes the host takes`,
  } as const;
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    // Read and dropped, so the answer reaches a client that is still sending.
    request.resume();
    await once(request, 'end').catch(() => undefined);
    return tooLarge;
  }
  const folder = path.join(services.settings.dataDir, UPLOAD_FOLDER);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const id = randomUUID();
  const partial = path.join(folder, `${id}.part`);
  const final = path.join(folder, `${id}.tar`);
  const cap = new SizeCap(limit);
  try {
    await pipeline(request, cap, createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
    if (cap.isOver) {
      await rm(partial, { force: true });
      return tooLarge;
    }
    if (Number.isFinite(declared) && cap.bytes !== declared)
      throw new Error(`the upload ended after ${cap.bytes} of ${declared} bytes`);
    await rename(partial, final);
  } catch (error) {
    await rm(partial, { force: true });
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC')
      return {
        ok: false,
        status: 500,
        message: `the disk holding Berth's data folder (${services.settings.dataDir}) is full, so the upload was dropped: free some space there, then load the archive again`,
      };
    return { ok: false, status: 400, message: `the upload did not finish: ${(error as Error).message}` };
  }
  const name = fileName(request.headers['x-berth-file-name']);
  return {
    ok: true,
    value: { file: services.chosenFiles.add({ path: final, name, isTemporary: true }), name },
  };
}
