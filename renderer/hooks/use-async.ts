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
  const [state, setState] = useState<AsyncState<T>>(() => startState(key));
  const [lastValue, setLastValue] = useState<T>();
  // A new key or a reload shows as loading in the same render, not one render later from an effect
  // ("adjusting some state when a prop changes", react.dev).
  const [asked, setAsked] = useState({ key, generation });
  if (asked.key !== key || asked.generation !== generation) {
    setAsked({ key, generation });
    setState(startState(key));
  }
  const loadLatest = useEffectEvent(() => load());
  useEffect(() => {
    if (key === undefined) return;
    let current = true;
    loadLatest().then(
      (value) => {
        if (!current) return;
        setState({ status: 'done', value });
        setLastValue(value);
      },
      (error: unknown) => current && setState({ status: 'error', error: errorInfo(error) }),
    );
    return () => {
      current = false;
    };
  }, [key, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, lastValue, reload };
}

function startState<T>(key: string | undefined): AsyncState<T> {
  return key === undefined ? { status: 'idle' } : { status: 'loading' };
}
