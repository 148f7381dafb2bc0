import { createHash, X509Certificate } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { replaceAtomically, withFileLock } from '../files/index.js';
import { BerthError } from '../registry/index.js';

export interface TrustedCertificate {
  /** The connection's new CA file: what it trusted before, plus the new certificate. */
  caFile: string;
  subject: string;
  sha256: string;
}

/**
 * Adds a certificate the user chose to trust to one connection's CA file, the one way both the
 * connection dialog and the doctor's `trust-ca` fix do it. The CAs the connection already trusted stay
 * in the bundle, and the user's own CA file is never edited: the bundle is a new file of Berth's,
 * `<dataDir>/trusted-cas/<host>-<hash of its content>.crt`, so two connections to one host never
 * overwrite each other's trust, and the old file stays for whatever else names it.
 *
 * The certificate may be a CA or the registry's own certificate: connections verify with
 * `allowPartialTrustChain` (registry/http.ts), so any certificate of the chain can be the anchor, as in
 * Go's (Docker's, skopeo's) verifier. A pinned server certificate must be trusted again when renewed.
 */
export async function trustCertificate(
  dataDir: string,
  connection: { host: string; caFile?: string },
  pem: string,
): Promise<TrustedCertificate> {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch (error) {
    throw new BerthError(
      'INVALID_INPUT',
      `the certificate to trust cannot be read: ${(error as Error).message}`,
      {
        hint: 'Give one PEM certificate, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.',
      },
    );
  }
  const previous = connection.caFile ? certificatesIn(await readPrevious(connection.caFile)) : '';
  const added = certificate.toString().trim();
  const bundle = `${previous.includes(added) ? previous : [previous, added].filter(Boolean).join('\n')}\n`;
  const hash = createHash('sha256').update(bundle).digest('hex').slice(0, 16);
  const caFile = path.join(dataDir, 'trusted-cas', `${connection.host.replace(/[^\w.-]/g, '_')}-${hash}.crt`);
  await mkdir(path.dirname(caFile), { recursive: true, mode: 0o700 });
  // Atomic: a connection may be reading the bundle while the doctor and the dialog both write it.
  await withFileLock(caFile, (target) => replaceAtomically(target, bundle, { mode: 0o644 }));
  return { caFile, subject: certificate.subject.replace(/\n/g, ', '), sha256: certificate.fingerprint256 };
}

/**
 * Only the certificates of the old CA file go into the new bundle (which is readable by others): a
 * caFile that named some other file — a private key, say — is never copied.
 */
function certificatesIn(text: string): string {
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  return blocks
    .filter((block) => {
      try {
        new X509Certificate(block);
        return true;
      } catch {
        return false;
      }
    })
    .join('\n');
}

/** A CA file that no longer exists trusts nothing, so there is nothing to keep; any other failure stops. */
async function readPrevious(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new BerthError(
      'INVALID_INPUT',
      `cannot read the connection's CA file ${file}: ${(error as Error).message}`,
      {
        hint: 'Fix the file, or clear it in the connection settings, then trust the certificate again.',
      },
    );
  }
}
