import type { X509Certificate } from 'node:crypto';
import type { PresentedCertificates } from '../../../shared/contract/index.js';
import { BerthError, NetworkError, systemCertificates, TlsError } from '../registry/index.js';
import { chainLeadsTo, describeCertificate, namesMatch, parsePemBundle, validityAt } from './certificate.js';
import { probeTls } from './network.js';
import { parseTarget, type Target } from './target.js';

export type { PresentedCertificates };

function isSelfSigned(cert: X509Certificate): boolean {
  try {
    return cert.checkIssued(cert) && cert.verify(cert.publicKey);
  } catch {
    return false;
  }
}

/**
 * One handshake that accepts any certificate, only to show the user what the registry presents, the way
 * SSH shows a host key on first connect. The decision to trust it is the user's.
 */
export async function peekCertificates(url: string, timeoutMs = 10_000): Promise<PresentedCertificates> {
  let target: Target;
  try {
    target = parseTarget(url.trim());
  } catch (error) {
    throw new BerthError('INVALID_INPUT', (error as Error).message, { hint: 'Write host[:port].' });
  }
  if (target.scheme === 'http')
    throw new TlsError(
      target.host,
      'not-https',
      `${url} is plain HTTP: there is no certificate`,
      'Use https:// to see what the registry presents.',
    );
  const probe = await probeTls(target.hostname, target.port, target.hostname, timeoutMs);
  if (probe.kind !== 'tls')
    throw new NetworkError(
      target.host,
      `no TLS handshake with ${target.host}: ${probe.code}: ${probe.message}`,
      probe.kind === 'not-tls'
        ? 'The port speaks plain HTTP: use http:// if you trust the network.'
        : 'Check the address and port.',
    );
  const leaf = probe.chain[0];
  if (!leaf)
    throw new TlsError(
      target.host,
      'other',
      `${target.host} presented no certificate`,
      'Configure a certificate on the registry.',
    );
  const top = probe.chain.at(-1)!;
  return {
    host: target.host,
    certificates: probe.chain.map(describeCertificate),
    trustedBySystem: chainLeadsTo(probe.chain, parsePemBundle(systemCertificates())),
    namesMatch: namesMatch(leaf, target.hostname),
    validity: validityAt(leaf, Date.now()),
    anchorPem: top.toString(),
    anchorIsServerCertificate: probe.chain.length === 1 && !isSelfSigned(leaf),
  };
}
