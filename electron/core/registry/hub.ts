import type { HubRepositoryView } from '../../../shared/contract/index.js';
import type { RegistryClient } from './client.js';
import { ListingLimitError, ProtocolError } from './errors.js';

const HUB_MAX_PAGES = 1000;
import { readBody } from './http.js';

/** One repository as Docker Hub's API lists it (hub-docs `latest.yaml`, namespaces/{ns}/repositories). */
export type HubRepository = HubRepositoryView;

interface HubPage {
  next?: string | null;
  results?: {
    name?: unknown;
    namespace?: unknown;
    is_private?: unknown;
    pull_count?: unknown;
    star_count?: unknown;
    last_updated?: unknown;
    description?: unknown;
  }[];
}

export function parseHubPage(json: unknown): { repositories: HubRepository[]; next?: string } {
  const page = json as HubPage;
  const repositories = (page.results ?? [])
    .filter((r) => typeof r.name === 'string')
    .map((r) => {
      const repo: HubRepository = {
        name: r.name as string,
        namespace: typeof r.namespace === 'string' ? r.namespace : '',
        isPrivate: r.is_private === true,
      };
      if (typeof r.pull_count === 'number') repo.pullCount = r.pull_count;
      if (typeof r.star_count === 'number') repo.starCount = r.star_count;
      if (typeof r.last_updated === 'string') repo.lastUpdated = r.last_updated;
      if (typeof r.description === 'string' && r.description) repo.description = r.description;
      return repo;
    });
  return { repositories, next: typeof page.next === 'string' && page.next ? page.next : undefined };
}

/**
 * Docker Hub has no usable `_catalog`: a namespace's repositories come from Hub's own API, paged by
 * following the absolute `next` (only ever on hub.docker.com).
 */
export async function* listHubRepositories(
  client: RegistryClient,
  namespace: string,
  options: { signal?: AbortSignal; hubOrigin?: string } = {},
): AsyncGenerator<HubRepository[]> {
  const origin = options.hubOrigin ?? 'https://hub.docker.com';
  let url: URL | undefined = new URL(
    `/v2/namespaces/${encodeURIComponent(namespace)}/repositories?page_size=100&ordering=name`,
    origin,
  );
  for (let page = 0; url; page++) {
    // Hub hands out 100 a page: 1000 pages is 100,000 repositories, past any namespace there is.
    if (page >= HUB_MAX_PAGES)
      throw new ListingLimitError(
        'docker.io',
        `Docker Hub repositories of ${namespace}`,
        `${HUB_MAX_PAGES.toLocaleString('en-US')} pages`,
      );
    const response = await client.send(new URL(origin).host, {
      method: 'GET',
      path: url,
      scopes: [],
      signal: options.signal,
      what: `Docker Hub repositories of ${namespace}`,
    });
    const body = await readBody(
      response.body,
      16 * 1024 * 1024,
      () => new ProtocolError('docker.io', 'Hub answer too large'),
    );
    const parsed = parseHubPage(JSON.parse(body.toString('utf8')));
    yield parsed.repositories;
    const next: URL | undefined = parsed.next ? new URL(parsed.next, url) : undefined;
    url = next && next.origin === new URL(origin).origin ? next : undefined;
  }
}
