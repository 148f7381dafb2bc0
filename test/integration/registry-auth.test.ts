import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthError,
  collect,
  DeniedError,
  getManifest,
  inspectImage,
  listRepositories,
  listTags,
  ping,
  putManifest,
  RegistryClient,
  TlsError,
  UnsupportedError,
  verifyLogin,
} from '../../electron/core/registry/index.js';
import { alice, clientFor } from '../fixtures/berth-client.js';
import { pushImage } from '../fixtures/images.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

describe('htpasswd basic auth over TLS with a test CA', () => {
  let registry: RegistryHandle;
  let scratch: string;

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'htpasswd', tls: true });
    scratch = await makeTempDir('berth-certsd-');
    await pushImage(registry, 'secure/app', '1');
  });
  afterAll(async () => {
    await registry?.stop();
    await removeDir(scratch);
  });

  it('works with the CA and the right password, and sees Basic auth', async () => {
    const { client, host } = clientFor(registry, { credential: alice(registry) });
    const result = await verifyLogin(client, host);
    expect(result.authScheme).toBe('basic');
    expect(await collect(listTags(client, { registry: host, repository: 'secure/app' }))).toEqual(['1']);
    await client.close();
  });

  it('refuses a wrong password with an auth error that names the problem', async () => {
    const { client, host } = clientFor(registry, {
      credential: { kind: 'basic', username: 'alice', password: 'wrong' },
    });
    const error = await verifyLogin(client, host).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).problem).toBe('credentials-rejected');
    expect((error as AuthError).message).not.toContain('wrong');
    await client.close();
  });

  it('asks for a login when none is given', async () => {
    const { client, host } = clientFor(registry);
    const error = await collect(listTags(client, { registry: host, repository: 'secure/app' })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).problem).toBe('credentials-required');
    expect((error as AuthError).hint).toContain(`berth login ${host}`);
    await client.close();
  });

  it('reports an unknown CA as a TLS error with the fix', async () => {
    const { client, host } = clientFor(registry, { credential: alice(registry), withoutCa: true });
    const error = await ping(client, host).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TlsError);
    expect((error as TlsError).problem).toBe('unknown-ca');
    expect((error as TlsError).hint).toContain(`certs.d/${host}/ca.crt`);
    await client.close();
  });

  it("trusts the CA from Docker's certs.d/<host:port>/ca.crt like Docker does", async () => {
    const certsD = path.join(scratch, 'certs.d');
    await mkdir(path.join(certsD, registry.host), { recursive: true });
    await writeFile(path.join(certsD, registry.host, 'ca.crt'), registry.caPem!);
    const { client, host } = clientFor(registry, {
      credential: alice(registry),
      withoutCa: true,
      certsDRoot: certsD,
    });
    expect((await ping(client, host)).authScheme).toBe('basic');
    await client.close();
  });

  it('refuses a certs.d client certificate without its key', async () => {
    const certsD = path.join(scratch, 'broken.d');
    await mkdir(path.join(certsD, registry.host), { recursive: true });
    await writeFile(path.join(certsD, registry.host, 'client.cert'), 'x');
    const { client, host } = clientFor(registry, { withoutCa: true, certsDRoot: certsD });
    await expect(ping(client, host)).rejects.toThrow(/client certificate without client.key/);
    await client.close();
  });

  it('connects with verification skipped only when asked, and says so', async () => {
    const { client, host, warnings } = clientFor(registry, {
      credential: alice(registry),
      withoutCa: true,
      skipVerify: true,
    });
    expect((await ping(client, host)).authScheme).toBe('basic');
    expect(warnings).toContain(`TLS certificate verification is OFF for ${host}`);
    await client.close();
  });

  it('explains plain HTTP sent to an HTTPS registry', async () => {
    const { client, host } = clientFor(registry, { insecureHttp: true });
    const error = await ping(client, host).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TlsError);
    expect((error as TlsError).problem).toBe('https-only');
    await client.close();
  });
});

describe('an HTTPS client and a plain-HTTP registry', () => {
  it('says the registry answers plain HTTP', async () => {
    const registry = await startRegistry({ auth: 'none' });
    try {
      const { client, host } = clientFor(registry, { insecureHttp: false });
      const error = await ping(client, host).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TlsError);
      expect((error as TlsError).problem).toBe('not-https');
      expect((error as TlsError).hint).toContain(`connect with http://${host}`);
      await client.close();
    } finally {
      await registry.stop();
    }
  });
});

describe('token auth (Docker token spec, RS256 JWTs from the test token server)', () => {
  let registry: RegistryHandle;
  let expireNext = 0;

  beforeAll(async () => {
    registry = await startRegistry({
      auth: 'token',
      token: { anonymousPull: true, issueExpired: () => expireNext-- > 0 },
    });
    await pushImage(registry, 'tok/app', '1');
    await pushImage(registry, 'tok/other', '1');
  });
  afterAll(async () => registry?.stop());

  it('caches one token per scope set: repeated reads fetch no new token', async () => {
    const { client, host } = clientFor(registry, { credential: alice(registry) });
    const before = registry.tokenServer!.issued;
    for (let i = 0; i < 5; i++)
      await getManifest(client, { registry: host, repository: 'tok/app', reference: '1' });
    expect(registry.tokenServer!.issued - before).toBe(1);
    await getManifest(client, { registry: host, repository: 'tok/other', reference: '1' });
    expect(registry.tokenServer!.issued - before).toBe(2);
    const last = registry.tokenServer!.requests.at(-1)!;
    expect(last).toMatchObject({
      method: 'GET',
      hasAuthorization: true,
      user: 'alice',
      account: 'alice',
      scopes: ['repository:tok/other:pull'],
    });
    await client.close();
  });

  it('re-authenticates once when the registry rejects a token it thought valid', async () => {
    const { client, host } = clientFor(registry, { credential: alice(registry) });
    expireNext = 1; // the first token handed out is already expired for the registry
    const before = registry.tokenServer!.issued;
    const manifest = await getManifest(client, { registry: host, repository: 'tok/app', reference: '1' });
    expect(manifest.mediaType).toContain('manifest');
    expect(registry.tokenServer!.issued - before).toBe(2);
    await client.close();
  });

  it('refreshes a token before it expires instead of waiting for a 401', async () => {
    const shortLived = await startRegistry({ auth: 'token', token: { expiresInSeconds: 1 } });
    try {
      await pushImage(shortLived, 'short/app', '1');
      const { client, host } = clientFor(shortLived, { credential: alice(shortLived) });
      await getManifest(client, { registry: host, repository: 'short/app', reference: '1' });
      const proxyCountBefore = shortLived.tokenServer!.issued;
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await getManifest(client, { registry: host, repository: 'short/app', reference: '1' });
      expect(shortLived.tokenServer!.issued - proxyCountBefore).toBe(1);
      await client.close();
    } finally {
      await shortLived.stop();
    }
  });

  it('reports a wrong password as refused by the token server, without the password', async () => {
    const { client, host } = clientFor(registry, {
      credential: { kind: 'basic', username: 'alice', password: 'not-it-123' },
    });
    const error = await verifyLogin(client, host).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).problem).toBe('credentials-rejected');
    expect((error as AuthError).message).toMatch(/refused user "alice"/);
    expect(JSON.stringify((error as AuthError).toInfo())).not.toContain('not-it-123');
    await client.close();
  });

  it('reads anonymously where the token server grants anonymous pull, and is denied a push', async () => {
    const { client, host } = clientFor(registry);
    expect(
      (await inspectImage(client, { registry: host, repository: 'tok/app', reference: '1', tag: '1' })).kind,
    ).toBe('image');
    const error = await putManifest(
      client,
      { registry: host, repository: 'tok/app', reference: 'nope' },
      { bytes: Buffer.from('{}'), mediaType: 'application/vnd.oci.image.manifest.v1+json' },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).problem).toBe('credentials-required');
    await client.close();
  });

  it('says an anonymous user cannot list the catalog — open by name — rather than failing', async () => {
    const { client, host } = clientFor(registry);
    const error = await collect(listRepositories(client, host)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedError);
    expect((error as Error).message).toContain('does not list its repositories to anonymous users');
    await client.close();
  });

  it('lists the catalog for a user granted registry:catalog:*', async () => {
    const { client, host } = clientFor(registry, { credential: alice(registry) });
    expect(await collect(listRepositories(client, host))).toEqual(['tok/app', 'tok/other']);
    await client.close();
  });

  it('uses an identity (refresh) token through the OAuth2 POST form', async () => {
    const response = await request(
      `${registry.tokenServer!.realm}?service=${registry.tokenServer!.service}&offline_token=true&client_id=test`,
      {
        headers: { authorization: `Basic ${Buffer.from('alice:wonderland-pass').toString('base64')}` },
      },
    );
    const { refresh_token: refreshToken } = (await response.body.json()) as { refresh_token: string };
    expect(refreshToken).toBeTruthy();
    const { client, host } = clientFor(registry, {
      credential: { kind: 'identity-token', token: refreshToken },
    });
    await getManifest(client, { registry: host, repository: 'tok/app', reference: '1' });
    const last = registry.tokenServer!.requests.at(-1)!;
    expect(last).toMatchObject({
      method: 'POST',
      grantType: 'refresh_token',
      user: 'alice',
      scopes: ['repository:tok/app:pull'],
    });
    await client.close();
  });

  it('turns a grant narrower than asked into a denial', async () => {
    const narrow = await startRegistry({
      auth: 'token',
      token: { grant: (_user, scope) => scope.actions.filter((a) => a === 'pull') },
    });
    try {
      const image = await pushImage(narrow, 'ro/app', '1');
      const { client, host } = clientFor(narrow, { credential: alice(narrow) });
      const error = await putManifest(
        client,
        { registry: host, repository: 'ro/app', reference: '2' },
        { bytes: image.manifestBytes, mediaType: image.mediaType },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeniedError);
      await client.close();
    } finally {
      await narrow.stop();
    }
  });
});

describe('a registry that requires TLS client certificates', () => {
  let registry: RegistryHandle;
  let scratch: string;

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'none', tls: true, clientCertificates: true });
    scratch = await makeTempDir('berth-client-cert-');
    await pushImage(registry, 'mtls/app', '1');
  });
  afterAll(async () => {
    await registry?.stop();
    await removeDir(scratch);
  });

  it('is refused without a client certificate', async () => {
    const { client, host } = clientFor(registry);
    const error = await collect(listTags(client, { registry: host, repository: 'mtls/app' })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TlsError);
    expect((error as TlsError).problem).toBe('client-certificate');
    await client.close();
  });

  it('works with the client certificate and key from the connection', async () => {
    const client = new RegistryClient({
      certsDRoot: false,
      connectionFor: (host) => ({
        host,
        tls: {
          caFile: registry.caFile,
          certFile: registry.clientCert!.certFile,
          keyFile: registry.clientCert!.keyFile,
        },
      }),
    });
    expect(await collect(listTags(client, { registry: registry.host, repository: 'mtls/app' }))).toEqual([
      '1',
    ]);
    await client.close();
  });

  it("works with client.cert + client.key from Docker's certs.d", async () => {
    const dir = path.join(scratch, 'certs.d', registry.host);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'ca.crt'), registry.caPem!);
    await copyFile(registry.clientCert!.certFile, path.join(dir, 'client.cert'));
    await copyFile(registry.clientCert!.keyFile, path.join(dir, 'client.key'));
    const { client, host } = clientFor(registry, {
      withoutCa: true,
      certsDRoot: path.join(scratch, 'certs.d'),
    });
    expect(await collect(listTags(client, { registry: host, repository: 'mtls/app' }))).toEqual(['1']);
    await client.close();
  });
});
