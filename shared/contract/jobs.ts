import { z } from 'zod';
import type { ErrorInfo } from '../errors.js';
import {
  MAX_CHOSEN_TAGS,
  type CopyPreview,
  type JobEvent,
  type JobSnapshot,
  type SyncPreview,
} from '../jobs.js';
import { isLocalImageName } from '../reference.js';
import {
  ConnectionName,
  DestinationAt,
  ImageAt,
  PlatformText,
  PushDestinationAt,
  RepositoryAt,
  RepositoryName,
  Tag,
} from './common.js';
import { OutputPath, SaveFormat } from './archive.js';
import { event, request } from './define.js';
import { PruneJobFields } from './prune.js';

/** A local engine image: `repo:tag`, `repo`, or an image ID (`isLocalImageName`: nothing else reaches the engine's URL). */
const LocalImage = z
  .string()
  .trim()
  .min(1, 'a local image is missing')
  .max(512)
  .refine(isLocalImageName, 'a local image is repository:tag, a repository, or an image ID (sha256:…)');

/** Chosen tags travel in the request: bounded, so one request stays small (a pattern or the whole repository has no bound). */
const ChosenTags = z
  .array(Tag)
  .min(1, 'choose at least one tag')
  .max(
    MAX_CHOSEN_TAGS,
    `choose at most ${MAX_CHOSEN_TAGS} tags, or sync the whole repository or a tag pattern`,
  );

/** What a sync copies: every tag of the source, those a pattern matches, or exactly the chosen ones. */
const SyncFields = {
  source: RepositoryAt,
  destination: RepositoryAt,
  tags: z.string().max(255).optional(),
  only: ChosenTags.optional(),
  platforms: z.array(PlatformText).max(64).optional(),
  /** Bring each tag's signatures, SBOMs and attestations along (then the `sha256-…` index tags are not tags of their own). */
  referrers: z.boolean().optional(),
};

export const StartJobInput = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('copy'),
      source: ImageAt,
      destination: DestinationAt,
      platforms: z.array(PlatformText).max(64).optional(),
      concurrency: z.number().int().min(1).max(32).optional(),
      /** Bring the image's signatures, SBOMs and attestations (its referrers, recursively) along. */
      referrers: z.boolean().optional(),
    }),
    z.strictObject({
      kind: z.literal('sync'),
      ...SyncFields,
      concurrency: z.number().int().min(1).max(32).optional(),
    }),
    z.strictObject({
      kind: z.literal('pull'),
      image: ImageAt,
      platform: PlatformText.optional(),
      insecure: z.boolean().optional(),
    }),
    z.strictObject({
      kind: z.literal('push'),
      source: LocalImage,
      /** Push under this name in a saved connection's registry instead of the source's own name. */
      to: PushDestinationAt.optional(),
      /** Keep the name made for the push on the local image afterwards. */
      keepName: z.boolean().optional(),
      allTags: z.boolean().optional(),
      insecure: z.boolean().optional(),
    }),
    z.strictObject({
      kind: z.literal('mirror-test'),
      /** Mirror URLs as written in daemon.json; each is checked against the engine's rules first. */
      mirrors: z.array(z.string().max(2048)).min(1).max(50),
    }),
    /** Deletes the tags a cleanup preview marked to go, each if it still names the digest the preview saw. */
    z.strictObject({ kind: z.literal('prune'), ...PruneJobFields }),
    z.strictObject({
      kind: z.literal('storage'),
      /** Every repository of this connection, or only `repository`. */
      connection: ConnectionName,
      repository: RepositoryName.optional(),
    }),
    z.strictObject({
      kind: z.literal('save'),
      images: z.array(ImageAt).min(1, 'choose at least one image').max(MAX_CHOSEN_TAGS),
      output: OutputPath,
      format: SaveFormat,
      platforms: z.array(PlatformText).max(64).optional(),
      /** Replace an existing file (the app asked first). */
      force: z.boolean().optional(),
    }),
    z.strictObject({
      kind: z.literal('load'),
      /** The token of an archive chosen in Electron's open dialog or uploaded to the browser host. */
      file: z.uuid(),
      /** With no reference each image keeps its own tag; a tag only for an archive of one image. */
      destination: DestinationAt,
    }),
  ],
  { error: 'kind must be one of copy, sync, pull, push, mirror-test, prune, storage, save, load' },
);

export const jobRequests = {
  'jobs.list': request<JobSnapshot[]>()(z.strictObject({})),
  'jobs.start': request<{ id: string }>()(StartJobInput),
  'jobs.cancel': request<{ cancelled: boolean }>()(z.strictObject({ id: z.uuid() })),
  /** Starts a finished job's kind and input again; answers the new job's id. */
  'jobs.retry': request<{ id: string }>()(z.strictObject({ id: z.uuid() })),
  /** Takes every finished, failed, cancelled and interrupted job off the list and out of the history. */
  'jobs.clear': request<{ cleared: string[] }>()(z.strictObject({})),
  /** Why the history of earlier sessions is not shown, when it is not (its file was damaged and set aside). */
  'jobs.history': request<{ problem?: ErrorInfo }>()(z.strictObject({})),
  /** What a copy would transfer, mount or find already there; reads only, writes nothing. */
  'copy.plan': request<CopyPreview>()(
    z.strictObject({
      source: ImageAt,
      destination: DestinationAt,
      platforms: z.array(PlatformText).max(64).optional(),
    }),
  ),
  /** What a sync would copy (tags, blobs shared between tags counted once); reads only, writes nothing. */
  'sync.plan': request<SyncPreview>()(z.strictObject(SyncFields)),
  /**
   * The desktop app's open dialog for an image archive: a one-use token for a load job and the file's name,
   * or nothing when the user closed the dialog. The browser host uploads the file instead (HOST_PATHS.upload).
   */
  'archive.choose': request<{ file?: string; name?: string }>()(z.strictObject({})),
};

export const jobEvents = {
  'jobs.progress': event<JobEvent>(),
  /** Jobs taken off the list: cleared as finished, or replaced by their retry. */
  'jobs.removed': event<{ ids: string[] }>(),
};
