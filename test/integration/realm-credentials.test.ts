import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AuthError,
  basicAuthorization,
  collect,
  completeUpload,
  listTags,
  RegistryClient,
  startUpload,
  type Credential,
} from '../../electron/core/registry/index.js';
import {
  sendJson,
  startHostileRegistry,
  type HostileRegistry,
  type HostileRoute,
} from '../fixtures/hostile-registry.js';

const password = 'pa55-never-leaves';
const basic: Credential = { kind: 'basic', username: 'alice', password };
const refresh: Credential = { kind: 'identity-token', token: 'refresh-never-leaves' };
const started: HostileRegistry[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.stop()));
});

async function serve(...routes: HostileRoute[]): Promise<HostileRegistry> {
  const server = await startHostileRegistry(routes);
  started.push(server);
  return server;
}

/** A server that plays a token realm (or any other origin) and records what it receives. */
function tokenRoute(path: string | RegExp = /.*/): HostileRoute {
  return {
    path,
    handler: (_request, response) => sendJson(response, 200, { token: 'issued', expires_in: 300 }),
  };
}

/** A registry whose API wants a bearer token from `realm()` (read when the challenge is sent). */
async function bearerRegistry(
  realm: (base: string) => string,
  ...extra: HostileRoute[]
): Promise<HostileRegistry> {
  const challenge = (
    request: IncomingMessage,
    response: ServerResponse,
    base: string,
    answer: () => void,
  ) => {
    if (request.headers.authorization === 'Bearer issued') return answer();
    sendJson(
      response,
      401,
      { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] },
      {
        'www-authenticate': `Bearer realm="${realm(base)}",service="hostile"`,
      },
    );
  };
  return serve(
    ...extra,
    {
      path: '/v2/',
      handler: (request, response, { base }) =>
        challenge(request, response, base, () => sendJson(response, 200, {})),
    },
    {
      path: '/v2/team/app/tags/list',
      handler: (request, response, { base }) =>
        challenge(request, response, base, () => sendJson(response, 200, { name: 'team/app', tags: ['1'] })),
    },
  );
}

function clientFor(registry: HostileRegistry, credential: Credential): RegistryClient {
  return new RegistryClient({
    connectionFor: (host) => (host === registry.host ? { host, insecureHttp: true, credential } : undefined),
    certsDRoot: false,
    retry: { baseDelayMs: 20, maxDelayMs: 100 },
  });
}

async function listWith(registry: HostileRegistry, credential: Credential): Promise<unknown> {
  const client = clientFor(registry, credential);
  try {
    return await collect(listTags(client, { registry: registry.host, repository: 'team/app' }));
  } catch (error) {
    return error;
  } finally {
    await client.close();
  }
}

function expectRefusedRealm(outcome: unknown, pattern: RegExp): void {
  expect(outcome).toBeInstanceOf(AuthError);
  expect((outcome as AuthError).problem).toBe('insecure-realm');
  expect((outcome as AuthError).message).toMatch(pattern);
  expect((outcome as AuthError).message).not.toContain(password);
}

describe('credentials and a token realm on a plain-HTTP registry', () => {
  it('sends no credentials to a plain-HTTP realm on the same host but another port', async () => {
    const realm = await serve(tokenRoute());
    const registry = await bearerRegistry(() => `${realm.url}/token`);
    expectRefusedRealm(await listWith(registry, basic), /plain-HTTP token server http:\/\/127\.0\.0\.1:\d+/);
    expect(realm.requests).toEqual([]);
  });

  it('sends no refresh token to a plain-HTTP realm on another port either', async () => {
    const realm = await serve(tokenRoute());
    const registry = await bearerRegistry(() => `${realm.url}/token`);
    expectRefusedRealm(await listWith(registry, refresh), /plain-HTTP token server/);
    expect(realm.requests).toEqual([]);
  });

  it.each([
    ['an IPv4-mapped IPv6 loopback', (port: number) => `https://[::ffff:127.0.0.1]:${port}/token`],
    ['a *.localhost name', (port: number) => `https://tokens.localhost:${port}/token`],
    ['localhost with a trailing dot', (port: number) => `https://localhost.:${port}/token`],
    ['carrier-grade NAT space (100.64.0.0/10)', (port: number) => `https://100.64.0.1:${port}/token`],
  ])('sends no credentials to %s named as an https realm', async (_name, realmFor) => {
    const realm = await serve(tokenRoute());
    const registry = await bearerRegistry(() => realmFor(realm.port));
    expectRefusedRealm(await listWith(registry, basic), /private address/);
    expect(realm.requests).toEqual([]);
  });

  it("logs in through a realm on the registry's own origin", async () => {
    const registry = await bearerRegistry((base) => `${base}/token`, tokenRoute('/token'));
    expect(await listWith(registry, basic)).toEqual(['1']);
    const tokenRequest = registry.requests.find((request) => request.path.startsWith('/token'));
    expect(tokenRequest?.headers.authorization).toBe(basicAuthorization('alice', password));
  });

  it('follows a redirect of the token request to another origin without the credentials', async () => {
    const elsewhere = await serve(tokenRoute());
    const registry = await bearerRegistry((base) => `${base}/token`, {
      path: '/token',
      handler: (request, response) => {
        response.writeHead(307, { location: `${elsewhere.url}${request.url}` });
        response.end();
      },
    });
    expect(await listWith(registry, basic)).toEqual(['1']);
    expect(elsewhere.requests.length).toBeGreaterThan(0);
    for (const request of elsewhere.requests) expect(request.headers.authorization).toBeUndefined();
  });

  it('refuses to carry a refresh token through a redirect to another origin', async () => {
    const elsewhere = await serve(tokenRoute());
    const registry = await bearerRegistry((base) => `${base}/token`, {
      path: '/token',
      handler: (_request, response) => {
        response.writeHead(307, { location: `${elsewhere.url}/token` });
        response.end();
      },
    });
    const outcome = await listWith(registry, refresh);
    expect(outcome).toBeInstanceOf(AuthError);
    expect((outcome as AuthError).message).toMatch(
      /redirected the token exchange to http:\/\/127\.0\.0\.1:\d+; not followed/,
    );
    expect(elsewhere.requests).toEqual([]);
  });

  it('follows a redirect of the refresh-token exchange on the same origin', async () => {
    const registry = await bearerRegistry(
      (base) => `${base}/token`,
      {
        path: '/token',
        handler: (_request, response) => {
          response.writeHead(308, { location: '/token/v2' });
          response.end();
        },
      },
      tokenRoute('/token/v2'),
    );
    expect(await listWith(registry, refresh)).toEqual(['1']);
  });
});

describe('registry requests carrying Authorization', () => {
  it('sends no Authorization to an upload Location on another origin', async () => {
    const elsewhere = await serve({
      path: /.*/,
      handler: (_request, response) => {
        response.writeHead(201, { 'docker-content-digest': 'sha256:' + '0'.repeat(64) });
        response.end();
      },
    });
    const expected = basicAuthorization('alice', password);
    const registry = await serve({
      path: /.*/,
      handler: (request, response) => {
        if (request.headers.authorization !== expected) {
          sendJson(
            response,
            401,
            { errors: [{ code: 'UNAUTHORIZED', message: 'login' }] },
            {
              'www-authenticate': 'Basic realm="hostile"',
            },
          );
          return;
        }
        response.writeHead(202, { location: `${elsewhere.url}/upload/1?state=x` });
        response.end();
      },
    });
    const client = clientFor(registry, basic);
    try {
      const upload = await startUpload(client, { registry: registry.host, repository: 'team/app' });
      expect(upload.mounted).toBe(false);
      if (upload.mounted) return;
      await completeUpload(client, { registry: registry.host, repository: 'team/app' }, upload.session, {
        digest: 'sha256:' + '0'.repeat(64),
        body: Buffer.alloc(0),
        size: 0,
      });
    } finally {
      await client.close();
    }
    expect(elsewhere.requests.map((request) => request.method)).toEqual(['PUT']);
    expect(elsewhere.requests[0]!.headers.authorization).toBeUndefined();
  });
});
