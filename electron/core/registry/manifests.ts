import { createHash } from 'node:crypto';
import { bareMediaType, MANIFEST_ACCEPT, manifestKind, MediaType } from '../../../shared/media-types.js';
import { repositoryScope } from './challenge.js';
import type { RegistryClient } from './client.js';
import { assertDigest, isValidDigest, verifyDigest } from './digest.js';
import type { ImageLocation } from '../../../shared/location.js';
import { isValidTag } from '../../../shared/reference.js';
import {
  BerthError,
  DigestMismatchError,
  ProtocolError,
  TooLargeError,
  type RateLimitInfo,
} from './errors.js';
import { headerValue, readBody, readSnippet, type HttpResponse } from './http.js';
import { parseRateLimit } from './response-errors.js';

/** Distribution refuses manifest bodies over 4 MiB; anything bigger is not a manifest we should hold. */
export const MANIFEST_LIMIT = 4 * 1024 * 1024;

export interface ManifestHead {
  digest: string;
  mediaType: string;
  size: number;
  rateLimit?: RateLimitInfo;
}

export interface ManifestResult extends ManifestHead {
  /** The bytes exactly as received: hash them, re-put them, never re-serialize. */
  bytes: Buffer;
  json: Record<string, unknown>;
  /** Docker schema 1: readable, deprecated, never pushed. */
  deprecated: boolean;
  warnings: string[];
}

/** What a manifest PUT sends: the bytes exactly as read, and the type they were read as. */
export interface ManifestBytes {
  bytes: Buffer;
  mediaType: string;
}

export function sha256Digest(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function algorithmOf(digest: string): string {
  return digest.slice(0, digest.indexOf(':'));
}

export function isDigestReference(reference: string): boolean {
  return /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(reference) && reference.includes(':');
}

/**
 * A reference is checked before it goes into the URL: a tag cannot hold a colon, a digest must. Tags
 * may come from a registry's own tag list, and `../` in one would move the request elsewhere.
 */
function manifestPath({ registry: host, repository, reference }: ImageLocation): string {
  if (isDigestReference(reference) || reference.includes(':'))
    assertDigest(host, reference, `manifest ${repository}@${reference}`);
  else if (!isValidTag(reference))
    throw new BerthError(
      'INVALID_REFERENCE',
      `${host}: ${JSON.stringify(reference)} in ${repository} is not a tag`,
      {
        registry: host,
        hint: 'A tag is up to 128 letters, digits, "_", "." and "-", not starting with "." or "-". Nothing was asked for it.',
      },
    );
  return `/v2/${repository}/manifests/${reference}`;
}

/**
 * HEAD a manifest: digest, type and size without the body. On Docker Hub a HEAD does not count
 * against the pull limit, and it carries the RateLimit headers.
 */
export async function headManifest(
  client: RegistryClient,
  image: ImageLocation,
  signal?: AbortSignal,
): Promise<ManifestHead> {
  const { registry: host, repository, reference } = image;
  const response = await client.send(host, {
    method: 'HEAD',
    path: manifestPath(image),
    scopes: [repositoryScope(repository, 'pull')],
    headers: { accept: MANIFEST_ACCEPT },
    signal,
    what: `manifest ${repository}:${reference}`,
  });
  await response.body.dump();
  const digest = headerValue(response.headers, 'docker-content-digest');
  const size = Number.parseInt(headerValue(response.headers, 'content-length') ?? '', 10);
  if (!digest || !isValidDigest(digest)) {
    // Some registries omit the header on HEAD (containerd falls back to GET and hashes): do the same. A
    // header that is no digest Berth can check (not hex, the wrong length, an unknown algorithm) is not
    // passed on as the image's digest either: only the bytes can answer.
    const full = await getManifest(client, image, signal);
    return { digest: full.digest, mediaType: full.mediaType, size: full.size, rateLimit: full.rateLimit };
  }
  if (isDigestReference(reference) && digest !== reference) {
    // The header names the image in the other algorithm: only the bytes can answer.
    if (algorithmOf(digest) !== algorithmOf(reference)) {
      const full = await getManifest(client, image, signal);
      return { digest: full.digest, mediaType: full.mediaType, size: full.size, rateLimit: full.rateLimit };
    }
    throw new DigestMismatchError(host, reference, digest, `manifest ${repository}@${reference}`);
  }
  return {
    digest,
    mediaType: bareMediaType(headerValue(response.headers, 'content-type')),
    size: Number.isFinite(size) ? size : 0,
    rateLimit: parseRateLimit(response.headers),
  };
}

/**
 * GET a manifest with the full Accept list, refusing bodies over 4 MiB, hashing the raw bytes (no
 * transparent decompression) and checking them against the digest asked for, or the one announced.
 */
export async function getManifest(
  client: RegistryClient,
  image: ImageLocation,
  signal?: AbortSignal,
): Promise<ManifestResult> {
  const { registry: host, repository, reference } = image;
  const response = await client.send(host, {
    method: 'GET',
    path: manifestPath(image),
    scopes: [repositoryScope(repository, 'pull')],
    headers: { accept: MANIFEST_ACCEPT },
    signal,
    what: `manifest ${repository}:${reference}`,
  });
  return readManifestResponse(image, response);
}

export async function readManifestResponse(
  { registry: host, repository, reference }: ImageLocation,
  response: HttpResponse,
): Promise<ManifestResult> {
  const what = `manifest ${repository}${isDigestReference(reference) ? '@' : ':'}${reference}`;
  const declared = Number.parseInt(headerValue(response.headers, 'content-length') ?? '', 10);
  if (Number.isFinite(declared) && declared > MANIFEST_LIMIT) {
    await readSnippet(response.body, 0);
    throw new TooLargeError(host, what, MANIFEST_LIMIT, declared);
  }
  const bytes = await readBody(
    response.body,
    MANIFEST_LIMIT,
    (size) => new TooLargeError(host, what, MANIFEST_LIMIT, size),
  );
  let json: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    json = parsed as Record<string, unknown>;
  } catch {
    throw new ProtocolError(host, `${what}: the registry returned something that is not a JSON manifest`, {
      status: response.status,
    });
  }
  const warnings: string[] = [];
  const contentType = bareMediaType(headerValue(response.headers, 'content-type'));
  // The body's mediaType stands in for an unknown Content-Type, goes back as the Content-Type of a copy
  // and into results: only when it is a media type (RFC 6838 names), not any string a manifest holds.
  const bodyType =
    typeof json.mediaType === 'string' && MEDIA_TYPE.test(json.mediaType) ? json.mediaType : undefined;
  let mediaType = contentType;
  if (manifestKind(contentType) === 'unknown') {
    mediaType = bodyType ?? guessMediaType(json);
  } else if (bodyType && bodyType !== contentType) {
    warnings.push(`the registry sent Content-Type ${contentType} but the manifest says ${bodyType}`);
  }
  const deprecated = manifestKind(mediaType) === 'schema1';
  if (deprecated) warnings.push('Docker schema 1 manifest: deprecated, shown read-only');
  const computed = sha256Digest(bytes);
  const header = headerValue(response.headers, 'docker-content-digest');
  // A header in an algorithm Berth does not know cannot be checked, and is not used.
  const announced = header && isValidDigest(header) ? header : undefined;
  if (mediaType === MediaType.dockerSchema1Signed && announced) {
    // Signed schema 1 is hashed without its signatures, so only the registry's header names it.
    if (isDigestReference(reference) && reference !== announced)
      throw new DigestMismatchError(host, reference, announced, what);
  } else {
    // The digest asked for outranks the header (distribution api.md "Digest Header"); each is checked
    // in its own algorithm (sha256 or sha512), so no digest is trusted unverified.
    const expected = isDigestReference(reference) ? reference : announced;
    if (expected) verifyDigest(host, expected, bytes, what, 'registry');
  }
  const badSize = descriptorSizeProblem(json);
  if (badSize !== undefined)
    throw new ProtocolError(host, `${what}: ${badSize}`, {
      status: response.status,
      hint: "A descriptor's size is its blob's length in bytes; this manifest says something else, and Docker refuses it too.",
    });
  const digest = mediaType === MediaType.dockerSchema1Signed && announced ? announced : computed;
  return {
    digest,
    mediaType,
    size: bytes.length,
    bytes,
    json,
    deprecated,
    warnings,
    rateLimit: parseRateLimit(response.headers),
  };
}

/**
 * The first descriptor (config, layer, index entry, subject) whose `size` is not a byte count: sizes
 * become progress totals, bytes to transfer and the length a blob is checked against, so a string
 * (`"11"` made a total of `"7811"`), a fraction, a negative or an unsafe number goes no further.
 */
function descriptorSizeProblem(json: Record<string, unknown>): string | undefined {
  const listed = (key: string) => (Array.isArray(json[key]) ? (json[key] as unknown[]) : []);
  const descriptors: [string, unknown][] = [
    ['config', json.config],
    ['subject', json.subject],
    ...listed('layers').map((entry, at): [string, unknown] => [`layer ${at + 1}`, entry]),
    ...listed('manifests').map((entry, at): [string, unknown] => [`manifest entry ${at + 1}`, entry]),
    ...listed('blobs').map((entry, at): [string, unknown] => [`blob ${at + 1}`, entry]),
  ];
  for (const [where, descriptor] of descriptors) {
    if (descriptor === undefined || descriptor === null) continue;
    const size = typeof descriptor === 'object' ? (descriptor as { size?: unknown }).size : undefined;
    if (typeof size === 'number' && Number.isSafeInteger(size) && size >= 0) continue;
    const shown = size === undefined ? 'missing' : JSON.stringify(size).slice(0, 40);
    return `${where}'s size is no byte count (${shown})`;
  }
  return undefined;
}

const MEDIA_TYPE = /^[A-Za-z0-9][\w!#$&^.+-]{0,126}\/[A-Za-z0-9][\w!#$&^.+-]{0,126}$/;

function guessMediaType(json: Record<string, unknown>): string {
  if (json.schemaVersion === 1) return MediaType.dockerSchema1;
  if (Array.isArray(json.manifests)) return MediaType.ociIndex;
  if (typeof json.config === 'object') return MediaType.ociManifest;
  return 'application/octet-stream';
}

/** PUT manifest bytes unchanged; Content-Type must equal the manifest's mediaType (OCI "Pushing Manifests"). */
export async function putManifest(
  client: RegistryClient,
  image: ImageLocation,
  manifest: ManifestBytes,
  signal?: AbortSignal,
): Promise<string> {
  return (await putManifestAnswer(client, image, manifest, signal)).digest;
}

/**
 * putManifest, also saying whether the registry answered with `OCI-Subject` (distribution-spec v1.1
 * "Pushing Manifests with Subject"): then it keeps the referrers index of that subject itself.
 */
export async function putManifestAnswer(
  client: RegistryClient,
  image: ImageLocation,
  { bytes, mediaType }: ManifestBytes,
  signal?: AbortSignal,
): Promise<{ digest: string; subject?: string }> {
  const { registry: host, repository, reference } = image;
  if (manifestKind(mediaType) === 'schema1') {
    throw new ProtocolError(host, 'Docker schema 1 manifests are deprecated and are not pushed', {
      hint: 'Convert the image to schema 2 (for example by pulling and pushing it with a current Docker).',
    });
  }
  if (bytes.length > MANIFEST_LIMIT)
    throw new TooLargeError(host, `manifest for ${repository}:${reference}`, MANIFEST_LIMIT, bytes.length);
  // Pushed by digest: the bytes must be that digest, whatever its algorithm, before they leave.
  if (reference.includes(':'))
    verifyDigest(host, reference, bytes, `manifest for ${repository}@${reference}`);
  const response = await client.send(host, {
    method: 'PUT',
    path: manifestPath(image),
    scopes: [repositoryScope(repository, 'pull', 'push')],
    headers: { 'content-type': mediaType },
    body: bytes,
    signal,
    what: `put manifest ${repository}:${reference}`,
  });
  await response.body.dump();
  const digest = sha256Digest(bytes);
  const announced = headerValue(response.headers, 'docker-content-digest');
  if (announced && isValidDigest(announced))
    verifyDigest(host, announced, bytes, `pushed manifest ${repository}:${reference}`, 'registry');
  const subject = headerValue(response.headers, 'oci-subject');
  return subject && isValidDigest(subject) ? { digest, subject } : { digest };
}
