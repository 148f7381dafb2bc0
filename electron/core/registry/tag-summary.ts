import { forEachBounded } from '../../../shared/bounded.js';
import type { TagSummaryView } from '../../../shared/contract/index.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { imageAt, type ImageLocation, type RepositoryLocation } from '../../../shared/location.js';
import {
  isAttestation,
  platformString,
  type ImageIndex,
  type ImageManifest,
} from '../../../shared/manifest.js';
import { imageSize } from '../../../shared/image-size.js';
import { manifestKind } from '../../../shared/media-types.js';
import type { RegistryClient } from './client.js';
import { BerthError } from './errors.js';
import { getManifest } from './manifests.js';

/**
 * What a tag row shows without opening the tag. `size` is the image's size by the one rule in
 * shared/image-size.ts (layers + config, compressed); an index has no size of its own, only `platforms`.
 */
export type TagSummary = TagSummaryView;

/** Manifests read at once for one batch: enough to hide latency, few enough not to crowd the registry. */
const CONCURRENCY = 6;

/**
 * One tag's summary from its manifest alone: a GET (a HEAD has no layer sizes or platform list), no
 * config blob, no child manifests. An index names its platforms itself; attestations are left out.
 */
export async function summarizeTag(
  client: RegistryClient,
  image: ImageLocation,
  signal?: AbortSignal,
): Promise<TagSummary> {
  const manifest = await getManifest(client, image, signal);
  const summary: TagSummary = {
    tag: image.reference,
    state: 'ok',
    digest: manifest.digest,
    mediaType: manifest.mediaType,
  };
  const kind = manifestKind(manifest.mediaType);
  if (kind === 'index') {
    const entries = Array.isArray((manifest.json as Partial<ImageIndex>).manifests)
      ? (manifest.json as unknown as ImageIndex).manifests
      : [];
    summary.platforms = entries
      .filter((entry) => entry.platform && !isAttestation(entry) && entry.platform.os !== 'unknown')
      .map((entry) => platformString(entry.platform!));
  } else if (kind === 'image') {
    const size = imageSize(manifest.json as Partial<ImageManifest>);
    if (size !== undefined) summary.size = size;
  }
  return summary;
}

/**
 * Summaries of a few tags (the rows on screen), in the order asked. A tag that fails answers with its
 * own error (deleted meanwhile, denied, …) so the others still show; only a cancel stops the batch.
 */
export async function summarizeTags(
  client: RegistryClient,
  at: RepositoryLocation,
  tags: readonly string[],
  signal?: AbortSignal,
): Promise<TagSummary[]> {
  const summaries: TagSummary[] = new Array(tags.length);
  await forEachBounded(tags, CONCURRENCY, async (tag, index) => {
    try {
      summaries[index] = await summarizeTag(client, imageAt(at, tag), signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      const info: ErrorInfo =
        error instanceof BerthError
          ? error.toInfo()
          : { code: 'PROTOCOL', message: error instanceof Error ? error.message : String(error) };
      summaries[index] = { tag, state: 'error', error: info };
    }
  });
  return summaries;
}
