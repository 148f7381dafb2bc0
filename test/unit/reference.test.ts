import { describe, expect, it } from 'vitest';
import {
  DOCKER_HUB,
  InvalidReferenceError,
  isDockerHubHost,
  isValidDigest,
  isValidTag,
  parseReference,
  parseRepositoryName,
  tryParseReference,
  withDigest,
  withTag,
} from '../../shared/reference.js';

const H = '0123456789abcdef'.repeat(4); // 64 lower-case hex: a sha256 digest, or a bare image ID
const H512 = 'fedcba9876543210'.repeat(8);
const SHA = `sha256:${H}`;
const TAG128 = 'T'.repeat(128);
const P255 = 'p'.repeat(255);

interface Valid {
  input: string;
  label?: string;
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
  canonical: string;
  familiar: string;
}
interface Invalid {
  input: string;
  label?: string;
  error: string;
}
type Row = Valid | Invalid;

const rows: Row[] = [
  // registry-protocol.md section 14, row by row.
  {
    input: 'ubuntu',
    registry: 'docker.io',
    repository: 'library/ubuntu',
    canonical: 'docker.io/library/ubuntu:latest',
    familiar: 'ubuntu',
  },
  {
    input: 'library/ubuntu',
    registry: 'docker.io',
    repository: 'library/ubuntu',
    canonical: 'docker.io/library/ubuntu:latest',
    familiar: 'ubuntu',
  },
  {
    input: 'docker.io/ubuntu',
    registry: 'docker.io',
    repository: 'library/ubuntu',
    canonical: 'docker.io/library/ubuntu:latest',
    familiar: 'ubuntu',
  },
  {
    input: 'index.docker.io/ubuntu',
    registry: 'docker.io',
    repository: 'library/ubuntu',
    canonical: 'docker.io/library/ubuntu:latest',
    familiar: 'ubuntu',
  },
  {
    input: 'registry-1.docker.io/ubuntu',
    registry: 'registry-1.docker.io',
    repository: 'ubuntu',
    canonical: 'registry-1.docker.io/ubuntu:latest',
    familiar: 'registry-1.docker.io/ubuntu',
  },
  {
    input: 'myuser/app',
    registry: 'docker.io',
    repository: 'myuser/app',
    canonical: 'docker.io/myuser/app:latest',
    familiar: 'myuser/app',
  },
  {
    input: 'foo/bar/baz',
    registry: 'docker.io',
    repository: 'foo/bar/baz',
    canonical: 'docker.io/foo/bar/baz:latest',
    familiar: 'foo/bar/baz',
  },
  {
    input: 'localhost/app',
    registry: 'localhost',
    repository: 'app',
    canonical: 'localhost/app:latest',
    familiar: 'localhost/app',
  },
  {
    input: 'localhost:5000/app',
    registry: 'localhost:5000',
    repository: 'app',
    canonical: 'localhost:5000/app:latest',
    familiar: 'localhost:5000/app',
  },
  {
    input: 'localhost',
    registry: 'docker.io',
    repository: 'library/localhost',
    canonical: 'docker.io/library/localhost:latest',
    familiar: 'localhost',
  },
  {
    input: 'example.com',
    registry: 'docker.io',
    repository: 'library/example.com',
    canonical: 'docker.io/library/example.com:latest',
    familiar: 'example.com',
  },
  {
    input: '192.168.0.1',
    registry: 'docker.io',
    repository: 'library/192.168.0.1',
    canonical: 'docker.io/library/192.168.0.1:latest',
    familiar: '192.168.0.1',
  },
  {
    input: 'localhost:5000',
    registry: 'docker.io',
    repository: 'library/localhost',
    tag: '5000',
    canonical: 'docker.io/library/localhost:5000',
    familiar: 'localhost:5000',
  },
  {
    input: 'example.com/app',
    registry: 'example.com',
    repository: 'app',
    canonical: 'example.com/app:latest',
    familiar: 'example.com/app',
  },
  {
    input: 'myregistry:5000/app',
    registry: 'myregistry:5000',
    repository: 'app',
    canonical: 'myregistry:5000/app:latest',
    familiar: 'myregistry:5000/app',
  },
  {
    input: '127.0.0.1:5000/a/b',
    registry: '127.0.0.1:5000',
    repository: 'a/b',
    canonical: '127.0.0.1:5000/a/b:latest',
    familiar: '127.0.0.1:5000/a/b',
  },
  {
    input: '[::1]:5000/app',
    registry: '[::1]:5000',
    repository: 'app',
    canonical: '[::1]:5000/app:latest',
    familiar: '[::1]:5000/app',
  },
  {
    input: 'fc00::1:5000/app',
    error: 'invalid reference format: an IPv6 registry address must be in brackets',
  },
  { input: 'Foo/bar', registry: 'Foo', repository: 'bar', canonical: 'Foo/bar:latest', familiar: 'Foo/bar' },
  {
    input: 'UPPER.example.com/a',
    registry: 'UPPER.example.com',
    repository: 'a',
    canonical: 'UPPER.example.com/a:latest',
    familiar: 'UPPER.example.com/a',
  },
  { input: 'foo/Bar', error: 'invalid reference format: repository name (foo/Bar) must be lowercase' },
  {
    input: 'ghcr.io/Owner/repo',
    error: 'invalid reference format: repository name (Owner/repo) must be lowercase',
  },
  { input: 'Ubuntu', error: 'invalid reference format: repository name (library/Ubuntu) must be lowercase' },
  {
    input: 'ubuntu:Latest',
    registry: 'docker.io',
    repository: 'library/ubuntu',
    tag: 'Latest',
    canonical: 'docker.io/library/ubuntu:Latest',
    familiar: 'ubuntu:Latest',
  },
  {
    input: `ubuntu@${SHA}`,
    registry: 'docker.io',
    repository: 'library/ubuntu',
    digest: SHA,
    canonical: `docker.io/library/ubuntu@${SHA}`,
    familiar: `ubuntu@${SHA}`,
  },
  {
    input: `ubuntu:22.04@${SHA}`,
    registry: 'docker.io',
    repository: 'library/ubuntu',
    tag: '22.04',
    digest: SHA,
    canonical: `docker.io/library/ubuntu@${SHA}`,
    familiar: `ubuntu:22.04@${SHA}`,
  },
  {
    input: 'ubuntu@sha256:abc',
    error: 'invalid reference format: digest sha256 needs 64 hex characters, got 3',
  },
  { input: H, label: 'bare 64-hex image ID', error: 'cannot specify 64-byte hexadecimal strings' },
  {
    input: `docker.io/${H}`,
    registry: 'docker.io',
    repository: `library/${H}`,
    canonical: `docker.io/library/${H}:latest`,
    familiar: H,
  },
  {
    input: 'a__b/c',
    registry: 'docker.io',
    repository: 'a__b/c',
    canonical: 'docker.io/a__b/c:latest',
    familiar: 'a__b/c',
  },
  {
    input: 'a--b/c',
    registry: 'docker.io',
    repository: 'a--b/c',
    canonical: 'docker.io/a--b/c:latest',
    familiar: 'a--b/c',
  },
  { input: 'a___b/c', error: 'invalid reference format: path component "a___b" has separator "___"' },
  // "a..b" contains a "." so Docker takes it for a domain, and it is not a valid host name.
  { input: 'a..b/c', error: 'invalid reference format: registry host "a..b" is not a host name' },
  {
    input: '-a/b',
    error: 'invalid reference format: path component "-a" must start and end with a letter or digit',
  },
  { input: 'a/b/', error: 'invalid reference format: repository name "a/b/" starts or ends with "/"' },
  { input: 'a/b:-tag', error: 'invalid reference format: tag "-tag" must start with a letter, digit or "_"' },
  { input: 'a/b:.tag', error: 'invalid reference format: tag ".tag" must start with a letter, digit or "_"' },
  {
    input: `a/b:${TAG128}x`,
    label: 'a/b:<129-char tag>',
    error: 'invalid reference format: tag must be at most 128 characters (got 129)',
  },
  {
    input: 'https://ghcr.io/a/b',
    error: 'invalid reference format: a reference has no scheme: drop "https://"',
  },

  // Hosts.
  {
    input: 'GHCR.IO/owner/repo',
    registry: 'GHCR.IO',
    repository: 'owner/repo',
    canonical: 'GHCR.IO/owner/repo:latest',
    familiar: 'GHCR.IO/owner/repo',
  },
  // Only the exact string docker.io is the Hub domain for normalisation: no library/, not familiarised.
  {
    input: 'DOCKER.IO/ubuntu',
    registry: 'DOCKER.IO',
    repository: 'ubuntu',
    canonical: 'DOCKER.IO/ubuntu:latest',
    familiar: 'DOCKER.IO/ubuntu',
  },
  {
    input: '[fc00:1:2:3:4:5:6:7]:5000/library/debian:12',
    registry: '[fc00:1:2:3:4:5:6:7]:5000',
    repository: 'library/debian',
    tag: '12',
    canonical: '[fc00:1:2:3:4:5:6:7]:5000/library/debian:12',
    familiar: '[fc00:1:2:3:4:5:6:7]:5000/library/debian:12',
  },
  {
    input: '[::1]/app',
    registry: '[::1]',
    repository: 'app',
    canonical: '[::1]/app:latest',
    familiar: '[::1]/app',
  },
  { input: '[::1]', error: 'invalid reference format: path component "[" contains "["' },
  {
    input: '[fe80::1%eth0]:5000/debian',
    error: 'IPv6 registry address [fe80::1%eth0] may hold only hex digits and ":"',
  },
  { input: 'myhost:5000/', error: 'invalid reference format: repository name is empty' },
  { input: 'myhost:/app', error: 'invalid reference format: port is empty in "myhost:"' },
  {
    input: 'myhost:0/app',
    registry: 'myhost:0',
    repository: 'app',
    canonical: 'myhost:0/app:latest',
    familiar: 'myhost:0/app',
  },
  {
    input: 'myhost:99999/app',
    registry: 'myhost:99999',
    repository: 'app',
    canonical: 'myhost:99999/app:latest',
    familiar: 'myhost:99999/app',
  },
  {
    input: 'myregistry:5000/a/b:tag',
    registry: 'myregistry:5000',
    repository: 'a/b',
    tag: 'tag',
    canonical: 'myregistry:5000/a/b:tag',
    familiar: 'myregistry:5000/a/b:tag',
  },
  {
    input: 'reg.example.com:443/a/b/c/d/e/f:v1',
    registry: 'reg.example.com:443',
    repository: 'a/b/c/d/e/f',
    tag: 'v1',
    canonical: 'reg.example.com:443/a/b/c/d/e/f:v1',
    familiar: 'reg.example.com:443/a/b/c/d/e/f:v1',
  },
  { input: 'a.b.c/d', registry: 'a.b.c', repository: 'd', canonical: 'a.b.c/d:latest', familiar: 'a.b.c/d' },
  {
    input: 'xn--n3h.com/foo',
    registry: 'xn--n3h.com',
    repository: 'foo',
    canonical: 'xn--n3h.com/foo:latest',
    familiar: 'xn--n3h.com/foo',
  },
  {
    input: 'ghcr.io/owner/repo',
    registry: 'ghcr.io',
    repository: 'owner/repo',
    canonical: 'ghcr.io/owner/repo:latest',
    familiar: 'ghcr.io/owner/repo',
  },
  {
    input: 'quay.io/org/x',
    registry: 'quay.io',
    repository: 'org/x',
    canonical: 'quay.io/org/x:latest',
    familiar: 'quay.io/org/x',
  },
  {
    input: 'LOCALHOST/app',
    registry: 'LOCALHOST',
    repository: 'app',
    canonical: 'LOCALHOST/app:latest',
    familiar: 'LOCALHOST/app',
  },
  {
    input: '192.168.0.1:80',
    registry: 'docker.io',
    repository: 'library/192.168.0.1',
    tag: '80',
    canonical: 'docker.io/library/192.168.0.1:80',
    familiar: '192.168.0.1:80',
  },
  {
    input: 'docker.io',
    registry: 'docker.io',
    repository: 'library/docker.io',
    canonical: 'docker.io/library/docker.io:latest',
    familiar: 'docker.io',
  },
  // No "." or ":" and lower case: a Hub namespace, not a host.
  {
    input: 'test_com/foo',
    registry: 'docker.io',
    repository: 'test_com/foo',
    canonical: 'docker.io/test_com/foo:latest',
    familiar: 'test_com/foo',
  },
  // Docker accepts this one with an empty domain (the whole string matches as a path); Berth refuses it.
  { input: 'a_b.c/foo', error: 'invalid reference format: registry host "a_b.c" is not a host name' },
  {
    input: 'docker.io/library/a/b',
    registry: 'docker.io',
    repository: 'library/a/b',
    canonical: 'docker.io/library/a/b:latest',
    familiar: 'library/a/b',
  },

  // Digests.
  {
    input: `docker.io/library/nginx:1.25-alpine@${SHA}`,
    registry: 'docker.io',
    repository: 'library/nginx',
    tag: '1.25-alpine',
    digest: SHA,
    canonical: `docker.io/library/nginx@${SHA}`,
    familiar: `nginx:1.25-alpine@${SHA}`,
  },
  {
    input: `ghcr.io/o/r@sha512:${H512}`,
    registry: 'ghcr.io',
    repository: 'o/r',
    digest: `sha512:${H512}`,
    canonical: `ghcr.io/o/r@sha512:${H512}`,
    familiar: `ghcr.io/o/r@sha512:${H512}`,
  },
  { input: `ubuntu@sha256:${H.toUpperCase()}`, error: 'digest hex must be lower-case' },
  {
    input: `ubuntu@SHA256:${H}`,
    error: 'invalid reference format: digest algorithm "SHA256" must be lower-case',
  },
  { input: `ubuntu@md5:${H.slice(0, 32)}`, error: 'digest algorithm "md5" is not supported' },
  // go-digest knows sha384 and Docker accepts it; Berth only takes sha256 and sha512.
  { input: `ubuntu@sha384:${H512.slice(0, 96)}`, error: 'digest algorithm "sha384" is not supported' },
  { input: `ubuntu@sha256:${H.slice(1)}`, error: 'digest sha256 needs 64 hex characters, got 63' },
  { input: `ubuntu@${H}`, error: 'invalid reference format: digest "0123' },
  { input: 'ubuntu@', error: 'invalid reference format: digest is empty' },
  { input: '@', error: 'invalid reference format: repository name is empty' },

  // Tags and lengths.
  {
    input: `a/b:${TAG128}`,
    label: 'a/b:<128-char tag>',
    registry: 'docker.io',
    repository: 'a/b',
    tag: TAG128,
    canonical: `docker.io/a/b:${TAG128}`,
    familiar: `a/b:${TAG128}`,
  },
  { input: 'nginx:', error: 'invalid reference format: tag is empty' },
  { input: 'nginx:a+b', error: 'invalid reference format: tag "a+b" may contain only letters, digits' },
  {
    input: 'nginx:_',
    registry: 'docker.io',
    repository: 'library/nginx',
    tag: '_',
    canonical: 'docker.io/library/nginx:_',
    familiar: 'nginx:_',
  },
  {
    input: `example.com/${P255}`,
    label: 'example.com/<255-char path>',
    registry: 'example.com',
    repository: P255,
    canonical: `example.com/${P255}:latest`,
    familiar: `example.com/${P255}`,
  },
  {
    input: `example.com/${P255}p`,
    label: 'example.com/<256-char path>',
    error: 'repository name must not be more than 255 characters',
  },
  // On the Hub, "library/" counts towards the 255: a lone name may have 247 characters.
  {
    input: 'p'.repeat(247),
    label: '<247-char Hub name>',
    registry: 'docker.io',
    repository: `library/${'p'.repeat(247)}`,
    canonical: `docker.io/library/${'p'.repeat(247)}:latest`,
    familiar: 'p'.repeat(247),
  },
  {
    input: 'p'.repeat(248),
    label: '<248-char Hub name>',
    error: 'repository name must not be more than 255 characters',
  },

  // Path components.
  {
    input: 'a_b',
    registry: 'docker.io',
    repository: 'library/a_b',
    canonical: 'docker.io/library/a_b:latest',
    familiar: 'a_b',
  },
  {
    input: 'a__b',
    registry: 'docker.io',
    repository: 'library/a__b',
    canonical: 'docker.io/library/a__b:latest',
    familiar: 'a__b',
  },
  { input: 'a___b', error: 'path component "a___b" has separator "___"' },
  {
    input: 'a-b',
    registry: 'docker.io',
    repository: 'library/a-b',
    canonical: 'docker.io/library/a-b:latest',
    familiar: 'a-b',
  },
  {
    input: 'a---b',
    registry: 'docker.io',
    repository: 'library/a---b',
    canonical: 'docker.io/library/a---b:latest',
    familiar: 'a---b',
  },
  { input: '-a', error: 'path component "-a" must start and end with a letter or digit' },
  {
    input: 'a.b',
    registry: 'docker.io',
    repository: 'library/a.b',
    canonical: 'docker.io/library/a.b:latest',
    familiar: 'a.b',
  },
  { input: 'a..b', error: 'path component "a..b" has separator ".."' },
  { input: 'a_-b/c', error: 'path component "a_-b" has separator "_-"' },
  { input: 'a-', error: 'path component "a-" must start and end with a letter or digit' },
  { input: 'team/app_', error: 'path component "app_" must start and end with a letter or digit' },
  { input: 'team//app', error: 'repository name "team//app" contains "//"' },
  { input: 'team/a#b', error: 'path component "a#b" contains "#"' },

  // Whitespace and empty input.
  { input: '', label: '<empty>', error: 'reference is empty' },
  { input: ' nginx', error: 'invalid reference format: starts or ends with whitespace' },
  { input: 'nginx\n', error: 'invalid reference format: starts or ends with whitespace' },
  { input: 'my app', error: 'invalid reference format: contains whitespace' },
];

describe('parseReference', () => {
  it.each(rows.map((row) => [row.label ?? row.input, row] as const))('%s', (_title, row) => {
    if ('error' in row) {
      const result = tryParseReference(row.input);
      expect(result).toBeInstanceOf(InvalidReferenceError);
      expect((result as InvalidReferenceError).message).toContain(row.error);
      expect(() => parseReference(row.input)).toThrow(InvalidReferenceError);
      return;
    }
    const ref = parseReference(row.input);
    const { registry, repository, tag, digest, canonical, familiar } = ref;
    expect({ registry, repository, tag, digest, canonical, familiar }).toStrictEqual({
      registry: row.registry,
      repository: row.repository,
      tag: row.tag,
      digest: row.digest,
      canonical: row.canonical,
      familiar: row.familiar,
    });
    expect(ref.input).toBe(row.input);
    expect(ref.name).toBe(`${row.registry}/${row.repository}`);
  });

  it('has at least 45 rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(45);
  });

  it.each([
    ['Ubuntu', 'invalid reference format: repository name (library/Ubuntu) must be lowercase'],
    [H, 'cannot specify 64-byte hexadecimal strings'],
    ['https://ghcr.io/a/b', 'invalid reference format: a reference has no scheme: drop "https://"'],
    ['', 'reference is empty'],
  ])('gives the exact error text for "%s"', (input, reason) => {
    const err = tryParseReference(input);
    expect(err).toBeInstanceOf(InvalidReferenceError);
    expect((err as InvalidReferenceError).message).toBe(`invalid reference "${input}": ${reason}`);
  });

  it('puts code, input and reason on the error', () => {
    const err = tryParseReference('foo/Bar');
    expect(err).toBeInstanceOf(InvalidReferenceError);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({
      code: 'INVALID_REFERENCE',
      name: 'InvalidReferenceError',
      input: 'foo/Bar',
      reason: 'invalid reference format: repository name (foo/Bar) must be lowercase',
    });
  });

  it.each([
    ['nginx', true, 'registry-1.docker.io'],
    ['index.docker.io/library/nginx', true, 'registry-1.docker.io'],
    ['registry-1.docker.io/ubuntu', true, 'registry-1.docker.io'],
    ['DOCKER.IO/ubuntu', true, 'registry-1.docker.io'],
    ['ghcr.io/a/b', false, 'ghcr.io'],
    ['localhost:5000/a', false, 'localhost:5000'],
    ['docker.io:443/a/b', false, 'docker.io:443'],
  ])('%s: isDockerHub %s, apiHost %s', (input, isDockerHub, apiHost) => {
    expect(parseReference(input)).toMatchObject({ isDockerHub, apiHost });
  });

  it('stays fast on long hostile input', () => {
    const started = performance.now();
    for (const input of ['a-'.repeat(50_000), `${'a.'.repeat(50_000)}/x!`, `x/${'a_'.repeat(50_000)}`]) {
      expect(tryParseReference(input)).toBeInstanceOf(InvalidReferenceError);
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('withTag and withDigest', () => {
  it('withTag keeps the repository, sets the tag and drops the digest', () => {
    const ref = parseReference(`nginx:1.24@${SHA}`);
    const tagged = withTag(ref, '1.25');
    expect(tagged).toMatchObject({
      registry: DOCKER_HUB,
      repository: 'library/nginx',
      tag: '1.25',
      canonical: 'docker.io/library/nginx:1.25',
      familiar: 'nginx:1.25',
    });
    expect(tagged.digest).toBeUndefined();
    expect(ref.tag).toBe('1.24');
    expect(() => withTag(ref, '-x')).toThrow('tag "-x" must start with a letter, digit or "_"');
    expect(() => withTag(ref, '')).toThrow(InvalidReferenceError);
  });

  it('withDigest sets the digest and keeps the tag, as Docker WithDigest does', () => {
    const ref = parseReference('registry-1.docker.io/ubuntu:22.04');
    const pinned = withDigest(ref, SHA);
    expect(pinned).toMatchObject({
      registry: 'registry-1.docker.io',
      repository: 'ubuntu',
      tag: '22.04',
      digest: SHA,
      canonical: `registry-1.docker.io/ubuntu@${SHA}`,
      familiar: `registry-1.docker.io/ubuntu:22.04@${SHA}`,
      isDockerHub: true,
    });
    expect(ref.digest).toBeUndefined();
    expect(() => withDigest(ref, 'sha256:abc')).toThrow('digest sha256 needs 64 hex characters, got 3');
    expect(() => withDigest(ref, H)).toThrow(InvalidReferenceError);
  });
});

describe('isValidDigest and isValidTag', () => {
  it.each([
    [SHA, true],
    [`sha512:${H512}`, true],
    [`sha256:${H.toUpperCase()}`, false],
    [`SHA256:${H}`, false],
    [`sha256:${H}0`, false],
    [`sha256:${H.slice(1)}`, false],
    [`sha384:${H512.slice(0, 96)}`, false],
    [`md5:${H.slice(0, 32)}`, false],
    [`sha256:${H.slice(1)}g`, false],
    ['sha256:', false],
    [H, false],
    ['', false],
  ])('isValidDigest(%s) is %s', (digest, valid) => {
    expect(isValidDigest(digest)).toBe(valid);
  });

  it.each([
    ['latest', true],
    ['_', true],
    ['1.25-alpine', true],
    ['V1_2', true],
    [TAG128, true],
    [`${TAG128}x`, false],
    ['', false],
    ['-a', false],
    ['.a', false],
    ['a:b', false],
    ['a/b', false],
    ['a+b', false],
  ])('isValidTag(%s) is %s', (tag, valid) => {
    expect(isValidTag(tag)).toBe(valid);
  });
});

describe('isDockerHubHost', () => {
  it.each([
    ['docker.io', true],
    ['index.docker.io', true],
    ['registry-1.docker.io', true],
    ['Registry-1.Docker.IO', true],
    ['hub.docker.com', false],
    ['docker.io:443', false],
    ['ghcr.io', false],
  ])('%s is %s', (host, hub) => {
    expect(isDockerHubHost(host)).toBe(hub);
  });
});

describe('parseRepositoryName', () => {
  it('parses a repository without tag or digest', () => {
    expect(parseRepositoryName('127.0.0.1:5000/team/app')).toStrictEqual({
      registry: '127.0.0.1:5000',
      repository: 'team/app',
      name: '127.0.0.1:5000/team/app',
      apiHost: '127.0.0.1:5000',
      isDockerHub: false,
    });
    expect(parseRepositoryName('nginx')).toStrictEqual({
      registry: 'docker.io',
      repository: 'library/nginx',
      name: 'docker.io/library/nginx',
      apiHost: 'registry-1.docker.io',
      isDockerHub: true,
    });
  });

  it('refuses a tag or a digest', () => {
    expect(() => parseRepositoryName('ghcr.io/a/b:1')).toThrow('drop ":1"');
    expect(() => parseRepositoryName(`ghcr.io/a/b:1@${SHA}`)).toThrow(`drop ":1@${SHA}"`);
    expect(() => parseRepositoryName('localhost:5000')).toThrow(
      'drop ":5000" (a registry alone is not a repository: add a path, as in localhost:5000/app)',
    );
    expect(() => parseRepositoryName('Foo/Bar')).toThrow('repository name (Bar) must be lowercase');
  });
});
