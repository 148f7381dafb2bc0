import { useCallback, useMemo, useState } from 'react';
import type { OpenByName } from '../../../shared/contract/index.js';
import type { RepositoryFactsView } from '../../../shared/vendor.js';
import { call } from '../../api.js';
import { Empty, ErrorView, Loading } from '../../components/error-view.js';
import { MoreMenu } from '../../components/more-menu.js';
import { VirtualList } from '../../components/virtual-list.js';
import { usePaged, type FactPage } from '../../hooks/use-paged.js';
import { filterNames } from '../../lib/filter.js';
import { useT, type Translate } from '../../i18n/index.js';
import { useFormat } from '../../i18n/format.js';
import { useNavigation } from '../../navigation.js';
import { StarButton } from '../search/index.js';
import { HubNamespace } from './hub-namespace.js';
import { focusListOnArrowDown } from './list-keys.js';
import { page, repositories as words } from './messages.js';
import { parseCollapsed, repositoryTree, treeStep, type TreeRow } from './repository-tree.js';

/** Docker Hub's answer to "list the repositories" (the pane shows it in the interface language). */
const HUB_LISTING: OpenByName = {
  state: 'open-by-name',
  message: words.hubListing.defaultMessage,
  hint: words.hubListingHint.defaultMessage,
};

type Format = ReturnType<typeof useFormat>;

/** Where a connection's folded namespaces are kept between runs. */
const collapsedKey = (connection: string) => `berth.explorer.collapsed.${connection}`;

function readCollapsed(connection: string): Set<string> {
  try {
    return parseCollapsed(localStorage.getItem(collapsedKey(connection)));
  } catch {
    return new Set();
  }
}

function saveCollapsed(connection: string, collapsed: ReadonlySet<string>): void {
  try {
    localStorage.setItem(collapsedKey(connection), JSON.stringify([...collapsed]));
  } catch {
    // Storage refused (a private window): the folds last as long as the page.
  }
}

const REPOSITORY_NAME = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/** The repositories of one connection, or "open by name" where the registry does not list them. */
export function RepositoryPane({
  connection,
  isDockerHub,
  selected,
  tagCounts,
  canDeleteSelected,
  onSelect,
  onDelete,
  onSync,
  onLoad,
}: {
  connection: string;
  /** Docker Hub: a namespace's repositories come from Hub's own API. */
  isDockerHub: boolean;
  selected: string | undefined;
  /** Tags counted when a repository's tags were listed in this session (no request of its own). */
  tagCounts: ReadonlyMap<string, number>;
  /** False for a repository the registry said it does not have: there is nothing to delete. */
  canDeleteSelected: boolean;
  /** `isTyped`: the name came from the "Open by name" box, so a missing one can be corrected there. */
  onSelect: (repository: string, isTyped?: boolean) => void;
  onDelete: (repository: string) => void;
  /** Sync the whole repository to a saved connection. */
  onSync: (repository: string) => void;
  /** "Load from file…" into the selected repository. */
  onLoad: (repository: string) => void;
}) {
  const fetchPage = useCallback(
    async (cursor: string | undefined): Promise<FactPage | OpenByName> =>
      // Docker Hub's catalog is closed to everyone: asking would only cost a round trip.
      isDockerHub
        ? HUB_LISTING
        : call('registry.listRepositories', { connection, pageSize: 500, ...(cursor ? { cursor } : {}) }),
    [connection, isDockerHub],
  );
  const list = usePaged(connection, fetchPage);
  const navigation = useNavigation();
  const t = useT();
  const format = useFormat();
  const [filter, setFilter] = useState('');
  const [byName, setByName] = useState('');
  const shown = useMemo(() => filterNames(list.items, filter), [list.items, filter]);
  const [collapsed, setCollapsed] = useState(() => readCollapsed(connection));
  const isFiltering = !!filter.trim();
  const tree = useMemo(() => repositoryTree(shown, collapsed, isFiltering), [shown, collapsed, isFiltering]);
  const rows = useMemo(() => new Map(tree.map((row) => [row.item, row])), [tree]);
  const items = useMemo(() => tree.map((row) => row.item), [tree]);

  function toggleGroup(namespace: string) {
    // While a filter shows every matching group open, folding waits for the filter to be cleared.
    if (isFiltering) return;
    const next = new Set(collapsed);
    if (next.has(namespace)) next.delete(namespace);
    else next.add(namespace);
    setCollapsed(next);
    saveCollapsed(connection, next);
  }

  const isValidName = REPOSITORY_NAME.test(byName.trim());

  return (
    <section className="pane repositories" aria-label={t(words.repositories)}>
      <div className="pane-heading">
        <h2>{t(words.repositories)}</h2>
        {!list.isLoading && !list.openByName && (
          <span className="count">
            {filter
              ? t(page.filteredCount, { shown: shown.length, total: list.items.length })
              : list.items.length}
            {list.hasMore ? '+' : ''}
          </span>
        )}
      </div>
      <form
        className="open-by-name"
        onSubmit={(event) => {
          event.preventDefault();
          if (isValidName) onSelect(byName.trim(), true);
        }}
      >
        <label className="visually-hidden" htmlFor="open-repository">
          {t(words.openByNameLabel)}
        </label>
        <input
          id="open-repository"
          className="input"
          placeholder={t(words.openByNamePlaceholder)}
          value={byName}
          spellCheck={false}
          onChange={(event) => setByName(event.target.value)}
        />
        <button type="submit" className="button small" disabled={!isValidName}>
          {t(words.open)}
        </button>
      </form>
      {list.openByName ? (
        <>
          <div className="notice">
            <p>{isDockerHub ? t(words.hubListing) : list.openByName.message}</p>
            {isDockerHub ? (
              <p className="muted">{t(words.hubListingHint)}</p>
            ) : (
              list.openByName.hint && <p className="muted">{list.openByName.hint}</p>
            )}
          </div>
          {isDockerHub && <HubNamespace connection={connection} selected={selected} onSelect={onSelect} />}
        </>
      ) : (
        <>
          <input
            className="input filter"
            type="search"
            aria-label={t(words.filterRepositories)}
            placeholder={t(words.filterRepositories)}
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            onKeyDown={focusListOnArrowDown}
          />
          {list.warning ? (
            <p className="listing-source warning" role="status">
              {list.warning}
            </p>
          ) : (
            list.vendor && (
              <p className="listing-source muted">{t(words.listedBy, { vendor: list.vendor })}</p>
            )
          )}
          {list.isLoading && <Loading label={t(words.loadingRepositories)} />}
          {list.error && (
            <ErrorView
              error={list.error}
              onRetry={list.hasMore ? list.loadMore : list.reload}
              connection={connection}
            />
          )}
          {!list.isLoading && !list.error && !list.items.length && <Empty>{t(words.noRepositories)}</Empty>}
          {!!list.items.length && !shown.length && <Empty>{t(words.noRepositoryMatches, { filter })}</Empty>}
          {!!shown.length && (
            <VirtualList
              label={t(words.repositories)}
              items={items}
              selected={selected}
              onPick={(item) => {
                const row = rows.get(item);
                if (row?.kind === 'group') toggleGroup(row.namespace);
                else onSelect(item);
              }}
              onSideKey={(item, key) => {
                const step = treeStep(tree, item, key);
                if (step?.kind === 'toggle') toggleGroup(step.namespace);
                return step?.kind === 'move' ? step.item : undefined;
              }}
              onNearEnd={list.hasMore ? list.loadMore : undefined}
              look={(item) => lookOf(t, format, rows.get(item), tagCounts, isFiltering, list.facts.get(item))}
            />
          )}
          {list.isLoadingMore && <Loading label={t(words.loadingMore)} />}
        </>
      )}
      {selected && (
        <div className="repository-actions">
          <span className="selected-name" title={selected} translate="no">
            {selected}
          </span>
          <StarButton place={{ connection, repository: selected }} />
          {/* One row under the name however narrow the pane: the main action, the rest under More. */}
          <div className="toolbar" role="toolbar" aria-label={t(words.actionsOf, { name: selected })}>
            {canDeleteSelected && (
              <button
                type="button"
                className="button small"
                aria-label={t(words.syncRepositoryTo, { name: selected })}
                title={t(words.syncTitle)}
                onClick={() => onSync(selected)}
              >
                {t(words.syncTo)}
              </button>
            )}
            <MoreMenu
              label={t(words.moreActionsFor, { name: selected })}
              isSmall
              placement="above"
              actions={[
                {
                  label: t(page.storage),
                  ariaLabel: t(page.storageOf, { name: selected }),
                  title: t(words.repositoryStorageTitle),
                  onSelect: () => navigation.go({ page: 'storage', connection, repository: selected }),
                },
                {
                  label: t(page.loadFromFile),
                  ariaLabel: t(page.loadInto, { name: selected }),
                  title: t(words.loadIntoRepositoryTitle),
                  onSelect: () => onLoad(selected),
                },
                ...(canDeleteSelected
                  ? [
                      {
                        label: t(words.deleteRepositoryMenu),
                        ariaLabel: t(words.deleteRepositoryNamed, { name: selected }),
                        isDanger: true,
                        onSelect: () => onDelete(selected),
                      },
                    ]
                  : []),
              ]}
            />
          </div>
        </div>
      )}
    </section>
  );
}

/** A tree row as the list draws it: a group with its chevron and size, a leaf with its tag count. */
function lookOf(
  t: Translate,
  format: Format,
  row: TreeRow | undefined,
  tagCounts: ReadonlyMap<string, number>,
  isFiltering: boolean,
  facts: RepositoryFactsView | undefined,
) {
  if (!row) return { content: '' };
  if (row.kind === 'group')
    return {
      label: t(words.groupLabel, { name: row.item, count: row.count }),
      isExpanded: row.isExpanded,
      className: 'tree-group',
      content: (
        <>
          <span className="tree-chevron" aria-hidden="true">
            {row.isExpanded ? '▾' : '▸'}
          </span>
          <span className="tree-name" translate="no">
            {row.item}
          </span>
          <span className="tree-count" title={isFiltering ? t(words.groupCountTitle) : undefined}>
            {row.count}
          </span>
        </>
      ),
    };
  const count = tagCounts.get(row.item) ?? facts?.tagCount;
  const images = count === undefined ? facts?.artifactCount : undefined;
  return {
    label: row.item,
    className: `${row.depth ? 'tree-leaf nested' : 'tree-leaf'}${facts ? ' with-facts' : ''}`,
    content: (
      <>
        <span
          className="tree-name"
          title={facts ? describeFacts(t, format, row.item, facts) : row.item}
          translate="no"
        >
          {row.label}
        </span>
        {facts?.updatedAt && (
          <span className="tree-date" title={t(words.updated, { date: format.dateTime(facts.updatedAt) })}>
            {format.day(facts.updatedAt)}
          </span>
        )}
        {count !== undefined && (
          <span
            className="tree-count"
            title={tagCounts.has(row.item) ? t(words.tagCountListed) : t(words.tagCountRegistry)}
          >
            {t(words.tagCount, { count })}
          </span>
        )}
        {images !== undefined && (
          <span className="tree-count" title={t(words.imageCountTitle)}>
            {t(words.imageCount, { count: images })}
          </span>
        )}
      </>
    ),
  };
}

/** The tooltip of a repository the registry's own API described: name, description, counts. */
function describeFacts(t: Translate, format: Format, name: string, facts: RepositoryFactsView): string {
  return [
    name,
    facts.description,
    facts.updatedAt && t(words.updated, { date: format.dateTime(facts.updatedAt) }),
    facts.pullCount !== undefined && t(words.pulls, { count: facts.pullCount }),
    facts.starCount !== undefined && t(words.stars, { count: facts.starCount }),
    facts.isPrivate !== undefined && t(facts.isPrivate ? words.private : words.public),
  ]
    .filter(Boolean)
    .join('\n');
}
