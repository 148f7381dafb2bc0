// Loading an image archive (docker save, OCI archive or folder) into a repository of a saved connection: the
// archive is indexed, its manifests read and checked, every blob pushed with copy's upload code (verified
// against its digest on the way), then the manifests by digest (children before the top) and only then the
// tags. A failed or cancelled load deletes the manifests it pushed: it leaves none behind.
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { LoadSummary } from '../../../shared/jobs.js';
import {
  imageAt,
  referenceText,
  type DestinationLocation,
  type RepositoryLocation,
} from '../../../shared/location.js';
import type { Descriptor } from '../../../shared/manifest.js';
import { isValidTag } from '../../../shared/reference.js';
import {
  deleteManifestQuietly,
  runPool,
  transferBlob,
  type BlobStreamSource,
  type BlobLocationCache,
} from '../copy/index.js';
import { BerthError, CancelledError } from '../errors.js';
import type { ItemHandle, JobContext } from '../jobs/index.js';
import {
  DigestMismatchError,
  NotFoundError,
  VerifyingStream,
  headManifest,
  putManifest,
  type RegistryClient,
} from '../registry/index.js';
import { ArchiveFiles, archiveError } from './archive-files.js';
import { planLoad, type LoadBlob, type LoadPlan } from './load-plan.js';

export type { LoadSummary } from '../../../shared/jobs.js';

export interface LoadInput {
  /** An archive file (a tar) or an OCI layout folder. */
  path: string;
  /** How messages and the summary name the archive (an upload's own file name); default its file name. */
  name?: string;
  /** The repository; a tag only for an archive of one image (else each image keeps its own tag). */
  destination: DestinationLocation;
  /** Blobs pushed at once (default 4). */
  concurrency?: number;
  /** The file is an upload's temporary copy: removed when the load ends, whatever the outcome. */
  isTemporary?: boolean;
}

export interface LoadDeps {
  client: RegistryClient;
  blobCache?: BlobLocationCache;
}

/** Said wherever a load pushed plain tar layers: a registry's copy of the image had other digests. */
export const NEW_DIGESTS_NOTE = 'digests are new: a Docker archive holds uncompressed layers';

function checkCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new CancelledError('load cancelled');
}

/** VerifyingStream worded for a file of the archive rather than a registry's answer. */
class ArchiveVerifier extends VerifyingStream {
  constructor(
    private readonly label: string,
    private readonly blob: Descriptor,
    onBytes: (bytes: number) => void,
  ) {
    super({ digest: blob.digest, size: blob.size }, label, `blob ${blob.digest.slice(0, 19)}`, onBytes);
  }

  private reword(error: Error | null | undefined): Error | null | undefined {
    if (!error) return error;
    const hint = 'The archive is damaged or was altered; make it again. Nothing was tagged.';
    if (error instanceof DigestMismatchError)
      return new DigestMismatchError(this.label, this.blob.digest, error.actual, 'blob', {
        message: `${this.label}: the file for ${this.blob.digest} holds other bytes (they hash to ${error.actual})`,
        hint,
      });
    return archiveError(
      `${this.label}: the file for ${this.blob.digest} is not the ${this.blob.size} bytes it should be`,
      hint,
    );
  }

  override _transform(
    chunk: Buffer,
    encoding: BufferEncoding,
    callback: (error?: Error | null, data?: Buffer) => void,
  ): void {
    super._transform(chunk, encoding, (error, data) => callback(this.reword(error), data as Buffer));
  }

  override _flush(callback: (error?: Error | null) => void): void {
    super._flush((error) => callback(this.reword(error)));
  }
}

function blobSource(files: ArchiveFiles, plan: LoadPlan): BlobStreamSource {
  return {
    open: async (blob, { signal, onBytes }): Promise<Readable> => {
      const entry = plan.blobs.get(blob.digest) as LoadBlob;
      const verifier = new ArchiveVerifier(files.label, blob, onBytes);
      if (entry.bytes) verifier.end(entry.bytes);
      else {
        const file = files.stream(entry.file!, signal);
        file.on('error', (error) => verifier.destroy(error));
        file.pipe(verifier);
        verifier.on('close', () => file.destroy());
      }
      return verifier;
    },
  };
}

/** The tag each image of the archive takes at the destination, decided before anything is pushed. */
export function tagsAtDestination(
  plan: LoadPlan,
  destination: DestinationLocation,
  label: string,
): Map<string, string[]> {
  // One image listed under several names (docker save lists each tag) is one image with several tags.
  const byDigest = new Map<string, string[]>();
  for (const image of plan.images) {
    const tags = byDigest.get(image.top.digest) ?? [];
    for (const tag of image.tags) if (!tags.includes(tag)) tags.push(tag);
    byDigest.set(image.top.digest, tags);
  }
  const named = destination.reference;
  if (named !== undefined) {
    if (!isValidTag(named))
      throw new BerthError('INVALID_INPUT', `a load is named by a tag, not "${named.slice(0, 80)}"`, {
        hint: 'Give DEST/REPO:TAG, or DEST/REPO to keep the tags of the archive; the digests come from the archive.',
        appHint: 'Give a tag, or none to keep the tags of the archive.',
      });
    if (byDigest.size !== 1)
      throw new BerthError(
        'INVALID_INPUT',
        `${label} holds ${byDigest.size} images, so one tag cannot name them`,
        {
          hint: `Leave the tag off (berth load ${label} ${referenceText({ ...destination, reference: undefined })}): each image keeps its own tag.`,
          appHint: 'Leave the tag empty: each image keeps its own tag from the archive.',
        },
      );
    return new Map([[[...byDigest.keys()][0]!, [named]]]);
  }
  const owner = new Map<string, string>();
  for (const [digest, tags] of byDigest) {
    if (tags.length === 0)
      throw new BerthError(
        'INVALID_INPUT',
        `${label} holds an image without a tag (${digest.slice(0, 19)})`,
        {
          hint:
            byDigest.size === 1
              ? `Name its tag: berth load ${label} ${referenceText(destination)}:TAG`
              : 'Tag every image before saving it, or save them one by one.',
          appHint:
            byDigest.size === 1
              ? 'Give the tag it should take.'
              : 'Tag every image before saving the archive.',
        },
      );
    for (const tag of tags) {
      const other = owner.get(tag);
      if (other !== undefined)
        throw new BerthError(
          'INVALID_INPUT',
          `${label} holds two images that would both take the tag ${tag} (${other.slice(0, 19)} and ${digest.slice(0, 19)})`,
          {
            hint: 'Save them into separate archives, or give them different tags before saving.',
          },
        );
      owner.set(tag, digest);
    }
  }
  return byDigest;
}

/** sha256 of a file of the archive, read as a stream (a compressed layer of a Docker archive). */
function hashFile(files: ArchiveFiles, signal: AbortSignal) {
  return async (name: string): Promise<string> => {
    const hash = createHash('sha256');
    for await (const chunk of files.stream(name, signal)) hash.update(chunk as Buffer);
    return `sha256:${hash.digest('hex')}`;
  };
}

/** Loads an archive into a repository. */
export async function loadArchive(
  deps: LoadDeps,
  input: LoadInput,
  context: JobContext,
): Promise<LoadSummary> {
  try {
    return await loadInto(deps, input, context);
  } finally {
    if (input.isTemporary) await rm(input.path, { force: true }).catch(() => undefined);
  }
}

async function loadInto(deps: LoadDeps, input: LoadInput, context: JobContext): Promise<LoadSummary> {
  const started = Date.now();
  const { signal } = context;
  // Read before any item exists: an archive that cannot be read is the job's error alone, said once.
  const files = await ArchiveFiles.open(input.path, signal, input.name).catch((error: unknown) => {
    throw signal.aborted ? new CancelledError('load cancelled') : error;
  });
  try {
    return await loadFiles(deps, input, context, files, started);
  } finally {
    await files.close();
  }
}

async function loadFiles(
  deps: LoadDeps,
  input: LoadInput,
  context: JobContext,
  files: ArchiveFiles,
  started: number,
): Promise<LoadSummary> {
  const { signal } = context;
  const { client } = deps;
  const to: RepositoryLocation = {
    registry: input.destination.registry,
    repository: input.destination.repository,
  };
  const label = files.label;
  const plan = await planLoad(files, hashFile(files, signal));
  const tags = tagsAtDestination(plan, input.destination, label);
  context
    .item('archive', { label: `archive ${label}`, kind: 'layer' })
    .setState(
      'done',
      `${plan.format === 'docker' ? 'Docker archive' : files.isFolder ? 'OCI layout folder' : 'OCI archive'}: ${tags.size} image${tags.size === 1 ? '' : 's'}`,
    );

  const blobs = { transferred: 0, mounted: 0, skipped: 0 };
  let bytesTransferred = 0;
  const source = blobSource(files, plan);
  try {
    await runPool([...plan.blobs.values()], input.concurrency ?? 4, async ({ descriptor }) => {
      checkCancelled(signal);
      const item = context.item(descriptor.digest, {
        label: `blob ${descriptor.digest.slice(7, 19)}`,
        kind: 'blob',
        bytesTotal: descriptor.size,
      });
      const outcome = await transferBlob(
        { client, blobCache: deps.blobCache, signal },
        { source, destination: to },
        descriptor,
        item,
      );
      blobs[outcome]++;
      if (outcome === 'transferred') bytesTransferred += descriptor.size;
    });
  } finally {
    await deps.blobCache?.save().catch(() => undefined);
  }

  // Manifests by digest first (children before their index), tags last: until every manifest is in, no tag
  // moves, and a failure deletes what this load pushed.
  const pushed: string[] = [];
  let manifests = 0;
  let current: ItemHandle | undefined;
  const pushByDigest = async (
    manifest: { digest: string; mediaType: string; bytes: Buffer },
    label: string,
  ) => {
    checkCancelled(signal);
    const item = context.item(`manifest:${manifest.digest}`, { label, kind: 'manifest' });
    current = item;
    const present = await headManifest(client, imageAt(to, manifest.digest), signal).catch(
      (error: unknown) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      },
    );
    if (present?.digest === manifest.digest) {
      item.setState('skipped', 'already in the destination');
    } else {
      item.setState('transferring');
      const digest = await putManifest(client, imageAt(to, manifest.digest), manifest, signal);
      if (digest !== manifest.digest)
        throw new DigestMismatchError(
          to.registry,
          manifest.digest,
          digest,
          `loaded manifest ${to.repository}`,
        );
      pushed.push(manifest.digest);
      manifests++;
      item.setState('done');
    }
    current = undefined;
  };
  const images: LoadSummary['images'] = [];
  try {
    const seen = new Set<string>();
    for (const image of plan.images) {
      if (seen.has(image.top.digest)) continue;
      seen.add(image.top.digest);
      for (const child of image.children) {
        if (seen.has(child.digest)) continue;
        seen.add(child.digest);
        await pushByDigest(child, `manifest ${child.digest.slice(7, 19)}`);
      }
      await pushByDigest(image.top, `manifest ${image.top.digest.slice(7, 19)}`);
      images.push({
        digest: image.top.digest,
        mediaType: image.top.mediaType,
        tags: tags.get(image.top.digest) ?? [],
      });
    }
    for (const image of plan.images.filter(
      (one, i) => plan.images.findIndex((other) => other.top.digest === one.top.digest) === i,
    )) {
      for (const tag of tags.get(image.top.digest) ?? []) {
        checkCancelled(signal);
        const item = context.item(`tag:${tag}`, { label: `${to.repository}:${tag}`, kind: 'tag' });
        current = item;
        item.setState('transferring');
        await putManifest(client, imageAt(to, tag), image.top, signal);
        item.setState('done');
        current = undefined;
      }
    }
  } catch (error) {
    const cancelled = signal.aborted || error instanceof CancelledError;
    (current as ItemHandle | undefined)?.setState(
      'failed',
      cancelled ? 'cancelled' : error instanceof Error ? error.message : String(error),
    );
    for (const digest of pushed.reverse()) await deleteManifestQuietly(client, imageAt(to, digest));
    throw error;
  }
  const summary: LoadSummary = {
    file: files.label,
    format: plan.format,
    destination: referenceText(to),
    images,
    digestsKept: plan.keepsDigests,
    bytesTransferred,
    blobs,
    manifests,
    seconds: (Date.now() - started) / 1000,
  };
  if (plan.uncompressedLayers > 0 && plan.format === 'docker') summary.note = NEW_DIGESTS_NOTE;
  return summary;
}
