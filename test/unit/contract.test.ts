import { describe, expect, it } from 'vitest';
import { isRequestName, requests, validateInput } from '../../shared/contract/index.js';

function problem(name: Parameters<typeof validateInput>[0], input: unknown): string {
  const outcome = validateInput(name, input);
  if (outcome.ok) throw new Error(`${name} accepted ${JSON.stringify(input)}`);
  expect(outcome.error.code).toBe('INVALID_INPUT');
  return outcome.error.message;
}

describe('the contract validates inputs at the door', () => {
  it('accepts a well-formed input and returns the parsed value', () => {
    const outcome = validateInput('registry.listTags', { connection: 'local', repository: 'team/app' });
    expect(outcome).toEqual({ ok: true, value: { connection: 'local', repository: 'team/app' } });
  });

  it('names the field and the rule when a repository name is not one', () => {
    expect(problem('registry.listTags', { connection: 'local', repository: 'Team/App' })).toBe(
      'repository: a repository name is lower-case path components like team/app',
    );
  });

  it('refuses a missing connection name', () => {
    expect(problem('registry.ping', {})).toBe('connection is missing');
  });

  it('refuses fields the request does not know (no smuggled options)', () => {
    expect(problem('registry.ping', { connection: 'local', insecure: true })).toMatch(/insecure/);
  });

  it('refuses a reference that is neither a tag nor a digest', () => {
    expect(
      problem('registry.inspect', { connection: 'local', repository: 'team/app', reference: 'not a tag' }),
    ).toMatch(/reference: a reference is a tag \(1\.0\) or a digest/);
  });

  it('refuses a digest that is not one', () => {
    expect(
      problem('registry.deleteImage', { connection: 'local', repository: 'team/app', digest: 'sha256:12' }),
    ).toMatch(/digest: a digest is sha256:<64 hex digits> or sha512:<128 hex digits>/);
  });

  it.each([
    ['md5', `md5:${'a'.repeat(32)}`],
    ['sha384', `sha384:${'a'.repeat(96)}`],
    ['sha512 of sha256 length', `sha512:${'a'.repeat(64)}`],
    ['upper-case hex', `sha256:${'A'.repeat(64)}`],
  ])('refuses a digest Berth cannot verify: %s', (_name, digest) => {
    expect(problem('registry.deleteImage', { connection: 'local', repository: 'team/app', digest })).toMatch(
      /digest: a digest is sha256:/,
    );
    expect(
      problem('registry.inspect', { connection: 'local', repository: 'team/app', reference: digest }),
    ).toMatch(/reference: /);
  });

  it('accepts sha256 and sha512 digests', () => {
    for (const digest of [`sha256:${'a'.repeat(64)}`, `sha512:${'b'.repeat(128)}`])
      expect(
        validateInput('registry.deleteImage', { connection: 'local', repository: 'team/app', digest }).ok,
      ).toBe(true);
  });

  it('refuses a platform written the wrong way', () => {
    expect(
      problem('registry.inspect', {
        connection: 'local',
        repository: 'team/app',
        reference: '1.0',
        platform: 'amd64',
      }),
    ).toMatch(/platform: a platform is os\/arch or os\/arch\/variant/);
  });

  it('refuses a tag summary of no tags, of more than 50, or of a name that is not a tag', () => {
    const input = (tags: string[]) => ({ connection: 'local', repository: 'team/app', tags });
    expect(problem('registry.tagSummary', input([]))).toBe('tags is empty');
    const many = Array.from({ length: 51 }, (_, index) => `t${index}`);
    expect(problem('registry.tagSummary', input(many))).toMatch(/^tags has more than \d+$/);
    expect(problem('registry.tagSummary', input(['1.0', 'not a tag']))).toMatch(/tags item 2: a tag is/);
    expect(validateInput('registry.tagSummary', input(many.slice(0, 50))).ok).toBe(true);
  });

  it('refuses a password without a username', () => {
    expect(problem('connections.add', { name: 'local', url: 'localhost:5000', secret: 'pw' })).toMatch(
      /username: a password or token needs a username/,
    );
  });

  it('refuses an unknown job kind and lists the known ones', () => {
    expect(problem('jobs.start', { kind: 'teleport', source: 'a', destination: 'b' })).toMatch(
      /kind must be one of copy, sync, pull, push/,
    );
  });

  it('accepts each job kind with its own fields', () => {
    const image = { connection: 'local', repository: 'team/app', reference: '1' };
    const repository = { connection: 'local', repository: 'team/app' };
    expect(validateInput('jobs.start', { kind: 'copy', source: image, destination: repository }).ok).toBe(
      true,
    );
    expect(
      validateInput('jobs.start', { kind: 'sync', source: repository, destination: repository }).ok,
    ).toBe(true);
    expect(validateInput('jobs.start', { kind: 'pull', image, platform: 'linux/arm64' }).ok).toBe(true);
    expect(validateInput('jobs.start', { kind: 'push', source: 'team/app:1', to: image }).ok).toBe(true);
    expect(validateInput('jobs.start', { kind: 'pull', source: image }).ok).toBe(false);
    expect(validateInput('jobs.start', { kind: 'pull', image: repository }).ok).toBe(false);
    expect(validateInput('jobs.start', { kind: 'storage', connection: 'local' }).ok).toBe(true);
    expect(validateInput('jobs.start', { kind: 'storage', ...repository }).ok).toBe(true);
    expect(problem('jobs.start', { kind: 'storage', connection: 'local', repository: '../Team' })).toMatch(
      /repository: a repository name is lower-case path components/,
    );
    expect(validateInput('jobs.start', { kind: 'storage', connection: 'local', path: '/srv' }).ok).toBe(
      false,
    );
  });

  it("refuses a reference string where a job names a saved connection's image, and says so", () => {
    const image = { connection: 'local', repository: 'team/app', reference: '1' };
    expect(
      problem('jobs.start', { kind: 'copy', source: '127.0.0.1:5000/team/app:1', destination: image }),
    ).toMatch(
      /source: name a saved connection's image as \{connection, repository, reference\}, not as a reference string/,
    );
    expect(problem('jobs.start', { kind: 'pull', image: '127.0.0.1:5000/team/app:1' })).toMatch(
      /image: .*not as a reference string/,
    );
    expect(problem('copy.plan', { source: image, destination: '127.0.0.1:5000/team/app' })).toMatch(
      /destination: .*\{connection, repository, reference\?\}, not as a reference string/,
    );
  });

  it('refuses a local image to push that is neither a name nor an image ID, before the engine sees it', () => {
    const to = { connection: 'local', repository: 'team/app', reference: '1' };
    for (const source of [
      '../../containers/4f2a/json',
      'Team/App:1',
      'team/app:1 --all',
      'a?b',
      '%2e%2e/x',
    ]) {
      expect(problem('jobs.start', { kind: 'push', source, to })).toBe(
        'source: a local image is repository:tag, a repository, or an image ID (sha256:…)',
      );
    }
    for (const source of [
      'team/app:1',
      'team/app',
      `sha256:${'ab'.repeat(32)}`,
      'ab'.repeat(32),
      '4f2a9c1b3d5e',
    ])
      expect(validateInput('jobs.start', { kind: 'push', source, to }).ok).toBe(true);
  });

  it('says in its own words when a connection or repository name is too long', () => {
    const image = { connection: 'local', repository: 'team/app', reference: '1' };
    expect(
      problem('jobs.start', {
        kind: 'copy',
        source: { ...image, repository: 'a'.repeat(256) },
        destination: { ...image, connection: 'c'.repeat(101) },
      }),
    ).toBe(
      'source repository: a repository name is at most 255 characters; destination connection: a connection name is at most 100 characters',
    );
  });

  it('refuses a push to a digest at the door: the engine pushes to a tag', () => {
    const to = { connection: 'local', repository: 'team/app', reference: `sha256:${'a'.repeat(64)}` };
    expect(problem('jobs.start', { kind: 'push', source: 'team/app:1', to })).toMatch(
      /^to reference: a push goes to a tag \(1\.0\), not a digest/,
    );
    expect(
      validateInput('jobs.start', { kind: 'push', source: 'team/app:1', to: { ...to, reference: '1' } }).ok,
    ).toBe(true);
    const { reference: _reference, ...repository } = to;
    expect(validateInput('jobs.start', { kind: 'push', source: 'team/app:1', to: repository }).ok).toBe(true);
  });

  it('refuses a malformed local image to push at the door, and takes names and image IDs', () => {
    for (const source of ['Bad Name!', 'team/app:1@sha256:zz'])
      expect(problem('jobs.start', { kind: 'push', source })).toBe(
        'source: a local image is repository:tag, a repository, or an image ID (sha256:…)',
      );
    for (const source of ['berth.test/tools:1', 'team/app', 'fa3e3eb2605e', `sha256:${'b'.repeat(64)}`])
      expect(validateInput('jobs.start', { kind: 'push', source }).ok).toBe(true);
  });

  it('refuses a job id that is not a UUID', () => {
    expect(problem('jobs.cancel', { id: '../../etc' })).toBe('id is not a valid id');
  });

  it('refuses page sizes out of range', () => {
    expect(problem('registry.listRepositories', { connection: 'local', pageSize: 0 })).toMatch(/page size/);
  });

  it('knows its request names and nothing else', () => {
    expect(isRequestName('registry.inspect')).toBe(true);
    expect(isRequestName('constructor')).toBe(false);
    expect(isRequestName('__proto__')).toBe(false);
    expect(Object.keys(requests).every((name) => /^[a-z]+\.[a-zA-Z]+$/.test(name))).toBe(true);
  });
});
