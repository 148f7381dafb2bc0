import { rm } from 'node:fs/promises';
import path from 'node:path';
import { referenceText } from '../../../shared/location.js';
import { InvalidReferenceError, tryParseReference } from '../../../shared/reference.js';
import { checkOutput, type LoadInput } from '../archive/index.js';
import { previewCopy, previewSync, refuseCopyOntoItself, refuseSyncOntoItself } from '../copy/index.js';
import type { MirrorTestInput } from '../daemon-config/index.js';
import { engineReferenceAt } from '../docker/index.js';
import { BerthError } from '../errors.js';
import type { RetriedJob } from '../jobs/index.js';
import type { BerthServices } from '../services.js';
import { destinationIn, imageIn, repositoryIn, savedConnection } from '../connections/index.js';
import type { SavedConnection } from '../settings/index.js';
import { mirrorRules } from './daemon.js';
import type { Handlers } from './types.js';

type JobHandlers = Pick<
  Handlers,
  | 'jobs.list'
  | 'jobs.start'
  | 'jobs.cancel'
  | 'jobs.retry'
  | 'jobs.clear'
  | 'jobs.history'
  | 'copy.plan'
  | 'sync.plan'
  | 'archive.choose'
>;

/** The registries a job reads or writes, as its locations name them. */
function registriesOf(services: BerthServices, job: RetriedJob): string[] {
  switch (job.kind) {
    case 'copy':
    case 'sync':
      return [job.input.source.registry, job.input.destination.registry];
    case 'pull':
      return [job.input.image.registry];
    case 'push':
      return job.input.to ? [job.input.to.registry] : [];
    case 'mirror-test':
      return [];
    case 'prune':
      return [savedConnection(services, job.input.connection).host];
    case 'storage':
      return [job.input.registry];
    case 'save':
      return job.input.images.map((image) => image.registry);
    case 'load':
      return [job.input.destination.registry];
  }
}

/**
 * A retry runs only against registries a saved connection still names, as jobs.start does: a job whose
 * connection was since removed (its login, CA and client certificate gone with it) or moved to another
 * address is not sent to the old registry without one. A renamed connection keeps its registry.
 */
function refuseUnsavedRegistries(services: BerthServices, job: RetriedJob): void {
  if (job.kind === 'load' && job.input.isTemporary)
    throw new BerthError(
      'UNSUPPORTED',
      `${job.input.name ?? 'the archive'} was an upload, and uploads are loaded once`,
      {
        hint: 'Load it again with Load from file…',
      },
    );
  const gone = registriesOf(services, job).find((registry) => !services.settings.findByHost(registry));
  if (gone !== undefined)
    throw new BerthError('NOT_FOUND', `no saved connection is for ${gone} any more`, {
      hint: 'Its connection was removed or moved to another address since the job ran: start the job again from a saved connection.',
    });
}

/**
 * `insecure` tells Podman to skip TLS (`tlsVerify=false`): meant for a registry saved as plain HTTP. For
 * one saved as HTTPS it would send its login over a connection whose certificate nobody checks, so a
 * request may not ask for it there.
 */
function refuseInsecureOverTls(saved: SavedConnection | undefined, insecure: boolean | undefined): void {
  if (insecure && saved && !saved.insecureHttp)
    throw new BerthError(
      'INVALID_INPUT',
      `insecure would turn off TLS checks for "${saved.name}", which is saved as HTTPS`,
      { hint: 'Leave insecure off: it is for connections saved as plain HTTP (http://).' },
    );
}

/** The saved connection a push without `to` goes to: the one for the registry its local name names. */
function connectionOfLocalName(services: BerthServices, source: string): SavedConnection | undefined {
  const ref = tryParseReference(source);
  return ref instanceof InvalidReferenceError ? undefined : services.settings.findByHost(ref.registry);
}

export const jobHandlers: JobHandlers = {
  'jobs.list': async (_input, { services }) => services.jobs.list(),

  'jobs.start': async (input, { services }) => {
    const { jobs } = services;
    switch (input.kind) {
      case 'copy': {
        const { kind: _kind, ...options } = input;
        const source = imageIn(services, input.source, input.source.reference);
        const destination = destinationIn(services, input.destination);
        // Refused now, as a typed error, rather than as a job that fails a moment later.
        refuseCopyOntoItself(source, destination);
        const heading = { source: referenceText(source), destination: referenceText(destination) };
        const title = `copy ${heading.source} → ${heading.destination}`;
        return { id: jobs.start('copy', { ...options, source, destination }, title, { heading }) };
      }
      case 'sync': {
        const { kind: _kind, ...options } = input;
        const source = repositoryIn(services, input.source);
        const destination = repositoryIn(services, input.destination);
        refuseSyncOntoItself(source, destination);
        const heading = {
          source: referenceText(source),
          destination: referenceText(destination),
          ...(input.only ? { count: input.only.length } : {}),
        };
        const title = input.only
          ? `copy ${input.only.length === 1 ? '1 tag' : `${input.only.length} tags`} of ${heading.source} → ${heading.destination}`
          : `sync ${heading.source} → ${heading.destination}`;
        return { id: jobs.start('sync', { ...options, source, destination }, title, { heading }) };
      }
      case 'pull': {
        const { kind: _kind, ...options } = input;
        const image = imageIn(services, input.image, input.image.reference);
        // The engine takes the image as text: refused now if that text names another registry.
        engineReferenceAt(image);
        refuseInsecureOverTls(savedConnection(services, input.image.connection), input.insecure);
        const heading = { source: referenceText(image) };
        return { id: jobs.start('pull', { ...options, image }, `pull ${heading.source}`, { heading }) };
      }
      case 'push': {
        const { kind: _kind, ...options } = input;
        const to = input.to && destinationIn(services, input.to);
        if (to) engineReferenceAt(to);
        if (input.insecure)
          refuseInsecureOverTls(
            input.to
              ? savedConnection(services, input.to.connection)
              : connectionOfLocalName(services, input.source),
            input.insecure,
          );
        const heading = { source: to ? referenceText(to) : input.source };
        return { id: jobs.start('push', { ...options, to }, `push ${heading.source}`, { heading }) };
      }
      case 'save': {
        const { kind: _kind, ...options } = input;
        const images = input.images.map((image) => imageIn(services, image, image.reference));
        const output = path.resolve(input.output);
        await checkOutput(output, input.format === 'oci-dir' ? 'folder' : 'file', input.force === true);
        const what = images.length === 1 ? referenceText(images[0]!) : `${images.length} images`;
        const heading =
          images.length === 1
            ? { source: what, destination: output }
            : { source: what, destination: output, count: images.length };
        const title = `save ${what} → ${output}`;
        return { id: jobs.start('save', { ...options, images, output }, title, { heading }) };
      }
      case 'load': {
        const file = services.chosenFiles.take(input.file);
        try {
          const destination = destinationIn(services, input.destination);
          const job: LoadInput = {
            path: file.path,
            name: file.name,
            destination,
            isTemporary: file.isTemporary,
          };
          const heading = { source: file.name, destination: referenceText(destination) };
          return {
            id: jobs.start('load', job, `load ${heading.source} → ${heading.destination}`, {
              isOneShot: file.isTemporary,
              heading,
            }),
          };
        } catch (error) {
          if (file.isTemporary) await rm(file.path, { force: true });
          throw error;
        }
      }
      case 'mirror-test': {
        const { mirrors } = input;
        const title = `mirror test ${mirrors.length === 1 ? mirrors[0] : `of ${mirrors.length} mirrors`}`;
        const heading =
          mirrors.length === 1 ? { source: mirrors[0]! } : { source: '', count: mirrors.length };
        const job: MirrorTestInput = { mirrors, rules: await mirrorRules(services) };
        return { id: jobs.start('mirror-test', job, title, { heading }) };
      }
      case 'prune': {
        const { kind: _kind, ...job } = input;
        const { host } = savedConnection(services, input.connection);
        const count = `${job.deletions.length} ${job.deletions.length === 1 ? 'tag' : 'tags'}`;
        const title = `clean up ${count} in ${host}${job.rule ? ` (${job.rule})` : ''}`;
        const heading = {
          source: host,
          count: job.deletions.length,
          ...(job.rule ? { rule: job.rule } : {}),
        };
        return { id: jobs.start('prune', job, title, { heading }) };
      }
      case 'storage': {
        // One repository is named as references name it (Docker Hub's `library/…`); a whole registry by its host.
        const scanned = input.repository
          ? repositoryIn(services, { connection: input.connection, repository: input.repository })
          : undefined;
        const registry = scanned?.registry ?? savedConnection(services, input.connection).host;
        const heading = { source: scanned ? referenceText(scanned) : registry };
        const job = { registry, ...(scanned ? { repository: scanned.repository } : {}) };
        return { id: jobs.start('storage', job, `storage of ${heading.source}`, { heading }) };
      }
    }
  },

  'jobs.cancel': async (input, { services }) => ({ cancelled: services.jobs.cancel(input.id) }),

  'jobs.retry': async (input, { services }) => ({
    id: services.jobs.retry(input.id, (job) => refuseUnsavedRegistries(services, job)),
  }),

  'jobs.clear': async (_input, { services }) => ({ cleared: services.jobs.clearFinished() }),

  'jobs.history': async (_input, { services }) => {
    const problem = services.jobs.historyProblem;
    return problem ? { problem } : {};
  },

  'copy.plan': async (input, { services, signal }) =>
    previewCopy(
      services.client,
      {
        ...input,
        source: imageIn(services, input.source, input.source.reference),
        destination: destinationIn(services, input.destination),
      },
      signal,
    ),

  'archive.choose': async (_input, { services }) => {
    if (!services.chooseArchive)
      throw new BerthError('UNSUPPORTED', 'this window cannot open a file dialog', {
        hint: 'Choose the archive with the file field instead: it is uploaded to Berth.',
      });
    const chosen = await services.chooseArchive();
    if (chosen === undefined) return {};
    const name = path.basename(chosen);
    return { file: services.chosenFiles.add({ path: chosen, name, isTemporary: false }), name };
  },

  'sync.plan': async (input, { services, signal }) =>
    previewSync(
      services.client,
      {
        ...input,
        source: repositoryIn(services, input.source),
        destination: repositoryIn(services, input.destination),
      },
      signal,
    ),
};
