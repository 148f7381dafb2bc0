import type { TagSummaryView } from '../../../shared/contract/registry.js';
import { manifestKind } from '../../../shared/media-types.js';
import { describeMediaType, formatBytes } from '../../lib/format.js';
import { describePlatforms, shortHex } from './tag-details.js';

/**
 * A tag row's second line: an image's size or an index's platforms, then the short digest (last, so a
 * narrow pane cuts the digest's tail rather than the size). Until the
 * summary arrives a faint bar holds the place, so rows do not jump when it does.
 */
export function TagRowDetails({ summary }: { summary: TagSummaryView | undefined }) {
  if (!summary) return <span className="details-pending">loading details</span>;
  if (summary.state === 'error')
    return (
      <span className="details-error" title={summary.error.hint ?? summary.error.message}>
        {summary.error.code === 'NOT_FOUND' ? 'gone from the registry' : summary.error.message}
      </span>
    );
  const isIndex = manifestKind(summary.mediaType) === 'index';
  const facts = [
    isIndex ? describePlatforms(summary.platforms ?? []) : undefined,
    summary.size === undefined ? undefined : formatBytes(summary.size),
    shortHex(summary.digest),
  ].filter(Boolean);
  const tooltip = [summary.digest, describeMediaType(summary.mediaType), ...(summary.platforms ?? [])].join(
    '\n',
  );
  return <span title={tooltip}>{facts.join(' · ')}</span>;
}
