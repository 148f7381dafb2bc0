import { credentialForms, HttpTransport, type RegistryClient, type TlsMaterial } from '../registry/index.js';
import { isDockerHubHost } from '../../../shared/reference.js';
import type { RegistryKind, SavedConnection } from '../settings/index.js';
import { gitLabApi } from './gitlab.js';
import { ghcrVendor } from './ghcr.js';
import { harborApi } from './harbor.js';
import { VendorHttp } from './http.js';
import { hubVendor } from './hub.js';
import { quayVendor } from './quay.js';
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
export { repositoryListing, tagListing, type ListingServices } from './listings.js';
export {
  gitLabTagFacts,
  GITLAB_PER_PAGE,
  GITLAB_TAG_DETAIL_CONCURRENCY,
  GITLAB_TAG_DETAILS_PER_LISTING,
} from './gitlab.js';
export { QUAY_TOKEN_USERNAME, quayRepositoryPath, quayTag, quayVendor } from './quay.js';
export { GHCR_VENDOR, ghcrVendor, parsePackages, parseVersions } from './ghcr.js';
export { HUB_VENDOR, hubPath, hubVendor, parseHubTags } from './hub.js';
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
  gitlab: gitLabApi,
  quay: quayVendor,
  ghcr: ghcrVendor,
  dockerhub: hubVendor,
};

/** The system's CAs only: a login and client certificate meant for the registry stay off other hosts. */
const SYSTEM_TLS: TlsMaterial = { caPem: [], skipVerify: false };

/**
 * Where a kind's API lives when the connection does not say (`apiUrl`): Harbor and Quay serve it beside
 * the registry, GitHub at api.github.com (for ghcr.io), GitLab on the instance the `registry.` host belongs
 * to, Docker Hub at hub.docker.com (for Docker Hub). Undefined where a guess could hand the login to a
 * host the user never chose, and then the v2 API lists alone:
 * - api.github.com and hub.docker.com only for ghcr.io and Docker Hub themselves: a GitHub Enterprise or a
 *   private registry given the kind by hand must not send its token (or password, which Hub's API is
 *   sent to be exchanged) to github.com or Docker Inc.;
 * - another host or port than the registry's only over HTTPS (over plain HTTP credentials stay on the
 *   registry's own origin), and `registry.X` only where X is a domain of its own — not `com`, `lan` or a
 *   public suffix such as `co.uk`, whose holder is nobody's GitLab.
 */
export function defaultApiOrigin(
  kind: RegistryKind,
  registryOrigin: URL,
  hubOrigin: string,
): URL | undefined {
  const host = registryOrigin.hostname.toLowerCase();
  switch (kind) {
    case 'ghcr':
      return host === 'ghcr.io' ? new URL('https://api.github.com') : undefined;
    case 'dockerhub': {
      const hub = new URL(hubOrigin);
      // A Hub stand-in answers beside its registry (the tests'); the real Hub is only Hub's API.
      return isDockerHubHost(registryOrigin.host) || host === hub.hostname ? hub : undefined;
    }
    case 'gitlab': {
      if (host === 'registry.gitlab.com') return new URL('https://gitlab.com');
      const https = registryOrigin.protocol === 'https:';
      if (host.startsWith('registry.')) {
        const instance = host.slice('registry.'.length);
        return https && isOwnDomain(instance) ? new URL(`https://${instance}`) : undefined;
      }
      // GitLab's documented registry on its own domain listens on port 5050; the API stays on the default.
      if (registryOrigin.port === '5050') return https ? new URL(`https://${host}`) : undefined;
      return new URL(registryOrigin.origin);
    }
    case 'harbor':
    case 'quay':
    case 'aliyun':
    case 'tencent':
    case 'huawei':
    case 'distribution':
    case 'generic':
      return new URL(registryOrigin.origin);
  }
}

/** Second-level labels under which registrants hold names (`example.co.uk`): `co.uk` itself is no one's instance. */
const SHARED_SECOND_LEVEL = new Set(['ac', 'co', 'com', 'edu', 'gov', 'ltd', 'ne', 'net', 'or', 'org']);

/** Whether a host name is a domain someone holds: two labels or more, not an address, not `co.uk`. */
function isOwnDomain(name: string): boolean {
  const labels = name.split('.');
  if (labels.length < 2 || labels.some((label) => !label)) return false;
  if (/^[\d.]+$/.test(name) || name.startsWith('[')) return false;
  return !(labels.length === 2 && SHARED_SECOND_LEVEL.has(labels[0] ?? ''));
}

type Session = Awaited<ReturnType<RegistryClient['session']>>;

export interface VendorDeps {
  session: (host: string) => Promise<Session>;
  hubOrigin: string;
  warn: (message: string) => void;
  /** Secrets sent to or got from a vendor's API (a token as Bearer, Hub's API token): every answer, error and warning is scrubbed of them. */
  keepSecret: (...secrets: string[]) => void;
}

/** The vendor APIs of saved connections, on one HTTP transport (its idle sockets close on their own). */
export class VendorApis {
  private readonly transport = new HttpTransport({ keepAliveTimeoutMs: 10_000 });
  /** Connections already warned that their API address is not guessed. */
  private readonly unplaced = new Set<string>();

  constructor(private readonly deps: VendorDeps) {}

  /** Whether the connection's kind has an API of its own (no network). */
  has(saved: Pick<SavedConnection, 'kind'>): boolean {
    return Boolean(VENDOR_FACTORIES[saved.kind]);
  }

  /**
   * Whether the kind's own API can list this connection's repositories (no network): Docker Hub's lists
   * namespaces by name only, GitHub's needs the login's token.
   */
  canList(saved: Pick<SavedConnection, 'kind' | 'username' | 'credentialHelper'>): boolean {
    if (!this.has(saved) || saved.kind === 'dockerhub') return false;
    return saved.kind !== 'ghcr' || Boolean(saved.username || saved.credentialHelper);
  }

  /** The connection's vendor API, or undefined when its kind has none (then the v2 API is all there is). */
  async forConnection(saved: SavedConnection): Promise<VendorApi | undefined> {
    const factory = VENDOR_FACTORIES[saved.kind];
    if (!factory) return undefined;
    const session = await this.deps.session(saved.host);
    const apiOrigin = saved.apiUrl
      ? new URL(saved.apiUrl)
      : defaultApiOrigin(saved.kind, session.origin, this.deps.hubOrigin);
    if (!apiOrigin) {
      if (!this.unplaced.has(saved.host)) {
        this.unplaced.add(saved.host);
        this.deps.warn(
          `${saved.host}: Berth does not guess where this ${saved.kind} registry's API is (the login would go to a host you did not choose); listed through the registry API. Give its API address in the connection settings to list through it.`,
        );
      }
      return undefined;
    }
    // The connection's CA and client certificate go where the user pointed it, never to a default elsewhere.
    const tls = saved.apiUrl || apiOrigin.hostname === session.origin.hostname ? session.tls : SYSTEM_TLS;
    const credential = session.connection.credential;
    // A vendor's API may echo the login it was sent (in a refusal's detail): Berth scrubs it everywhere.
    const secrets = credentialForms(credential);
    this.deps.keepSecret(...secrets);
    const http = new VendorHttp(
      this.transport,
      apiOrigin,
      tls,
      session.timeouts,
      Boolean(credential),
      secrets,
    );
    return factory({
      saved,
      registryOrigin: session.origin,
      apiOrigin,
      ...(credential ? { credential } : {}),
      http,
      warn: this.deps.warn,
      keepSecret: this.deps.keepSecret,
    });
  }

  async close(): Promise<void> {
    await this.transport.close();
  }
}
