// What the Add connection dialog shows of a certificate nobody trusts: read from a real TLS handshake,
// with the root-most certificate presented as the one to trust (the CA when the server sends it, else the
// server's own certificate, pinned); and what trusting it does: the certificate joins that connection's
// CA file, next to what it trusted before, and nothing else changes.
import { X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { connectionHandlers } from '../../electron/core/api/connections.js';
import type { HandlerContext } from '../../electron/core/api/types.js';
import { parsePemBundle } from '../../electron/core/doctor/certificate.js';
import { peekCertificates } from '../../electron/core/doctor/index.js';
import { BerthServices } from '../../electron/core/services.js';
import { whyNotTrustable } from '../../renderer/features/connections/certificate-trust.js';
import { englishT } from '../fixtures/i18n.js';
import { makeCA, makeServerCert, type CertificateAuthority } from '../fixtures/certs.js';
import { makeTempDir, removeDir, runCommand } from '../fixtures/process.js';
import { startRegistry, type RegistryHandle } from '../fixtures/registry.js';

let dir: string;
let ca: CertificateAuthority;
const t = englishT();
const servers: Server[] = [];

async function serve(certPem: string, keyFile: string): Promise<string> {
  const server = createServer({ cert: certPem, key: await readFile(keyFile) }, (_req, res) => res.end());
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  dir = await makeTempDir('peek');
  ca = await makeCA(dir, { commonName: 'Peek Test CA' });
});

afterAll(async () => {
  for (const server of servers) server.close();
  if (dir) await removeDir(dir);
});

describe('peeking at a registry certificate', () => {
  it('offers the CA a server sends with its certificate, with its fingerprint', async () => {
    const leaf = await makeServerCert(ca, dir, { names: ['localhost'], ips: ['127.0.0.1'], name: 'chain' });
    const url = await serve(leaf.certPem + ca.certPem, leaf.keyFile);
    const presented = await peekCertificates(url);
    expect(presented.certificates.map((c) => c.subject)).toEqual(['CN=localhost', 'CN=Peek Test CA']);
    expect(presented.certificates[1]!.sha256).toBe(new X509Certificate(ca.certPem).fingerprint256);
    expect(presented.anchorPem).toBe(new X509Certificate(ca.certPem).toString());
    expect(presented).toMatchObject({
      trustedBySystem: false,
      namesMatch: true,
      validity: 'valid',
      anchorIsServerCertificate: false,
    });
    expect(whyNotTrustable(t, presented)).toBeUndefined();
  });

  it('offers the server certificate itself, to pin, when the server does not send its CA', async () => {
    const leaf = await makeServerCert(ca, dir, { names: ['localhost'], ips: ['127.0.0.1'], name: 'alone' });
    const presented = await peekCertificates(await serve(leaf.certPem, leaf.keyFile));
    expect(presented.certificates).toHaveLength(1);
    expect(presented.anchorPem).toBe(new X509Certificate(leaf.certPem).toString());
    expect(presented.anchorIsServerCertificate).toBe(true);
    expect(whyNotTrustable(t, presented)).toBeUndefined();
  });

  it('offers a self-signed server certificate itself, and refuses one that names another host', async () => {
    const keyFile = path.join(dir, 'self.key');
    const certFile = path.join(dir, 'self.crt');
    await runCommand('openssl', [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
      ...['-subj', '/CN=registry.example', '-addext', 'subjectAltName=DNS:registry.example'],
      ...['-days', '30', '-keyout', keyFile, '-out', certFile],
    ]);
    const presented = await peekCertificates(await serve(await readFile(certFile, 'utf8'), keyFile));
    expect(presented.anchorPem).toBe(new X509Certificate(await readFile(certFile)).toString());
    expect(presented.anchorIsServerCertificate).toBe(false);
    expect(presented.namesMatch).toBe(false);
    expect(whyNotTrustable(t, presented)).toMatch(/does not name 127\.0\.0\.1/);
  });

  it('says so when there is no TLS to peek at', async () => {
    await expect(peekCertificates('http://127.0.0.1:1')).rejects.toMatchObject({ code: 'TLS' });
    await expect(peekCertificates('https://127.0.0.1:1')).rejects.toMatchObject({ code: 'NETWORK' });
    await expect(peekCertificates('https://a/b')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('trusting a certificate for one connection', () => {
  let registry: RegistryHandle;
  let services: BerthServices;
  let context: HandlerContext;

  beforeAll(async () => {
    registry = await startRegistry({ tls: true });
    services = new BerthServices({ dataDir: path.join(dir, 'berth') });
    context = { services, emit: () => undefined };
  });

  afterAll(async () => {
    await services?.close();
    await registry?.stop();
  });

  it('pins the certificate of a registry that does not send its CA, and only that connection trusts it', async () => {
    const url = `https://${registry.host}`;
    await expect(connectionHandlers['connections.test']({ url }, context)).rejects.toMatchObject({
      code: 'TLS',
    });
    // The registry sends its server certificate alone: that is what the dialog offers, and what works.
    const presented = await connectionHandlers['connections.peekCertificate']({ url }, context);
    expect(presented.anchorIsServerCertificate).toBe(true);
    const { connection } = await connectionHandlers['connections.add'](
      { name: 'trusted', url, trustCertificate: presented.anchorPem },
      context,
    );
    expect(path.dirname(connection.tls.caFile!)).toBe(path.join(dir, 'berth', 'trusted-cas'));
    expect(path.basename(connection.tls.caFile!)).toMatch(
      new RegExp(`^127\\.0\\.0\\.1_${registry.port}-[0-9a-f]{16}\\.crt$`),
    );
    expect(new X509Certificate(await readFile(connection.tls.caFile!)).fingerprint256).toBe(
      presented.certificates[0]!.sha256,
    );
    expect((await connectionHandlers['connections.test']({ name: 'trusted' }, context)).ping.registry).toBe(
      registry.host,
    );
    // Another connection to the same registry still does not trust it.
    await expect(connectionHandlers['connections.test']({ url }, context)).rejects.toMatchObject({
      code: 'TLS',
    });
  });

  it('keeps the CAs a connection already trusted when it trusts one more', async () => {
    const other = await makeCA(dir, { commonName: 'Other CA' });
    const otherFile = path.join(dir, 'other-ca.crt');
    await writeFile(otherFile, other.certPem);
    // A Berth of its own: one host is one saved connection.
    const berth = new BerthServices({ dataDir: path.join(dir, 'kept') });
    const own = { services: berth, emit: () => undefined };
    onTestFinished(() => berth.close());
    berth.settings.save({ name: 'kept', host: registry.host, tls: { caFile: otherFile } });
    const { connection } = await connectionHandlers['connections.update'](
      { name: 'kept', trustCertificate: registry.caPem! },
      own,
    );
    const bundle = parsePemBundle([await readFile(connection.tls.caFile!, 'utf8')]);
    expect(bundle.map((certificate) => certificate.subject)).toEqual([
      'CN=Other CA',
      'CN=Berth Test Registry CA',
    ]);
    // The user's own file is not edited.
    expect(await readFile(otherFile, 'utf8')).toBe(other.certPem);
    expect((await connectionHandlers['connections.test']({ name: 'kept' }, own)).ping.registry).toBe(
      registry.host,
    );
  });

  it('copies only certificates from the old CA file, never a key it happened to name', async () => {
    const keyFile = path.join(dir, 'not-a-ca.pem');
    await writeFile(keyFile, `${ca.certPem}\n${await readFile(ca.keyFile, 'utf8')}`);
    const berth = new BerthServices({ dataDir: path.join(dir, 'key-named') });
    onTestFinished(() => berth.close());
    berth.settings.save({ name: 'key-named', host: registry.host, tls: { caFile: keyFile } });
    const { connection } = await connectionHandlers['connections.update'](
      { name: 'key-named', trustCertificate: registry.caPem! },
      { services: berth, emit: () => undefined },
    );
    const bundle = await readFile(connection.tls.caFile!, 'utf8');
    expect(bundle).not.toMatch(/PRIVATE KEY/);
    expect(parsePemBundle([bundle]).map((certificate) => certificate.subject)).toEqual([
      'CN=Peek Test CA',
      'CN=Berth Test Registry CA',
    ]);
  });

  it('refuses text that is not a certificate and saves nothing', async () => {
    await expect(
      connectionHandlers['connections.add'](
        { name: 'broken', url: `https://${registry.host}`, trustCertificate: 'not a certificate' },
        context,
      ),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: /certificate to trust cannot be read/ });
    expect(services.settings.get('broken')).toBeUndefined();
  });
});
