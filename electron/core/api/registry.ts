import {
  canDelete,
  deleteImage,
  deleteTag,
  inspectImage,
  listReferrers,
  listRepositories,
  listTags,
  ping,
  retag,
  tagsPointingTo,
  UnsupportedError,
} from '../registry/index.js';
import { savedConnection } from './connections.js';
import type { PageCursors } from './cursors.js';
import type { Handlers } from './types.js';

type RegistryHandlers = Pick<Handlers, Extract<keyof Handlers, `registry.${string}`>>;

function parsePlatform(text: string | undefined) {
  if (!text) return undefined;
  const [os, architecture, variant] = text.split('/') as [string, string, string | undefined];
  return variant ? { os, architecture, variant } : { os, architecture };
}

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
        return error.hint
          ? { state: 'open-by-name', message: error.message, hint: error.hint }
          : { state: 'open-by-name', message: error.message };
      }
    },

    'registry.listTags': async (input, { services, signal }) => {
      const { host } = savedConnection(services, input.connection);
      const owner = `tags ${input.connection} ${input.repository} ${input.filter ?? ''}`;
      const page = await cursors.next(
        owner,
        input.cursor,
        () =>
          listTags(services.client, host, input.repository, {
            filter: input.filter,
            pageSize: input.pageSize,
            signal,
          }),
        input.pageSize,
      );
      return { state: 'page', ...page };
    },

    'registry.inspect': async (input, { services, signal }) => {
      const { host } = savedConnection(services, input.connection);
      const isDigest = input.reference.includes(':');
      return inspectImage(
        services.client,
        {
          registry: host,
          repository: input.repository,
          reference: input.reference,
          tag: isDigest ? undefined : input.reference,
        },
        { platform: parsePlatform(input.platform), signal },
      );
    },

    'registry.referrers': async (input, { services, signal }) => {
      const { host } = savedConnection(services, input.connection);
      return listReferrers(services.client, host, input.repository, input.digest, {
        artifactType: input.artifactType,
        signal,
      });
    },

    'registry.retag': async (input, { services, signal }) => {
      const { host } = savedConnection(services, input.connection);
      return retag(
        services.client,
        { registry: host, repository: input.repository, reference: input.reference },
        { registry: host, repository: input.targetRepository ?? input.repository, tag: input.targetTag },
        signal,
      );
    },

    'registry.deleteTag': async (input, { services, signal }) => {
      const { host } = savedConnection(services, input.connection);
      return deleteTag(services.client, host, input.repository, input.tag, signal);
    },

    'registry.deleteImagePreview': async (input, { services, signal }) => {
      const { host } = savedConnection(services, input.connection);
      const [tags, deletable] = await Promise.all([
        tagsPointingTo(services.client, host, input.repository, input.digest, signal),
        canDelete(services.client, host, input.repository, signal),
      ]);
      return { digest: input.digest, tags, canDelete: deletable };
    },

    'registry.deleteImage': async (input, { services, signal }) => {
      const { host } = savedConnection(services, input.connection);
      return deleteImage(services.client, host, input.repository, input.digest, signal);
    },
  };
}
