import type { ImageConfig, Platform } from './manifest.js';

/** One entry of an index as a browser lists it. */
export interface PlatformEntry {
  platform: string;
  os: string;
  architecture: string;
  variant?: string;
  digest: string;
  mediaType: string;
  size: number;
  /** BuildKit attestation manifests describe another entry; never run them. */
  attestationFor?: string;
  /** The platform image's size (shared/image-size.ts), when its manifest was read. */
  imageSize?: number;
}

export interface LayerEntry {
  digest: string;
  mediaType: string;
  size: number;
  /** A foreign / non-distributable layer that registries may not hold. */
  foreign?: boolean;
  urls?: string[];
}

/** What `berth inspect` and the image view show. Plain data: safe to send to the renderer. */
export interface ImageInspection {
  reference: string;
  registry: string;
  repository: string;
  tag?: string;
  /** Digest of what the reference names (the index, when it names one). */
  digest: string;
  mediaType: string;
  kind: 'image' | 'index' | 'schema1' | 'unknown';
  platforms: PlatformEntry[];
  /** The platform manifest shown, when the reference names an index. */
  selected?: { platform: string; digest: string; mediaType: string };
  config?: ImageConfig;
  configDigest?: string;
  configMediaType?: string;
  artifactType?: string;
  layers: LayerEntry[];
  /** The size of the image shown: layers + config (the one rule in shared/image-size.ts). */
  totalSize: number;
  /** An index's platform images together, each blob once; absent when they were not all read. */
  allPlatformsSize?: number;
  subject?: string;
  annotations?: Record<string, string>;
  rawManifest: string;
  rawIndex?: string;
  rawConfig?: string;
  rateLimit?: { limit?: number; remaining?: number; windowSeconds?: number; source?: string };
  warnings: string[];
}

export type { ImageConfig, Platform };
