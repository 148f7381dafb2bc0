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
  type NoDateSort,
  type TagRow,
} from './tag-rows.js';
import './tag-pane.css';
import { useTagDetails } from './use-tag-details.js';
import { useTagListing } from './use-tag-listing.js';
import { useT, type Message } from '../../i18n/index.js';
import { page, tags as words } from './messages.js';

/** Why the tags cannot be sorted by date, in words. */
const NO_DATE_SORT: Record<NoDateSort, Message> = {
  'no-tags': words.noDatesNoTags,
  partial: words.noDatesPartial,
  registry: words.noDatesRegistry,
};

/** The order of the tags: by version, by name, or newest first when every tag has a date. */
function SortSelect({
  value,
  noDateSort: code,
  onChange,
}: {
  value: SortChoice;
  noDateSort: NoDateSort | undefined;
  onChange: (choice: SortChoice) => void;
}) {
  const t = useT();
  const reason = code && t(NO_DATE_SORT[code]);
  return (
    <select
      id="tag-order"
      className="input select"
      value={value}
      title={reason ? t(words.sortUnavailable, { reason }) : undefined}
      onChange={(event) => onChange(event.target.value as SortChoice)}
    >
      <option value="semver">{t(words.sortVersion)}</option>
      <option value="name">{t(words.sortName)}</option>
      <option value="date" disabled={!!reason}>
        {reason ? t(words.sortNewestUnavailable, { reason }) : t(words.sortNewest)}
      </option>
    </select>
  );
}

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
  const t = useT();
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
  const noDateSortCode = dateSortUnavailable(byName, dateOfTag);
  const isByDate = choice === 'date' && !noDateSortCode;
  const listed = isByDate ? sortByDate(byName, dateOfTag) : byName;
  // Filtering keeps the order: a keystroke over 100,000 tags is a linear scan, not a sort.
  const shown = useMemo(() => filterNames(listed, filter), [listed, filter]);
  const chosen = useMemo(() => chosenInView(selection, shown), [selection, shown]);
  const shownCount = shown.length;
  const listedCount = listed.length === tags.tags.length ? tags.count : listed.length;
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
    <section className={isByDate ? 'pane tags by-date' : 'pane tags'} aria-label={t(words.tags)}>
      <div className="pane-heading">
        <h2 title={repository}>{t(words.tags)}</h2>
        {!tags.isLoading && !isMissing && (
          <span className="count">
            {filter ? t(page.filteredCount, { shown: shownCount, total: listedCount }) : listedCount}
            {tags.isLoadingMore ? '+' : ''}
          </span>
        )}
      </div>
      {!isMissing && (
        <div className="tag-tools">
          <input
            className="input filter"
            type="search"
            aria-label={t(words.filterTags)}
            placeholder={t(words.filterTags)}
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            onKeyDown={focusListOnArrowDown}
          />
          <label className="visually-hidden" htmlFor="tag-order">
            {t(words.sortTags)}
          </label>
          <SortSelect
            value={isByDate || choice !== 'date' ? choice : 'name'}
            noDateSort={noDateSortCode}
            onChange={setChoice}
          />
        </div>
      )}
      {!!split.referrers.length && (
        <label className="check referrer-toggle">
          <input
            type="checkbox"
            checked={showReferrers}
            onChange={(event) => setShowReferrers(event.target.checked)}
          />
          {t(words.showReferrerTags, { count: split.referrers.length })}
        </label>
      )}
      {tags.warning && (
        <p className="listing-source warning" role="status">
          {tags.warning}
        </p>
      )}
      {tags.isLoading && <Loading label={t(words.loadingTags)} />}
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
        <Empty>{t(tags.count ? words.onlyReferrerTags : words.noTags, { repository })}</Empty>
      )}
      {!!listed.length && !shown.length && <Empty>{t(words.noTagMatches, { filter })}</Empty>}
      {!!shown.length && (
        <VirtualList
          label={t(words.tagsOf, { repository })}
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
      {tags.isLoadingMore && <Loading label={t(words.loadingMoreTags)} />}
      {/* Opening a tag selects it; the bar is for a selection the user made beyond that. */}
      {(chosen.length > 1 || (chosen.length === 1 && chosen[0] !== selected)) && (
        <div className="selection-bar" role="toolbar" aria-label={t(words.selectedTags)}>
          <span className="selection-count" aria-live="polite">
            {t(words.selectedCount, { count: chosen.length })}
          </span>
          <button
            type="button"
            className="button ghost small"
            aria-label={t(words.clearSelection)}
            title={t(words.clearSelectionTitle)}
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
                chosen.length > MAX_CHOSEN_TAGS ? t(words.copyLimit, { max: MAX_CHOSEN_TAGS }) : undefined
              }
              onClick={() => onCopyTags(chosen)}
            >
              {t(words.copySelected)}
            </button>
            <button
              type="button"
              className="button small"
              disabled={chosen.length > MAX_CHOSEN_TAGS}
              title={
                chosen.length > MAX_CHOSEN_TAGS ? t(words.saveLimit, { max: MAX_CHOSEN_TAGS }) : undefined
              }
              onClick={() => onSaveTags(chosen)}
            >
              {t(words.saveSelected)}
            </button>
            <button type="button" className="button small danger" onClick={() => onDeleteTags(chosen)}>
              {t(words.deleteSelected)}
            </button>
          </span>
        </div>
      )}
    </section>
  );
}
