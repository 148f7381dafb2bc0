// Servers that accept a connection and then go quiet (issue 15, item 7): each failure must arrive, named,
// within a deadline, with the client's connection closed; a body that is slow but moving must not be cut.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createSecureServer, type Http2Session } from 'node:http2';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  getManifest,
  openBlob,
  ping,
  readBlob,
  RegistryClient,
  TimeoutError,
  type NetworkTimeouts,
  type RegistryConnection,
} from '../../electron/core/registry/index.js';
import { DockerEngine, EngineError, makeEndpoint } from '../../electron/core/docker/index.js';
import { readLiveRegistryConfig } from '../../electron/core/daemon-config/index.js';
import { diagnose } from '../../electron/core/doctor/index.js';
import { SettingsStore } from '../../electron/core/settings/index.js';
import { BerthCli } from '../fixtures/berth-cli.js';
import { makeCA, makeServerCert } from '../fixtures/certs.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';
import {
  readRequestHead,
  startSilentServer,
  waitUntil,
  type SilentServer,
} from '../fixtures/silent-server.js';

/** One second for every phase, set the way a user would: on the connection. */
const SHORT: NetworkTimeouts = { connectMs: 1000, answerMs: 1000, idleMs: 1000 };
/** Generous for a busy 2-core machine, and far below undici's own 300 s. */
const DEADLINE_MS = 15_000;

const servers: SilentServer[] = [];
const clients: RegistryClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function serve(onConnection?: (socket: Socket) => void): Promise<SilentServer> {
  const server = await startSilentServer(onConnection);
  servers.push(server);
  return server;
}

function clientFor(host: string, connection: Partial<RegistryConnection> = {}): RegistryClient {
  const client = new RegistryClient({
    certsDRoot: false,
    retry: { baseDelayMs: 10, maxDelayMs: 20 },
    connectionFor: (asked) =>
      asked === host ? { host, insecureHttp: true, timeouts: SHORT, ...connection } : undefined,
  });
  clients.push(client);
  return client;
}

/** Runs `work`, expecting it to fail; returns the error and how long it took. */
async function failure(work: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  try {
    await work();
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
  throw new Error('expected a failure, got an answer');
}

const HEAD = (length: number, type = 'application/octet-stream') =>
  `HTTP/1.1 200 OK\r\nContent-Type: ${type}\r\nContent-Length: ${length}\r\n` +
  'Docker-Distribution-Api-Version: registry/2.0\r\n\r\n';

describe('a registry that goes quiet', () => {
  it('names a server that accepts the connection and never sends headers, and hangs up', async () => {
    const server = await serve();
    const client = clientFor(server.host);
    const { error, ms } = await failure(() => ping(client, server.host));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).phase).toBe('answer');
    expect((error as TimeoutError).message).toBe(`${server.host} did not answer within 1 s`);
    expect((error as TimeoutError).code).toBe('NETWORK');
    expect((error as TimeoutError).hint).toMatch(/BERTH_TIMEOUT/);
    expect(ms).toBeLessThan(DEADLINE_MS);
    // Asked once: a silent server is not asked again and again.
    expect(server.accepted()).toBe(1);
    await waitUntil(() => server.open() === 0, DEADLINE_MS, 'the client closes its connection');
  });

  it('names a server that sends headers and then stalls the body, and hangs up', async () => {
    const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, layers: [] }));
    const server = await serve((socket) => {
      void readRequestHead(socket).then(() => {
        socket.write(HEAD(manifest.length, 'application/vnd.oci.image.manifest.v1+json'));
        socket.write(manifest.subarray(0, 10));
      });
    });
    const client = clientFor(server.host);
    const { error, ms } = await failure(() =>
      getManifest(client, { registry: server.host, repository: 'team/app', reference: '1' }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).phase).toBe('idle');
    expect((error as TimeoutError).message).toBe(
      `${server.host} stopped sending for 1 s in the middle of an answer`,
    );
    expect(ms).toBeLessThan(DEADLINE_MS);
    await waitUntil(() => server.open() === 0, DEADLINE_MS, 'the client closes its connection');
  });

  it('names a port that accepts TCP and never answers the TLS handshake, and hangs up', async () => {
    const server = await serve();
    const client = clientFor(server.host, { insecureHttp: false });
    const { error, ms } = await failure(() => ping(client, server.host));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).phase).toBe('connect');
    expect((error as TimeoutError).message).toBe(
      `${server.host} did not complete a connection (TCP and TLS handshake) within 1 s`,
    );
    expect(ms).toBeLessThan(DEADLINE_MS);
    await waitUntil(() => server.open() === 0, DEADLINE_MS, 'the client closes its connection');
  });

  it('names a manifest, a token answer or a config trickled a byte at a time, and hangs up', async () => {
    // A byte every 100 ms never leaves 250 ms of silence, so only the whole-answer bound
    // (WHOLE_BODY_IDLE_FACTOR idle timeouts: 5 s here) can end it; without it each read waited for ever.
    const trickle = (socket: Socket, head: string) => {
      socket.write(head);
      const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write(' ')), 100);
      socket.once('close', () => clearInterval(timer));
    };
    let askForToken = false;
    const server = await serve((socket) => {
      void readRequestHead(socket).then((head) => {
        if (head.startsWith('GET /token')) {
          trickle(socket, HEAD(1_000_000, 'application/json'));
        } else if (askForToken || head.startsWith('GET /v2/ ')) {
          const realm = `http://${server.host}/token`;
          socket.write(
            `HTTP/1.1 ${askForToken ? '401 Unauthorized' : '200 OK'}\r\nContent-Length: 0\r\n` +
              `WWW-Authenticate: Bearer realm="${realm}",service="test"\r\n\r\n`,
          );
          socket.resume();
        } else if (head.includes('/manifests/')) {
          trickle(socket, HEAD(1_000_000, 'application/vnd.oci.image.manifest.v1+json'));
        } else {
          trickle(socket, HEAD(1_000_000));
        }
      });
    });
    const timeouts = { ...SHORT, idleMs: 250 };
    const digest = `sha256:${'a'.repeat(64)}`;
    const readers: [string, (client: RegistryClient) => Promise<unknown>][] = [
      [
        'manifest',
        (client) => getManifest(client, { registry: server.host, repository: 'team/app', reference: '1' }),
      ],
      ['config', (client) => readBlob(client, { registry: server.host, repository: 'team/app' }, digest)],
      // A registry that wants a Bearer token, from a realm that trickles it.
      [
        'token',
        (client) => getManifest(client, { registry: server.host, repository: 'team/app', reference: '1' }),
      ],
    ];
    for (const [what, read] of readers) {
      askForToken = what === 'token';
      const client = clientFor(server.host, { timeouts });
      const { error, ms } = await failure(() => read(client));
      expect(error, what).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).phase, what).toBe('whole');
      expect((error as TimeoutError).message, what).toBe(
        `${server.host} did not finish sending an answer within 5 s`,
      );
      expect(ms, what).toBeGreaterThanOrEqual(4_500);
      expect(ms, what).toBeLessThan(5_000 + DEADLINE_MS);
      await client.close();
      await waitUntil(() => server.open() === 0, DEADLINE_MS, `the client closes its connection (${what})`);
    }
  }, 90_000);

  it('words an error answer whose body trickles a byte at a time, within one idle timeout', async () => {
    // The error body only words the error: it gets one idle timeout (here 1 s) in all, then is shown as
    // far as it came. Without that bound a 404 trickled a byte at a time held the command for ever.
    const server = await serve((socket) => {
      void readRequestHead(socket).then(() => {
        socket.write(
          'HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{"err',
        );
        const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write(' ')), 100);
        socket.once('close', () => clearInterval(timer));
      });
    });
    const client = clientFor(server.host);
    const { error, ms } = await failure(() =>
      getManifest(client, { registry: server.host, repository: 'team/app', reference: '1' }),
    );
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect((error as { status?: number }).status).toBe(404);
    expect(ms).toBeLessThan(DEADLINE_MS);
    await client.close();
    await waitUntil(() => server.open() === 0, DEADLINE_MS, 'the client closes its connection');
  }, 40_000);

  it('follows a redirect whose body, unread, trickles a byte at a time, within one idle timeout', async () => {
    // A body Berth discards (a redirect's, an accepted PUT's) was dumped with no bound: chunked, a byte
    // every 100 ms, it held the request for ever (undici's dump reads up to 128 KiB of it).
    const server = await serve((socket) => {
      void readRequestHead(socket).then((head) => {
        if (head.includes('/elsewhere')) {
          socket.write('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
          return;
        }
        socket.write(
          'HTTP/1.1 307 Temporary Redirect\r\nLocation: /elsewhere\r\nTransfer-Encoding: chunked\r\n\r\n',
        );
        const timer = setInterval(
          () => (socket.destroyed ? clearInterval(timer) : socket.write('1\r\n \r\n')),
          100,
        );
        socket.once('close', () => clearInterval(timer));
      });
    });
    const client = clientFor(server.host);
    const { error, ms } = await failure(() =>
      getManifest(client, { registry: server.host, repository: 'team/app', reference: '1' }),
    );
    expect((error as { status?: number }).status).toBe(404);
    expect(ms).toBeLessThan(DEADLINE_MS);
    await client.close();
    await waitUntil(() => server.open() === 0, DEADLINE_MS, 'the client closes its connection');
  }, 40_000);

  it('does not cut a large body that is slow but keeps moving', async () => {
    // 2 MiB in 64 KiB pieces, one every 150 ms: about 5 s in all, never 1 s of silence.
    const blob = Buffer.alloc(2 * 1024 * 1024, 7);
    const digest = `sha256:${createHash('sha256').update(blob).digest('hex')}`;
    const server = await serve((socket) => {
      void readRequestHead(socket).then(async () => {
        socket.write(HEAD(blob.length));
        for (let offset = 0; offset < blob.length && !socket.destroyed; offset += 64 * 1024) {
          await new Promise((resolve) => setTimeout(resolve, 150));
          socket.write(blob.subarray(offset, offset + 64 * 1024));
        }
      });
    });
    const client = clientFor(server.host);
    const started = Date.now();
    const { stream } = await openBlob(client, { registry: server.host, repository: 'team/app' }, digest, {
      size: blob.length,
    });
    let received = 0;
    for await (const chunk of stream) received += (chunk as Buffer).length;
    expect(received).toBe(blob.length);
    // It really was slower than the idle timeout several times over.
    expect(Date.now() - started).toBeGreaterThan(3 * SHORT.idleMs);
    // One connection, never a resume: the idle timer did not fire.
    expect(server.accepted()).toBe(1);
  });
});

describe('a container engine that goes quiet', () => {
  /** Answers `/_ping` like Docker; `onOther` gets the socket for any other request. */
  async function fakeEngine(onOther: (socket: Socket, head: string) => void): Promise<SilentServer> {
    return serve((socket) => {
      const next = (): void => {
        void readRequestHead(socket).then((head) => {
          if (/^(HEAD|GET) \/_ping /.test(head)) {
            socket.write(
              'HTTP/1.1 200 OK\r\nApi-Version: 1.43\r\nServer: Docker/24.0\r\nContent-Length: 2\r\n\r\n' +
                (head.startsWith('HEAD') ? '' : 'OK'),
            );
            next();
          } else if (/^GET \/v1\.\d+\/version /.test(head)) {
            socket.write('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
            next();
          } else onOther(socket, head);
        });
      };
      next();
    });
  }

  function engineAt(server: SilentServer): DockerEngine {
    return new DockerEngine(makeEndpoint(`tcp://${server.host}`, 'chosen', 'test engine'), {
      callMs: 1000,
      streamIdleMs: 1000,
    });
  }

  it('names an engine that takes a call and never answers', async () => {
    const server = await fakeEngine(() => undefined);
    const { error, ms } = await failure(() =>
      engineAt(server).json({ method: 'GET', path: '/images/json' }, 'list'),
    );
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).message).toBe(
      `the engine at tcp://${server.host} did not answer within 1 s`,
    );
    expect(ms).toBeLessThan(DEADLINE_MS);
    await waitUntil(() => server.open() === 0, DEADLINE_MS, 'the client closes its connection');
  });

  it('ends a pull stream that goes quiet, but not one that keeps talking', async () => {
    const server = await fakeEngine((socket, head) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
      const line = (text: string) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
      // `fromImage=talking`: a progress line every 300 ms for 3 s, then the end; otherwise one line and silence.
      if (head.includes('fromImage=talking')) {
        let sent = 0;
        const timer = setInterval(() => {
          if (socket.destroyed) return clearInterval(timer);
          if (++sent > 10) {
            clearInterval(timer);
            socket.write('0\r\n\r\n');
          } else
            socket.write(
              line(`{"status":"Downloading","id":"layer","progressDetail":{"current":${sent}}}\n`),
            );
        }, 300);
      } else socket.write(line('{"status":"Pulling from team/app"}\n'));
    });
    const engine = engineAt(server);
    const { error, ms } = await failure(async () => {
      for await (const _ of engine.stream(
        { method: 'POST', path: '/images/create', query: { fromImage: 'quiet' } },
        'pull quiet',
      )) {
        // reading on
      }
    });
    expect((error as EngineError).message).toBe(
      `the engine at tcp://${server.host} went quiet: pull quiet sent nothing for 1 s`,
    );
    expect(ms).toBeLessThan(DEADLINE_MS);
    let messages = 0;
    for await (const _ of engine.stream(
      { method: 'POST', path: '/images/create', query: { fromImage: 'talking' } },
      'pull talking',
    ))
      messages++;
    expect(messages).toBe(10);
  });
});

describe('the timeout settings of the berth command', () => {
  async function cliIn(): Promise<{ cli: BerthCli; dataDir: string; done: () => Promise<void> }> {
    const dataDir = await makeTempDir('timeouts-cli');
    const cli = new BerthCli(() => ({ ...process.env, BERTH_DATA_DIR: dataDir, BERTH_TIMEOUT: '' }));
    return { cli, dataDir, done: () => removeDir(dataDir) };
  }

  it('registry add --timeout: a silent registry is named within the deadline and nothing is saved', async () => {
    const server = await serve();
    const { cli, dataDir, done } = await cliIn();
    try {
      const started = Date.now();
      const result = await cli.run(['registry', 'add', 'slow', `http://${server.host}`, '--timeout', '1']);
      expect(Date.now() - started).toBeLessThan(DEADLINE_MS);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${server.host} did not answer within 1 s`);
      expect(result.stderr).toMatch(/hint: .*--timeout/);
      expect(new SettingsStore(dataDir).list()).toEqual([]);
    } finally {
      await done();
    }
  });

  it('a saved --timeout is used by later commands; --timeout and BERTH_TIMEOUT set it for one run', async () => {
    const { cli, dataDir, done } = await cliIn();
    const server = await serve((socket) => {
      void readRequestHead(socket).then((head) => {
        // `/v2/` answers, so the connection can be saved; anything else gets no answer.
        if (head.startsWith('GET /v2/ ')) socket.write(HEAD(2, 'application/json') + '{}');
      });
    });
    try {
      const add = await cli.run(['registry', 'add', 'slow', `http://${server.host}`, '--timeout', '1.5']);
      expect(add.stderr).toBe('');
      expect(new SettingsStore(dataDir).findByHost(server.host)?.timeoutSeconds).toBe(1.5);
      const saved = await cli.run(['tags', `${server.host}/team/app`]);
      expect(saved.stderr).toContain(`${server.host} did not answer within 1.5 s`);
      // The same registry saved with no timeout of its own: the run's setting applies.
      expect((await cli.run(['registry', 'remove', 'slow'])).code).toBe(0);
      expect((await cli.run(['registry', 'add', 'plain', `http://${server.host}`])).code).toBe(0);
      const flag = await cli.run(['--timeout', '1', 'tags', `${server.host}/team/app`]);
      expect(flag.stderr).toContain(`${server.host} did not answer within 1 s`);
      const variable = await cli.run(['tags', `${server.host}/team/app`], undefined, { BERTH_TIMEOUT: '2' });
      expect(variable.stderr).toContain(`${server.host} did not answer within 2 s`);
    } finally {
      await done();
    }
  });

  it('refuses a timeout that is not a number of seconds, before contacting anything', async () => {
    const server = await serve();
    const { cli, done } = await cliIn();
    try {
      const flag = await cli.run(['--timeout', 'soon', 'tags', `${server.host}/team/app`]);
      expect(flag.code).toBe(1);
      expect(flag.stderr).toContain('--timeout: "soon" is not a timeout in seconds');
      const variable = await cli.run(['tags', `${server.host}/team/app`], undefined, { BERTH_TIMEOUT: '-3' });
      expect(variable.code).toBe(1);
      expect(variable.stderr).toContain('BERTH_TIMEOUT: "-3" is not a timeout in seconds');
      expect(server.accepted()).toBe(0);
    } finally {
      await done();
    }
  });
});

describe("the daemon page's look at the running dockerd", () => {
  it('names a dockerd socket that takes the connection and never answers /info', async () => {
    const dir = await makeTempDir('silent-dockerd');
    const socketPath = path.join(dir, 'docker.sock');
    const open = new Set<Socket>();
    const server = createServer((socket) => {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.resume();
    });
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      const { error, ms } = await failure(() => readLiveRegistryConfig(socketPath, undefined, 1000));
      expect((error as Error).message).toBe(
        `the Docker engine at ${socketPath} did not answer /info within 1 s`,
      );
      expect(ms).toBeLessThan(DEADLINE_MS);
      await waitUntil(() => open.size === 0, DEADLINE_MS, 'the client closes its connection');
    } finally {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await removeDir(dir);
    }
  });
});

describe('a registry that goes quiet over HTTP/2', () => {
  it('names an HTTP/2 server that opens the stream and never answers, or stalls its body', async () => {
    const dir = await makeTempDir('silent-h2');
    const ca = await makeCA(path.join(dir, 'certs'));
    const cert = await makeServerCert(ca, path.join(dir, 'certs'), {
      names: ['localhost'],
      ips: ['127.0.0.1'],
    });
    const sessions = new Set<Http2Session>();
    let opened = 0;
    const server = createSecureServer({ cert: cert.certPem, key: await readFile(cert.keyFile, 'utf8') });
    server.on('session', (session) => {
      sessions.add(session);
      opened++;
      session.on('close', () => sessions.delete(session));
    });
    server.on('stream', (stream, headers) => {
      // `/v2/`: never answered; anything else: headers and ten bytes of a longer body, then silence.
      if (headers[':path'] === '/v2/') return;
      stream.respond({ ':status': 200, 'content-type': 'application/json', 'content-length': '100' });
      stream.write('{"schemaVe');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = new RegistryClient({
      certsDRoot: false,
      connectionFor: () => ({ host, tls: { caFile: ca.certFile }, timeouts: SHORT }),
    });
    try {
      const silent = await failure(() => ping(client, host));
      expect((silent.error as TimeoutError).message).toBe(`${host} did not answer within 1 s`);
      expect(silent.ms).toBeLessThan(DEADLINE_MS);
      const stalled = await failure(() =>
        getManifest(client, { registry: host, repository: 'team/app', reference: '1' }),
      );
      expect((stalled.error as TimeoutError).message).toBe(
        `${host} stopped sending for 1 s in the middle of an answer`,
      );
      expect(stalled.ms).toBeLessThan(DEADLINE_MS);
      // It was HTTP/2: one session carried both requests.
      expect(opened).toBe(1);
    } finally {
      await client.close();
      for (const session of sessions) session.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await removeDir(dir);
    }
  });
});

describe("the doctor's probes", () => {
  it('reports a registry that accepts and never answers /v2/ within its own step timeout', async () => {
    // The doctor's TCP step and its plain-HTTP probe (connections 1 and 2) get an answer; the registry client's is
    // then left without one.
    let connections = 0;
    const server = await serve((socket) => {
      if (++connections > 2) return void socket.resume();
      void readRequestHead(socket).then(() => socket.end(HEAD(2, 'application/json') + '{}'));
    });
    const started = Date.now();
    const diagnosis = await diagnose(`http://${server.host}`, {
      timeoutMs: 1000,
      certsDRoot: false,
      connection: { host: server.host, insecureHttp: true },
    });
    expect(Date.now() - started).toBeLessThan(DEADLINE_MS);
    expect(diagnosis.steps.find((step) => step.id === 'registry')).toMatchObject({
      status: 'fail',
      detail: `${server.host} did not answer within 1 s`,
    });
    await waitUntil(() => server.open() === 0, DEADLINE_MS, 'the doctor closes its connections');
  });
});
