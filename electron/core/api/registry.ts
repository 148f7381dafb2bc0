import {
  canDelete,
  deleteImage,
  deleteManifest,
  deleteTag,
  groupByDigest,
  inspectAt,
  listHubRepositories,
  listReferrers,
  listRepositories,
  listTags,
  ping,
  retag,
  summarizeTags,
  tagDigests,
  tagsPointingTo,
  UnsupportedError,
  matchesFilter,
} from '../registry/index.js';
import type { VendorRepository, VendorTag } from '../vendors/index.js';
import type { RepositoryFactsView, TagFactsView } from '../../../shared/vendor.js';
import { isDockerHubHost } from '../../../shared/reference.js';
import { BerthError } from '../errors.js';
import { imageIn, repositoryIn, savedConnection } from '../connections/index.js';
import type { PageCursors } from './cursors.js';
import type { Handlers } from './types.js';

type RegistryHandlers = Pick<Handlers, Extract<keyof Handlers, `registry.${string}`>>;

export function registryHandlers(cursors: PageCursors): RegistryHandlers {
  return {
    'registry.ping': async (input, { services, signal }) => {
      const { host } = savedConnection(services, input.connection);
      const result = await ping(services.client, host, signal);
      return {
        registry: result.registry,
        url: result.url,
        apiVersion: result.apiVersion,
        authScheme: result.authScheme,
      };
    },

    'registry.listRepositories': async (input, { services, signal }) => {
      const saved = savedConnection(services, input.connection);
      const { host } = saved;
      const vendor = await services.vendors.forConnection(saved);
      if (vendor?.listRepositories) {
        const listing = vendor.listRepositories.bind(vendor);
        const page = await vendorPage(
          () =>
            cursors.next<VendorRepository>(
              `vendor repositories ${input.connection} ${input.filter ?? ''}`,
              input.cursor,
              () => filtered(listing({ signal }), (r) => matchesFilter(r.name, input.filter)),
              input.pageSize,
            ),
          !input.cursor,
          (message) => services.warn(message),
          vendor.vendor,
        );
        if (page) {
          const answer = namesAndFacts(page);
          if (!input.filter) services.search.remember(saved, answer.items);
          return { state: 'page', vendor: vendor.vendor, ...answer };
        }
      }
      const owner = `repositories ${input.connection} ${input.filter ?? ''}`;
      try {
        const page = await cursors.next(
          owner,
          input.cursor,
          () =>
            listRepositories(services.client, host, {
              filter: input.filter,
              pageSize: input.pageSize,
              signal,
            }),
          input.pageSize,
        );
        // The explorer's pages feed the search index: what was listed can be found from then on.
        if (!input.filter) services.search.remember(saved, page.items);
        return { state: 'page', ...page };
      } catch (error) {
        if (!(error instanceof UnsupportedError)) throw error;
        return error.appHint
          ? { state: 'open-by-name', message: error.message, hint: error.appHint }
          : { state: 'open-by-name', message: error.message };
      }
    },

    'registry.listTags': async (input, { services, signal }) => {
      const saved = savedConnection(services, input.connection);
      const vendor = await services.vendors.forConnection(saved);
      if (vendor?.listTags) {
        const listing = vendor.listTags.bind(vendor);
        const page = await vendorPage(
          () =>
            cursors.next<VendorTag>(
              `vendor tags ${input.connection} ${input.repository} ${input.filter ?? ''}`,
              input.cursor,
              () =>
                filtered(listing(input.repository, { signal }), (t) => matchesFilter(t.tag, input.filter)),
              input.pageSize,
            ),
          !input.cursor,
          (message) => services.warn(message),
          vendor.vendor,
        );
        if (page) {
          const { items, facts } = tagsAndFacts(page.items);
          return {
            state: 'page',
            vendor: vendor.vendor,
            items,
            ...(facts ? { facts } : {}),
            ...cursorOf(page),
          };
        }
      }
      const owner = `tags ${input.connection} ${input.repository} ${input.filter ?? ''}`;
      const page = await cursors.next(
        owner,
        input.cursor,
        () =>
          listTags(services.client, repositoryIn(services, input), {
            filter: input.filter,
            pageSize: input.pageSize,
            signal,
          }),
        input.pageSize,
      );
      return { state: 'page', ...page };
    },

    'registry.inspect': async (input, { services, signal }) => {
      const image = imageIn(services, input, input.reference);
      return inspectAt(services.client, image, {
        platform: input.platform,
        allPlatforms: input.allPlatforms,
        signal,
      });
    },

    'registry.imageFacts': async (input, { services, signal }) => {
      const saved = savedConnection(services, input.connection);
      const vendor = await services.vendors.forConnection(saved);
      if (!vendor?.imageFacts) return {};
      const facts = await vendor.imageFacts(input.repository, input.reference, { signal });
      return facts ? { facts } : {};
    },

    'registry.tagSummary': async (input, { services, signal }) => {
      return {
        summaries: await summarizeTags(services.client, repositoryIn(services, input), input.tags, signal),
      };
    },

    'registry.referrers': async (input, { services, signal }) => {
      return listReferrers(services.client, imageIn(services, input, input.digest), {
        artifactType: input.artifactType,
        signal,
      });
    },

    'registry.retag': async (input, { services, signal }) => {
      return retag(
        services.client,
        imageIn(services, input, input.reference),
        {
          ...repositoryIn(services, {
            connection: input.connection,
            repository: input.targetRepository ?? input.repository,
          }),
          tag: input.targetTag,
        },
        signal,
      );
    },

    'registry.deleteTag': async (input, { services, signal }) => {
      return deleteTag(services.client, imageIn(services, input, input.tag), signal);
    },

    'registry.deleteImagePreview': async (input, { services, signal }) => {
      const [tags, deletable] = await Promise.all([
        tagsPointingTo(services.client, repositoryIn(services, input), input.digest, signal),
        canDelete(services.client, repositoryIn(services, input), signal),
      ]);
      return { digest: input.digest, tags, canDelete: deletable };
    },

    'registry.deleteTagsPreview': async (input, { services, signal }) => {
      const [digests, deletable] = await Promise.all([
        tagDigests(services.client, repositoryIn(services, input), signal),
        canDelete(services.client, repositoryIn(services, input), signal),
      ]);
      return { ...groupByDigest(digests, input.tags), canDelete: deletable };
    },

    'registry.deleteRepositoryPreview': async (input, { services, signal }) => {
      const [digests, deletable] = await Promise.all([
        tagDigests(services.client, repositoryIn(services, input), signal),
        canDelete(services.client, repositoryIn(services, input), signal),
      ]);
      return { tags: digests.size, digests: [...new Set(digests.values())].sort(), canDelete: deletable };
    },

    'registry.deleteManifest': async (input, { services, signal }) => {
      return deleteManifest(services.client, imageIn(services, input, input.digest), signal);
    },

    'registry.hubRepositories': async (input, { services, signal }) => {
      const saved = savedConnection(services, input.connection);
      if (!isDockerHubHost(saved.host))
        throw new BerthError('INVALID_INPUT', `${input.connection} is not a Docker Hub connection`, {
          hint: 'Namespaces are listed for Docker Hub only; other registries list their repositories.',
        });
      const owner = `hub ${input.namespace}`;
      const page = await cursors.next(
        owner,
        input.cursor,
        () =>
          listHubRepositories(services.client, input.namespace, { hubOrigin: services.hubOrigin, signal }),
        100,
      );
      return { state: 'page', ...page };
    },

    'registry.deleteImage': async (input, { services, signal }) => {
      return deleteImage(services.client, imageIn(services, input, input.digest), signal);
    },
  };
}

/** Keeps the items `keep` accepts, page by page (an empty page still counts as a page). */
async function* filtered<T>(pages: AsyncIterable<T[]>, keep: (item: T) => boolean): AsyncGenerator<T[]> {
  for await (const page of pages) yield page.filter(keep);
}

/**
 * A vendor listing's page. When the first page is refused (the vendor's API does not let this login
 * list, or is not there at all), the v2 API is asked instead: a warning says so, and undefined is returned.
 */
async function vendorPage<T>(
  read: () => Promise<{ items: T[]; cursor?: string }>,
  isFirstPage: boolean,
  warn: (message: string) => void,
  vendor: string,
): Promise<{ items: T[]; cursor?: string } | undefined> {
  try {
    return await read();
  } catch (error) {
    if (!isFirstPage || !(error instanceof BerthError) || ![401, 403, 404].includes(error.status ?? 0))
      throw error;
    warn(
      `${vendor}'s own API refused the listing (${error.message}); listed through the registry API instead`,
    );
    return undefined;
  }
}

function cursorOf(page: { cursor?: string }): { cursor?: string } {
  return page.cursor ? { cursor: page.cursor } : {};
}

function namesAndFacts(page: { items: VendorRepository[]; cursor?: string }): {
  items: string[];
  facts?: Record<string, RepositoryFactsView>;
  cursor?: string;
} {
  const facts: Record<string, RepositoryFactsView> = Object.create(null) as Record<
    string,
    RepositoryFactsView
  >;
  for (const repository of page.items)
    if (Object.keys(repository.facts).length > 0) facts[repository.name] = repository.facts;
  return {
    items: page.items.map((repository) => repository.name),
    ...(Object.keys(facts).length > 0 ? { facts } : {}),
    ...cursorOf(page),
  };
}

function tagsAndFacts(tags: VendorTag[]): { items: string[]; facts?: Record<string, TagFactsView> } {
  const facts: Record<string, TagFactsView> = Object.create(null) as Record<string, TagFactsView>;
  for (const tag of tags) if (Object.keys(tag.facts).length > 0) facts[tag.tag] = tag.facts;
  return { items: tags.map((tag) => tag.tag), ...(Object.keys(facts).length > 0 ? { facts } : {}) };
}
