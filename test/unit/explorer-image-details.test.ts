import { describe, expect, it } from 'vitest';
import type { LayerEntry } from '../../shared/image.js';
import { alignHistory, layerShares, referrerKind } from '../../renderer/features/explorer/image-details.js';

const layer = (n: number, size = 100 * n): LayerEntry => ({
  digest: `sha256:${String(n).repeat(64)}`,
  mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
  size,
});

describe('image history', () => {
  it('pairs each non-empty build step with the next layer and leaves empty steps without one', () => {
    const rows = alignHistory(
      {
        history: [
          { created: '2026-01-01T00:00:00Z', created_by: '/bin/sh -c #(nop) ADD file:abc in /' },
          { created_by: '/bin/sh -c #(nop)  CMD ["sh"]', empty_layer: true },
          { created_by: 'RUN apk add curl # buildkit', comment: 'buildkit.dockerfile.v0' },
          { created_by: 'ENV A=1', empty_layer: true },
        ],
      },
      [layer(1), layer(2)],
    );
    expect(rows.map((row) => [row.isEmpty, row.layer?.digest])).toEqual([
      [false, layer(1).digest],
      [true, undefined],
      [false, layer(2).digest],
      [true, undefined],
    ]);
    expect(rows[0]!.created).toBe('2026-01-01T00:00:00Z');
    expect(rows[2]!.comment).toBe('buildkit.dockerfile.v0');
  });

  it('shows a step without created_by by its comment, and more steps than layers without inventing layers', () => {
    const rows = alignHistory({ history: [{ comment: 'imported' }, { created_by: 'COPY . /' }] }, [layer(1)]);
    expect(rows.map((row) => [row.createdBy, row.layer?.digest])).toEqual([
      ['imported', layer(1).digest],
      ['COPY . /', undefined],
    ]);
    expect(rows[0]!.comment).toBeUndefined();
  });

  it('has no rows when the config records no history', () => {
    expect(alignHistory({}, [layer(1)])).toEqual([]);
    expect(alignHistory(undefined, [])).toEqual([]);
  });
});

describe('layer size bars', () => {
  it('measures each layer against the largest', () => {
    expect(layerShares([layer(1, 50), layer(2, 200), layer(3, 0)])).toEqual([0.25, 1, 0]);
    expect(layerShares([layer(1, 0)])).toEqual([0]);
    expect(layerShares([])).toEqual([]);
  });
});

describe('referrer kinds', () => {
  it.each([
    ['application/vnd.dev.cosign.artifact.sig.v1+json', 'Signature'],
    ['application/vnd.cncf.notary.signature', 'Signature'],
    ['application/spdx+json', 'SBOM'],
    ['application/vnd.cyclonedx+json', 'SBOM'],
    ['application/vnd.in-toto+json', 'Attestation'],
    ['application/vnd.example.thing', 'Artifact'],
  ])('%s is a %s', (artifactType, kind) => {
    expect(referrerKind({ artifactType, mediaType: 'application/vnd.oci.image.manifest.v1+json' })).toBe(
      kind,
    );
  });

  it('falls back to the media type when there is no artifactType', () => {
    expect(referrerKind({ mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json' })).toBe('Artifact');
    expect(referrerKind({ mediaType: 'application/spdx+json' })).toBe('SBOM');
  });
});
