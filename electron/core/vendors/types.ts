import type { ImageVendorFactsView, RepositoryFactsView, TagFactsView } from '../../../shared/vendor.js';
import type { Credential } from '../registry/index.js';
import type { SavedConnection } from '../settings/index.js';
import type { VendorHttp } from './http.js';

export interface VendorRepository {
  /** The repository path as references name it (`project/app`), never URL-encoded. */
  name: string;
  facts: RepositoryFactsView;
  /** Set by the listing (listings.ts), not by a kind: whose API listed it. */
  vendor?: string;
  /** Set by the listing: why the kind's own API did not list it (the v2 API did instead). */
  fallback?: string;
}

export interface VendorTag {
  tag: string;
  facts: TagFactsView;
  /** Set by the listing (listings.ts), not by a kind: whose API listed it. */
  vendor?: string;
  /** Set by the listing: why the kind's own API did not list it (the v2 API did instead). */
  fallback?: string;
}

export interface VendorCallOptions {
  signal?: AbortSignal;
}

/**
 * A registry kind's own API: what the v2 API cannot say (which repositories this login may see, push
 * dates, sizes, scans). Manifests, blobs, copies and deletes by digest stay on the v2 API. Every method
 * pages with caps (`pagedJson`), reads bodies with a size cap and answers within the connection's
 * timeouts; a method a kind does not have is left out, and Berth then uses the v2 API.
 */
export interface VendorApi {
  /** The vendor's name as people know it (`Harbor`), for messages and the explorer. */
  readonly vendor: string;
  /** The repositories the saved login may see, page by page. */
  listRepositories?(options: VendorCallOptions): AsyncIterable<VendorRepository[]>;
  /** A repository's tags with the vendor's facts, page by page. */
  listTags?(repository: string, options: VendorCallOptions): AsyncIterable<VendorTag[]>;
  /** One image's facts (by tag or digest); undefined when the vendor knows nothing of it. */
  imageFacts?(
    repository: string,
    reference: string,
    options: VendorCallOptions,
  ): Promise<ImageVendorFactsView | undefined>;
  /** Deletes one tag only (its siblings on the same digest stay): the vendor's own tag delete. */
  deleteTag?(repository: string, tag: string, options: VendorCallOptions): Promise<void>;
  /** Repositories whose name matches `text`, from the vendor's search; at most `limit`. */
  search?(text: string, options: VendorCallOptions & { limit: number }): Promise<VendorRepository[]>;
}

/** What a kind's API is built from: the saved connection, where its API lives, the login and an HTTP client. */
export interface VendorContext {
  saved: SavedConnection;
  /** The registry's own origin (`https://harbor.example.com`), scheme as the connection chose. */
  registryOrigin: URL;
  /** Where the vendor's API lives: the connection's `apiUrl`, else the kind's usual place. */
  apiOrigin: URL;
  /** The connection's login (keychain, credential helper or per-call), if it has one. */
  credential?: Credential;
  http: VendorHttp;
  warn(message: string): void;
  /** A secret the vendor handed out (an API token): every front door scrubs its output of it. */
  keepSecret(...secrets: string[]): void;
}

export type VendorFactory = (context: VendorContext) => VendorApi;
