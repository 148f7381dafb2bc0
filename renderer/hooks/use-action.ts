import { useCallback, useState } from 'react';
import type { ErrorInfo } from '../../shared/errors.js';
import { errorInfo } from '../api.js';

/**
 * One request at a time behind a button: `busy` while it runs, `running` says which (its label, for a
 * card with several buttons), and the error of the last attempt. `run` answers the request's value, or
 * undefined when it failed.
 */
export function useAction() {
  const [running, setRunning] = useState<string>();
  const [error, setError] = useState<ErrorInfo>();
  const run = useCallback(async <T>(label: string, action: () => Promise<T>): Promise<T | undefined> => {
    setRunning(label);
    setError(undefined);
    try {
      return await action();
    } catch (failure) {
      setError(errorInfo(failure));
      return undefined;
    } finally {
      setRunning(undefined);
    }
  }, []);
  const clearError = useCallback(() => setError(undefined), []);
  return { busy: running !== undefined, running, error, run, clearError };
}
