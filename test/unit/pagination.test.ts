import { describe, expect, it } from 'vitest';
import { matchesFilter, nextLink } from '../../electron/core/registry/pagination.js';

const base = new URL('https://registry.example.com:5000/v2/_catalog?n=2');

describe('nextLink', () => {
  it('resolves a relative Link the way Distribution sends it', () => {
    expect(nextLink('</v2/_catalog?last=b&n=2>; rel="next"', base, 'r')?.href).toBe(
      'https://registry.example.com:5000/v2/_catalog?last=b&n=2',
    );
  });

  it('follows an absolute Link on the same origin verbatim (Quay next_page tokens)', () => {
    const link =
      '<https://registry.example.com:5000/v2/team/app/tags/list?next_page=gAAAA%3D%3D&n=50>; rel="next"';
    expect(nextLink(link, base, 'r')?.searchParams.get('next_page')).toBe('gAAAA==');
  });

  it('picks rel=next among several links and ignores others', () => {
    expect(nextLink('</v2/x?p=1>; rel="prev", </v2/x?p=3>; rel="next"', base, 'r')?.search).toBe('?p=3');
    expect(nextLink('</v2/x?p=1>; rel="prev"', base, 'r')).toBeUndefined();
    expect(nextLink(undefined, base, 'r')).toBeUndefined();
  });

  it('refuses a next page on another host', () => {
    expect(() => nextLink('<https://evil.example.net/v2/_catalog?last=b>; rel="next"', base, 'r')).toThrow(
      /another host/,
    );
  });
});

describe('matchesFilter', () => {
  it('matches substrings case-insensitively, and prefixes with a trailing *', () => {
    expect(matchesFilter('team/App', 'app')).toBe(true);
    expect(matchesFilter('team/app', 'team*')).toBe(true);
    expect(matchesFilter('other/team', 'team*')).toBe(false);
    expect(matchesFilter('x', undefined)).toBe(true);
  });
});
