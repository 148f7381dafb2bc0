import { CATALOG_SCOPE, repositoryScope } from './challenge.js';
import type { RegistryClient } from './client.js';
import { AuthError, BerthError, ProtocolError, UnsupportedError } from './errors.js';
import { headerValue, readBody, type HttpResponse } from './http.js';
import { matchesFilter, nextLink } from './pagination.js';

const LIST_BODY_LIMIT = 64 * 1024 * 1024;
/** Distribution's catalog refuses `n` above `catalog.maxentries` (default 1000) with 400. */
const CATALOG_PAGE = 1000;
const FALLBACK_PAGE = 100;

export interface ListOptions {
  filter?: string;
  signal?: AbortSignal;
  /** Page size asked for; registries may answer with more (2.8 tags: all at once) or fewer. */
  pageSize?: number;
}

export interface PingResult {
  registry: string;
  url: string;
  /** `registry/2.0` when the server sends Docker-Distribution-API-Version; optional (OCI). */
  apiVersion?: string;
  authScheme: 'none' | 'basic' | 'bearer' | 'unknown';
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
  await session.auth.verifyCredential(signal);
  if (result.authScheme === 'none') {
    client.warn(host, `${host} asks for no authentication; the credentials were not checked by the registry`);
  }
  return result;
}

async function readJson<T>(host: string, response: HttpResponse, what: string): Promise<T> {
  const body = await readBody(
    response.body,
    LIST_BODY_LIMIT,
    () => new ProtocolError(host, `${what}: answer over 64 MiB`),
  );
  try {
    return JSON.parse(body.toString('utf8')) as T;
  } catch {
    throw new ProtocolError(host, `${what}: the registry did not answer JSON`, { status: response.status });
  }
}

async function* pages(
  client: RegistryClient,
  host: string,
  first: URL | string,
  scopes: string[],
  what: string,
  extract: (json: unknown) => string[],
  signal?: AbortSignal,
): AsyncGenerator<{ items: string[]; response: HttpResponse }> {
  const seen = new Set<string>();
  let url: URL | string | undefined = first;
  while (url) {
    const key = url.toString();
    if (seen.has(key)) return; // a Link pointing back at a page already read would loop forever
    seen.add(key);
    const response = await client.send(host, { method: 'GET', path: url, scopes, signal, what });
    const session = await client.session(host);
    const requestUrl = url instanceof URL ? url : new URL(url, session.origin);
    const items = extract(await readJson(host, response, what));
    yield { items, response };
    url = nextLink(headerValue(response.headers, 'link'), requestUrl, host);
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
      for await (const page of pages(
        client,
        host,
        `/v2/_catalog?n=${pageSize}`,
        [CATALOG_SCOPE],
        'the repository catalog',
        (json) => stringList((json as { repositories?: unknown }).repositories),
        options.signal,
      )) {
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
  host: string,
  repository: string,
  options: ListOptions = {},
): AsyncGenerator<string[]> {
  let pageSize = options.pageSize ?? CATALOG_PAGE;
  for (let tries = 0; ; tries++) {
    let yielded = false;
    try {
      for await (const page of pages(
        client,
        host,
        `/v2/${repository}/tags/list?n=${pageSize}`,
        [repositoryScope(repository, 'pull')],
        `tags of ${repository}`,
        (json) => stringList((json as { tags?: unknown }).tags),
        options.signal,
      )) {
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
  for await (const page of iterable) all.push(...page);
  return all;
}
