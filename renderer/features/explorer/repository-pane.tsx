import { useCallback, useMemo, useState } from 'react';
import type { OpenByName } from '../../../shared/contract/index.js';
import type { RepositoryFactsView } from '../../../shared/vendor.js';
import { call } from '../../api.js';
import { Empty, ErrorView, Loading } from '../../components/error-view.js';
import { MoreMenu } from '../../components/more-menu.js';
import { VirtualList } from '../../components/virtual-list.js';
import { usePaged, type FactPage } from '../../hooks/use-paged.js';
import { filterNames } from '../../lib/filter.js';
import { formatDate, formatDay } from '../../lib/format.js';
import { useNavigation } from '../../navigation.js';
import { StarButton } from '../search/index.js';
import { HubNamespace } from './hub-namespace.js';
import { focusListOnArrowDown } from './list-keys.js';
import { parseCollapsed, repositoryTree, treeStep, type TreeRow } from './repository-tree.js';

const HUB_LISTING: OpenByName = {
  state: 'open-by-name',
  message: 'Docker Hub does not list all of its repositories.',
  hint: 'List the public repositories of a namespace (a user or an organization), or open one by name.',
};

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
    <section className="pane repositories" aria-label="Repositories">
      <div className="pane-heading">
        <h2>Repositories</h2>
        {!list.isLoading && !list.openByName && (
          <span className="count">
            {filter ? `${shown.length} of ` : ''}
            {list.items.length}
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
          Open repository by name
        </label>
        <input
          id="open-repository"
          className="input"
          placeholder="Open: team/app"
          value={byName}
          spellCheck={false}
          onChange={(event) => setByName(event.target.value)}
        />
        <button type="submit" className="button small" disabled={!isValidName}>
          Open
        </button>
      </form>
      {list.openByName ? (
        <>
          <div className="notice">
            <p>{list.openByName.message}</p>
            {list.openByName.hint && <p className="muted">{list.openByName.hint}</p>}
          </div>
          {isDockerHub && <HubNamespace connection={connection} selected={selected} onSelect={onSelect} />}
        </>
      ) : (
        <>
          <input
            className="input filter"
            type="search"
            aria-label="Filter repositories"
            placeholder="Filter repositories"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            onKeyDown={focusListOnArrowDown}
          />
          {list.warning ? (
            <p className="listing-source warning" role="status">
              {list.warning}
            </p>
          ) : (
            list.vendor && <p className="listing-source muted">Listed by the {list.vendor} API</p>
          )}
          {list.isLoading && <Loading label="Loading repositories…" />}
          {list.error && (
            <ErrorView
              error={list.error}
              onRetry={list.hasMore ? list.loadMore : list.reload}
              connection={connection}
            />
          )}
          {!list.isLoading && !list.error && !list.items.length && (
            <Empty>This registry has no repositories.</Empty>
          )}
          {!!list.items.length && !shown.length && <Empty>No repository matches “{filter}”.</Empty>}
          {!!shown.length && (
            <VirtualList
              label="Repositories"
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
              look={(item) => lookOf(rows.get(item), tagCounts, isFiltering, list.facts.get(item))}
            />
          )}
          {list.isLoadingMore && <Loading label="Loading more…" />}
        </>
      )}
      {selected && (
        <div className="repository-actions">
          <span className="selected-name" title={selected}>
            {selected}
          </span>
          <StarButton place={{ connection, repository: selected }} />
          {/* One row under the name however narrow the pane: the main action, the rest under More. */}
          <div className="toolbar" role="toolbar" aria-label={`Actions of ${selected}`}>
            {canDeleteSelected && (
              <button
                type="button"
                className="button small"
                aria-label={`Sync repository ${selected} to…`}
                title="Copy every tag to another registry or repository, as one job"
                onClick={() => onSync(selected)}
              >
                Sync to…
              </button>
            )}
            <MoreMenu
              label={`More actions for ${selected}`}
              isSmall
              placement="above"
              actions={[
                {
                  label: 'Storage…',
                  ariaLabel: `Storage of ${selected}`,
                  title: "Where this repository's bytes are: its tags by size, what it shares with others",
                  onSelect: () => navigation.go({ page: 'storage', connection, repository: selected }),
                },
                {
                  label: 'Load from file…',
                  ariaLabel: `Load an image archive into ${selected}…`,
                  title: 'Push the images of a docker save or OCI archive into this repository',
                  onSelect: () => onLoad(selected),
                },
                ...(canDeleteSelected
                  ? [
                      {
                        label: 'Delete repository…',
                        ariaLabel: `Delete repository ${selected}…`,
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
  row: TreeRow | undefined,
  tagCounts: ReadonlyMap<string, number>,
  isFiltering: boolean,
  facts: RepositoryFactsView | undefined,
) {
  if (!row) return { content: '' };
  if (row.kind === 'group')
    return {
      label: `${row.item} (${row.count} repositories)`,
      isExpanded: row.isExpanded,
      className: 'tree-group',
      content: (
        <>
          <span className="tree-chevron" aria-hidden="true">
            {row.isExpanded ? '▾' : '▸'}
          </span>
          <span className="tree-name">{row.item}</span>
          <span className="tree-count" title={isFiltering ? 'Repositories that match the filter' : undefined}>
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
        <span className="tree-name" title={facts ? describeFacts(row.item, facts) : row.item}>
          {row.label}
        </span>
        {facts?.updatedAt && (
          <span className="tree-date" title={`Updated ${formatDate(facts.updatedAt)}`}>
            {formatDay(facts.updatedAt)}
          </span>
        )}
        {count !== undefined && (
          <span
            className="tree-count"
            title={
              tagCounts.has(row.item)
                ? 'Counted when its tags were last listed'
                : 'Tags, as the registry counts them'
            }
          >
            {count} {count === 1 ? 'tag' : 'tags'}
          </span>
        )}
        {images !== undefined && (
          <span className="tree-count" title="Images in it, tagged or not, as the registry counts them">
            {images} {images === 1 ? 'image' : 'images'}
          </span>
        )}
      </>
    ),
  };
}

/** The tooltip of a repository the registry's own API described: name, description, counts. */
function describeFacts(name: string, facts: RepositoryFactsView): string {
  return [
    name,
    facts.description,
    facts.updatedAt && `Updated ${formatDate(facts.updatedAt)}`,
    facts.pullCount !== undefined && `${facts.pullCount.toLocaleString('en-US')} pulls`,
    facts.starCount !== undefined && `${facts.starCount.toLocaleString('en-US')} stars`,
    facts.isPrivate !== undefined && (facts.isPrivate ? 'Private' : 'Public'),
  ]
    .filter(Boolean)
    .join('\n');
}
