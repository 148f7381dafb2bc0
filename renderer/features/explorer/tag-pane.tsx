import { useMemo, useState } from 'react';
import { Empty, ErrorView, Loading } from '../../components/error-view.js';
import { VirtualList } from '../../components/virtual-list.js';
import { filterNames } from '../../lib/filter.js';
import type { TagOrder } from '../../lib/semver.js';
import { focusListOnArrowDown } from './list-keys.js';
import { useTagListing } from './use-tag-listing.js';

/** Tags copied together from a filter: each is a job of its own. */
const MAX_COPY_TAGS = 20;

/** The tags of a repository: filter, semver or name order, virtualized. */
export function TagPane({
  connection,
  repository,
  refresh,
  selected,
  onSelect,
  onCopyTags,
}: {
  connection: string;
  repository: string;
  /** A change lists the tags again (after a retag or a delete). */
  refresh: number;
  selected: string | undefined;
  onSelect: (tag: string) => void;
  /** Copy the tags the filter shows (the tag list's multi-selection is its filter). */
  onCopyTags: (tags: string[]) => void;
}) {
  const [filter, setFilter] = useState('');
  const [order, setOrder] = useState<TagOrder>('semver');
  const tags = useTagListing(connection, repository, refresh, order);
  // Filtering keeps the order: a keystroke over 100,000 tags is a linear scan, not a sort.
  const shown = useMemo(() => filterNames(tags.tags, filter), [tags.tags, filter]);

  return (
    <section className="pane tags" aria-label="Tags">
      <div className="pane-heading">
        <h2 title={repository}>Tags</h2>
        {!tags.isLoading && (
          <span className="count">
            {filter ? `${shown.length} of ` : ''}
            {tags.count}
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
      {tags.isLoading && <Loading label="Loading tags…" />}
      {tags.error && <ErrorView error={tags.error} onRetry={tags.reload} />}
      {!tags.isLoading && !tags.error && !tags.isLoadingMore && !tags.count && (
        <Empty>No tags in {repository}.</Empty>
      )}
      {!!tags.tags.length && !shown.length && <Empty>No tag matches “{filter}”.</Empty>}
      {!!shown.length && (
        <VirtualList label={`Tags of ${repository}`} items={shown} selected={selected} onPick={onSelect} />
      )}
      {tags.isLoadingMore && <Loading label="Loading more tags…" />}
      {filter.trim() && shown.length > 1 && (
        <button
          type="button"
          className="button small copy-tags"
          disabled={shown.length > MAX_COPY_TAGS}
          title={
            shown.length > MAX_COPY_TAGS ? `Narrow the filter to ${MAX_COPY_TAGS} tags or fewer` : undefined
          }
          onClick={() => onCopyTags(shown)}
        >
          Copy {shown.length} tags to…
        </button>
      )}
    </section>
  );
}
