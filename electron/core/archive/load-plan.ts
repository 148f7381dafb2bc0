// What loading an archive pushes, read from its small JSON files before any blob moves: the manifests (an OCI
// layout's byte for byte; a Docker archive's written here, its layers pushed as the uncompressed tars they
// are), the blobs by digest with the file each is read from, and the tags each image takes.
import { createHash } from 'node:crypto';
import { MediaType, manifestKind } from '../../../shared/media-types.js';
import {
  isForeignLayer,
  type Descriptor,
  type ImageIndex,
  type ImageManifest,
} from '../../../shared/manifest.js';
import { isValidDigest, isValidTag } from '../../../shared/reference.js';
import { MANIFEST_LIMIT } from '../registry/index.js';
import { archiveError, type ArchiveFiles } from './archive-files.js';
import {
  CONTAINERD_IMAGE_NAME_ANNOTATION,
  DOCKER_MANIFEST_FILE,
  OCI_INDEX_FILE,
  OCI_LAYOUT_FILE,
  REF_NAME_ANNOTATION,
  archiveEntryName,
  ociBlobPath,
  type DockerArchiveImage,
} from './formats.js';

export interface LoadManifest {
  digest: string;
  mediaType: string;
  bytes: Buffer;
}

/** A blob to push: read from a file of the archive, or (a Docker archive's config) held already. */
export interface LoadBlob {
  descriptor: Descriptor;
  file?: string;
  bytes?: Buffer;
}

export interface LoadImage {
  /** The tags it had in the archive (its repository part dropped). */
  tags: string[];
  top: LoadManifest;
  /** An index's manifests, pushed by digest before it. */
  children: LoadManifest[];
}

export interface LoadPlan {
  /** `docker` for anything with docker save's manifest.json, even when read through its OCI layout. */
  format: 'docker' | 'oci';
  /** The archive's own manifests go up byte for byte (it holds an OCI layout); else Berth wrote them. */
  keepsDigests: boolean;
  images: LoadImage[];
  blobs: Map<string, LoadBlob>;
  /** Layers that are plain tars (every layer of a Docker archive from the classic engine store). */
  uncompressedLayers: number;
}

/** Images one archive may hold, and layers one image may have: more is a crafted file. */
const MAX_IMAGES = 1000;
const MAX_LAYERS = 1000;
const MAX_INDEX_DEPTH = 2;

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The digest of `bytes` in the algorithm `digest` is named by (sha256 or sha512: checked before). */
function digestLike(digest: string, bytes: Buffer): string {
  const algorithm = digest.slice(0, digest.indexOf(':'));
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

function parseJson(files: ArchiveFiles, name: string, bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    throw archiveError(`${files.label}: ${name.slice(0, 200)} is not valid JSON`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The tag of an image name as an archive records it (`team/app:1`, `docker.io/library/x:1`, `1`). */
export function tagOfName(name: string): string | undefined {
  const named = name.split('@')[0] ?? '';
  const colon = named.lastIndexOf(':');
  const tag = colon > named.lastIndexOf('/') ? named.slice(colon + 1) : named.includes('/') ? '' : named;
  return tag && isValidTag(tag) ? tag : undefined;
}

function checkDescriptor(files: ArchiveFiles, value: unknown, where: string): Descriptor {
  if (
    !isObject(value) ||
    typeof value.digest !== 'string' ||
    typeof value.mediaType !== 'string' ||
    typeof value.size !== 'number' ||
    !Number.isSafeInteger(value.size) ||
    value.size < 0
  )
    throw archiveError(`${files.label}: ${where} holds a descriptor without a digest, media type and size`);
  if (!isValidDigest(value.digest))
    throw archiveError(
      `${files.label}: ${where} names "${value.digest.slice(0, 80)}", which is not a digest`,
    );
  return value as unknown as Descriptor;
}

/** A blob of an OCI layout that must be there with the size its descriptor gives. */
function layoutBlob(files: ArchiveFiles, descriptor: Descriptor, owner: string): LoadBlob {
  const file = ociBlobPath(descriptor.digest);
  if (!files.has(file))
    throw archiveError(
      `${files.label}: ${owner} names ${descriptor.digest}, which the archive does not hold`,
    );
  if (files.sizeOf(file) !== descriptor.size)
    throw archiveError(
      `${files.label}: ${descriptor.digest} is ${files.sizeOf(file)} bytes, but ${owner} says ${descriptor.size}`,
    );
  return { descriptor, file };
}

async function readLayoutManifest(
  files: ArchiveFiles,
  descriptor: Descriptor,
  owner: string,
): Promise<LoadManifest> {
  const { file } = layoutBlob(files, descriptor, owner);
  const bytes = await files.readSmall(file!, MANIFEST_LIMIT);
  // Checked by the algorithm it is named by: a sha512 name is no way around the check.
  const actual = digestLike(descriptor.digest, bytes);
  if (actual !== descriptor.digest)
    throw archiveError(
      `${files.label}: manifest ${descriptor.digest} holds other bytes (they hash to ${actual})`,
      'The archive is damaged or was altered; make it again.',
    );
  const parsed = parseJson(files, file!, bytes);
  const mediaType =
    (isObject(parsed) && typeof parsed.mediaType === 'string' && parsed.mediaType) || descriptor.mediaType;
  return { digest: descriptor.digest, mediaType, bytes };
}

/** An OCI layout (or a Docker 25+ archive, which holds one): every manifest and blob as it is, digests kept. */
async function planLayout(files: ArchiveFiles): Promise<LoadPlan> {
  const layout = parseJson(files, OCI_LAYOUT_FILE, await files.readSmall(OCI_LAYOUT_FILE, 64 * 1024));
  if (!isObject(layout) || typeof layout.imageLayoutVersion !== 'string')
    throw archiveError(`${files.label}: ${OCI_LAYOUT_FILE} has no imageLayoutVersion`);
  const index = parseJson(files, OCI_INDEX_FILE, await files.readSmall(OCI_INDEX_FILE, MANIFEST_LIMIT));
  if (!isObject(index) || !Array.isArray(index.manifests))
    throw archiveError(`${files.label}: ${OCI_INDEX_FILE} lists no manifests`);
  if (index.manifests.length > MAX_IMAGES)
    throw archiveError(`${files.label}: ${OCI_INDEX_FILE} lists more than ${MAX_IMAGES} images`);
  const plan: LoadPlan = {
    format: files.has(DOCKER_MANIFEST_FILE) ? 'docker' : 'oci',
    keepsDigests: true,
    images: [],
    blobs: new Map(),
    uncompressedLayers: 0,
  };
  // Each manifest is read and checked once, however often the layout names it (one index listed a thousand
  // times under a thousand names is one read and one copy in memory, not a million).
  const trees = new Map<string, Tree>();
  for (const entry of (index as unknown as ImageIndex).manifests) {
    const descriptor = checkDescriptor(files, entry, OCI_INDEX_FILE);
    const names = [
      descriptor.annotations?.[REF_NAME_ANNOTATION],
      descriptor.annotations?.[CONTAINERD_IMAGE_NAME_ANNOTATION],
    ];
    const tag = names.map((name) => (typeof name === 'string' ? tagOfName(name) : undefined)).find(Boolean);
    const tree = await readTree(files, descriptor, OCI_INDEX_FILE, plan, trees, 0);
    plan.images.push({ tags: tag ? [tag] : [], top: tree.manifest, children: tree.descendants });
  }
  return plan;
}

/** A manifest read, with what it lists (children before their index) and how many index levels it spans. */
interface Tree {
  manifest: LoadManifest;
  descendants: LoadManifest[];
  height: number;
}

async function readTree(
  files: ArchiveFiles,
  descriptor: Descriptor,
  owner: string,
  plan: LoadPlan,
  trees: Map<string, Tree>,
  depth: number,
): Promise<Tree> {
  const unreadable = () =>
    archiveError(`${files.label}: index ${descriptor.digest.slice(0, 19)} cannot be read as an image index`);
  const known = trees.get(descriptor.digest);
  if (known) {
    if (depth + known.height > MAX_INDEX_DEPTH) throw unreadable();
    return known;
  }
  const manifest = await readLayoutManifest(files, descriptor, owner);
  const parsed = JSON.parse(manifest.bytes.toString('utf8')) as unknown;
  const kind = manifestKind(manifest.mediaType);
  const what = `manifest ${descriptor.digest.slice(0, 19)}`;
  if (kind === 'index') {
    const list = isObject(parsed) && Array.isArray(parsed.manifests) ? parsed.manifests : undefined;
    if (!list || list.length > MAX_IMAGES || depth >= MAX_INDEX_DEPTH) throw unreadable();
    const tree: Tree = { manifest, descendants: [], height: 1 };
    const listed = new Set<string>();
    for (const child of list) {
      const sub = await readTree(files, checkDescriptor(files, child, what), what, plan, trees, depth + 1);
      tree.height = Math.max(tree.height, sub.height + 1);
      for (const read of [...sub.descendants, sub.manifest]) {
        if (listed.has(read.digest)) continue;
        listed.add(read.digest);
        tree.descendants.push(read);
      }
    }
    trees.set(descriptor.digest, tree);
    return tree;
  }
  if (
    kind !== 'image' ||
    !isObject(parsed) ||
    !Array.isArray(parsed.layers) ||
    parsed.layers.length > MAX_LAYERS
  )
    throw archiveError(
      `${files.label}: ${what} is ${manifest.mediaType || 'of no media type'}, not an image manifest or index Berth can load`,
    );
  const image = parsed as unknown as ImageManifest;
  const config = checkDescriptor(files, image.config, what);
  plan.blobs.set(config.digest, layoutBlob(files, config, what));
  for (const entry of image.layers) {
    const layer = checkDescriptor(files, entry, what);
    if (isForeignLayer(layer)) continue;
    if (
      layer.mediaType === MediaType.ociLayer ||
      layer.mediaType === 'application/vnd.docker.image.rootfs.diff.tar'
    )
      plan.uncompressedLayers++;
    plan.blobs.set(layer.digest, layoutBlob(files, layer, what));
  }
  const tree: Tree = { manifest, descendants: [], height: 0 };
  trees.set(descriptor.digest, tree);
  return tree;
}

function checkDockerImage(files: ArchiveFiles, value: unknown): DockerArchiveImage {
  if (
    !isObject(value) ||
    typeof value.Config !== 'string' ||
    !Array.isArray(value.Layers) ||
    !value.Layers.every((layer) => typeof layer === 'string') ||
    value.Layers.length > MAX_LAYERS ||
    !(
      value.RepoTags == null ||
      (Array.isArray(value.RepoTags) && value.RepoTags.every((t) => typeof t === 'string'))
    )
  )
    throw archiveError(`${files.label}: ${DOCKER_MANIFEST_FILE} has an entry without Config and Layers`);
  return value as unknown as DockerArchiveImage;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * A Docker archive of the legacy layout (`<id>/layer.tar`): an OCI manifest is written for each image, its
 * config as it is and its layers as the archive holds them. A plain tar layer's digest is its diff ID
 * (checked on the way up); a compressed one is hashed first.
 */
async function planDocker(
  files: ArchiveFiles,
  hashFile: (name: string) => Promise<string>,
): Promise<LoadPlan> {
  const list = parseJson(
    files,
    DOCKER_MANIFEST_FILE,
    await files.readSmall(DOCKER_MANIFEST_FILE, MANIFEST_LIMIT),
  );
  if (!Array.isArray(list) || list.length === 0)
    throw archiveError(`${files.label}: ${DOCKER_MANIFEST_FILE} lists no images`);
  if (list.length > MAX_IMAGES)
    throw archiveError(`${files.label}: ${DOCKER_MANIFEST_FILE} lists more than ${MAX_IMAGES} images`);
  // A layer file named by many images (or many times, or through many links, by a crafted archive) is
  // hashed once: else one large layer named thousands of times keeps the load hashing for hours.
  const hashes = new Map<string, Promise<string>>();
  const hashOnce = (name: string): Promise<string> => {
    const key = files.keyOf(name);
    let hash = hashes.get(key);
    if (!hash) hashes.set(key, (hash = hashFile(name)));
    return hash;
  };
  const plan: LoadPlan = {
    format: 'docker',
    keepsDigests: false,
    images: [],
    blobs: new Map(),
    uncompressedLayers: 0,
  };
  for (const entry of list) {
    const image = checkDockerImage(files, entry);
    const configName = archiveEntryName(image.Config);
    const configBytes = await files.readSmall(configName, MANIFEST_LIMIT);
    const config = parseJson(files, configName, configBytes);
    const diffIds = isObject(config) && isObject(config.rootfs) ? config.rootfs.diff_ids : undefined;
    if (!Array.isArray(diffIds) || !diffIds.every((id) => typeof id === 'string' && isValidDigest(id)))
      throw archiveError(
        `${files.label}: the image config ${configName.slice(0, 200)} has no valid rootfs.diff_ids`,
      );
    const foreign = image.LayerSources ?? {};
    const localDiffIds = (diffIds as string[]).filter((id) => !isObject(foreign[id]));
    if (localDiffIds.length !== image.Layers.length)
      throw archiveError(
        `${files.label}: ${configName.slice(0, 200)} has ${localDiffIds.length} layers but ${DOCKER_MANIFEST_FILE} lists ${image.Layers.length}`,
      );
    const configDescriptor: Descriptor = {
      mediaType: MediaType.ociConfig,
      digest: sha256(configBytes),
      size: configBytes.length,
    };
    plan.blobs.set(configDescriptor.digest, { descriptor: configDescriptor, bytes: configBytes });
    const layers: Descriptor[] = [];
    let next = 0;
    for (const diffId of diffIds as string[]) {
      const source = foreign[diffId];
      if (isObject(source)) {
        layers.push(checkDescriptor(files, source, `${DOCKER_MANIFEST_FILE} LayerSources`));
        continue;
      }
      const file = archiveEntryName(image.Layers[next++]!);
      const size = files.sizeOf(file);
      const head = await files.peek(file, 2);
      const isGzip = GZIP_MAGIC.every((byte, i) => head[i] === byte);
      const descriptor: Descriptor = isGzip
        ? { mediaType: MediaType.ociLayerGzip, digest: await hashOnce(file), size }
        : { mediaType: MediaType.ociLayer, digest: diffId, size };
      if (!isGzip) plan.uncompressedLayers++;
      layers.push(descriptor);
      plan.blobs.set(descriptor.digest, { descriptor, file });
    }
    const manifest = { schemaVersion: 2, mediaType: MediaType.ociManifest, config: configDescriptor, layers };
    const bytes = Buffer.from(JSON.stringify(manifest));
    const tags = (image.RepoTags ?? []).map(tagOfName).filter((tag): tag is string => tag !== undefined);
    plan.images.push({
      tags,
      top: { digest: sha256(bytes), mediaType: MediaType.ociManifest, bytes },
      children: [],
    });
  }
  return plan;
}

/**
 * Reads what an archive holds: an OCI layout when it has `oci-layout` and `index.json` (an OCI archive or
 * folder, and a Docker 25+ archive, which carries one beside its manifest.json), else a Docker archive.
 */
export async function planLoad(
  files: ArchiveFiles,
  hashFile: (name: string) => Promise<string>,
): Promise<LoadPlan> {
  if (files.has(OCI_LAYOUT_FILE) && files.has(OCI_INDEX_FILE)) return planLayout(files);
  if (files.has(DOCKER_MANIFEST_FILE)) return planDocker(files, hashFile);
  throw archiveError(
    `${files.label} is not an image archive: it has neither ${OCI_INDEX_FILE} and ${OCI_LAYOUT_FILE} (OCI) nor ${DOCKER_MANIFEST_FILE} (docker save)`,
  );
}
