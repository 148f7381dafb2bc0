import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DockerEngine, EngineApiError, type EngineRequest } from '../docker/index.js';
import { BerthError } from '../errors.js';
import type { ServerRuntime, ServerStatus } from './runtime.js';
import { DEFAULT_IMAGE, isWildcardBind, localHost, type ServerPaths, type ServerSpec } from './spec.js';
import { canConnect, checkPortFree } from './tools.js';

const START_TIMEOUT_MS = 30_000;
/** Every container Berth makes for a registry carries this label, its value the server's name. */
export const SERVER_LABEL = 'io.berth.registry-server';

export interface ContainerRuntimeOptions {
  /** The local engine, resolved when a container server is first touched. */
  engine: () => DockerEngine;
}

interface ContainerInspect {
  Id: string;
  State: { Running: boolean; Pid: number; Status: string; ExitCode: number };
}

export function containerName(spec: Pick<ServerSpec, 'name'>): string {
  return `berth-registry-${spec.name}`;
}

/**
 * Docker's log stream without a TTY: frames of an 8-byte header (stream, 0, 0, 0, size as uint32 BE)
 * and the bytes (Engine API, "Attach to a container", stream format).
 */
export function demultiplex(bytes: Buffer): string {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= bytes.length) {
    const size = bytes.readUInt32BE(offset + 4);
    parts.push(bytes.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}

/**
 * Where the engine publishes the registry's port. An empty HostIp is the Engine API's "every
 * interface", IPv4 and IPv6 alike; `::` given as such would publish on IPv6 only, and `0.0.0.0` on IPv4
 * only, where the docker-registry process listening on either accepts both.
 */
export function publishedPort(
  spec: Pick<ServerSpec, 'bind' | 'port'>,
): Record<string, Array<{ HostIp: string; HostPort: string }>> {
  const hostIp = isWildcardBind(spec.bind) ? '' : spec.bind;
  return { [`${spec.port}/tcp`]: [{ HostIp: hostIp, HostPort: String(spec.port) }] };
}

/**
 * `POST /containers/{id}/wait` answers `{"StatusCode": N, "Error": {"Message": …}}`; anything else
 * (a proxy's HTML page, a cut-off body) is refused with what came instead.
 */
export function readWaitAnswer(text: string, container: string, engineHost: string): number {
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    answer = undefined;
  }
  const statusCode = (answer as { StatusCode?: unknown } | undefined)?.StatusCode;
  if (typeof statusCode !== 'number')
    throw new BerthError(
      'PROTOCOL',
      `the engine at ${engineHost} did not say how ${container} ended; it answered: ${text.trim().slice(0, 200) || 'nothing'}`,
      {
        hint: 'Check that DOCKER_HOST points at a Docker Engine (not a proxy), then run it again; the container was removed',
      },
    );
  return statusCode;
}

/**
 * Runs the registry as a container of the `registry` image (default `registry:2`) through the local
 * engine: named `berth-registry-NAME`, labelled as Berth's, restart policy "always". The server's
 * folder is bound in read-only and the storage read-write, each at the same path as on the host, so
 * the one config.yml serves both runtimes. `serve CONFIG` and `garbage-collect … CONFIG` are given as
 * the command: the official image's entrypoint turns them into `registry serve|garbage-collect`.
 */
export class ContainerRuntime implements ServerRuntime {
  readonly kind = 'container' as const;

  constructor(private readonly options: ContainerRuntimeOptions) {}

  private get engine(): DockerEngine {
    return this.options.engine();
  }

  async checkAvailable(): Promise<void> {
    const engine = this.engine;
    try {
      await engine.version();
    } catch (error) {
      throw new BerthError('UNSUPPORTED', `no container engine answers at ${engine.host}`, {
        hint: `${(error as Error).message}. Start Docker (or point DOCKER_HOST at it), or use --runtime process`,
        appHint: 'Start Docker or Podman, or run the registry as a process on this machine instead',
        cause: error,
      });
    }
  }

  private async call(request: EngineRequest, what: string, okStatuses: number[] = []): Promise<number> {
    try {
      const response = await this.engine.send(request, what);
      await response.body.dump();
      return response.statusCode;
    } catch (error) {
      if (error instanceof EngineApiError && error.status !== undefined && okStatuses.includes(error.status))
        return error.status;
      throw error;
    }
  }

  private postJson(path: string, query: EngineRequest['query'], body: unknown): EngineRequest {
    return {
      method: 'POST',
      path,
      query,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify(body)),
    };
  }

  private async inspect(name: string): Promise<ContainerInspect | undefined> {
    try {
      return await this.engine.json<ContainerInspect>(
        { method: 'GET', path: `/containers/${name}/json` },
        `inspecting container ${name}`,
      );
    } catch (error) {
      if (error instanceof EngineApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  private binds(spec: ServerSpec, paths: ServerPaths): string[] {
    return [`${paths.dir}:${paths.dir}:ro`, `${spec.storageDir}:${spec.storageDir}`];
  }

  /** Creates a container; pulls the image first when the engine does not have it. */
  private async createContainer(
    name: string,
    spec: ServerSpec,
    body: Record<string, unknown>,
  ): Promise<string> {
    const image = spec.image ?? DEFAULT_IMAGE;
    const request = this.postJson('/containers/create', { name }, { Image: image, ...body });
    try {
      return (await this.engine.json<{ Id: string }>(request, `creating container ${name}`)).Id;
    } catch (error) {
      if (!(error instanceof EngineApiError && error.status === 404)) throw error;
    }
    await this.pull(image);
    return (await this.engine.json<{ Id: string }>(request, `creating container ${name}`)).Id;
  }

  private async pull(image: string): Promise<void> {
    try {
      for await (const message of this.engine.stream(
        { method: 'POST', path: '/images/create', query: { fromImage: image } },
        `pulling ${image}`,
      )) {
        const failure = (message as { error?: unknown }).error;
        if (typeof failure === 'string') throw new Error(failure);
      }
    } catch (error) {
      throw new BerthError('NOT_FOUND', `the engine has no image ${image} and could not pull it`, {
        hint: `${(error as Error).message}. Pull or load ${image} into the engine, or pick another image with --image`,
        appHint: `Pull or load ${image} into the engine (Local images), or choose another registry image`,
        cause: error,
      });
    }
  }

  private async create(spec: ServerSpec, paths: ServerPaths): Promise<void> {
    const host = spec.network === 'host';
    const port = `${spec.port}/tcp`;
    const metrics = spec.proxy ? `${spec.proxy.metricsPort}/tcp` : undefined;
    await this.createContainer(containerName(spec), spec, {
      Cmd: ['serve', paths.config],
      Labels: { [SERVER_LABEL]: spec.name },
      // In its own network namespace the registry must listen on every interface of the container;
      // the bind address applies where the port is published.
      Env: host ? [] : [`REGISTRY_HTTP_ADDR=0.0.0.0:${spec.port}`],
      ExposedPorts: host ? undefined : { [port]: {}, ...(metrics ? { [metrics]: {} } : {}) },
      HostConfig: {
        Binds: this.binds(spec, paths),
        RestartPolicy: { Name: 'always' },
        NetworkMode: host ? 'host' : undefined,
        // A pull-through cache's counters (its debug server) are published on the host's loopback only.
        PortBindings: host
          ? undefined
          : {
              ...publishedPort(spec),
              ...(metrics
                ? { [metrics]: [{ HostIp: '127.0.0.1', HostPort: String(spec.proxy!.metricsPort) }] }
                : {}),
            },
      },
    });
  }

  async status(spec: ServerSpec): Promise<ServerStatus> {
    const info = await this.inspect(containerName(spec));
    return info?.State.Running ? { state: 'running', pid: info.State.Pid } : { state: 'stopped' };
  }

  async start(spec: ServerSpec, paths: ServerPaths): Promise<ServerStatus> {
    const name = containerName(spec);
    const existing = await this.inspect(name);
    if (existing?.State.Running) return { state: 'running', pid: existing.State.Pid };
    const address = localHost(spec);
    await checkPortFree(spec);
    if (!existing) await this.create(spec, paths);
    await this.call({ method: 'POST', path: `/containers/${name}/start` }, `starting ${name}`, [304]);
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const info = await this.inspect(name);
      if (!info?.State.Running)
        throw new BerthError('CONFIG', `${spec.name}'s registry container exited right after it started`, {
          hint: `Its log says:\n${await this.logs(spec, paths, 10)}`,
        });
      if (await canConnect(address)) return { state: 'running', pid: info.State.Pid };
      await sleep(100);
    }
    await this.stop(spec);
    throw new BerthError('NETWORK', `${spec.name}'s registry did not listen on ${address} within 30 s`, {
      hint: `See berth server logs ${spec.name}`,
      appHint: `Logs… on ${spec.name}'s card shows why it did not start.`,
    });
  }

  async stop(spec: ServerSpec): Promise<boolean> {
    const name = containerName(spec);
    const info = await this.inspect(name);
    if (!info?.State.Running) return false;
    await this.call(
      { method: 'POST', path: `/containers/${name}/stop`, query: { t: '5' } },
      `stopping ${name}`,
      [304, 404],
    );
    return true;
  }

  async remove(spec: Pick<ServerSpec, 'name'>): Promise<void> {
    const name = containerName(spec);
    await this.call(
      { method: 'DELETE', path: `/containers/${name}`, query: { force: true } },
      `removing ${name}`,
      [404],
    );
  }

  async logs(spec: ServerSpec, _paths: ServerPaths, lines = 200): Promise<string> {
    return this.containerLogs(containerName(spec), lines);
  }

  private async containerLogs(name: string, lines?: number): Promise<string> {
    let response;
    try {
      response = await this.engine.send(
        {
          method: 'GET',
          path: `/containers/${name}/logs`,
          query: { stdout: true, stderr: true, tail: lines === undefined ? 'all' : String(lines) },
        },
        `reading the log of ${name}`,
      );
    } catch (error) {
      if (error instanceof EngineApiError && error.status === 404) return '';
      throw error;
    }
    return demultiplex(Buffer.from(await response.body.arrayBuffer())).replace(/\n$/, '');
  }

  /** A one-off container of the same image and folders, without a network, removed afterwards. */
  async garbageCollect(spec: ServerSpec, paths: ServerPaths, args: string[]): Promise<string> {
    const name = `${containerName(spec)}-gc-${randomBytes(4).toString('hex')}`;
    await this.createContainer(name, spec, {
      Cmd: ['garbage-collect', ...args, paths.config],
      Labels: { [SERVER_LABEL]: spec.name },
      HostConfig: { Binds: this.binds(spec, paths), NetworkMode: 'none' },
    });
    try {
      await this.call({ method: 'POST', path: `/containers/${name}/start` }, `starting ${name}`);
      // A collection of a large storage takes long: no time limit on the wait.
      const waited = await this.engine.send(
        { method: 'POST', path: `/containers/${name}/wait`, isStream: true },
        `waiting for ${name}`,
      );
      const StatusCode = readWaitAnswer(await waited.body.text(), name, this.engine.host);
      const output = await this.containerLogs(name);
      if (StatusCode !== 0)
        throw new BerthError('REGISTRY', `garbage-collect exited with ${StatusCode}`, {
          hint: output.trim(),
        });
      return `${output}\n`;
    } finally {
      await this.call(
        { method: 'DELETE', path: `/containers/${name}`, query: { force: true } },
        `removing ${name}`,
        [404],
      );
    }
  }
}
