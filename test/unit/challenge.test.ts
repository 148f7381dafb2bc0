import { describe, expect, it } from 'vitest';
import {
  normalizeScopes,
  parseChallenges,
  parseScope,
  pickChallenge,
} from '../../electron/core/registry/challenge.js';

describe('parseChallenges', () => {
  it('reads a Docker Hub bearer challenge with a comma inside the quoted scope', () => {
    const [challenge] = parseChallenges(
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"',
    );
    expect(challenge).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:samalba/my-app:pull,push',
      },
    });
  });

  it('reads several challenges joined on one line', () => {
    const challenges = parseChallenges(
      'Basic realm="harbor", Bearer realm="https://h/service/token",service="harbor-registry"',
    );
    expect(challenges.map((c) => c.scheme)).toEqual(['basic', 'bearer']);
    expect(challenges[1]!.params.service).toBe('harbor-registry');
    expect(pickChallenge(challenges)!.scheme).toBe('bearer');
  });

  it('reads challenges given as separate header values', () => {
    const challenges = parseChallenges(['Basic realm="x"', 'Bearer realm="https://t/token"']);
    expect(challenges).toHaveLength(2);
  });

  it('lower-cases scheme and parameter names, keeps values, unescapes quoted pairs', () => {
    const [challenge] = parseChallenges(
      'BEARER Realm="https://a/b\\"c", Error="insufficient_scope", scope="a b"',
    );
    expect(challenge).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://a/b"c', error: 'insufficient_scope', scope: 'a b' },
    });
  });

  it('accepts unquoted token values and stray whitespace', () => {
    const [challenge] = parseChallenges('  Bearer   realm = https://t/token ,  service=reg ');
    expect(challenge!.params).toEqual({ realm: 'https://t/token', service: 'reg' });
  });

  it('survives garbage without throwing', () => {
    expect(() => parseChallenges('"""=,,,;;; Bearer realm="unterminated')).not.toThrow();
    expect(parseChallenges(undefined)).toEqual([]);
    expect(parseChallenges('')).toEqual([]);
  });
});

describe('scopes', () => {
  it('splits actions off the last colon, so a host:port in the name survives', () => {
    expect(parseScope('repository:localhost:5000/app:pull,push')).toEqual({
      resource: 'repository:localhost:5000/app',
      actions: ['pull', 'push'],
    });
  });

  it('merges, de-duplicates and sorts scopes into one cache key', () => {
    expect(
      normalizeScopes([
        'repository:b:push',
        'repository:a:pull',
        'repository:b:pull repository:c:pull',
        'repository:b:push',
      ]),
    ).toEqual(['repository:a:pull', 'repository:b:pull,push', 'repository:c:pull']);
  });
});
