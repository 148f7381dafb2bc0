import { useCallback, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { errorInfo } from '../../api.js';

/** One button's request at a time: what is running, and the error of the last attempt. */
export function useAction() {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<ErrorInfo>();
  const run = useCallback(async <T>(label: string, action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(label);
    setError(undefined);
    try {
      return await action();
    } catch (failure) {
      setError(errorInfo(failure));
      return undefined;
    } finally {
      setBusy(undefined);
    }
  }, []);
  return { busy, error, run, clearError: () => setError(undefined) };
}
