// The files of an archive being loaded, by safe name: a tar (indexed in one streaming pass, so every file is
// then read at its own offset: a tar's manifest.json or index.json may come last, and a blob can be read
// again when an upload starts over) or an OCI layout folder. Nothing is buffered beyond the small JSON files
// asked for, each under a size cap.
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdtemp, open, readdir, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { BerthError, CancelledError } from '../errors.js';
import { archiveEntryName } from './formats.js';

/** One readable file of the archive: its bytes are `size` bytes from `offset` of the file at `path`. */
interface ArchiveFile {
  path: string;
  offset: number;
  size: number;
}

/** More entries than any image archive holds (a layer is one entry): a crafted tar stops here. */
export const MAX_ARCHIVE_ENTRIES = 200_000;
/** Links followed in a row (`docker save` links a layer that is the same as an earlier one). */
const MAX_LINK_STEPS = 8;

const NOT_READABLE_HINT =
  'This file is not an image archive Berth can read: make it again with docker save, podman save or skopeo copy.';

export function archiveError(message: string, hint = NOT_READABLE_HINT): BerthError {
  return new BerthError('INVALID_INPUT', message, { hint });
}

export class ArchiveFiles {
  private constructor(
    /** The archive as messages name it (its file name, not the whole path). */
    readonly label: string,
    private readonly files: Map<string, ArchiveFile>,
    /** A folder this reader made (a gzip archive uncompressed into it), removed by close(). */
    private readonly temporary?: string,
    /** An OCI layout folder rather than a tar. */
    readonly isFolder = false,
  ) {}

  /** Removes what open() wrote for this archive (the uncompressed copy of a .tar.gz); the archive stays. */
  async close(): Promise<void> {
    if (this.temporary) await rm(this.temporary, { recursive: true, force: true }).catch(() => undefined);
  }

  has(name: string): boolean {
    return this.files.has(name);
  }

  sizeOf(name: string): number {
    return this.fileOf(name).size;
  }

  /** The same key for names that are the same bytes (a link and its target): each is hashed once. */
  keyOf(name: string): string {
    const file = this.fileOf(name);
    return `${file.offset}:${file.size}:${file.path}`;
  }

  private fileOf(name: string): ArchiveFile {
    const file = this.files.get(name);
    if (!file) throw archiveError(`${this.label} does not hold "${name.slice(0, 200)}", which it names`);
    return file;
  }

  /** A small file whole (a manifest, a config, an index): refused past `limit` bytes, before it is read. */
  async readSmall(name: string, limit: number): Promise<Buffer> {
    const file = this.fileOf(name);
    if (file.size > limit)
      throw archiveError(
        `${this.label}: "${name.slice(0, 200)}" is ${file.size} bytes, more than the ${limit} bytes such a file may hold`,
      );
    const handle = await open(file.path, 'r');
    try {
      const bytes = Buffer.alloc(file.size);
      const { bytesRead } = await handle.read(bytes, 0, file.size, file.offset);
      if (bytesRead !== file.size) throw truncated(this.label);
      return bytes;
    } finally {
      await handle.close();
    }
  }

  /** The first bytes of a file (to tell a compressed layer), fewer when it is shorter. */
  async peek(name: string, length: number): Promise<Buffer> {
    const file = this.fileOf(name);
    const handle = await open(file.path, 'r');
    try {
      const bytes = Buffer.alloc(Math.min(length, file.size));
      await handle.read(bytes, 0, bytes.length, file.offset);
      return bytes;
    } finally {
      await handle.close();
    }
  }

  /** A file's bytes as a stream (unverified: the caller checks them against the digest they must have). */
  stream(name: string, signal?: AbortSignal): Readable {
    const file = this.fileOf(name);
    // A zero-byte blob (an empty layer) is no bytes: createReadStream refuses a range that ends before it starts.
    if (file.size === 0) return new PassThrough().end();
    return createReadStream(file.path, {
      start: file.offset,
      end: file.offset + file.size - 1,
      highWaterMark: 1024 * 1024,
      signal,
    });
  }

  /** Reads an archive: a folder is an OCI layout, a file a tar (Docker or OCI). */
  static async open(
    archivePath: string,
    signal: AbortSignal,
    label = path.basename(archivePath),
  ): Promise<ArchiveFiles> {
    const stat = await lstat(archivePath).catch((error: unknown) => {
      const code = (error as NodeJS.ErrnoException).code;
      throw new BerthError(
        'NOT_FOUND',
        code === 'ENOENT'
          ? `${label} does not exist (${archivePath})`
          : `${label} cannot be read (${code ?? (error as Error).message})`,
        { hint: 'Check the path of the archive.' },
      );
    });
    if (stat.isDirectory())
      return new ArchiveFiles(label, await indexFolder(archivePath, label), undefined, true);
    if (!stat.isFile()) throw archiveError(`${label} is neither a file nor a folder`);
    if (await isGzip(archivePath)) return ArchiveFiles.openGzip(archivePath, signal, label);
    return new ArchiveFiles(label, await indexTar(archivePath, label, stat.size, signal));
  }

  /**
   * A gzip-compressed tar (`docker save | gzip`, which `docker load` reads too): a tar is read at offsets,
   * which a gzip stream does not allow, so it is uncompressed once, streaming, into a temporary folder
   * (the system's temporary folder: it needs the uncompressed size free there), read from there, and
   * removed by close() — or at once when it fails or is cancelled.
   */
  private static async openGzip(
    archivePath: string,
    signal: AbortSignal,
    label: string,
  ): Promise<ArchiveFiles> {
    const folder = await mkdtemp(path.join(tmpdir(), 'berth-gunzip-'));
    const plain = path.join(folder, 'archive.tar');
    try {
      await pipeline(createReadStream(archivePath), createGunzip(), createWriteStream(plain), {
        signal,
      }).catch((error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (signal.aborted || !code.startsWith('Z_')) throw error;
        throw archiveError(
          `${label} is gzip-compressed but does not uncompress (${(error as Error).message})`,
          'The file is damaged or cut off: copy or download it again.',
        );
      });
      const size = (await lstat(plain)).size;
      return new ArchiveFiles(label, await indexTar(plain, label, size, signal), folder);
    } catch (error) {
      await rm(folder, { recursive: true, force: true }).catch(() => undefined);
      throw error;
    }
  }
}

const GZIP_MAGIC = [0x1f, 0x8b];

async function isGzip(archivePath: string): Promise<boolean> {
  const handle = await open(archivePath, 'r');
  try {
    const head = Buffer.alloc(GZIP_MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return bytesRead === head.length && GZIP_MAGIC.every((byte, i) => head[i] === byte);
  } finally {
    await handle.close();
  }
}

function truncated(label: string): BerthError {
  return archiveError(
    `${label} ends early: the archive is truncated`,
    'Copy or download the archive again; it was cut off before its end.',
  );
}

/**
 * gzip, zstd, bzip2 and xz magic numbers: a compressed tar cannot be read at offsets. A gzip archive is
 * uncompressed first (openGzip); gzip seen here is one inside it (compressed twice).
 */
const COMPRESSED = [
  { magic: [0x1f, 0x8b], name: 'gzip', undo: 'gunzip' },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], name: 'zstd', undo: 'unzstd' },
  { magic: [0x42, 0x5a, 0x68], name: 'bzip2', undo: 'bunzip2' },
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a], name: 'xz', undo: 'unxz' },
];

/**
 * A compressed tar is refused with the command that opens it; anything else whose first block is not a
 * ustar, pax or GNU tar header (`ustar` at offset 257, as docker, podman and skopeo write) is not a tar.
 */
async function refuseOtherThanTar(archivePath: string, label: string): Promise<void> {
  const handle = await open(archivePath, 'r');
  const head = Buffer.alloc(512);
  let length = 0;
  try {
    ({ bytesRead: length } = await handle.read(head, 0, head.length, 0));
  } finally {
    await handle.close();
  }
  const found = COMPRESSED.find(({ magic }) => magic.every((byte, i) => head[i] === byte));
  if (found)
    throw archiveError(
      `${label} is ${found.name}-compressed`,
      `Uncompress it first (${found.undo} ${label}) and load the .tar; Berth reads a tar at offsets, which a compressed file does not allow.`,
    );
  if (length < 512 || head.subarray(257, 262).toString('latin1') !== 'ustar')
    throw archiveError(`${label} is not a tar archive (nor an OCI layout folder)`);
}

interface TarLink {
  target: string;
}

/**
 * One pass over the tar with tar-stream: regular files are noted by offset and size (`header.byteOffset`
 * is where an entry's data starts), their data skipped; links are kept to be resolved inside the archive;
 * folders, devices and FIFOs are ignored. A name used twice is refused: which one is meant is unclear.
 */
async function indexTar(
  archivePath: string,
  label: string,
  fileSize: number,
  signal: AbortSignal,
): Promise<Map<string, ArchiveFile>> {
  await refuseOtherThanTar(archivePath, label);
  const files = new Map<string, ArchiveFile>();
  const links = new Map<string, TarLink>();
  let entries = 0;
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    stream.resume();
    stream.on('end', next);
    try {
      if (++entries > MAX_ARCHIVE_ENTRIES)
        throw archiveError(`${label} holds more than ${MAX_ARCHIVE_ENTRIES} entries`);
      const name = archiveEntryName(header.name);
      if (files.has(name) || links.has(name))
        throw archiveError(`${label} holds "${name.slice(0, 200)}" twice`);
      const type = header.type ?? 'file';
      if (type === 'file' || type === 'contiguous-file') {
        const offset = (header as { byteOffset?: number }).byteOffset;
        const size = header.size ?? 0;
        if (offset === undefined || offset + size > fileSize) throw truncated(label);
        files.set(name, { path: archivePath, offset, size });
      } else if (type === 'symlink') {
        // A symlink's target is relative to its own folder; a hard link's to the archive's root.
        const target = path.posix.join(path.posix.dirname(name), header.linkname ?? '');
        links.set(name, { target: archiveEntryName(target) });
      } else if (type === 'link') links.set(name, { target: archiveEntryName(header.linkname ?? '') });
    } catch (error) {
      extract.destroy(error as Error);
    }
  });
  try {
    await pipeline(createReadStream(archivePath, { signal, highWaterMark: 1024 * 1024 }), extract);
  } catch (error) {
    if (signal.aborted) throw new CancelledError('load cancelled');
    if (error instanceof BerthError) throw error;
    const message = (error as Error).message;
    if (/unexpected end|premature|truncat/i.test(message)) throw truncated(label);
    throw archiveError(`${label} is not a tar archive Berth can read (${message.slice(0, 200)})`);
  }
  if (files.size === 0 && links.size === 0)
    throw archiveError(`${label} is not an image archive: it holds no files`);
  for (const [name, link] of links) {
    let target = link.target;
    for (let steps = 0; !files.has(target); steps++) {
      const next = links.get(target);
      if (!next || steps >= MAX_LINK_STEPS) {
        target = '';
        break;
      }
      target = next.target;
    }
    // A link to nothing the archive holds is left out: naming it later is a missing-file error.
    if (target) files.set(name, files.get(target)!);
  }
  return files;
}

/**
 * An OCI layout folder: its regular files by name relative to the folder, found by walking it (symbolic
 * links are not followed, so nothing outside the folder is read).
 */
async function indexFolder(folder: string, label: string): Promise<Map<string, ArchiveFile>> {
  const root = await realpath(folder);
  const files = new Map<string, ArchiveFile>();
  const walk = async (relative: string, depth: number): Promise<void> => {
    if (depth > 4) return;
    for (const entry of await readdir(path.join(root, relative), { withFileTypes: true })) {
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(name, depth + 1);
      else if (entry.isFile()) {
        if (files.size >= MAX_ARCHIVE_ENTRIES)
          throw archiveError(`${label} holds more than ${MAX_ARCHIVE_ENTRIES} files`);
        const full = path.join(root, name);
        files.set(archiveEntryName(name), { path: full, offset: 0, size: (await lstat(full)).size });
      }
    }
  };
  await walk('', 0);
  return files;
}
