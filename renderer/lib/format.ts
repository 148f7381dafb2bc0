/** Display helpers for the explorer; plain functions of plain data. */

/** `sha256:0123456789ab…` — the algorithm and the first 12 hex digits, like Docker's short IDs. */
export function shortDigest(digest: string, length = 12): string {
  const [algorithm, hex] = digest.split(':');
  if (!hex) return digest;
  return hex.length > length ? `${algorithm}:${hex.slice(0, length)}…` : digest;
}

/** The media types with a short name (the names are words: the explorer's messages.ts holds them, by these keys). */
const MEDIA_TYPE_KEYS = {
  'application/vnd.oci.image.index.v1+json': 'ociIndex',
  'application/vnd.oci.image.manifest.v1+json': 'ociManifest',
  'application/vnd.docker.distribution.manifest.list.v2+json': 'dockerList',
  'application/vnd.docker.distribution.manifest.v2+json': 'dockerV2',
  'application/vnd.docker.distribution.manifest.v1+prettyjws': 'dockerSchema1',
  'application/vnd.oci.image.layer.v1.tar+gzip': 'tarGzip',
  'application/vnd.oci.image.layer.v1.tar+zstd': 'tarZstd',
  'application/vnd.oci.image.layer.v1.tar': 'tar',
  'application/vnd.docker.image.rootfs.diff.tar.gzip': 'tarGzip',
  'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip': 'foreignTarGzip',
} as const;

export type MediaTypeKey = (typeof MEDIA_TYPE_KEYS)[keyof typeof MEDIA_TYPE_KEYS];

/** The key of a media type's short name, or undefined for one without a name (shown as it is). */
export function mediaTypeKey(mediaType: string): MediaTypeKey | undefined {
  return Object.hasOwn(MEDIA_TYPE_KEYS, mediaType)
    ? MEDIA_TYPE_KEYS[mediaType as keyof typeof MEDIA_TYPE_KEYS]
    : undefined;
}

/**
 * The pull lines for a tag and for the digest it points at, for the engine in use: `docker pull`, or
 * `podman pull` when the local engine is Podman. Podman has no loopback exemption and no daemon.json, so a
 * plain-HTTP registry needs `--tls-verify=false` on its line (Docker decides that from daemon.json).
 */
export function pullCommands(
  registry: string,
  repository: string,
  tag: string | undefined,
  digest: string,
  engine: { tool: 'docker' | 'podman'; isPlainHttp?: boolean } = { tool: 'docker' },
): { byTag?: string; byDigest: string } {
  const base = `${registry}/${repository}`;
  const pull =
    engine.tool === 'podman'
      ? `podman pull${engine.isPlainHttp ? ' --tls-verify=false' : ''}`
      : 'docker pull';
  return {
    ...(tag ? { byTag: `${pull} ${base}:${tag}` } : {}),
    byDigest: `${pull} ${base}@${digest}`,
  };
}

/** A command line the way a shell would take it: `["/bin/app", "--serve"]` → `/bin/app --serve`. */
export function formatCommand(parts: readonly string[] | null | undefined): string | undefined {
  if (!parts?.length) return undefined;
  return parts
    .map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

/** `KEY=value` lines split at the first `=`. */
export function splitEnv(lines: readonly string[] | undefined): Array<{ name: string; value: string }> {
  return (lines ?? []).map((line) => {
    const at = line.indexOf('=');
    return at < 0 ? { name: line, value: '' } : { name: line.slice(0, at), value: line.slice(at + 1) };
  });
}
