import { call } from '../../api.js';
import { Empty, ErrorView, Loading } from '../../components/error-view.js';
import { useAsync } from '../../hooks/use-async.js';
import { formatBytes, shortDigest } from '../../lib/format.js';
import { referrerKind } from './image-details.js';

const SOURCES = {
  api: 'from the registry’s referrers API',
  'tag-schema': 'from the referrers fallback tag',
  none: '',
} as const;

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
  const referrers = useAsync(`${connection}\n${repository}\n${digest}`, () =>
    call('registry.referrers', { connection, repository, digest }),
  );
  return (
    <section className="section" aria-labelledby="referrers-heading">
      <h2 id="referrers-heading">Referrers</h2>
      {referrers.status === 'loading' && <Loading label="Looking for signatures, SBOMs and attestations…" />}
      {referrers.status === 'error' && <ErrorView error={referrers.error} onRetry={referrers.reload} />}
      {referrers.status === 'done' &&
        (referrers.value.referrers.length === 0 ? (
          <Empty>No referrers: nothing signs, describes or attests this image here.</Empty>
        ) : (
          <>
            <p className="muted small">
              {referrers.value.referrers.length} {SOURCES[referrers.value.source]}
            </p>
            <table className="table" aria-label="Referrers">
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  <th scope="col">Artifact type</th>
                  <th scope="col">Digest</th>
                  <th scope="col" className="numeric">
                    Size
                  </th>
                </tr>
              </thead>
              <tbody>
                {referrers.value.referrers.map((referrer) => (
                  <tr key={referrer.digest}>
                    <td>{referrerKind(referrer)}</td>
                    <td>
                      <code>{referrer.artifactType ?? referrer.mediaType}</code>
                    </td>
                    <td>
                      <code title={referrer.digest}>{shortDigest(referrer.digest, 16)}</code>
                    </td>
                    <td className="numeric">{formatBytes(referrer.size)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ))}
    </section>
  );
}
