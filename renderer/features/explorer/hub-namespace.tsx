import { useCallback, useState } from 'react';
import type { HubRepositoryView } from '../../../shared/contract/index.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { call, errorInfo } from '../../api.js';
import { Empty, ErrorView, Loading } from '../../components/error-view.js';
import { VirtualList } from '../../components/virtual-list.js';
import { useT } from '../../i18n/index.js';
import { repositories as words } from './messages.js';

const NAMESPACE = /^[a-z0-9][a-z0-9_-]{1,254}$/;

interface Listing {
  namespace: string;
  repositories: HubRepositoryView[];
  cursor?: string;
  isLoading: boolean;
  error?: ErrorInfo;
}

/**
 * Docker Hub lists no repositories through the registry API; its own API lists a namespace's (a user's
 * or an organization's) public repositories, a hundred at a time, and more load as the list scrolls.
 */
export function HubNamespace({
  connection,
  selected,
  onSelect,
}: {
  connection: string;
  selected: string | undefined;
  onSelect: (repository: string) => void;
}) {
  const t = useT();
  const [namespace, setNamespace] = useState('');
  const [listing, setListing] = useState<Listing>();
  const isValid = NAMESPACE.test(namespace.trim());

  const load = useCallback(
    async (name: string, cursor: string | undefined, before: HubRepositoryView[]) => {
      setListing({ namespace: name, repositories: before, cursor, isLoading: true });
      try {
        const page = await call('registry.hubRepositories', {
          connection,
          namespace: name,
          ...(cursor ? { cursor } : {}),
        });
        const repositories = [...before, ...page.items];
        const next = page.items.length ? page.cursor : undefined;
        setListing({ namespace: name, repositories, ...(next ? { cursor: next } : {}), isLoading: false });
      } catch (failure) {
        setListing({
          namespace: name,
          repositories: before,
          cursor,
          isLoading: false,
          error: errorInfo(failure),
        });
      }
    },
    [connection],
  );

  const names =
    listing?.repositories.map(
      (repository) => `${repository.namespace || listing.namespace}/${repository.name}`,
    ) ?? [];
  const more = listing && !listing.isLoading && !listing.error && listing.cursor ? listing : undefined;

  return (
    <div className="hub-namespace">
      <form
        className="open-by-name"
        onSubmit={(event) => {
          event.preventDefault();
          if (isValid) void load(namespace.trim(), undefined, []);
        }}
      >
        <label className="visually-hidden" htmlFor="hub-namespace">
          {t(words.hubNamespace)}
        </label>
        <input
          id="hub-namespace"
          className="input"
          placeholder={t(words.hubNamespacePlaceholder)}
          value={namespace}
          spellCheck={false}
          onChange={(event) => setNamespace(event.target.value)}
        />
        <button type="submit" className="button small" disabled={!isValid || listing?.isLoading}>
          {t(words.list)}
        </button>
      </form>
      {listing?.error && (
        <ErrorView
          error={listing.error}
          onRetry={() => void load(listing.namespace, listing.cursor, listing.repositories)}
          connection={connection}
        />
      )}
      {listing && !listing.isLoading && !listing.error && !names.length && (
        <Empty>{t(words.noPublicRepositories, { namespace: listing.namespace })}</Empty>
      )}
      {!!names.length && (
        <VirtualList
          label={t(words.repositoriesOf, { namespace: listing!.namespace })}
          items={names}
          selected={selected}
          onPick={onSelect}
          onNearEnd={more ? () => void load(more.namespace, more.cursor, more.repositories) : undefined}
        />
      )}
      {listing?.isLoading && <Loading label={t(words.listing, { namespace: listing.namespace })} />}
    </div>
  );
}
