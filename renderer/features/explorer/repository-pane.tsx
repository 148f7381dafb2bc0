import { useCallback, useMemo, useState } from 'react';
import type { OpenByName, Page } from '../../../shared/contract/index.js';
import { call } from '../../api.js';
import { Empty, ErrorView, Loading } from '../../components/error-view.js';
import { VirtualList } from '../../components/virtual-list.js';
import { usePaged } from '../../hooks/use-paged.js';
import { filterNames } from '../../lib/filter.js';
import { HubNamespace } from './hub-namespace.js';
import { focusListOnArrowDown } from './list-keys.js';

const HUB_LISTING: OpenByName = {
  state: 'open-by-name',
  message: 'Docker Hub does not list all of its repositories.',
  hint: 'List the public repositories of a namespace (a user or an organization), or open one by name.',
};

const REPOSITORY_NAME = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/** The repositories of one connection, or "open by name" where the registry does not list them. */
export function RepositoryPane({
  connection,
  isDockerHub,
  selected,
  onSelect,
  onDelete,
  onSync,
}: {
  connection: string;
  /** Docker Hub: a namespace's repositories come from Hub's own API. */
  isDockerHub: boolean;
  selected: string | undefined;
  onSelect: (repository: string) => void;
  onDelete: (repository: string) => void;
  /** Sync the whole repository to a saved connection. */
  onSync: (repository: string) => void;
}) {
  const fetchPage = useCallback(
    async (cursor: string | undefined): Promise<Page<string> | OpenByName> =>
      // Docker Hub's catalog is closed to everyone: asking would only cost a round trip.
      isDockerHub
        ? HUB_LISTING
        : call('registry.listRepositories', { connection, pageSize: 500, ...(cursor ? { cursor } : {}) }),
    [connection, isDockerHub],
  );
  const list = usePaged(connection, fetchPage);
  const [filter, setFilter] = useState('');
  const [byName, setByName] = useState('');
  const shown = useMemo(() => filterNames(list.items, filter), [list.items, filter]);
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
          if (isValidName) onSelect(byName.trim());
        }}
      >
        <label className="visually-hidden" htmlFor="open-repository">
          Open repository by name
        </label>
        <input
          id="open-repository"
          className="input"
          placeholder="Open by name: team/app"
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
              items={shown}
              selected={selected}
              onPick={onSelect}
              onNearEnd={list.hasMore ? list.loadMore : undefined}
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
          <button
            type="button"
            className="button small"
            aria-label={`Sync repository ${selected} to…`}
            title="Copy every tag to another registry or repository, as one job"
            onClick={() => onSync(selected)}
          >
            Sync to…
          </button>
          <button
            type="button"
            className="button small danger"
            aria-label={`Delete repository ${selected}…`}
            onClick={() => onDelete(selected)}
          >
            Delete…
          </button>
        </div>
      )}
    </section>
  );
}
