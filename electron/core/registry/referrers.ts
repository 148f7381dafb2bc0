import { imageAt, type ImageLocation } from '../../../shared/location.js';
import type { Descriptor, ImageIndex } from '../../../shared/manifest.js';
import { bareMediaType, MediaType } from '../../../shared/media-types.js';
import { repositoryScope } from './challenge.js';
import type { RegistryClient } from './client.js';
import { assertDigest, isValidDigest } from './digest.js';
import { BerthError, ListingLimitError, ProtocolError } from './errors.js';

/**
 * Signatures, SBOMs and attestations of one image: a handful in practice, a few hundred for an image
 * signed on every deploy. Past these caps a registry is paging forever, and the listing is stopped.
 */
const REFERRERS_MAX = 10_000;
const REFERRERS_MAX_PAGES = 100;
import { headerValue, readBody } from './http.js';
import { getManifest, headManifest } from './manifests.js';
import { nextLink } from './pagination.js';

export interface ReferrersResult {
  referrers: Descriptor[];
  /** `api` = OCI 1.1 referrers endpoint; `tag-schema` = the `sha256-<hex>` fallback tag. */
  source: 'api' | 'tag-schema' | 'none';
}

/**
 * OCI "Referrers Tag Schema": `<alg>-<hex>`, the algorithm cut to 32 characters and the hex to 64
 * (distribution-spec main; v1.1.1 did not cut, which for sha512 made a tag over the 128-character limit).
 */
export function referrersTag(digest: string): string {
  const [algorithm, hex] = digest.split(':') as [string, string];
  return `${algorithm.slice(0, 32)}-${hex.slice(0, 64)}`;
}

/**
 * Signatures, SBOMs and attestations that point at the image (named by digest): the referrers API where
 * the registry has it (a 404 means it does not), else the fallback tag (OCI distribution-spec v1.1
 * "Listing Referrers").
 */
export async function listReferrers(
  client: RegistryClient,
  image: ImageLocation,
  options: { artifactType?: string; signal?: AbortSignal } = {},
): Promise<ReferrersResult> {
  const { registry: host, repository, reference: digest } = image;
  assertDigest(host, digest, `referrers of ${repository}@${digest}`);
  const session = await client.session(host);
  let url: URL | undefined = new URL(`/v2/${repository}/referrers/${digest}`, session.origin);
  if (options.artifactType) url.searchParams.set('artifactType', options.artifactType);
  const referrers: Descriptor[] = [];
  let filtered = false;
  let pages = 0;
  while (url) {
    if (++pages > REFERRERS_MAX_PAGES)
      throw new ListingLimitError(
        host,
        `referrers of ${repository}@${digest}`,
        `${REFERRERS_MAX_PAGES} pages`,
      );
    const response = await client.send(host, {
      method: 'GET',
      path: url,
      scopes: [repositoryScope(repository, 'pull')],
      headers: { accept: MediaType.ociIndex },
      signal: options.signal,
      what: `referrers of ${repository}@${digest}`,
      accept: (status) => status === 200 || status === 404,
    });
    const isIndex = bareMediaType(headerValue(response.headers, 'content-type')) === MediaType.ociIndex;
    if (response.status === 404 || !isIndex) {
      await response.body.dump();
      if (pages > 1) break;
      return fallbackTag(client, image, options);
    }
    const body = await readBody(
      response.body,
      4 * 1024 * 1024,
      () => new ProtocolError(host, 'referrers answer over 4 MiB'),
    );
    let index: ImageIndex;
    try {
      index = JSON.parse(body.toString('utf8')) as ImageIndex;
    } catch {
      throw new ProtocolError(host, `referrers of ${repository}@${digest}: not JSON`);
    }
    for (const descriptor of referrerDescriptors(host, index, `referrers of ${repository}@${digest}`))
      referrers.push(descriptor);
    if (referrers.length > REFERRERS_MAX)
      throw new ListingLimitError(
        host,
        `referrers of ${repository}@${digest}`,
        `${REFERRERS_MAX.toLocaleString('en-US')} referrers`,
      );
    filtered ||= (headerValue(response.headers, 'oci-filters-applied') ?? '').includes('artifactType');
    url = nextLink(headerValue(response.headers, 'link'), url, host);
  }
  return { referrers: filterByType(referrers, options.artifactType, filtered), source: 'api' };
}

async function fallbackTag(
  client: RegistryClient,
  image: ImageLocation,
  options: { artifactType?: string; signal?: AbortSignal },
): Promise<ReferrersResult> {
  try {
    const at = imageAt(image, referrersTag(image.reference));
    // Asked with HEAD first: most images have no such tag, and Docker Hub counts a manifest GET as a pull.
    await headManifest(client, at, options.signal);
    const manifest = await getManifest(client, at, options.signal);
    if (manifest.mediaType !== MediaType.ociIndex) return { referrers: [], source: 'none' };
    const descriptors = referrerDescriptors(
      image.registry,
      manifest.json,
      `referrers of ${image.repository}@${image.reference} (its ${at.reference} index)`,
    );
    return {
      referrers: filterByType(descriptors, options.artifactType, false),
      source: 'tag-schema',
    };
  } catch (error) {
    if (error instanceof BerthError && error.code === 'NOT_FOUND') return { referrers: [], source: 'none' };
    throw error;
  }
}

/**
 * The entries of a referrers index, each a descriptor with a digest, a media type and a size: anything else
 * (null, a number, a string where the list should be) is a registry that is broken or hostile, said here
 * rather than as a TypeError wherever the entry is used.
 */
export function referrerDescriptors(host: string, index: unknown, what: string): Descriptor[] {
  const list = (index as Partial<ImageIndex> | null)?.manifests ?? [];
  const bad = Array.isArray(list)
    ? list.find(
        (entry: unknown) =>
          typeof entry !== 'object' ||
          entry === null ||
          typeof (entry as Descriptor).digest !== 'string' ||
          !isValidDigest((entry as Descriptor).digest) ||
          typeof (entry as Descriptor).mediaType !== 'string' ||
          typeof (entry as Descriptor).size !== 'number',
      )
    : list;
  if (bad !== undefined)
    throw new ProtocolError(
      host,
      `${what}: the registry's answer is not a list of descriptors (it holds ${JSON.stringify(bad)?.slice(0, 80) ?? String(bad)})`,
      {
        hint: 'The registry lists referrers wrongly (broken or hostile). Copy without referrers, or report it to whoever runs the registry.',
      },
    );
  return list;
}

function filterByType(
  descriptors: Descriptor[],
  artifactType: string | undefined,
  alreadyFiltered: boolean,
): Descriptor[] {
  if (!artifactType || alreadyFiltered) return descriptors;
  return descriptors.filter((d) => d.artifactType === artifactType);
}
