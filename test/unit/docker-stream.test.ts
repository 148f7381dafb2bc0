import { describe, expect, it } from 'vitest';
import {
  ANONYMOUS_AUTH,
  classifyEngineMessage,
  JsonValueSplitter,
  pushedDigest,
  readJsonStream,
  registryAuthHeader,
  serverAddress,
  streamFailure,
  type StreamMessage,
} from '../../electron/core/docker/index.js';
import { AuthError, TlsError } from '../../electron/core/registry/errors.js';

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield Buffer.from(part);
}

async function collect(iterable: AsyncIterable<StreamMessage>): Promise<StreamMessage[]> {
  const out: StreamMessage[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

describe('the engine’s JSON message stream', () => {
  it('splits Docker’s \\r\\n-separated messages even when a chunk ends mid-message', async () => {
    const messages = await collect(
      readJsonStream(
        chunks(
          '{"status":"Pulling fs layer","id":"a1"}\r\n{"status":"Downlo',
          'ading","progressDetail":{"current":10,"total":20},"id":"a1"}\r\n',
        ),
      ),
    );
    expect(messages).toEqual([
      { status: 'Pulling fs layer', id: 'a1' },
      { status: 'Downloading', progressDetail: { current: 10, total: 20 }, id: 'a1' },
    ]);
  });

  it('splits values written back to back or with Podman’s \\n, braces inside strings included', () => {
    const splitter = new JsonValueSplitter();
    expect(splitter.push('{"stream":"a {b} \\"c\\"\\n"}{"x":1}\n{"y":')).toEqual([
      { stream: 'a {b} "c"\n' },
      { x: 1 },
    ]);
    expect(splitter.push('[2]}')).toEqual([{ y: [2] }]);
    expect(splitter.pending).toBe('');
  });

  it('keeps multi-byte characters whole across chunk boundaries', async () => {
    const bytes = Buffer.from('{"status":"naïve ✓"}');
    // 'ï' is bytes 13 and 14: the first chunk ends inside it.
    const messages = await collect(
      readJsonStream(
        (async function* () {
          yield bytes.subarray(0, 14);
          yield bytes.subarray(14);
        })(),
      ),
    );
    expect(messages).toEqual([{ status: 'naïve ✓' }]);
  });

  it('refuses a stream that stops in the middle of a message', async () => {
    await expect(collect(readJsonStream(chunks('{"status":"Pushing"')))).rejects.toThrow(
      /middle of a message/,
    );
  });

  it('finds failures in errorDetail and in Podman’s bare error field', () => {
    expect(streamFailure({ errorDetail: { message: 'unauthorized' }, error: 'unauthorized' })).toBe(
      'unauthorized',
    );
    expect(streamFailure({ error: 'initializing source: manifest unknown' })).toBe(
      'initializing source: manifest unknown',
    );
    expect(streamFailure({ status: 'Pushed', id: 'x' })).toBeUndefined();
  });

  it('reads the pushed digest from the status line (containerd store) and from aux (graphdriver store)', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(pushedDigest({ status: `1.0: digest: ${digest} size: 527` })).toEqual({
      tag: '1.0',
      digest,
      size: 527,
    });
    expect(pushedDigest({ aux: { Tag: 'v2', Digest: digest, Size: 1000 } })).toEqual({
      tag: 'v2',
      digest,
      size: 1000,
    });
    expect(pushedDigest({ status: 'The push refers to repository [x/y]' })).toBeUndefined();
  });
});

describe('X-Registry-Auth', () => {
  const decode = (value: string) =>
    JSON.parse(
      Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'),
    ) as unknown;

  it('keeps the = padding that Node’s base64url drops (the engine goes anonymous without it)', () => {
    // 71 bytes of JSON: needs one `=`.
    const header = registryAuthHeader({ username: 'alice', password: 'pass' }, '127.0.0.1:5055');
    expect(header).toBe(
      'eyJ1c2VybmFtZSI6ImFsaWNlIiwicGFzc3dvcmQiOiJwYXNzIiwic2VydmVyYWRkcmVzcyI6IjEyNy4wLjAuMTo1MDU1In0=',
    );
    expect(decode(header)).toEqual({ username: 'alice', password: 'pass', serveraddress: '127.0.0.1:5055' });
  });

  it('uses the URL-safe alphabet', () => {
    // Bytes that base64 writes as + and /.
    const header = registryAuthHeader({ username: 'u', password: '>>>???~~~' }, 'r.example');
    expect(header).not.toMatch(/[+/]/);
    expect(decode(header)).toMatchObject({ password: '>>>???~~~' });
    expect(header.length % 4).toBe(0);
  });

  it('sends an identity token or a registry token instead of a password, and {} when there is no credential', () => {
    expect(decode(registryAuthHeader({ identityToken: 'refresh-1' }, 'ghcr.io'))).toEqual({
      identitytoken: 'refresh-1',
      serveraddress: 'ghcr.io',
    });
    expect(decode(registryAuthHeader({ registryToken: 'bearer-1' }, 'ghcr.io'))).toEqual({
      registrytoken: 'bearer-1',
      serveraddress: 'ghcr.io',
    });
    expect(registryAuthHeader(undefined, 'ghcr.io')).toBe(ANONYMOUS_AUTH);
    expect(decode(ANONYMOUS_AUTH)).toEqual({});
  });

  it('names Docker Hub by its legacy index address, as the Docker CLI does', () => {
    expect(serverAddress('docker.io')).toBe('https://index.docker.io/v1/');
    expect(serverAddress('index.docker.io')).toBe('https://index.docker.io/v1/');
    expect(serverAddress('127.0.0.1:5000')).toBe('127.0.0.1:5000');
  });
});

describe('engine messages as Berth errors', () => {
  const context = {
    registry: 'registry.example:5000',
    engine: 'docker' as const,
    hadCredential: true,
    action: 'push registry.example:5000/a:1',
  };

  it.each([
    ['unauthorized: authentication required', 'AUTH'],
    ['no basic auth credentials', 'AUTH'],
    ['denied: requested access to the resource is denied', 'DENIED'],
    ['manifest for registry.example:5000/a:1 not found: manifest unknown: manifest unknown', 'NOT_FOUND'],
    ['no matching manifest for linux/s390x in the manifest list entries', 'NOT_FOUND'],
    ['Get "https://registry.example:5000/v2/": http: server gave HTTP response to HTTPS client', 'TLS'],
    ['Get "https://registry.example:5000/v2/": x509: certificate signed by unknown authority', 'TLS'],
    [
      'Get "https://registry.example:5000/v2/": dial tcp 10.0.0.1:5000: connect: connection refused',
      'NETWORK',
    ],
    ['toomanyrequests: You have reached your pull rate limit', 'RATE_LIMITED'],
    ['blob upload invalid', 'REGISTRY'],
  ])('%s → %s', (message, code) => {
    const error = classifyEngineMessage(message, context);
    expect(error.code).toBe(code);
    expect(error.registry).toBe('registry.example:5000');
    expect(error.message).toContain(message);
  });

  it('tells refused credentials from missing ones', () => {
    const refused = classifyEngineMessage('unauthorized: authentication required', context);
    const missing = classifyEngineMessage('unauthorized: authentication required', {
      ...context,
      hadCredential: false,
    });
    expect(refused).toBeInstanceOf(AuthError);
    expect((refused as AuthError).problem).toBe('credentials-rejected');
    expect((missing as AuthError).problem).toBe('credentials-required');
  });

  it('gives Docker and Podman different plain-HTTP hints', () => {
    const message = 'http: server gave HTTP response to HTTPS client';
    const docker = classifyEngineMessage(message, context) as TlsError;
    const podman = classifyEngineMessage(message, { ...context, engine: 'podman' }) as TlsError;
    expect(docker.hint).toContain('insecure-registries');
    expect(podman.hint).toContain('"Plain HTTP" for its connection');
  });

  it("sends a failure of the engine's own to the engine, not to the registry's words", () => {
    const message =
      'failed to register layer: ApplyLayer exit status 1 stdout:  stderr: archive/tar: invalid tar header';
    const error = classifyEngineMessage(message, context);
    expect(error.code).toBe('REGISTRY');
    expect(error.hint).not.toMatch(/registry's own words/);
    expect(error.hint).toMatch(
      /^These are the Docker engine's words: .* in its log; berth doctor registry\.example:5000 /,
    );
    expect(classifyEngineMessage(message, { ...context, engine: 'podman' }).hint).toMatch(
      /^These are the Podman/,
    );
  });
});
