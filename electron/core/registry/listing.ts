import { createHash } from 'node:crypto';
import type { PingView } from '../../../shared/contract/index.js';
import type { RepositoryLocation } from '../../../shared/location.js';
import { isValidRepositoryPath, isValidTag } from '../../../shared/reference.js';
import { CATALOG_SCOPE, repositoryScope } from './challenge.js';
import { isRefusedCredential, type RegistryClient } from './client.js';
import {
  AuthError,
  BerthError,
  ListingLimitError,
  NetworkError,
  ProtocolError,
  UnsupportedError,
} from './errors.js';
import { headerValue, readBody, type HttpResponse } from './http.js';
import { matchesFilter, nextLink } from './pagination.js';

/** Distribution's catalog refuses `n` above `catalog.maxentries` (default 1000) with 400. */
const CATALOG_PAGE = 1000;
const FALLBACK_PAGE = 100;

/**
 * How far one listing may go. A registry decides how many pages it sends, so a broken or hostile one
 * could page forever; these caps end the listing with a ListingLimitError instead.
 */
export interface ListLimits {
  /** Names read from the registry (before the filter). */
  maxEntries: number;
  /** Pages requested, empty ones included. */
  maxPages: number;
  /** Bytes of one page's body. */
  maxPageBytes: number;
  /** Pages in a row with no entry but a next link (a real registry sends one, as its last page). */
  maxEmptyPagesInARow: number;
  /**
   * Time for one page, answer and body: a body trickled a byte at a time never trips an idle timeout
   * and, under the byte cap, would hold a listing open for days.
   */
  maxPageMs: number;
}

/**
 * The smallest page a real registry hands out: GHCR and Quay clamp to 100 (registry-protocol.md §5);
 * Distribution and Harbor give the 1000 asked for. The page cap allows a full listing at that size.
 */
const SMALLEST_REAL_PAGE = 100;
/**
 * Body cap per page: Distribution 2.8 sends a repository's whole tag list as one page, and a million
 * tags of ~40 characters is ~45 MiB of JSON; a 1000-entry page of the longest names (255) is ~260 KiB.
 */
const PAGE_BYTES = 64 * 1024 * 1024;
/** Ten minutes: a page at the byte cap over a 1 Mbit/s link takes about nine; a 1000-name page, a moment. */
const PAGE_MS = 10 * 60_000;

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function limitsFor(maxEntries: number): ListLimits {
  return {
    maxEntries,
    maxPages: Math.ceil(maxEntries / SMALLEST_REAL_PAGE) + 10,
    maxPageBytes: PAGE_BYTES,
    maxEmptyPagesInARow: 10,
    maxPageMs: PAGE_MS,
  };
}

/**
 * Tags: the largest repositories seen have tens of thousands (Docker Hub's library images ~10k, CI
 * repositories tagging every commit ~100k); a million is far past them and still ~100 MB of names.
 */
export const TAG_LIMITS: ListLimits = limitsFor(1_000_000);
/** Repositories: big Harbor and Artifactory catalogs hold 100k+; half a million leaves room above them. */
export const CATALOG_LIMITS: ListLimits = limitsFor(500_000);

export interface ListOptions {
  filter?: string;
  signal?: AbortSignal;
  /** Page size asked for; registries may answer with more (2.8 tags: all at once) or fewer. */
  pageSize?: number;
  /** Overrides the default caps (TAG_LIMITS, CATALOG_LIMITS) in part or whole. */
  limits?: Partial<ListLimits>;
}

/** `apiVersion` is `registry/2.0` when the server sends Docker-Distribution-API-Version; optional (OCI). */
export interface PingResult extends PingView {
  realm?: string;
  service?: string;
}

/** `GET /v2/` anonymously: does a registry answer here, and which auth does it want? */
export async function ping(client: RegistryClient, host: string, signal?: AbortSignal): Promise<PingResult> {
  const response = await client.send(host, {
    method: 'GET',
    path: '/v2/',
    scopes: [],
    signal,
    what: 'the API root /v2/',
    accept: (status) => status === 200 || status === 401,
  });
  // After the answer: the session may have become plain HTTP on the way (Docker's loopback rule).
  const session = await client.session(host);
  const text = (
    await readBody(response.body, 1024 * 1024, () => new ProtocolError(host, '/v2/ answer too large'))
  ).toString();
  const apiVersion = headerValue(response.headers, 'docker-distribution-api-version');
  if (response.status === 200 && !apiVersion && /<html/i.test(text)) {
    throw new ProtocolError(host, `${host} answered /v2/ with a web page, not a registry API`, {
      status: 200,
    });
  }
  const params = session.auth.challengeParams;
  return {
    registry: host,
    url: session.origin.href,
    apiVersion,
    authScheme: session.auth.scheme,
    realm: params?.realm,
    service: params?.service,
  };
}

/** Verifies credentials like `docker login`: /v2/ must accept them (Basic) or a token must be issued (Bearer). */
export async function verifyLogin(
  client: RegistryClient,
  host: string,
  signal?: AbortSignal,
): Promise<PingResult> {
  const result = await ping(client, host, signal);
  const session = await client.session(host);
  if (!session.auth.hasCredential) {
    throw new AuthError(host, 'credentials-required', `${host}: no credentials to check`);
  }
  if (result.authScheme === 'basic') {
    // The ping accepted a 401; now /v2/ must take the credentials.
    const response = await client.send(host, {
      method: 'GET',
      path: '/v2/',
      scopes: [],
      signal,
      what: 'login',
    });
    await response.body.dump();
  }
  try {
    await session.auth.verifyCredential(signal);
  } catch (error) {
    // A helper's short-lived token may have expired since it was asked for: one fresh one is checked.
    if (!isRefusedCredential(error) || !(await client.renewCredential(session, signal))) throw error;
    await session.auth.verifyCredential(signal);
  }
  if (result.authScheme === 'none') {
    client.warn(host, `${host} asks for no authentication; the credentials were not checked by the registry`);
  }
  return result;
}

async function readJson<T>(
  host: string,
  response: HttpResponse,
  what: string,
  limits: ListLimits,
): Promise<T> {
  const tooLarge = () => new ListingLimitError(host, what, `${count(limits.maxPageBytes)} bytes in one page`);
  const declared = Number.parseInt(headerValue(response.headers, 'content-length') ?? '', 10);
  if (Number.isFinite(declared) && declared > limits.maxPageBytes) {
    response.body.destroy();
    throw tooLarge();
  }
  const body = await readBody(response.body, limits.maxPageBytes, tooLarge);
  try {
    return JSON.parse(body.toString('utf8')) as T;
  } catch {
    throw new ProtocolError(host, `${what}: the registry did not answer JSON`, { status: response.status });
  }
}

/** One paged listing: where it starts, the token scopes it needs, how to read a page, how far it may go. */
interface Listing {
  first: URL | string;
  scopes: string[];
  what: string;
  extract: (json: unknown) => string[];
  /**
   * Whether a listed name is one a reference can name. Others (`team/`, control characters, a
   * right-to-left override that shows `a\u202Eevil` as "alive"), and repeats, are left out: nothing could
   * open them, and a request naming one refuses the whole batch it is in.
   */
  isValid: (name: string) => boolean;
  limits: ListLimits;
  signal?: AbortSignal;
}

/** One page, answer and body, within `limits.maxPageMs`. */
async function readPage(
  client: RegistryClient,
  host: string,
  url: URL | string,
  { scopes, what, limits, signal }: Listing,
): Promise<{ response: HttpResponse; json: unknown }> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), limits.maxPageMs);
  const pageSignal = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
  try {
    const response = await client.send(host, { method: 'GET', path: url, scopes, signal: pageSignal, what });
    return { response, json: await readJson(host, response, what, limits) };
  } catch (error) {
    if (!deadline.signal.aborted || signal?.aborted) throw error;
    const seconds = count(Math.round(limits.maxPageMs / 1000));
    throw new NetworkError(
      host,
      `${host}: one page of ${what} took more than ${seconds} s to arrive; stopped listing`,
      'The registry sends the page too slowly to be useful (or never finishes it). Try again later, or open a repository or tag by name.',
      error,
    );
  } finally {
    clearTimeout(timer);
  }
}

async function* pages(
  client: RegistryClient,
  host: string,
  listing: Listing,
): AsyncGenerator<{ items: string[]; response: HttpResponse }> {
  const { what, extract, limits } = listing;
  // Hashes, not the URLs: a hostile Link can be kilobytes long, and this set lives as long as the listing.
  const seen = new Set<string>();
  let url: URL | string | undefined = listing.first;
  let pageCount = 0;
  let entries = 0;
  let emptyInARow = 0;
  let staleInARow = 0;
  const listed = new Set<string>();
  let leftOut = 0;
  while (url) {
    const key = createHash('sha256').update(url.toString()).digest('base64');
    if (seen.has(key)) return; // a Link pointing back at a page already read would loop forever
    seen.add(key);
    if (++pageCount > limits.maxPages)
      throw new ListingLimitError(host, what, `${count(limits.maxPages)} pages in one listing`);
    const { response, json } = await readPage(client, host, url, listing);
    const session = await client.session(host);
    const requestUrl = url instanceof URL ? url : new URL(url, session.origin);
    const names = extract(json);
    entries += names.length;
    const items = names.filter((name) => {
      if (listing.isValid(name) && !listed.has(name)) {
        listed.add(name);
        return true;
      }
      leftOut++;
      return false;
    });
    if (entries > limits.maxEntries)
      throw new ListingLimitError(host, what, `${count(limits.maxEntries)} names in one listing`);
    url = nextLink(headerValue(response.headers, 'link'), requestUrl, host);
    emptyInARow = names.length === 0 && url ? emptyInARow + 1 : 0;
    if (!url && leftOut > 0)
      client.warn(
        host,
        `${host}: ${count(leftOut)} ${leftOut === 1 ? 'name' : 'names'} in ${what} repeated or not valid, left out`,
      );
    if (emptyInARow > limits.maxEmptyPagesInARow)
      throw new ListingLimitError(host, what, `${count(limits.maxEmptyPagesInARow)} empty pages in a row`);
    // The same names under ever-new links (a cursor that never moves) are stopped like empty pages.
    staleInARow = names.length > 0 && items.length === 0 && url ? staleInARow + 1 : 0;
    if (staleInARow > limits.maxEmptyPagesInARow)
      throw new ListingLimitError(
        host,
        what,
        `${count(limits.maxEmptyPagesInARow)} pages in a row with nothing new`,
      );
    yield { items, response };
  }
}

function stringList(value: unknown): string[] {
  // Distribution 3.1 sent `"tags": null` after the last page: treat it as empty.
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * Repository names, page by page. Registries that do not list repositories (Docker Hub, GHCR,
 * Harbor for non-admins) answer 401/403/404/405: that becomes an UnsupportedError saying to open a
 * repository by name, not a failure of the connection.
 */
export async function* listRepositories(
  client: RegistryClient,
  host: string,
  options: ListOptions = {},
): AsyncGenerator<string[]> {
  let pageSize = options.pageSize ?? CATALOG_PAGE;
  for (let tries = 0; ; tries++) {
    try {
      for await (const page of pages(client, host, {
        first: `/v2/_catalog?n=${pageSize}`,
        scopes: [CATALOG_SCOPE],
        what: 'the repository catalog',
        extract: (json) => stringList((json as { repositories?: unknown }).repositories),
        isValid: isValidRepositoryPath,
        limits: { ...CATALOG_LIMITS, ...options.limits },
        signal: options.signal,
      })) {
        yield page.items.filter((name) => matchesFilter(name, options.filter));
      }
      return;
    } catch (error) {
      if (!(error instanceof BerthError)) throw error;
      if (
        error.status === 400 &&
        error.registryCodes?.includes('PAGINATION_NUMBER_INVALID') &&
        tries === 0 &&
        pageSize > FALLBACK_PAGE
      ) {
        pageSize = FALLBACK_PAGE;
        continue;
      }
      throw await catalogError(client, host, error);
    }
  }
}

async function catalogError(client: RegistryClient, host: string, error: BerthError): Promise<BerthError> {
  if (![401, 403, 404, 405].includes(error.status ?? 0)) return error;
  const session = await client.session(host);
  if (error instanceof AuthError && error.problem !== 'credentials-required') {
    if (error.problem !== 'credentials-rejected' || session.auth.scheme !== 'basic') return error;
    // Harbor answers a non-admin's catalog with 401 too; only a refused /v2/ means a bad password.
    try {
      const response = await client.send(host, {
        method: 'GET',
        path: '/v2/',
        scopes: [],
        what: 'the API root /v2/',
      });
      await response.body.dump();
    } catch {
      return error;
    }
  }
  const who = session.auth.hasCredential ? '' : ' to anonymous users';
  return new UnsupportedError(
    host,
    `${host} does not list its repositories${who} — open one by name`,
    session.auth.hasCredential
      ? 'Open a repository by name (for Docker Hub, a namespace can be listed through Hub).'
      : 'Log in, or open a repository by name (for Docker Hub, a namespace can be listed through Hub).',
    { status: error.status, registryCodes: error.registryCodes },
  );
}

/** Tags of a repository, page by page, following `Link` (2.8 sends all at once; 3.x pages). */
export async function* listTags(
  client: RegistryClient,
  { registry: host, repository }: RepositoryLocation,
  options: ListOptions = {},
): AsyncGenerator<string[]> {
  let pageSize = options.pageSize ?? CATALOG_PAGE;
  for (let tries = 0; ; tries++) {
    let yielded = false;
    try {
      for await (const page of pages(client, host, {
        first: `/v2/${repository}/tags/list?n=${pageSize}`,
        scopes: [repositoryScope(repository, 'pull')],
        what: `tags of ${repository}`,
        extract: (json) => stringList((json as { tags?: unknown }).tags),
        isValid: isValidTag,
        limits: { ...TAG_LIMITS, ...options.limits },
        signal: options.signal,
      })) {
        yielded = true;
        yield page.items.filter((name) => matchesFilter(name, options.filter));
      }
      return;
    } catch (error) {
      // Distribution 3.1.0 refuses n above tags.maxtags with 400: ask again with a small page.
      if (
        !yielded &&
        tries === 0 &&
        pageSize > FALLBACK_PAGE &&
        error instanceof BerthError &&
        error.status === 400 &&
        error.registryCodes?.includes('PAGINATION_NUMBER_INVALID')
      ) {
        pageSize = FALLBACK_PAGE;
        continue;
      }
      throw error;
    }
  }
}

export async function collect<T>(iterable: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  // Not push(...page): Distribution 2.8 sends a whole tag list as one page, and spreading a few
  // hundred thousand arguments overflows the stack.
  for await (const page of iterable) for (const item of page) all.push(item);
  return all;
}
