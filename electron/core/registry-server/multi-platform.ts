// Untagged manifests collected without breaking multi-platform images. Distribution 2.8's
// `garbage-collect --delete-untagged` takes the platform images of an index for untagged and deletes them,
// leaving the tag on an index whose platforms cannot be pulled (distribution/distribution#3178, fixed in
// 3.0). Where a tag reaches an index, Berth finds the untagged manifests itself in the storage folder
// (Distribution's filesystem layout), removes their links as the collector would, and runs the plain
// collection, which then deletes what only they used.
import { lstat, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';

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

export interface UntaggedPlan {
  /** Manifests no tag reaches, directly or as a part of an index a tag reaches: what goes. */
  manifests: { repository: string; digest: string }[];
  /** Blob files nothing that stays refers to: what Distribution's plain collection then deletes. */
  blobs: string[];
}

/**
 * What a collection of untagged manifests should delete, as Distribution 3.0 decides it: a manifest stays
 * when a tag reaches it, directly or through an index (its platform images, the referrers a `sha256-…`
 * tag lists). The blobs are those nothing that stays refers to, marked as 2.8's collector marks them (every
 * manifest left, its config and layers, an index's manifests), so they are what its plain run deletes.
 */
export async function planUntaggedCollection(storageDir: string): Promise<UntaggedPlan> {
  const root = path.join(storageDir, ...V2);
  const repositoriesDir = path.join(root, 'repositories');
  const parsed = new Map<string, References | undefined>();
  const read = async (digest: string) => {
    if (!parsed.has(digest)) parsed.set(digest, await referencesOf(blobPath(root, digest)));
    return parsed.get(digest);
  };
  const marked = new Set<string>();
  const manifests: UntaggedPlan['manifests'] = [];
  for (const repository of await repositoriesUnder(repositoriesDir)) {
    const base = path.join(repositoriesDir, ...repository.split('/'), '_manifests');
    const reached = new Set<string>();
    const pending = await tagTargets(path.join(base, 'tags'));
    for (let digest = pending.pop(); digest !== undefined; digest = pending.pop()) {
      if (reached.has(digest)) continue;
      reached.add(digest);
      pending.push(...((await read(digest))?.children ?? []));
    }
    for (const digest of await linkedDigests(path.join(base, 'revisions', 'sha256'))) {
      if (!reached.has(digest)) {
        manifests.push({ repository, digest });
        continue;
      }
      marked.add(digest);
      for (const reference of (await read(digest))?.all ?? []) marked.add(reference);
    }
  }
  const blobs: string[] = [];
  const blobsDir = path.join(root, 'blobs', 'sha256');
  for (const prefix of (await readdir(blobsDir).catch(() => [] as string[])).sort())
    for (const hex of (await readdir(path.join(blobsDir, prefix)).catch(() => [] as string[])).sort())
      if (DIGEST.test(`sha256:${hex}`) && !marked.has(`sha256:${hex}`)) blobs.push(`sha256:${hex}`);
  return { manifests, blobs };
}

/**
 * Removes the plan's manifests as Distribution's own collector does (vacuum.RemoveManifest): the revision
 * link, and the entries of tags' histories that name it. Run with the registry read-only or stopped.
 */
export async function removeUntaggedManifests(storageDir: string, plan: UntaggedPlan): Promise<void> {
  const repositoriesDir = path.join(storageDir, ...V2, 'repositories');
  for (const { repository, digest } of plan.manifests) {
    const hex = DIGEST.exec(digest)?.[1];
    if (!hex) continue;
    const base = path.join(repositoriesDir, ...repository.split('/'), '_manifests');
    for (const tag of await readdir(path.join(base, 'tags')).catch(() => [] as string[]))
      await rm(path.join(base, 'tags', tag, 'index', 'sha256', hex), { recursive: true, force: true });
    await rm(path.join(base, 'revisions', 'sha256', hex), { recursive: true, force: true });
  }
}

/** The plan as a dry run prints it, in the lines `garbage-collect --dry-run` prints (the figures read them). */
export function describeUntaggedPlan(plan: UntaggedPlan): string {
  return [
    "Berth: a tag here reaches an image index. Distribution 2.8's --delete-untagged",
    'would take its platform images (or listed referrers) for untagged and delete',
    'them (distribution/distribution#3178). Instead Berth removes only the manifests',
    'no tag reaches, directly or through an index, then runs garbage-collect',
    'without --delete-untagged, which deletes what only they used:',
    ...plan.manifests.flatMap(({ repository, digest }) => [
      `${repository}: no tag reaches ${digest}`,
      `manifest eligible for deletion: ${digest}`,
    ]),
    ...plan.blobs.map((digest) => `blob eligible for deletion: ${digest}`),
    `${plan.blobs.length} blobs and ${plan.manifests.length} manifests eligible for deletion`,
    '',
  ].join('\n');
}

interface References {
  /** What 2.8's collector marks for it: config, layers, an index's manifests (schema 1's fsLayers). */
  all: string[];
  /** An index's manifests. */
  children: string[];
}

async function referencesOf(file: string): Promise<References | undefined> {
  try {
    const stats = await lstat(file);
    if (!stats.isFile() || stats.size > MAX_MANIFEST_BYTES) return undefined;
    const manifest = JSON.parse(await readFile(file, 'utf8')) as {
      config?: { digest?: unknown };
      layers?: { digest?: unknown }[];
      manifests?: { digest?: unknown }[];
      fsLayers?: { blobSum?: unknown }[];
    };
    const digests = (list: unknown[] | undefined) =>
      (Array.isArray(list) ? list : []).flatMap((value) =>
        typeof value === 'string' && DIGEST.test(value) ? [value] : [],
      );
    const children = digests(
      Array.isArray(manifest.manifests) ? manifest.manifests.map((entry) => entry?.digest) : [],
    );
    return {
      all: [
        ...digests([manifest.config?.digest]),
        ...digests(Array.isArray(manifest.layers) ? manifest.layers.map((layer) => layer?.digest) : []),
        ...children,
        ...digests(Array.isArray(manifest.fsLayers) ? manifest.fsLayers.map((layer) => layer?.blobSum) : []),
      ],
      children,
    };
  } catch {
    return undefined;
  }
}

/** The digests tags point at now (`tags/TAG/current/link`). */
async function tagTargets(tagsDir: string): Promise<string[]> {
  const targets: string[] = [];
  for (const tag of await readdir(tagsDir).catch(() => [] as string[])) {
    const link = await readFile(path.join(tagsDir, tag, 'current', 'link'), 'utf8').catch(() => '');
    if (DIGEST.test(link.trim())) targets.push(link.trim());
  }
  return targets;
}

/** The digests of `DIR/HEX/link` entries (a revision whose link a collection removed is gone). */
async function linkedDigests(dir: string): Promise<string[]> {
  const digests: string[] = [];
  for (const hex of (await readdir(dir).catch(() => [] as string[])).sort()) {
    const link = await readFile(path.join(dir, hex, 'link'), 'utf8').catch(() => '');
    if (link.trim() === `sha256:${hex}`) digests.push(link.trim());
  }
  return digests;
}

function blobPath(root: string, digest: string): string {
  const hex = digest.slice('sha256:'.length);
  return path.join(root, 'blobs', 'sha256', hex.slice(0, 2), hex, 'data');
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
