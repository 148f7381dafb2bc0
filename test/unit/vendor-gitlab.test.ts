// GitLab's kind on plain data: where its API lives when the connection does not say, and which tag
// details become facts (anything of the wrong shape is left out, never shown).
import { describe, expect, it } from 'vitest';
import { defaultApiOrigin, gitLabTagFacts } from '../../electron/core/vendors/index.js';

const HUB = 'https://hub.docker.com';

describe('GitLab API address', () => {
  it('is gitlab.com for registry.gitlab.com', () => {
    expect(defaultApiOrigin('gitlab', new URL('https://registry.gitlab.com'), HUB)?.origin).toBe(
      'https://gitlab.com',
    );
  });

  it('is the instance a self-managed registry. host belongs to (the registry port is not the API port)', () => {
    expect(defaultApiOrigin('gitlab', new URL('https://registry.example.com:5050'), HUB)?.origin).toBe(
      'https://example.com',
    );
  });

  it("is the GitLab's own address for a registry on GitLab's domain at port 5050", () => {
    expect(defaultApiOrigin('gitlab', new URL('https://gitlab.example.com:5050'), HUB)?.origin).toBe(
      'https://gitlab.example.com',
    );
  });

  it("is the registry's own origin otherwise", () => {
    expect(defaultApiOrigin('gitlab', new URL('http://127.0.0.1:8080'), HUB)?.origin).toBe(
      'http://127.0.0.1:8080',
    );
  });
});

describe('GitLab tag facts', () => {
  const digest = `sha256:${'a'.repeat(64)}`;

  it('takes the push date, the size and the digest', () => {
    expect(
      gitLabTagFacts({
        name: 'v1',
        digest,
        created_at: '2026-05-01T11:00:00.000+02:00',
        total_size: 1234,
        revision: 'x',
      }),
    ).toEqual({ pushedAt: '2026-05-01T09:00:00.000Z', size: 1234, digest });
  });

  it('leaves out what is not a date, a size or a digest', () => {
    expect(gitLabTagFacts({ created_at: 'yesterday', total_size: -1, digest: 'shadigest' })).toEqual({});
    expect(gitLabTagFacts({ created_at: 17, total_size: '12', digest: null })).toEqual({});
    expect(gitLabTagFacts({ total_size: 2 ** 60 })).toEqual({});
    expect(gitLabTagFacts(null)).toEqual({});
    expect(gitLabTagFacts(['v1'])).toEqual({});
  });
});
