import { useEffect, useState } from 'react';

/**
 * The time in milliseconds, read again every `intervalMs`: a view that shows ages reads it instead of
 * calling Date.now() while rendering, so a render stays pure and the ages still move on.
 */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
