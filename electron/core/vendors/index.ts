import { HttpTransport, type RegistryClient, type TlsMaterial } from '../registry/index.js';
import type { RegistryKind, SavedConnection } from '../settings/index.js';
import { harborApi } from './harbor.js';
import { VendorHttp } from './http.js';
import type { VendorApi, VendorFactory } from './types.js';

export {
  VendorHttp,
  VENDOR_BODY_BYTES,
  VENDOR_REQUEST_MS,
  type VendorRequest,
  type VendorResponse,
} from './http.js';
export { harborApi, harborParts, harborRepositorySegment, HARBOR_PAGE_SIZE } from './harbor.js';
export {
  pagedJson,
  VENDOR_REPOSITORY_LIMITS,
  VENDOR_TAG_LIMITS,
  type PagedJson,
  type VendorLimits,
} from './paging.js';
export type {
  VendorApi,
  VendorCallOptions,
  VendorContext,
  VendorFactory,
  VendorRepository,
  VendorTag,
} from './types.js';

/** The kinds with an API of their own; the others list through the v2 API only. */
const VENDOR_FACTORIES: Partial<Record<RegistryKind, VendorFactory>> = {
  harbor: harborApi,
};

/** The system's CAs only: a login and client certificate meant for the registry stay off other hosts. */
const SYSTEM_TLS: TlsMaterial = { caPem: [], skipVerify: false };

/**
 * Where a kind's API lives when the connection does not say (`apiUrl`): Harbor and Quay serve it beside
 * the registry, GitHub at api.github.com, GitLab on the instance the `registry.` host belongs to,
 * Docker Hub at hub.docker.com.
 */
export function defaultApiOrigin(kind: RegistryKind, registryOrigin: URL, hubOrigin: string): URL {
  switch (kind) {
    case 'ghcr':
      return new URL('https://api.github.com');
    case 'dockerhub':
      return new URL(hubOrigin);
    case 'gitlab': {
      const host = registryOrigin.hostname;
      if (host === 'registry.gitlab.com') return new URL('https://gitlab.com');
      if (host.startsWith('registry.'))
        return new URL(`${registryOrigin.protocol}//${host.slice('registry.'.length)}`);
      return new URL(registryOrigin.origin);
    }
    case 'harbor':
    case 'quay':
    case 'distribution':
    case 'generic':
      return new URL(registryOrigin.origin);
  }
}

type Session = Awaited<ReturnType<RegistryClient['session']>>;

export interface VendorDeps {
  session: (host: string) => Promise<Session>;
  hubOrigin: string;
  warn: (message: string) => void;
}

/** The vendor APIs of saved connections, on one HTTP transport (its idle sockets close on their own). */
export class VendorApis {
  private readonly transport = new HttpTransport({ keepAliveTimeoutMs: 10_000 });

  constructor(private readonly deps: VendorDeps) {}

  /** Whether the connection's kind has an API of its own (no network). */
  has(saved: Pick<SavedConnection, 'kind'>): boolean {
    return Boolean(VENDOR_FACTORIES[saved.kind]);
  }

  /** The connection's vendor API, or undefined when its kind has none (then the v2 API is all there is). */
  async forConnection(saved: SavedConnection): Promise<VendorApi | undefined> {
    const factory = VENDOR_FACTORIES[saved.kind];
    if (!factory) return undefined;
    const session = await this.deps.session(saved.host);
    const apiOrigin = saved.apiUrl
      ? new URL(saved.apiUrl)
      : defaultApiOrigin(saved.kind, session.origin, this.deps.hubOrigin);
    // The connection's CA and client certificate go where the user pointed it, never to a default elsewhere.
    const tls = saved.apiUrl || apiOrigin.hostname === session.origin.hostname ? session.tls : SYSTEM_TLS;
    const credential = session.connection.credential;
    const http = new VendorHttp(this.transport, apiOrigin, tls, session.timeouts, Boolean(credential));
    return factory({
      saved,
      registryOrigin: session.origin,
      apiOrigin,
      ...(credential ? { credential } : {}),
      http,
      warn: this.deps.warn,
    });
  }

  async close(): Promise<void> {
    await this.transport.close();
  }
}
