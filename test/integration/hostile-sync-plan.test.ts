// A sync preview of a repository with very many tags: each tag costs a HEAD at the source and one at the
// destination, and nothing aborts a preview the page stopped waiting for, so it checks a bounded number.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewSync } from '../../electron/core/copy/index.js';
import { RegistryClient } from '../../electron/core/registry/index.js';
import { MAX_PREVIEW_TAGS } from '../../shared/jobs.js';
import { sendJson, startHostileRegistry, type HostileRegistry } from '../fixtures/hostile-registry.js';

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const sha = (bytes: Buffer | string) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const TAGS = Array.from({ length: 5000 }, (_, number) => `t${String(number).padStart(5, '0')}`);
const manifest = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha('config'), size: 10 },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: sha('layer'), size: 1000 }],
  }),
);

const bigManifests = new Map<string, Buffer>();
function bigManifest(tag: string): Buffer {
  const body = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: sha(`config ${tag}`),
        size: 10,
      },
      layers: Array.from({ length: 300 }, (_, number) => ({
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        digest: sha(`${tag} ${number}`),
        size: 1000,
      })),
    }),
  );
  bigManifests.set(sha(body), body);
  return body;
}

let registry: HostileRegistry;
let client: RegistryClient;

beforeAll(async () => {
  registry = await startHostileRegistry([
    {
      path: '/v2/many/tags/list',
      handler: (_request, response) => sendJson(response, 200, { name: 'many', tags: TAGS }),
    },
    {
      path: /^\/v2\/many\/manifests\/[^/]+$/,
      handler: (request, response) => {
        response.writeHead(200, {
          'content-type': OCI_MANIFEST,
          'content-length': manifest.length,
          'docker-content-digest': sha(manifest),
        });
        response.end(request.method === 'HEAD' ? undefined : manifest);
      },
    },
    {
      path: '/v2/lying/tags/list',
      handler: (_request, response) => sendJson(response, 200, { name: 'lying', tags: TAGS.slice(0, 200) }),
    },
    {
      // Every tag its own image of 300 layers (a digest each time): nothing is shared, nothing is small.
      path: /^\/v2\/lying\/manifests\/[^/]+$/,
      handler: (request, response) => {
        const reference = request.url!.split('/manifests/')[1]!;
        const body = reference.startsWith('sha256:') ? bigManifests.get(reference)! : bigManifest(reference);
        response.writeHead(200, {
          'content-type': OCI_MANIFEST,
          'content-length': body.length,
          'docker-content-digest': sha(body),
        });
        response.end(request.method === 'HEAD' ? undefined : body);
      },
    },
    {
      path: /^\/v2\/copy\/(manifests|blobs)\/[^/]+$/,
      handler: (_request, response) => {
        response.writeHead(404, { 'content-length': 0 });
        response.end();
      },
    },
  ]);
  client = new RegistryClient({ connectionFor: (host) => ({ host, insecureHttp: true }), certsDRoot: false });
});

afterAll(async () => {
  await client?.close();
  await registry?.stop();
});

describe('the sync preview of a hostile repository', () => {
  it('checks the first tags by name of 5,000 and says how many it left out', async () => {
    const preview = await previewSync(client, {
      source: { registry: registry.host, repository: 'many' },
      destination: { registry: registry.host, repository: 'copy' },
    });
    const heads = registry.requests.filter((request) => request.method === 'HEAD').length;
    expect(heads).toBeLessThanOrEqual(2 * MAX_PREVIEW_TAGS + 10);
    expect(preview.tags).toHaveLength(MAX_PREVIEW_TAGS);
    expect(preview.tags[0]).toBe('t00000');
    expect(preview.notPreviewed).toBe(TAGS.length - MAX_PREVIEW_TAGS);
    expect(preview.bytesTotal).toBe(1010);
  }, 120_000);

  it('stops once the images it reads hold more blobs than a preview keeps in mind', async () => {
    const before = registry.requests.length;
    const error = await previewSync(
      client,
      {
        source: { registry: registry.host, repository: 'lying' },
        destination: { registry: registry.host, repository: 'copy' },
      },
      undefined,
      { maxBlobs: 3000 },
    ).then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).toMatch(/the tags of lying use more than 3000 blobs/);
    // 10 images reach the cap; the workers then take no more tags (6 at a time, a few requests each).
    // Each image read is also asked for its referrers (the API, then the sha256-… tag): not counted here.
    const imageRequests = registry.requests
      .slice(before)
      .filter((request) => !/\/referrers\/|\/manifests\/sha256-/.test(request.path));
    expect(imageRequests.length).toBeLessThan(60);
  }, 120_000);
});
