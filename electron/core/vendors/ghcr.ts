// GitHub Container Registry through GitHub's REST API (api.github.com, or a GitHub Enterprise API): the
// container packages the login may see (its own and its organisations'), and their versions with tags and
// dates. Described in github/rest-api-description (`packages` and `orgs` operations, API version 2022-11-28).
import type { ImageVendorFactsView, TagFactsView } from '../../../shared/vendor.js';
import { isValidDigest, isValidRepositoryPath, isValidTag } from '../../../shared/reference.js';
import { BerthError } from '../errors.js';
import { isoDateTime, vendorText } from './fields.js';
import { pagedJson, VENDOR_REPOSITORY_LIMITS, VENDOR_TAG_LIMITS } from './paging.js';
import type { VendorApi, VendorCallOptions, VendorContext, VendorRepository, VendorTag } from './types.js';

export const GHCR_VENDOR = 'GitHub Packages';

/** GitHub pages by 100 at most (`per_page`). */
const PER_PAGE = 100;
/** Organisations whose packages are listed for one login: each costs a listing of its own. */
export const GHCR_ORGANISATION_LIMIT = 1_000;

/** A GitHub login or organisation name: letters, digits and single hyphens, at most 39. */
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

interface GithubPackage {
  name: string;
  owner: string;
  visibility?: string;
  updatedAt?: string;
}

interface GithubVersion {
  digest: string;
  tags: string[];
  createdAt?: string;
  updatedAt?: string;
  description?: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** An ISO 8601 date as GitHub writes them; anything else is no date. */
const dateOf = isoDateTime;

/** Characters of a version's description kept: the image view shows its start. */
const DESCRIPTION_CHARACTERS = 4_000;

export function parsePackages(json: unknown): GithubPackage[] {
  if (!Array.isArray(json)) return [];
  const packages: GithubPackage[] = [];
  for (const item of json) {
    if (!isObject(item) || !isObject(item.owner)) continue;
    const name = stringOf(item.name);
    const owner = stringOf(item.owner.login);
    if (!name || !owner) continue;
    const found: GithubPackage = { name, owner };
    const visibility = stringOf(item.visibility);
    if (visibility) found.visibility = visibility;
    const updatedAt = dateOf(item.updated_at);
    if (updatedAt) found.updatedAt = updatedAt;
    packages.push(found);
  }
  return packages;
}

export function parseVersions(json: unknown): GithubVersion[] {
  if (!Array.isArray(json)) return [];
  const versions: GithubVersion[] = [];
  for (const item of json) {
    if (!isObject(item)) continue;
    const digest = stringOf(item.name);
    if (!digest) continue;
    const container =
      isObject(item.metadata) && isObject(item.metadata.container) ? item.metadata.container : {};
    const tags = Array.isArray(container.tags)
      ? container.tags.filter((tag): tag is string => typeof tag === 'string')
      : [];
    const version: GithubVersion = { digest, tags };
    const createdAt = dateOf(item.created_at);
    if (createdAt) version.createdAt = createdAt;
    const updatedAt = dateOf(item.updated_at);
    if (updatedAt) version.updatedAt = updatedAt;
    const description = vendorText(item.description, DESCRIPTION_CHARACTERS, { lines: true });
    if (description) version.description = description;
    versions.push(version);
  }
  return versions;
}

/** `owner/package` as ghcr.io names it: GitHub keeps the owner's case, references are lowercase. */
function repositoryOf(pkg: GithubPackage): string {
  return `${pkg.owner}/${pkg.name}`.toLowerCase();
}

function tagFacts(version: GithubVersion): TagFactsView {
  const facts: TagFactsView = {};
  if (isValidDigest(version.digest)) facts.digest = version.digest;
  // A version's updated_at moves when a tag is put on it; created_at is its first push.
  const pushedAt = version.updatedAt ?? version.createdAt;
  if (pushedAt) facts.pushedAt = pushedAt;
  return facts;
}

export function ghcrVendor(context: VendorContext): VendorApi {
  const { http, credential } = context;
  // The personal access token is the login's password; a registry token is ghcr.io's own, not GitHub's.
  const token = credential?.kind === 'basic' ? credential.password : undefined;
  const username = credential?.kind === 'basic' ? credential.username.toLowerCase() : undefined;
  // GitHub Enterprise Server answers under /api/v3: paths go below the API address's own path.
  const base = context.apiOrigin.pathname.replace(/\/+$/, '');
  const headers: Record<string, string> = {
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };

  /** GitHub answers 403 to a token without `read:packages`: say which scope to add. */
  async function* scoped<T>(pages: AsyncIterable<T[]>): AsyncGenerator<T[]> {
    try {
      yield* pages;
    } catch (error) {
      if (error instanceof BerthError && error.status === 403 && /read:packages|scope/i.test(error.message))
        throw missingScope(http.host, error);
      throw error;
    }
  }

  function packagesAt(path: string, what: string, signal?: AbortSignal): AsyncIterable<GithubPackage[]> {
    return pagedJson<GithubPackage>(http, {
      first: `${base}${path}?package_type=container&per_page=${PER_PAGE}`,
      headers,
      what,
      extract: parsePackages,
      nameOf: repositoryOf,
      isValid: isValidRepositoryPath,
      limits: VENDOR_REPOSITORY_LIMITS,
      ...(signal ? { signal } : {}),
      warn: context.warn,
    });
  }

  /** Where a package's versions are: the login's own, or an organisation's (another user's as a last resort). */
  function versionPaths(repository: string): string[] {
    const slash = repository.indexOf('/');
    const owner = repository.slice(0, slash);
    const packageName = encodeURIComponent(repository.slice(slash + 1));
    const suffix = `packages/container/${packageName}/versions?per_page=${PER_PAGE}`;
    if (owner === username) return [`${base}/user/${suffix}`];
    return [
      `${base}/orgs/${encodeURIComponent(owner)}/${suffix}`,
      `${base}/users/${encodeURIComponent(owner)}/${suffix}`,
    ];
  }

  async function* versionsOf(repository: string, signal?: AbortSignal): AsyncGenerator<GithubVersion[]> {
    const paths = versionPaths(repository);
    for (const [index, path] of paths.entries()) {
      const pages = pagedJson<GithubVersion>(http, {
        first: path,
        headers,
        what: `versions of ${repository}`,
        extract: parseVersions,
        nameOf: (version) => version.digest,
        isValid: isValidDigest,
        limits: VENDOR_TAG_LIMITS,
        ...(signal ? { signal } : {}),
        warn: context.warn,
      });
      let yielded = false;
      try {
        for await (const page of scoped(pages)) {
          yielded = true;
          yield page;
        }
        return;
      } catch (error) {
        // An organisation GitHub does not know: the owner may be another user who shared the package.
        const isLast = index === paths.length - 1;
        if (yielded || isLast || !(error instanceof BerthError) || error.status !== 404) throw error;
      }
    }
  }

  async function* listTags(repository: string, options: VendorCallOptions): AsyncGenerator<VendorTag[]> {
    if (!repository.includes('/')) return;
    const listed = new Set<string>();
    let leftOut = 0;
    for await (const versions of versionsOf(repository, options.signal)) {
      const page: VendorTag[] = [];
      for (const version of versions)
        for (const tag of version.tags) {
          if (!isValidTag(tag) || listed.has(tag)) {
            leftOut++;
            continue;
          }
          listed.add(tag);
          page.push({ tag, facts: tagFacts(version) });
        }
      yield page;
    }
    if (leftOut > 0)
      context.warn(
        `${http.host}: ${leftOut.toLocaleString('en-US')} ${leftOut === 1 ? 'tag' : 'tags'} of ${repository} repeated or not valid, left out`,
      );
  }

  // GitHub's packages API answers nothing without a token: the registry's own API is all there is.
  if (!token) return { vendor: GHCR_VENDOR };
  return {
    vendor: GHCR_VENDOR,

    async *listRepositories(options) {
      const { signal } = options;
      yield* scoped(
        (async function* () {
          const listed = new Set<string>();
          const fresh = (pkgs: GithubPackage[]): VendorRepository[] =>
            pkgs
              .filter((pkg) => {
                const name = repositoryOf(pkg);
                if (listed.has(name)) return false;
                listed.add(name);
                return true;
              })
              .map((pkg) => ({
                name: repositoryOf(pkg),
                facts: {
                  ...(pkg.updatedAt ? { updatedAt: pkg.updatedAt } : {}),
                  ...(pkg.visibility ? { isPrivate: pkg.visibility !== 'public' } : {}),
                },
              }));
          for await (const pkgs of packagesAt('/user/packages', 'your container packages', signal))
            yield fresh(pkgs);
          const orgs: string[] = [];
          for await (const page of pagedJson<string>(http, {
            first: `${base}/user/orgs?per_page=${PER_PAGE}`,
            headers,
            what: 'your organisations',
            extract: (json) =>
              Array.isArray(json)
                ? json.flatMap((org) => (isObject(org) && stringOf(org.login) ? [org.login as string] : []))
                : [],
            nameOf: (login) => login,
            isValid: (login) => GITHUB_LOGIN.test(login),
            // More organisations than anyone belongs to would mean as many listings again, each up to the caps.
            limits: { ...VENDOR_REPOSITORY_LIMITS, maxEntries: GHCR_ORGANISATION_LIMIT },
            ...(signal ? { signal } : {}),
            warn: context.warn,
          }))
            orgs.push(...page);
          for (const org of orgs)
            for await (const pkgs of packagesAt(
              `/orgs/${encodeURIComponent(org)}/packages`,
              `container packages of ${org}`,
              signal,
            ))
              yield fresh(pkgs);
        })(),
      );
    },

    listTags,

    async imageFacts(repository, reference, options): Promise<ImageVendorFactsView | undefined> {
      for await (const versions of versionsOf(repository, options.signal)) {
        const version = versions.find((v) =>
          reference.includes(':') ? v.digest === reference : v.tags.includes(reference),
        );
        if (!version) continue;
        const facts: ImageVendorFactsView = { vendor: GHCR_VENDOR };
        const pushedAt = version.updatedAt ?? version.createdAt;
        if (pushedAt) facts.pushedAt = pushedAt;
        if (version.description) facts.description = version.description;
        return facts;
      }
      return undefined;
    },
  };
}

function missingScope(host: string, cause: BerthError): BerthError {
  const todo =
    'Make a personal access token (classic) on GitHub with the read:packages scope (Settings → Developer settings → Personal access tokens)';
  return new BerthError(
    'DENIED',
    `${host}: the token may not read packages — GitHub wants a token with the read:packages scope`,
    {
      hint: `${todo}, then log in again with it (berth login ghcr.io).`,
      appHint: `${todo} and put it in the connection as its password (Edit connection).`,
      registry: host,
      cause,
    },
  );
}
