// Image indexes (multi-platform images) in the storage folder of a registry of the user's own, found
// before a garbage collection with `--delete-untagged`: Distribution 2.8 takes the platform images of an
// index for untagged and deletes them, leaving the tag on an index whose platforms cannot be pulled
// (distribution/distribution#3178, fixed in 3.0). Read only, from Distribution's filesystem layout.
import { lstat, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { BerthError } from '../errors.js';

const V2 = ['docker', 'registry', 'v2'];
const DIGEST = /^sha256:([a-f0-9]{64})$/;
/** A manifest larger than this is no index Berth reads here (Distribution refuses manifests over 4 MiB). */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);

export interface TaggedIndex {
  repository: string;
  tag: string;
  digest: string;
}

/**
 * Every tag whose manifest is an image index (an OCI index or a Docker manifest list), repository by
 * repository in name order. A tag that names a missing manifest, or one that is not JSON, is no index.
 */
export async function taggedIndexes(storageDir: string): Promise<TaggedIndex[]> {
  const root = path.join(storageDir, ...V2);
  const repositoriesDir = path.join(root, 'repositories');
  const found: TaggedIndex[] = [];
  for (const repository of await repositoriesUnder(repositoriesDir)) {
    const tagsDir = path.join(repositoriesDir, ...repository.split('/'), '_manifests', 'tags');
    for (const tag of (await readdir(tagsDir).catch(() => [] as string[])).sort()) {
      const link = await readFile(path.join(tagsDir, tag, 'current', 'link'), 'utf8').catch(() => '');
      const hex = DIGEST.exec(link.trim())?.[1];
      if (hex && (await isIndex(path.join(root, 'blobs', 'sha256', hex.slice(0, 2), hex, 'data'))))
        found.push({ repository, tag, digest: `sha256:${hex}` });
    }
  }
  return found;
}

/**
 * Refuses `--delete-untagged` on a storage that holds tagged image indexes, naming their repositories,
 * with the plain collection (which keeps every manifest) as the way on.
 */
export async function refuseUntaggedCollection(server: string, storageDir: string): Promise<void> {
  const indexes = await taggedIndexes(storageDir);
  if (indexes.length === 0) return;
  throw new UntaggedCollectionRefused(server, indexes);
}

/** A referrers tag (`sha256-<64 hex>`): its index lists a subject's signatures, SBOMs and attestations. */
const REFERRERS_TAG = /^sha256-[a-f0-9]{64}$/;

/** The refusal, with the repositories whose multi-platform images (or referrers) the collection would break. */
export class UntaggedCollectionRefused extends BerthError {
  readonly repositories: string[];

  constructor(server: string, indexes: TaggedIndex[]) {
    const repositories = [...new Set(indexes.map((index) => index.repository))];
    const shown = repositories.slice(0, 5).join(', ');
    const more = repositories.length > 5 ? ` and ${repositories.length - 5} more` : '';
    const hasReferrers = indexes.some((index) => REFERRERS_TAG.test(index.tag));
    const hasPlatforms = indexes.some((index) => !REFERRERS_TAG.test(index.tag));
    const what = [
      ...(hasPlatforms ? ['the multi-platform images'] : []),
      ...(hasReferrers ? ['the signatures and attestations'] : []),
    ].join(' and ');
    const parts = [
      ...(hasPlatforms ? ['their platform images'] : []),
      ...(hasReferrers ? ['the referrers a sha256-… tag lists'] : []),
    ].join(' and ');
    super(
      'UNSUPPORTED',
      `Removing untagged images would break ${what} in ${shown}${more}: Distribution 2.8, which ${server} runs, takes ${parts} for untagged and deletes them`,
      {
        hint: `Collect garbage without --delete-untagged (berth server gc ${server}): it frees the layers no image uses and keeps every image whole`,
        appHint:
          'Collect garbage without “Also delete images no tag points to”: it frees the layers no image uses and keeps every image whole.',
      },
    );
    this.repositories = repositories;
  }
}

/** Repository names under `repositories/`: every folder path that holds a `_manifests` folder. */
async function repositoriesUnder(dir: string): Promise<string[]> {
  const names: string[] = [];
  const pending: string[] = [''];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    const entries = await readdir(path.join(dir, current), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      if (entry.name === '_manifests') names.push(current);
      // `_layers` and `_uploads` sit beside `_manifests`; no repository name part starts with `_`.
      else if (!entry.name.startsWith('_')) pending.push(current ? `${current}/${entry.name}` : entry.name);
    }
  }
  return names.filter((name) => name !== '').sort();
}

async function isIndex(file: string): Promise<boolean> {
  try {
    const stats = await lstat(file);
    if (!stats.isFile() || stats.size > MAX_MANIFEST_BYTES) return false;
    const manifest = JSON.parse(await readFile(file, 'utf8')) as { mediaType?: unknown; manifests?: unknown };
    // An OCI index may leave out its mediaType: a `manifests` list says what it is.
    return (
      (typeof manifest.mediaType === 'string' && INDEX_TYPES.has(manifest.mediaType)) ||
      Array.isArray(manifest.manifests)
    );
  } catch {
    return false;
  }
}
