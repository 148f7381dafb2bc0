import { describe, expect, it } from 'vitest';
import {
  imageAt,
  referenceText,
  parseImageLocation,
  parseRepositoryLocation,
  sameRepository,
} from '../../shared/location.js';

describe('image locations', () => {
  it('parses a reference once into registry, repository and tag or digest', () => {
    expect(parseImageLocation('127.0.0.1:5000/team/app:1.0')).toEqual({
      registry: '127.0.0.1:5000',
      repository: 'team/app',
      reference: '1.0',
    });
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(parseImageLocation(`127.0.0.1:5000/team/app:1.0@${digest}`).reference).toBe(digest);
    expect(parseImageLocation('nginx')).toEqual({
      registry: 'docker.io',
      repository: 'library/nginx',
      reference: 'latest',
    });
  });

  it('parses a repository and refuses a tag on it', () => {
    expect(parseRepositoryLocation('ghcr.io/acme/tool')).toEqual({
      registry: 'ghcr.io',
      repository: 'acme/tool',
    });
    expect(() => parseRepositoryLocation('ghcr.io/acme/tool:1')).toThrow(/has no tag or digest/);
  });

  it('writes a location the way a reference is written', () => {
    const repository = { registry: '127.0.0.1:5000', repository: 'team/app' };
    expect(referenceText(repository)).toBe('127.0.0.1:5000/team/app');
    expect(referenceText(imageAt(repository, '2.0'))).toBe('127.0.0.1:5000/team/app:2.0');
    expect(referenceText(imageAt(repository, `sha256:${'b'.repeat(64)}`))).toBe(
      `127.0.0.1:5000/team/app@sha256:${'b'.repeat(64)}`,
    );
    expect(sameRepository(repository, imageAt(repository, '1'))).toBe(true);
    expect(sameRepository(repository, { ...repository, registry: 'ghcr.io' })).toBe(false);
  });
});
