// A vendor API that is broken or hostile: what it quotes back, where its guesses would send a token, and
// answers shaped to exhaust Berth. Small servers of the test's own on 127.0.0.1.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  errorFromResponse,
  HttpTransport,
  redactAll,
  redactCutSecret,
  scrubValue,
} from '../../electron/core/registry/index.js';
import {
  defaultApiOrigin,
  ghcrVendor,
  harborApi,
  pagedJson,
  parseHubTags,
  repositoryListing,
  parsePackages,
  parseVersions,
  VendorHttp,
} from '../../electron/core/vendors/index.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

describe('a vendor API that quotes the login back', () => {
  const token = 'quay-oauth-token-8f2a9c41d7e5b3f0a1c2d3e4f5a6b7c8d9e0';
  // The token starts before the 160th character of the error's text and runs past it.
  const refusal = `The request was refused because the access token presented by the client is no longer valid for this organization; generate a new one, then send: token ${token}`;
  let handler: Handler = (_request, response) => response.end();
  let server: Server;
  let origin: URL;
  const transport = new HttpTransport({ keepAliveTimeoutMs: 1_000 });

  beforeAll(async () => {
    server = createServer((request, response) => handler(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await transport.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const vendorHttp = (secrets: string[] = []) =>
    new VendorHttp(transport, origin, { caPem: [], skipVerify: false }, undefined, true, secrets);

  const failure = async (http: VendorHttp, headers: Record<string, string>): Promise<string> => {
    const error = await http.json({ url: '/api/v1/user/', headers, what: 'Quay user' }).then(
      () => undefined,
      (caught: unknown) => caught as Error & { hint?: string },
    );
    expect(error).toBeDefined();
    return `${error?.message ?? ''} ${error?.hint ?? ''}`;
  };

  it('leaves no start of the token where the message is cut inside it', async () => {
    expect(refusal.indexOf(token)).toBeLessThan(160);
    handler = (_request, response) => {
      response.writeHead(401, { 'content-type': 'text/plain' });
      response.end(refusal);
    };
    const text = await failure(vendorHttp([token]), { authorization: `Bearer ${token}` });
    expect(text).toContain('refused because');
    expect(text).not.toContain(token.slice(0, 8));
  });

  it('scrubs what the request carried even when the connection named no secret (Hub API token, PRIVATE-TOKEN)', async () => {
    const hubToken = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvY3RvIn0.c2lnbmF0dXJlLWJ5dGVz';
    handler = (request, response) => {
      response.writeHead(403, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          message: `forbidden for ${String(request.headers.authorization)} and ${String(request.headers['private-token'])}`,
        }),
      );
    };
    const text = await failure(vendorHttp(), {
      authorization: `JWT ${hubToken}`,
      'private-token': 'glpat-Abcdefghijklmnop1234',
    });
    expect(text).not.toContain(hubToken.slice(0, 12));
    expect(text).not.toContain('glpat-Abcd');
  });

  it('cuts an OCI error message of 60 KB and leaves no start of a secret at the cut', async () => {
    const secret = 'hunter2-but-a-much-longer-password';
    handler = (_request, response) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          errors: [{ code: 'UNKNOWN', message: `${'x'.repeat(390)} ${secret} ${'y'.repeat(60_000)}` }],
        }),
      );
    };
    const text = await failure(vendorHttp([secret]), {});
    expect(text.length).toBeLessThan(2_000);
    expect(text).not.toContain('hunter2');
  });
});

describe('a vendor listing that never ends', () => {
  let server: Server;
  let origin: URL;
  let requests = 0;
  const transport = new HttpTransport({ keepAliveTimeoutMs: 1_000 });

  beforeAll(async () => {
    // Every page the same three items, and a next link with a query never seen before.
    server = createServer((request, response) => {
      requests++;
      const page = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('page') ?? '1');
      response.writeHead(200, {
        'content-type': 'application/json',
        link: `</items?page=${page + 1}&nonce=${Math.random()}>; rel="next"`,
      });
      response.end(JSON.stringify([{ name: 'a' }, { name: 'b' }, { name: 'c' }]));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await transport.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('stops after 10 pages in a row that bring nothing new, not at the page cap', async () => {
    const http = new VendorHttp(transport, origin, { caPem: [], skipVerify: false }, undefined, false);
    const names: string[] = [];
    const listing = pagedJson<{ name: string }>(http, {
      first: '/items?page=1',
      what: 'items',
      extract: (json) => (Array.isArray(json) ? (json as { name: string }[]) : []),
      nameOf: (item) => item.name,
      isValid: () => true,
      limits: { maxEntries: 500_000, maxPages: 5_010, maxEmptyPagesInARow: 10 },
      warn: () => {},
    });
    await expect(
      (async () => {
        for await (const page of listing) names.push(...page.map((item) => item.name));
      })(),
    ).rejects.toThrow(/10 pages in a row with nothing new/);
    expect(names).toEqual(['a', 'b', 'c']);
    expect(requests).toBeLessThanOrEqual(12);
  });
});

describe('a vendor listing whose next page is elsewhere', () => {
  let server: Server;
  let origin: URL;
  const transport = new HttpTransport({ keepAliveTimeoutMs: 1_000 });

  beforeAll(async () => {
    server = createServer((_request, response) => {
      // Docker Hub's shape: the next page as an absolute URL in the body.
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ results: [{ name: 'a' }], next: 'http://attacker.example:8080/items?page=2' }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await transport.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('does not follow it, and says the list stops there instead of passing for complete', async () => {
    const http = new VendorHttp(transport, origin, { caPem: [], skipVerify: false }, undefined, true);
    const warnings: string[] = [];
    const names: string[] = [];
    for await (const page of pagedJson<{ name: string }>(http, {
      first: '/items?page=1',
      headers: { authorization: 'Bearer some-long-api-token' },
      what: 'items',
      extract: (json) => (json as { results: { name: string }[] }).results,
      next: (response) => new URL((response.json as { next: string }).next),
      nameOf: (item) => item.name,
      isValid: () => true,
      limits: { maxEntries: 100, maxPages: 10, maxEmptyPagesInARow: 10 },
      warn: (message) => warnings.push(message),
    }))
      names.push(...page.map((item) => item.name));
    expect(names).toEqual(['a']);
    expect(warnings).toEqual([
      expect.stringMatching(/next page of items is on another server \(http:\/\/attacker\.example:8080\)/),
    ]);
  });
});

describe('a vendor API that redirects elsewhere', () => {
  const servers: Server[] = [];
  const seen: IncomingMessage['headers'][] = [];
  let origin: URL;
  const transport = new HttpTransport({ keepAliveTimeoutMs: 1_000 });

  beforeAll(async () => {
    const listen = async (handler: Handler): Promise<URL> => {
      const server = createServer(handler);
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    };
    const elsewhere = await listen((request, response) => {
      seen.push(request.headers);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('[]');
    });
    origin = await listen((_request, response) => {
      response.writeHead(307, { location: new URL('/items', elsewhere).href });
      response.end();
    });
  });
  afterAll(async () => {
    await transport.close();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  it("sends neither the Authorization (Basic, Bearer, Hub's JWT) nor GitLab's PRIVATE-TOKEN along (held)", async () => {
    const http = new VendorHttp(transport, origin, { caPem: [], skipVerify: false }, undefined, true);
    const sent: Record<string, string>[] = [
      { authorization: 'Basic YWxpY2U6c2VjcmV0LXBhc3N3b3Jk' },
      { authorization: 'Bearer hub-jwt-eyJhbGciOi' },
      { 'private-token': 'glpat-Abcdefghijklmnop1234' },
    ];
    for (const headers of sent) await http.json({ url: '/items', headers, what: 'items' });
    expect(seen).toHaveLength(3);
    for (const headers of seen) {
      expect(headers.authorization).toBeUndefined();
      expect(headers['private-token']).toBeUndefined();
    }
  });
});

describe("a registry's error text", () => {
  it('is one line with its control and bidi characters shown, in the app as in the CLI', async () => {
    const error = await errorFromResponse(
      {
        status: 500,
        headers: {},
        body: Readable.from([
          Buffer.from(
            JSON.stringify({ errors: [{ code: 'X', message: 'denied\u202e\u001b[2J\nhint: do this' }] }),
          ),
        ]) as never,
        url: new URL('http://r.example.com/v2/'),
        redirects: [],
      },
      {
        registry: 'r.example.com',
        what: 'x',
        method: 'GET',
        sentAuthorization: false,
        hasCredential: false,
        authScheme: 'basic',
        now: 0,
      },
    );
    expect(error.message).toContain('denied\\u202e\\x1b[2J\\nhint: do this');
    expect([...error.message].some((char) => char < ' ' || char === '\u202e')).toBe(false);
  });
});

describe('a token a server wrote into a host name', () => {
  const token = 'ghp_AbCdEf0123456789XyZ';
  it('is scrubbed in the lower case a URL gives it, in text and in answers', () => {
    const link = new URL(`http://${token}.attacker.example/next`);
    const warning = `the next page is on another server (${link.origin})`;
    expect(warning).toContain(token.toLowerCase());
    expect(redactAll(warning, [token])).toBe(
      'the next page is on another server (http://[redacted].attacker.example)',
    );
    expect(scrubValue({ warnings: [warning] }, [token])).toEqual({
      warnings: ['the next page is on another server (http://[redacted].attacker.example)'],
    });
  });
});

describe('redactCutSecret', () => {
  const secret = 'quay-oauth-token-8f2a9c41d7e5';
  it('replaces the start of a secret at the end of a cut text', () => {
    expect(redactCutSecret('invalid token quay-oauth-to', [secret])).toBe('invalid token [redacted]');
    expect(redactCutSecret('quay is quay-oauth', [secret])).toBe('quay is [redacted]');
  });
  it('leaves text alone that ends in anything else, or in fewer than 4 of its characters', () => {
    expect(redactCutSecret('invalid token qua', [secret])).toBe('invalid token qua');
    expect(redactCutSecret('quay-oauth-token: see the docs', [secret])).toBe(
      'quay-oauth-token: see the docs',
    );
  });
});

describe('where a guessed API address would send the login', () => {
  const hub = 'https://hub.docker.com';
  const guess = (kind: Parameters<typeof defaultApiOrigin>[0], registry: string) =>
    defaultApiOrigin(kind, new URL(registry), hub)?.origin;

  it("sends a GHCR token to api.github.com only for ghcr.io, never a GitHub Enterprise's", () => {
    expect(guess('ghcr', 'https://ghcr.io')).toBe('https://api.github.com');
    expect(guess('ghcr', 'https://containers.github.example.com')).toBeUndefined();
    expect(guess('ghcr', 'https://registry.example.com')).toBeUndefined();
  });

  it("sends a login to Hub's API only for Docker Hub itself", () => {
    expect(guess('dockerhub', 'https://registry-1.docker.io')).toBe(hub);
    expect(guess('dockerhub', 'https://registry.example.com')).toBeUndefined();
  });

  it('guesses no other host or port for GitLab over plain HTTP', () => {
    expect(guess('gitlab', 'http://registry.example.com')).toBeUndefined();
    expect(guess('gitlab', 'http://gitlab.example.com:5050')).toBeUndefined();
    expect(guess('gitlab', 'http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
  });

  it('takes registry.X to GitLab at X only where X is a domain someone holds', () => {
    expect(guess('gitlab', 'https://registry.example.co.uk')).toBe('https://example.co.uk');
    expect(guess('gitlab', 'https://registry.co.uk')).toBeUndefined();
    expect(guess('gitlab', 'https://registry.com')).toBeUndefined();
    expect(guess('gitlab', 'https://registry.lan')).toBeUndefined();
  });
});

describe("a vendor's dates and descriptions", () => {
  const notDates = [
    'hello 1',
    `${'x'.repeat(1_000_000)} 1`,
    '\u202e 2024-01-01',
    '2024',
    '0001-01-01T00:00:00Z',
  ];

  it('takes only RFC 3339 date-times from Docker Hub, never text Date.parse happens to read', () => {
    const tags = parseHubTags({
      results: notDates.map((date, index) => ({
        name: `t${index}`,
        tag_last_pushed: date,
        tag_last_pulled: date,
      })),
    });
    expect(tags.map((tag) => tag.facts)).toEqual(notDates.map(() => ({})));
    expect(
      parseHubTags({ results: [{ name: 'v1', tag_last_pushed: '2025-11-02T08:00:00.000000Z' }] })[0]?.facts,
    ).toEqual({ pushedAt: '2025-11-02T08:00:00.000000Z' });
  });

  it('takes only RFC 3339 date-times from GitHub, and the start of a 10 MB description', () => {
    const versions = parseVersions(
      notDates.map((date) => ({ name: `sha256:${'a'.repeat(64)}`, created_at: date, updated_at: date })),
    );
    expect(versions.map((version) => [version.createdAt, version.updatedAt])).toEqual(
      notDates.map(() => [undefined, undefined]),
    );
    const packages = parsePackages([{ name: 'app', owner: { login: 'acme' }, updated_at: 'hello 1' }]);
    expect(packages[0]?.updatedAt).toBeUndefined();
    const [long] = parseVersions([{ name: 'sha256:b', description: 'd'.repeat(10 * 1024 * 1024) }]);
    expect(long?.description?.length).toBeLessThanOrEqual(4_000);
  });
});

describe("a Harbor artifact's free text", () => {
  let server: Server;
  let origin: URL;
  const transport = new HttpTransport({ keepAliveTimeoutMs: 1_000 });
  let artifact: unknown = {};

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(artifact));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await transport.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const facts = () => {
    const http = new VendorHttp(transport, origin, { caPem: [], skipVerify: false }, undefined, false);
    const api = harborApi({
      saved: { name: 'harbor', host: origin.host, kind: 'harbor' } as never,
      registryOrigin: origin,
      apiOrigin: origin,
      http,
      warn: () => {},
      keepSecret: () => {},
    });
    return api.imageFacts!('dev/api', '1.1', {});
  };

  it('shows bidi and terminal controls as what they are, and keeps a CSS value out of a label colour', async () => {
    artifact = {
      tags: [{ name: '1.1' }],
      labels: [
        { name: '\u202eesaeler', color: 'red;background:url(http://127.0.0.1:9/leak)' },
        { name: 'esc\u001b]0;owned\u0007', color: '#1f8a4c', description: 'line\nbreak' },
      ],
      scan_overview: {
        'application/vnd.security.vulnerability.report; version=1.1': {
          scan_status: 'Success\u202e',
          summary: { summary: { ['Crit\u202eical']: 1, High: 2 } },
          scanner: { name: 'Trivy\u2066', version: 'v1' },
        },
      },
    };
    const shown = await facts();
    expect(shown?.labels).toEqual([
      { name: '\\u202eesaeler' },
      { name: 'esc\\x1b]0;owned\\x07', color: '#1f8a4c', description: 'line\\x0abreak' },
    ]);
    expect(shown?.scan).toMatchObject({
      status: 'Success\\u202e',
      scanner: 'Trivy\\u2066 v1',
      counts: { 'Crit\\u202eical': 1, High: 2 },
    });
  });
});

describe('a GitHub API that names endless organisations', () => {
  let server: Server;
  let origin: URL;
  let packageListings = 0;
  const transport = new HttpTransport({ keepAliveTimeoutMs: 1_000 });

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      response.setHeader('content-type', 'application/json');
      if (url.pathname === '/user/orgs') {
        // 1,500 organisations, 100 a page.
        const page = Number(url.searchParams.get('page') ?? '1');
        if (page < 15)
          response.setHeader(
            'link',
            `<${origin.origin}/user/orgs?per_page=100&page=${page + 1}>; rel="next"`,
          );
        response.end(JSON.stringify(Array.from({ length: 100 }, (_, i) => ({ login: `org-${page}-${i}` }))));
        return;
      }
      if (url.pathname.startsWith('/orgs/')) packageListings++;
      response.end('[]');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await transport.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('stops at 1,000 organisations before asking for any one of their packages', async () => {
    const http = new VendorHttp(transport, origin, { caPem: [], skipVerify: false }, undefined, true);
    const api = ghcrVendor({
      saved: { name: 'ghcr', host: 'ghcr.io', kind: 'ghcr' } as never,
      registryOrigin: new URL('https://ghcr.io'),
      apiOrigin: origin,
      credential: { kind: 'basic', username: 'octo', password: 'ghp_notarealtoken000000000000' },
      http,
      warn: () => {},
      keepSecret: () => {},
    });
    await expect(
      (async () => {
        for await (const page of api.listRepositories!({})) void page;
      })(),
    ).rejects.toThrow(/your organisations.*1,000 entries/);
    expect(packageListings).toBe(0);
  });
});

describe('a vendor listing made of many capped listings', () => {
  it('holds the 500,000-repository cap across projects, not per project', async () => {
    // A Harbor whose every project is just under the cap of one listing.
    const api = {
      vendor: 'Harbor',
      async *listRepositories() {
        for (let project = 0; project < 6; project++)
          yield Array.from({ length: 100_000 }, (_, i) => ({ name: `p${project}/r${i}`, facts: {} }));
      },
    };
    const services = {
      vendors: { forConnection: async () => api },
      savedFor: () => ({ name: 'harbor', host: 'harbor.example.com', kind: 'harbor' }) as never,
      client: {} as never,
      warn: () => {},
    };
    let listed = 0;
    await expect(
      (async () => {
        for await (const page of repositoryListing(services, 'harbor.example.com')) listed += page.length;
      })(),
    ).rejects.toThrow(/stopped listing repositories.*500,000 entries/);
    expect(listed).toBe(500_000);
  });
});
