// What Berth takes from GitHub's package answers and Docker Hub's tag answers, on plain data: the vendor's
// shapes as documented, the shapes the vendor really sends, and garbage, which is left out.
import { describe, expect, it } from 'vitest';
import { hubPath, parseHubTags, parsePackages, parseVersions } from '../../electron/core/vendors/index.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe("Docker Hub's tags", () => {
  it('take the push date, all platforms’ sizes and the digest', () => {
    const [tag] = parseHubTags({
      results: [
        {
          name: '1.0',
          digest: DIGEST,
          last_updated: '2026-01-01T00:00:00Z',
          tag_last_pushed: '2026-02-01T00:00:00Z',
          tag_last_pulled: '2026-03-01T00:00:00Z',
          images: [{ size: 100 }, { size: 250 }, { size: -1 }, { size: 1.5 }],
        },
      ],
    });
    expect(tag).toEqual({
      tag: '1.0',
      facts: {
        digest: DIGEST,
        pushedAt: '2026-02-01T00:00:00Z',
        pulledAt: '2026-03-01T00:00:00Z',
        size: 350,
      },
    });
  });

  it('prefer full_size, read `images` as one object as the description has it, and fall back to last_updated', () => {
    expect(
      parseHubTags({
        results: [
          { name: 'a', full_size: 42, images: [{ size: 1 }] },
          { name: 'b', last_updated: '2026-04-01T00:00:00Z', images: { size: 7 } },
        ],
      }),
    ).toEqual([
      { tag: 'a', facts: { size: 42 } },
      { tag: 'b', facts: { pushedAt: '2026-04-01T00:00:00Z', size: 7 } },
    ]);
  });

  it('leave out garbage: no name, a digest that is not one, a date that is not one', () => {
    expect(
      parseHubTags({
        results: [null, 7, { name: 3 }, { name: 'x', digest: 'sha256:zz', tag_last_pushed: 'yesterday' }],
      }),
    ).toEqual([{ tag: 'x', facts: {} }]);
    expect(parseHubTags('<html>')).toEqual([]);
    expect(parseHubTags({ results: 'none' })).toEqual([]);
  });

  it('name official images in library', () => {
    expect(hubPath('nginx')).toEqual({ namespace: 'library', name: 'nginx' });
    expect(hubPath('team/app')).toEqual({ namespace: 'team', name: 'app' });
  });
});

describe("GitHub's container packages and versions", () => {
  it('take owner, name, visibility and date, and leave out packages without an owner', () => {
    expect(
      parsePackages([
        {
          name: 'tools/builder',
          owner: { login: 'Alice' },
          visibility: 'private',
          updated_at: '2026-01-02T03:04:05Z',
        },
        { name: 'orphan', owner: null },
        { owner: { login: 'x' } },
        'garbage',
      ]),
    ).toEqual([
      { name: 'tools/builder', owner: 'Alice', visibility: 'private', updatedAt: '2026-01-02T03:04:05Z' },
    ]);
    expect(parsePackages({ message: 'Not Found' })).toEqual([]);
  });

  it('take a version’s digest, tags and dates; an untagged version has no tags', () => {
    expect(
      parseVersions([
        {
          name: DIGEST,
          created_at: '2026-01-01T00:00:00Z',
          updated_at: '2026-01-05T00:00:00Z',
          metadata: { package_type: 'container', container: { tags: ['1', 2, 'latest'] } },
        },
        { name: DIGEST.replace('a', 'b'), metadata: { package_type: 'container' } },
        { metadata: { container: { tags: ['lost'] } } },
      ]),
    ).toEqual([
      {
        digest: DIGEST,
        tags: ['1', 'latest'],
        createdAt: '2026-01-01T00:00:00Z',
        updatedAt: '2026-01-05T00:00:00Z',
      },
      { digest: DIGEST.replace('a', 'b'), tags: [] },
    ]);
  });
});
