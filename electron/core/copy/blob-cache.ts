import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RepositoryLocation } from '../../../shared/location.js';
import { updateFile } from '../files/index.js';

type Locations = Record<string, Record<string, string[]>>;

const MAX_REPOS_PER_BLOB = 8;
const MAX_BLOBS_PER_REGISTRY = 20_000;

function parseLocations(text: string | undefined): Locations {
  try {
    const parsed: unknown = JSON.parse(text ?? '');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Locations;
  } catch {
    // Missing or damaged: a cache starts empty, nothing depends on it.
  }
  return {};
}

/** What is on disk (other processes' copies) with this process's sightings first, capped as record() caps. */
function mergeLocations(onDisk: Locations, mine: Locations): Locations {
  const merged: Locations = onDisk;
  for (const [registry, blobs] of Object.entries(mine)) {
    const target = (merged[registry] ??= {});
    for (const [digest, repos] of Object.entries(blobs))
      target[digest] = [...new Set([...repos, ...(target[digest] ?? [])])].slice(0, MAX_REPOS_PER_BLOB);
    const digests = Object.keys(target);
    for (const old of digests.slice(0, Math.max(0, digests.length - MAX_BLOBS_PER_REGISTRY)))
      delete target[old];
  }
  return merged;
}

/**
 * Where blobs were last seen, per registry host: digest → repositories (newest first). Like skopeo's
 * blob-info cache, it lets a later copy mount a blob from a sibling repository instead of moving it.
 * Only a hint: a mount of a blob that has since gone just opens an ordinary upload.
 */
export class BlobLocationCache {
  private data: Locations = {};
  private loading: Promise<void> | undefined;
  private dirty = false;

  /** `file` undefined = memory only. */
  constructor(private readonly file?: string) {}

  /** Read once; every caller waits for that one read, so no sighting recorded meanwhile is replaced. */
  private load(): Promise<void> {
    this.loading ??= this.file
      ? readFile(this.file, 'utf8').then(
          (text) => void (this.data = mergeLocations(parseLocations(text), this.data)),
          () => undefined,
        )
      : Promise.resolve();
    return this.loading;
  }

  async repositoriesWith(registry: string, digest: string): Promise<string[]> {
    await this.load();
    return [...(this.data[registry]?.[digest] ?? [])];
  }

  async record({ registry, repository }: RepositoryLocation, digest: string): Promise<void> {
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

  /**
   * Writes the cache if anything changed, under the file's lock and merged with what is on disk: jobs in
   * this process save at once, and the CLI and the app share the file — neither overwrites the other's
   * sightings, and no two writers share a temp file.
   */
  async save(): Promise<void> {
    if (!this.file || !this.dirty) return;
    this.dirty = false;
    await mkdir(path.dirname(this.file), { recursive: true });
    await updateFile(this.file, (current) => {
      this.data = mergeLocations(parseLocations(current?.toString('utf8')), this.data);
      return JSON.stringify(this.data);
    });
  }
}
