import {
  canDelete,
  deleteImage,
  deleteManifest,
  groupByDigest,
  inspectAt,
  listHubRepositories,
  listReferrers,
  ping,
  retag,
  summarizeTags,
  tagDigests,
  tagsPointingTo,
  UnsupportedError,
} from '../registry/index.js';
import { repositoryListing, tagListing, type VendorRepository, type VendorTag } from '../vendors/index.js';
import type { RepositoryFactsView, TagFactsView } from '../../../shared/vendor.js';
import { isDockerHubHost } from '../../../shared/reference.js';
import { BerthError } from '../errors.js';
import { deleteTagOf, imageIn, repositoryIn, savedConnection } from '../connections/index.js';
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
      const owner = `repositories ${input.connection} ${input.filter ?? ''}`;
      try {
        const page = await cursors.next<VendorRepository>(
          owner,
          input.cursor,
          () =>
            repositoryListing(services, saved.host, {
              filter: input.filter,
              pageSize: input.pageSize,
              signal,
            }),
          input.pageSize,
        );
        const answer = namesAndFacts(page);
        // The explorer's pages feed the search index: what was listed can be found from then on.
        if (!input.filter) services.search.remember(saved, answer.items);
        return { state: 'page', ...answer };
      } catch (error) {
        if (!(error instanceof UnsupportedError)) throw error;
        return error.appHint
          ? { state: 'open-by-name', message: error.message, hint: error.appHint }
          : { state: 'open-by-name', message: error.message };
      }
    },

    'registry.listTags': async (input, { services, signal }) => {
      const owner = `tags ${input.connection} ${input.repository} ${input.filter ?? ''}`;
      const page = await cursors.next<VendorTag>(
        owner,
        input.cursor,
        () =>
          tagListing(services, repositoryIn(services, input), {
            filter: input.filter,
            pageSize: input.pageSize,
            signal,
          }),
        input.pageSize,
      );
      return { state: 'page', ...tagsAndFacts(page) };
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
      return deleteTagOf(services, imageIn(services, input, input.tag), signal);
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

function cursorOf(page: { cursor?: string }): { cursor?: string } {
  return page.cursor ? { cursor: page.cursor } : {};
}

/** Whose API listed a page's items, when it was not the v2 API. */
function vendorOf(items: readonly { vendor?: string }[]): { vendor?: string } {
  const vendor = items.find((item) => item.vendor)?.vendor;
  return vendor ? { vendor } : {};
}

/** Why the vendor's API did not list a page the registry API listed instead (shown, not only logged). */
function warningOf(items: readonly { fallback?: string }[]): { warning?: string } {
  const warning = items.find((item) => item.fallback)?.fallback;
  return warning ? { warning } : {};
}

/** Names, and the facts of those the vendor said something of (a null-prototype record: a tag may be `__proto__`). */
function namesAndFacts(page: { items: VendorRepository[]; cursor?: string }): {
  items: string[];
  facts?: Record<string, RepositoryFactsView>;
  vendor?: string;
  warning?: string;
  cursor?: string;
} {
  const facts = Object.create(null) as Record<string, RepositoryFactsView>;
  for (const repository of page.items)
    if (Object.keys(repository.facts).length > 0) facts[repository.name] = repository.facts;
  return {
    items: page.items.map((repository) => repository.name),
    ...(Object.keys(facts).length > 0 ? { facts } : {}),
    ...vendorOf(page.items),
    ...warningOf(page.items),
    ...cursorOf(page),
  };
}

function tagsAndFacts(page: { items: VendorTag[]; cursor?: string }): {
  items: string[];
  facts?: Record<string, TagFactsView>;
  vendor?: string;
  warning?: string;
  cursor?: string;
} {
  const facts = Object.create(null) as Record<string, TagFactsView>;
  for (const tag of page.items) if (Object.keys(tag.facts).length > 0) facts[tag.tag] = tag.facts;
  return {
    items: page.items.map((tag) => tag.tag),
    ...(Object.keys(facts).length > 0 ? { facts } : {}),
    ...vendorOf(page.items),
    ...warningOf(page.items),
    ...cursorOf(page),
  };
}
