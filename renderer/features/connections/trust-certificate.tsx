import type { CertificateView, PresentedCertificates } from '../../../shared/contract/index.js';
import { day, whyNotTrustable } from './certificate-trust.js';
import { useT } from '../../i18n/index.js';
import { trust as m } from './messages.js';
import './connections.css';

/** A SHA-256 fingerprint in monospace whose lines break between byte pairs, never inside one. */
export function Fingerprint({ value }: { value: string }) {
  const t = useT();
  return (
    <code className="fingerprint" aria-label={t(m.fingerprint)}>
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
  const t = useT();
  return (
    <dl className="certificate-facts">
      <dt>{t(m.subject)}</dt>
      <dd translate="no">{certificate.subject}</dd>
      <dt>{t(m.issuer)}</dt>
      <dd translate="no">{certificate.issuer}</dd>
      <dt>{t(m.valid)}</dt>
      <dd translate="no">
        {day(certificate.validFrom)} → {day(certificate.validTo)}
      </dd>
      <dt translate="no">SHA-256</dt>
      <dd>
        <Fingerprint value={certificate.sha256} />
      </dd>
      <dt>{t(m.serverNames)}</dt>
      <dd translate="no">{server.subjectAltNames.join(', ') || server.subject}</dd>
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
  const t = useT();
  const problem = whyNotTrustable(t, presented);
  return (
    <section className="trust-certificate" aria-label={t(m.unknownCertificate)}>
      <h3>{t.rich(m.notTrusted, { host: <span translate="no">{presented.host}</span> })}</h3>
      <p className="muted">{t(presented.certificates.length > 1 ? m.chainEndsIn : m.itsCertificate)}</p>
      <Facts certificate={anchor} server={leaf} />
      {problem ? (
        <p className="note danger">{problem}</p>
      ) : (
        <>
          <p className="field-note">{t(m.checkFingerprint)}</p>
          {presented.anchorIsServerCertificate ? (
            <p className="field-note">
              {t.rich(m.pinned, { issuer: <span translate="no">{leaf.issuer}</span> })}
            </p>
          ) : null}
          <button type="button" className="button" onClick={() => onTrust(presented.anchorPem)}>
            {t(m.trustButton)}
          </button>
        </>
      )}
    </section>
  );
}
