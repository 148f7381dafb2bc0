import type { ImageConfig, LayerEntry } from '../../../shared/image.js';
import { Empty } from '../../components/error-view.js';
import { formatBytes, formatDate, shortDigest } from '../../lib/format.js';
import { alignHistory } from './image-details.js';

/** How the image was built: each step of the config's history, with the layer it made. */
export function HistorySection({ config, layers }: { config: ImageConfig; layers: LayerEntry[] }) {
  const rows = alignHistory(config, layers);
  return (
    <section className="section" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {rows.length === 0 ? (
        <Empty>The image config records no history.</Empty>
      ) : (
        <table className="table history" aria-label="History">
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">Step</th>
              <th scope="col">Layer</th>
              <th scope="col" className="numeric">
                Size
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index} className={row.isEmpty ? 'muted' : undefined}>
                <td className="nowrap">{row.created ? formatDate(row.created) : '—'}</td>
                <td>
                  <code className="history-step">{row.createdBy}</code>
                  {row.comment && <span className="muted"> {row.comment}</span>}
                </td>
                <td>
                  {row.layer ? (
                    <code title={row.layer.digest}>{shortDigest(row.layer.digest, 16)}</code>
                  ) : (
                    <span className="muted">{row.isEmpty ? 'no layer' : '—'}</span>
                  )}
                </td>
                <td className="numeric">{row.layer ? formatBytes(row.layer.size) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
