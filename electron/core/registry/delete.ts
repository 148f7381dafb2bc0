import { randomBytes } from 'node:crypto';
import { forEachBounded } from '../../../shared/bounded.js';
import type { TagGroupView } from '../../../shared/contract/index.js';
import { imageAt, type ImageLocation, type RepositoryLocation } from '../../../shared/location.js';
import { MediaType, manifestKind } from '../../../shared/media-types.js';
import { repositoryScope } from './challenge.js';
import type { RegistryClient } from './client.js';
import { pushBlobBytes } from './blobs.js';
import { BerthError, UnsupportedError } from './errors.js';
import { collect, listTags } from './listing.js';
import { assertDigest } from './digest.js';
import { getManifest, headManifest, putManifest, sha256Digest } from './manifests.js';

const NO_SUCH_DIGEST = `sha256:${'0'.repeat(64)}`;
const GC_HINT = 'Space is only reclaimed when the registry runs garbage collection.';

function deletionDisabled(host: string, status?: number, registryCodes?: string[]): UnsupportedError {
  return new UnsupportedError(
    host,
    `deletion is disabled on ${host}`,
    'The registry refuses DELETE (Distribution: set storage.delete.enabled: true). Nothing was changed.',
    { status, registryCodes },
  );
}

/**
 * Whether DELETE works here, asked without touching anything: deleting a digest that cannot exist
 * answers 404 where deletion is on and 405 UNSUPPORTED where it is off.
 */
export async function canDelete(
  client: RegistryClient,
  { registry: host, repository }: RepositoryLocation,
  signal?: AbortSignal,
): Promise<boolean> {
  const response = await client.send(host, {
    method: 'DELETE',
    path: `/v2/${repository}/manifests/${NO_SUCH_DIGEST}`,
    scopes: [repositoryScope(repository, 'delete')],
    signal,
    what: `delete in ${repository}`,
    accept: (status) => status === 404 || status === 405 || status === 400 || status === 202,
  });
  await response.body.dump();
  return response.status !== 405;
}

async function deleteByDigest(
  client: RegistryClient,
  { registry: host, repository, reference: digest }: ImageLocation,
  signal?: AbortSignal,
): Promise<void> {
  assertDigest(host, digest, `delete ${repository}@${digest}`);
  try {
    const response = await client.send(host, {
      method: 'DELETE',
      path: `/v2/${repository}/manifests/${digest}`,
      scopes: [repositoryScope(repository, 'delete')],
      signal,
      what: `delete ${repository}@${digest}`,
    });
    await response.body.dump();
  } catch (error) {
    if (error instanceof BerthError && error.status === 405)
      throw deletionDisabled(host, 405, error.registryCodes);
    throw error;
  }
}

/**
 * The digest every tag of the repository names (HEAD per tag, a few at a time). A tag deleted while we
 * look is simply left out.
 */
export async function tagDigests(
  client: RegistryClient,
  at: RepositoryLocation,
  signal?: AbortSignal,
): Promise<Map<string, string>> {
  const tags = await collect(listTags(client, at, { signal }));
  const digests = new Map<string, string>();
  await forEachBounded(tags, 8, async (tag) => {
    try {
      digests.set(tag, (await headManifest(client, imageAt(at, tag), signal)).digest);
    } catch (error) {
      if (!(error instanceof BerthError && error.code === 'NOT_FOUND')) throw error;
    }
  });
  return digests;
}

/** Every tag of the repository whose manifest is `digest`. */
export async function tagsPointingTo(
  client: RegistryClient,
  at: RepositoryLocation,
  digest: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const digests = await tagDigests(client, at, signal);
  return [...digests].flatMap(([tag, target]) => (target === digest ? [tag] : [])).sort();
}

/** The chosen tags that name a digest, and the tags not chosen that name it too (they survive). */
export type TagGroup = TagGroupView;

/**
 * What deleting `chosen` tags one by one does: the chosen tags grouped by the digest they name, each
 * group with the other tags on that digest (they survive), and the chosen tags that no longer exist.
 */
export function groupByDigest(
  digests: ReadonlyMap<string, string>,
  chosen: readonly string[],
): { groups: TagGroup[]; missing: string[] } {
  const picked = new Set(chosen);
  const groups = new Map<string, TagGroup>();
  const missing: string[] = [];
  for (const tag of chosen) {
    const digest = digests.get(tag);
    if (!digest) {
      missing.push(tag);
      continue;
    }
    const group = groups.get(digest) ?? { digest, tags: [], survivors: [] };
    group.tags.push(tag);
    groups.set(digest, group);
  }
  for (const [tag, digest] of digests) {
    if (!picked.has(tag)) groups.get(digest)?.survivors.push(tag);
  }
  for (const group of groups.values()) group.survivors.sort();
  return { groups: [...groups.values()], missing };
}

/**
 * Deletes one manifest by digest and nothing else is looked at (deleting a whole repository goes
 * through every digest this way; `deleteImage` also names the tags that go).
 */
export async function deleteManifest(
  client: RegistryClient,
  image: ImageLocation,
  signal?: AbortSignal,
): Promise<{ digest: string; note: string }> {
  await deleteByDigest(client, image, signal);
  return { digest: image.reference, note: GC_HINT };
}

export interface DeleteImageResult {
  digest: string;
  /** Tags that pointed at the digest and are gone with it. */
  removedTags: string[];
  note: string;
}

/** Deletes a manifest by digest (`image.reference`): every tag pointing at it goes too, and is listed. */
export async function deleteImage(
  client: RegistryClient,
  image: ImageLocation,
  signal?: AbortSignal,
): Promise<DeleteImageResult> {
  const { registry: host, repository, reference: digest } = image;
  const algorithm = assertDigest(host, digest, `delete ${repository}@${digest}`);
  if (!(await canDelete(client, image, signal))) throw deletionDisabled(host);
  // Tags are matched by the sha256 registries name manifests by: another algorithm's digest is first
  // resolved to it, through the manifest's bytes (verified against the digest given).
  const target = algorithm === 'sha256' ? digest : (await getManifest(client, image, signal)).digest;
  const removedTags = await tagsPointingTo(client, image, target, signal);
  await deleteByDigest(client, imageAt(image, target), signal);
  return { digest: target, removedTags, note: GC_HINT };
}

export interface DeleteTagResult {
  tag: string;
  /** The manifest the tag pointed at; it stays, with any other tags. */
  digest: string;
  /** `vendor-tag-delete`: the registry kind's own API removed the tag (Harbor). */
  method: 'tag-delete' | 'throwaway-manifest' | 'vendor-tag-delete';
  /** Whose own tag delete it was (`Harbor`), for `vendor-tag-delete`: the app words the note from it. */
  vendor?: string;
  note: string;
}

export interface DeleteTagOptions {
  /**
   * Delete only while the tag still names this manifest (what a preview showed): a tag pushed anew
   * since is left alone with a TagMovedError, not deleted. Without it, whatever the tag names.
   */
  expectDigest?: string;
}

/** The tag no longer names the manifest the caller meant to untag: nothing was deleted. */
export class TagMovedError extends BerthError {
  constructor(
    readonly image: ImageLocation,
    readonly expected: string,
    readonly found: string,
  ) {
    super(
      'DIGEST_MISMATCH',
      `${image.repository}:${image.reference} moved: it now names ${found.slice(0, 19)}…, not ${expected.slice(0, 19)}…`,
      {
        registry: image.registry,
        hint: 'Someone pushed it meanwhile; nothing was deleted. Look again before deleting it.',
      },
    );
  }
}

/**
 * Removes one tag and nothing else. Where the registry deletes tags (OCI 1.1) that is one request;
 * elsewhere the tag is repointed at a tiny unique throwaway manifest which is then deleted by digest,
 * so sibling tags of the original manifest survive (regclient's TagDelete does the same).
 */
export async function deleteTag(
  client: RegistryClient,
  image: ImageLocation,
  signal?: AbortSignal,
  options: DeleteTagOptions = {},
): Promise<DeleteTagResult> {
  const { registry: host, repository, reference: tag } = image;
  const { expectDigest } = options;
  if (!(await canDelete(client, image, signal))) throw deletionDisabled(host);
  const original = await getManifest(client, image, signal);
  if (expectDigest !== undefined && original.digest !== expectDigest)
    throw new TagMovedError(image, expectDigest, original.digest);
  const tagDelete = await client.send(host, {
    method: 'DELETE',
    path: `/v2/${repository}/manifests/${tag}`,
    scopes: [repositoryScope(repository, 'delete')],
    signal,
    what: `delete tag ${repository}:${tag}`,
    accept: () => true,
  });
  await tagDelete.body.dump();
  if (tagDelete.status === 202) {
    return { tag, digest: original.digest, method: 'tag-delete', note: GC_HINT };
  }

  const oci =
    manifestKind(original.mediaType) !== 'schema1' && original.mediaType.startsWith('application/vnd.oci.');
  const now = new Date(client.now()).toISOString();
  const config = Buffer.from(
    JSON.stringify({
      created: now,
      architecture: 'amd64',
      os: 'linux',
      // A nonce: two deletes of one tag at once (two windows, the app and the CLI) make two throwaways,
      // so neither deletes the other's and then puts the tag back for a delete that did not fail.
      config: {
        Labels: {
          'delete-tag': tag,
          'delete-date': now,
          'delete-by': 'berth',
          'delete-nonce': randomBytes(8).toString('hex'),
        },
      },
      rootfs: { type: 'layers', diff_ids: [] },
    }),
  );
  const empty = Buffer.from('{}');
  const [configDigest, emptyDigest] = [
    await pushBlobBytes(client, image, config, signal),
    await pushBlobBytes(client, image, empty, signal),
  ];
  const mediaType = oci ? MediaType.ociManifest : MediaType.dockerManifest;
  const throwaway = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      config: {
        mediaType: oci ? MediaType.ociConfig : MediaType.dockerConfig,
        digest: configDigest,
        size: config.length,
      },
      layers: [
        {
          mediaType: oci ? MediaType.ociLayerGzip : MediaType.dockerLayer,
          digest: emptyDigest,
          size: empty.length,
        },
      ],
    }),
  );
  const throwawayDigest = sha256Digest(throwaway);
  if (expectDigest !== undefined) {
    // The throwaway's blobs took a few round trips: the tag is looked at again just before it is repointed.
    const { digest: now } = await headManifest(client, image, signal);
    if (now !== expectDigest) throw new TagMovedError(image, expectDigest, now);
  }
  await putManifest(client, image, { bytes: throwaway, mediaType }, signal);
  try {
    await deleteByDigest(client, imageAt(image, throwawayDigest), signal);
  } catch (error) {
    // Put the tag back where it was (the user asked to remove it, not to break it), but only while it
    // still names the throwaway: a tag gone is removed as asked, and one pushed anew meanwhile stays.
    const now = await headManifest(client, image).catch((headError: unknown) =>
      headError instanceof BerthError && headError.code === 'NOT_FOUND' ? null : undefined,
    );
    if (now === null) return { tag, digest: original.digest, method: 'throwaway-manifest', note: GC_HINT };
    if (now?.digest === throwawayDigest) await putManifest(client, image, original).catch(() => undefined);
    throw error;
  }
  return { tag, digest: original.digest, method: 'throwaway-manifest', note: GC_HINT };
}
