import type { ServerPaths, ServerSpec } from './spec.js';

export interface ServerStatus {
  state: 'running' | 'stopped';
  /** Process id (process runtime) while running. */
  pid?: number;
}

/** How a registry is run: a child process here; a container through the engine later. */
export interface ServerRuntime {
  readonly kind: ServerSpec['runtime'];
  start(spec: ServerSpec, paths: ServerPaths): Promise<ServerStatus>;
  /** Returns false when it was not running. */
  stop(spec: ServerSpec, paths: ServerPaths): Promise<boolean>;
  status(spec: ServerSpec, paths: ServerPaths): Promise<ServerStatus>;
  /** The last `lines` lines of the registry's log. */
  logs(spec: ServerSpec, paths: ServerPaths, lines?: number): Promise<string>;
  /** Runs `registry garbage-collect` with these arguments; the registry must not be accepting writes. */
  garbageCollect(spec: ServerSpec, paths: ServerPaths, args: string[]): Promise<string>;
}
