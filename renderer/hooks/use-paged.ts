import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { OpenByName, Page } from '../../shared/contract/index.js';
import type { ErrorInfo } from '../../shared/errors.js';
import type { RepositoryFactsView } from '../../shared/vendor.js';
import { errorInfo } from '../api.js';

/** A page of names, with what a registry kind's own API said of them (Harbor, Quay…). */
export type FactPage = Page<string> & {
  facts?: Record<string, RepositoryFactsView>;
  vendor?: string;
  warning?: string;
};

const NO_FACTS: ReadonlyMap<string, RepositoryFactsView> = new Map();

export interface PagedList {
  items: string[];
  /** What the registry's own API said of each name, beside the names; empty for the v2 API. */
  facts: ReadonlyMap<string, RepositoryFactsView>;
  /** The first page is on its way. */
  isLoading: boolean;
  /** A later page is on its way. */
  isLoadingMore: boolean;
  hasMore: boolean;
  error?: ErrorInfo;
  openByName?: OpenByName;
  /** Whose API listed the names (`Harbor`), when it was not the v2 API. */
  vendor?: string;
  /** Why the kind's own API did not list them (it refused this login): the v2 API did instead. */
  warning?: string;
  loadMore: () => void;
  reload: () => void;
}

/**
 * A listing fetched page by page with the contract's cursor. `key` identifies the listing (connection,
 * repository); a new key starts over and answers for an old key are dropped.
 */
export function usePaged(
  key: string | undefined,
  fetchPage: (cursor: string | undefined) => Promise<FactPage | OpenByName>,
): PagedList {
  const [items, setItems] = useState<string[]>([]);
  const [facts, setFacts] = useState<ReadonlyMap<string, RepositoryFactsView>>(NO_FACTS);
  const [cursor, setCursor] = useState<string | undefined>();
  const [hasMore, setHasMore] = useState(false);
  const [busy, setBusy] = useState<'first' | 'more' | undefined>(key === undefined ? undefined : 'first');
  const [error, setError] = useState<ErrorInfo>();
  const [openByName, setOpenByName] = useState<OpenByName>();
  const [source, setSource] = useState<{ vendor?: string; warning?: string }>({});
  const [generation, setGeneration] = useState(0);
  // The latest fetchPage, for the fetches effects and handlers start; written once the render commits.
  const fetchRef = useRef(fetchPage);
  useLayoutEffect(() => {
    fetchRef.current = fetchPage;
  });
  const tokenRef = useRef(0);

  // A new key or a reload starts over in the same render, not one render later from an effect
  // ("adjusting some state when a prop changes", react.dev); the effect below fetches the first page.
  const [asked, setAsked] = useState({ key, generation });
  if (asked.key !== key || asked.generation !== generation) {
    setAsked({ key, generation });
    setItems([]);
    setFacts(NO_FACTS);
    setCursor(undefined);
    setHasMore(false);
    setOpenByName(undefined);
    setSource({});
    setBusy(key === undefined ? undefined : 'first');
    if (key !== undefined) setError(undefined);
  }

  /** Fetches the page at `from`; the caller has said what is busy. */
  const run = useCallback((from: string | undefined, first: boolean) => {
    const token = ++tokenRef.current;
    fetchRef.current(from).then(
      (page) => {
        if (token !== tokenRef.current) return;
        setBusy(undefined);
        if (page.state === 'open-by-name') {
          setOpenByName(page);
          setHasMore(false);
          return;
        }
        // An empty last page keeps the same array: a new one would re-sort 100,000 tags for nothing.
        setItems((previous) =>
          first ? page.items : page.items.length ? [...previous, ...page.items] : previous,
        );
        const pageFacts = page.facts ? Object.entries(page.facts) : [];
        if (first || pageFacts.length)
          setFacts((previous) =>
            pageFacts.length ? new Map([...(first ? [] : previous), ...pageFacts]) : NO_FACTS,
          );
        if (first)
          setSource({
            ...(page.vendor ? { vendor: page.vendor } : {}),
            ...(page.warning ? { warning: page.warning } : {}),
          });
        setCursor(page.cursor);
        setHasMore(Boolean(page.cursor));
      },
      (failure: unknown) => {
        if (token !== tokenRef.current) return;
        setBusy(undefined);
        setError(errorInfo(failure));
      },
    );
  }, []);

  // A layout effect: the old key's answers stop counting in the commit that shows the new key empty,
  // so none can land in between.
  useLayoutEffect(() => {
    if (key === undefined) tokenRef.current++;
    else run(undefined, true);
  }, [key, generation, run]);

  const loadMore = useCallback(() => {
    if (busy || !hasMore) return;
    setBusy('more');
    setError(undefined);
    run(cursor, false);
  }, [busy, hasMore, cursor, run]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  return {
    items,
    facts,
    isLoading: busy === 'first',
    isLoadingMore: busy === 'more',
    hasMore,
    ...(error ? { error } : {}),
    ...(openByName ? { openByName } : {}),
    ...source,
    loadMore,
    reload,
  };
}
