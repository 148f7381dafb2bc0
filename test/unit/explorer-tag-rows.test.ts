import { describe, expect, it } from 'vitest';
import type { TagSummaryView } from '../../shared/contract/registry.js';
import type { ImageInspection } from '../../shared/image.js';
import {
  dateSortUnavailable,
  factsOfInspection,
  shortDigestParts,
  siblingsByDigest,
  sortByDate,
  tagRowOf,
} from '../../renderer/features/explorer/tag-rows.js';

const digest = (hex: string) => `sha256:${hex.repeat(64 / hex.length)}`;
const IMAGE = 'application/vnd.oci.image.manifest.v1+json';
const INDEX = 'application/vnd.oci.image.index.v1+json';

describe('tags that share a digest', () => {
  const digests: Record<string, string> = {
    '1.0': digest('a'),
    latest: digest('b'),
    '2.0': digest('b'),
    stable: digest('b'),
    '0.9': digest('c'),
  };

  it('names, for each tag, the others on its digest with latest first', () => {
    const siblings = siblingsByDigest(['1.0', '2.0', 'stable', 'latest', '0.9'], (tag) => digests[tag]);
    expect(siblings.get('2.0')).toEqual(['latest', 'stable']);
    expect(siblings.get('stable')).toEqual(['latest', '2.0']);
    expect(siblings.get('latest')).toEqual(['2.0', 'stable']);
    expect(siblings.has('1.0')).toBe(false);
    expect(siblings.has('0.9')).toBe(false);
  });

  it('leaves out tags whose digest is not known yet', () => {
    const known: Record<string, string> = { '2.0': digest('b') };
    expect(siblingsByDigest(['2.0', 'latest'], (tag) => known[tag]).size).toBe(0);
  });
});

describe('tag row facts', () => {
  it('writes the short digest as sha256: and 12 hex digits', () => {
    expect(shortDigestParts(`sha256:${'0123456789abcdef'.repeat(4)}`)).toEqual({
      algorithm: 'sha256:',
      hex: '0123456789ab',
    });
  });

  it('shows an index’s platforms and an image’s platform only once its config is known', () => {
    const index: TagSummaryView = {
      tag: 'multi',
      state: 'ok',
      digest: digest('d'),
      mediaType: INDEX,
      platforms: ['linux/amd64', 'linux/arm64/v8'],
    };
    const image = { tag: '1.0', state: 'ok', digest: digest('a'), mediaType: IMAGE, size: 4096 } as const;
    expect(tagRowOf(index, new Map()).platforms).toEqual(['linux/amd64', 'linux/arm64/v8']);
    expect(tagRowOf(image, new Map())).toEqual({
      tag: '1.0',
      digest: digest('a'),
      mediaType: IMAGE,
      size: 4096,
      platforms: [],
    });
    const known = new Map([[digest('a'), { platform: 'linux/arm64/v8', created: '2026-01-02T03:04:05Z' }]]);
    expect(tagRowOf(image, known)).toMatchObject({
      platforms: ['linux/arm64/v8'],
      created: '2026-01-02T03:04:05Z',
      size: 4096,
    });
  });

  it('learns an image’s platform and date from its inspection, and an index’s date from the platform shown', () => {
    const inspection = {
      digest: digest('d'),
      kind: 'index',
      selected: { platform: 'linux/arm64/v8', digest: digest('e'), mediaType: IMAGE },
      config: { os: 'linux', architecture: 'arm64', variant: 'v8', created: '2026-01-02T03:04:05Z' },
    } as unknown as ImageInspection;
    const facts = factsOfInspection(inspection);
    expect(facts.get(digest('e'))).toEqual({ platform: 'linux/arm64/v8', created: '2026-01-02T03:04:05Z' });
    expect(facts.get(digest('d'))).toEqual({ created: '2026-01-02T03:04:05Z' });
    const plain = { digest: digest('a'), kind: 'image', config: { os: 'linux', architecture: 'amd64' } };
    expect(factsOfInspection(plain as unknown as ImageInspection).get(digest('a'))).toEqual({
      platform: 'linux/amd64',
    });
  });
});

describe('sorting tags by date', () => {
  const dates: Record<string, string> = {
    old: '2025-01-01T00:00:00Z',
    new: '2026-06-01T00:00:00Z',
    mid: '2025-09-01T00:00:00Z',
  };

  it('is offered only when every listed tag has a date, and says why not', () => {
    expect(dateSortUnavailable(['old', 'new'], (tag) => dates[tag])).toBeUndefined();
    expect(dateSortUnavailable(['old', 'unknown'], (tag) => dates[tag])).toBe('partial');
    expect(dateSortUnavailable(['a', 'b'], () => undefined)).toBe('registry');
    expect(dateSortUnavailable([], () => undefined)).toBe('no-tags');
  });

  it('puts the newest first', () => {
    expect(sortByDate(['old', 'new', 'mid'], (tag) => dates[tag])).toEqual(['new', 'mid', 'old']);
  });
});
