import { useCallback, useEffect, useMemo, useState } from 'react';
import { call } from '../../api.js';
import { Empty, ErrorView, Loading } from '../../components/error-view.js';
import { VirtualList } from '../../components/virtual-list.js';
import type { PagedList } from '../../hooks/use-paged.js';
import { usePaged } from '../../hooks/use-paged.js';
import { filterNames } from '../../lib/filter.js';
import { sortTags, topTags, type TagOrder } from '../../lib/semver.js';

export function useTags(connection: string, repository: string | undefined, refresh: number): PagedList {
  const fetchPage = useCallback(
    (cursor: string | undefined) =>
      call('registry.listTags', {
        connection,
        repository: repository!,
        pageSize: 1000,
        ...(cursor ? { cursor } : {}),
      }),
    [connection, repository],
  );
  return usePaged(repository ? `${connection}\n${repository}\n${refresh}` : undefined, fetchPage);
}

/** Past this many tags the whole order is worked out after the first rows are painted. */
const SORT_LATER = 5000;
const FIRST_ROWS = 200;

/**
 * The tags in `order`, sorted once per listing. Sorting 100,000 tags takes longer than the first paint may,
 * so a large listing shows its first rows (a one-pass selection) and sorts the rest after that frame.
 * A filter needs every tag in order, so it sorts at once.
 */
function useSortedTags(items: string[], order: TagOrder, filtering: boolean): string[] {
  const [later, setLater] = useState<{ items: string[]; order: TagOrder; sorted: string[] }>();
  const large = items.length > SORT_LATER;
  useEffect(() => {
    if (!large) return;
    // A task two frames on: the first rows are on screen before the main thread sorts the rest.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        timer = setTimeout(() => setLater({ items, order, sorted: sortTags(items, order) }));
      });
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [items, order, large]);
  return useMemo(() => {
    if (later?.items === items && later.order === order) return later.sorted;
    return large && !filtering ? topTags(items, order, FIRST_ROWS) : sortTags(items, order);
  }, [items, order, later, large, filtering]);
}

/** Tags copied together from a filter: each is a job of its own. */
const MAX_COPY_TAGS = 20;

/** The tags of a repository: filter, semver or name order, virtualized. */
export function TagPane({
  repository,
  tags,
  selected,
  onSelect,
  onCopyTags,
}: {
  repository: string;
  tags: PagedList;
  selected: string | undefined;
  onSelect: (tag: string) => void;
  /** Copy the tags the filter shows (the tag list's multi-selection is its filter). */
  onCopyTags: (tags: string[]) => void;
}) {
  const [filter, setFilter] = useState('');
  const [order, setOrder] = useState<TagOrder>('semver');
  const sorted = useSortedTags(tags.items, order, Boolean(filter.trim()));
  // Filtering keeps the order: a keystroke over 100,000 tags is a linear scan, not a sort.
  const shown = useMemo(() => filterNames(sorted, filter), [sorted, filter]);

  return (
    <section className="pane tags" aria-label="Tags">
      <div className="pane-heading">
        <h2 title={repository}>Tags</h2>
        {!tags.isLoading && (
          <span className="count">
            {filter ? `${shown.length} of ` : ''}
            {tags.items.length}
            {tags.hasMore ? '+' : ''}
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
      {tags.error && <ErrorView error={tags.error} onRetry={tags.hasMore ? tags.loadMore : tags.reload} />}
      {!tags.isLoading && !tags.error && !tags.items.length && <Empty>No tags in {repository}.</Empty>}
      {!!tags.items.length && !shown.length && <Empty>No tag matches “{filter}”.</Empty>}
      {!!shown.length && (
        <VirtualList
          label={`Tags of ${repository}`}
          items={shown}
          selected={selected}
          onPick={onSelect}
          onNearEnd={tags.hasMore ? tags.loadMore : undefined}
        />
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
