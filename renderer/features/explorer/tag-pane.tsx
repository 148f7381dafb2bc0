import { useCallback, useEffect, useMemo, useState } from 'react';
import { MAX_CHOSEN_TAGS } from '../../../shared/jobs.js';
import { Empty, ErrorView, Loading } from '../../components/error-view.js';
import { chosenInView, EMPTY_SELECTION, selectOne, type Selection } from '../../components/list-selection.js';
import { VirtualList } from '../../components/virtual-list.js';
import { filterNames } from '../../lib/filter.js';
import type { TagOrder } from '../../lib/semver.js';
import { focusListOnArrowDown } from './list-keys.js';
import { splitReferrersTags } from './referrer-tags.js';
import { MissingRepository, isMissingRepository } from './missing-repository.js';
import { SiblingMarker, TagRowDetails } from './tag-row-details.js';
import {
  dateOf,
  dateSortUnavailable,
  siblingsByDigest,
  sortByDate,
  tagRowOf,
  type ImageFacts,
  type TagRow,
} from './tag-rows.js';
import './tag-pane.css';
import { useTagDetails } from './use-tag-details.js';
import { useTagListing } from './use-tag-listing.js';

/** Three lines a row: the name, the platforms (and date), then size and digest. */
const DETAILED_ROW_HEIGHT = 54;

type SortChoice = TagOrder | 'date';

/** What the tag pane learned about its repository: how many tags, or that the registry has no such one. */
export type ListingOutcome = { repository: string; count: number } | { repository: string; isMissing: true };

/** The tags of a repository: filter, semver or name order, virtualized, several selectable at once. */
export function TagPane({
  connection,
  repository,
  refresh,
  selected,
  onSelect,
  onCopyTags,
  onSaveTags,
  onDeleteTags,
  facts,
  isTypedName,
  onListed,
  onBack,
  onCorrectName,
}: {
  connection: string;
  repository: string;
  /** A change lists the tags again (after a retag or a delete). */
  refresh: number;
  selected: string | undefined;
  onSelect: (tag: string) => void;
  onCopyTags: (tags: string[]) => void;
  onSaveTags: (tags: string[]) => void;
  onDeleteTags: (tags: string[]) => void;
  /** Config facts (platform, date) by manifest digest, from images already inspected. */
  facts: ReadonlyMap<string, ImageFacts>;
  /** The repository was opened by a name typed in "Open by name". */
  isTypedName: boolean;
  onListed: (outcome: ListingOutcome) => void;
  /** Back to the repository list, nothing chosen. */
  onBack: () => void;
  /** Back to the "Open by name" box, to fix a typed name. */
  onCorrectName: () => void;
}) {
  const [filter, setFilter] = useState('');
  const [choice, setChoice] = useState<SortChoice>('semver');
  const order: TagOrder = choice === 'date' ? 'name' : choice;
  const [showReferrers, setShowReferrers] = useState(false);
  const [selection, setSelection] = useState<Selection>(() =>
    selected ? selectOne(selected) : EMPTY_SELECTION,
  );
  const tags = useTagListing(connection, repository, refresh, order);
  const split = useMemo(() => splitReferrersTags(tags.tags), [tags.tags]);
  const details = useTagDetails(connection, repository, refresh);
  const showDetails = useCallback((visible: readonly string[]) => details.show(visible), [details]);
  // Whatever rows are on screen, `latest` is asked for too, so they can be marked "also latest".
  const hasLatest = split.images.includes('latest');
  useEffect(() => details.pin(hasLatest ? ['latest'] : []), [details, hasLatest]);
  // Rows of the tags whose summaries are in (the rows seen so far): never the whole repository up front.
  const rows = new Map<string, TagRow>();
  for (const summary of details.summaries())
    if (summary.state === 'ok') rows.set(summary.tag, tagRowOf(summary, facts, tags.facts.get(summary.tag)));
  const siblings = siblingsByDigest([...rows.keys()], (tag) => rows.get(tag)?.digest);
  // A registry that says when each tag was pushed dates every row at once, before any is opened.
  const dateOfTag = (tag: string) => dateOf(rows.get(tag)) ?? tags.facts.get(tag)?.pushedAt;
  const byName = showReferrers ? tags.tags : split.images;
  const noDateSort = dateSortUnavailable(byName, dateOfTag);
  const isByDate = choice === 'date' && !noDateSort;
  const listed = isByDate ? sortByDate(byName, dateOfTag) : byName;
  // Filtering keeps the order: a keystroke over 100,000 tags is a linear scan, not a sort.
  const shown = useMemo(() => filterNames(listed, filter), [listed, filter]);
  const chosen = useMemo(() => chosenInView(selection, shown), [selection, shown]);
  const isMissing = !!tags.error && isMissingRepository(tags.error);
  const isListed = !tags.isLoading && !tags.isLoadingMore && !tags.error;
  const imageCount = split.images.length;
  useEffect(() => {
    if (isMissing) onListed({ repository, isMissing: true });
    // The tags a person sees: referrers' fallback tags (`sha256-…`) are not counted, as in the heading.
    else if (isListed) onListed({ repository, count: imageCount });
  }, [isMissing, isListed, repository, imageCount, onListed]);

  // The tag opened from elsewhere (a link, a retag) becomes the selection unless it already is in it.
  // Set while rendering when `selected` changes ("adjusting some state when a prop changes", react.dev).
  const [shownSelected, setShownSelected] = useState(selected);
  if (shownSelected !== selected) {
    setShownSelected(selected);
    if (selected) setSelection((current) => (current.chosen.has(selected) ? current : selectOne(selected)));
  }

  return (
    <section className={isByDate ? 'pane tags by-date' : 'pane tags'} aria-label="Tags">
      <div className="pane-heading">
        <h2 title={repository}>Tags</h2>
        {!tags.isLoading && !isMissing && (
          <span className="count">
            {filter ? `${shown.length} of ` : ''}
            {listed.length === tags.tags.length ? tags.count : listed.length}
            {tags.isLoadingMore ? '+' : ''}
          </span>
        )}
      </div>
      {!isMissing && (
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
            value={isByDate || choice !== 'date' ? choice : 'name'}
            title={noDateSort ? `Sorting by date is unavailable: ${noDateSort}.` : undefined}
            onChange={(event) => setChoice(event.target.value as SortChoice)}
          >
            <option value="semver">Version</option>
            <option value="name">Name</option>
            <option value="date" disabled={!!noDateSort}>
              {noDateSort ? `Newest first — unavailable: ${noDateSort}` : 'Newest first'}
            </option>
          </select>
        </div>
      )}
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
      {tags.warning && (
        <p className="listing-source warning" role="status">
          {tags.warning}
        </p>
      )}
      {tags.isLoading && <Loading label="Loading tags…" />}
      {tags.error &&
        (isMissing ? (
          <MissingRepository
            repository={repository}
            connection={connection}
            isTypedName={isTypedName}
            onBack={onBack}
            onCorrectName={onCorrectName}
          />
        ) : (
          <ErrorView error={tags.error} onRetry={tags.reload} connection={connection} />
        ))}
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
          describe={(tag) => (
            <TagRowDetails summary={details.get(tag)} row={rows.get(tag)} siblings={siblings.get(tag)} />
          )}
          look={(tag) => ({ content: <SiblingMarker tag={tag} siblings={siblings.get(tag)} /> })}
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
            <button
              type="button"
              className="button small"
              disabled={chosen.length > MAX_CHOSEN_TAGS}
              title={
                chosen.length > MAX_CHOSEN_TAGS
                  ? `One save takes up to ${MAX_CHOSEN_TAGS} chosen tags`
                  : undefined
              }
              onClick={() => onSaveTags(chosen)}
            >
              Save selected to file…
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
