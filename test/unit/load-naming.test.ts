// How berth load names what an archive holds at the destination: plain data in, tags out, no registry.
import { describe, expect, it } from 'vitest';
import { tagOfName, tagsAtDestination, type LoadPlan } from '../../electron/core/archive/index.js';

const repo = { registry: '127.0.0.1:5000', repository: 'team/app' };

function plan(...images: { digest: string; tags: string[] }[]): LoadPlan {
  return {
    format: 'docker',
    keepsDigests: false,
    uncompressedLayers: 0,
    blobs: new Map(),
    images: images.map(({ digest, tags }) => ({
      tags,
      top: { digest, mediaType: 'application/vnd.oci.image.manifest.v1+json', bytes: Buffer.from('{}') },
      children: [],
    })),
  };
}

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;

describe('tags an archive gives its images', () => {
  it('reads the tag of a name however the archive wrote it', () => {
    expect(tagOfName('docker.io/library/nginx:1.27')).toBe('1.27');
    expect(tagOfName('127.0.0.1:5000/team/app:v2')).toBe('v2');
    expect(tagOfName('127.0.0.1:5000/team/app')).toBeUndefined();
    expect(tagOfName('latest')).toBe('latest');
    expect(tagOfName('team/app:1@sha256:' + 'c'.repeat(64))).toBe('1');
    expect(tagOfName('team/app:../x')).toBeUndefined();
  });

  it('keeps each image’s own tags, one image listed under several names being one image', () => {
    const tags = tagsAtDestination(
      plan({ digest: A, tags: ['1'] }, { digest: B, tags: ['2'] }, { digest: B, tags: ['latest'] }),
      repo,
      'x.tar',
    );
    expect([...tags]).toEqual([
      [A, ['1']],
      [B, ['2', 'latest']],
    ]);
  });

  it('names the one image of an archive by the tag given, and refuses a tag for several', () => {
    expect([
      ...tagsAtDestination(plan({ digest: A, tags: [] }), { ...repo, reference: 'given' }, 'x.tar'),
    ]).toEqual([[A, ['given']]]);
    expect(() =>
      tagsAtDestination(
        plan({ digest: A, tags: ['1'] }, { digest: B, tags: ['2'] }),
        { ...repo, reference: 'one' },
        'x.tar',
      ),
    ).toThrow(/holds 2 images, so one tag cannot name them/);
    expect(() =>
      tagsAtDestination(
        plan({ digest: A, tags: ['1'] }),
        { ...repo, reference: `sha256:${'d'.repeat(64)}` },
        'x.tar',
      ),
    ).toThrow(/named by a tag/);
  });

  it('refuses an untagged image without a tag given, and two images on one tag', () => {
    expect(() => tagsAtDestination(plan({ digest: A, tags: [] }), repo, 'x.tar')).toThrow(
      /an image without a tag/,
    );
    expect(() =>
      tagsAtDestination(plan({ digest: A, tags: ['same'] }, { digest: B, tags: ['same'] }), repo, 'x.tar'),
    ).toThrow(/would both take the tag same/);
  });
});
