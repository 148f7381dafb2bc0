/**
 * Image references parsed and normalised the way Docker does it: a port of distribution/reference v0.6
 * (`ParseNormalizedNamed`, `ParseDockerRef`, `FamiliarString` in normalize.go, `Parse` in reference.go, the
 * grammar in regexp.go) plus go-digest's checks. Docker's verdict (valid or not) and its normalisation are
 * reproduced, with two deliberate differences marked NOTE below. Docker's error texts are kept; where Docker
 * only says "invalid reference format" the actual problem follows after a colon.
 */

export const DOCKER_HUB = 'docker.io';
const LEGACY_HUB = 'index.docker.io';
const HUB_API_HOST = 'registry-1.docker.io';
const OFFICIAL_PREFIX = 'library/';
const DEFAULT_TAG = 'latest';
/** RepositoryNameTotalLengthMax. v0.6 applies it to the path alone; older versions counted domain + path. */
const MAX_PATH_LENGTH = 255;
const FORMAT = 'invalid reference format';

// Grammar, from distribution/reference regexp.go. Go's regexp is leftmost-first like JS, so groups agree.
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`;
const IPV6 = '\\[[a-fA-F0-9:]+\\]'; // brackets required; no zone ids, no embedded IPv4
const DOMAIN_AND_PORT = `(?:${DOMAIN_NAME}|${IPV6})(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';

const REFERENCE_RE = new RegExp(`^((?:${DOMAIN_AND_PORT}/)?${REMOTE_NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const NAME_RE = new RegExp(`^(?:(${DOMAIN_AND_PORT})/)?(${REMOTE_NAME})$`);
const DOMAIN_RE = new RegExp(`^${DOMAIN_AND_PORT}$`);
const HOST_RE = new RegExp(`^(?:${DOMAIN_NAME}|${IPV6})$`);
const PATH_COMPONENT_RE = new RegExp(`^${PATH_COMPONENT}$`);
const TAG_RE = new RegExp(`^${TAG}$`);
const IDENTIFIER_RE = /^[a-f0-9]{64}$/;
/** Hex length per algorithm. NOTE: go-digest also accepts sha384 (Docker links crypto/sha512); Berth does not. */
const DIGEST_HEX_LENGTH = new Map([
  ['sha256', 64],
  ['sha512', 128],
]);

export class InvalidReferenceError extends Error {
  readonly code = 'INVALID_REFERENCE';
  readonly input: string;
  /** The problem alone, without the `invalid reference "…"` prefix. */
  readonly reason: string;

  constructor(input: string, reason: string) {
    super(`invalid reference ${JSON.stringify(input)}: ${reason}`);
    this.name = 'InvalidReferenceError';
    this.input = input;
    this.reason = reason;
  }
}

export interface ImageReference {
  /** As given. */
  input: string;
  /** Domain as Docker normalises it: `docker.io` for Hub (`index.docker.io` too), else host[:port] as written. */
  registry: string;
  /** Path, e.g. `library/nginx`, `team/app`. */
  repository: string;
  /** As written; undefined if none. */
  tag?: string;
  /** `sha256:…` or `sha512:…` if given. */
  digest?: string;
  /** registry + '/' + repository. */
  name: string;
  /** ParseDockerRef form: name@digest if there is a digest, else name:tag with tag defaulting to `latest`. */
  canonical: string;
  /** Docker's FamiliarString: `docker.io/` and a lone `library/` dropped, tag and digest as written. */
  familiar: string;
  /** docker.io, index.docker.io or registry-1.docker.io, in any case. */
  isDockerHub: boolean;
  /** Host to talk HTTP to: `registry-1.docker.io` for Docker Hub, else `registry`. */
  apiHost: string;
}

export type RepositoryName = Pick<
  ImageReference,
  'registry' | 'repository' | 'name' | 'apiHost' | 'isDockerHub'
>;

export function parseReference(input: string): ImageReference {
  const fail = (reason: string): never => {
    throw new InvalidReferenceError(input, reason);
  };
  if (input === '') fail('reference is empty');
  if (/\s/.test(input))
    fail(`${FORMAT}: ${input.trim() === input ? 'contains' : 'starts or ends with'} whitespace`);
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(input)?.[0];
  if (scheme !== undefined) fail(`${FORMAT}: a reference has no scheme: drop ${JSON.stringify(scheme)}`);
  // A bare image ID is refused even though it is a valid path; `docker.io/<64 hex>` is fine (normalize.go).
  if (IDENTIFIER_RE.test(input)) fail('cannot specify 64-byte hexadecimal strings');

  const { domain, remainder, typedDomain, typedRemote } = splitDockerDomain(input);
  // Docker checks case up to the first ':', so with a digest and no tag that includes the digest algorithm.
  const remote = remainder.split(':', 1)[0] ?? '';
  if (remote.toLowerCase() !== remote) {
    const [path = '', algorithm] = remote.split('@', 2);
    if (path.toLowerCase() !== path || algorithm === undefined) {
      fail(`${FORMAT}: repository name (${path}) must be lowercase`);
    }
    fail(`${FORMAT}: ${digestProblem(remainder.slice(path.length + 1)) ?? 'digest must be lower-case'}`);
  }

  const match = REFERENCE_RE.exec(`${domain}/${remainder}`);
  if (!match) {
    const detail = diagnose(typedDomain, typedRemote);
    return fail(detail === undefined ? FORMAT : `${FORMAT}: ${detail}`);
  }
  const [, name = '', tag, digest] = match;
  const [, registry, path = ''] = NAME_RE.exec(name) ?? [];
  // NOTE: Docker accepts e.g. `a_b.c/foo`: "a_b.c" is taken as a domain, fails the domain grammar, and the
  // whole string then matches as a path, leaving the reference with an empty domain. Berth refuses it.
  if (!registry)
    return fail(`${FORMAT}: ${domainProblem(domain) ?? `no registry in ${JSON.stringify(name)}`}`);
  if (path.length > MAX_PATH_LENGTH)
    fail(`repository name must not be more than ${MAX_PATH_LENGTH} characters`);
  const badDigest = digest === undefined ? undefined : digestProblem(digest);
  if (badDigest !== undefined) fail(badDigest);
  return build(input, registry, path, tag, digest);
}

export function tryParseReference(input: string): ImageReference | InvalidReferenceError {
  try {
    return parseReference(input);
  } catch (err) {
    if (err instanceof InvalidReferenceError) return err;
    throw err;
  }
}

/** A repository without tag or digest, e.g. `127.0.0.1:5000/team/app` or `nginx`. */
export function parseRepositoryName(input: string): RepositoryName {
  const ref = parseReference(input);
  if (ref.tag !== undefined || ref.digest !== undefined) {
    const extra =
      (ref.tag === undefined ? '' : `:${ref.tag}`) + (ref.digest === undefined ? '' : `@${ref.digest}`);
    // `localhost:5000` parses as Hub repository library/localhost with tag 5000 (see splitDockerDomain).
    const hint = input.includes('/')
      ? ''
      : ` (a registry alone is not a repository: add a path, as in ${input}/app)`;
    throw new InvalidReferenceError(input, `a repository name has no tag or digest: drop "${extra}"${hint}`);
  }
  const { registry, repository, name, apiHost, isDockerHub } = ref;
  return { registry, repository, name, apiHost, isDockerHub };
}

const IMAGE_ID_RE = /^(?:sha256:[a-f0-9]{64}|[a-f0-9]{12,64})$/;

/**
 * What the engine takes as a local image: a reference (`repo:tag`, `repo`) or an image ID (`sha256:` and
 * 64 hex digits, or 12 to 64 of them). The name goes into the engine's URL path (`/images/{name}/json`),
 * so anything else (`../containers/…`) is not sent there.
 */
export function isLocalImageName(text: string): boolean {
  return IMAGE_ID_RE.test(text) || !(tryParseReference(text) instanceof InvalidReferenceError);
}

export function isDockerHubHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === DOCKER_HUB || h === LEGACY_HUB || h === HUB_API_HOST;
}

const REMOTE_NAME_RE = new RegExp(`^${REMOTE_NAME}$`);

/** A repository path as Distribution's grammar has it (`team/app`, no registry), up to 255 characters. */
export function isValidRepositoryPath(name: string): boolean {
  return name.length <= 255 && REMOTE_NAME_RE.test(name);
}

export function isValidTag(tag: string): boolean {
  return TAG_RE.test(tag);
}

export function isValidDigest(digest: string): boolean {
  return digestProblem(digest) === undefined;
}

/** Same repository, new tag, digest dropped. */
export function withTag(ref: ImageReference, tag: string): ImageReference {
  const input = `${ref.name}:${tag}`;
  const problem = tagProblem(tag);
  if (problem !== undefined) throw new InvalidReferenceError(input, `${FORMAT}: ${problem}`);
  return build(input, ref.registry, ref.repository, tag);
}

/** Same repository, new digest; the tag is kept as Docker's WithDigest does (canonical drops it). */
export function withDigest(ref: ImageReference, digest: string): ImageReference {
  const input = `${ref.name}${ref.tag === undefined ? '' : `:${ref.tag}`}@${digest}`;
  const problem = digestProblem(digest);
  if (problem !== undefined) throw new InvalidReferenceError(input, problem);
  return build(input, ref.registry, ref.repository, ref.tag, digest);
}

/** Domain and remainder as Docker splits them, plus what was typed before and after the first '/'. */
type Split = { domain: string; remainder: string; typedDomain?: string; typedRemote: string };

/**
 * normalize.go splitDockerDomain. The first component is a domain only if it is `localhost`, contains `.` or
 * `:`, or has an upper-case letter; so `localhost:5000` alone is Hub repository library/localhost, tag 5000.
 * Only `index.docker.io` is renamed: `registry-1.docker.io/ubuntu` keeps its domain and gets no `library/`.
 */
function splitDockerDomain(input: string): Split {
  const slash = input.indexOf('/');
  if (slash < 0) return { domain: DOCKER_HUB, remainder: OFFICIAL_PREFIX + input, typedRemote: input };
  const first = input.slice(0, slash);
  const rest = input.slice(slash + 1);
  const isDomain = first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first;
  if (!isDomain) return { domain: DOCKER_HUB, remainder: input, typedRemote: input };
  const domain = first === LEGACY_HUB ? DOCKER_HUB : first;
  const remainder = domain === DOCKER_HUB && !rest.includes('/') ? OFFICIAL_PREFIX + rest : rest;
  return { domain, remainder, typedDomain: first, typedRemote: rest };
}

function build(input: string, registry: string, repository: string, tag?: string, digest?: string) {
  const name = `${registry}/${repository}`;
  const isDockerHub = isDockerHubHost(registry);
  // normalize.go familiarizeName: only the exact domain docker.io is dropped, and `library/` only when
  // nothing nested follows it (`docker.io/library/a/b` stays `library/a/b`).
  let familiar = name;
  if (registry === DOCKER_HUB) {
    const short = repository.startsWith(OFFICIAL_PREFIX) ? repository.slice(OFFICIAL_PREFIX.length) : '';
    familiar = short !== '' && !short.includes('/') ? short : repository;
  }
  familiar += (tag === undefined ? '' : `:${tag}`) + (digest === undefined ? '' : `@${digest}`);
  const ref: ImageReference = {
    input,
    registry,
    repository,
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
    name,
    canonical: digest === undefined ? `${name}:${tag ?? DEFAULT_TAG}` : `${name}@${digest}`,
    familiar,
    isDockerHub,
    apiHost: isDockerHub ? HUB_API_HOST : registry,
  };
  return ref;
}

/** Why a reference Docker calls "invalid reference format" is invalid, looking at the parts as typed. */
function diagnose(typedDomain: string | undefined, typedRemote: string): string | undefined {
  const domain = typedDomain === undefined ? undefined : domainProblem(typedDomain);
  if (domain !== undefined) return domain;
  const at = typedRemote.indexOf('@');
  const beforeAt = at < 0 ? typedRemote : typedRemote.slice(0, at);
  const colon = beforeAt.indexOf(':');
  return (
    pathProblem(colon < 0 ? beforeAt : beforeAt.slice(0, colon)) ??
    (colon < 0 ? undefined : tagProblem(beforeAt.slice(colon + 1))) ??
    (at < 0 ? undefined : digestProblem(typedRemote.slice(at + 1)))
  );
}

function domainProblem(domain: string): string | undefined {
  if (DOMAIN_RE.test(domain)) return undefined;
  const bracketed = domain.startsWith('[');
  if (!bracketed && domain.split(':').length > 2) {
    return `an IPv6 registry address must be in brackets, as in [::1]:5000 (got ${JSON.stringify(domain)})`;
  }
  const split = bracketed
    ? domain.indexOf(']') + 1
    : domain.includes(':')
      ? domain.indexOf(':')
      : domain.length;
  if (bracketed && split === 0) return `registry address ${JSON.stringify(domain)} has no closing "]"`;
  const host = domain.slice(0, split);
  const port = domain.slice(split);
  if (!HOST_RE.test(host)) {
    return bracketed
      ? `IPv6 registry address ${host} may hold only hex digits and ":" (no zone, no embedded IPv4)`
      : `registry host ${JSON.stringify(host)} is not a host name (labels of letters, digits and inner "-")`;
  }
  if (!port.startsWith(':')) return `registry address ${JSON.stringify(domain)} has junk after "]"`;
  if (port === ':') return `port is empty in ${JSON.stringify(domain)}`;
  return `port ${JSON.stringify(port.slice(1))} in ${JSON.stringify(domain)} is not a number`;
}

function pathProblem(path: string): string | undefined {
  if (path === '') return 'repository name is empty';
  if (path.startsWith('/') || path.endsWith('/'))
    return `repository name ${JSON.stringify(path)} starts or ends with "/"`;
  for (const component of path.split('/')) {
    if (component === '') return `repository name ${JSON.stringify(path)} contains "//"`;
    if (PATH_COMPONENT_RE.test(component)) continue;
    const quoted = JSON.stringify(component);
    const bad = /[^a-z0-9._-]/u.exec(component)?.[0];
    if (bad !== undefined)
      return `path component ${quoted} contains "${bad}" (allowed: a-z, 0-9, ".", "_", "-")`;
    if (/^[._-]|[._-]$/.test(component))
      return `path component ${quoted} must start and end with a letter or digit`;
    // regexp.go separator: one ".", one "_", "__", or any number of "-".
    const run = component.match(/[._-]{2,}/g)?.find((sep) => sep !== '__' && !/^-+$/.test(sep));
    return `path component ${quoted} has separator "${run ?? '?'}" (allowed: ".", "_", "__" or dashes)`;
  }
  return undefined;
}

function tagProblem(tag: string): string | undefined {
  if (TAG_RE.test(tag)) return undefined;
  if (tag === '') return 'tag is empty';
  if (tag.length > 128) return `tag must be at most 128 characters (got ${tag.length})`;
  if (/^[.-]/.test(tag)) return `tag ${JSON.stringify(tag)} must start with a letter, digit or "_"`;
  return `tag ${JSON.stringify(tag)} may contain only letters, digits, "_", "." and "-"`;
}

/** go-digest Digest.Validate, restricted to sha256 and sha512; undefined when the digest is well formed. */
export function digestProblem(digest: string): string | undefined {
  if (digest === '') return 'digest is empty';
  const colon = digest.indexOf(':');
  if (colon <= 0)
    return `digest ${JSON.stringify(digest)} must be algorithm:hex, as in sha256:<64 hex digits>`;
  const algorithm = digest.slice(0, colon);
  const hex = digest.slice(colon + 1);
  const length = DIGEST_HEX_LENGTH.get(algorithm.toLowerCase());
  if (length === undefined)
    return `digest algorithm ${JSON.stringify(algorithm)} is not supported (use sha256 or sha512)`;
  if (algorithm !== algorithm.toLowerCase())
    return `digest algorithm ${JSON.stringify(algorithm)} must be lower-case`;
  if (!/^[0-9a-fA-F]*$/.test(hex)) return `digest hex may contain only 0-9 and a-f`;
  if (hex.length !== length) return `digest ${algorithm} needs ${length} hex characters, got ${hex.length}`;
  if (hex !== hex.toLowerCase()) return 'digest hex must be lower-case';
  return undefined;
}
