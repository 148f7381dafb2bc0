// Quay (quay.io and self-hosted Red Hat Quay), API v1: the namespaces the login belongs to (`/api/v1/user/`),
// their repositories (`/api/v1/repository?namespace=…`, paged by `next_page` tokens), tags with push dates and
// sizes, and Quay's repository search. Written against Quay's source (test/fixtures/vendor-api/quay/SOURCE.md).
import type { ImageVendorFactsView } from '../../../shared/vendor.js';
import { isValidRepositoryPath, isValidTag } from '../../../shared/reference.js';
import { AuthError, ListingLimitError, ProtocolError } from '../registry/index.js';
import { vendorText } from './fields.js';
import type { VendorResponse } from './http.js';
import { pagedJson, VENDOR_REPOSITORY_LIMITS, VENDOR_TAG_LIMITS } from './paging.js';
import type { VendorApi, VendorCallOptions, VendorContext, VendorRepository, VendorTag } from './types.js';

/** The registry username whose password is an OAuth access token (Quay's `OAUTH_TOKEN_USERNAME`). */
export const QUAY_TOKEN_USERNAME = '$oauthtoken';
/** Quay's tag pages hold 100 at most (`ListRepositoryTags`: `min(100, limit)`). */
const TAGS_PER_PAGE = 100;
/** Namespaces listed for one login: the user's own and their organizations'. */
export const QUAY_NAMESPACE_LIMIT = 1_000;
/** Characters of a description kept: Quay's are Markdown documents; the explorer shows their start. */
const DESCRIPTION_CHARACTERS = 4_000;
/** Quay's namespace names (`util/names.py`, user and organization names). */
const NAMESPACE_RE = /^[a-z0-9][a-z0-9._-]{0,254}$/;

interface QuayRepository {
  namespace: string;
  name: string;
  description?: string;
  isPublic?: boolean;
  lastModified?: number;
}

interface QuayTag {
  name: string;
  digest?: string;
  size?: number;
  pushedAt?: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayAt(json: unknown, key: string): unknown[] {
  const value = isObject(json) ? json[key] : undefined;
  return Array.isArray(value) ? value : [];
}

/** Seconds since the epoch (repository `last_modified`) as ISO 8601; undefined for anything else. */
function isoFromSeconds(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 253_402_300_799)
    return undefined;
  return new Date(value * 1000).toISOString();
}

/** An RFC 2822 date (tag `last_modified`, Python's `formatdate`) as ISO 8601; undefined when not a date. */
function isoFromRfc2822(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const time = Date.parse(value);
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}

function repositoryOf(item: unknown): QuayRepository[] {
  if (!isObject(item) || typeof item.namespace !== 'string' || typeof item.name !== 'string') return [];
  return [
    {
      namespace: item.namespace,
      name: item.name,
      ...(typeof item.description === 'string' ? { description: item.description } : {}),
      ...(typeof item.is_public === 'boolean' ? { isPublic: item.is_public } : {}),
      ...(typeof item.last_modified === 'number' ? { lastModified: item.last_modified } : {}),
    },
  ];
}

function tagOf(item: unknown): QuayTag[] {
  if (!isObject(item) || typeof item.name !== 'string') return [];
  const pushedAt = isoFromRfc2822(item.last_modified) ?? isoFromSeconds(item.start_ts);
  return [
    {
      name: item.name,
      ...(typeof item.manifest_digest === 'string' ? { digest: item.manifest_digest } : {}),
      ...(typeof item.size === 'number' && Number.isSafeInteger(item.size) && item.size >= 0
        ? { size: item.size }
        : {}),
      ...(pushedAt ? { pushedAt } : {}),
    },
  ];
}

function toVendorRepository(repository: QuayRepository): VendorRepository {
  const description = vendorText(repository.description, DESCRIPTION_CHARACTERS, { lines: true });
  const updatedAt = isoFromSeconds(repository.lastModified);
  return {
    name: `${repository.namespace}/${repository.name}`,
    facts: {
      ...(description ? { description } : {}),
      ...(updatedAt ? { updatedAt } : {}),
      ...(repository.isPublic === undefined ? {} : { isPrivate: !repository.isPublic }),
    },
  };
}

function toVendorTag(tag: QuayTag): VendorTag {
  return {
    tag: tag.name,
    facts: {
      ...(tag.digest ? { digest: tag.digest } : {}),
      ...(tag.pushedAt ? { pushedAt: tag.pushedAt } : {}),
      ...(tag.size === undefined ? {} : { size: tag.size }),
    },
  };
}

/** One entry of Quay's tag list as Berth shows it, or undefined when it names no tag. */
export function quayTag(item: unknown): VendorTag | undefined {
  const [tag] = tagOf(item);
  return tag && toVendorTag(tag);
}

/**
 * A repository in an API path: Quay routes `{repository}` with its slashes as they are
 * (`APIRepositoryPathConverter`), so only each segment is encoded.
 */
export function quayRepositoryPath(repository: string): string {
  return repository.split('/').map(encodeURIComponent).join('/');
}

/** The next page of a `next_page` listing: the same query with Quay's token. */
function nextPageToken(response: VendorResponse, pageUrl: URL): URL | undefined {
  const token = isObject(response.json) ? response.json.next_page : undefined;
  if (typeof token !== 'string' || token === '' || token.length > 4096) return undefined;
  const next = new URL(pageUrl);
  next.searchParams.set('next_page', token);
  return next;
}

/** Pages of search results Quay serves at most (`SEARCH_MAX_RESULT_PAGE_COUNT`, 10 by default). */
const SEARCH_PAGES = 10;

/** The next page of a numbered listing (`page`, `has_additional`), up to `lastPage`. */
function nextNumberedPage(lastPage = Number.POSITIVE_INFINITY) {
  return (response: VendorResponse, pageUrl: URL): URL | undefined => {
    if (!isObject(response.json) || response.json.has_additional !== true) return undefined;
    const page = Number(pageUrl.searchParams.get('page') ?? '1') + 1;
    if (page > lastPage) return undefined;
    const next = new URL(pageUrl);
    next.searchParams.set('page', String(page));
    return next;
  };
}

export function quayVendor(context: VendorContext): VendorApi {
  const { http, credential } = context;
  const host = http.host;

  /**
   * Quay's API v1 takes an OAuth access token as a Bearer token and nothing else: a password, a robot
   * account or an app-specific token is Basic, which the API ignores (the caller would be anonymous and
   * see public repositories only), so Berth does not send it there and uses the registry API instead.
   */
  const hasToken =
    credential?.kind === 'basic' && credential.username === QUAY_TOKEN_USERNAME && credential.password !== '';

  function authorization(): Record<string, string> {
    if (hasToken && credential?.kind === 'basic') return { authorization: `Bearer ${credential.password}` };
    const who = credential?.kind === 'basic' ? `the login ${credential.username}` : 'no login';
    throw new AuthError(
      host,
      'credentials-required',
      `${host}: Quay's API takes only an OAuth application token, and this connection has ${who}`,
      {
        status: 401,
        hint: `To see descriptions and push dates, create an OAuth application token in Quay (an organization's Applications, with "View all visible repositories" and "Read User Information") and log in with it as the user $oauthtoken: berth login ${host} --username '$oauthtoken'.`,
        appHint:
          'To see descriptions and push dates, create an OAuth application token in Quay (an organization\'s Applications, with "View all visible repositories" and "Read User Information"), then edit the connection: username $oauthtoken, the token as its password.',
      },
    );
  }

  async function namespaces(options: VendorCallOptions): Promise<string[]> {
    const { json } = await http.json({
      url: '/api/v1/user/',
      what: 'Quay user',
      headers: authorization(),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (!isObject(json) || typeof json.username !== 'string' || !NAMESPACE_RE.test(json.username))
      throw new ProtocolError(host, `${host}: Quay's user answer names no user`, {
        hint: 'Check that the connection is a Quay registry (Edit connection) and that its API address is right.',
      });
    const names = new Set<string>([json.username]);
    let leftOut = 0;
    for (const organization of arrayAt(json, 'organizations')) {
      const name = isObject(organization) ? organization.name : undefined;
      if (typeof name === 'string' && NAMESPACE_RE.test(name)) names.add(name);
      else leftOut++;
      if (names.size > QUAY_NAMESPACE_LIMIT)
        throw new ListingLimitError(host, 'Quay organizations', `${QUAY_NAMESPACE_LIMIT} namespaces`);
    }
    if (leftOut > 0) context.warn(`${host}: ${leftOut} of Quay's organizations had no valid name, left out`);
    return [...names];
  }

  return {
    vendor: 'Quay',

    async *listRepositories(options) {
      const listed = new Set<string>();
      for (const namespace of await namespaces(options)) {
        const first = http.url('/api/v1/repository');
        first.searchParams.set('namespace', namespace);
        first.searchParams.set('last_modified', 'true');
        const pages = pagedJson(http, {
          first,
          headers: authorization(),
          what: `Quay repositories of ${namespace}`,
          extract: (json) => arrayAt(json, 'repositories').flatMap(repositoryOf),
          next: nextPageToken,
          nameOf: (repository) => `${repository.namespace}/${repository.name}`,
          isValid: isValidRepositoryPath,
          limits: VENDOR_REPOSITORY_LIMITS,
          ...(options.signal ? { signal: options.signal } : {}),
          warn: context.warn,
        });
        for await (const page of pages) {
          const fresh = page.map(toVendorRepository).filter((repository) => !listed.has(repository.name));
          for (const repository of fresh) listed.add(repository.name);
          if (listed.size > VENDOR_REPOSITORY_LIMITS.maxEntries)
            throw new ListingLimitError(host, 'Quay repositories', 'the repository cap in one listing');
          yield fresh;
        }
      }
    },

    async *listTags(repository, options) {
      const first = http.url(`/api/v1/repository/${quayRepositoryPath(repository)}/tag/`);
      first.searchParams.set('onlyActiveTags', 'true');
      first.searchParams.set('limit', String(TAGS_PER_PAGE));
      first.searchParams.set('page', '1');
      const pages = pagedJson(http, {
        first,
        headers: authorization(),
        what: `Quay tags of ${repository}`,
        extract: (json) => arrayAt(json, 'tags').flatMap(tagOf),
        next: nextNumberedPage(),
        nameOf: (tag) => tag.name,
        isValid: isValidTag,
        limits: VENDOR_TAG_LIMITS,
        ...(options.signal ? { signal: options.signal } : {}),
        warn: context.warn,
      });
      for await (const page of pages) yield page.map(toVendorTag);
    },

    async imageFacts(repository, reference, options): Promise<ImageVendorFactsView | undefined> {
      // Facts are extras beside the image: without a token there are none, and nothing to warn about twice.
      if (!isValidTag(reference) || !hasToken) return undefined;
      const url = http.url(`/api/v1/repository/${quayRepositoryPath(repository)}/tag/`);
      url.searchParams.set('onlyActiveTags', 'true');
      url.searchParams.set('specificTag', reference);
      const { json } = await http.json({
        url,
        what: `Quay tag ${repository}:${reference}`,
        headers: authorization(),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const tag = arrayAt(json, 'tags')
        .flatMap(tagOf)
        .find((candidate) => candidate.name === reference);
      if (!tag) return undefined;
      return {
        vendor: 'Quay',
        ...(tag.pushedAt ? { pushedAt: tag.pushedAt } : {}),
        ...(tag.size === undefined ? {} : { size: tag.size }),
      };
    },

    async search(text, options) {
      const first = http.url('/api/v1/find/repositories');
      first.searchParams.set('query', text);
      first.searchParams.set('page', '1');
      const found: VendorRepository[] = [];
      const pages = pagedJson(http, {
        first,
        headers: authorization(),
        what: `Quay search for ${text}`,
        extract: (json) =>
          arrayAt(json, 'results').flatMap((item) =>
            isObject(item) && isObject(item.namespace)
              ? repositoryOf({ ...item, namespace: item.namespace.name })
              : [],
          ),
        next: nextNumberedPage(SEARCH_PAGES),
        nameOf: (repository) => `${repository.namespace}/${repository.name}`,
        isValid: isValidRepositoryPath,
        limits: { maxEntries: 10_000, maxPages: SEARCH_PAGES, maxEmptyPagesInARow: 2 },
        ...(options.signal ? { signal: options.signal } : {}),
        warn: context.warn,
      });
      for await (const page of pages) {
        found.push(...page.map(toVendorRepository));
        if (found.length >= options.limit) break;
      }
      return found.slice(0, options.limit);
    },
  };
}
