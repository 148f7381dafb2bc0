import type { TagSummaryView } from '../../../shared/contract/registry.js';
import { describeMediaType, formatBytes, formatDate } from '../../lib/format.js';
import { dateOf, shortDigestParts, type TagRow } from './tag-rows.js';

/** Platform badges a row has room for; the rest are a `+N` whose tooltip names them. */
const MAX_BADGES = 2;

/**
 * A tag row's details under its name: the platforms as badges (an index's, or an image's one platform
 * when its config was read) with the date when known, then the short digest and the size shown today
 * (kept whole at the right; a narrow pane cuts the digest's tail instead). Until the summary arrives a
 * faint bar holds the place, so rows do not jump when it does.
 */
export function TagRowDetails({
  summary,
  row,
  siblings,
}: {
  summary: TagSummaryView | undefined;
  /** The row, once the summary is in. */
  row: TagRow | undefined;
  /** Other tags on the same digest, among those whose digests are known. */
  siblings: readonly string[] | undefined;
}) {
  if (!summary) return <span className="details-pending">loading details</span>;
  if (summary.state === 'error')
    return (
      <span className="details-error" title={summary.error.hint ?? summary.error.message}>
        {summary.error.code === 'NOT_FOUND' ? 'gone from the registry' : 'details could not be read'}
      </span>
    );
  if (!row) return null;
  const date = dateOf(row);
  const hidden = row.platforms.slice(MAX_BADGES);
  const short = shortDigestParts(row.digest);
  return (
    <>
      {(row.platforms.length > 0 || date) && (
        <span className="details-line">
          {row.platforms.slice(0, MAX_BADGES).map((platform, index) => (
            <span key={platform} className={index ? 'platform-badge second' : 'platform-badge'}>
              {platform}{' '}
            </span>
          ))}
          {/* A narrow pane has room for one badge: its "+N" counts the second one too (see the CSS). */}
          {row.platforms.length > 1 && (
            <span className="platform-more narrow" title={row.platforms.slice(1).join('\n')}>
              +{row.platforms.length - 1}{' '}
            </span>
          )}
          {hidden.length > 0 && (
            <span className="platform-more wide" title={hidden.join('\n')}>
              +{hidden.length}{' '}
            </span>
          )}
          {date && (
            <time
              className="details-date"
              dateTime={date}
              title={`${row.pushedAt ? 'Pushed' : 'Built'} ${date}`}
            >
              {formatDate(date).slice(0, 10)}
            </time>
          )}
        </span>
      )}
      <span className="details-line" title={[row.digest, describeMediaType(row.mediaType)].join('\n')}>
        <span className="short-digest">
          <span className="digest-algorithm">{short.algorithm}</span>
          {short.hex}
        </span>
        {row.size !== undefined && (
          <span className="details-size">
            <span className="visually-hidden"> · </span>
            {formatBytes(row.size)}
          </span>
        )}
      </span>
      {!!siblings?.length && <span className="visually-hidden">, same image as {siblings.join(', ')}</span>}
    </>
  );
}

/** The marker after a tag's name when other tags point at the same digest: `also latest`, `also 1.0 +2`. */
export function SiblingMarker({ tag, siblings }: { tag: string; siblings: readonly string[] | undefined }) {
  if (!siblings?.length) return tag;
  const named = siblings.slice(0, 10).join(', ');
  const more = siblings.length > 10 ? ` and ${siblings.length - 10} more` : '';
  return (
    <>
      <span className="tag-name">{tag}</span>
      {/* The first sibling's name may be cut; the count after it never is. */}
      <span
        className="sibling-marker"
        aria-hidden="true"
        title={`Same image as ${named}${more} (among the tags shown so far)`}
      >
        <span className="sibling-first">also {siblings[0]}</span>
        {siblings.length > 1 && <span className="sibling-more">+{siblings.length - 1}</span>}
      </span>
    </>
  );
}
