import { z } from 'zod';
import type { EngineAddress, EngineCandidate, EngineStatus, LocalImage, RemoveResult } from '../docker.js';
import { request } from './define.js';

/** A Docker host URL (`unix:///var/run/docker.sock`, `tcp://host:2376`, `npipe:////./pipe/NAME`). */
const EngineHost = z.string().trim().min(1, 'an engine address is missing').max(1024);

/** A local image name (`127.0.0.1:5000/team/app:1`) as the engine lists it; checked again by the core. */
const LocalName = z.string().trim().min(1, 'an image name is missing').max(512);

/** The engines Berth can talk to here and the one it talks to now. */
export interface EngineList {
  /** Absent when the configured address cannot be used at all (an `ssh://` DOCKER_HOST, a missing context). */
  current?: EngineAddress;
  /** Discovered like the Docker CLI (DOCKER_HOST, contexts, the default socket, Podman); `current` included. */
  candidates: EngineCandidate[];
}

/** The engine switched to, and whether the choice outlives this run. */
export interface EngineSwitch extends EngineStatus {
  /** False when the settings file could not be written (a damaged or read-only file): see `why`. */
  remembered: boolean;
  /** Why the choice is not remembered, and what to do. */
  why?: string;
}

export const engineRequests = {
  /** Whether the local Docker-compatible engine answers, and its version. */
  'engine.status': request<EngineStatus>()(z.strictObject({})),
  'engine.list': request<EngineList>()(z.strictObject({})),
  /** Talk to this engine from now on, and at the next start too; answers how it is doing. */
  'engine.use': request<EngineSwitch>()(z.strictObject({ host: EngineHost })),
  /** The engine's images, newest first. */
  'engine.images': request<LocalImage[]>()(z.strictObject({})),
  /** Gives a local image (name or ID) another name, like `docker tag`. */
  'engine.tag': request<{ source: string; target: string }>()(
    z.strictObject({ source: LocalName, target: LocalName }),
  ),
  /**
   * Removes one `repository:tag` name, never forced. When it was the image's last name the engine
   * deletes the image too, unless a container uses it (then it refuses).
   */
  'engine.untag': request<RemoveResult>()(z.strictObject({ name: LocalName })),
};
