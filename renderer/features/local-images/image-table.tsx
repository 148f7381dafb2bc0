import type { LocalImage } from '../../../shared/docker.js';
import { Empty } from '../../components/error-view.js';
import { useNow } from '../../hooks/use-now.js';
import { formatBytes, formatDate } from '../../lib/format.js';
import { filterRows, formatAge, imageRows, type ImageRow } from './image-rows.js';

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
  const rows = imageRows(images);
  const shown = filterRows(rows, filter);
  if (!rows.length) return <Empty>This engine has no images yet. Pull one from a saved registry.</Empty>;
  return (
    <>
      <p className="muted small" aria-live="polite">
        {shown.length === rows.length
          ? `${rows.length} ${rows.length === 1 ? 'name' : 'names'} on ${images.length} ${images.length === 1 ? 'image' : 'images'}`
          : `${shown.length} of ${rows.length} names match`}
      </p>
      {shown.length === 0 ? (
        <Empty>No local image matches “{filter}”.</Empty>
      ) : (
        <table className="table local-images">
          <caption className="visually-hidden">Local images</caption>
          <thead>
            <tr>
              <th scope="col">Repository</th>
              <th scope="col">Tag</th>
              <th scope="col">Image ID</th>
              <th scope="col">Created</th>
              <th scope="col" className="numeric">
                Size
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.key} aria-label={row.name ?? `${row.repository ?? 'dangling'} ${row.image.id}`}>
                <td className="break">{row.repository ?? <span className="muted">&lt;none&gt;</span>}</td>
                <td>
                  {row.tag ?? (
                    <>
                      <span className="muted">&lt;none&gt;</span>{' '}
                      {row.isDangling ? (
                        <span className="badge warn" title="No tag and no digest name: nothing refers to it">
                          dangling
                        </span>
                      ) : (
                        <span className="badge" title={row.image.repoDigests.join('\n')}>
                          by digest
                        </span>
                      )}
                    </>
                  )}
                </td>
                <td>
                  <code title={row.image.id}>{row.image.id.slice(7, 19)}</code>
                </td>
                <td title={formatDate(new Date(row.image.created * 1000).toISOString())}>
                  {formatAge(row.image.created, now)}
                </td>
                <td className="numeric">{formatBytes(row.image.size)}</td>
                <td>
                  <div className="row-actions">
                    <button
                      type="button"
                      className="button small"
                      aria-label={`Push ${row.name ?? row.image.id}`}
                      onClick={() => onPush(row)}
                    >
                      Push…
                    </button>
                    {row.name && (
                      <button
                        type="button"
                        className="button small danger"
                        aria-label={`Remove tag ${row.name}`}
                        onClick={() => onUntag(row)}
                      >
                        Remove tag…
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
