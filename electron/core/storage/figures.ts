// The counting of a storage scan, on plain data: which repositories and tags reach which blobs and
// manifests, each counted once, and what of it is shared. No I/O here.
import {
  MAX_LARGEST,
  MAX_REPORTED_FAILED_TAGS,
  MAX_REPORTED_TAGS,
  type StorageRepository,
  type StorageTag,
} from '../../../shared/storage.js';
import { reachable, totalBytes, type ManifestUsage, type RepositoryUsage } from './usage.js';

export interface Figures {
  repositories: StorageRepository[];
  largest: StorageTag[];
  totalBytes: number;
  /** What more than one repository reaches. */
  sharedBytes: number;
  /** What more than one tag reaches (a scan of one repository calls this shared). */
  tagSharedBytes: number;
  /** Every digest (blob or manifest) the tags reach → its size. */
  reached: Map<string, number>;
  /** Repository → the digests its tags reach. */
  byRepository: Map<string, Set<string>>;
}

/**
 * Bytes per repository and per tag from what a `UsageReader` read: a digest counts once per repository and
 * once in the total; `sharedBytes` is what another repository (for a tag: another tag) reaches too.
 */
export function countFigures(
  manifests: ReadonlyMap<string, ManifestUsage>,
  usages: readonly RepositoryUsage[],
): Figures {
  // The digests one root reaches, once per root: a hundred tags of one image are one walk.
  const walks = new Map<string, Map<string, number>>();
  const reach = (root: string) => {
    let found = walks.get(root);
    if (!found) {
      const { blobs, manifests: reachedManifests } = reachable(manifests, [root]);
      found = new Map([...blobs, ...reachedManifests]);
      walks.set(root, found);
    }
    return found;
  };

  const repositoriesOf = new Map<string, number>();
  const tagsOf = new Map<string, number>();
  const byRepository = new Map<string, Set<string>>();
  const reached = new Map<string, number>();
  for (const usage of usages) {
    const digests = new Set<string>();
    for (const tag of usage.tags) {
      if ('error' in tag) continue;
      for (const [digest, size] of reach(tag.digest)) {
        digests.add(digest);
        reached.set(digest, size);
        tagsOf.set(digest, (tagsOf.get(digest) ?? 0) + 1);
      }
    }
    for (const digest of digests) repositoriesOf.set(digest, (repositoriesOf.get(digest) ?? 0) + 1);
    byRepository.set(usage.repository.repository, digests);
  }

  const allTags: StorageTag[] = [];
  const repositories = usages.map((usage): StorageRepository => {
    const name = usage.repository.repository;
    const digests = byRepository.get(name) ?? new Set<string>();
    let bytes = 0;
    let sharedBytes = 0;
    for (const digest of digests) {
      const size = reached.get(digest) ?? 0;
      bytes += size;
      if ((repositoriesOf.get(digest) ?? 0) > 1) sharedBytes += size;
    }
    const tags: StorageTag[] = [];
    const failedTags: StorageRepository['failedTags'] = [];
    let failedTagCount = 0;
    for (const tag of usage.tags) {
      if ('error' in tag) {
        if (++failedTagCount <= MAX_REPORTED_FAILED_TAGS) failedTags.push({ tag: tag.tag, error: tag.error });
        continue;
      }
      let tagBytes = 0;
      let tagShared = 0;
      for (const [digest, size] of reach(tag.digest)) {
        tagBytes += size;
        if ((tagsOf.get(digest) ?? 0) > 1) tagShared += size;
      }
      tags.push({
        repository: name,
        tag: tag.tag,
        digest: tag.digest,
        bytes: tagBytes,
        sharedBytes: tagShared,
      });
    }
    tags.sort(bySize);
    allTags.push(...tags.slice(0, MAX_LARGEST));
    return {
      name,
      bytes,
      sharedBytes,
      tagCount: usage.tags.length,
      tags: tags.slice(0, MAX_REPORTED_TAGS),
      failedTags,
      failedTagCount,
    };
  });
  repositories.sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name));

  let sharedBytes = 0;
  let tagSharedBytes = 0;
  for (const [digest, size] of reached) {
    if ((repositoriesOf.get(digest) ?? 0) > 1) sharedBytes += size;
    if ((tagsOf.get(digest) ?? 0) > 1) tagSharedBytes += size;
  }
  return {
    repositories,
    largest: allTags.sort(bySize).slice(0, MAX_LARGEST),
    totalBytes: totalBytes(reached),
    sharedBytes,
    tagSharedBytes,
    reached,
    byRepository,
  };
}

function bySize(a: StorageTag, b: StorageTag): number {
  return b.bytes - a.bytes || a.repository.localeCompare(b.repository) || a.tag.localeCompare(b.tag);
}
