import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

type Locations = Record<string, Record<string, string[]>>;

const MAX_REPOS_PER_BLOB = 8;
const MAX_BLOBS_PER_REGISTRY = 20_000;

/**
 * Where blobs were last seen, per registry host: digest → repositories (newest first). Like skopeo's
 * blob-info cache, it lets a later copy mount a blob from a sibling repository instead of moving it.
 * Only a hint: a mount of a blob that has since gone just opens an ordinary upload.
 */
export class BlobLocationCache {
  private data: Locations = {};
  private loaded = false;
  private dirty = false;

  /** `file` undefined = memory only. */
  constructor(private readonly file?: string) {}

  private async load(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    if (!this.file) return;
    try {
      const parsed: unknown = JSON.parse(await readFile(this.file, 'utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) this.data = parsed as Locations;
    } catch {
      // Missing or damaged: a cache starts empty, nothing depends on it.
      this.data = {};
    }
  }

  async repositoriesWith(registry: string, digest: string): Promise<string[]> {
    await this.load();
    return [...(this.data[registry]?.[digest] ?? [])];
  }

  async record(registry: string, repository: string, digest: string): Promise<void> {
    await this.load();
    const blobs = (this.data[registry] ??= {});
    const repos = (blobs[digest] ?? []).filter((r) => r !== repository);
    blobs[digest] = [repository, ...repos].slice(0, MAX_REPOS_PER_BLOB);
    const digests = Object.keys(blobs);
    if (digests.length > MAX_BLOBS_PER_REGISTRY) {
      for (const old of digests.slice(0, digests.length - MAX_BLOBS_PER_REGISTRY)) delete blobs[old];
    }
    this.dirty = true;
  }

  /** Writes the cache (temp file + rename) if anything changed. */
  async save(): Promise<void> {
    if (!this.file || !this.dirty) return;
    this.dirty = false;
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(this.data));
    await rename(temp, this.file);
  }
}
