// What the storage folder of a registry of the user's own (Distribution's filesystem driver) says, read
// only: manifest revisions per repository, blob files and their sizes, and what a garbage collection's
// dry run names. Walks stop at a budget, as the Your registries cards' disk count does.
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

/** Distribution's filesystem layout under the storage root. */
const V2 = ['docker', 'registry', 'v2'];
/** A repository name as Distribution's grammar has it: nothing like `..` can reach a path from here. */
const REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const HEX = /^[a-f0-9]{64}$/;

export interface DiskBudget {
  maxEntries: number;
  deadline: number;
}

/** The path of a blob's file (layers, configs and manifests are all blobs there), or undefined for a digest that is not sha256. */
export function blobFile(storageDir: string, digest: string): string | undefined {
  const [algorithm, hex] = digest.split(':');
  if (algorithm !== 'sha256' || !hex || !HEX.test(hex)) return undefined;
  return path.join(storageDir, ...V2, 'blobs', 'sha256', hex.slice(0, 2), hex, 'data');
}

/** A blob file's size, or undefined when there is none. */
export async function blobSizeOnDisk(storageDir: string, digest: string): Promise<number | undefined> {
  const file = blobFile(storageDir, digest);
  if (!file) return undefined;
  try {
    const stats = await lstat(file);
    return stats.isFile() ? stats.size : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The manifest digests `_manifests/revisions` holds for `repository`: every manifest pushed there, tagged
 * or not (an index's children too). Undefined for a name outside the grammar.
 */
export async function manifestRevisions(
  storageDir: string,
  repository: string,
  budget: DiskBudget,
  seen: { entries: number },
): Promise<{ digests: string[]; isComplete: boolean } | undefined> {
  if (!REPOSITORY.test(repository)) return undefined;
  const dir = path.join(
    storageDir,
    ...V2,
    'repositories',
    ...repository.split('/'),
    '_manifests',
    'revisions',
    'sha256',
  );
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return { digests: [], isComplete: true };
  }
  const digests: string[] = [];
  for (const entry of entries) {
    if (++seen.entries > budget.maxEntries || Date.now() > budget.deadline)
      return { digests, isComplete: false };
    // A collection of untagged manifests removes the revision's link and may leave its folder behind.
    if (entry.isDirectory() && HEX.test(entry.name) && (await isFile(path.join(dir, entry.name, 'link'))))
      digests.push(`sha256:${entry.name}`);
  }
  return { digests, isComplete: true };
}

/**
 * The digests `garbage-collect --dry-run` says it would delete. Distribution 2.8 prints one
 * `blob eligible for deletion: sha256:…` line per blob (manifests are blobs there too).
 */
export function collectableBlobs(dryRunOutput: string): string[] {
  return eligible(dryRunOutput, 'blob');
}

/** The manifests the dry run would delete (with `--delete-untagged`): `manifest eligible for deletion: sha256:…`. */
export function collectableManifests(dryRunOutput: string): string[] {
  return eligible(dryRunOutput, 'manifest');
}

function eligible(dryRunOutput: string, what: 'blob' | 'manifest'): string[] {
  const found = new Set<string>();
  const line = new RegExp(`^${what} eligible for deletion: (sha256:[a-f0-9]{64})\\s*$`, 'gm');
  for (const match of dryRunOutput.matchAll(line)) found.add(match[1]!);
  return [...found];
}

async function isFile(file: string): Promise<boolean> {
  return lstat(file).then(
    (stats) => stats.isFile(),
    () => false,
  );
}
