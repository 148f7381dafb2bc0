import type { LocalImage } from '../../../shared/docker.js';
import { Empty } from '../../components/error-view.js';
import { useNow } from '../../hooks/use-now.js';
import { useT } from '../../i18n/index.js';
import { useFormat } from '../../i18n/format.js';
import { filterRows, formatAge, imageRows, type ImageRow } from './image-rows.js';
import { table } from './messages.js';

interface ImageTableProps {
  images: readonly LocalImage[];
  filter: string;
  onPush: (row: ImageRow) => void;
  onUntag: (row: ImageRow) => void;
}

/** One row per local name, newest image first; an image without a name is marked dangling. */
export function ImageTable({ images, filter, onPush, onUntag }: ImageTableProps) {
  // Ages count in minutes (formatAge), so a clock read once a minute keeps them right.
  const now = useNow(60_000);
  const t = useT();
  const format = useFormat();
  const rows = imageRows(images);
  const shown = filterRows(rows, filter);
  if (!rows.length) return <Empty>{t(table.empty)}</Empty>;
  return (
    <>
      <p className="muted small" aria-live="polite">
        {shown.length === rows.length
          ? t(table.counts, { names: rows.length, images: images.length })
          : t(table.matches, { shown: shown.length, total: rows.length })}
      </p>
      {shown.length === 0 ? (
        <Empty>{t.rich(table.noMatch, { filter: <span translate="no">{filter}</span> })}</Empty>
      ) : (
        <table className="table local-images">
          <caption className="visually-hidden">{t(table.caption)}</caption>
          <thead>
            <tr>
              <th scope="col">{t(table.repository)}</th>
              <th scope="col">{t(table.tag)}</th>
              <th scope="col">{t(table.imageId)}</th>
              <th scope="col">{t(table.created)}</th>
              <th scope="col" className="numeric">
                {t(table.size)}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t(table.actions)}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr
                key={row.key}
                aria-label={
                  row.name ?? t(table.danglingRow, { repository: row.repository ?? 'none', id: row.image.id })
                }
              >
                <td className="break" translate="no">
                  {row.repository ?? <span className="muted">&lt;none&gt;</span>}
                </td>
                <td>
                  {row.tag !== undefined ? (
                    <span translate="no">{row.tag}</span>
                  ) : (
                    <>
                      <span className="muted" translate="no">
                        &lt;none&gt;
                      </span>{' '}
                      {row.isDangling ? (
                        <span className="badge warn" title={t(table.danglingTitle)}>
                          {t(table.dangling)}
                        </span>
                      ) : (
                        <span className="badge" title={row.image.repoDigests.join('\n')}>
                          {t(table.byDigest)}
                        </span>
                      )}
                    </>
                  )}
                </td>
                <td>
                  <code title={row.image.id}>{row.image.id.slice(7, 19)}</code>
                </td>
                <td title={format.dateTime(new Date(row.image.created * 1000).toISOString())}>
                  {formatAge(t, row.image.created, now)}
                </td>
                <td className="numeric">{format.size(row.image.size)}</td>
                <td>
                  <div className="row-actions">
                    <button
                      type="button"
                      className="button small"
                      aria-label={t(table.push, { name: row.name ?? row.image.id })}
                      onClick={() => onPush(row)}
                    >
                      {t(table.pushButton)}
                    </button>
                    {row.name && (
                      <button
                        type="button"
                        className="button small danger"
                        aria-label={t(table.removeTag, { name: row.name })}
                        onClick={() => onUntag(row)}
                      >
                        {t(table.removeTagButton)}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
