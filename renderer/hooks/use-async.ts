import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { ErrorInfo } from '../../shared/errors.js';
import { errorInfo } from '../api.js';

export type AsyncState<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; error: ErrorInfo }
  | { status: 'done'; value: T };

/**
 * Runs `load` whenever `key` changes (nothing when `key` is undefined); stale answers are dropped.
 * `reload` runs it again with the same key. `lastValue` is the last answer for any key: a view keeps
 * it on screen while the next load runs instead of flashing a spinner.
 */
export function useAsync<T>(
  key: string | undefined,
  load: () => Promise<T>,
): AsyncState<T> & { lastValue: T | undefined; reload: () => void } {
  const [generation, setGeneration] = useState(0);
  // One object per load asked for: a new key or a reload replaces it while rendering ("adjusting some
  // state when a prop changes", react.dev), and an answer counts only for the object it was asked by.
  const [asked, setAsked] = useState({ key, generation });
  if (asked.key !== key || asked.generation !== generation) setAsked({ key, generation });
  const [answer, setAnswer] = useState<{ to: typeof asked; state: AsyncState<T> }>();
  const [lastValue, setLastValue] = useState<T>();
  const loadLatest = useEffectEvent(() => load());
  useEffect(() => {
    if (asked.key === undefined) return;
    let current = true;
    loadLatest().then(
      (value) => {
        if (!current) return;
        setAnswer({ to: asked, state: { status: 'done', value } });
        setLastValue(value);
      },
      (error: unknown) =>
        current && setAnswer({ to: asked, state: { status: 'error', error: errorInfo(error) } }),
    );
    return () => {
      current = false;
    };
  }, [asked]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const state: AsyncState<T> =
    asked.key === undefined
      ? { status: 'idle' }
      : answer?.to === asked
        ? answer.state
        : { status: 'loading' };
  return { ...state, lastValue, reload };
}
