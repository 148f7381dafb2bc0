// What a repository's tags use: each tag's manifest, an index's children, and the blobs under them, read
// once per digest (a registry's manifests are content-addressed) with bounded concurrency and a cancel.
// The storage figures (`berth du`, the Storage view) and the cleanup preview (which bytes a prune makes
// collectable) both count bytes from this one reading; nothing here writes.
import { forEachBounded } from '../../../shared/bounded.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { imageAt, type RepositoryLocation } from '../../../shared/location.js';
import {
  isForeignLayer,
  type Descriptor,
  type ImageIndex,
  type ImageManifest,
} from '../../../shared/manifest.js';
import { manifestKind } from '../../../shared/media-types.js';
import { isValidDigest } from '../../../shared/reference.js';
import { CancelledError } from '../errors.js';
import { BerthError, getManifest, type RegistryClient } from '../registry/index.js';

/** One manifest as the usage counts it. */
export interface ManifestUsage {
  digest: string;
  mediaType: string;
  /** The manifest's own bytes (it is stored too). */
  size: number;
  /** Config and layers of an image manifest (foreign layers left out: the registry does not hold them). */
  blobs: { digest: string; size: number }[];
  /** Child manifests of an index (its platform images, attestations), by digest. */
  children: string[];
  /** The manifest an artifact (signature, SBOM) refers to, when it says. */
  subject?: string;
}

export type TagUsage = { tag: string; digest: string; mediaType: string } | { tag: string; error: ErrorInfo };

export interface RepositoryUsage {
  repository: RepositoryLocation;
  tags: TagUsage[];
}

export interface UsageProgress {
  /** Manifests read so far (each digest once), over the whole reader's life. */
  manifestsRead: number;
  tagsDone: number;
  tagsTotal: number;
}

/** Manifests read at once: enough to hide latency, few enough not to crowd the registry. */
const DEFAULT_CONCURRENCY = 6;
/** An index with more children than this is a registry lying, not an image. */
const MAX_CHILDREN = 1024;
/** Manifests one tag may reach through its indexes (nested ones included). */
const MAX_MANIFESTS_PER_TAG = 2048;

/**
 * Reads manifests for usage counts, each digest once per registry, however many tags and repositories name
 * it; one reader is kept for one scan (a registry, or the repositories of a cleanup rule).
 */
export class UsageReader {
  /** `registry@digest` → the manifest, or the reading of it still under way. */
  private readonly manifests = new Map<string, Promise<ManifestUsage>>();
  private read = 0;

  constructor(
    private readonly client: RegistryClient,
    private readonly options: { signal?: AbortSignal; concurrency?: number } = {},
  ) {}

  get manifestsRead(): number {
    return this.read;
  }

  /** Every manifest read so far for `registry`, by digest (settled ones only). */
  async known(registry: string): Promise<Map<string, ManifestUsage>> {
    const found = new Map<string, ManifestUsage>();
    for (const [key, reading] of this.manifests) {
      if (!key.startsWith(`${registry}@`)) continue;
      const manifest = await reading.catch(() => undefined);
      if (manifest) found.set(manifest.digest, manifest);
    }
    return found;
  }

  /**
   * The tags' manifests and everything under them. A tag that fails (deleted meanwhile, denied, garbage)
   * answers with its error so the others still count; only a cancel stops the reading.
   */
  async repository(
    repository: RepositoryLocation,
    tags: readonly string[],
    onProgress?: (progress: UsageProgress) => void,
  ): Promise<RepositoryUsage> {
    const { signal } = this.options;
    const usage: TagUsage[] = new Array(tags.length);
    let tagsDone = 0;
    await forEachBounded(tags, this.options.concurrency ?? DEFAULT_CONCURRENCY, async (tag, index) => {
      if (signal?.aborted) throw new CancelledError('storage reading cancelled');
      try {
        const top = await getManifest(this.client, imageAt(repository, tag), signal);
        const manifest = this.remember(repository.registry, Promise.resolve(toUsage(top)));
        await this.children(repository, await manifest, new Set([top.digest]));
        usage[index] = { tag, digest: top.digest, mediaType: top.mediaType };
      } catch (error) {
        if (signal?.aborted) throw new CancelledError('storage reading cancelled');
        usage[index] = { tag, error: errorInfo(error) };
      }
      tagsDone++;
      onProgress?.({ manifestsRead: this.read, tagsDone, tagsTotal: tags.length });
    });
    return { repository, tags: usage };
  }

  /** One manifest by digest in `repository` (read once per registry). */
  manifest(repository: RepositoryLocation, digest: string): Promise<ManifestUsage> {
    const key = `${repository.registry}@${digest}`;
    const known = this.manifests.get(key);
    if (known) return known;
    return this.remember(
      repository.registry,
      getManifest(this.client, imageAt(repository, digest), this.options.signal).then(toUsage),
    );
  }

  private remember(registry: string, reading: Promise<ManifestUsage>): Promise<ManifestUsage> {
    const settled = reading.then((manifest) => {
      const key = `${registry}@${manifest.digest}`;
      if (!this.manifests.has(key)) {
        this.manifests.set(key, settled);
        this.read++;
      }
      return manifest;
    });
    // A failed reading is not remembered: the next tag naming it asks again (and gets its own error).
    settled.catch(() => undefined);
    return settled;
  }

  /**
   * Every manifest under an index, each once per tag: an image names a few dozen (platforms, attestations),
   * so a tag reaching more than MAX_MANIFESTS_PER_TAG (indexes of indexes of …) is a registry lying.
   */
  private async children(
    repository: RepositoryLocation,
    manifest: ManifestUsage,
    reached: Set<string>,
  ): Promise<void> {
    for (const child of manifest.children) {
      if (reached.has(child)) continue;
      reached.add(child);
      if (reached.size > MAX_MANIFESTS_PER_TAG)
        throw new BerthError(
          'PROTOCOL',
          `${manifest.digest} reaches more than ${MAX_MANIFESTS_PER_TAG} manifests`,
          {
            hint: `An image names at most ${MAX_MANIFESTS_PER_TAG} manifests here (platforms, attestations); this registry's answer is not one, and it is left out.`,
          },
        );
      const read = await this.manifest(repository, child);
      await this.children(repository, read, reached);
    }
  }
}

function toUsage(manifest: {
  digest: string;
  mediaType: string;
  bytes: Buffer;
  json: Record<string, unknown>;
}): ManifestUsage {
  const usage: ManifestUsage = {
    digest: manifest.digest,
    mediaType: manifest.mediaType,
    size: manifest.bytes.length,
    blobs: [],
    children: [],
  };
  const json = manifest.json as Partial<ImageManifest & ImageIndex>;
  const subject = json.subject?.digest;
  if (typeof subject === 'string' && isValidDigest(subject)) usage.subject = subject;
  if (manifestKind(manifest.mediaType) === 'index' || Array.isArray(json.manifests)) {
    const entries = Array.isArray(json.manifests) ? json.manifests : [];
    if (entries.length > MAX_CHILDREN)
      throw new BerthError('PROTOCOL', `an index of ${entries.length} manifests (${manifest.digest})`, {
        hint: `An image index names at most ${MAX_CHILDREN} manifests here; this registry's answer is not one`,
      });
    usage.children = entries.filter(isCountable).map((entry) => entry.digest);
    return usage;
  }
  const blobs = [json.config, ...(Array.isArray(json.layers) ? json.layers : [])];
  usage.blobs = blobs
    .filter((blob): blob is Descriptor => blob !== undefined && isCountable(blob) && !isForeignLayer(blob))
    .map((blob) => ({ digest: blob.digest, size: blob.size }));
  return usage;
}

function isCountable(descriptor: Partial<Descriptor>): descriptor is Descriptor {
  return (
    typeof descriptor.digest === 'string' &&
    isValidDigest(descriptor.digest) &&
    typeof descriptor.size === 'number' &&
    Number.isSafeInteger(descriptor.size) &&
    descriptor.size >= 0
  );
}

function errorInfo(error: unknown): ErrorInfo {
  return error instanceof BerthError
    ? error.toInfo()
    : { code: 'PROTOCOL', message: error instanceof Error ? error.message : String(error) };
}

/**
 * The blobs (digest → size) and manifests (digest → bytes) reachable from `roots` (manifest digests):
 * an index's children and their blobs, each counted once. Manifests not in `manifests` are left out.
 */
export function reachable(
  manifests: ReadonlyMap<string, ManifestUsage>,
  roots: Iterable<string>,
): { blobs: Map<string, number>; manifests: Map<string, number> } {
  const blobs = new Map<string, number>();
  const seen = new Map<string, number>();
  const pending = [...roots];
  for (let digest = pending.pop(); digest !== undefined; digest = pending.pop()) {
    if (seen.has(digest)) continue;
    const manifest = manifests.get(digest);
    if (!manifest) continue;
    seen.set(digest, manifest.size);
    for (const blob of manifest.blobs) blobs.set(blob.digest, blob.size);
    pending.push(...manifest.children);
  }
  return { blobs, manifests: seen };
}

/** Sum of sizes (blob or manifest bytes). */
export function totalBytes(sizes: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const size of sizes.values()) total += size;
  return total;
}
