// Proves the integration fixtures against the real parts: docker-registry (Distribution 2.8), skopeo, openssl.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { makeCA, makeClientCert, makeServerCert } from '../fixtures/certs.js';
import { startFaultProxy, type FaultAction } from '../fixtures/fault-proxy.js';
import { pushBlob, pushImage, pushIndex, seedManyRepos, seedManyTags, sha256 } from '../fixtures/images.js';
import {
  ManagedProcess,
  freePort,
  makeTempDir,
  removeDir,
  runCommand,
  waitForHttp,
} from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';
import { startTokenServer } from '../fixtures/token-server.js';

async function skopeo(args: string[], allowFailure = false) {
  return runCommand('skopeo', args, { timeoutMs: 20_000, allowFailure });
}

async function get(
  registry: RegistryHandle,
  path: string,
  scopes: string[],
  headers: Record<string, string> = {},
) {
  const authorization = await registry.authorizationFor(scopes);
  return request(`${registry.url}${path}`, {
    dispatcher: registry.dispatcher,
    headers: { ...headers, ...(authorization ? { authorization } : {}) },
  });
}

describe('process helpers', () => {
  it('runCommand rejects with stderr on failure and resolves with allowFailure', async () => {
    await expect(runCommand('sh', ['-c', 'echo broken >&2; exit 3'])).rejects.toThrow(
      /exited with 3\nbroken/,
    );
    const result = await runCommand('sh', ['-c', 'cat; exit 2'], { input: 'hello', allowFailure: true });
    expect(result).toEqual({ stdout: 'hello', stderr: '', code: 2 });
    await expect(runCommand('sleep', ['5'], { timeoutMs: 200 })).rejects.toThrow(/timed out/);
  });

  it('waitForHttp fails fast with the server output when the server exits', async () => {
    const port = await freePort();
    const child = new ManagedProcess('docker-registry', ['serve', '/nonexistent/config.yml']);
    const started = Date.now();
    await expect(
      waitForHttp(`http://127.0.0.1:${port}/v2/`, {
        timeoutMs: 10_000,
        expectAnyStatus: true,
        process: child,
      }),
    ).rejects.toThrow(/exited with code 1[\s\S]*nonexistent/);
    expect(Date.now() - started).toBeLessThan(5_000);
    await child.stop();
  });
});

describe('certs', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir('certs-test');
  });
  afterAll(async () => removeDir(dir));

  it('makes a CA, a server certificate with SANs, an expired one and a client certificate', async () => {
    const ca = await makeCA(dir, { commonName: 'Fixture CA' });
    const server = await makeServerCert(ca, dir, {
      names: ['localhost', 'registry.test'],
      ips: ['127.0.0.1'],
    });
    const text = (await runCommand('openssl', ['x509', '-in', server.certFile, '-noout', '-text'])).stdout;
    expect(text).toContain('DNS:localhost, DNS:registry.test, IP Address:127.0.0.1');
    expect(text).toContain('TLS Web Server Authentication');
    await runCommand('openssl', ['verify', '-CAfile', ca.certFile, server.certFile]);

    const expired = await makeServerCert(ca, dir, {
      names: ['localhost'],
      ips: ['127.0.0.1'],
      notAfterPast: true,
      name: 'old',
    });
    const check = await runCommand('openssl', ['x509', '-in', expired.certFile, '-noout', '-checkend', '0'], {
      allowFailure: true,
    });
    expect(check.stdout).toContain('will expire');
    const verify = await runCommand('openssl', ['verify', '-CAfile', ca.certFile, expired.certFile], {
      allowFailure: true,
    });
    expect(verify.stdout + verify.stderr).toContain('certificate has expired');

    const client = await makeClientCert(ca, dir, 'berth-client');
    const clientText = (await runCommand('openssl', ['x509', '-in', client.certFile, '-noout', '-text']))
      .stdout;
    expect(clientText).toContain('TLS Web Client Authentication');
    expect(clientText).toContain('CN = berth-client');
    const { stat } = await import('node:fs/promises');
    for (const key of [ca.keyFile, server.keyFile, expired.keyFile, client.keyFile]) {
      expect((await stat(key)).mode & 0o777).toBe(0o600);
    }
  });
});

describe('registry without auth', () => {
  let registry: RegistryHandle;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => registry?.stop());

  for (const format of ['oci', 'docker'] as const) {
    it(`pushImage (${format}) is read back byte for byte by skopeo`, async () => {
      const image = await pushImage(registry, `plain/${format}`, 'v1', {
        format,
        labels: { flavour: format },
      });
      const ref = `docker://${registry.host}/plain/${format}:v1`;
      const raw = await skopeo(['inspect', '--raw', ...registry.skopeoArgs(), ref]);
      expect(Buffer.from(raw.stdout)).toEqual(image.manifestBytes);
      const inspected = JSON.parse((await skopeo(['inspect', ...registry.skopeoArgs(), ref])).stdout);
      expect(inspected.Digest).toBe(image.digest);
      expect(inspected.Layers).toEqual(image.layerDigests);
      expect(inspected.Labels).toMatchObject({ flavour: format });
      const config = await skopeo(['inspect', '--raw', '--config', ...registry.skopeoArgs(), ref]);
      expect(sha256(config.stdout)).toBe(image.configDigest);
    });
  }

  it.each(['oci', 'docker'] as const)(
    'pushIndex (%s) makes an index skopeo reads and resolves per platform',
    async (format) => {
      const index = await pushIndex(registry, `plain/multi-${format}`, 'latest', {
        format,
        platforms: [
          { os: 'linux', architecture: 'amd64' },
          { os: 'linux', architecture: 'arm64', variant: 'v8' },
        ],
      });
      const ref = `docker://${registry.host}/plain/multi-${format}:latest`;
      const raw = await skopeo(['inspect', '--raw', ...registry.skopeoArgs(), ref]);
      expect(Buffer.from(raw.stdout)).toEqual(index.manifestBytes);
      expect(JSON.parse(raw.stdout).manifests).toHaveLength(2);
      const arm = JSON.parse(
        (await skopeo(['--override-arch', 'arm64', 'inspect', ...registry.skopeoArgs(), ref])).stdout,
      );
      expect(arm.Architecture).toBe('arm64');
      // skopeo reports the digest of the index it was given, but the chosen child's layers.
      expect(arm.Digest).toBe(index.digest);
      expect(arm.Layers).toEqual(index.children[1]?.layerDigests);
    },
  );

  it('restart keeps the data and applies new options (delete enabled)', async () => {
    const image = await pushImage(registry, 'plain/deletable', 'v1');
    const deleteManifest = () =>
      request(`${registry.url}/v2/plain/deletable/manifests/${image.digest}`, {
        method: 'DELETE',
        dispatcher: registry.dispatcher,
      });
    const refused = await deleteManifest();
    expect(refused.statusCode).toBe(405);
    await refused.body.dump();
    await registry.restart({ deleteEnabled: true });
    const accepted = await deleteManifest();
    expect(accepted.statusCode).toBe(202);
    await accepted.body.dump();
    const other = await get(registry, '/v2/plain/oci/tags/list', []);
    expect(await other.body.json()).toEqual({ name: 'plain/oci', tags: ['v1'] });
  });
});

describe('registry with htpasswd over TLS', () => {
  let registry: RegistryHandle;
  beforeAll(async () => {
    registry = await startRegistry({ auth: 'htpasswd', tls: true });
  });
  afterAll(async () => registry?.stop());

  it('serves skopeo with the CA and credentials, and refuses wrong credentials', async () => {
    expect(registry.scheme).toBe('https');
    const image = await pushImage(registry, 'secure/app', '1.0', { format: 'docker' });
    const ref = `docker://${registry.host}/secure/app:1.0`;
    const inspected = JSON.parse((await skopeo(['inspect', ...registry.skopeoArgs(), ref])).stdout);
    expect(inspected.Digest).toBe(image.digest);

    const wrong = await skopeo(
      ['inspect', '--cert-dir', registry.certDir ?? '', '--creds', 'alice:nope', ref],
      true,
    );
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/unauthorized|authentication required/i);
    const untrusted = await skopeo(['inspect', '--creds', 'alice:wonderland-pass', ref], true);
    expect(untrusted.stderr).toMatch(/certificate signed by unknown authority/);

    const anonymous = await request(`${registry.url}/v2/`, { dispatcher: registry.dispatcher });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Basic realm="berth-test-registry"');
    await anonymous.body.dump();
  });
});

describe('registry with token auth', () => {
  let registry: RegistryHandle;
  beforeAll(async () => {
    registry = await startRegistry({ auth: 'token', catalogMaxEntries: 2000 });
  });
  afterAll(async () => registry?.stop());

  it('lets skopeo list tags with credentials and records the token requests', async () => {
    await pushImage(registry, 'team/app', 'a');
    await pushImage(registry, 'team/app', 'b');
    const server = registry.tokenServer;
    if (!server) throw new Error('no token server');
    const before = server.requests.length;
    const listed = await skopeo([
      'list-tags',
      ...registry.skopeoArgs(),
      `docker://${registry.host}/team/app`,
    ]);
    expect(JSON.parse(listed.stdout).Tags.sort()).toEqual(['a', 'b']);
    const made = server.requests.slice(before);
    expect(made.length).toBeGreaterThan(0);
    expect(
      made.every((r) => r.method === 'GET' && r.hasAuthorization && r.user === 'alice' && r.status === 200),
    ).toBe(true);
    expect(made.some((r) => r.scopes.includes('repository:team/app:pull'))).toBe(true);
    expect(server.issued).toBeGreaterThanOrEqual(made.length);

    const denied = await skopeo(
      ['list-tags', '--tls-verify=false', '--creds', 'alice:bad', `docker://${registry.host}/team/app`],
      true,
    );
    expect(denied.code).not.toBe(0);
    expect(server.requests.at(-1)?.status).toBe(401);
  });

  it('honours catalog.maxentries', async () => {
    const scopes = ['registry:catalog:*'];
    const big = await get(registry, '/v2/_catalog?n=1500', scopes);
    expect(big.statusCode).toBe(200);
    await big.body.dump();
    const tooBig = await get(registry, '/v2/_catalog?n=2001', scopes);
    expect(tooBig.statusCode).toBe(400);
    expect(await tooBig.body.text()).toContain('PAGINATION_NUMBER_INVALID');
  });

  it('a token whose exp is past (beyond the 60 s leeway) is rejected by the registry', async () => {
    const server = registry.tokenServer;
    if (!server) throw new Error('no token server');
    const scope = [{ type: 'repository', name: 'team/app', actions: ['pull'] }];
    // Distribution 2.8 adds 60 s of leeway to exp (registry/auth/token/token.go Leeway).
    const withinLeeway = await request(`${registry.url}/v2/team/app/tags/list`, {
      headers: { authorization: `Bearer ${server.mintToken('alice', scope, { expiresInSeconds: -30 })}` },
    });
    expect(withinLeeway.statusCode).toBe(200);
    await withinLeeway.body.dump();
    const expired = server.mintToken('alice', scope, { expired: true });
    const rejected = await request(`${registry.url}/v2/team/app/tags/list`, {
      headers: { authorization: `Bearer ${expired}` },
    });
    expect(rejected.statusCode).toBe(401);
    expect(rejected.headers['www-authenticate']).toContain('error="invalid_token"');
    await rejected.body.dump();
    const fresh = server.mintToken('alice', scope);
    const accepted = await request(`${registry.url}/v2/team/app/tags/list`, {
      headers: { authorization: `Bearer ${fresh}` },
    });
    expect(accepted.statusCode).toBe(200);
    await accepted.body.dump();
  });
});

describe('token server endpoints', () => {
  it('serves GET, POST password and refresh grants, anonymous pull, expired tokens and 404 for POST', async () => {
    let expireNext = false;
    const server = await startTokenServer({
      users: { bob: 'builder' },
      anonymousPull: true,
      issueExpired: () => expireNext,
    });
    const noPost = await startTokenServer({ users: {}, postSupported: false });
    try {
      const basic = `Basic ${Buffer.from('bob:builder').toString('base64')}`;
      const claims = (token: string) =>
        JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());

      const got = await request(
        `${server.realm}?service=${server.service}&scope=repository:a/b:pull,push&scope=registry:catalog:*&offline_token=true&client_id=berth`,
        { headers: { authorization: basic } },
      );
      const body = (await got.body.json()) as Record<string, unknown>;
      expect(body.token).toBe(body.access_token);
      expect(body.expires_in).toBe(300);
      expect(typeof body.refresh_token).toBe('string');
      expect(claims(String(body.token))).toMatchObject({
        sub: 'bob',
        aud: server.service,
        iss: server.issuer,
        access: [
          { type: 'repository', name: 'a/b', actions: ['pull', 'push'] },
          { type: 'registry', name: 'catalog', actions: ['*'] },
        ],
      });

      const anonymous = (await (
        await request(`${server.realm}?scope=repository:a/b:pull,push`)
      ).body.json()) as {
        token: string;
      };
      expect(claims(anonymous.token).access).toEqual([
        { type: 'repository', name: 'a/b', actions: ['pull'] },
      ]);

      const wrong = await request(`${server.realm}?scope=repository:a/b:pull`, {
        headers: { authorization: `Basic ${Buffer.from('bob:x').toString('base64')}` },
      });
      expect(wrong.statusCode).toBe(401);
      expect(((await wrong.body.json()) as { errors: unknown[] }).errors).toHaveLength(1);

      const form = (fields: Record<string, string>) => ({
        method: 'POST' as const,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
      const refreshed = await request(
        server.realm,
        form({
          grant_type: 'refresh_token',
          refresh_token: String(body.refresh_token),
          service: server.service,
          client_id: 'berth',
          scope: 'repository:a/b:pull repository:c/d:pull',
        }),
      );
      const refreshedBody = (await refreshed.body.json()) as Record<string, unknown>;
      expect(refreshedBody.scope).toBe('repository:a/b:pull repository:c/d:pull');
      expect(refreshedBody.refresh_token).toBeUndefined();

      expireNext = true;
      const password = await request(
        server.realm,
        form({
          grant_type: 'password',
          username: 'bob',
          password: 'builder',
          client_id: 'berth',
          service: server.service,
          access_type: 'offline',
        }),
      );
      const passwordBody = (await password.body.json()) as Record<string, unknown>;
      expect(passwordBody.expires_in).toBe(300);
      expect(typeof passwordBody.refresh_token).toBe('string');
      expect(claims(String(passwordBody.access_token)).exp).toBeLessThan(Date.now() / 1000 - 100);

      expect(server.requests.map((r) => [r.method, r.grantType, r.user, r.status])).toEqual([
        ['GET', undefined, 'bob', 200],
        ['GET', undefined, undefined, 200],
        ['GET', undefined, undefined, 401],
        ['POST', 'refresh_token', 'bob', 200],
        ['POST', 'password', 'bob', 200],
      ]);
      expect(server.issued).toBe(4);

      const notFound = await request(noPost.realm, form({ grant_type: 'password', client_id: 'x' }));
      expect(notFound.statusCode).toBe(404);
      await notFound.body.dump();
    } finally {
      await server.stop();
      await noPost.stop();
    }
  });
});

describe('filesystem seeding', () => {
  let registry: RegistryHandle;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => registry?.stop());

  it('seedManyTags makes 2500 tags that skopeo lists and the registry serves', async () => {
    const tags = await seedManyTags(registry, 'many/tags', 2500);
    expect(tags).toHaveLength(2500);
    const listed = await skopeo([
      'list-tags',
      ...registry.skopeoArgs(),
      `docker://${registry.host}/many/tags`,
    ]);
    expect(JSON.parse(listed.stdout).Tags.sort()).toEqual(tags);
    const manifest = await get(registry, `/v2/many/tags/manifests/${tags[2499]}`, [], {
      accept: 'application/vnd.oci.image.manifest.v1+json',
    });
    expect(manifest.statusCode).toBe(200);
    await manifest.body.dump();
  });

  it('seedManyRepos makes 1200 repositories listed across catalog pages', async () => {
    const repositories = await seedManyRepos(registry, 1200);
    const seen: string[] = [];
    let next: string | undefined = '/v2/_catalog?n=1000';
    let pages = 0;
    while (next) {
      const page = await get(registry, next, []);
      expect(page.statusCode).toBe(200);
      seen.push(...((await page.body.json()) as { repositories: string[] }).repositories);
      const link = page.headers.link;
      next = typeof link === 'string' ? /<([^>]+)>;\s*rel="next"/.exec(link)?.[1] : undefined;
      pages += 1;
    }
    expect(pages).toBe(2);
    expect(seen.filter((name) => name.startsWith('bulk/'))).toEqual(repositories);
    const lastRepo = repositories[1199] ?? '';
    const inspected = JSON.parse(
      (await skopeo(['inspect', ...registry.skopeoArgs(), `docker://${registry.host}/${lastRepo}:latest`]))
        .stdout,
    );
    expect(inspected.Layers).toHaveLength(1);
  });
});

describe('fault proxy', () => {
  for (const tls of [false, true]) {
    describe(tls ? 'in front of a TLS token registry' : 'in front of a plain registry', () => {
      let registry: RegistryHandle;
      beforeAll(async () => {
        registry = await startRegistry(tls ? { auth: 'token', tls: true } : {});
      });
      afterAll(async () => registry?.stop());

      it('injects a 500 once, then passes through; uploads through it get proxy Locations', async () => {
        const image = await pushImage(registry, 'proxied/app', 'v1');
        let failed = false;
        const proxy = await startFaultProxy(registry, {
          onRequest: (req) => {
            if (!failed && req.path.includes('/manifests/')) {
              failed = true;
              return { status: 500 };
            }
            return undefined;
          },
        });
        try {
          const authorization = await registry.authorizationFor(['repository:proxied/app:pull,push']);
          const headers = {
            accept: image.mediaType,
            ...(authorization ? { authorization } : {}),
          };
          const first = await request(`${proxy.url}/v2/proxied/app/manifests/v1`, { headers });
          expect(first.statusCode).toBe(500);
          await first.body.dump();
          const second = await request(`${proxy.url}/v2/proxied/app/manifests/v1`, { headers });
          expect(second.statusCode).toBe(200);
          expect(second.headers['docker-content-digest']).toBe(image.digest);
          expect(Buffer.from(await second.body.arrayBuffer())).toEqual(image.manifestBytes);

          const ping = await request(`${proxy.url}/v2/`);
          expect(ping.statusCode).toBe(tls ? 401 : 200);
          if (tls) expect(ping.headers['www-authenticate']).toContain(registry.tokenServer?.realm ?? '?');
          await ping.body.dump();

          const upload = await request(`${proxy.url}/v2/proxied/app/blobs/uploads/`, {
            method: 'POST',
            headers: authorization ? { authorization } : {},
          });
          expect(upload.statusCode).toBe(202);
          await upload.body.dump();
          const location = String(upload.headers.location);
          expect(location.startsWith(`${proxy.url}/v2/proxied/app/blobs/uploads/`)).toBe(true);
          const blob = Buffer.from(`through the proxy ${tls}`);
          const put = new URL(location);
          put.searchParams.set('digest', sha256(blob));
          const done = await request(put, {
            method: 'PUT',
            headers: {
              'content-type': 'application/octet-stream',
              ...(authorization ? { authorization } : {}),
            },
            body: blob,
          });
          expect(done.statusCode).toBe(201);
          expect(String(done.headers.location).startsWith(proxy.url)).toBe(true);
          await done.body.dump();
        } finally {
          await proxy.stop();
        }
      });

      it('corrupts, replaces, redirects and cuts as asked', async () => {
        const image = await pushImage(registry, 'proxied/faults', 'v1', { layers: 1, layerSize: 4096 });
        const layer = image.layerDigests[0] ?? '';
        const blobPath = `/v2/proxied/faults/blobs/${layer}`;
        const plan: FaultAction[] = [
          { corruptBody: true },
          { replaceBody: Buffer.from('not the blob'), contentType: 'text/plain' },
          { redirectTo: 'blob-origin' },
          { destroySocket: true },
        ];
        const proxy = await startFaultProxy(registry, {
          onRequest: (req) => (req.path.startsWith(blobPath) ? plan.shift() : undefined),
        });
        try {
          const authorization = await registry.authorizationFor(['repository:proxied/faults:pull']);
          const headers = authorization ? { authorization } : {};
          const corrupted = await request(`${proxy.url}${blobPath}`, { headers });
          const corruptedBytes = Buffer.from(await corrupted.body.arrayBuffer());
          expect(corrupted.statusCode).toBe(200);
          expect(corruptedBytes.length).toBe(image.layers[0]?.size);
          expect(sha256(corruptedBytes)).not.toBe(layer);

          const replaced = await request(`${proxy.url}${blobPath}`, { headers });
          expect(replaced.headers['content-length']).toBe('12');
          expect(replaced.headers['docker-content-digest']).toBe(layer);
          expect(await replaced.body.text()).toBe('not the blob');

          const redirected = await request(`${proxy.url}${blobPath}`, { headers });
          expect(redirected.statusCode).toBe(307);
          const location = String(redirected.headers.location);
          expect(location.startsWith(proxy.blobOriginUrl)).toBe(true);
          await redirected.body.dump();
          const fromOrigin = await request(location, { headers: { 'x-probe': 'hop' } });
          expect(fromOrigin.statusCode).toBe(200);
          expect(sha256(Buffer.from(await fromOrigin.body.arrayBuffer()))).toBe(layer);
          expect(proxy.blobOriginRequests).toHaveLength(1);
          expect(proxy.blobOriginRequests[0]?.headers['x-probe']).toBe('hop');
          expect(proxy.blobOriginRequests[0]?.headers.authorization).toBeUndefined();

          await expect(request(`${proxy.url}${blobPath}`, { headers })).rejects.toThrow();
          const intact = await request(`${proxy.url}${blobPath}`, { headers });
          expect(sha256(Buffer.from(await intact.body.arrayBuffer()))).toBe(layer);
          expect(proxy.requests.filter((r) => r.path === blobPath)).toHaveLength(5);
        } finally {
          await proxy.stop();
        }
      });
    });
  }

  it('a blob upload through the proxy works with pushBlob-style clients (skopeo copy)', async () => {
    const source = await startRegistry();
    const target = await startRegistry({ auth: 'htpasswd', tls: true });
    const proxy = await startFaultProxy(target);
    try {
      await pushImage(source, 'copy/me', 'v1', { format: 'docker' });
      await skopeo([
        'copy',
        ...source.skopeoArgs('src'),
        '--dest-tls-verify=false',
        '--dest-creds',
        `alice:${target.users.alice}`,
        `docker://${source.host}/copy/me:v1`,
        `docker://${proxy.host}/copy/me:v1`,
      ]);
      expect(proxy.requests.some((r) => r.method === 'PUT' && r.path.includes('/blobs/uploads/'))).toBe(true);
      const listed = await skopeo(['list-tags', ...target.skopeoArgs(), `docker://${target.host}/copy/me`]);
      expect(JSON.parse(listed.stdout).Tags).toEqual(['v1']);
      await pushBlob(target, 'copy/me', Buffer.from('direct'));
    } finally {
      await proxy.stop();
      await source.stop();
      await target.stop();
    }
  });
});
