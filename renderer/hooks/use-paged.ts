import { useCallback, useEffect, useRef, useState } from 'react';
import type { OpenByName, Page } from '../../shared/contract/index.js';
import type { ErrorInfo } from '../../shared/errors.js';
import { errorInfo } from '../api.js';

export interface PagedList {
  items: string[];
  /** The first page is on its way. */
  isLoading: boolean;
  /** A later page is on its way. */
  isLoadingMore: boolean;
  hasMore: boolean;
  error?: ErrorInfo;
  openByName?: OpenByName;
  loadMore: () => void;
  reload: () => void;
}

/**
 * A listing fetched page by page with the contract's cursor. `key` identifies the listing (connection,
 * repository); a new key starts over and answers for an old key are dropped.
 */
export function usePaged(
  key: string | undefined,
  fetchPage: (cursor: string | undefined) => Promise<Page<string> | OpenByName>,
): PagedList {
  const [items, setItems] = useState<string[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [hasMore, setHasMore] = useState(false);
  const [busy, setBusy] = useState<'first' | 'more' | undefined>();
  const [error, setError] = useState<ErrorInfo>();
  const [openByName, setOpenByName] = useState<OpenByName>();
  const [generation, setGeneration] = useState(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const tokenRef = useRef(0);

  const run = useCallback((from: string | undefined, first: boolean) => {
    const token = ++tokenRef.current;
    setBusy(first ? 'first' : 'more');
    setError(undefined);
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

  useEffect(() => {
    setItems([]);
    setCursor(undefined);
    setHasMore(false);
    setOpenByName(undefined);
    if (key === undefined) {
      tokenRef.current++;
      setBusy(undefined);
      return;
    }
    run(undefined, true);
  }, [key, generation, run]);

  const loadMore = useCallback(() => {
    if (busy || !hasMore) return;
    run(cursor, false);
  }, [busy, hasMore, cursor, run]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  return {
    items,
    isLoading: busy === 'first',
    isLoadingMore: busy === 'more',
    hasMore,
    ...(error ? { error } : {}),
    ...(openByName ? { openByName } : {}),
    loadMore,
    reload,
  };
}
