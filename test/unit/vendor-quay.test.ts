import { describe, expect, it } from 'vitest';
import { quayRepositoryPath, quayTag } from '../../electron/core/vendors/index.js';

describe("Quay's tag entries", () => {
  it('reads the RFC 2822 last_modified Quay sends as an ISO push date, with digest and size', () => {
    expect(
      quayTag({
        name: '1.0',
        reversion: false,
        start_ts: 1_793_491_200,
        manifest_digest: 'sha256:abc',
        is_manifest_list: false,
        size: 3_214,
        last_modified: 'Sun, 01 Nov 2026 00:00:00 -0000',
      }),
    ).toEqual({
      tag: '1.0',
      facts: { digest: 'sha256:abc', pushedAt: '2026-11-01T00:00:00.000Z', size: 3_214 },
    });
  });

  it('falls back to start_ts (seconds) when last_modified is missing or not a date', () => {
    expect(quayTag({ name: 'a', start_ts: 1_793_491_200, last_modified: 'yesterday' })?.facts).toEqual({
      pushedAt: '2026-11-01T00:00:00.000Z',
    });
  });

  it('leaves out sizes that are not byte counts and dates that are not dates', () => {
    expect(quayTag({ name: 'a', size: -1, start_ts: 'soon' })?.facts).toEqual({});
    expect(quayTag({ name: 'a', size: 1e300, start_ts: 1e300 })?.facts).toEqual({});
    expect(quayTag({ name: 'a', size: null })?.facts).toEqual({});
  });

  it('names no tag for an entry without a name', () => {
    expect(quayTag({ size: 1 })).toBeUndefined();
    expect(quayTag('1.0')).toBeUndefined();
    expect(quayTag(null)).toBeUndefined();
  });
});

describe('Quay repository paths', () => {
  it('keep the slashes Quay routes on and encode inside each segment', () => {
    expect(quayRepositoryPath('acme/team/api')).toBe('acme/team/api');
    expect(quayRepositoryPath('acme/a b?')).toBe('acme/a%20b%3F');
  });
});
