// A registry of the user's own in pull-through cache mode (Distribution's `proxy` section): the upstream
// and its login, the check made when it is created, and the cache's own figures (its expvar counters).
import { createServer } from 'node:net';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { request } from 'undici';
import type { CacheStats } from '../../../shared/contract/servers.js';
import { BerthError } from '../errors.js';
import { isDockerHubHost } from '../../../shared/reference.js';
import { RegistryClient, verifyLogin, type RegistryConnection } from '../registry/index.js';

/** What server.json keeps of a pull-through cache: never the password (that is in the keychain). */
export interface ProxySpec {
  /** Distribution's `proxy.remoteurl`: `https://registry-1.docker.io` or any registry's root URL. */
  remoteUrl: string;
  /** The upstream login's user; its password is in the keychain under `upstreamKeychainHost`. */
  username?: string;
  /** The debug server's port on 127.0.0.1 (`http.debug.addr`), where the proxy's counters are read. */
  metricsPort: number;
}

export const DOCKER_HUB_UPSTREAM = 'https://registry-1.docker.io';

/**
 * How long Distribution 2.8 keeps what it cached: a fixed week (`repositoryTTL` in registry/proxy); its
 * config has no key for it (`proxy.ttl` came with 3.0, and 2.8 ignores keys it does not know).
 */
export const FIXED_CACHE_TTL = '168h';

/**
 * The keychain entry of a cache's upstream login: its own entry, not the upstream host's, so removing the
 * cache never takes a saved connection's password along (and a saved connection's never changes it).
 */
export function upstreamKeychainHost(serverName: string): string {
  return `berth-mirror-upstream/${serverName}`;
}

/** Checks and normalises an upstream URL: http(s), a host, no path, query or login in it. */
export function checkUpstreamUrl(text: string): string {
  const shown = shownUpstream(text);
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw upstreamInputError(`"${shown}" is not a URL`);
  }
  if (url.username || url.password)
    throw upstreamInputError('the upstream URL has a login in it', 'Give the login separately');
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw upstreamInputError(`"${shown}" is not an http:// or https:// URL`);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
    throw upstreamInputError(`"${shown}" has a path; a pull-through cache proxies a whole registry`);
  // Docker Hub's API is at registry-1.docker.io; docker.io itself answers the website.
  if (isDockerHubHost(url.host) && url.protocol === 'https:') return DOCKER_HUB_UPSTREAM;
  return `${url.protocol}//${url.host}`;
}

/**
 * The URL as an error may quote it: what stands before an @ is a login, and a query or fragment may hold a
 * token (`?access_token=…`), so neither is ever quoted back.
 */
function shownUpstream(text: string): string {
  return text
    .trim()
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)?.*@/is, '$1…@')
    .replace(/[?#].*$/s, '…');
}

function upstreamInputError(message: string, extra?: string): BerthError {
  return new BerthError('INVALID_INPUT', message, {
    hint: `${extra ? `${extra}. ` : ''}Use the registry's root URL, like ${DOCKER_HUB_UPSTREAM} or https://registry.example.com:5000`,
  });
}

/** Whether Docker will use a cache of this upstream as a `registry-mirrors` entry (Docker Hub only). */
export function isDockerHubUpstream(remoteUrl: string): boolean {
  return isDockerHubHost(new URL(remoteUrl).host);
}

/**
 * Asks the upstream's /v2/ (with the login, when there is one) before the cache is made. A refused login
 * is an error; an upstream that does not answer is only a warning, returned: the cache can be made
 * before its upstream is up, and serves what it holds when the upstream is down.
 */
export async function checkUpstream(
  remoteUrl: string,
  login: { username: string; password: string } | undefined,
  options: { signal?: AbortSignal; onSecret?: (secret: string) => void } = {},
): Promise<string | undefined> {
  const url = new URL(remoteUrl);
  const connection: RegistryConnection = {
    host: url.host,
    insecureHttp: url.protocol === 'http:',
    ...(login ? { credential: { kind: 'basic', username: login.username, password: login.password } } : {}),
  };
  const client = new RegistryClient({
    certsDRoot: false,
    retry: { attempts: 1 },
    timeouts: { connectMs: 10_000, answerMs: 15_000, idleMs: 15_000 },
    connectionFor: (host) => (host === url.host ? connection : undefined),
    ...(options.onSecret ? { onSecret: options.onSecret } : {}),
  });
  try {
    if (login) await verifyLogin(client, url.host, options.signal);
    else
      await client
        .send(url.host, {
          method: 'GET',
          path: '/v2/',
          scopes: [],
          what: 'the upstream /v2/',
          accept: (status) => status === 200 || status === 401,
          ...(options.signal ? { signal: options.signal } : {}),
        })
        .then((response) => response.body.dump());
    return undefined;
  } catch (error) {
    const code = error instanceof BerthError ? error.code : undefined;
    if (code === 'AUTH' || code === 'DENIED')
      throw new BerthError(
        'AUTH',
        `${url.host} refused the upstream login of ${login?.username ?? 'nobody'}`,
        {
          hint: 'Check the user and password (an access token for Docker Hub) and create the cache again; nothing was made',
          appHint:
            'Check the user and password (an access token for Docker Hub) and create the cache again; nothing was made.',
          cause: error,
        },
      );
    return `the upstream ${remoteUrl} did not answer (${(error as Error).message})`;
  } finally {
    await client.close();
  }
}

/** A free TCP port on 127.0.0.1 for the debug server, as the system hands one out. */
export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

const STATS_TIMEOUT_MS = 5_000;
const STATS_MAX_BYTES = 4 * 1024 * 1024;

interface ProxyCounters {
  Requests?: number;
  Hits?: number;
  Misses?: number;
  BytesPulled?: number;
  BytesPushed?: number;
}

/**
 * The proxy's counters from Distribution's expvar page (`/debug/vars` on `http.debug.addr`):
 * `registry.proxy.blobs` and `.manifests`, each Requests, Hits, Misses, BytesPulled and BytesPushed,
 * since the registry last started. In 2.8 a manifest fetched from the upstream counts as a hit and a
 * miss, and blobs count every request as a hit and never a miss (seen against 2.8.2): see CacheStats.
 */
export async function readCacheStats(metricsPort: number, signal?: AbortSignal): Promise<CacheStats> {
  const timeout = AbortSignal.timeout(STATS_TIMEOUT_MS);
  const response = await request(`http://127.0.0.1:${metricsPort}/debug/vars`, {
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    headersTimeout: STATS_TIMEOUT_MS,
    bodyTimeout: STATS_TIMEOUT_MS,
  });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > STATS_MAX_BYTES) {
      response.body.destroy();
      throw new Error(`its debug page is larger than ${STATS_MAX_BYTES} bytes`);
    }
    chunks.push(chunk);
  }
  if (response.statusCode !== 200) throw new Error(`its debug page answered HTTP ${response.statusCode}`);
  let vars: { registry?: { proxy?: { blobs?: ProxyCounters; manifests?: ProxyCounters } } } | null;
  try {
    vars = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof vars;
  } catch {
    throw new Error('its debug page is not JSON (another program may listen on that port)');
  }
  const proxy = vars?.registry?.proxy;
  if (!proxy) throw new Error('its debug page has no proxy counters');
  const requests = count(proxy.manifests?.Requests);
  const misses = Math.min(requests, count(proxy.manifests?.Misses));
  return {
    manifests: { requests, hits: requests - misses, misses },
    blobRequests: count(proxy.blobs?.Requests),
    bytesServed: count(proxy.blobs?.BytesPushed) + count(proxy.manifests?.BytesPushed),
  };
}

const count = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;

/** At most this many repository names are read from a cache's storage. */
export const CACHED_REPOSITORIES_CAP = 1000;

/**
 * The repositories a cache holds, read from its storage as Distribution's catalog reads it: every folder
 * under `docker/registry/v2/repositories` holding a `_manifests` folder. Symlinks are not followed;
 * the walk stops at `cap` names (`isComplete` false).
 */
export async function cachedRepositories(
  storageDir: string,
  cap = CACHED_REPOSITORIES_CAP,
): Promise<{ names: string[]; isComplete: boolean }> {
  const root = path.join(storageDir, 'docker', 'registry', 'v2', 'repositories');
  const names: string[] = [];
  let visited = 0;
  const pending: string[] = [''];
  for (let relative = pending.pop(); relative !== undefined; relative = pending.pop()) {
    const entries = await readdir(path.join(root, relative), { withFileTypes: true }).catch(() => []);
    if (entries.some((entry) => entry.isDirectory() && entry.name === '_manifests') && relative)
      names.push(relative.split(path.sep).join('/'));
    for (const entry of entries)
      if (entry.isDirectory() && !entry.name.startsWith('_'))
        pending.push(relative ? path.join(relative, entry.name) : entry.name);
    if (names.length >= cap || ++visited > cap * 20) return { names: names.sort(), isComplete: false };
  }
  return { names: names.sort(), isComplete: true };
}
