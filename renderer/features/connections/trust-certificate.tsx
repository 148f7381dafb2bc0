import type { CertificateView, PresentedCertificates } from '../../../shared/contract/index.js';
import { day, whyNotTrustable } from './certificate-trust.js';
import './connections.css';

/** A SHA-256 fingerprint in monospace whose lines break between byte pairs, never inside one. */
export function Fingerprint({ value }: { value: string }) {
  return (
    <code className="fingerprint" aria-label="SHA-256 fingerprint">
      {value.split(':').map((pair, index) => (
        <span key={index}>
          {index ? ':' : ''}
          <wbr />
          {pair}
        </span>
      ))}
    </code>
  );
}

/** The certificate to trust, and the names the server's own certificate covers. */
function Facts({ certificate, server }: { certificate: CertificateView; server: CertificateView }) {
  return (
    <dl className="certificate-facts">
      <dt>Subject</dt>
      <dd>{certificate.subject}</dd>
      <dt>Issuer</dt>
      <dd>{certificate.issuer}</dd>
      <dt>Valid</dt>
      <dd>
        {day(certificate.validFrom)} → {day(certificate.validTo)}
      </dd>
      <dt>SHA-256</dt>
      <dd>
        <Fingerprint value={certificate.sha256} />
      </dd>
      <dt>Server names</dt>
      <dd>{server.subjectAltNames.join(', ') || server.subject}</dd>
    </dl>
  );
}

/**
 * The certificate a registry presented that nobody on this computer trusts, shown the way SSH shows a
 * new host key: compare the fingerprint with the one the registry's admin gives you, then decide.
 */
export function TrustCertificate({
  presented,
  onTrust,
}: {
  presented: PresentedCertificates;
  onTrust: (pem: string) => void;
}) {
  const anchor = presented.certificates.at(-1)!;
  const leaf = presented.certificates[0]!;
  const problem = whyNotTrustable(presented);
  return (
    <section className="trust-certificate" aria-label="Unknown certificate">
      <h3>{presented.host} presents a certificate this computer does not trust</h3>
      <p className="muted">
        {presented.certificates.length > 1
          ? 'Its certificate chain ends in this certificate:'
          : 'Its certificate:'}
      </p>
      <Facts certificate={anchor} server={leaf} />
      {problem ? (
        <p className="note danger">{problem}</p>
      ) : (
        <>
          <p className="field-note">
            Check the fingerprint with whoever runs the registry. Trusting it lets only this connection accept
            certificates it signed; your system and Docker are not changed.
          </p>
          {presented.anchorIsServerCertificate ? (
            <p className="field-note">
              The registry does not send the CA that signed it (“{leaf.issuer}”), so this exact certificate is
              pinned: when the registry renews it, Berth will ask again. Giving that CA&apos;s file under TLS
              and transport lasts longer.
            </p>
          ) : null}
          <button type="button" className="button" onClick={() => onTrust(presented.anchorPem)}>
            Trust this certificate for this connection only
          </button>
        </>
      )}
    </section>
  );
}
