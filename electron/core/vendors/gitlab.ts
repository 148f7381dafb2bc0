// GitLab's container registry through its REST API v4 (gitlab.com and self-managed): the registry
// repositories of the projects the login is a member of, and tags with their push dates and sizes.
// Described by GitLab's OpenAPI document doc/api/openapi/openapi_v2.yaml (test/fixtures/vendor-api/gitlab).
import { forEachBounded } from '../../../shared/bounded.js';
import { isValidDigest, isValidRepositoryPath, isValidTag } from '../../../shared/reference.js';
import type { ImageVendorFactsView, TagFactsView } from '../../../shared/vendor.js';
import { BerthError } from '../errors.js';
import { headerValue, ListingLimitError, nextLink } from '../registry/index.js';
import type { VendorHttp, VendorResponse } from './http.js';
import { pagedJson, VENDOR_REPOSITORY_LIMITS, VENDOR_TAG_LIMITS, type VendorLimits } from './paging.js';
import type { VendorApi, VendorCallOptions, VendorContext, VendorRepository, VendorTag } from './types.js';

/** GitLab's largest page (`per_page` is capped at 100 by every GitLab). */
export const GITLAB_PER_PAGE = 100;
/**
 * GitLab's tag list gives names only; a tag's date, size and digest come from one request per tag.
 * They are asked for every tag of a listing page, this many at a time…
 */
export const GITLAB_TAG_DETAIL_CONCURRENCY = 4;
/** …up to this many tags per listing; after that tags arrive by name only (and one warning says so). */
export const GITLAB_TAG_DETAILS_PER_LISTING = 500;
/** Projects whose registry repositories are read at once. */
const PROJECT_CONCURRENCY = 4;

interface Project {
  id: number;
  path: string;
}

interface Repository {
  id: number;
  path: string;
  tagsCount?: number;
}

/** Where a registry repository lives in GitLab's API: its project (id or URL-encoded path) and its id. */
export interface GitLabRepositoryPlace {
  project: string;
  repositoryId: number;
}

const isId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function arrayOf(json: unknown): Record<string, unknown>[] {
  if (!Array.isArray(json)) return [];
  return json.filter((item): item is Record<string, unknown> => Boolean(item) && typeof item === 'object');
}

function projectsOf(json: unknown): Project[] {
  return arrayOf(json).flatMap((item) =>
    isId(item.id) && typeof item.path_with_namespace === 'string'
      ? [{ id: item.id, path: item.path_with_namespace }]
      : [],
  );
}

function repositoriesOf(json: unknown): Repository[] {
  return arrayOf(json).flatMap((item) =>
    isId(item.id) && typeof item.path === 'string'
      ? [
          {
            id: item.id,
            path: item.path,
            ...(isCount(item.tags_count) ? { tagsCount: item.tags_count } : {}),
          },
        ]
      : [],
  );
}

function tagNamesOf(json: unknown): string[] {
  return arrayOf(json).flatMap((item) => (typeof item.name === 'string' ? [item.name] : []));
}

/** An ISO 8601 time as GitLab sends it, or undefined when it is not one. */
function timeOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const time = Date.parse(value);
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}

/** A tag's facts from `…/tags/:tag_name`; fields of the wrong shape are left out. */
export function gitLabTagFacts(json: unknown): TagFactsView {
  if (!json || typeof json !== 'object') return {};
  const detail = json as Record<string, unknown>;
  const facts: TagFactsView = {};
  const pushedAt = timeOf(detail.created_at);
  if (pushedAt) facts.pushedAt = pushedAt;
  if (isCount(detail.total_size)) facts.size = detail.total_size;
  if (typeof detail.digest === 'string' && isValidDigest(detail.digest)) facts.digest = detail.digest;
  return facts;
}

/**
 * The next page: GitLab's `Link: <…>; rel="next"`, else its `X-Next-Page` number (instances behind a
 * proxy that drops Link still send it; empty on the last page).
 */
function nextPage(host: string) {
  return (response: VendorResponse, pageUrl: URL): URL | undefined => {
    const link = nextLink(headerValue(response.headers, 'link'), pageUrl, host);
    if (link) return link;
    const number = headerValue(response.headers, 'x-next-page')?.trim();
    if (!number || !/^\d{1,9}$/.test(number)) return undefined;
    const next = new URL(pageUrl);
    next.searchParams.set('page', number);
    return next;
  };
}

/** The login for GitLab's API: a personal access token as the password (PRIVATE-TOKEN), or an OAuth token. */
function tokenHeaders(context: VendorContext): Record<string, string> | undefined {
  const credential = context.credential;
  if (credential?.kind === 'basic') return { 'private-token': credential.password };
  if (credential?.kind === 'identity-token') return { authorization: `Bearer ${credential.token}` };
  return undefined;
}

function isStatus(error: unknown, ...statuses: number[]): boolean {
  return error instanceof BerthError && statuses.includes(error.status ?? 0);
}

export class GitLabApi implements VendorApi {
  readonly vendor = 'GitLab';
  private readonly http: VendorHttp;
  private readonly headers: Record<string, string>;
  private readonly warn: (message: string) => void;
  /** Registry repositories this instance has seen listed or found (one listing's worth). */
  private readonly places = new Map<string, GitLabRepositoryPlace>();
  /** Without a token GitLab lists every public project of the instance, not "mine": no listing then. */
  readonly listRepositories?: (options: VendorCallOptions) => AsyncIterable<VendorRepository[]>;

  constructor(context: VendorContext) {
    this.http = context.http;
    this.warn = (message) => context.warn(message);
    const headers = tokenHeaders(context);
    this.headers = headers ?? {};
    if (headers) this.listRepositories = (options) => this.listMemberRepositories(options);
  }

  private paged<T>(
    first: string,
    what: string,
    extract: (json: unknown) => T[],
    nameOf: (item: T) => string,
    isValid: (name: string) => boolean,
    limits: VendorLimits,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<T[]> {
    return pagedJson(this.http, {
      first,
      headers: this.headers,
      what,
      extract,
      nameOf,
      isValid,
      limits,
      next: nextPage(this.http.host),
      warn: this.warn,
      ...(signal ? { signal } : {}),
    });
  }

  /**
   * The projects the login is a member of (`membership=true`; `simple=true` keeps each entry small),
   * then each project's registry repositories. Projects rather than groups: a member of a project is
   * not always a member of its group, personal projects have no group, and the group listing would
   * also show repositories of projects the login only sees through the group's visibility.
   */
  private async *listMemberRepositories({ signal }: VendorCallOptions): AsyncGenerator<VendorRepository[]> {
    const listed = new Set<string>();
    for await (const projects of this.paged(
      `/api/v4/projects?membership=true&simple=true&order_by=id&sort=asc&per_page=${GITLAB_PER_PAGE}`,
      'GitLab projects',
      projectsOf,
      (project) => String(project.id),
      () => true,
      VENDOR_REPOSITORY_LIMITS,
      signal,
    )) {
      const found: Repository[][] = projects.map(() => []);
      await forEachBounded(projects, PROJECT_CONCURRENCY, async (project, index) => {
        found[index] = await this.projectRepositories(String(project.id), project.path, signal);
      });
      const page: VendorRepository[] = [];
      projects.forEach((project, index) => {
        for (const repository of found[index]!) {
          if (listed.has(repository.path)) continue;
          listed.add(repository.path);
          this.places.set(repository.path, { project: String(project.id), repositoryId: repository.id });
          page.push({
            name: repository.path,
            facts: repository.tagsCount === undefined ? {} : { tagCount: repository.tagsCount },
          });
        }
      });
      if (listed.size > VENDOR_REPOSITORY_LIMITS.maxEntries)
        throw new ListingLimitError(
          this.http.host,
          'GitLab registry repositories',
          `${VENDOR_REPOSITORY_LIMITS.maxEntries.toLocaleString('en-US')} entries in one listing`,
        );
      yield page;
    }
  }

  /**
   * A project's registry repositories; none when its registry is off or closed to this login (GitLab
   * answers 403 or 404 then: a project without images is no error in a listing of many).
   */
  private async projectRepositories(
    project: string,
    projectPath: string,
    signal: AbortSignal | undefined,
  ): Promise<Repository[]> {
    const repositories: Repository[] = [];
    try {
      for await (const page of this.paged(
        `/api/v4/projects/${project}/registry/repositories?tags_count=true&per_page=${GITLAB_PER_PAGE}`,
        `registry repositories of ${projectPath}`,
        repositoriesOf,
        (repository) => repository.path,
        isValidRepositoryPath,
        VENDOR_REPOSITORY_LIMITS,
        signal,
      ))
        repositories.push(...page);
    } catch (error) {
      if (isStatus(error, 403, 404)) return [];
      throw error;
    }
    return repositories;
  }

  /**
   * Where `repository` lives: known from a listing, else found through its project. A registry
   * repository's path is its project's full path, or that path and a name below it; the project is
   * asked for by URL-encoded path (`group%2Fsub%2Fproject`), longest candidate first.
   */
  async locate(repository: string, signal?: AbortSignal): Promise<GitLabRepositoryPlace> {
    const known = this.places.get(repository);
    if (known) return known;
    const segments = repository.split('/');
    for (let length = segments.length; length >= 2; length--) {
      const projectPath = segments.slice(0, length).join('/');
      const project = encodeURIComponent(projectPath);
      let repositories: Repository[];
      try {
        repositories = [];
        for await (const page of this.paged(
          `/api/v4/projects/${project}/registry/repositories?per_page=${GITLAB_PER_PAGE}`,
          `registry repositories of ${projectPath}`,
          repositoriesOf,
          (item) => item.path,
          isValidRepositoryPath,
          VENDOR_REPOSITORY_LIMITS,
          signal,
        ))
          repositories.push(...page);
      } catch (error) {
        if (isStatus(error, 404)) continue;
        throw error;
      }
      const match = repositories.find((item) => item.path === repository);
      if (match) {
        const place = { project, repositoryId: match.id };
        this.places.set(repository, place);
        return place;
      }
    }
    throw new BerthError(
      'NOT_FOUND',
      `${this.http.host}: GitLab has no registry repository ${repository} that this login may see`,
      {
        registry: this.http.host,
        status: 404,
        hint: 'Check the name and that the token has read_api; berth repos REGISTRY lists what GitLab shows this login.',
        appHint:
          "Check the name, and that the connection's access token may read this project in GitLab; the repository list shows what GitLab lets this login see.",
      },
    );
  }

  async *listTags(repository: string, { signal }: VendorCallOptions): AsyncGenerator<VendorTag[]> {
    const place = await this.locate(repository, signal);
    const base = `/api/v4/projects/${place.project}/registry/repositories/${place.repositoryId}/tags`;
    let budget = GITLAB_TAG_DETAILS_PER_LISTING;
    let detailsOff = false;
    for await (const names of this.paged(
      `${base}?per_page=${GITLAB_PER_PAGE}`,
      `tags of ${repository}`,
      tagNamesOf,
      (name) => name,
      isValidTag,
      VENDOR_TAG_LIMITS,
      signal,
    )) {
      const facts: TagFactsView[] = names.map(() => ({}));
      const wanted = detailsOff ? [] : names.slice(0, budget);
      budget -= wanted.length;
      let failed = 0;
      await forEachBounded(wanted, GITLAB_TAG_DETAIL_CONCURRENCY, async (name, index) => {
        if (detailsOff) return;
        try {
          facts[index] = gitLabTagFacts(await this.tagDetail(base, repository, name, signal));
        } catch (error) {
          if (signal?.aborted) throw error;
          failed++;
          // A server too slow (or gone) for one tag's details is too slow for the next hundred.
          if (error instanceof BerthError && error.code === 'NETWORK') detailsOff = true;
        }
      });
      if (failed > 0)
        this.warn(
          `${this.http.host}: GitLab gave no date or size for ${failed} ${failed === 1 ? 'tag' : 'tags'} of ${repository}${detailsOff ? '; the rest are listed by name only' : ''}`,
        );
      if (!detailsOff && budget === 0 && wanted.length < names.length) {
        detailsOff = true;
        this.warn(
          `${this.http.host}: dates and sizes for the first ${GITLAB_TAG_DETAILS_PER_LISTING} tags of ${repository} only (one GitLab request each); the others are listed by name`,
        );
      }
      yield names.map((tag, index) => ({ tag, facts: facts[index]! }));
    }
  }

  private async tagDetail(
    base: string,
    repository: string,
    tag: string,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    const response = await this.http.json({
      url: `${base}/${encodeURIComponent(tag)}`,
      headers: this.headers,
      what: `details of ${repository}:${tag}`,
      ...(signal ? { signal } : {}),
    });
    return response.json;
  }

  async imageFacts(
    repository: string,
    reference: string,
    { signal }: VendorCallOptions,
  ): Promise<ImageVendorFactsView | undefined> {
    // GitLab finds tags by name only; an image named by digest has no facts here.
    if (!isValidTag(reference)) return undefined;
    let detail: unknown;
    try {
      const place = await this.locate(repository, signal);
      detail = await this.tagDetail(
        `/api/v4/projects/${place.project}/registry/repositories/${place.repositoryId}/tags`,
        repository,
        reference,
        signal,
      );
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
    const facts = gitLabTagFacts(detail);
    return {
      vendor: this.vendor,
      ...(facts.pushedAt ? { pushedAt: facts.pushedAt } : {}),
      ...(facts.size !== undefined ? { size: facts.size } : {}),
    };
  }
}

export function gitLabApi(context: VendorContext): VendorApi {
  return new GitLabApi(context);
}
