// What `berth du` prints about a garbage collection of a registry of the user's own, with and without
// multi-platform images there (Distribution 2.8's --delete-untagged would break those, so it is refused).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { printReport } from '../../electron/cli/commands-du.js';
import type { OwnStorage, StorageReport } from '../../shared/storage.js';

function report(own: Partial<OwnStorage>): StorageReport {
  return {
    registry: '127.0.0.1:5000',
    totalBytes: 4096,
    sharedBytes: 0,
    repositories: [],
    largest: [],
    untagged: { isKnown: true, manifests: [], count: 1, bytes: 500 },
    own: {
      server: 'mine',
      diskBytes: 10_000,
      isDiskComplete: true,
      blobBytes: 9000,
      collectable: { blobs: 2, bytes: 2048, tagReachedManifests: 0 },
      collectableWithUntagged: { blobs: 4, bytes: 6144, tagReachedManifests: 0 },
      sizeMismatches: [],
      ...own,
    },
    manifestsRead: 1,
    tagsCounted: 1,
    tagsFailed: 0,
    notes: [],
    seconds: 0.1,
  };
}

function printed(value: StorageReport): string[] {
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(...String(chunk).split('\n'));
    return true;
  });
  try {
    printReport(value, 20);
  } finally {
    write.mockRestore();
  }
  return lines;
}

afterEach(() => vi.restoreAllMocks());

describe('berth du on a registry of your own', () => {
  it('gives both estimates when untagged manifests can go', () => {
    expect(printed(report({}))).toContain(
      'Garbage collection would free 2.0 KiB (2 blobs); with untagged manifests 6.0 KiB: berth server gc mine',
    );
  });

  it('says untagged manifests stay, and why, when a tag reaches a multi-platform image', () => {
    const lines = printed(
      report({
        collectableWithUntagged: {
          blobs: 2,
          bytes: 2048,
          tagReachedManifests: 0,
          refused: { message: 'refused', repositories: ['team/multi', 'team/base'] },
        },
      }),
    );
    expect(lines).toContain('Garbage collection would free 2.0 KiB (2 blobs): berth server gc mine');
    expect(lines).toContain(
      'Untagged manifests stay: --delete-untagged is refused, as it would break the multi-platform images in team/multi, team/base (Distribution 2.8 takes their platform images for untagged).',
    );
    expect(lines.join('\n')).not.toMatch(/with untagged manifests/);
  });
});
