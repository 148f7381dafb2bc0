import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { CertificateView, PresentedCertificates } from '../../../shared/contract/index.js';

/** What the doctor shows of one certificate. */
export type CertificateFacts = CertificateView;

export function describeCertificate(cert: X509Certificate): CertificateFacts {
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(cert.validTo).toISOString(),
    sha256: cert.fingerprint256,
    subjectAltNames: (cert.subjectAltName ?? '').split(/,\s*/).filter(Boolean),
  };
}

export function parsePemBundle(pems: string[]): X509Certificate[] {
  const certificates: X509Certificate[] = [];
  for (const pem of pems) {
    for (const block of pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []) {
      try {
        certificates.push(new X509Certificate(block));
      } catch {
        // A broken block in a CA bundle does not stop the others from being judged.
      }
    }
  }
  return certificates;
}

function issuedBy(child: X509Certificate, parent: X509Certificate): boolean {
  try {
    return child.checkIssued(parent) && child.verify(parent.publicKey);
  } catch {
    return false;
  }
}

/**
 * Whether the presented chain leads to one of `anchors`: each step's signature is checked, dates are
 * not (expiry is reported on its own so the user sees both facts).
 */
export function chainLeadsTo(chain: X509Certificate[], anchors: X509Certificate[]): boolean {
  let current = chain[0];
  const intermediates = chain.slice(1);
  for (let depth = 0; current && depth < 10; depth++) {
    const node: X509Certificate = current;
    if (anchors.some((anchor) => anchor.fingerprint256 === node.fingerprint256 || issuedBy(node, anchor)))
      return true;
    current = intermediates.find((candidate) => candidate !== node && issuedBy(node, candidate));
  }
  return false;
}

export function namesMatch(cert: X509Certificate, hostname: string): boolean {
  return isIP(hostname) ? cert.checkIP(hostname) !== undefined : cert.checkHost(hostname) !== undefined;
}

export type Validity = PresentedCertificates['validity'];

export function validityAt(cert: X509Certificate, now: number): Validity {
  if (now > new Date(cert.validTo).getTime()) return 'expired';
  if (now < new Date(cert.validFrom).getTime()) return 'not-yet-valid';
  return 'valid';
}
