import { X509Certificate } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP, Socket } from 'node:net';
import { connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { Resolver } from './types.js';

/** The operating system's resolver (getaddrinfo, like Docker's Go resolver in most setups). */
export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

export async function resolveName(resolver: Resolver, hostname: string): Promise<string[]> {
  if (isIP(hostname)) return [hostname];
  return resolver(hostname);
}

export type ConnectResult =
  | { ok: true }
  | {
      ok: false;
      reason: 'refused' | 'timeout' | 'unreachable';
      /** The system's error code, or `timeout` when no answer came within the time allowed. */
      code: string;
      message: string;
    };

export function connectTcp(address: string, port: number, timeoutMs: number): Promise<ConnectResult> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (result: ConnectResult) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () =>
      done({
        ok: false,
        reason: 'timeout',
        code: 'timeout',
        message: `no answer within ${timeoutMs} ms (filtered?)`,
      }),
    );
    socket.once('connect', () => done({ ok: true }));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done({
        ok: false,
        reason:
          error.code === 'ECONNREFUSED' ? 'refused' : error.code === 'ETIMEDOUT' ? 'timeout' : 'unreachable',
        code: error.code ?? 'error',
        message: `${error.code ?? 'error'}: ${error.message}`,
      }),
    );
    socket.connect({ host: address, port });
  });
}

export type TlsProbe =
  | { kind: 'tls'; protocol: string; chain: X509Certificate[] }
  | { kind: 'not-tls'; code: string; message: string }
  | { kind: 'error'; code: string; message: string };

/** Codes OpenSSL gives when the other side answers a ClientHello with something that is not TLS. */
const NOT_TLS = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_HTTP_REQUEST',
]);

function chainOf(socket: TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  let current: PeerCertificate | undefined = socket.getPeerCertificate(true);
  const seen = new Set<string>();
  while (current?.raw && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push(new X509Certificate(current.raw));
    current = (current as PeerCertificate & { issuerCertificate?: PeerCertificate }).issuerCertificate;
  }
  return chain;
}

/**
 * A handshake that accepts any certificate, only to read what the server presents; the doctor judges
 * the chain itself against each trust store.
 */
export function probeTls(
  address: string,
  port: number,
  servername: string,
  timeoutMs: number,
): Promise<TlsProbe> {
  return new Promise((resolve) => {
    const socket = tlsConnect({
      host: address,
      port,
      servername: isIP(servername) ? undefined : servername,
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    const done = (result: TlsProbe) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () =>
      done({ kind: 'error', code: 'ETIMEDOUT', message: 'TLS handshake timed out' }),
    );
    socket.once('secureConnect', () =>
      done({ kind: 'tls', protocol: socket.getProtocol() ?? 'TLS', chain: chainOf(socket) }),
    );
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? 'error';
      done({ kind: NOT_TLS.has(code) ? 'not-tls' : 'error', code, message: error.message });
    });
  });
}

export type HttpProbe =
  | { kind: 'http'; statusLine: string; head: string }
  | { kind: 'https-server'; statusLine: string }
  | { kind: 'no-http'; message: string; closed: boolean };

/** Speaks one plain-HTTP request over TCP and reads the answer's head: is this an HTTP server? */
export function probeHttp(
  address: string,
  port: number,
  hostHeader: string,
  timeoutMs: number,
): Promise<HttpProbe> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let received = '';
    const finish = () => {
      socket.destroy();
      const statusLine = received.split('\r\n')[0] ?? '';
      if (!/^HTTP\/\d(\.\d)? \d{3}/.test(statusLine)) {
        resolve({
          kind: 'no-http',
          message: received ? 'the answer is not HTTP' : 'the server closed the connection',
          closed: !received,
        });
      } else if (/HTTP request to an HTTPS server/i.test(received)) {
        // Go's net/http (Distribution) answers a plain request on a TLS port with exactly this body.
        resolve({ kind: 'https-server', statusLine });
      } else {
        resolve({ kind: 'http', statusLine, head: received.split('\r\n\r\n')[0] ?? '' });
      }
    };
    socket.setTimeout(timeoutMs, finish);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.length > 16 * 1024 || (received.includes('\r\n\r\n') && !/^HTTP\/1\.0 400/.test(received)))
        finish();
    });
    socket.once('end', finish);
    socket.once('error', finish);
    socket.connect({ host: address, port }, () =>
      socket.write(
        `GET /v2/ HTTP/1.1\r\nHost: ${hostHeader}\r\nUser-Agent: berth-doctor\r\nConnection: close\r\n\r\n`,
      ),
    );
  });
}
