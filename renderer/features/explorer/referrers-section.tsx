import { call } from '../../api.js';
import { Empty, ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { useFormat } from '../../i18n/format.js';
import { useT } from '../../i18n/index.js';
import { shortDigest } from '../../lib/format.js';
import { referrerKind, type ReferrerKind } from './image-details.js';
import { image, sections as words } from './messages.js';

const SOURCES = {
  api: words.referrersFromApi,
  'tag-schema': words.referrersFromTag,
  none: undefined,
} as const;

const KINDS: Record<ReferrerKind, (typeof words)[keyof typeof words]> = {
  Signature: words.kindSignature,
  SBOM: words.kindSbom,
  Attestation: words.kindAttestation,
  Artifact: words.kindArtifact,
};

/** Signatures, SBOMs and attestations that point at this image (OCI 1.1 referrers). */
export function ReferrersSection({
  connection,
  repository,
  digest,
}: {
  connection: string;
  repository: string;
  digest: string;
}) {
  const t = useT();
  const format = useFormat();
  const referrers = useAsync(`${connection}\n${repository}\n${digest}`, () =>
    call('registry.referrers', { connection, repository, digest }),
  );
  return (
    <section className="section" aria-labelledby="referrers-heading">
      <h2 id="referrers-heading">{t(words.referrers)}</h2>
      {referrers.status === 'loading' && <Loading label={t(words.lookingForReferrers)} />}
      {referrers.status === 'error' && <ErrorView error={referrers.error} onRetry={referrers.reload} />}
      {referrers.status === 'done' &&
        (referrers.value.referrers.length === 0 ? (
          <Empty>{t(words.noReferrers)}</Empty>
        ) : (
          <>
            <p className="muted small">
              {SOURCES[referrers.value.source]
                ? t(SOURCES[referrers.value.source]!, { count: referrers.value.referrers.length })
                : referrers.value.referrers.length}
            </p>
            <table className="table" aria-label={t(words.referrers)}>
              <thead>
                <tr>
                  <th scope="col">{t(image.type)}</th>
                  <th scope="col">{t(words.artifactType)}</th>
                  <th scope="col">{t(image.digest)}</th>
                  <th scope="col" className="numeric">
                    {t(image.size)}
                  </th>
                </tr>
              </thead>
              <tbody>
                {referrers.value.referrers.map((referrer) => (
                  <tr key={referrer.digest}>
                    <td>{t(KINDS[referrerKind(referrer)])}</td>
                    <td>
                      <code>{referrer.artifactType ?? referrer.mediaType}</code>
                    </td>
                    <td>
                      <code title={referrer.digest}>{shortDigest(referrer.digest, 16)}</code>
                    </td>
                    <td className="numeric">{format.size(referrer.size)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ))}
    </section>
  );
}
