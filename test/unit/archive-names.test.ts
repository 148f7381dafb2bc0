// The names a save gives images: Docker's short form for Docker Hub, as `docker save` writes RepoTags.
import { describe, expect, it } from 'vitest';
import { dockerRepoTag, ociBlobPath } from '../../electron/core/archive/index.js';
import { imageAt, repositoryAt } from '../../shared/location.js';

describe('dockerRepoTag', () => {
  it('writes Docker Hub names short, as docker save does, and others in full', () => {
    expect(dockerRepoTag(imageAt(repositoryAt('docker.io', 'library/alpine'), '3'))).toBe('alpine:3');
    expect(dockerRepoTag(imageAt(repositoryAt('docker.io', 'team/app'), '1'))).toBe('team/app:1');
    expect(dockerRepoTag(imageAt(repositoryAt('docker.io', 'library/a/b'), '1'))).toBe('library/a/b:1');
    expect(dockerRepoTag(imageAt(repositoryAt('127.0.0.1:5000', 'team/app'), 'v1'))).toBe(
      '127.0.0.1:5000/team/app:v1',
    );
    expect(dockerRepoTag(imageAt(repositoryAt('ghcr.io', 'library/alpine'), '3'))).toBe(
      'ghcr.io/library/alpine:3',
    );
  });

  it('gives an image saved by digest no tag', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(dockerRepoTag(imageAt(repositoryAt('docker.io', 'library/alpine'), digest))).toBeUndefined();
  });

  it('never turns a digest that is a path into a path', () => {
    expect(ociBlobPath(`sha256:${'b'.repeat(64)}`)).toBe(`blobs/sha256/${'b'.repeat(64)}`);
    expect(() => ociBlobPath('sha256:../../etc/passwd')).toThrow(/is not a digest/);
  });
});
