/** Manifest and blob media types a registry browser meets (OCI image-spec v1.1, Docker schema 2). */
export const MediaType = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerSchema1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
  dockerSchema1: 'application/vnd.docker.distribution.manifest.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociEmpty: 'application/vnd.oci.empty.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  dockerForeignLayer: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
} as const;

/**
 * Sent identically on HEAD and GET: a HEAD with a narrower Accept than the GET can name a different
 * digest (Distribution 2.8 rewrites schema 2 to schema 1 by tag when it is not accepted).
 */
export const MANIFEST_ACCEPT = [
  MediaType.ociIndex,
  MediaType.dockerManifestList,
  MediaType.ociManifest,
  MediaType.dockerManifest,
  MediaType.dockerSchema1Signed,
  MediaType.dockerSchema1,
].join(', ');

export type ManifestKind = 'image' | 'index' | 'schema1' | 'unknown';

export function manifestKind(mediaType: string): ManifestKind {
  switch (mediaType) {
    case MediaType.ociManifest:
    case MediaType.dockerManifest:
      return 'image';
    case MediaType.ociIndex:
    case MediaType.dockerManifestList:
      return 'index';
    case MediaType.dockerSchema1:
    case MediaType.dockerSchema1Signed:
      return 'schema1';
    default:
      return 'unknown';
  }
}

export function isIndexMediaType(mediaType: string): boolean {
  return manifestKind(mediaType) === 'index';
}

/** Strips parameters (`; charset=utf-8`) and case from a Content-Type. */
export function bareMediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}
