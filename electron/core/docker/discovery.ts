import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EngineCandidate } from '../../../shared/docker.js';
import { ConfigError } from '../errors.js';
import { makeEndpoint, type EngineEndpoint, type EngineTlsFiles } from './endpoint.js';

/** What discovery reads; tests pass temp dirs and a fake environment. */
export interface DiscoveryOptions {
  /** `--engine` or a choice saved in Berth: wins over everything. */
  chosen?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  homeDir?: string;
  uid?: number;
  /** Whether a socket (or pipe) is there. */
  exists?: (file: string) => boolean;
}

interface Resolved {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  homeDir: string;
  uid: number;
  exists: (file: string) => boolean;
}

function resolveOptions(options: DiscoveryOptions): Resolved {
  return {
    env: options.env ?? process.env,
    platform: options.platform ?? process.platform,
    homeDir: options.homeDir ?? os.homedir(),
    uid: options.uid ?? process.getuid?.() ?? 0,
    exists: options.exists ?? existsSync,
  };
}

/** The Docker CLI's config folder: `DOCKER_CONFIG` or `~/.docker`. */
export function dockerConfigDirectory(env: NodeJS.ProcessEnv, homeDir: string): string {
  return env.DOCKER_CONFIG ? path.resolve(env.DOCKER_CONFIG) : path.join(homeDir, '.docker');
}

/** Context folders are named by the SHA-256 of the context name (docker/cli `cli/context/store`). */
export function contextDirectoryName(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

function platformDefaultHost(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'npipe:////./pipe/docker_engine' : 'unix:///var/run/docker.sock';
}

/** TLS from `DOCKER_TLS_VERIFY` / `DOCKER_TLS` with files from `DOCKER_CERT_PATH` (or the config dir). */
function environmentTls(resolved: Resolved): EngineTlsFiles | undefined {
  const { env } = resolved;
  const verify = Boolean(env.DOCKER_TLS_VERIFY);
  if (!verify && !env.DOCKER_TLS) return undefined;
  const dir = env.DOCKER_CERT_PATH || dockerConfigDirectory(env, resolved.homeDir);
  return tlsFilesIn(dir, verify, resolved.exists);
}

function tlsFilesIn(dir: string, verify: boolean, exists: (file: string) => boolean): EngineTlsFiles {
  const file = (name: string) => (exists(path.join(dir, name)) ? path.join(dir, name) : undefined);
  return { verify, caFile: file('ca.pem'), certFile: file('cert.pem'), keyFile: file('key.pem') };
}

interface ContextMeta {
  Name?: string;
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** A stored Docker context's engine (`contexts/meta/<sha256(name)>/meta.json`, TLS under `contexts/tls`). */
function contextEndpoint(name: string, why: string, resolved: Resolved): EngineEndpoint {
  const configDir = dockerConfigDirectory(resolved.env, resolved.homeDir);
  const dir = contextDirectoryName(name);
  const metaFile = path.join(configDir, 'contexts', 'meta', dir, 'meta.json');
  let meta: ContextMeta;
  try {
    meta = readJson(metaFile) as ContextMeta;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ConfigError(
      missing
        ? `Docker context "${name}" (${why}) does not exist`
        : `Docker context "${name}" could not be read: ${(error as Error).message}`,
      'List contexts with `docker context ls`, switch with `docker context use NAME`, or choose an engine with --engine.',
      'List contexts with `docker context ls` and switch with `docker context use NAME`, or choose another engine in Berth.',
    );
  }
  const endpoint = meta.Endpoints?.docker;
  if (!endpoint?.Host) throw new ConfigError(`Docker context "${name}" has no docker endpoint`);
  const tlsDir = path.join(configDir, 'contexts', 'tls', dir, 'docker');
  const hasTls = ['ca.pem', 'cert.pem', 'key.pem'].some((file) => resolved.exists(path.join(tlsDir, file)));
  const tls = hasTls ? tlsFilesIn(tlsDir, endpoint.SkipTLSVerify !== true, resolved.exists) : undefined;
  return makeEndpoint(endpoint.Host, 'context', `${why}: context "${name}"`, { tls, context: name });
}

/** The context the Docker CLI would use, and why; undefined = `default`. */
function currentContext(resolved: Resolved): { name: string; why: string } | undefined {
  const { env } = resolved;
  if (env.DOCKER_CONTEXT) return { name: env.DOCKER_CONTEXT, why: 'DOCKER_CONTEXT is set' };
  const configFile = path.join(dockerConfigDirectory(env, resolved.homeDir), 'config.json');
  let config: { currentContext?: unknown };
  try {
    config = readJson(configFile) as { currentContext?: unknown };
  } catch {
    return undefined;
  }
  const name = typeof config.currentContext === 'string' ? config.currentContext : '';
  return name ? { name, why: `currentContext in ${configFile}` } : undefined;
}

/** Sockets other engines are known to listen on, in the order Berth prefers them. */
function wellKnownSockets(resolved: Resolved): Omit<EngineCandidate, 'exists' | 'tls'>[] {
  const { platform, homeDir, env, uid } = resolved;
  if (platform === 'win32') {
    return [
      {
        host: 'npipe:////./pipe/dockerDesktopLinuxEngine',
        source: 'docker-desktop',
        reason: "Docker Desktop's engine",
      },
      {
        host: 'npipe:////./pipe/podman-machine-default',
        source: 'podman-rootless',
        reason: "Podman machine's Docker-compatible pipe",
      },
    ];
  }
  const runtimeDir = env.XDG_RUNTIME_DIR || `/run/user/${uid}`;
  const sockets: Omit<EngineCandidate, 'exists' | 'tls'>[] = [
    {
      host: `unix://${path.join(homeDir, '.docker', 'run', 'docker.sock')}`,
      source: 'docker-desktop',
      reason: "Docker Desktop's socket",
    },
  ];
  if (platform === 'linux') {
    sockets.push(
      { host: 'unix:///run/podman/podman.sock', source: 'podman-rootful', reason: "Podman's rootful socket" },
      {
        host: `unix://${path.join(runtimeDir, 'podman', 'podman.sock')}`,
        source: 'podman-rootless',
        reason: "Podman's rootless socket",
      },
    );
  } else {
    sockets.push({
      host: `unix://${path.join(homeDir, '.local', 'share', 'containers', 'podman', 'machine', 'podman.sock')}`,
      source: 'podman-rootless',
      reason: "Podman machine's socket",
    });
  }
  return sockets;
}

function socketExists(endpoint: EngineEndpoint, exists: (file: string) => boolean): boolean {
  const { transport } = endpoint;
  if (transport.kind === 'unix') return exists(transport.socketPath);
  if (transport.kind === 'npipe') return exists(transport.pipePath);
  return true;
}

/**
 * The engine Berth talks to, found the way the Docker CLI finds it (`cli/command/cli.go`
 * `resolveContextName`): a chosen address, then `DOCKER_HOST` (it beats `DOCKER_CONTEXT`), then
 * `DOCKER_CONTEXT`, then `currentContext` in config.json, then the platform default. Where the CLI would
 * fail because the default socket is missing, Berth takes the first of Docker Desktop's socket and
 * Podman's rootful and rootless sockets that exists, and says so.
 */
export function resolveEngine(options: DiscoveryOptions = {}): EngineEndpoint {
  const resolved = resolveOptions(options);
  const { env } = resolved;
  if (options.chosen) return makeEndpoint(options.chosen, 'chosen', 'chosen with --engine');
  if (env.DOCKER_HOST)
    return makeEndpoint(env.DOCKER_HOST, 'DOCKER_HOST', 'DOCKER_HOST is set', {
      tls: environmentTls(resolved),
    });
  const context = currentContext(resolved);
  if (context && context.name !== 'default') return contextEndpoint(context.name, context.why, resolved);

  const fallback = makeEndpoint(
    platformDefaultHost(resolved.platform),
    'default',
    context ? `${context.why}: context "default"` : 'the platform default',
    { tls: environmentTls(resolved) },
  );
  if (socketExists(fallback, resolved.exists)) return fallback;
  for (const candidate of wellKnownSockets(resolved)) {
    const endpoint = makeEndpoint(
      candidate.host,
      candidate.source,
      `${fallback.host} does not exist; ${candidate.reason} does`,
    );
    if (socketExists(endpoint, resolved.exists)) return endpoint;
  }
  return fallback;
}

/** Every engine address Berth knows of here, for the user to choose from (the resolved one first). */
export function listEngineCandidates(options: DiscoveryOptions = {}): EngineCandidate[] {
  const resolved = resolveOptions(options);
  return discoverEngines(options).map((endpoint) => {
    const { transport: _transport, ...address } = endpoint;
    return { ...address, exists: socketExists(endpoint, resolved.exists) };
  });
}

/**
 * The engines of `listEngineCandidates` with what it takes to connect (a context keeps its TLS files),
 * one per address.
 */
export function discoverEngines(options: DiscoveryOptions = {}): EngineEndpoint[] {
  const resolved = resolveOptions(options);
  const endpoints: EngineEndpoint[] = [];
  const add = (make: () => EngineEndpoint) => {
    try {
      endpoints.push(make());
    } catch {
      // A broken context or address is reported by resolveEngine when it is the one in use.
    }
  };
  add(() => resolveEngine(options));
  if (resolved.env.DOCKER_HOST)
    add(() =>
      makeEndpoint(resolved.env.DOCKER_HOST!, 'DOCKER_HOST', 'DOCKER_HOST is set', {
        tls: environmentTls(resolved),
      }),
    );
  for (const name of storedContextNames(resolved))
    add(() => contextEndpoint(name, 'a Docker context', resolved));
  add(() => makeEndpoint(platformDefaultHost(resolved.platform), 'default', 'the platform default'));
  for (const candidate of wellKnownSockets(resolved))
    add(() => makeEndpoint(candidate.host, candidate.source, candidate.reason));

  const unique = new Map<string, EngineEndpoint>();
  for (const endpoint of endpoints) if (!unique.has(endpoint.host)) unique.set(endpoint.host, endpoint);
  return [...unique.values()];
}

function storedContextNames(resolved: Resolved): string[] {
  const metaDir = path.join(dockerConfigDirectory(resolved.env, resolved.homeDir), 'contexts', 'meta');
  let entries: string[];
  try {
    entries = readdirSync(metaDir);
  } catch {
    return [];
  }
  const names: string[] = [];
  for (const entry of entries) {
    try {
      const meta = readJson(path.join(metaDir, entry, 'meta.json')) as ContextMeta;
      if (meta.Name) names.push(meta.Name);
    } catch {
      // not a context folder
    }
  }
  return names.sort();
}
