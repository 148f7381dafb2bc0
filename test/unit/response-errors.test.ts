import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import {
  errorFromException,
  errorFromResponse,
  isTransientException,
  parseErrorBody,
  parseRateLimit,
  parseRetryAfter,
} from '../../electron/core/registry/response-errors.js';
import { parseHubPage } from '../../electron/core/registry/hub.js';
import { isPrivateAddress } from '../../electron/core/registry/auth.js';
import {
  isDockerInsecureByDefault,
  isLoopbackAddress,
} from '../../electron/core/registry/docker-insecure.js';

describe('registry error bodies', () => {
  it('reads codes and messages from an OCI error body', () => {
    expect(
      parseErrorBody(
        '{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown","detail":{"Tag":"x"}},{"code":"DENIED"}]}',
      ),
    ).toEqual([
      { code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' },
      { code: 'DENIED', message: undefined },
    ]);
  });

  it('gives nothing for an HTML page from a proxy', () => {
    expect(parseErrorBody('<html><body>502 Bad Gateway</body></html>')).toEqual([]);
  });
});

describe('Docker Hub rate limit headers', () => {
  it('reads limit, remaining, window and source', () => {
    expect(
      parseRateLimit({
        'ratelimit-limit': '100;w=21600',
        'ratelimit-remaining': '76;w=21600',
        'docker-ratelimit-source': '192.0.2.1',
      }),
    ).toEqual({ limit: 100, remaining: 76, windowSeconds: 21600, source: '192.0.2.1' });
  });

  it('says nothing when the registry does not limit', () => {
    expect(parseRateLimit({})).toBeUndefined();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('Docker Hub namespace listing', () => {
  it('maps Hub results and the next page', () => {
    const page = parseHubPage({
      next: 'https://hub.docker.com/v2/namespaces/library/repositories?page=2',
      results: [
        {
          name: 'nginx',
          namespace: 'library',
          is_private: false,
          pull_count: 10,
          last_updated: '2026-01-01T00:00:00Z',
        },
        { bogus: 1 },
      ],
    });
    expect(page.repositories).toEqual([
      {
        name: 'nginx',
        namespace: 'library',
        isPrivate: false,
        pullCount: 10,
        lastUpdated: '2026-01-01T00:00:00Z',
      },
    ]);
    expect(page.next).toContain('page=2');
  });
});

describe('private addresses (no credentials to another private host)', () => {
  it.each([
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.1.1', true],
    ['127.0.0.1', true],
    ['[::1]', true],
    ['fd00::1', true],
    ['8.8.8.8', false],
    ['auth.docker.io', false],
  ])('%s → %s', (host, expected) => {
    expect(isPrivateAddress(host)).toBe(expected);
  });
});

describe("Docker's insecure-by-default hosts", () => {
  it('counts 127.0.0.0/8 and ::1 (also IPv4-mapped and bracketed) as loopback, nothing else', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1'])
      expect(isLoopbackAddress(address), address).toBe(true);
    for (const address of ['10.0.0.1', '128.0.0.1', '::2', '192.168.1.1', 'fe80::1', 'localhost'])
      expect(isLoopbackAddress(address), address).toBe(false);
  });

  it('resolves a name: only one whose every address is loopback is insecure (Docker: any)', async () => {
    const resolver = (table: Record<string, string[]>) => async (name: string) => {
      const found = table[name];
      if (!found) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      return found;
    };
    const dns = resolver({
      localhost: ['::1', '127.0.0.1'],
      'reg.lan': ['10.0.0.5'],
      'dev.test': ['10.0.0.5', '127.0.1.1'],
      'loop.test': ['127.0.1.1', '::ffff:127.0.0.1'],
      'empty.test': [],
    });
    expect(await isDockerInsecureByDefault('localhost:5000', dns)).toBe(true);
    // Also a public address: the plain-HTTP request might go there, credentials and all.
    expect(await isDockerInsecureByDefault('dev.test', dns)).toBe(false);
    expect(await isDockerInsecureByDefault('loop.test', dns)).toBe(true);
    expect(await isDockerInsecureByDefault('empty.test', dns)).toBe(false);
    expect(await isDockerInsecureByDefault('reg.lan:5000', dns)).toBe(false);
    expect(await isDockerInsecureByDefault('missing.example:5000', dns)).toBe(false);
    expect(await isDockerInsecureByDefault('127.0.0.1:5000', dns)).toBe(true);
    expect(await isDockerInsecureByDefault('[::1]:5000', dns)).toBe(true);
    expect(await isDockerInsecureByDefault('192.0.2.1:5000', dns)).toBe(false);
  });
});

describe('failures the library words for programmers', () => {
  const url = new URL('https://build.lan:5000/v2/');

  it('says what happened to the request, keeping the library wording only in the cause', () => {
    const raw = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('other side closed weirdly'), { code: 'UND_ERR_WEIRD' }),
    });
    const error = errorFromException(raw, 'build.lan:5000', url);
    expect(error.message).toBe('build.lan:5000: the request failed before the registry answered');
    expect(`${error.message} ${error.hint}`).not.toMatch(/fetch failed|other side|UND_ERR/);
    expect(error.cause).toBe(raw);
  });

  it('names a missing route as the network, not the registry', () => {
    const raw = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect EHOSTUNREACH 10.9.9.9:5000'), { code: 'EHOSTUNREACH' }),
    });
    const error = errorFromException(raw, 'build.lan:5000', url);
    expect(error.message).toBe('build.lan:5000: this machine has no route to build.lan');
    expect(error.message).not.toMatch(/EHOSTUNREACH/);
  });

  it('words an unusual TLS failure without OpenSSL codes', () => {
    const raw = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('error:0A000410:SSL routines::sslv3 alert handshake failure'), {
        code: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
      }),
    });
    const error = errorFromException(raw, 'build.lan:5000', url);
    expect(error.message).toBe('build.lan:5000: the secure (TLS) connection could not be set up');
  });

  it('names the address once when nothing listens there, and again only when it is another one', () => {
    const refused = () =>
      Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error('connect ECONNREFUSED 10.9.9.9:5000'), { code: 'ECONNREFUSED' }),
      });
    expect(errorFromException(refused(), 'build.lan:5000', url).message).toBe(
      'build.lan:5000: connection refused',
    );
    // A blob redirected to storage elsewhere: that address is the one to check.
    expect(
      errorFromException(refused(), 'build.lan:5000', new URL('https://storage.lan:9000/blob')).message,
    ).toBe('build.lan:5000: connection refused at storage.lan:9000');
  });
});

describe('a stream reset on an HTTP/2 connection', () => {
  const reset = Object.assign(new Error('Stream closed with error code NGHTTP2_ENHANCE_YOUR_CALM'), {
    code: 'ERR_HTTP2_STREAM_ERROR',
  });

  it('is worded for people, not as the registry URL being wrong', () => {
    const error = errorFromException(reset, '127.0.0.1:5000', new URL('https://127.0.0.1:5000/v2/'));
    expect(error.message).toBe(
      '127.0.0.1:5000: the connection reset this request part-way (the registry asked to slow down)',
    );
    expect(error.message).not.toMatch(/NGHTTP2|HTTP\/2/);
    expect(error.hint).not.toMatch(/URL is right/);
    expect(error.code).toBe('NETWORK');
  });

  it('is worth another try for a request that can be sent again', () => {
    const error = errorFromException(reset, '127.0.0.1:5000', new URL('https://127.0.0.1:5000/v2/'));
    expect(isTransientException(error)).toBe(true);
  });
});

describe('refusals in words', () => {
  /** A registry's error answer, as the transport hands it over. */
  const answer = (status: number, errors: { code: string; message: string }[]) =>
    ({
      status,
      headers: {},
      body: Readable.from([Buffer.from(JSON.stringify({ errors }))]),
      url: new URL('https://registry.test/v2/'),
      hops: [],
    }) as unknown as Parameters<typeof errorFromResponse>[0];
  const context = {
    registry: 'registry.test',
    sentAuthorization: false,
    hasCredential: false,
    authScheme: 'none',
    now: 0,
  };

  it('say "deleting" for a refused delete, not the HTTP method or status, and how it is turned on', async () => {
    const error = await errorFromResponse(
      answer(405, [{ code: 'UNSUPPORTED', message: 'The operation is unsupported.' }]),
      { ...context, what: 'delete team/app@sha256:abc', method: 'DELETE' },
    );
    expect(error.message).toBe(
      'registry.test: the registry does not allow deleting — delete team/app@sha256:abc — The operation is unsupported.',
    );
    expect(error.message).not.toMatch(/DELETE|405/);
    expect(error.toInfo().hint).toMatch(/storage\.delete\.enabled/);
  });

  it('call a missing tag an image, and a missing blob a layer or config', async () => {
    const tag = await errorFromResponse(
      answer(404, [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }]),
      {
        ...context,
        what: 'manifest team/app:nope',
        method: 'GET',
      },
    );
    expect(tag.message).toMatch(/^registry\.test: no such tag or image — /);
    const blob = await errorFromResponse(answer(404, [{ code: 'BLOB_UNKNOWN', message: 'blob unknown' }]), {
      ...context,
      what: 'blob sha256:abc in team/app',
      method: 'GET',
    });
    expect(blob.message).toMatch(/^registry\.test: a layer or config of the image is missing — /);
    expect(blob.toInfo().hint).not.toMatch(/\bblob\b/);
  });
});
