import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { IndexData, IndexEntry } from './index-schema.js';
import { updateFile } from '../files/index.js';

/** Names kept per connection, and in all: enough for big catalogs, small enough to read per keystroke. */
export const INDEX_LIMITS = { perConnection: 20_000, total: 100_000 };

export const INDEX_FILE = 'search-index.json';

/**
 * The most bytes an index under `limits` can take (names are at most 255 characters that JSON never
 * escapes, each with its quotes and comma, and a megabyte for the rest): a bigger file was not written
 * by Berth, and is neither read nor parsed.
 */
export function maxIndexBytes(limits = INDEX_LIMITS): number {
  return limits.total * 258 + 1024 * 1024;
}

export type { IndexData, IndexEntry } from './index-schema.js';

/** The index file's schema, loaded with its first read or write: zod is not loaded by a command that never
 * searches (`berth inspect` loads this module with the services). */
const loadSchema = () => import('./index-schema.js');

/**
 * The entries by connection name, in an object without a prototype: a connection may be named `__proto__`
 * (or `constructor`), and its entry must be a key like any other, not the object's prototype.
 */
export function connectionMap(entries: Record<string, IndexEntry> = {}): Record<string, IndexEntry> {
  return Object.assign(Object.create(null) as Record<string, IndexEntry>, entries);
}

function empty(): IndexData {
  return { version: 1, connections: connectionMap() };
}

type Schemas = Awaited<ReturnType<typeof loadSchema>>;

function parse({ IndexSchema, EntrySchema }: Schemas, text: string | undefined): IndexData {
  if (!text) return empty();
  try {
    const raw = JSON.parse(text) as { connections?: Record<string, unknown> };
    const parsed = IndexSchema.safeParse(raw);
    // A damaged or foreign file is an empty index: it is only a cache of listings, rebuilt on refresh.
    if (!parsed.success) return empty();
    const connections = connectionMap(parsed.data.connections);
    // zod's record leaves a `__proto__` key out; JSON.parse made it an own key like the others.
    if (Object.hasOwn(raw.connections!, '__proto__')) {
      const entry = EntrySchema.safeParse(raw.connections!['__proto__']);
      if (!entry.success) return empty();
      connections['__proto__'] = entry.data;
    }
    return { ...parsed.data, connections };
  } catch {
    return empty();
  }
}

/**
 * Keeps every entry under the per-connection cap, and all of them under the total: the total is shared
 * out from the smallest entry up, so a small catalog keeps every name and the big ones split the rest.
 */
export function capEntries(data: IndexData, limits = INDEX_LIMITS): void {
  const entries = Object.values(data.connections).sort((a, b) => a.names.length - b.names.length);
  let remaining = limits.total;
  entries.forEach((entry, position) => {
    const cap = Math.min(limits.perConnection, Math.floor(remaining / (entries.length - position)));
    if (entry.names.length > cap) {
      entry.names = entry.names.slice(0, cap);
      entry.truncated = true;
    }
    remaining -= entry.names.length;
  });
}

/**
 * The on-disk index of repository names per saved connection (`<dataDir>/search-index.json`). The CLI,
 * the app and the browser host share it: every change is a read-modify-write under the file's lock
 * with a unique temp file, so two writers changing different connections both keep their change.
 * Reads are cached by the file's modification time, so a query per keystroke reads no bytes.
 */
export class SearchIndex {
  readonly path: string;
  private cached?: { key: string; data: IndexData };

  constructor(
    dataDir: string,
    private readonly limits = INDEX_LIMITS,
  ) {
    this.path = path.join(dataDir, INDEX_FILE);
  }

  async read(): Promise<IndexData> {
    const info = await stat(this.path).catch(() => undefined);
    if (!info) return empty();
    const key = `${info.mtimeMs}:${info.size}:${info.ino}`;
    if (this.cached?.key === key) return this.cached.data;
    const data =
      info.size > maxIndexBytes(this.limits)
        ? empty()
        : parse(await loadSchema(), await readFile(this.path, 'utf8').catch(() => undefined));
    // A file written by hand (or by another program) may hold more names than a query should rank.
    capEntries(data, this.limits);
    this.cached = { key, data };
    return data;
  }

  /**
   * Changes the index under its lock. Entries of connections not in `saved` (removed since) are
   * dropped, and the caps applied, on every write.
   */
  async update(saved: ReadonlySet<string>, edit: (data: IndexData) => void): Promise<void> {
    const schemas = await loadSchema();
    await updateFile(
      this.path,
      (current) => {
        const data = parse(
          schemas,
          current && current.length <= maxIndexBytes(this.limits) ? current.toString('utf8') : undefined,
        );
        edit(data);
        for (const name of Object.keys(data.connections)) if (!saved.has(name)) delete data.connections[name];
        capEntries(data, this.limits);
        return JSON.stringify(data);
      },
      { mode: 0o600 },
    );
  }

  /** Replaces a connection's entry. */
  async put(saved: ReadonlySet<string>, connection: string, entry: IndexEntry): Promise<void> {
    await this.update(saved, (data) => {
      data.connections[connection] = entry;
    });
  }

  /**
   * Adds names a listing just showed (the explorer's pages) to a connection's entry, keeping its
   * refresh time: a page is not the whole catalog.
   */
  async add(saved: ReadonlySet<string>, connection: string, host: string, names: readonly string[]) {
    if (!names.length) return;
    await this.update(saved, (data) => {
      const entry = data.connections[connection];
      if (!entry || entry.host !== host || entry.state !== 'listed') {
        data.connections[connection] = {
          host,
          state: 'listed',
          refreshedAt: new Date(0).toISOString(),
          names: [...new Set(names)],
        };
        return;
      }
      const known = new Set(entry.names);
      for (const name of names) if (!known.has(name)) entry.names.push(name);
    });
  }
}
