import { MediaType } from './media-types.js';

/** Parsed manifest shapes (OCI image-spec v1.1 and Docker schema 2 share them). Plain data. */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  'os.version'?: string;
  'os.features'?: string[];
  features?: string[];
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
  artifactType?: string;
  urls?: string[];
}

export interface ImageManifest {
  schemaVersion: number;
  mediaType?: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

export interface ImageIndex {
  schemaVersion: number;
  mediaType?: string;
  artifactType?: string;
  manifests: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

/** The image config fields a browser shows (OCI image-spec config.md). */
export interface ImageConfig {
  created?: string;
  author?: string;
  architecture?: string;
  os?: string;
  variant?: string;
  config?: {
    User?: string;
    ExposedPorts?: Record<string, object>;
    Env?: string[];
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    Volumes?: Record<string, object>;
    WorkingDir?: string;
    Labels?: Record<string, string> | null;
    StopSignal?: string;
  };
  rootfs?: { type: string; diff_ids: string[] };
  history?: {
    created?: string;
    created_by?: string;
    comment?: string;
    empty_layer?: boolean;
    author?: string;
  }[];
}

export function platformString(platform: Pick<Platform, 'os' | 'architecture' | 'variant'>): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

/** `linux/arm64`, `linux/arm/v7`, `arm64` (os defaults to linux). */
export function parsePlatform(text: string): { os: string; architecture: string; variant?: string } {
  const parts = text.trim().split('/');
  if (parts.length === 1) return { os: 'linux', architecture: parts[0]! };
  const [os, architecture, variant] = parts as [string, string, string | undefined];
  return variant ? { os, architecture, variant } : { os, architecture };
}

/** BuildKit stores attestations as index entries with platform unknown/unknown and this annotation. */
export function isAttestation(descriptor: Descriptor): boolean {
  return descriptor.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest';
}

/**
 * A layer registries must not be asked for (Docker's foreign layers, OCI's non-distributable ones): it lives
 * at its `urls`, so copies, archives and storage counts leave it where it is.
 */
export function isForeignLayer(blob: Pick<Descriptor, 'mediaType'>): boolean {
  return (
    typeof blob.mediaType === 'string' &&
    (blob.mediaType === MediaType.dockerForeignLayer || blob.mediaType.includes('nondistributable'))
  );
}

export type ReferrerKind = 'Signature' | 'SBOM' | 'Attestation' | 'Artifact';

const KINDS: Array<[RegExp, ReferrerKind]> = [
  [/sig(nature)?\b|\.sig\.|notary|cosign\.artifact\.sig/i, 'Signature'],
  [/spdx|cyclonedx|syft|sbom/i, 'SBOM'],
  [/in-toto|attestation|provenance|slsa|vuln/i, 'Attestation'],
];

/** What a referrer is (the image view and the copy dialog name them so), from its artifactType (or media type where a registry gives none). */
export function referrerKind(referrer: Pick<Descriptor, 'artifactType' | 'mediaType'>): ReferrerKind {
  const type = referrer.artifactType ?? referrer.mediaType;
  return KINDS.find(([pattern]) => pattern.test(type))?.[1] ?? 'Artifact';
}

/** `2 signatures, 1 SBOM`: referrers counted by artifactType, named as the image view names them. */
export function describeReferrerKinds(kinds: Record<string, number>): string {
  const named = new Map<ReferrerKind, number>();
  for (const [artifactType, n] of Object.entries(kinds)) {
    const kind = referrerKind({ artifactType, mediaType: artifactType });
    named.set(kind, (named.get(kind) ?? 0) + n);
  }
  return [...named]
    .map(([kind, n]) => `${n} ${kind === 'SBOM' ? kind : kind.toLowerCase()}${n === 1 ? '' : 's'}`)
    .join(', ');
}
