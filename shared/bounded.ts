/**
 * Runs `work` on every item, at most `limit` at a time, taking items in list order; `work` gets the item
 * and its index. A `work` that throws stops its worker and rejects the whole run (after the others finish
 * their current item); `work` that must not stop the rest catches and records its own failure.
 */
export async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * `work`, or the error `late()` makes once `deadlineMs` has passed. At the deadline `work`'s signal is
 * aborted too (and whenever `outer` is), so a server that trickles its answer a byte at a time does not
 * keep the work running, holding a socket, after the caller moved on. The work's own failure after the
 * deadline (the abort) is nobody's to see.
 */
export async function withinDeadline<T>(
  deadlineMs: number,
  work: (signal: AbortSignal) => Promise<T>,
  late: () => Error,
  outer?: AbortSignal,
): Promise<T> {
  const abort = new AbortController();
  const signal = outer ? AbortSignal.any([outer, abort.signal]) : abort.signal;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(late());
      abort.abort();
    }, deadlineMs);
  });
  const working = work(signal);
  working.catch(() => undefined);
  try {
    return await Promise.race([working, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
