import type { ImageConfig, LayerEntry } from '../../../shared/image.js';
import { Empty } from '../../components/error-view.js';
import { useFormat } from '../../i18n/format.js';
import { useT } from '../../i18n/index.js';
import { shortDigest } from '../../lib/format.js';
import { alignHistory } from './image-details.js';
import { image, sections as words } from './messages.js';

/** How the image was built: each step of the config's history, with the layer it made. */
export function HistorySection({ config, layers }: { config: ImageConfig; layers: LayerEntry[] }) {
  const t = useT();
  const format = useFormat();
  const rows = alignHistory(config, layers);
  return (
    <section className="section" aria-labelledby="history-heading">
      <h2 id="history-heading">{t(words.history)}</h2>
      {rows.length === 0 ? (
        <Empty>{t(words.noHistory)}</Empty>
      ) : (
        <table className="table history" aria-label={t(words.history)}>
          <thead>
            <tr>
              <th scope="col">{t(image.created)}</th>
              <th scope="col">{t(words.step)}</th>
              <th scope="col">{t(words.layer)}</th>
              <th scope="col" className="numeric">
                {t(image.size)}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index} className={row.isEmpty ? 'muted' : undefined}>
                <td className="nowrap">{row.created ? format.dateTime(row.created) : '—'}</td>
                <td>
                  <code className="history-step">{row.createdBy}</code>
                  {row.comment && (
                    <span className="muted" translate="no">
                      {' '}
                      {row.comment}
                    </span>
                  )}
                </td>
                <td>
                  {row.layer ? (
                    <code title={row.layer.digest}>{shortDigest(row.layer.digest, 16)}</code>
                  ) : (
                    <span className="muted">{row.isEmpty ? t(words.noLayer) : '—'}</span>
                  )}
                </td>
                <td className="numeric">{row.layer ? format.size(row.layer.size) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
