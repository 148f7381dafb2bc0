import type { DaemonMirrorCheck } from './contract/daemon.js';
import type { PullResult, PushResult } from './docker.js';
import type { ErrorInfo } from './errors.js';
import type { PruneSummary } from './prune.js';
import type { StorageReport } from './storage.js';

/**
 * Long work (copy, sync, pull, push, mirror test) runs as a job; the renderer draws these shapes. Each
 * kind's plain-data result, so a finished job's `result` is typed by its `kind` and nobody casts it.
 */
export interface JobResults {
  copy: CopySummary;
  sync: SyncSummary;
  pull: PullResult;
  push: PushResult;
  /** One check per mirror, in the order given. */
  'mirror-test': DaemonMirrorCheck[];
  /** A cleanup rule's run: the tags deleted, skipped (moved or gone since the preview) and failed. */
  prune: PruneSummary;
  /** Bytes per repository, shared, largest images, untagged manifests (a storage scan). */
  storage: StorageReport;
  save: SaveSummary;
  load: LoadSummary;
}

export type JobKind = keyof JobResults;

export type ItemState =
  'waiting' | 'checking' | 'mounted' | 'skipped' | 'transferring' | 'verifying' | 'done' | 'failed';

/** `interrupted`: a job of an earlier session that was still running when that Berth stopped. */
export type JobStatus = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';

/** One blob / layer / manifest of a job. */
export interface JobItem {
  /** Stable within the job: a digest for blobs. */
  id: string;
  label: string;
  kind: 'blob' | 'manifest' | 'layer' | 'tag' | 'mirror' | 'repository' | 'referrer';
  state: ItemState;
  bytesDone: number;
  bytesTotal?: number;
  /** Why it was skipped or mounted, or what failed. */
  note?: string;
  /** A blob of a referrer (a signature's payload, an SBOM): the job card counts it with the referrers. */
  of?: 'referrers';
}

export interface JobOverall {
  bytesDone: number;
  bytesTotal: number;
  itemsDone: number;
  itemsTotal: number;
  /** Bytes per second over the last few seconds. */
  rate: number;
  /** Seconds left at the current rate; undefined while unknown. */
  etaSeconds?: number;
}

/**
 * What a job's English `title` names, for a front door that words the title in another language: the
 * references as the title writes them, and a count where the title counts (`copy 3 tags of …`).
 */
export interface JobHeading {
  source: string;
  destination?: string;
  count?: number;
  /** A cleanup rule's name. */
  rule?: string;
}

/** A job of one kind as the front doors see it; `JobSnapshot` (no argument) is any kind, told apart by `kind`. */
export interface JobSnapshotOf<K extends JobKind> {
  id: string;
  kind: K;
  title: string;
  /** The title's parts (absent in the history of an older Berth: the title is then shown as it is). */
  heading?: JobHeading;
  status: JobStatus;
  startedAt: number;
  finishedAt?: number;
  items: JobItem[];
  overall: JobOverall;
  /** Plain-data result of a finished job. */
  result?: JobResults[K];
  error?: ErrorInfo;
  /** Read back from the job history of an earlier session: shown, but its input is gone, so no Retry. */
  isRestored?: boolean;
  /** Its input is used up by the run (an uploaded archive, removed after its load): no Retry either. */
  isOneShot?: boolean;
}

export type JobSnapshot<K extends JobKind = JobKind> = { [Kind in K]: JobSnapshotOf<Kind> }[K];

export type JobEvent = { type: 'progress'; job: JobSnapshot } | { type: 'finished'; job: JobSnapshot };

export const FINISHED_ITEM_STATES: ReadonlySet<ItemState> = new Set(['mounted', 'skipped', 'done', 'failed']);

/** What a copy would do, decided before it starts (the copy dialog shows it). */
export interface CopyPreview {
  sourceDigest: string;
  /** The destination's digest: the source's, or a new index's for a platform subset. */
  digest: string;
  newIndex: boolean;
  platforms: string[];
  /** The destination tag already names this exact manifest: the copy will write nothing. */
  isUnchanged: boolean;
  blobs: Array<{
    digest: string;
    size: number;
    /** `mount`: same registry, so the destination should mount it from the source repository. */
    action: 'transfer' | 'mount' | 'exists' | 'foreign';
  }>;
  bytesToTransfer: number;
  /** Signatures, SBOMs and attestations of the image (recursively), counted apart from its own blobs. */
  referrers: ReferrersPreview;
}

/**
 * Referrers found (manifests whose `subject` is the image, one of its platforms, or another referrer):
 * how many, of which kinds (`artifactType`), and their bytes (manifests and blobs, each blob once).
 */
export interface ReferrerCounts {
  count: number;
  bytes: number;
  /** Count per artifactType (else the config's media type). */
  kinds: Record<string, number>;
}

/** A preview's referrers, or why they could not be read (the image itself can still be copied). */
export interface ReferrersPreview extends ReferrerCounts {
  items: Array<{ digest: string; artifactType: string; size: number; subject: string }>;
  problem?: string;
}

/** What a copy or sync did with referrers (only when asked to copy them). */
export interface ReferrersCopied extends ReferrerCounts {
  /** Referrer manifests pushed; the rest were already in the destination. */
  copied: number;
  skipped: number;
  /** Bytes of referrer blobs sent (not mounted, not already there). */
  bytesTransferred: number;
  /** How the destination keeps them: its own Referrers API, or the `sha256-<hex>` tag-schema index. */
  destinationIndex: 'api' | 'tag-schema' | 'none';
}

/**
 * What a sync (a whole repository, a tag pattern, or tags chosen in the app) would do, decided before it
 * starts: a blob several tags share is counted once, as the sync moves it once.
 */
export interface SyncPreview {
  /** The tags the sync would write, sorted. */
  tags: string[];
  /** Tags the destination already names with the same manifest: nothing is written for them. */
  unchanged: string[];
  blobs: Record<CopyPreview['blobs'][number]['action'], number>;
  bytesToTransfer: number;
  /** Every blob the written tags use, each once: what the destination holds for them afterwards. */
  bytesTotal: number;
  /**
   * Tags the sync would copy past the first `MAX_PREVIEW_TAGS` (by name), which the preview did not
   * check: the counts and bytes above leave them out. The sync itself checks every tag as it goes.
   */
  notPreviewed?: number;
  /** Referrers of the previewed tags' images, each once. */
  referrers: ReferrersPreview;
}

/** The most tags a sync preview checks (a few requests each); a repository of 100,000 tags is not asked 200,000 times. */
export const MAX_PREVIEW_TAGS = 1000;

/**
 * The most tags a copy of chosen tags names in one request. The whole repository, or a tag pattern, has no
 * such limit: that is a sync, which lists the tags itself.
 */
export const MAX_CHOSEN_TAGS = 1000;

/** The result of a copy job. */
export interface CopySummary {
  source: string;
  destination: string;
  sourceDigest: string;
  digest: string;
  mediaType: string;
  /** A platform subset was copied as a new index, with a digest of its own. */
  newIndex: boolean;
  platforms: string[];
  /** The destination already had this exact image: nothing was written. */
  unchanged: boolean;
  bytesTransferred: number;
  blobs: { transferred: number; mounted: number; skipped: number; foreign: number };
  manifests: number;
  seconds: number;
  /** Present when the copy was asked to bring referrers along. */
  referrers?: ReferrersCopied;
}

/** The result of a sync job. */
export interface SyncSummary {
  source: string;
  destination: string;
  tags: { copied: string[]; unchanged: string[] };
  bytesTransferred: number;
  blobs: { transferred: number; mounted: number; skipped: number; foreign: number };
  seconds: number;
  /** Present when the sync was asked to bring referrers along. */
  referrers?: ReferrersCopied;
}

/** The result of a save job: what the archive holds and how big it is. */
export interface SaveSummary {
  /** The file (or folder) written. */
  output: string;
  format: 'docker' | 'oci' | 'oci-dir';
  images: Array<{
    /** The reference as the user named it. */
    source: string;
    /** The name the archive gives it (RepoTags or the OCI ref.name); none for a Docker image saved by digest. */
    name?: string;
    /** The digest of what the archive holds: the source's, a platform subset's new index, or one platform's image. */
    digest: string;
    sourceDigest: string;
    mediaType: string;
    platforms: string[];
  }>;
  /** Blobs written, each once however many images share it. */
  blobs: number;
  /** Foreign layers left where they live (OCI only). */
  foreign: number;
  bytesWritten: number;
  /** The archive's size on disk. */
  fileBytes: number;
  seconds: number;
}

/** The result of loading an image archive into a repository. */
export interface LoadSummary {
  /** The archive as the user named it (its file name). */
  file: string;
  /** `docker`: from docker save or podman save (a Docker 25+ one holds an OCI layout too); `oci`: an OCI archive or folder. */
  format: 'docker' | 'oci';
  /** `host/repo` the images went to. */
  destination: string;
  images: { digest: string; mediaType: string; tags: string[] }[];
  /** The archive's manifests and blobs went up byte for byte (it holds an OCI layout); false when Berth wrote the manifests. */
  digestsKept: boolean;
  /** Said when the digests are not those the image had in a registry (a Docker archive's plain tar layers). */
  note?: string;
  bytesTransferred: number;
  blobs: { transferred: number; mounted: number; skipped: number };
  manifests: number;
  seconds: number;
}
