import { useCallback, useMemo, useState } from 'react';
import { MAX_CHOSEN_TAGS } from '../../../shared/jobs.js';
import { Empty, ErrorView, Loading } from '../../components/error-view.js';
import { chosenInView, EMPTY_SELECTION, selectOne, type Selection } from '../../components/list-selection.js';
import { VirtualList } from '../../components/virtual-list.js';
import { filterNames } from '../../lib/filter.js';
import type { TagOrder } from '../../lib/semver.js';
import { focusListOnArrowDown } from './list-keys.js';
import { splitReferrersTags } from './referrer-tags.js';
import { TagRowDetails } from './tag-row-details.js';
import './tag-pane.css';
import { useTagDetails } from './use-tag-details.js';
import { useTagListing } from './use-tag-listing.js';

/** Two lines a row: the name, and the details (digest, size or platforms) under it. */
const DETAILED_ROW_HEIGHT = 40;

/** The tags of a repository: filter, semver or name order, virtualized, several selectable at once. */
export function TagPane({
  connection,
  repository,
  refresh,
  selected,
  onSelect,
  onCopyTags,
  onDeleteTags,
}: {
  connection: string;
  repository: string;
  /** A change lists the tags again (after a retag or a delete). */
  refresh: number;
  selected: string | undefined;
  onSelect: (tag: string) => void;
  onCopyTags: (tags: string[]) => void;
  onDeleteTags: (tags: string[]) => void;
}) {
  const [filter, setFilter] = useState('');
  const [order, setOrder] = useState<TagOrder>('semver');
  const [showReferrers, setShowReferrers] = useState(false);
  const [selection, setSelection] = useState<Selection>(() =>
    selected ? selectOne(selected) : EMPTY_SELECTION,
  );
  const tags = useTagListing(connection, repository, refresh, order);
  const split = useMemo(() => splitReferrersTags(tags.tags), [tags.tags]);
  const listed = showReferrers ? tags.tags : split.images;
  // Filtering keeps the order: a keystroke over 100,000 tags is a linear scan, not a sort.
  const shown = useMemo(() => filterNames(listed, filter), [listed, filter]);
  const chosen = useMemo(() => chosenInView(selection, shown), [selection, shown]);
  const details = useTagDetails(connection, repository, refresh);
  const showDetails = useCallback((visible: readonly string[]) => details.show(visible), [details]);

  // The tag opened from elsewhere (a link, a retag) becomes the selection unless it already is in it.
  // Set while rendering when `selected` changes ("adjusting some state when a prop changes", react.dev).
  const [shownSelected, setShownSelected] = useState(selected);
  if (shownSelected !== selected) {
    setShownSelected(selected);
    if (selected) setSelection((current) => (current.chosen.has(selected) ? current : selectOne(selected)));
  }

  return (
    <section className="pane tags" aria-label="Tags">
      <div className="pane-heading">
        <h2 title={repository}>Tags</h2>
        {!tags.isLoading && (
          <span className="count">
            {filter ? `${shown.length} of ` : ''}
            {listed.length === tags.tags.length ? tags.count : listed.length}
            {tags.isLoadingMore ? '+' : ''}
          </span>
        )}
      </div>
      <div className="tag-tools">
        <input
          className="input filter"
          type="search"
          aria-label="Filter tags"
          placeholder="Filter tags"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          onKeyDown={focusListOnArrowDown}
        />
        <label className="visually-hidden" htmlFor="tag-order">
          Sort tags
        </label>
        <select
          id="tag-order"
          className="input select"
          value={order}
          onChange={(event) => setOrder(event.target.value as TagOrder)}
        >
          <option value="semver">Version</option>
          <option value="name">Name</option>
        </select>
      </div>
      {!!split.referrers.length && (
        <label className="check referrer-toggle">
          <input
            type="checkbox"
            checked={showReferrers}
            onChange={(event) => setShowReferrers(event.target.checked)}
          />
          Show referrer tags ({split.referrers.length})
        </label>
      )}
      {tags.isLoading && <Loading label="Loading tags…" />}
      {tags.error && <ErrorView error={tags.error} onRetry={tags.reload} />}
      {!tags.isLoading && !tags.error && !tags.isLoadingMore && !listed.length && (
        <Empty>{tags.count ? `Only referrer tags in ${repository}.` : `No tags in ${repository}.`}</Empty>
      )}
      {!!listed.length && !shown.length && <Empty>No tag matches “{filter}”.</Empty>}
      {!!shown.length && (
        <VirtualList
          label={`Tags of ${repository}`}
          items={shown}
          selected={selected}
          onPick={onSelect}
          multi={{ selection, onChange: setSelection }}
          describe={(tag) => <TagRowDetails summary={details.get(tag)} />}
          onVisibleChange={showDetails}
          rowHeight={DETAILED_ROW_HEIGHT}
        />
      )}
      {tags.isLoadingMore && <Loading label="Loading more tags…" />}
      {/* Opening a tag selects it; the bar is for a selection the user made beyond that. */}
      {(chosen.length > 1 || (chosen.length === 1 && chosen[0] !== selected)) && (
        <div className="selection-bar" role="toolbar" aria-label="Selected tags">
          <span className="selection-count" aria-live="polite">
            {chosen.length} selected
          </span>
          <button
            type="button"
            className="button ghost small"
            aria-label="Clear selection"
            title="Clear selection (Escape)"
            onClick={() => setSelection(EMPTY_SELECTION)}
          >
            ✕
          </button>
          <span className="selection-actions">
            <button
              type="button"
              className="button small"
              disabled={chosen.length > MAX_CHOSEN_TAGS}
              title={
                chosen.length > MAX_CHOSEN_TAGS
                  ? `One copy takes up to ${MAX_CHOSEN_TAGS} chosen tags, named in one request: to copy more, use Sync… on the repository, which copies every tag or those a pattern matches`
                  : undefined
              }
              onClick={() => onCopyTags(chosen)}
            >
              Copy selected to…
            </button>
            <button type="button" className="button small danger" onClick={() => onDeleteTags(chosen)}>
              Delete selected…
            </button>
          </span>
        </div>
      )}
    </section>
  );
}
