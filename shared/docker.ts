/**
 * Plain-data shapes of the local container engine (Docker or Podman's Docker-compatible API) as the
 * renderer, the host and the CLI see them. Behaviour lives in electron/core/docker.
 */

import type { DestinationLocation, ImageLocation } from './location.js';

export type EngineKind = 'docker' | 'podman';

/** Where an engine address came from, in the order the Docker CLI looks (plus Berth's own choices). */
export type EngineSource =
  /** `--engine` or a choice saved in Berth. */
  | 'chosen'
  | 'DOCKER_HOST'
  /** `DOCKER_CONTEXT` or `currentContext` in the Docker CLI's config.json. */
  | 'context'
  /** `unix:///var/run/docker.sock` or `npipe:////./pipe/docker_engine`. */
  | 'default'
  | 'docker-desktop'
  | 'podman-rootful'
  | 'podman-rootless';

export interface EngineAddress {
  /** As a Docker host URL: `unix:///var/run/docker.sock`, `npipe:////./pipe/docker_engine`, `tcp://host:2376`. */
  host: string;
  source: EngineSource;
  /** Why this address: "DOCKER_HOST is set", "current context \"colima\" in ~/.docker/config.json", … */
  reason: string;
  /** Context name when the address came from a Docker context. */
  context?: string;
  /** Talks TLS (tcp with DOCKER_TLS_VERIFY / a context's TLS material). */
  tls: boolean;
}

/** A place an engine may listen; `exists` says whether its socket file is there (always true for tcp/npipe). */
export interface EngineCandidate extends EngineAddress {
  exists: boolean;
}

export type EngineState =
  | 'running'
  /** Nothing listens there: the socket file is missing or refuses connections. */
  | 'not-running'
  /** The socket is there but this user may not open it. */
  | 'permission-denied'
  /** A remote engine did not answer (DNS, timeout, TLS, a non-engine server). */
  | 'unreachable'
  /** It answered but cannot be used (API too old, an ssh:// address). */
  | 'unsupported';

export interface EngineVersion {
  kind: EngineKind;
  /** The API version Berth speaks to it: min(Berth's maximum, the engine's). */
  apiVersion: string;
  /** The engine's maximum (Docker-compatible) API version from `/_ping`. */
  serverApiVersion: string;
  /** `20.10.24`, `29.1.0`, or Podman's `4.3.1`. */
  version?: string;
  os?: string;
  arch?: string;
}

/** What the Local images view shows at the top: which engine, why, and whether it works. */
export interface EngineStatus {
  address: EngineAddress;
  state: EngineState;
  /** Set when running. */
  engine?: EngineVersion;
  /** Set unless running: what is wrong, and what to do about it. */
  message?: string;
  hint?: string;
  /** The same next step in the app's words, where they differ (no `--engine`): the app shows this one. */
  appHint?: string;
}

/** One row of `berth images` / the Local images view. */
export interface LocalImage {
  /** `sha256:…` */
  id: string;
  /** `127.0.0.1:5000/team/app:1`; empty for a dangling image. */
  repoTags: string[];
  /** `127.0.0.1:5000/team/app@sha256:…` — the manifest digests the image was pulled or pushed as. */
  repoDigests: string[];
  /** Bytes on disk as the engine reports them. */
  size: number;
  /** Seconds since the epoch. */
  created: number;
  labels: Record<string, string>;
  /** Containers using it; -1 when the engine did not count. */
  containers: number;
}

export interface PullInput {
  image: ImageLocation;
  /** `os/arch[/variant]`. */
  platform?: string;
  /**
   * The registry speaks plain HTTP. Docker decides that itself (daemon.json `insecure-registries`,
   * 127.0.0.0/8); Podman has to be told per request.
   */
  insecure?: boolean;
}

export interface PullResult {
  reference: string;
  engine: EngineKind;
  /** Manifest digest the engine reported (`Digest: sha256:…`); Podman's compat stream has none. */
  digest?: string;
  /** Local image ID, when the engine reported it. */
  imageId?: string;
  /** The engine already had this exact image. */
  upToDate: boolean;
  platform?: string;
  /** Per-layer byte progress was reported (false: the engine only reported states, like Podman). */
  layerBytes: boolean;
}

export interface PushInput {
  /** A local image: `repo:tag`, `repo` (= `:latest`), or an image ID with `to`. */
  source: string;
  /** Push under this name instead (tagged for the push, untagged again if Berth made the tag). */
  to?: DestinationLocation;
  /** Leave the name made for the push on the local image afterwards. */
  keepName?: boolean;
  /** Every local tag of the source repository, one after another. */
  allTags?: boolean;
  insecure?: boolean;
}

export interface PushedTag {
  reference: string;
  tag: string;
  digest: string;
  /** Manifest size in bytes. */
  size: number;
}

export interface PushResult {
  repository: string;
  engine: EngineKind;
  pushed: PushedTag[];
  /** Per-layer progress was reported (false on Podman: one item per image instead). */
  layerBytes: boolean;
}

/** `docker rmi` of one name: what was untagged and which image layers went with it. */
export interface RemoveResult {
  untagged: string[];
  deleted: string[];
}
