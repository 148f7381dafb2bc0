// Tag-row summaries against a real Distribution registry: each from one manifest GET, checked against
// what the fixture pushed; a tag that is gone answers with its own error and the others still come.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeTags } from '../../electron/core/registry/index.js';
import { clientFor } from '../fixtures/berth-client.js';
import { pushImage, pushIndex, type PushedImage } from '../fixtures/images.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let registry: RegistryHandle;
let berth: ReturnType<typeof clientFor>;
let image: PushedImage;
let docker: PushedImage;
let index: PushedImage & { children: PushedImage[] };

beforeAll(async () => {
  registry = await startRegistry({ auth: 'none' });
  berth = clientFor(registry);
  image = await pushImage(registry, 'team/app', '1.0', { layers: 3, layerSize: 4096 });
  docker = await pushImage(registry, 'team/app', 'docker', { format: 'docker', layers: 1 });
  index = await pushIndex(registry, 'team/app', 'multi', {
    format: 'oci',
    platforms: [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm', variant: 'v7' },
      { os: 'windows', architecture: 'amd64' },
    ],
  });
});

afterAll(async () => {
  await berth?.client.close();
  await registry?.stop();
});

const declaredSize = (pushed: PushedImage) =>
  pushed.configBytes.length + pushed.layers.reduce((sum, layer) => sum + layer.size, 0);

describe('tag summaries', () => {
  it('gives an image its digest and config+layers size, and an index its digest and platforms', async () => {
    const summaries = await summarizeTags(berth.client, { registry: berth.host, repository: 'team/app' }, [
      'multi',
      '1.0',
      'docker',
    ]);
    expect(summaries).toEqual([
      {
        tag: 'multi',
        state: 'ok',
        digest: index.digest,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        platforms: ['linux/amd64', 'linux/arm/v7', 'windows/amd64'],
      },
      {
        tag: '1.0',
        state: 'ok',
        digest: image.digest,
        mediaType: image.mediaType,
        size: declaredSize(image),
      },
      {
        tag: 'docker',
        state: 'ok',
        digest: docker.digest,
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        size: declaredSize(docker),
      },
    ]);
  });

  it('answers a missing tag with its own NOT_FOUND error and still summarizes the others', async () => {
    const [missing, present] = await summarizeTags(
      berth.client,
      { registry: berth.host, repository: 'team/app' },
      ['nope', '1.0'],
    );
    expect(missing).toMatchObject({ tag: 'nope', state: 'error', error: { code: 'NOT_FOUND' } });
    expect(missing?.state === 'error' && missing.error.message).toMatch(/team\/app/);
    expect(present).toMatchObject({ tag: '1.0', state: 'ok', digest: image.digest });
  });
});
