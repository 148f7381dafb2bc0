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
} from '../registry/index.js';
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
      const { host } = savedConnection(services, input.connection);
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
        return { state: 'page', ...page };
      } catch (error) {
        if (!(error instanceof UnsupportedError)) throw error;
        return error.appHint
          ? { state: 'open-by-name', message: error.message, hint: error.appHint }
          : { state: 'open-by-name', message: error.message };
      }
    },

    'registry.listTags': async (input, { services, signal }) => {
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
