import { kindFromHost } from '../../../shared/registry-hosts.js';
import { HttpTransport, parseChallenges, type PingResult, type RegistryClient } from '../registry/index.js';
import type { RegistryKind } from './schema.js';

export { kindFromHost };

/** What a registry showed about itself when probed anonymously. */
export interface RegistryFingerprint {
  /** `Docker-Distribution-Api-Version` on `/v2/` (PingResult.apiVersion). */
  apiVersion?: string;
  /** Status, `WWW-Authenticate` and JSON body of Harbor's `GET /api/v2.0/systeminfo`. */
  harborProbe?: { status: number; wwwAuthenticate?: string | string[]; json?: unknown };
  /** The token server `/v2/` named in its Bearer challenge (PingResult.realm, .service). */
  realm?: string;
  service?: string;
}

/**
 * Where GitLab's API lives, read from its registry's challenge: the instance that serves `/jwt/auth`
 * (`https://gitlab.example.com`, or with a relative URL root `https://example.com/gitlab`). Only over
 * HTTPS, or at the registry's own origin: a login goes nowhere else in plain HTTP.
 */
export function gitLabApiFromRealm(realm: string | undefined, registryUrl: string): string | undefined {
  if (!realm) return undefined;
  let url: URL;
  let registry: URL;
  try {
    url = new URL(realm);
    registry = new URL(registryUrl);
  } catch {
    return undefined;
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (!path.endsWith('/jwt/auth')) return undefined;
  if (url.protocol !== 'https:' && url.origin !== registry.origin) return undefined;
  return `${url.origin}${path.slice(0, -'/jwt/auth'.length)}`;
}

/**
 * The kind a Bearer challenge names: GitLab's registry sends its instance's `/jwt/auth` with the service
 * `container_registry`; Quay its own `/v2/auth` with its host name as the service.
 */
function kindFromChallenge(realm: string | undefined, service: string | undefined): RegistryKind | undefined {
  if (!realm) return undefined;
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    return undefined;
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (path.endsWith('/jwt/auth') && service === 'container_registry') return 'gitlab';
  if (path === '/v2/auth' && service !== undefined && service.toLowerCase() === url.host.toLowerCase())
    return 'quay';
  return undefined;
}

/**
 * Kind hint from a probe. Harbor is checked first: it fronts Distribution and so also sends the
 * Distribution header. Its systeminfo answers anonymous callers with `auth_mode` (and, signed in,
 * `harbor_version`); its API challenges with `Basic realm="harbor"`.
 */
export function classifyRegistry(host: string, fingerprint: RegistryFingerprint): RegistryKind {
  const byHost = kindFromHost(host);
  if (byHost) return byHost;
  const harbor = fingerprint.harborProbe;
  if (harbor) {
    const json = harbor.json;
    if (
      harbor.status === 200 &&
      typeof json === 'object' &&
      json !== null &&
      ('harbor_version' in json || 'auth_mode' in json)
    ) {
      return 'harbor';
    }
    const challenges = parseChallenges(harbor.wwwAuthenticate);
    if (challenges.some((c) => c.scheme === 'basic' && c.params.realm?.toLowerCase() === 'harbor')) {
      return 'harbor';
    }
  }
  const byChallenge = kindFromChallenge(fingerprint.realm, fingerprint.service);
  if (byChallenge) return byChallenge;
  if (fingerprint.apiVersion?.toLowerCase().startsWith('registry/2')) return 'distribution';
  return 'generic';
}

/**
 * Detects the kind of a registry just pinged: by host, else Harbor's API, else the token server its
 * challenge names (GitLab, Quay), else the Distribution header.
 * The Harbor probe goes out on its own transport without credentials so the client's auth state (the
 * challenge it learnt from /v2/) is not touched. A failing probe only means "not Harbor".
 */
export async function detectRegistryKind(
  client: RegistryClient,
  host: string,
  ping: PingResult,
  signal?: AbortSignal,
): Promise<RegistryKind> {
  const byHost = kindFromHost(host);
  if (byHost) return byHost;
  const fingerprint: RegistryFingerprint = {
    apiVersion: ping.apiVersion,
    ...(ping.realm ? { realm: ping.realm } : {}),
    ...(ping.service ? { service: ping.service } : {}),
  };
  const session = await client.session(host);
  const transport = new HttpTransport({ connectTimeoutMs: 5000, keepAliveTimeoutMs: 1000 });
  try {
    const response = await transport.send({
      method: 'GET',
      url: new URL('/api/v2.0/systeminfo', session.origin),
      headers: { accept: 'application/json' },
      tls: session.tls,
      signal: signal ?? AbortSignal.timeout(5000),
      followRedirects: false,
    });
    fingerprint.harborProbe = {
      status: response.status,
      wwwAuthenticate: response.headers['www-authenticate'],
      json: await readSmallJson(response.body),
    };
  } catch {
    // Unreachable API, TLS trouble on this path: no Harbor fingerprint.
  } finally {
    await transport.close();
  }
  return classifyRegistry(host, fingerprint);
}

/** JSON of a body up to 64 KiB; anything larger or not JSON is no fingerprint. */
async function readSmallJson(body: AsyncIterable<unknown> & { destroy(): unknown }): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) {
      body.destroy();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}
