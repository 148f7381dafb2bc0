// The two archive formats Berth saves to and loads from, as plain shapes and names: Docker's `docker save`
// layout (manifest.json + repositories) and the OCI image layout (oci-layout + index.json + blobs/). Save
// (save.ts) writes them and load (load.ts) reads them; neither format's rules are written twice.
import type { Descriptor, ImageIndex } from '../../../shared/manifest.js';
import { isValidDigest } from '../../../shared/reference.js';
import { BerthError } from '../errors.js';

/** What an archive holds, as the user names it. `oci-dir` is an OCI image layout in a folder. */
export type ArchiveFormat = 'docker' | 'oci' | 'oci-dir';

export const ARCHIVE_FORMATS: readonly ArchiveFormat[] = ['docker', 'oci', 'oci-dir'];

/**
 * One image of a Docker archive's `manifest.json` (moby `image/tarexport`): the config file, the layer files
 * in order (each a tar, compressed or not: `docker load` and `podman load` detect it), and the names to tag.
 */
export interface DockerArchiveImage {
  Config: string;
  RepoTags: string[] | null;
  Layers: string[];
  /** Foreign layers the archive does not hold, by diff ID (Windows base images). */
  LayerSources?: Record<string, Descriptor>;
}

export const DOCKER_MANIFEST_FILE = 'manifest.json';
/** The legacy `{ repository: { tag: topLayerId } }` file older engines read; `docker load` still writes it. */
export const DOCKER_REPOSITORIES_FILE = 'repositories';

/** OCI image layout (image-spec `image-layout.md`). */
export const OCI_LAYOUT_FILE = 'oci-layout';
export const OCI_INDEX_FILE = 'index.json';
export const OCI_LAYOUT_VERSION = '1.0.0';
export const OCI_LAYOUT = { imageLayoutVersion: OCI_LAYOUT_VERSION } as const;
/** The annotation naming an image in an OCI layout's index.json (`skopeo copy oci:DIR:NAME` reads it). */
export const REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name';
/** containerd and `docker save` (25+) also record the whole name here. */
export const CONTAINERD_IMAGE_NAME_ANNOTATION = 'io.containerd.image.name';

export type OciLayoutIndex = ImageIndex;

/**
 * Where a blob lives in an OCI layout: `blobs/<algorithm>/<encoded>`. The digest is checked first, so a
 * hostile manifest's "digest" never becomes a path (`sha256:../../etc`).
 */
export function ociBlobPath(digest: string): string {
  if (!isValidDigest(digest))
    throw new BerthError('PROTOCOL', `"${digest.slice(0, 80)}" is not a digest`, {
      hint: 'The manifest names a blob by something that is not sha256:… or sha512:…',
    });
  const [algorithm, encoded] = digest.split(':') as [string, string];
  return `blobs/${algorithm}/${encoded}`;
}

/**
 * A file name read from an archive, made safe to compare and to join under a folder: relative, `/`-separated,
 * no `.`/`..` steps, no NUL. Anything else is refused: an archive is input, and may be hostile.
 */
export function archiveEntryName(name: string): string {
  const parts = name.replaceAll('\\', '/').split('/');
  const kept: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..' || part.includes('\0'))
      throw new BerthError(
        'INVALID_INPUT',
        `the archive names a file outside itself: "${name.slice(0, 200)}"`,
        {
          hint: 'This file is not an image archive Berth can read safely',
        },
      );
    kept.push(part);
  }
  if (name.startsWith('/') || /^[a-z]:/i.test(name) || kept.length === 0)
    throw new BerthError(
      'INVALID_INPUT',
      `the archive names a file by an absolute or empty path: "${name.slice(0, 200)}"`,
      {
        hint: 'This file is not an image archive Berth can read safely',
      },
    );
  return kept.join('/');
}
