import type { ErrorInfo } from './errors.js';

/** Long work (copy, sync, pull, push, mirror test) runs as a job; the renderer draws these shapes. */
export type JobKind = 'copy' | 'sync' | 'pull' | 'push' | 'mirror-test';

export type ItemState =
  'waiting' | 'checking' | 'mounted' | 'skipped' | 'transferring' | 'verifying' | 'done' | 'failed';

export type JobStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** One blob / layer / manifest of a job. */
export interface JobItem {
  /** Stable within the job: a digest for blobs. */
  id: string;
  label: string;
  kind: 'blob' | 'manifest' | 'layer' | 'tag' | 'mirror';
  state: ItemState;
  bytesDone: number;
  bytesTotal?: number;
  /** Why it was skipped or mounted, or what failed. */
  note?: string;
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

export interface JobSnapshot {
  id: string;
  kind: JobKind;
  title: string;
  status: JobStatus;
  startedAt: number;
  finishedAt?: number;
  items: JobItem[];
  overall: JobOverall;
  /** Plain-data result of a finished job. */
  result?: unknown;
  error?: ErrorInfo;
}

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
}
