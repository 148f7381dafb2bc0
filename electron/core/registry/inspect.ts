import { forEachBounded } from '../../../shared/bounded.js';
import type { ImageInspection, LayerEntry, PlatformEntry } from '../../../shared/image.js';
import { imageAt, type ImageLocation } from '../../../shared/location.js';
import {
  isAttestation,
  isForeignLayer,
  platformString,
  type Descriptor,
  type ImageConfig,
  type ImageIndex,
  type ImageManifest,
} from '../../../shared/manifest.js';
import { imageSize, indexSize, isPlatformImage } from '../../../shared/image-size.js';
import { manifestKind, MediaType } from '../../../shared/media-types.js';
import { isDockerHubHost } from '../../../shared/reference.js';
import { readBlob } from './blobs.js';
import type { RegistryClient } from './client.js';
import { NotFoundError, ProtocolError } from './errors.js';
import { getManifest, type ManifestResult } from './manifests.js';

/** The image to inspect (`reference` a tag or a digest), and the tag it was asked for by, if any. */
export interface InspectTarget extends ImageLocation {
  tag?: string;
}

export interface InspectOptions {
  /** `os/arch[/variant]` to pick from an index; default: linux/amd64, else the first runnable entry. */
  platform?: { os: string; architecture: string; variant?: string };
  /** Read the image config blob (one more request). Default true. */
  config?: boolean;
  /**
   * For an index, read every platform image's manifest to add up all platforms' size (one GET each).
   * Default: yes, except on Docker Hub, where every manifest GET counts as a pull against the limit.
   */
  allPlatforms?: boolean;
  signal?: AbortSignal;
}

export function indexPlatforms(index: ImageIndex): PlatformEntry[] {
  const entries = index.manifests ?? [];
  return entries.map((descriptor) => {
    const platform = descriptor.platform ?? { os: 'unknown', architecture: 'unknown' };
    const entry: PlatformEntry = {
      platform: platformString(platform),
      os: platform.os,
      architecture: platform.architecture,
      digest: descriptor.digest,
      mediaType: descriptor.mediaType,
      size: descriptor.size,
    };
    if (platform.variant) entry.variant = platform.variant;
    if (isAttestation(descriptor))
      entry.attestationFor = descriptor.annotations?.['vnd.docker.reference.digest'];
    return entry;
  });
}

export function choosePlatform(
  platforms: PlatformEntry[],
  wanted: InspectOptions['platform'],
): PlatformEntry | undefined {
  const runnable = platforms.filter((p) => !p.attestationFor && p.os !== 'unknown');
  if (wanted) {
    return runnable.find(
      (p) =>
        p.os === wanted.os &&
        p.architecture === wanted.architecture &&
        (!wanted.variant || p.variant === wanted.variant),
    );
  }
  return runnable.find((p) => p.os === 'linux' && p.architecture === 'amd64') ?? runnable[0];
}

function layerEntries(manifest: ImageManifest): LayerEntry[] {
  return (manifest.layers ?? []).map((layer: Descriptor) => {
    const entry: LayerEntry = { digest: layer.digest, mediaType: layer.mediaType, size: layer.size };
    if (isForeignLayer(layer)) entry.foreign = true;
    if (layer.urls?.length) entry.urls = layer.urls;
    return entry;
  });
}

/** Manifest (and for an index, one platform's manifest), config and layers, as plain data. */
export async function inspectImage(
  client: RegistryClient,
  target: InspectTarget,
  options: InspectOptions = {},
): Promise<ImageInspection> {
  const { registry, repository } = target;
  const top = await getManifest(client, target, options.signal);
  const kind = manifestKind(top.mediaType);
  const result: ImageInspection = {
    reference: `${registry}/${repository}${target.tag ? `:${target.tag}` : `@${top.digest}`}`,
    registry,
    repository,
    tag: target.tag,
    digest: top.digest,
    mediaType: top.mediaType,
    kind,
    platforms: [],
    layers: [],
    totalSize: 0,
    rawManifest: top.bytes.toString('utf8'),
    warnings: [...top.warnings],
  };
  if (top.rateLimit) result.rateLimit = top.rateLimit;
  if (kind === 'schema1') return result;

  let image: ManifestResult = top;
  if (kind === 'index') {
    const index = top.json as unknown as ImageIndex;
    result.platforms = indexPlatforms(index);
    result.rawIndex = result.rawManifest;
    result.annotations = index.annotations;
    result.artifactType = index.artifactType;
    const chosen = choosePlatform(result.platforms, options.platform);
    if (!chosen) {
      if (options.platform) {
        const available = result.platforms
          .filter((p) => !p.attestationFor)
          .map((p) => p.platform)
          .join(', ');
        throw new NotFoundError(
          registry,
          `${registry}/${repository}: no ${platformString(options.platform)} image in this index (has ${available || 'none'})`,
          {
            hint: available
              ? `Choose one of the platforms it has, for example --platform ${available.split(', ')[0]}.`
              : 'This index lists no runnable platform image; inspect it without --platform to see what it holds.',
          },
        );
      }
      return result;
    }
    image = await getManifest(client, imageAt(target, chosen.digest), options.signal);
    result.selected = { platform: chosen.platform, digest: chosen.digest, mediaType: image.mediaType };
    result.rawManifest = image.bytes.toString('utf8');
    result.warnings.push(...image.warnings);
    if (manifestKind(image.mediaType) !== 'image') {
      throw new ProtocolError(
        registry,
        `${repository}@${chosen.digest} is listed as a platform image but is ${image.mediaType}`,
      );
    }
    if (options.allPlatforms ?? !isDockerHubHost(registry))
      await addPlatformSizes(client, target, result, index, image, options.signal);
  }
  const manifest = image.json as unknown as ImageManifest;
  if (!manifest.config || !Array.isArray(manifest.layers)) {
    if (kind === 'unknown') return result;
    throw new ProtocolError(registry, `${repository}: the image manifest has no config or layers`);
  }
  result.layers = layerEntries(manifest);
  result.configDigest = manifest.config.digest;
  result.configMediaType = manifest.config.mediaType;
  result.artifactType = manifest.artifactType ?? result.artifactType;
  result.subject = manifest.subject?.digest;
  result.annotations = manifest.annotations ?? result.annotations;
  result.totalSize = imageSize(manifest) ?? 0;
  const isImageConfig =
    manifest.config.mediaType === MediaType.ociConfig || manifest.config.mediaType === MediaType.dockerConfig;
  if (options.config !== false && isImageConfig) {
    const raw = await readBlob(client, target, manifest.config.digest, {
      signal: options.signal,
    });
    result.rawConfig = raw.toString('utf8');
    try {
      result.config = JSON.parse(result.rawConfig) as ImageConfig;
    } catch {
      result.warnings.push('the image config is not valid JSON');
    }
  }
  if (kind === 'image' && options.platform && result.config?.os && result.config.architecture) {
    // One image, not an index: it is the platform asked for, or there is none (as docker pull --platform says).
    const has = {
      os: result.config.os,
      architecture: result.config.architecture,
      variant: result.config.variant,
    };
    const wanted = options.platform;
    const matches =
      has.os === wanted.os &&
      has.architecture === wanted.architecture &&
      (!wanted.variant || wanted.variant === has.variant);
    if (!matches)
      throw new NotFoundError(
        registry,
        `${registry}/${repository}: no ${platformString(wanted)} image: this is a single ${platformString(has)} image, not a multi-platform index`,
        { hint: `Inspect it without --platform (or with --platform ${platformString(has)}).` },
      );
  }
  if (kind === 'image' && result.config?.os && result.config.architecture) {
    result.platforms = [
      {
        platform: platformString({
          os: result.config.os,
          architecture: result.config.architecture,
          variant: result.config.variant,
        }),
        os: result.config.os,
        architecture: result.config.architecture,
        variant: result.config.variant,
        digest: top.digest,
        mediaType: top.mediaType,
        size: top.size,
        imageSize: result.totalSize,
      },
    ];
  }
  return result;
}

/** Platform manifests read at once for the all-platforms size. */
const SIZE_CONCURRENCY = 4;
/**
 * Platform images read for the all-platforms size at most. Real indexes list a few dozen; one that
 * lists thousands would cost a manifest GET each (a pull each on registries that count them).
 */
export const MAX_SIZED_PLATFORMS = 100;

/**
 * Reads the index's other platform images' manifests (the shown one is already read) and puts each
 * platform's size and all platforms' size on `result`. A manifest that cannot be read leaves the total
 * out, with a warning that says why, rather than a total that silently misses a platform.
 */
async function addPlatformSizes(
  client: RegistryClient,
  target: InspectTarget,
  result: ImageInspection,
  index: ImageIndex,
  shown: ManifestResult,
  signal: AbortSignal | undefined,
): Promise<void> {
  const entries = (index.manifests ?? []).filter(isPlatformImage);
  const manifests = new Map<string, unknown>([[shown.digest, shown.json]]);
  const missing = [...new Set(entries.map((entry) => entry.digest))].filter(
    (digest) => !manifests.has(digest),
  );
  if (missing.length + 1 > MAX_SIZED_PLATFORMS) {
    result.warnings.push(
      `The size of all platforms is not added up: this index lists ${missing.length + 1} platform images, more than the ${MAX_SIZED_PLATFORMS} Berth reads for that total.`,
    );
    return;
  }
  let failure: string | undefined;
  await forEachBounded(missing, SIZE_CONCURRENCY, async (digest) => {
    try {
      manifests.set(digest, (await getManifest(client, imageAt(target, digest), signal)).json);
    } catch (error) {
      if (signal?.aborted) throw error;
      const platform = entries.find((entry) => entry.digest === digest)?.platform;
      const name = platform ? platformString(platform) : digest;
      failure ??= `${name} could not be read (${error instanceof Error ? error.message : String(error)})`;
    }
  });
  if (failure) {
    result.warnings.push(
      `The size of all platforms is not known: the manifest of ${failure}. Open that platform to see why.`,
    );
    return;
  }
  const sizes = indexSize(entries.map((entry) => ({ entry, manifest: manifests.get(entry.digest) })));
  if (!sizes) {
    result.warnings.push(
      'The size of all platforms is not known: a platform image of this index is not an image manifest with sizes (another index, or a size that is not a whole number of bytes).',
    );
    return;
  }
  result.allPlatformsSize = sizes.allPlatforms;
  for (const platform of result.platforms) {
    const size = sizes.platforms.find((entry) => entry.digest === platform.digest)?.size;
    if (size !== undefined) platform.imageSize = size;
  }
}
