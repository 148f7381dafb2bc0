import type { ImageInspection } from '../../../shared/image.js';
import type { ImageLocation } from '../../../shared/location.js';
import { parsePlatform } from '../../../shared/manifest.js';
import type { RegistryClient } from './client.js';
import { inspectImage, type InspectTarget } from './inspect.js';

/**
 * What to inspect for an image location: a tag also names the answer (`host/repo:tag`); a digest stands
 * for itself. The one place a reference becomes an inspection target, for the app and the CLI alike.
 */
export function inspectTarget(image: ImageLocation): InspectTarget {
  const isDigest = image.reference.includes(':');
  return {
    registry: image.registry,
    repository: image.repository,
    reference: image.reference,
    tag: isDigest ? undefined : image.reference,
  };
}

/** Inspects an image, picking `platform` (`os/arch[/variant]`) from an index when given. */
export function inspectAt(
  client: RegistryClient,
  image: ImageLocation,
  options: { platform?: string; allPlatforms?: boolean; signal?: AbortSignal } = {},
): Promise<ImageInspection> {
  return inspectImage(client, inspectTarget(image), {
    platform: options.platform ? parsePlatform(options.platform) : undefined,
    allPlatforms: options.allPlatforms,
    signal: options.signal,
  });
}
