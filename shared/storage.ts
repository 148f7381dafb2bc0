import type { ErrorInfo } from './errors.js';

/**
 * What a storage scan found (the result of a `storage` job): bytes per repository counting each blob and
 * manifest once, what is shared between repositories, the largest images, untagged manifests and, for a
 * registry of the user's own, its disk and what a garbage collection would give back. Plain data: the
 * CLI prints it (`berth du --json`), the Storage page draws it.
 */
export interface StorageReport {
  registry: string;
  /** Set when one repository was scanned instead of the whole registry. */
  repository?: string;
  /** Every blob and manifest the scanned tags reach, each once across repositories. */
  totalBytes: number;
  /**
   * Of `totalBytes`, the bytes more than one repository reaches (shared layers, bases); for a scan of one
   * repository, the bytes more than one of its tags reaches.
   */
  sharedBytes: number;
  /** Repositories by bytes, largest first. */
  repositories: StorageRepository[];
  /** The largest tagged images of the registry (their bytes each counted whole), largest first. */
  largest: StorageTag[];
  /** Manifests no tag reaches: known for a registry of the user's own (its storage folder), else not. */
  untagged: UntaggedManifests;
  /** A registry of the user's own: its storage folder and the garbage collection's dry runs. */
  own?: OwnStorage;
  /** Manifests read (each digest once), tags counted, tags that failed. */
  manifestsRead: number;
  tagsCounted: number;
  tagsFailed: number;
  /** Why the figures may be short: a listing that stopped at its cap, repositories that failed. */
  notes: string[];
  seconds: number;
}

export interface StorageRepository {
  name: string;
  /** Blobs and manifests its tags reach, each once. */
  bytes: number;
  /** Of `bytes`, what other repositories reach too. */
  sharedBytes: number;
  tagCount: number;
  /** Its tags, largest first (at most `MAX_REPORTED_TAGS`; `tagCount` says how many it has). */
  tags: StorageTag[];
  /**
   * Tags that could not be read (deleted meanwhile, denied, garbage), with why: at most
   * `MAX_REPORTED_FAILED_TAGS` of them; `failedTagCount` says how many failed.
   */
  failedTags: { tag: string; error: ErrorInfo }[];
  failedTagCount: number;
  /** The repository's tags could not be listed at all. */
  error?: ErrorInfo;
}

export interface StorageTag {
  repository: string;
  tag: string;
  digest: string;
  /** Everything the tag reaches: its manifest(s), config and layers. */
  bytes: number;
  /** Of `bytes`, what other tags (here or in other repositories) reach too: deleting this tag alone does not free it. */
  sharedBytes: number;
}

export type UntaggedManifests =
  | { isKnown: false; reason: string }
  | {
      isKnown: true;
      manifests: { repository: string; digest: string; bytes: number }[];
      /** All untagged manifests found (the list above is cut at `MAX_REPORTED_UNTAGGED`). */
      count: number;
      /** Their manifest files on disk. */
      bytes: number;
    };

export interface OwnStorage {
  server: string;
  /** Every file under the storage folder; `isDiskComplete` false when the walk stopped at its budget. */
  diskBytes: number;
  isDiskComplete: boolean;
  /** Blob files on disk (layers, configs and manifests), each once. */
  blobBytes: number;
  /** What `garbage-collect --dry-run` names, summed from the blob files on disk. */
  collectable: GcEstimate;
  /** The same with `--delete-untagged`: untagged manifests and what only they reach go too. */
  collectableWithUntagged: GcEstimate;
  /** Blobs whose size in a manifest is not their size on disk: the manifest lies (its figure is used above). */
  sizeMismatches: { digest: string; declared: number; onDisk: number }[];
  /** The dry run could not be run (the tool is missing, the folder unreadable): why. */
  gcError?: ErrorInfo;
}

export interface GcEstimate {
  blobs: number;
  bytes: number;
  /**
   * Manifests the collection would delete although a tag reaches them. Distribution 2.8's own
   * `--delete-untagged` takes the platform images of a multi-platform index for untagged and deletes them,
   * which breaks the index; Berth collects around that (registry-server/multi-platform.ts), so this stays 0
   * unless that fails: then the app and `du` warn, so nobody collects blind.
   */
  tagReachedManifests: number;
}

/** Tags kept per repository in a report: a repository of 50,000 tags is summed whole, listed in part. */
export const MAX_REPORTED_TAGS = 200;
/** Failed tags reported by name per repository: a registry failing 100,000 tags is told in a count. */
export const MAX_REPORTED_FAILED_TAGS = 50;
/** Largest images reported. */
export const MAX_LARGEST = 20;
/** Untagged manifests listed (all are counted). */
export const MAX_REPORTED_UNTAGGED = 500;
