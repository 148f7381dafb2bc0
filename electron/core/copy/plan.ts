import {
  isAttestation,
  parsePlatform,
  platformString,
  type Descriptor,
  type ImageIndex,
  type ImageManifest,
} from '../../../shared/manifest.js';
import { imageAt, type DestinationLocation, type ImageLocation } from '../../../shared/location.js';
import { manifestKind } from '../../../shared/media-types.js';
import {
  getManifest,
  isDigestReference,
  sha256Digest,
  type ManifestResult,
  type RegistryClient,
  NotFoundError,
  UnsupportedError,
} from '../registry/index.js';

export interface ManifestToPush {
  digest: string;
  mediaType: string;
  bytes: Buffer;
}

/** Everything one copy moves: blobs (deduplicated), child manifests, the top manifest. */
export interface CopyPlan {
  sourceDigest: string;
  /** Digest the destination will have: the source's, or a new index's for a platform subset. */
  digest: string;
  mediaType: string;
  newIndex: boolean;
  platforms: string[];
  blobs: Descriptor[];
  children: ManifestToPush[];
  top: ManifestToPush;
}

function imageBlobs(manifest: ManifestResult): Descriptor[] {
  const image = manifest.json as unknown as ImageManifest;
  return [image.config, ...(image.layers ?? [])].filter((d): d is Descriptor => Boolean(d?.digest));
}

/**
 * Reads the source manifest (and, for an index, its children) and decides what moves. With
 * `platforms`, an index is narrowed to those entries (plus their attestations) and re-serialized as a
 * new index; without, the index bytes move unchanged so the digest is preserved.
 */
export async function planCopy(
  client: RegistryClient,
  source: ImageLocation,
  platforms: string[] | undefined,
  signal?: AbortSignal,
): Promise<CopyPlan> {
  const top = await getManifest(client, source, signal);
  const kind = manifestKind(top.mediaType);
  if (kind === 'schema1') {
    throw new UnsupportedError(
      source.registry,
      'Docker schema 1 images cannot be copied',
      'Re-push the image with a current Docker to convert it.',
    );
  }
  if (kind !== 'index') {
    if (platforms?.length) {
      throw new UnsupportedError(
        source.registry,
        `${source.repository}:${source.reference} is a single-platform image; --platform applies to multi-platform indexes`,
        'Copy it without --platform.',
      );
    }
    return {
      sourceDigest: top.digest,
      digest: top.digest,
      mediaType: top.mediaType,
      newIndex: false,
      platforms: [],
      blobs: imageBlobs(top),
      children: [],
      top: { digest: top.digest, mediaType: top.mediaType, bytes: top.bytes },
    };
  }

  const index = top.json as unknown as ImageIndex;
  let entries = index.manifests ?? [];
  let bytes = top.bytes;
  let newIndex = false;
  if (platforms?.length) {
    const wanted = platforms.map(parsePlatform);
    const runnable = entries.filter((entry) => !isAttestation(entry) && entry.platform);
    const kept = runnable.filter((entry) =>
      wanted.some(
        (w) =>
          entry.platform!.os === w.os &&
          entry.platform!.architecture === w.architecture &&
          (!w.variant || entry.platform!.variant === w.variant),
      ),
    );
    const missing = wanted.filter(
      (w) => !kept.some((e) => e.platform!.os === w.os && e.platform!.architecture === w.architecture),
    );
    if (missing.length) {
      const available = runnable.map((entry) => platformString(entry.platform!)).join(', ');
      throw new NotFoundError(
        source.registry,
        `${source.repository}: no ${missing.map(platformString).join(', ')} in this index (has ${available})`,
      );
    }
    const keptDigests = new Set(kept.map((entry) => entry.digest));
    const attestations = entries.filter(
      (entry) =>
        isAttestation(entry) && keptDigests.has(entry.annotations?.['vnd.docker.reference.digest'] ?? ''),
    );
    const selected = entries.filter((entry) => keptDigests.has(entry.digest) || attestations.includes(entry));
    if (selected.length !== entries.length) {
      entries = selected;
      bytes = Buffer.from(JSON.stringify({ ...index, manifests: entries }, null, 2));
      newIndex = true;
    }
  }

  const children: ManifestToPush[] = [];
  const blobs = new Map<string, Descriptor>();
  for (const entry of entries) {
    const child = await getManifest(client, imageAt(source, entry.digest), signal);
    const childKind = manifestKind(child.mediaType);
    if (childKind === 'index') {
      throw new UnsupportedError(
        source.registry,
        `${source.repository}: nested indexes are not copied yet (${entry.digest})`,
        'Copy the inner index by digest.',
      );
    }
    for (const blob of imageBlobs(child)) blobs.set(blob.digest, blob);
    children.push({ digest: child.digest, mediaType: child.mediaType, bytes: child.bytes });
  }
  const digest = newIndex ? sha256Digest(bytes) : top.digest;
  return {
    sourceDigest: top.digest,
    digest,
    mediaType: top.mediaType,
    newIndex,
    platforms: entries.filter((e) => !isAttestation(e) && e.platform).map((e) => platformString(e.platform!)),
    blobs: [...blobs.values()],
    children,
    top: { digest, mediaType: top.mediaType, bytes },
  };
}

/** The tag a copy writes: the destination's, else the source's; none when either names a digest. */
export function destinationTag(source: ImageLocation, destination: DestinationLocation): string | undefined {
  if (destination.reference !== undefined)
    return isDigestReference(destination.reference) ? undefined : destination.reference;
  return isDigestReference(source.reference) ? undefined : source.reference;
}
