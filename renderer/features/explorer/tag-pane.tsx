import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { call } from '../../api.js';
import { Empty, ErrorView, Loading } from '../../components/error-view.js';
import { VirtualList } from '../../components/virtual-list.js';
import type { PagedList } from '../../hooks/use-paged.js';
import { usePaged } from '../../hooks/use-paged.js';
import { filterNames } from '../../lib/filter.js';
import { focusListOnArrowDown } from './list-keys.js';
import { SortedTags, type TagOrder } from '../../lib/semver.js';

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

/**
 * The tags in `order`. The host hands a listing out in pages of 1000 (Distribution's whole tag list
 * too), and each page is sorted on its own and merged into what came before, so the first rows paint
 * after one small page and no later page costs a sort of everything.
 */
function useSortedTags(items: string[], order: TagOrder): string[] {
  const state = useRef<{ sorted: SortedTags; source: string[] }>(undefined);
  return useMemo(() => {
    const last = state.current;
    // The paged list only ever appends (a new listing starts from an empty one).
    const seen = last?.source.length ?? 0;
    const continues =
      last &&
      last.sorted.order === order &&
      items.length >= seen &&
      items[seen - 1] === last.source[seen - 1];
    const current = continues ? last : { sorted: new SortedTags(order), source: [] };
    if (items.length > current.source.length) current.sorted.add(items.slice(current.source.length));
    current.source = items;
    state.current = current;
    return current.sorted.tags;
  }, [items, order]);
}

/** The tags of a repository: filter, semver or name order, virtualized. */
export function TagPane({
  repository,
  tags,
  selected,
  onSelect,
}: {
  repository: string;
  tags: PagedList;
  selected: string | undefined;
  onSelect: (tag: string) => void;
}) {
  const [filter, setFilter] = useState('');
  const [order, setOrder] = useState<TagOrder>('semver');
  const sorted = useSortedTags(tags.items, order);
  // Every tag is needed for the order, so the pages keep coming without waiting for a scroll.
  const { hasMore, isLoading, isLoadingMore, error, loadMore } = tags;
  useEffect(() => {
    if (hasMore && !isLoading && !isLoadingMore && !error) loadMore();
  }, [hasMore, isLoading, isLoadingMore, error, loadMore]);
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
    </section>
  );
}
