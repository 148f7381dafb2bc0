// An index that is hostile to the image view's "all platforms" size: thousands of platform images (a
// manifest GET each), and a platform entry that is really another index.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectImage, RegistryClient } from '../../electron/core/registry/index.js';
import { MAX_SIZED_PLATFORMS } from '../../electron/core/registry/inspect.js';
import { startHostileRegistry, type HostileRegistry } from '../fixtures/hostile-registry.js';

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const sha = (bytes: Buffer | string) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** Manifests by reference (tag or digest), served as they are. */
const manifests = new Map<string, { mediaType: string; bytes: Buffer }>();

function put(mediaType: string, body: unknown, tag?: string): { digest: string; size: number } {
  const bytes = Buffer.from(JSON.stringify(body));
  const digest = sha(bytes);
  manifests.set(digest, { mediaType, bytes });
  if (tag) manifests.set(tag, { mediaType, bytes });
  return { digest, size: bytes.length };
}

function image(index: number) {
  return put(OCI_MANIFEST, {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: sha(`config ${index}`),
      size: 100,
    },
    layers: [
      { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha(`layer ${index}`), size: 1000 },
    ],
  });
}

function indexOf(children: Array<{ digest: string; size: number; mediaType?: string }>, tag: string) {
  put(
    OCI_INDEX,
    {
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: children.map((child, number) => ({
        mediaType: child.mediaType ?? OCI_MANIFEST,
        digest: child.digest,
        size: child.size,
        platform:
          number === 0
            ? { os: 'linux', architecture: 'amd64' }
            : { os: 'linux', architecture: `arch${number}` },
      })),
    },
    tag,
  );
}

let registry: HostileRegistry;
let client: RegistryClient;

beforeAll(async () => {
  indexOf(
    Array.from({ length: 2000 }, (_, number) => image(number)),
    'many',
  );
  const nested = put(OCI_INDEX, { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] });
  // The second platform's descriptor says "image manifest", but the registry holds an index there.
  indexOf([image(0), { ...nested, mediaType: OCI_MANIFEST }], 'nested');
  registry = await startHostileRegistry([
    {
      path: /^\/v2\/team\/app\/manifests\/[^/]+$/,
      handler: (request, response) => {
        const reference = decodeURIComponent(request.url!.split('/manifests/')[1]!);
        const found = manifests.get(reference);
        if (!found) {
          response.writeHead(404, { 'content-type': 'application/json' });
          response.end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}');
          return;
        }
        response.writeHead(200, {
          'content-type': found.mediaType,
          'content-length': found.bytes.length,
          'docker-content-digest': sha(found.bytes),
        });
        response.end(request.method === 'HEAD' ? undefined : found.bytes);
      },
    },
  ]);
  client = new RegistryClient({ connectionFor: (host) => ({ host, insecureHttp: true }), certsDRoot: false });
});

afterAll(async () => {
  await client?.close();
  await registry?.stop();
});

const manifestGets = () =>
  registry.requests.filter((request) => request.method === 'GET' && request.path.includes('/manifests/'))
    .length;

describe('the all-platforms size of a hostile index', () => {
  it('does not read 2,000 platform manifests: it says the total was not added up', async () => {
    const before = manifestGets();
    const inspection = await inspectImage(
      client,
      { registry: registry.host, repository: 'team/app', reference: 'many' },
      { config: false, allPlatforms: true, platform: { os: 'linux', architecture: 'amd64' } },
    );
    expect(manifestGets() - before).toBeLessThanOrEqual(MAX_SIZED_PLATFORMS + 2);
    expect(inspection.totalSize).toBe(1100);
    expect(inspection.allPlatformsSize).toBeUndefined();
    expect(inspection.warnings.join('\n')).toMatch(/lists 2000 platform images, more than the 100/);
  });

  it('says why there is no total when a platform image is really another index', async () => {
    const inspection = await inspectImage(
      client,
      { registry: registry.host, repository: 'team/app', reference: 'nested' },
      { config: false, allPlatforms: true, platform: { os: 'linux', architecture: 'amd64' } },
    );
    expect(inspection.allPlatformsSize).toBeUndefined();
    expect(inspection.warnings.join('\n')).toMatch(/size of all platforms is not known/);
  });
});
