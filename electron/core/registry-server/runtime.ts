import type { ServerPaths, ServerSpec } from './spec.js';

export interface ServerStatus {
  state: 'running' | 'stopped';
  /** Process id while running (the container's main process for the container runtime). */
  pid?: number;
}

/** How a registry is run: a child process, or a container through the local engine. */
export interface ServerRuntime {
  readonly kind: ServerSpec['runtime'];
  /** Throws a clear error when this runtime cannot run anything here (no binary, no engine). */
  checkAvailable(): Promise<void>;
  start(spec: ServerSpec, paths: ServerPaths): Promise<ServerStatus>;
  /** Returns false when it was not running. */
  stop(spec: ServerSpec, paths: ServerPaths): Promise<boolean>;
  status(spec: ServerSpec, paths: ServerPaths): Promise<ServerStatus>;
  /** The last `lines` lines of the registry's log. */
  logs(spec: ServerSpec, paths: ServerPaths, lines?: number): Promise<string>;
  /**
   * Stops it and removes what the runtime made (the container); the server's files stay. Needs only
   * the name, so a server whose server.json cannot be read can still be removed.
   */
  remove(spec: Pick<ServerSpec, 'name'>, paths: ServerPaths): Promise<void>;
  /** Runs `registry garbage-collect` with these arguments; the registry must not be accepting writes. */
  garbageCollect(spec: ServerSpec, paths: ServerPaths, args: string[]): Promise<string>;
}
