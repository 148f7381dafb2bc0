import { useEffect, useMemo, useState } from 'react';
import { call, errorInfo } from '../../api.js';
import { TagDetailsLoader } from './tag-details.js';

/**
 * The lazy tag-row details of one repository: a loader that lives until the repository changes or the
 * pane refreshes (a retag or delete may have moved tags), and a re-render whenever a batch answers.
 */
export function useTagDetails(connection: string, repository: string, refresh: number): TagDetailsLoader {
  const loader = useMemo(
    () =>
      new TagDetailsLoader({
        fetch: (tags) =>
          call('registry.tagSummary', { connection, repository, tags }).then(
            (answer) => answer.summaries,
            (error: unknown) => Promise.reject(errorInfo(error)),
          ),
      }),
    // `refresh` is in the key on purpose: a refresh starts with an empty cache.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a key the factory does not read
    [connection, repository, refresh],
  );
  const [, setVersion] = useState(0);
  useEffect(() => {
    const unsubscribe = loader.subscribe(() => setVersion((version) => version + 1));
    return () => {
      unsubscribe();
      loader.dispose();
    };
  }, [loader]);
  return loader;
}
