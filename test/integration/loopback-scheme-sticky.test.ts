// Docker's loopback rule picks the scheme once: a loopback host that has answered over HTTPS stays
// HTTPS. A later plain-HTTP answer on that port (another program took it) is a TLS failure, not a
// reason to send the next request, and its credentials, unencrypted.
import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { getManifest, ping, RegistryClient, TlsError } from '../../electron/core/registry/index.js';
import { makeCA, makeServerCert } from '../fixtures/certs.js';
import { makeTempDir, removeDir } from '../fixtures/process.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

it('keeps HTTPS for a loopback host that answered over HTTPS, when the port later speaks plain HTTP', async () => {
  const dir = await makeTempDir('sticky-https');
  cleanup.push(() => removeDir(dir));
  const ca = await makeCA(path.join(dir, 'ca'));
  const cert = await makeServerCert(ca, path.join(dir, 'server'), {
    names: ['localhost'],
    ips: ['127.0.0.1'],
  });
  const tlsServer = createHttpsServer(
    { cert: await readFile(cert.certFile), key: await readFile(cert.keyFile) },
    (_request, response) => {
      response.writeHead(200, { 'docker-distribution-api-version': 'registry/2.0' });
      response.end('{}');
    },
  );
  await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
  const { port } = tlsServer.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  const plainRequests: string[] = [];
  const client = new RegistryClient({
    certsDRoot: false,
    retry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 20 },
    connectionFor: (asked) =>
      asked === host ? { host, dockerSchemeRule: true, tls: { caFile: ca.certFile } } : undefined,
  });
  cleanup.push(() => client.close());

  expect((await ping(client, host)).url).toBe(`https://${host}/`);
  await close(tlsServer);
  const plainServer = createHttpServer((request, response) => {
    plainRequests.push(request.url ?? '');
    response.writeHead(404, { 'docker-distribution-api-version': 'registry/2.0' });
    response.end();
  });
  await new Promise<void>((resolve) => plainServer.listen(port, '127.0.0.1', resolve));
  cleanup.push(() => close(plainServer));

  const error = await getManifest(client, { registry: host, repository: 'team/app', reference: '1' }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TlsError);
  expect((error as TlsError).problem).toBe('not-https');
  expect(plainRequests).toEqual([]);
}, 60_000);
