import { z } from 'zod';
import type { ErrorInfo } from '../errors.js';
import type { ImageInspection } from '../image.js';
import type { Descriptor } from '../manifest.js';
import type { ImageVendorFactsView, RepositoryFactsView, TagFactsView } from '../vendor.js';
import {
  ConnectionName,
  Cursor,
  Digest,
  ManifestReference,
  PageSize,
  PlatformText,
  RepositoryName,
  Tag,
} from './common.js';
import type { PingView } from './connections.js';
import { request } from './define.js';

const InRepository = { connection: ConnectionName, repository: RepositoryName };

/** A page of a listing; `cursor` fetches the next one and is absent after the last page. */
export interface Page<T> {
  state: 'page';
  items: T[];
  cursor?: string;
}

/** A page of repository names, with what the registry kind's own API said of them (Harbor, Quay…). */
export interface RepositoryPage extends Page<string> {
  /** By repository name; only names the vendor said something of. */
  facts?: Record<string, RepositoryFactsView>;
  /** The vendor whose API listed them (`Harbor`); absent for the v2 catalog. */
  vendor?: string;
  /** Why the kind's own API did not list them (it refused this login): the v2 API did instead. */
  warning?: string;
}

/** A page of tags, with what the registry kind's own API said of them (push dates, sizes). */
export interface TagPage extends Page<string> {
  facts?: Record<string, TagFactsView>;
  vendor?: string;
  /** Why the kind's own API did not list them (it refused this login): the v2 API did instead. */
  warning?: string;
}

/** The registry does not list its repositories (Docker Hub, GHCR): the UI offers "open by name". */
export interface OpenByName {
  state: 'open-by-name';
  message: string;
  hint?: string;
}

export interface DeletePreview {
  digest: string;
  /** Every tag that points at the digest and goes with it. */
  tags: string[];
  /** The registry accepts deletes (Distribution: storage.delete.enabled). */
  canDelete: boolean;
}

/** Chosen tags that name one digest, and the tags on that digest that were not chosen (they stay). */
export interface TagGroupView {
  digest: string;
  tags: string[];
  survivors: string[];
}

export interface DeleteTagsPreview {
  groups: TagGroupView[];
  /** Chosen tags the registry no longer has. */
  missing: string[];
  canDelete: boolean;
}

export interface DeleteRepositoryPreview {
  tags: number;
  /** Every manifest a tag names, each deleted by digest. */
  digests: string[];
  canDelete: boolean;
}

/** One Docker Hub repository of a namespace (Hub's own API, not the registry's). */
export interface HubRepositoryView {
  name: string;
  namespace: string;
  isPrivate: boolean;
  pullCount?: number;
  starCount?: number;
  lastUpdated?: string;
  description?: string;
}

/** A Docker Hub namespace: a user or organization, lowercase letters, digits, `-` and `_`. */
const HubNamespace = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{1,254}$/, 'a Docker Hub namespace is lowercase letters, digits, - and _');

export interface RetagView {
  digest: string;
  mediaType: string;
  blobs: { present: number; mounted: number; copied: number };
}

/**
 * A tag row's details from its manifest alone. `size`: an image's config plus layers (compressed); an
 * index has none, it names its `platforms` (attestations left out). A tag that failed carries its error.
 */
export type TagSummaryView =
  | { tag: string; state: 'ok'; digest: string; mediaType: string; size?: number; platforms?: string[] }
  | { tag: string; state: 'error'; error: ErrorInfo };

/** Tags summarized per request: about two screens of rows, one manifest GET each. */
export const MAX_SUMMARY_TAGS = 50;

export const registryRequests = {
  'registry.ping': request<PingView>()(z.strictObject({ connection: ConnectionName })),
  'registry.listRepositories': request<RepositoryPage | OpenByName>()(
    z.strictObject({
      connection: ConnectionName,
      cursor: Cursor.optional(),
      filter: z.string().max(255).optional(),
      pageSize: PageSize.optional(),
    }),
  ),
  'registry.listTags': request<TagPage>()(
    z.strictObject({
      ...InRepository,
      cursor: Cursor.optional(),
      filter: z.string().max(255).optional(),
      pageSize: PageSize.optional(),
    }),
  ),
  'registry.inspect': request<ImageInspection>()(
    z.strictObject({
      ...InRepository,
      reference: ManifestReference,
      platform: PlatformText.optional(),
      /** Add up all of an index's platforms (default: not on Docker Hub, where each manifest GET is a pull). */
      allPlatforms: z.boolean().optional(),
    }),
  ),
  /** What the registry kind's own API says of one image (scan, labels, push and pull times); `{}` when nothing. */
  'registry.imageFacts': request<{ facts?: ImageVendorFactsView }>()(
    z.strictObject({ ...InRepository, reference: ManifestReference }),
  ),
  'registry.tagSummary': request<{ summaries: TagSummaryView[] }>()(
    z.strictObject({ ...InRepository, tags: z.array(Tag).min(1).max(MAX_SUMMARY_TAGS) }),
  ),
  'registry.referrers': request<{ referrers: Descriptor[]; source: 'api' | 'tag-schema' | 'none' }>()(
    z.strictObject({ ...InRepository, digest: Digest, artifactType: z.string().max(255).optional() }),
  ),
  'registry.retag': request<RetagView>()(
    z.strictObject({
      ...InRepository,
      reference: ManifestReference,
      /** Same repository when absent. */
      targetRepository: RepositoryName.optional(),
      targetTag: Tag,
    }),
  ),
  'registry.deleteTag': request<{
    tag: string;
    digest: string;
    method: string;
    vendor?: string;
    note: string;
  }>()(z.strictObject({ ...InRepository, tag: Tag })),
  'registry.deleteImagePreview': request<DeletePreview>()(
    z.strictObject({ ...InRepository, digest: Digest }),
  ),
  'registry.deleteTagsPreview': request<DeleteTagsPreview>()(
    z.strictObject({ ...InRepository, tags: z.array(Tag).min(1).max(10_000) }),
  ),
  'registry.deleteRepositoryPreview': request<DeleteRepositoryPreview>()(z.strictObject(InRepository)),
  /** One manifest by digest, without looking for its tags (a repository delete goes through each). */
  'registry.deleteManifest': request<{ digest: string; note: string }>()(
    z.strictObject({ ...InRepository, digest: Digest }),
  ),
  'registry.hubRepositories': request<Page<HubRepositoryView>>()(
    z.strictObject({ connection: ConnectionName, namespace: HubNamespace, cursor: Cursor.optional() }),
  ),
  'registry.deleteImage': request<{ digest: string; removedTags: string[]; note: string }>()(
    z.strictObject({ ...InRepository, digest: Digest }),
  ),
};
