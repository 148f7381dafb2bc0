// The CLI's `berth inspect REF` and the `registry.inspect` request both reach inspectAt through
// inspectTarget: a reference is read into what to inspect in one place.
import { describe, expect, it } from 'vitest';
import { inspectTarget } from '../../electron/core/registry/index.js';
import { imageAt, parseImageLocation, repositoryAt } from '../../shared/location.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('inspectTarget', () => {
  it.each([
    ['nginx', { registry: 'docker.io', repository: 'library/nginx', reference: 'latest', tag: 'latest' }],
    ['localhost:5000/x', { registry: 'localhost:5000', repository: 'x', reference: 'latest', tag: 'latest' }],
    [
      '127.0.0.1:5000/team/app:1.0',
      { registry: '127.0.0.1:5000', repository: 'team/app', reference: '1.0', tag: '1.0' },
    ],
    [
      `ghcr.io/o/a:1.0@${DIGEST}`,
      { registry: 'ghcr.io', repository: 'o/a', reference: DIGEST, tag: undefined },
    ],
  ])('reads the CLI argument %s', (text, target) => {
    expect(inspectTarget(parseImageLocation(text))).toEqual(target);
  });

  it("gives a request's {connection, repository, reference} the same target as the CLI's text", () => {
    for (const [text, registry, repository, reference] of [
      ['localhost:5000/x:2', 'localhost:5000', 'x', '2'],
      [`localhost:5000/x@${DIGEST}`, 'localhost:5000', 'x', DIGEST],
      ['docker.io/library/nginx:latest', 'docker.io', 'library/nginx', 'latest'],
    ] as const) {
      const fromRequest = inspectTarget(imageAt(repositoryAt(registry, repository), reference));
      expect(fromRequest).toEqual(inspectTarget(parseImageLocation(text)));
    }
  });

  it('names a digest-only target by its digest, with no tag', () => {
    expect(inspectTarget(imageAt(repositoryAt('r', 'x'), DIGEST)).tag).toBeUndefined();
  });
});
