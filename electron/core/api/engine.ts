import { existsSync } from 'node:fs';
import {
  engineReference,
  listEngineCandidates,
  listLocalImages,
  probeEngine,
  removeLocalImage,
  tagLocalImage,
} from '../docker/index.js';
import { BerthError } from '../errors.js';
import type { Handlers } from './types.js';

type EngineHandlers = Pick<
  Handlers,
  'engine.status' | 'engine.list' | 'engine.use' | 'engine.images' | 'engine.tag' | 'engine.untag'
>;

export const engineHandlers: EngineHandlers = {
  'engine.status': async (_input, { services, signal }) => probeEngine(services.engine(), signal),

  'engine.list': async (_input, { services }) => {
    const candidates = listEngineCandidates();
    let endpoint;
    try {
      endpoint = services.engine().endpoint;
    } catch (error) {
      // The configured address cannot be used at all (engine.status says why); the others still can.
      if (error instanceof BerthError) return { candidates };
      throw error;
    }
    const { transport, ...current } = endpoint;
    // An address typed in (or given with --engine) is not discovered; it is still one to go back to.
    if (!candidates.some((candidate) => candidate.host === current.host))
      candidates.unshift({
        ...current,
        exists: transport.kind !== 'unix' || existsSync(transport.socketPath),
      });
    return { current, candidates };
  },

  'engine.use': async ({ host }, { services, signal }) => {
    // Pulls and pushes hand the engine registry credentials (X-Registry-Auth): the UI may switch to a
    // socket on this machine or an engine Berth found or was started with, never to a network address
    // it names itself.
    const isLocalSocket = /^(unix|npipe):\/\//.test(host);
    const known = listEngineCandidates().map((candidate) => candidate.host);
    try {
      known.push(services.engine().endpoint.host);
    } catch {
      // The configured address is unusable; the discovered ones remain.
    }
    if (!isLocalSocket && !known.includes(host))
      throw new BerthError(
        'INVALID_INPUT',
        `${host} is not a socket on this machine or an engine Berth found`,
        {
          hint: 'Pick one of the listed engines; another address can be given with DOCKER_HOST or a Docker context.',
        },
      );
    const engine = services.useEngine(host);
    // Remembered for the next start; read-only settings (a damaged file) still switch for this run,
    // and the answer says the choice will not outlive it.
    let why: string | undefined;
    try {
      services.settings.setEngine(engine.endpoint.host);
    } catch (error) {
      const hint = error instanceof BerthError ? error.appHint : undefined;
      why = `${(error as Error).message}${hint ? `. ${hint}` : ''}`;
      services.warn(`the engine choice is not remembered: ${why}`);
    }
    const status = await probeEngine(engine, signal);
    return why === undefined ? { ...status, remembered: true } : { ...status, remembered: false, why };
  },

  'engine.images': async (_input, { services, signal }) => listLocalImages(services.engine(), signal),

  'engine.tag': async ({ source, target }, { services, signal }) => {
    await tagLocalImage(services.engine(), source, target, signal);
    return { source, target: engineReference(target).canonical };
  },

  'engine.untag': async ({ name }, { services, signal }) => {
    // A bare name means `:latest` to the engine, and an image ID removes the image: only a written tag.
    const ref = /^sha256:/i.test(name) ? undefined : engineReference(name);
    if (!ref?.tag || ref.digest)
      throw new BerthError('INVALID_INPUT', `"${name}" is not a tag: give repository:tag`, {
        hint: 'Untagging removes one repository:tag name of a local image.',
      });
    // Sent in full (`docker.io/library/…`): the engine reads it as a name, never as an image ID.
    return removeLocalImage(services.engine(), ref.canonical, { signal });
  },
};
