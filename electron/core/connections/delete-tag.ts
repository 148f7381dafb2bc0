import type { ImageLocation } from '../../../shared/location.js';
import {
  deleteTag,
  headManifest,
  TagMovedError,
  type DeleteTagOptions,
  type DeleteTagResult,
} from '../registry/index.js';
import type { BerthServices } from '../services.js';

/**
 * Deletes one tag of a registry Berth may have saved: with the kind's own tag delete where it has one
 * (Harbor's removes only that tag, so the image's other tags survive by construction), else through the
 * v2 API (a tag delete, or a throwaway manifest where the registry has none).
 */
export async function deleteTagOf(
  services: BerthServices,
  image: ImageLocation,
  signal?: AbortSignal,
  options: DeleteTagOptions = {},
): Promise<DeleteTagResult> {
  const saved = services.settings.findByHost(image.registry);
  const vendor = saved ? await services.vendors.forConnection(saved) : undefined;
  if (!vendor?.deleteTag) return deleteTag(services.client, image, signal, options);
  const { digest } = await headManifest(services.client, image, signal);
  if (options.expectDigest !== undefined && digest !== options.expectDigest)
    throw new TagMovedError(image, options.expectDigest, digest);
  await vendor.deleteTag(image.repository, image.reference, signal ? { signal } : {});
  return {
    tag: image.reference,
    digest,
    method: 'vendor-tag-delete',
    vendor: vendor.vendor,
    note: `Removed with ${vendor.vendor}'s own tag delete: the image and any other tags on it stay. Space is only reclaimed when ${vendor.vendor} runs garbage collection.`,
  };
}
