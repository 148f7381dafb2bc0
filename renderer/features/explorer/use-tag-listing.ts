import { useCallback, useEffect, useEffectEvent, useLayoutEffect, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { TagFactsView } from '../../../shared/vendor.js';
import { call, errorInfo } from '../../api.js';
import { sortTagPages, sortTags, type TagOrder } from '../../lib/semver.js';

/** How long one slice of sorting may hold the main thread before the browser gets it back. */
const SLICE_MS = 8;

export interface TagListing {
  /** In the chosen order: the first page alone until every page is in and sorted together. */
  tags: string[];
  /** Tags fetched so far. */
  count: number;
  /** The first page is on its way. */
  isLoading: boolean;
  /** Later pages are on their way, or the whole listing is being sorted. */
  isLoadingMore: boolean;
  error?: ErrorInfo;
  /** What the registry's own API said of each tag (push date, size), for registries that say. */
  facts: ReadonlyMap<string, TagFactsView>;
  /** The vendor whose API listed the tags (`Harbor`), when it was not the v2 API. */
  vendor?: string;
  /** Why the vendor's API did not list the tags (it refused this login): the v2 API did instead. */
  warning?: string;
  reload: () => void;
}

const NO_FACTS: ReadonlyMap<string, TagFactsView> = new Map();

/** Runs `steps` a few milliseconds per task until done; undefined when `isStale` says to stop. */
async function runInSlices<T>(steps: Generator<void, T>, isStale: () => boolean): Promise<T | undefined> {
  for (;;) {
    const start = performance.now();
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() - start > SLICE_MS) break;
    }
    await new Promise((resolve) => setTimeout(resolve));
    if (isStale()) return undefined;
  }
}

/**
 * Every tag of a repository, sorted. The host hands tags out in pages of 1000 (Distribution's whole
 * list too), so the first rows paint after one small page; the other pages follow by themselves (an
 * order needs all of them) and are then sorted together in short slices, so no task holds the window
 * for long. Changing `order` sorts again the same way.
 */
export function useTagListing(
  connection: string,
  repository: string,
  refresh: number,
  order: TagOrder,
): TagListing {
  const [pages, setPages] = useState<string[][]>([]);
  const [isComplete, setIsComplete] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const [warning, setWarning] = useState<string>();
  // A new object per page so React sees the change; the map itself only grows within one listing.
  const [known, setKnown] = useState<{ facts: ReadonlyMap<string, TagFactsView>; vendor?: string }>({
    facts: NO_FACTS,
  });
  const [sorted, setSorted] = useState<{ tags: string[]; order: TagOrder; pages: number }>({
    tags: [],
    order,
    pages: 0,
  });
  const [generation, setGeneration] = useState(0);
  // Another repository, a refresh or a reload starts over in the same render, not one render later
  // from an effect ("adjusting some state when a prop changes", react.dev).
  const [asked, setAsked] = useState({ connection, repository, refresh, generation });
  if (
    asked.connection !== connection ||
    asked.repository !== repository ||
    asked.refresh !== refresh ||
    asked.generation !== generation
  ) {
    setAsked({ connection, repository, refresh, generation });
    setPages([]);
    setIsComplete(false);
    setError(undefined);
    setWarning(undefined);
    setKnown({ facts: NO_FACTS });
    setSorted({ tags: [], order, pages: 0 });
  } else if (!isComplete && pages[0] && sorted.order !== order) {
    // A new order while pages still come: the first page shows in it at once.
    setSorted({ tags: sortTags(pages[0], order), order, pages: 1 });
  }
  // In the order chosen when the first page arrives, not the one when the listing started.
  const showFirstPage = useEffectEvent((tags: string[]) =>
    setSorted({ tags: sortTags(tags, order), order, pages: 1 }),
  );

  // A layout effect: the old listing's pages stop counting in the commit that shows the new one empty,
  // so none can land in between.
  useLayoutEffect(() => {
    let isStale = false;
    void (async () => {
      const fetched: string[][] = [];
      const facts = new Map<string, TagFactsView>();
      let cursor: string | undefined;
      try {
        do {
          const page = await call('registry.listTags', {
            connection,
            repository,
            pageSize: 1000,
            ...(cursor ? { cursor } : {}),
          });
          if (isStale) return;
          if (page.items.length) fetched.push(page.items);
          if (page.warning) setWarning(page.warning);
          if (page.facts) {
            for (const [tag, fact] of Object.entries(page.facts)) facts.set(tag, fact);
            setKnown({ facts, ...(page.vendor ? { vendor: page.vendor } : {}) });
          }
          cursor = page.cursor;
          setPages([...fetched]);
          // The first page shows at once, in order; the rest wait for the whole sort.
          if (fetched.length === 1 && page.items.length) showFirstPage(page.items);
        } while (cursor);
        setIsComplete(true);
      } catch (failure) {
        if (!isStale) setError(errorInfo(failure));
      }
    })();
    return () => {
      isStale = true;
    };
  }, [connection, repository, refresh, generation]);

  useEffect(() => {
    if (!isComplete || (sorted.order === order && sorted.pages === pages.length)) return;
    let isStale = false;
    void runInSlices(sortTagPages(pages, order), () => isStale).then((tags) => {
      if (tags) setSorted({ tags, order, pages: pages.length });
    });
    return () => {
      isStale = true;
    };
  }, [isComplete, pages, order, sorted]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const count = pages.reduce((sum, page) => sum + page.length, 0);
  const isSorted = isComplete && sorted.order === order && sorted.pages === pages.length;
  return {
    tags: sorted.tags,
    count,
    isLoading: !error && !pages.length && !isComplete,
    isLoadingMore: !error && pages.length > 0 && !isSorted,
    ...(error ? { error } : {}),
    facts: known.facts,
    ...(known.vendor ? { vendor: known.vendor } : {}),
    ...(warning ? { warning } : {}),
    reload,
  };
}
