import { isAttestation, platformString, type Descriptor, type ImageManifest } from './manifest.js';
import type { ImageInspection } from './image.js';
import { manifestKind } from './media-types.js';

/**
 * Berth's one definition of an image's size, everywhere it shows one (tag rows, the image view, the
 * CLI): the compressed bytes the registry stores for the image — its layers plus its config blob, as
 * the manifest's descriptors declare them. That is what a pull downloads and what `docker manifest
 * inspect`-style tools add up; the manifest itself (a few hundred bytes, not a blob) is not counted.
 * An index has no size of its own: each platform image has one, and "all platforms" adds up the
 * platform images' blobs with each digest counted once, so layers the platforms share count once.
 * Attestation manifests (BuildKit's `unknown/unknown` entries) and entries that are not image
 * manifests are not platforms and are left out.
 */
export const SIZE_DEFINITION =
  'Compressed size stored in the registry: layers plus the image config, as the manifest declares them (what a pull downloads). The manifest itself is not counted.';

/** Shown next to an index's "all platforms" figure. */
export const ALL_PLATFORMS_NOTE = 'shared layers counted once';

type SizedManifest = Partial<Pick<ImageManifest, 'config' | 'layers'>>;

function blobsOf(manifest: SizedManifest): Descriptor[] | undefined {
  if (!manifest.config || !Array.isArray(manifest.layers)) return undefined;
  const blobs = [manifest.config, ...manifest.layers];
  return blobs.every((blob) => Number.isSafeInteger(blob?.size) && blob.size >= 0) ? blobs : undefined;
}

/** Adds up sizes; undefined past what a number holds exactly (2^53: a registry that lies, not an image). */
function sum(sizes: Iterable<number>): number | undefined {
  let total = 0;
  for (const size of sizes) total += size;
  return Number.isSafeInteger(total) ? total : undefined;
}

/** An image manifest's size by the rule above, or undefined when it lists no config/layers or a bad size. */
export function imageSize(manifest: SizedManifest): number | undefined {
  const blobs = blobsOf(manifest);
  return blobs && sum(blobs.map((blob) => blob.size));
}

/** An index entry that is one platform's image: counted in "all platforms". */
export function isPlatformImage(entry: Descriptor): boolean {
  return (
    manifestKind(entry.mediaType) === 'image' &&
    !isAttestation(entry) &&
    entry.platform !== undefined &&
    entry.platform.os !== 'unknown'
  );
}

export interface IndexSize {
  /** Each platform image in the index's order. */
  platforms: Array<{ platform: string; digest: string; size: number }>;
  /** Every platform image's blobs, each digest once. */
  allPlatforms: number;
}

/**
 * The sizes of an index's platform images and of all of them together. `children` pairs the index's
 * entries with their manifests (as read from the registry); entries that are not platform images are
 * skipped. Undefined when a platform image's manifest is missing or has no valid size: a total that
 * silently left one out would be wrong.
 */
export function indexSize(
  children: ReadonlyArray<{ entry: Descriptor; manifest?: unknown }>,
): IndexSize | undefined {
  const seen = new Map<string, number>();
  const platforms: IndexSize['platforms'] = [];
  for (const { entry, manifest } of children) {
    if (!isPlatformImage(entry)) continue;
    const blobs = manifest && typeof manifest === 'object' ? blobsOf(manifest as SizedManifest) : undefined;
    const size = blobs && sum(blobs.map((blob) => blob.size));
    if (size === undefined) return undefined;
    platforms.push({ platform: platformString(entry.platform!), digest: entry.digest, size });
    for (const blob of blobs!) seen.set(blob.digest, blob.size);
  }
  const allPlatforms = sum(seen.values());
  return allPlatforms === undefined ? undefined : { platforms, allPlatforms };
}

/**
 * An inspected image's size in words, bytes formatted by the caller: `4.45 MB` for an image, and for
 * an index `linux/amd64 4.45 MB · all platforms 8.53 MB (shared layers counted once)`. Undefined when
 * there is nothing to say (a schema 1 manifest, an artifact with no config).
 */
export function describeSize(
  inspection: Pick<ImageInspection, 'kind' | 'selected' | 'configDigest' | 'totalSize' | 'allPlatformsSize'>,
  formatBytes: (bytes: number) => string,
): string | undefined {
  if (!inspection.configDigest) return undefined;
  const shown = formatBytes(inspection.totalSize);
  if (inspection.kind !== 'index' || !inspection.selected) return shown;
  const all =
    inspection.allPlatformsSize === undefined
      ? ''
      : ` · all platforms ${formatBytes(inspection.allPlatformsSize)} (${ALL_PLATFORMS_NOTE})`;
  return `${inspection.selected.platform} ${shown}${all}`;
}
