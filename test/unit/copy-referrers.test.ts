// The plain-data parts of referrers travelling with a copy: their counts (each blob once), a sync's previews
// merged (each referrer once), the CLI's summary line and the job card's figure.
import { describe, expect, it } from 'vitest';
import { createIntl } from 'react-intl';
import { translator } from '../../renderer/i18n/index.js';
import { referrersLine } from '../../electron/cli/commands-copy.js';
import {
  countReferrers,
  indexLockName,
  mergeReferrerPreviews,
  type PlannedReferrer,
} from '../../electron/core/copy/referrers.js';
import type { JobItem } from '../../shared/jobs.js';
import { describeReferrerKinds } from '../../shared/manifest.js';
import { describeItems } from '../../renderer/features/transfers/job-math.js';

/** The English the renderer speaks by default. */
const t = translator(createIntl({ locale: 'en', defaultLocale: 'en' }));

const EMPTY = { mediaType: 'application/vnd.oci.empty.v1+json', digest: 'sha256:empty', size: 2 };

function referrer(
  digest: string,
  artifactType: string,
  payload: number,
  subject = 'sha256:image',
): PlannedReferrer {
  const bytes = Buffer.alloc(100);
  return {
    digest,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    artifactType,
    bytes,
    subject,
    descriptor: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest, size: 100, artifactType },
    blobs: [EMPTY, { mediaType: artifactType, digest: `${digest}-payload`, size: payload }],
  };
}

const signature = referrer('sha256:sig', 'application/vnd.dev.cosign.artifact.sig.v1+json', 300);
const sbom = referrer('sha256:sbom', 'application/spdx+json', 5000);
const notation = referrer('sha256:notary', 'application/vnd.cncf.notary.signature', 700, 'sha256:sbom');

describe('referrer counts', () => {
  it('counts kinds by artifactType and bytes of manifests and blobs, a shared blob once', () => {
    expect(countReferrers([signature, sbom, notation])).toEqual({
      count: 3,
      // Three manifests, the empty config once, three payloads.
      bytes: 300 + 2 + 300 + 5000 + 700,
      kinds: {
        'application/vnd.dev.cosign.artifact.sig.v1+json': 1,
        'application/spdx+json': 1,
        'application/vnd.cncf.notary.signature': 1,
      },
    });
    expect(countReferrers([])).toEqual({ count: 0, bytes: 0, kinds: {} });
  });

  it("merges a sync's previews with each referrer once and the first problem kept", () => {
    const preview = (planned: PlannedReferrer[], problem?: string) => ({
      ...countReferrers(planned),
      items: planned.map((r) => ({
        digest: r.digest,
        artifactType: r.artifactType,
        size: 1,
        subject: r.subject,
      })),
      planned,
      ...(problem ? { problem } : {}),
    });
    const merged = mergeReferrerPreviews([
      preview([signature, sbom]),
      preview([sbom, notation]),
      preview([], 'loop'),
    ]);
    expect(merged.count).toBe(3);
    expect(merged.items.map((item) => item.digest)).toEqual(['sha256:sig', 'sha256:sbom', 'sha256:notary']);
    expect(merged.problem).toBe('loop');
    expect(merged.bytes).toBe(countReferrers([signature, sbom, notation]).bytes);
  });

  it('names the kinds as the image view does', () => {
    expect(describeReferrerKinds(countReferrers([signature, sbom, notation]).kinds)).toBe(
      '2 signatures, 1 SBOM',
    );
    expect(describeReferrerKinds({ 'application/vnd.in-toto+json': 2, 'text/plain': 1 })).toBe(
      '2 attestations, 1 artifact',
    );
  });

  it("prints the CLI's summary line", () => {
    const counts = countReferrers([signature, sbom, notation]);
    expect(
      referrersLine({
        ...counts,
        copied: 2,
        skipped: 1,
        bytesTransferred: 10,
        destinationIndex: 'tag-schema',
      }),
    ).toBe(
      'Referrers: 3 (2 signatures, 1 SBOM; 6.2 KiB): 2 copied, 1 already there; listed in the sha256-<digest> tag index',
    );
    expect(
      referrersLine({
        count: 0,
        bytes: 0,
        kinds: {},
        copied: 0,
        skipped: 0,
        bytesTransferred: 0,
        destinationIndex: 'none',
      }),
    ).toBe('Referrers: none found');
  });

  it('gives the job card a figure of its own for signatures and attestations', () => {
    const item = (id: string, kind: JobItem['kind'], state: JobItem['state']): JobItem => ({
      id,
      label: id,
      kind,
      state,
      bytesDone: 0,
    });
    expect(
      describeItems(t, {
        kind: 'copy',
        status: 'succeeded',
        items: [
          item('a', 'blob', 'done'),
          item('s', 'referrer', 'done'),
          item('t', 'referrer', 'skipped'),
          item('m', 'manifest', 'done'),
        ],
      }),
    ).toBe(
      '1 file pushed · 1 image description pushed · signatures and attestations: 1 copied, 1 already there',
    );
  });
});

describe('the lock of a referrers index', () => {
  it('is one per registry, repository and subject, Docker Hub by any of its names one registry', () => {
    const subject = 'sha256:' + 'a'.repeat(64);
    const at = (registry: string, repository = 'team/app') =>
      indexLockName({ registry, repository }, subject);
    expect(at('docker.io')).toBe(at('registry-1.docker.io'));
    expect(at('Registry.Example.com')).toBe(at('registry.example.com'));
    expect(at('registry.example.com')).not.toBe(at('registry.example.com', 'team/api'));
    expect(indexLockName({ registry: 'r', repository: 'a' }, subject)).not.toBe(
      indexLockName({ registry: 'r', repository: 'a' }, 'sha256:' + 'b'.repeat(64)),
    );
    expect(at('docker.io')).toMatch(/^referrers-[0-9a-f]{32}$/);
  });
});
