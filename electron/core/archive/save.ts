// Saving images from registries to a file: a Docker archive (`docker load`, `podman load`) or an OCI image
// layout (a tar or a folder, `skopeo copy oci-archive:`/`oci:`). Images are read with copy's planCopy, every
// blob streams from the registry into the archive verified against its digest and size, blobs shared between
// images are written once, and the archive appears under its name only when whole (archive-writer.ts).
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { SaveSummary } from '../../../shared/jobs.js';
import { referenceText, repositoryOf, type ImageLocation } from '../../../shared/location.js';
import {
  isAttestation,
  isForeignLayer,
  platformString,
  type Descriptor,
  type ImageIndex,
  type ImageManifest,
} from '../../../shared/manifest.js';
import { manifestKind } from '../../../shared/media-types.js';
import { isValidDigest, parseReference } from '../../../shared/reference.js';
import { planCopy, type CopyPlan } from '../copy/index.js';
import { BerthError, CancelledError } from '../errors.js';
import type { JobContext } from '../jobs/index.js';
import {
  headManifest,
  isDigestReference,
  NotFoundError,
  openBlob,
  type RegistryClient,
} from '../registry/index.js';
import { openFolderWriter, openTarWriter, type ArchiveWriter } from './archive-writer.js';
import {
  CONTAINERD_IMAGE_NAME_ANNOTATION,
  DOCKER_MANIFEST_FILE,
  DOCKER_REPOSITORIES_FILE,
  OCI_INDEX_FILE,
  OCI_LAYOUT,
  OCI_LAYOUT_FILE,
  REF_NAME_ANNOTATION,
  ociBlobPath,
  type ArchiveFormat,
  type DockerArchiveImage,
} from './formats.js';

export interface SaveInput {
  /** Tags or digests, from any repositories and registries; each is written under the name given. */
  images: ImageLocation[];
  /** The file (or, for `oci-dir`, the folder) to write; absolute. */
  output: string;
  format: ArchiveFormat;
  /**
   * OCI: platforms to keep from each index (a new index of them); empty = every platform, digests kept.
   * Docker: at most one, the platform an index becomes (default linux/amd64 when the index has it).
   */
  platforms?: string[];
  /** Replace an existing file (or an earlier OCI folder) instead of refusing. */
  force?: boolean;
}

export interface SaveDeps {
  client: RegistryClient;
}

/** The platform Docker and Podman pull by default on this kind of machine: the save's default too. */
const DEFAULT_PLATFORM = 'linux/amd64';

const DOCKER_RUNNABLE_CONFIGS = new Set([
  'application/vnd.docker.container.image.v1+json',
  'application/vnd.oci.image.config.v1+json',
]);

function checkCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new CancelledError('save cancelled');
}

/** `docker save`'s name for an image: Docker Hub's short form (`alpine:3`, `team/app:1`), others in full. */
export function dockerRepoTag(image: ImageLocation): string | undefined {
  if (isDigestReference(image.reference)) return undefined;
  return parseReference(referenceText(image)).familiar;
}

/** Writes the images to one archive; the job's items are the blobs and manifests, with bytes. */
export async function saveImages(
  deps: SaveDeps,
  input: SaveInput,
  context: JobContext,
): Promise<SaveSummary> {
  const started = Date.now();
  if (!input.images.length)
    throw new BerthError('INVALID_INPUT', 'no image to save', { hint: 'Name at least one image.' });
  if (!path.isAbsolute(input.output))
    throw new BerthError('INVALID_INPUT', `the output ${input.output} is not an absolute path`, {
      hint: 'Name the file with its whole path, for example /home/me/images.tar.',
    });
  if (input.format === 'docker' && (input.platforms?.length ?? 0) > 1)
    throw new BerthError('INVALID_INPUT', 'a Docker archive holds one platform of each image', {
      hint: 'Name one --platform, or save as --format oci to keep several.',
      appHint: 'Choose one platform, or save in the OCI format to keep several.',
    });
  const force = input.force === true;
  const writer =
    input.format === 'oci-dir'
      ? await openFolderWriter(input.output, force)
      : await openTarWriter(input.output, force);
  const save = new ArchiveSave(deps.client, writer, context);
  try {
    // The same reference named twice is one image of the archive, not two entries of one name.
    const unique = [...new Map(input.images.map((image) => [referenceText(image), image])).values()];
    const images =
      input.format === 'docker'
        ? await save.writeDocker(unique, input.platforms?.[0])
        : await save.writeOci(unique, input.platforms);
    checkCancelled(context.signal);
    const fileBytes = await writer.finish();
    return {
      output: input.output,
      format: input.format,
      images,
      blobs: save.blobsWritten,
      foreign: save.foreign,
      bytesWritten: save.bytesWritten,
      fileBytes,
      seconds: (Date.now() - started) / 1000,
    };
  } catch (error) {
    await writer.discard();
    throw context.signal.aborted && !(error instanceof CancelledError)
      ? new CancelledError('save cancelled')
      : error;
  }
}

type SavedImage = SaveSummary['images'][number];

class ArchiveSave {
  private readonly written = new Set<string>();
  blobsWritten = 0;
  bytesWritten = 0;
  foreign = 0;

  constructor(
    private readonly client: RegistryClient,
    private readonly writer: ArchiveWriter,
    private readonly context: JobContext,
  ) {}

  /** An OCI image layout: every manifest and blob under blobs/, each image named in index.json. */
  async writeOci(images: ImageLocation[], platforms: string[] | undefined): Promise<SavedImage[]> {
    const { signal } = this.context;
    const entries: Descriptor[] = [];
    const saved: SavedImage[] = [];
    for (const image of images) {
      checkCancelled(signal);
      const plan = await planCopy(this.client, image, platforms?.length ? platforms : undefined, signal);
      for (const manifest of manifestKind(plan.mediaType) === 'index' ? plan.children : [plan.top])
        checkImageManifest(image, manifest);
      await this.writeBlobs(image, plan.blobs);
      for (const child of plan.children) await this.writeManifest(child.digest, child.bytes);
      await this.writeManifest(plan.digest, plan.top.bytes);
      const name = referenceText(image);
      entries.push({
        mediaType: plan.mediaType,
        digest: plan.digest,
        size: plan.top.bytes.length,
        annotations: {
          [REF_NAME_ANNOTATION]: name,
          [CONTAINERD_IMAGE_NAME_ANNOTATION]: parseReference(name).canonical,
        },
      });
      saved.push(summaryOf(image, plan, { digest: plan.digest, mediaType: plan.mediaType }, name));
    }
    const index: ImageIndex = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: entries,
    };
    await this.writer.addFile(OCI_LAYOUT_FILE, Buffer.from(JSON.stringify(OCI_LAYOUT)));
    await this.writer.addFile(OCI_INDEX_FILE, Buffer.from(JSON.stringify(index)));
    return saved;
  }

  /**
   * A Docker archive as `docker save` (25+) writes it: blobs under blobs/sha256/, manifest.json naming each
   * image's config, layers and tags, and the legacy repositories file. Layers stay as the registry holds
   * them (gzip): `docker load` and `podman load` both decompress them, and their diff IDs are checked then.
   */
  async writeDocker(images: ImageLocation[], platform: string | undefined): Promise<SavedImage[]> {
    const { signal } = this.context;
    const manifest: DockerArchiveImage[] = [];
    const repositories: Record<string, Record<string, string>> = {};
    const saved: SavedImage[] = [];
    for (const image of images) {
      checkCancelled(signal);
      const { plan, child } = await this.dockerImage(image, platform);
      const json = checkImageManifest(image, child);
      if (!DOCKER_RUNNABLE_CONFIGS.has(json.config?.mediaType ?? ''))
        throw new BerthError(
          'UNSUPPORTED',
          `${referenceText(image)} is not a container image (its config is ${json.config?.mediaType ?? 'missing'})`,
          {
            hint: 'Artifacts (signatures, SBOMs, charts) do not fit a Docker archive: save them with --format oci.',
            appHint:
              'Artifacts (signatures, SBOMs, charts) do not fit a Docker archive: save them as an OCI archive.',
          },
        );
      const layers = json.layers ?? [];
      const foreign = layers.filter(isForeignLayer);
      if (foreign.length)
        throw new BerthError(
          'UNSUPPORTED',
          `${referenceText(image)} has ${foreign.length} foreign layer(s) that live outside the registry`,
          {
            hint: 'Save it with --format oci, which keeps the layer references as they are.',
            appHint: 'Save it as an OCI archive, which keeps the layer references as they are.',
          },
        );
      await this.writeBlobs(image, [json.config, ...layers]);
      const tag = dockerRepoTag(image);
      manifest.push({
        Config: ociBlobPath(json.config.digest),
        RepoTags: tag ? [tag] : [],
        Layers: layers.map((layer) => ociBlobPath(layer.digest)),
      });
      const last = layers.at(-1);
      if (tag && last) {
        const at = tag.lastIndexOf(':');
        (repositories[tag.slice(0, at)] ??= {})[tag.slice(at + 1)] = last.digest.split(':')[1]!;
      }
      saved.push(summaryOf(image, plan, child, tag));
    }
    await this.writer.addFile(DOCKER_MANIFEST_FILE, Buffer.from(JSON.stringify(manifest)));
    await this.writer.addFile(DOCKER_REPOSITORIES_FILE, Buffer.from(JSON.stringify(repositories)));
    return saved;
  }

  /** The one image a Docker archive holds for a reference: the image itself, or one platform of an index. */
  private async dockerImage(image: ImageLocation, platform: string | undefined) {
    const { signal } = this.context;
    const head = await headManifest(this.client, image, signal);
    if (manifestKind(head.mediaType) !== 'index') {
      if (platform)
        throw new BerthError('INVALID_INPUT', `${referenceText(image)} is a single-platform image`, {
          hint: 'Save it without --platform.',
          appHint: 'Save it without choosing a platform.',
        });
      const plan = await planCopy(this.client, image, undefined, signal);
      return { plan, child: plan.top };
    }
    let plan: CopyPlan;
    try {
      plan = await planCopy(this.client, image, [platform ?? DEFAULT_PLATFORM], signal);
    } catch (error) {
      if (platform || !(error instanceof NotFoundError)) throw error;
      const all = await planCopy(this.client, image, undefined, signal);
      throw new BerthError(
        'INVALID_INPUT',
        `${referenceText(image)} is a multi-platform index without ${DEFAULT_PLATFORM}; a Docker archive holds one platform (it has ${all.platforms.join(', ')})`,
        {
          hint: `Name one with --platform, for example --platform ${all.platforms[0] ?? 'linux/arm64'}, or save every platform with --format oci.`,
          appHint: 'Choose one platform, or save every platform in the OCI format.',
        },
      );
    }
    const index = JSON.parse(plan.top.bytes.toString('utf8')) as ImageIndex;
    const runnable = index.manifests.filter((entry) => !isAttestation(entry) && entry.platform);
    if (runnable.length !== 1)
      throw new BerthError(
        'INVALID_INPUT',
        `${referenceText(image)} has ${runnable.length} images for ${platform ?? DEFAULT_PLATFORM} (${runnable.map((entry) => platformString(entry.platform!)).join(', ')})`,
        {
          hint: 'Name the variant too, for example --platform linux/arm/v7.',
          appHint: 'Save it as an OCI archive to keep every variant.',
        },
      );
    const child = plan.children.find((candidate) => candidate.digest === runnable[0]!.digest)!;
    return { plan: { ...plan, platforms: [platformString(runnable[0]!.platform!)] }, child };
  }

  private async writeManifest(digest: string, bytes: Buffer): Promise<void> {
    if (this.written.has(digest)) return;
    this.written.add(digest);
    const item = this.context.item(`manifest:${digest}`, {
      label: `manifest ${digest.slice(7, 19)}`,
      kind: 'manifest',
    });
    await this.writer.addFile(ociBlobPath(digest), bytes);
    item.setState('done');
  }

  /** Each blob once per archive, streamed from the registry and checked against its digest and size. */
  private async writeBlobs(image: ImageLocation, blobs: Descriptor[]): Promise<void> {
    const { signal } = this.context;
    const from = repositoryOf(image);
    for (const blob of blobs) {
      checkCancelled(signal);
      if (isForeignLayer(blob)) {
        this.foreign++;
        continue;
      }
      if (this.written.has(blob.digest)) continue;
      const name = ociBlobPath(blob.digest);
      this.written.add(blob.digest);
      const item = this.context.item(blob.digest, {
        label: `blob ${blob.digest.slice(7, 19)}`,
        kind: 'blob',
        bytesTotal: blob.size,
      });
      let stream: Readable | undefined;
      try {
        item.setState('transferring');
        ({ stream } = await openBlob(this.client, from, blob.digest, {
          size: blob.size,
          signal,
          onBytes: (bytes) => item.addBytes(bytes),
        }));
        await this.writer.addStream(name, blob.size, stream, signal);
        item.setState('done');
      } catch (error) {
        // A download not read to its end is closed: else its request stays open and the CLI cannot end.
        stream?.destroy();
        item.setState(
          'failed',
          signal.aborted ? 'cancelled' : error instanceof Error ? error.message : String(error),
        );
        throw error;
      }
      this.blobsWritten++;
      this.bytesWritten += blob.size;
    }
  }
}

/**
 * An image manifest whose config and layers are all descriptors (a digest, a media type, a size): what a
 * registry answers is input, and a null or a number where a layer should be is said here, before any file
 * is written, rather than failing as a TypeError or leaving an archive that names blobs it lacks.
 */
function checkImageManifest(
  image: ImageLocation,
  manifest: { digest: string; bytes: Buffer },
): ImageManifest {
  const json = JSON.parse(manifest.bytes.toString('utf8')) as Partial<ImageManifest> | null;
  const isDescriptor = (value: unknown): boolean =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Descriptor).digest === 'string' &&
    isValidDigest((value as Descriptor).digest) &&
    typeof (value as Descriptor).mediaType === 'string' &&
    typeof (value as Descriptor).size === 'number';
  const layers: unknown = json?.layers ?? [];
  const what = !isDescriptor(json?.config)
    ? 'a config'
    : !Array.isArray(layers) || !layers.every(isDescriptor)
      ? 'a layer'
      : undefined;
  if (what)
    throw new BerthError(
      'PROTOCOL',
      `${referenceText(image)} lists ${what} that is not a descriptor (in manifest ${manifest.digest.slice(0, 19)})`,
      {
        registry: image.registry,
        hint: 'The registry holds a broken manifest: nothing was saved. Push the image again, or save another.',
      },
    );
  return json as ImageManifest;
}

function summaryOf(
  image: ImageLocation,
  plan: CopyPlan,
  saved: { digest: string; mediaType: string },
  name: string | undefined,
): SavedImage {
  return {
    source: referenceText(image),
    ...(name === undefined ? {} : { name }),
    digest: saved.digest,
    sourceDigest: plan.sourceDigest,
    mediaType: saved.mediaType,
    platforms: plan.platforms,
  };
}
