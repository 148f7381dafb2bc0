import { describe, expect, it } from 'vitest';
import {
  capEntries,
  guessRepositories,
  matchScore,
  queryTokens,
  rankNames,
  rankTop,
  type IndexData,
} from '../../electron/core/search/index.js';
import { settingsSchemas } from '../../electron/core/settings/index.js';

const names = ['team/web-app', 'team/app', 'apps/tool', 'tools/cli', 'library/nginx', 'happy/bird'];

describe('search matching', () => {
  it('reads a query as lower-case words, ignoring extra spaces', () => {
    expect(queryTokens('  Team   APP ')).toEqual(['team', 'app']);
  });

  it('finds names with every word, in any order, case-insensitive', () => {
    expect(rankNames(names, queryTokens('APP team'), 10).map((entry) => entry.name)).toEqual([
      'team/app',
      'team/web-app',
    ]);
    expect(matchScore('team/web-app', ['nope'])).toBe(0);
  });

  it('ranks the exact name, then a name segment typed from its start, then a match inside', () => {
    expect(rankNames(names, queryTokens('app'), 10).map((entry) => entry.name)).toEqual([
      'team/app',
      'apps/tool',
      'team/web-app',
      'happy/bird',
    ]);
    expect(rankNames(names, queryTokens('team/app'), 1)[0]!.name).toBe('team/app');
  });

  it('keeps at most the limit, best first, and counts every match', () => {
    expect(rankNames(names, queryTokens('a'), 2)).toHaveLength(2);
    const ranked = rankTop(names, queryTokens('a'), 2);
    expect(ranked.total).toBe(5);
    expect(ranked.top).toEqual(rankNames(names, queryTokens('a'), 10).slice(0, 2));
  });
});

describe('open-by-name guesses', () => {
  const hub = settingsSchemas().savedConnection.parse({ name: 'hub', host: 'docker.io', kind: 'dockerhub' });
  const own = settingsSchemas().savedConnection.parse({ name: 'own', host: 'registry.example.com:5000' });

  it('reads a one-part name on Docker Hub as an official image', () => {
    expect(guessRepositories('Nginx', hub)).toEqual(['library/nginx']);
    expect(guessRepositories('bitnami/redis', hub)).toEqual(['bitnami/redis']);
  });

  it('takes the text as a path, without its registry, and nothing that is no repository name', () => {
    expect(guessRepositories('registry.example.com:5000/team/app', own)).toEqual(['team/app']);
    expect(guessRepositories('team app', own)).toEqual([]);
    expect(guessRepositories('team/', own)).toEqual([]);
  });
});

describe('index caps', () => {
  it('cuts every entry to the per-connection cap and shares the total out from the smallest up', () => {
    const entry = (count: number) => ({
      host: 'h',
      state: 'listed' as const,
      refreshedAt: '2026-01-01T00:00:00.000Z',
      names: Array.from({ length: count }, (_, index) => `r${index}`),
    });
    const data: IndexData = { version: 1, connections: { a: entry(50), b: entry(5), c: entry(200) } };
    capEntries(data, { perConnection: 100, total: 90 });
    expect(data.connections.a!.names).toHaveLength(42);
    expect(data.connections.a!.truncated).toBe(true);
    expect(data.connections.b!.names).toHaveLength(5);
    expect(data.connections.b!.truncated).toBeUndefined();
    expect(data.connections.c!.names).toHaveLength(43);
  });
});
