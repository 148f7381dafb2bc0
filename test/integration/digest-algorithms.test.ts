import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidDigestError } from '../../electron/core/registry/digest.js';
import {
  deleteImage,
  DigestMismatchError,
  getManifest,
  headManifest,
  ProtocolError,
  inspectImage,
  listTags,
  collect,
  readBlob,
  RegistryClient,
  summarizeTag,
} from '../../electron/core/registry/index.js';
import { previewCopy } from '../../electron/core/copy/index.js';
import { BerthCli } from '../fixtures/berth-cli.js';
import { sendJson, startHostileRegistry, type HostileRegistry } from '../fixtures/hostile-registry.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

const digestOf = (algorithm: 'sha256' | 'sha512', bytes: Buffer | string) =>
  `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;

const MANIFEST_TYPE = 'application/vnd.oci.image.manifest.v1+json';
const config = Buffer.from('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}');
const configDigest = digestOf('sha256', config);

function manifestWithConfig(digest: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MANIFEST_TYPE,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest, size: config.length },
      layers: [],
    }),
  );
}

const manifest = manifestWithConfig(configDigest);
const good512 = digestOf('sha512', manifest);
const bad512 = digestOf('sha512', 'some other bytes');
/** A blob stored under its sha512, and one stored under a sha512 its bytes do not have. */
const blob = Buffer.from('a blob named by sha512');
const blob512 = digestOf('sha512', blob);
const wrongBlob512 = digestOf('sha512', 'not these bytes');
const md5 = `md5:${'0'.repeat(32)}`;
const sha384 = `sha384:${'0'.repeat(96)}`;

let source: HostileRegistry;
let destination: HostileRegistry;
let dataDir: string;
const cli = new BerthCli(() => ({ ...process.env, BERTH_DATA_DIR: dataDir }));

function send(response: ServerResponse, body: Buffer, headers: Record<string, string>, head: boolean) {
  response.writeHead(200, { 'content-length': String(body.length), ...headers });
  response.end(head ? undefined : body);
}

beforeAll(async () => {
  dataDir = await makeTempDir('berth-digests-');
  // Whatever digest is asked for, this registry answers with the same manifest and echoes the digest
  // back in Docker-Content-Digest: only hashing the bytes tells the truth.
  source = await startHostileRegistry([
    {
      // Deletion is on (Berth probes with a digest that cannot exist) and finds nothing to delete.
      method: 'DELETE',
      path: /^\/v2\/team\/app\/manifests\/.+$/,
      handler: (_request, response) =>
        sendJson(response, 404, { errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] }),
    },
    {
      path: /^\/v2\/team\/(app|bad-config)\/manifests\/.+$/,
      handler: (request, response, { url }) => {
        const reference = url.pathname.split('/').pop()!;
        const body = url.pathname.includes('bad-config')
          ? manifestWithConfig(`sha256:${'g'.repeat(64)}`)
          : manifest;
        send(
          response,
          body,
          {
            'content-type': MANIFEST_TYPE,
            'docker-content-digest': reference.includes(':') ? reference : digestOf('sha256', body),
          },
          request.method === 'HEAD',
        );
      },
    },
    {
      // HEAD names the tag's image with a header that is no digest; GET sends the bytes, as they are.
      path: /^\/v2\/team\/liar\/manifests\/(not-hex|too-long|huge)$/,
      handler: (request, response, { url }) => {
        const header = {
          'not-hex': `sha256:${'z'.repeat(64)}`,
          'too-long': `sha256:${'a'.repeat(65)}`,
          huge: `sha256:${'a'.repeat(12_000)}`,
        }[url.pathname.split('/').pop()!]!;
        const headers = {
          'content-type': MANIFEST_TYPE,
          ...(request.method === 'HEAD' ? { 'docker-content-digest': header } : {}),
        };
        send(response, manifest, headers, request.method === 'HEAD');
      },
    },
    {
      // A manifest whose layer size is no byte count: text, negative, a fraction, missing, too large.
      path: /^\/v2\/team\/sizes\/manifests\/(text|negative|fraction|missing|unsafe)$/,
      handler: (request, response, { url }) => {
        const size = { text: '11', negative: -5, fraction: 10.5, missing: undefined, unsafe: 2 ** 60 }[
          url.pathname.split('/').pop() as 'text'
        ];
        const body = Buffer.from(
          JSON.stringify({
            ...(JSON.parse(manifest.toString()) as object),
            layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: blob512, size }],
          }),
        );
        send(response, body, { 'content-type': MANIFEST_TYPE }, request.method === 'HEAD');
      },
    },
    {
      // An unknown Content-Type, and a body whose mediaType is no media type.
      path: /^\/v2\/team\/types\/manifests\/(escape|huge|header)$/,
      handler: (request, response, { url }) => {
        const mediaType = {
          escape: 'application/vnd.oci.image.manifest.v1+json\u001b]0;owned\u0007',
          huge: `application/${'x'.repeat(100_000)}`,
          header: 'application/json\r\nx-injected: 1',
        }[url.pathname.split('/').pop() as 'escape'];
        const body = Buffer.from(
          JSON.stringify({ ...(JSON.parse(manifest.toString()) as object), mediaType }),
        );
        send(response, body, { 'content-type': 'text/plain' }, request.method === 'HEAD');
      },
    },
    {
      path: '/v2/team/app/tags/list',
      handler: (_request, response) =>
        sendJson(response, 200, { name: 'team/app', tags: ['1', '../../other/manifests/1'] }),
    },
    {
      path: /^\/v2\/team\/app\/blobs\/.+$/,
      handler: (request, response, { url }) => {
        const digest = url.pathname.split('/').pop()!;
        const body = digest === configDigest ? config : blob;
        send(response, body, { 'content-type': 'application/octet-stream' }, request.method === 'HEAD');
      },
    },
  ]);
  // The destination has every blob and records each manifest PUT.
  destination = await startHostileRegistry([
    {
      method: 'HEAD',
      path: /^\/v2\/team\/copy\/blobs\/.+$/,
      handler: (_request, response) => send(response, config, {}, true),
    },
    {
      method: 'PUT',
      path: /^\/v2\/team\/copy\/manifests\/.+$/,
      handler: (request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          response.writeHead(201, { 'docker-content-digest': digestOf('sha256', Buffer.concat(chunks)) });
          response.end();
        });
      },
    },
  ]);
  for (const registry of [source, destination]) {
    const added = await cli.run([
      'registry',
      'add',
      `r${registry.port}`,
      `http://${registry.host}`,
      '--insecure-http',
    ]);
    expect(added.code).toBe(0);
  }
});

afterAll(async () => {
  await source?.stop();
  await destination?.stop();
  await removeDir(dataDir);
});

function client(): RegistryClient {
  return new RegistryClient({
    connectionFor: (host) => ({ host, insecureHttp: true }),
    certsDRoot: false,
    retry: { baseDelayMs: 20, maxDelayMs: 100 },
  });
}

async function outcome<T>(work: (client: RegistryClient) => Promise<T>): Promise<T | unknown> {
  const berth = client();
  try {
    return await work(berth);
  } catch (error) {
    return error;
  } finally {
    await berth.close();
  }
}

describe('manifests by a sha512 digest (core API)', () => {
  it('refuses a manifest whose bytes do not hash to the sha512 asked for', async () => {
    const error = await outcome((berth) =>
      getManifest(berth, { registry: source.host, repository: 'team/app', reference: bad512 }),
    );
    expect(error).toBeInstanceOf(DigestMismatchError);
    expect((error as Error).message).toContain(`should have digest ${bad512}`);
    expect((error as Error).message).toContain(`hash to ${good512}`);
  });

  it('reads a manifest whose bytes do hash to the sha512 asked for', async () => {
    const result = await outcome((berth) =>
      getManifest(berth, { registry: source.host, repository: 'team/app', reference: good512 }),
    );
    expect(result).toMatchObject({ digest: digestOf('sha256', manifest), mediaType: MANIFEST_TYPE });
  });

  it('refuses to inspect by a sha512 digest the bytes do not have', async () => {
    const error = await outcome((berth) =>
      inspectImage(berth, { registry: source.host, repository: 'team/app', reference: bad512 }),
    );
    expect(error).toBeInstanceOf(DigestMismatchError);
  });

  it.each([
    ['md5', md5],
    ['sha384', sha384],
  ])('refuses a %s digest as unknown before asking the registry', async (_name, digest) => {
    const before = source.requests.length;
    const error = await outcome((berth) =>
      getManifest(berth, { registry: source.host, repository: 'team/app', reference: digest }),
    );
    expect(error).toBeInstanceOf(InvalidDigestError);
    expect((error as InvalidDigestError).toInfo()).toMatchObject({
      code: 'INVALID_REFERENCE',
      registry: source.host,
    });
    expect((error as Error).message).toMatch(/is not supported \(use sha256 or sha512\)/);
    expect((error as InvalidDigestError).hint).toMatch(/sha256 and sha512/);
    expect(source.requests.slice(before)).toEqual([]);
  });

  it('refuses a malformed digest a manifest names before it goes into a URL', async () => {
    const error = await outcome((berth) =>
      inspectImage(berth, { registry: source.host, repository: 'team/bad-config', reference: '1', tag: '1' }),
    );
    expect(error).toBeInstanceOf(InvalidDigestError);
    expect((error as InvalidDigestError).hint).toMatch(/registry named a digest/);
    expect(source.requests.filter((request) => request.path.includes('/blobs/sha256:ggg'))).toEqual([]);
  });
});

describe("a manifest's digest from a HEAD (core API)", () => {
  it.each(['not-hex', 'too-long', 'huge'])(
    'hashes the bytes when the Docker-Content-Digest of a HEAD is no digest (%s)',
    async (tag) => {
      const before = source.requests.length;
      const head = await outcome((berth) =>
        headManifest(berth, { registry: source.host, repository: 'team/liar', reference: tag }),
      );
      expect(head).toMatchObject({ digest: digestOf('sha256', manifest), mediaType: MANIFEST_TYPE });
      expect(source.requests.slice(before).map((request) => request.method)).toEqual(['HEAD', 'GET']);
    },
  );
});

describe("a manifest's descriptor sizes (core API)", () => {
  it.each([
    ['text', '"11"'],
    ['negative', '-5'],
    ['fraction', '10.5'],
    ['missing', 'missing'],
    ['unsafe', '1152921504606847000'],
  ])('refuses a layer size that is no byte count (%s) before it becomes a total', async (tag, shown) => {
    const at = { registry: source.host, repository: 'team/sizes', reference: tag };
    for (const error of [
      await outcome((berth) => getManifest(berth, at)),
      await outcome((berth) =>
        previewCopy(berth, {
          source: at,
          destination: { registry: destination.host, repository: 'team/copy' },
        }),
      ),
    ]) {
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as Error).message).toBe(
        `manifest team/sizes:${tag}: layer 1's size is no byte count (${shown})`,
      );
    }
    expect(destination.requests.filter((request) => request.path.includes('team/copy'))).toEqual([]);
  });
});

describe("a manifest's media type (core API)", () => {
  it.each(['escape', 'huge', 'header'])(
    'takes the media type from the manifest only when it is one (%s), else from its shape',
    async (tag) => {
      const result = await outcome((berth) =>
        getManifest(berth, { registry: source.host, repository: 'team/types', reference: tag }),
      );
      expect(result).toMatchObject({ mediaType: MANIFEST_TYPE });
    },
  );
});

describe('tags a registry lists (core API)', () => {
  it('leaves a listed "tag" that would move the request elsewhere out of the listing, and refuses it by name, asking nothing for it', async () => {
    const before = source.requests.length;
    const listed = await outcome((berth) =>
      collect(listTags(berth, { registry: source.host, repository: 'team/app' })),
    );
    expect(listed).toEqual(['1']);
    const refused = (await outcome((berth) =>
      summarizeTag(berth, {
        registry: source.host,
        repository: 'team/app',
        reference: '../../other/manifests/1',
      }).catch((error: unknown) => error),
    )) as Error & { code?: string };
    expect(refused.code).toBe('INVALID_REFERENCE');
    expect(refused.message).toBe(`${source.host}: "../../other/manifests/1" in team/app is not a tag`);
    expect(source.requests.slice(before).filter((request) => request.path.includes('other'))).toEqual([]);
  });
});

describe('deleting by a digest (core API)', () => {
  it.each([
    ['md5', md5],
    ['sha384', sha384],
  ])('refuses a %s digest before asking the registry anything', async (_name, digest) => {
    const before = source.requests.length;
    const error = await outcome((berth) =>
      deleteImage(berth, { registry: source.host, repository: 'team/app', reference: digest }),
    );
    expect(error).toBeInstanceOf(InvalidDigestError);
    expect(source.requests.slice(before)).toEqual([]);
  });

  it('refuses to delete by a sha512 the bytes do not have, sending no DELETE for it', async () => {
    const before = source.requests.length;
    const error = await outcome((berth) =>
      deleteImage(berth, { registry: source.host, repository: 'team/app', reference: bad512 }),
    );
    expect(error).toBeInstanceOf(DigestMismatchError);
    const deletes = source.requests.slice(before).filter((request) => request.method === 'DELETE');
    expect(deletes.filter((request) => !request.path.endsWith(`sha256:${'0'.repeat(64)}`))).toEqual([]);
  });
});

describe('blobs by a sha512 digest (core API)', () => {
  it('verifies a blob streamed under its sha512', async () => {
    const bytes = await outcome((berth) =>
      readBlob(berth, { registry: source.host, repository: 'team/app' }, blob512),
    );
    expect(Buffer.isBuffer(bytes) && bytes.equals(blob)).toBe(true);
  });

  it('refuses a blob whose bytes do not hash to the sha512 named', async () => {
    const error = await outcome((berth) =>
      readBlob(berth, { registry: source.host, repository: 'team/app' }, wrongBlob512),
    );
    expect(error).toBeInstanceOf(DigestMismatchError);
  });
});

describe('the built CLI', () => {
  it('berth inspect by a sha512 the bytes do not have: exit 1 and the mismatch', async () => {
    const result = await cli.run(['inspect', `${source.host}/team/app@${bad512}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`^berth: ${source.host}: manifest team/app@${bad512} should have digest`),
    );
  });

  it('berth cp by a sha512 the bytes do not have: exit 1, nothing stored', async () => {
    const before = destination.requests.length;
    const result = await cli.run([
      'cp',
      `${source.host}/team/app@${bad512}`,
      `${destination.host}/team/copy:1`,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`should have digest ${bad512}`);
    expect(destination.requests.slice(before).filter((request) => request.method === 'PUT')).toEqual([]);
  });

  it('berth cp by the right sha512 copies the manifest to the tag asked for', async () => {
    const before = destination.requests.length;
    const result = await cli.run([
      'cp',
      `${source.host}/team/app@${good512}`,
      `${destination.host}/team/copy:1`,
    ]);
    expect(result.stderr).not.toMatch(/^berth: /m);
    expect(result.code).toBe(0);
    const puts = destination.requests.slice(before).filter((request) => request.method === 'PUT');
    expect(puts.map((request) => request.path)).toEqual(['/v2/team/copy/manifests/1']);
  });

  it.each([
    ['md5', md5],
    ['sha384', sha384],
  ])('berth inspect and cp refuse a %s digest as unknown, asking nothing', async (_name, digest) => {
    const before = source.requests.length;
    for (const args of [
      ['inspect', `${source.host}/team/app@${digest}`],
      ['cp', `${source.host}/team/app@${digest}`, `${destination.host}/team/copy:1`],
    ]) {
      const result = await cli.run(args);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /digest algorithm "(md5|sha384)" is not supported \(use sha256 or sha512\)/,
      );
    }
    expect(source.requests.slice(before)).toEqual([]);
  });
});
