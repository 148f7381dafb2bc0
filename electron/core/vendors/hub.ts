// Docker Hub's own API (hub.docker.com, `services.hubOrigin`): a repository's tags with push dates, sizes
// and digests, which the registry API never gives. Described in docker/docs
// `content/reference/api/hub/latest.yaml` (ListRepositoryTags, AuthCreateAccessToken).
import type { ImageVendorFactsView, TagFactsView } from '../../../shared/vendor.js';
import { isValidDigest, isValidTag } from '../../../shared/reference.js';
import { isoDateTime } from './fields.js';
import { pagedJson, VENDOR_TAG_LIMITS } from './paging.js';
import type { VendorApi, VendorContext, VendorTag } from './types.js';

export const HUB_VENDOR = 'Docker Hub';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const dateOf = isoDateTime;

function sizeOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** `team/app` → `team`, `app`; an official image (`nginx`) lives in `library`. */
export function hubPath(repository: string): { namespace: string; name: string } {
  const slash = repository.indexOf('/');
  return slash < 0
    ? { namespace: 'library', name: repository }
    : { namespace: repository.slice(0, slash), name: repository.slice(slash + 1) };
}

/** One page of Hub's tag list as Berth's tags. `images` is one entry per platform (the description says an object: both are read). */
export function parseHubTags(json: unknown): VendorTag[] {
  if (!isObject(json) || !Array.isArray(json.results)) return [];
  const tags: VendorTag[] = [];
  for (const item of json.results) {
    if (!isObject(item) || typeof item.name !== 'string') continue;
    const facts: TagFactsView = {};
    if (typeof item.digest === 'string' && isValidDigest(item.digest)) facts.digest = item.digest;
    const pushedAt = dateOf(item.tag_last_pushed) ?? dateOf(item.last_updated);
    if (pushedAt) facts.pushedAt = pushedAt;
    const pulledAt = dateOf(item.tag_last_pulled);
    if (pulledAt) facts.pulledAt = pulledAt;
    const images = Array.isArray(item.images) ? item.images : isObject(item.images) ? [item.images] : [];
    const platformSizes = images.flatMap((image) => {
      const size = isObject(image) ? sizeOf(image.size) : undefined;
      return size === undefined ? [] : [size];
    });
    const size =
      sizeOf(item.full_size) ??
      (platformSizes.length ? platformSizes.reduce((sum, each) => sum + each, 0) : undefined);
    if (size !== undefined) facts.size = size;
    tags.push({ tag: item.name, facts });
  }
  return tags;
}

export function hubVendor(context: VendorContext): VendorApi {
  const { http, credential } = context;
  let bearer: Promise<string | undefined> | undefined;

  /**
   * Hub's API token for the saved login (a personal access token or password, exchanged at
   * `/v2/auth/token`); anonymous without one: public repositories need none.
   */
  function authorization(signal?: AbortSignal): Promise<string | undefined> {
    if (credential?.kind !== 'basic') return Promise.resolve(undefined);
    bearer ??= http
      .json<{ access_token?: unknown }>({
        method: 'POST',
        url: '/v2/auth/token',
        what: 'a Docker Hub API token',
        body: { identifier: credential.username, secret: credential.password },
        ...(signal ? { signal } : {}),
      })
      .then((answer) => {
        const token = answer.json?.access_token;
        if (typeof token !== 'string' || !token) return undefined;
        // Hub may quote it back in an error: every front door scrubs it like the login's secret.
        context.keepSecret(token);
        return token;
      });
    bearer.catch(() => (bearer = undefined));
    return bearer;
  }

  async function* listTags(
    repository: string,
    options: { signal?: AbortSignal },
  ): AsyncGenerator<VendorTag[]> {
    const { namespace, name } = hubPath(repository);
    const token = await authorization(options.signal);
    yield* pagedJson<VendorTag>(http, {
      first: `/v2/namespaces/${encodeURIComponent(namespace)}/repositories/${encodeURIComponent(name)}/tags?page_size=100`,
      ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
      what: `Docker Hub tags of ${namespace}/${name}`,
      extract: parseHubTags,
      next: (response, pageUrl) => {
        const next = isObject(response.json) ? response.json.next : undefined;
        if (typeof next !== 'string' || !next) return undefined;
        try {
          return new URL(next, pageUrl);
        } catch {
          return undefined;
        }
      },
      nameOf: (tag) => tag.tag,
      isValid: isValidTag,
      limits: VENDOR_TAG_LIMITS,
      ...(options.signal ? { signal: options.signal } : {}),
      warn: context.warn,
    });
  }

  return {
    vendor: HUB_VENDOR,
    listTags,
    async imageFacts(repository, reference, options): Promise<ImageVendorFactsView | undefined> {
      for await (const page of listTags(repository, options)) {
        const found = page.find((tag) =>
          reference.includes(':') ? tag.facts.digest === reference : tag.tag === reference,
        );
        if (!found) continue;
        const facts: ImageVendorFactsView = { vendor: HUB_VENDOR };
        if (found.facts.pushedAt) facts.pushedAt = found.facts.pushedAt;
        if (found.facts.pulledAt) facts.pulledAt = found.facts.pulledAt;
        if (found.facts.size !== undefined) facts.size = found.facts.size;
        return facts;
      }
      return undefined;
    },
  };
}
