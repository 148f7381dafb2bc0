// Harbor's own API (v2.0, `/api/v2.0`, goharbor/harbor api/v2.0/swagger.yaml): Harbor's `/v2/_catalog`
// answers only a system administrator, so an ordinary member (or a robot account) lists the projects it
// may see and their repositories here, with the facts the v2 API never gives (push and pull times, scans,
// labels). Logins are Basic, robot accounts (`robot$project+name`) included.
import type {
  ImageVendorFactsView,
  LabelView,
  RepositoryFactsView,
  ScanOverviewView,
  TagFactsView,
} from '../../../shared/vendor.js';
import { isValidDigest, isValidRepositoryPath, isValidTag } from '../../../shared/reference.js';
import { BerthError } from '../errors.js';
import { vendorText } from './fields.js';
import { pagedJson, VENDOR_REPOSITORY_LIMITS, VENDOR_TAG_LIMITS } from './paging.js';
import type { VendorApi, VendorCallOptions, VendorContext, VendorRepository, VendorTag } from './types.js';

const API = '/api/v2.0';
/** Harbor's `page_size` maximum (swagger: `maximum: 100`). */
export const HARBOR_PAGE_SIZE = 100;

/**
 * A repository name inside a project, as a path segment: Harbor's rule is to URL-encode a name with a
 * slash twice (swagger, parameter `repository_name`: "a/b -> a%2Fb -> a%252Fb"), since its router decodes
 * once before matching.
 */
export function harborRepositorySegment(name: string): string {
  return encodeURIComponent(encodeURIComponent(name));
}

/** `project/rest/of/it` → the project and the repository inside it; undefined without a project. */
export function harborParts(repository: string): { project: string; name: string } | undefined {
  const slash = repository.indexOf('/');
  if (slash <= 0 || slash === repository.length - 1) return undefined;
  return { project: repository.slice(0, slash), name: repository.slice(slash + 1) };
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayOf(json: unknown): Json[] {
  return Array.isArray(json) ? json.filter(isObject) : [];
}

/** Harbor's free text, on one line unless `lines` (a description), its hidden characters made visible. */
function text(value: unknown, max = 2000, lines = false): string | undefined {
  return vendorText(value, max, { lines });
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** An ISO time Harbor set; its zero time (`0001-01-01T00:00:00Z`, never pulled) is no time. */
function time(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const millis = Date.parse(value);
  if (!Number.isFinite(millis) || millis <= 0) return undefined;
  return new Date(millis).toISOString();
}

/** A view with its `undefined` fields left out (views have optional fields, never undefined ones). */
function withoutEmpty<T extends object>(value: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function repositoryFacts(json: Json): RepositoryFactsView {
  return withoutEmpty({
    description: text(json.description, 2000, true),
    artifactCount: count(json.artifact_count),
    pullCount: count(json.pull_count),
    updatedAt: time(json.update_time),
  });
}

function labelsOf(json: unknown): LabelView[] {
  return arrayOf(json)
    .map((label) => {
      const name = text(label.name, 200);
      if (!name) return undefined;
      const color =
        typeof label.color === 'string' && /^#[0-9a-f]{6}$/i.test(label.color) ? label.color : undefined;
      return withoutEmpty<LabelView>({ name, color, description: text(label.description, 500) });
    })
    .filter((label): label is LabelView => label !== undefined)
    .slice(0, 100);
}

/**
 * The first report of `scan_overview` (keyed by report MIME type; Harbor's own scanner, Trivy, writes
 * one). Severity counts keep the names Harbor uses (`Critical`, `High`, `Medium`, `Low`, `Unknown`).
 */
function scanOf(json: unknown): ScanOverviewView | undefined {
  if (!isObject(json)) return undefined;
  const report = Object.values(json).find(isObject);
  if (!report) return undefined;
  const status = text(report.scan_status, 100);
  if (!status) return undefined;
  const summary = isObject(report.summary) ? report.summary : {};
  const counts: Record<string, number> = {};
  if (isObject(summary.summary))
    for (const [severity, value] of Object.entries(summary.summary).slice(0, 20)) {
      const n = count(value);
      const name = severity.length <= 40 ? text(severity, 40) : undefined;
      if (n !== undefined && name) counts[name] = n;
    }
  const scanner = isObject(report.scanner)
    ? [text(report.scanner.name, 100), text(report.scanner.version, 100)].filter(Boolean).join(' ')
    : '';
  return withoutEmpty({
    status,
    scanner: scanner || undefined,
    severity: text(report.severity, 40),
    counts,
    fixable: count(summary.fixable),
    completedAt: time(report.end_time),
  });
}

function tagsOf(artifact: Json): VendorTag[] {
  const digest =
    typeof artifact.digest === 'string' && isValidDigest(artifact.digest) ? artifact.digest : undefined;
  const size = count(artifact.size);
  return arrayOf(artifact.tags).flatMap((tag) => {
    const name = typeof tag.name === 'string' ? tag.name : undefined;
    if (name === undefined) return [];
    const facts: TagFactsView = withoutEmpty({
      digest,
      pushedAt: time(tag.push_time) ?? time(artifact.push_time),
      pulledAt: time(tag.pull_time),
      size,
    });
    return [{ tag: name, facts }];
  });
}

function noProject(at: { host: string; repository: string }): BerthError {
  const { host, repository } = at;
  return new BerthError('NOT_FOUND', `${host}: ${repository} is in no Harbor project`, {
    hint: 'Harbor keeps every repository in a project (project/name); open it by its full name.',
    registry: host,
    status: 404,
  });
}

/** Harbor (API v2.0) for one saved connection. */
export function harborApi(context: VendorContext): VendorApi {
  const { http, credential } = context;
  const headers: Record<string, string> =
    credential?.kind === 'basic'
      ? {
          authorization: `Basic ${Buffer.from(`${credential.username}:${credential.password}`, 'utf8').toString('base64')}`,
        }
      : {};
  const repositoryPath = (repository: string): string => {
    const parts = harborParts(repository);
    if (!parts) throw noProject({ host: http.host, repository });
    return `${API}/projects/${encodeURIComponent(parts.project)}/repositories/${harborRepositorySegment(parts.name)}`;
  };
  const artifactQuery = 'with_tag=true&with_scan_overview=true&with_label=true';

  async function* projects(options: VendorCallOptions): AsyncGenerator<string[]> {
    yield* pagedJson(http, {
      first: `${API}/projects?page=1&page_size=${HARBOR_PAGE_SIZE}&with_detail=false`,
      headers,
      what: 'Harbor projects',
      extract: (json) =>
        arrayOf(json).map((project) => (typeof project.name === 'string' ? project.name : '')),
      nameOf: (name) => name,
      // A project name is one path segment of a repository name.
      isValid: (name) => isValidRepositoryPath(name) && !name.includes('/'),
      limits: VENDOR_REPOSITORY_LIMITS,
      ...(options.signal ? { signal: options.signal } : {}),
      warn: context.warn,
    });
  }

  return {
    vendor: 'Harbor',

    async *listRepositories(options) {
      const listed = new Set<string>();
      for await (const page of projects(options)) {
        for (const project of page) {
          const repositories = pagedJson<VendorRepository>(http, {
            first: `${API}/projects/${encodeURIComponent(project)}/repositories?page=1&page_size=${HARBOR_PAGE_SIZE}`,
            headers,
            what: `Harbor repositories of ${project}`,
            extract: (json) =>
              arrayOf(json).map((repository) => ({
                name: typeof repository.name === 'string' ? repository.name : '',
                facts: repositoryFacts(repository),
              })),
            nameOf: (repository) => repository.name,
            // Harbor names repositories with their project: one outside it is not this project's.
            isValid: (name) =>
              isValidRepositoryPath(name) && name.startsWith(`${project}/`) && !listed.has(name),
            limits: VENDOR_REPOSITORY_LIMITS,
            ...(options.signal ? { signal: options.signal } : {}),
            warn: context.warn,
          });
          for await (const items of repositories) {
            for (const item of items) listed.add(item.name);
            yield items;
          }
        }
      }
    },

    listTags(repository, options) {
      return pagedJson<VendorTag>(http, {
        first: `${repositoryPath(repository)}/artifacts?page=1&page_size=${HARBOR_PAGE_SIZE}&${artifactQuery}`,
        headers,
        what: `Harbor artifacts of ${repository}`,
        extract: (json) => arrayOf(json).flatMap(tagsOf),
        nameOf: (tag) => tag.tag,
        isValid: isValidTag,
        limits: VENDOR_TAG_LIMITS,
        ...(options.signal ? { signal: options.signal } : {}),
        warn: context.warn,
      });
    },

    async imageFacts(repository, reference, options): Promise<ImageVendorFactsView | undefined> {
      // A name without a project is none of Harbor's: nothing to say, and the v2 API still shows the image.
      if (!harborParts(repository)) return undefined;
      const response = await http.json({
        url: `${repositoryPath(repository)}/artifacts/${encodeURIComponent(reference)}?${artifactQuery}`,
        headers,
        what: `Harbor artifact ${repository}:${reference}`,
        accept: (status) => (status >= 200 && status < 300) || status === 404,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (response.status === 404 || !isObject(response.json)) return undefined;
      const artifact = response.json;
      // The repository's description, as the image view shows Quay's and GitHub's; a refusal only leaves it out.
      const described = await http
        .json({
          url: repositoryPath(repository),
          headers,
          what: `Harbor repository ${repository}`,
          ...(options.signal ? { signal: options.signal } : {}),
        })
        .then(
          (answer) => (isObject(answer.json) ? text(answer.json.description) : undefined),
          (error: unknown) => {
            if (options.signal?.aborted) throw error;
            return undefined;
          },
        );
      const tag = arrayOf(artifact.tags).find((candidate) => candidate.name === reference);
      const labels = labelsOf(artifact.labels);
      const scan = scanOf(artifact.scan_overview);
      return withoutEmpty({
        vendor: 'Harbor',
        pushedAt: time(tag?.push_time) ?? time(artifact.push_time),
        pulledAt: time(tag?.pull_time) ?? time(artifact.pull_time),
        size: count(artifact.size),
        labels: labels.length ? labels : undefined,
        scan,
        description: described,
      });
    },

    async deleteTag(repository, tag, options) {
      // The tag names its own artifact: `…/artifacts/{tag}/tags/{tag}` removes that tag and nothing else.
      const segment = encodeURIComponent(tag);
      await http.json({
        method: 'DELETE',
        url: `${repositoryPath(repository)}/artifacts/${segment}/tags/${segment}`,
        headers,
        what: `Harbor's tag delete of ${repository}:${tag}`,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    },

    async search(query, options) {
      const response = await http.json({
        url: `${API}/search?q=${encodeURIComponent(query)}`,
        headers,
        what: 'Harbor search',
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const found = isObject(response.json) ? arrayOf(response.json.repository) : [];
      const seen = new Set<string>();
      const results: VendorRepository[] = [];
      for (const repository of found) {
        const name = repository.repository_name;
        if (typeof name !== 'string' || !isValidRepositoryPath(name) || seen.has(name)) continue;
        seen.add(name);
        results.push({
          name,
          facts: withoutEmpty({
            artifactCount: count(repository.artifact_count),
            pullCount: count(repository.pull_count),
            isPrivate:
              typeof repository.project_public === 'boolean' ? !repository.project_public : undefined,
          }),
        });
        if (results.length >= options.limit) break;
      }
      return results;
    },
  };
}
