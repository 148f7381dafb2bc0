// Where a save writes: a tar file or a folder, built under a unique temporary name beside the final one and
// moved into place only when complete. A cancel or a failure removes the temporary name, so the final name
// holds a whole archive or what it held before, never half of one.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { link, lstat, mkdir, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pack, type Pack } from 'tar-stream';
import { BerthError } from '../errors.js';
import { OCI_LAYOUT_FILE } from './formats.js';

/** A fixed time for every entry: the same images make the same tar. */
const ENTRY_TIME = new Date(0);

export interface ArchiveWriter {
  /** Writes a small file (a manifest, index.json) whole. */
  addFile(name: string, bytes: Buffer): Promise<void>;
  /** Streams a file of a known size; the stream's errors (a digest that does not match) fail the entry. */
  addStream(name: string, size: number, stream: Readable, signal: AbortSignal): Promise<void>;
  /** Moves the finished archive under its final name; answers its size in bytes (a folder: its files). */
  finish(): Promise<number>;
  /** Removes everything written so far; safe to call at any point, and more than once. */
  discard(): Promise<void>;
}

function temporaryName(output: string): string {
  return path.join(
    path.dirname(output),
    `.${path.basename(output)}.berth-${randomBytes(6).toString('hex')}.partial`,
  );
}

function exists(output: string): BerthError {
  return new BerthError('INVALID_INPUT', `${output} already exists`, {
    hint: 'Choose another file name, or pass --force to replace it.',
    appHint: 'Choose another file name, or confirm that it may be replaced.',
  });
}

/**
 * Refuses an output that would overwrite something without being asked to, or that can never be replaced
 * by an archive: a folder for a tar, a folder that is not an image layout (nor empty) for a folder save.
 * `--force` never removes a folder that holds anything but an OCI image layout.
 */
export async function checkOutput(output: string, kind: 'file' | 'folder', force: boolean): Promise<void> {
  const existing = await lstat(output).catch(() => undefined);
  // stat, not lstat: a folder reached through a symlink (/tmp on macOS) is a folder.
  const parent = await stat(path.dirname(output)).catch(() => undefined);
  if (!parent?.isDirectory())
    throw new BerthError('INVALID_INPUT', `the folder ${path.dirname(output)} does not exist`, {
      hint: 'Create it first, or write the archive somewhere else.',
    });
  if (!existing) return;
  if (kind === 'file' && existing.isDirectory())
    throw new BerthError('INVALID_INPUT', `${output} is a folder`, {
      hint: 'Name a file to write the archive to, or save with --format oci-dir to write a folder.',
      appHint: 'Name a file to write the archive to, or choose the OCI folder format.',
    });
  if (kind === 'folder' && !existing.isDirectory())
    throw new BerthError('INVALID_INPUT', `${output} is a file, and an OCI folder was asked for`, {
      hint: 'Name a folder, or save with --format oci to write a tar file.',
      appHint: 'Name a folder, or choose the OCI tar format.',
    });
  if (!force) throw exists(output);
  if (kind === 'folder') {
    const entries = await readdir(output);
    if (entries.length && !entries.includes(OCI_LAYOUT_FILE))
      throw new BerthError('INVALID_INPUT', `${output} holds files that are not an OCI image layout`, {
        hint: 'Berth replaces only an empty folder or an earlier image layout; name a new folder.',
      });
  }
}

/** A tar file written through tar-stream's pack, one entry at a time (a tar is sequential). */
export async function openTarWriter(output: string, force: boolean): Promise<ArchiveWriter> {
  await checkOutput(output, 'file', force);
  const partial = temporaryName(output);
  const tar: Pack = pack();
  const file = createWriteStream(partial, { flags: 'wx', mode: 0o644 });
  const written = pipeline(tar, file);
  // The file failing (a full disk) stops the pack, and with it any entry still being written, which would
  // then wait forever: every entry races this, so the failure reaches the save at once.
  let failure: unknown;
  const broken = written.then(
    () => new Promise<never>(() => undefined),
    (error: unknown) => {
      failure ??= error;
      throw writeError(output, error);
    },
  );
  broken.catch(() => undefined);
  let done = false;
  const fail = () => {
    if (failure !== undefined) throw writeError(output, failure);
  };
  return {
    async addFile(name, bytes) {
      fail();
      await Promise.race([
        new Promise<void>((resolve, reject) => {
          tar.entry({ name, size: bytes.length, mode: 0o644, mtime: ENTRY_TIME }, bytes, (error) =>
            error ? reject(writeError(output, error)) : resolve(),
          );
        }),
        broken,
      ]);
    },
    async addStream(name, size, stream, signal) {
      // The stream is this writer's from here: refused or failed, it is destroyed, and the download under
      // it with it (an unread response keeps its request open, and the CLI could not end).
      try {
        fail();
      } catch (error) {
        stream.destroy();
        throw error;
      }
      const entry = tar.entry({ name, size, mode: 0o644, mtime: ENTRY_TIME });
      try {
        await Promise.race([pipeline(stream, entry, { signal }), broken]);
      } catch (error) {
        // A broken entry leaves the tar unusable: the pack goes with it, and the download too.
        stream.destroy();
        tar.destroy();
        throw failure !== undefined ? writeError(output, failure) : error;
      }
    },
    async finish() {
      tar.finalize();
      try {
        await written;
      } catch (error) {
        throw writeError(output, error);
      }
      const size = (await lstat(partial)).size;
      await moveIntoPlace(partial, output, force);
      done = true;
      return size;
    },
    async discard() {
      if (done) return;
      tar.destroy();
      file.destroy();
      await written.catch(() => undefined);
      await rm(partial, { force: true });
    },
  };
}

/**
 * A finished file goes under its final name: replaced atomically with `force`, else linked (which fails
 * when something took the name meanwhile, another save or another program) and the temporary name dropped.
 */
async function moveIntoPlace(partial: string, output: string, force: boolean): Promise<void> {
  if (force) return rename(partial, output);
  try {
    await link(partial, output);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw exists(output);
    // A file system without hard links: a plain rename, after one more look.
    if (await lstat(output).catch(() => undefined)) throw exists(output);
    return rename(partial, output);
  }
  await unlink(partial);
}

/** An OCI image layout in a folder: files written under a temporary folder, renamed when complete. */
export async function openFolderWriter(output: string, force: boolean): Promise<ArchiveWriter> {
  await checkOutput(output, 'folder', force);
  const partial = temporaryName(output);
  await mkdir(partial, { mode: 0o755 });
  let bytes = 0;
  let done = false;
  const place = async (name: string) => {
    const target = path.join(partial, name);
    await mkdir(path.dirname(target), { recursive: true });
    return target;
  };
  return {
    async addFile(name, content) {
      try {
        await writeFile(await place(name), content, { flag: 'wx', mode: 0o644 });
      } catch (error) {
        throw writeError(output, error);
      }
      bytes += content.length;
    },
    async addStream(name, size, stream, signal) {
      try {
        const target = await place(name);
        await pipeline(stream, createWriteStream(target, { flags: 'wx', mode: 0o644 }), { signal });
      } catch (error) {
        stream.destroy();
        throw error instanceof BerthError ? error : writeError(output, error);
      }
      bytes += size;
    },
    async finish() {
      const previous = await lstat(output).catch(() => undefined);
      if (previous) {
        if (!force) throw exists(output);
        // checkOutput made sure it is empty or an earlier image layout.
        await rm(output, { recursive: true, force: true });
      }
      await rename(partial, output);
      done = true;
      return bytes;
    },
    async discard() {
      if (done) return;
      await rm(partial, { recursive: true, force: true });
    },
  };
}

/** A file-system failure as a sentence: which file, and what to do (ENOSPC is the usual one). */
function writeError(output: string, error: unknown): BerthError {
  if (error instanceof BerthError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC')
    return new BerthError('INVALID_INPUT', `the disk is full: ${output} could not be written`, {
      hint: 'Free some space or save to another disk; nothing was left behind.',
    });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return new BerthError('INVALID_INPUT', `${output} may not be written here (${code})`, {
      hint: 'Save to a folder you may write to.',
    });
  return new BerthError(
    'INVALID_INPUT',
    `${output} could not be written: ${error instanceof Error ? error.message : String(error)}`,
    { hint: 'Check the folder and the disk, then save again; nothing was left behind.' },
  );
}
