import type { TagSummaryView } from '../../../shared/contract/registry.js';
import { useFormat } from '../../i18n/format.js';
import { describeError } from '../../i18n/errors.js';
import { useT } from '../../i18n/index.js';
import { describeMediaType } from './media-types.js';
import { tags as words } from './messages.js';
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
  const t = useT();
  const format = useFormat();
  if (!summary) return <span className="details-pending">{t(words.loadingDetails)}</span>;
  if (summary.state === 'error') {
    const error = describeError(t, summary.error);
    return (
      <span className="details-error" title={error.hint ?? error.message}>
        {t(summary.error.code === 'NOT_FOUND' ? words.goneFromRegistry : words.detailsUnreadable)}
      </span>
    );
  }
  if (!row) return null;
  const date = dateOf(row);
  const hidden = row.platforms.slice(MAX_BADGES);
  const short = shortDigestParts(row.digest);
  return (
    <>
      {(row.platforms.length > 0 || date) && (
        <span className="details-line">
          {row.platforms.slice(0, MAX_BADGES).map((platform, index) => (
            <span
              key={platform}
              className={index ? 'platform-badge second' : 'platform-badge'}
              translate="no"
            >
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
              title={t(row.pushedAt ? words.pushedOn : words.builtOn, { date: format.dateTime(date) })}
            >
              {isoDay(date)}
            </time>
          )}
        </span>
      )}
      <span className="details-line" title={[row.digest, describeMediaType(t, row.mediaType)].join('\n')}>
        <span className="short-digest" translate="no">
          <span className="digest-algorithm">{short.algorithm}</span>
          {short.hex}
        </span>
        {row.size !== undefined && (
          <span className="details-size">
            <span className="visually-hidden"> · </span>
            {format.size(row.size)}
          </span>
        )}
      </span>
      {!!siblings?.length && (
        <span className="visually-hidden">{t(words.sameImageAs, { tags: format.list(siblings) })}</span>
      )}
    </>
  );
}

/** `2026-11-25`: the day of an ISO date in local time (digits only, the same in every language). */
function isoDay(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The marker after a tag's name when other tags point at the same digest: `also latest`, `also 1.0 +2`. */
export function SiblingMarker({ tag, siblings }: { tag: string; siblings: readonly string[] | undefined }) {
  const t = useT();
  const format = useFormat();
  if (!siblings?.length) return <span translate="no">{tag}</span>;
  const named = format.list(siblings.slice(0, 10));
  const title =
    siblings.length > 10
      ? t(words.siblingsTitleMore, { tags: named, more: siblings.length - 10 })
      : t(words.siblingsTitle, { tags: named });
  return (
    <>
      <span className="tag-name" translate="no">
        {tag}
      </span>
      {/* The first sibling's name may be cut; the count after it never is. */}
      <span className="sibling-marker" aria-hidden="true" title={title}>
        <span className="sibling-first">
          {t.rich(words.also, { tag: <span translate="no">{siblings[0]}</span> })}
        </span>
        {siblings.length > 1 && <span className="sibling-more">+{siblings.length - 1}</span>}
      </span>
    </>
  );
}
