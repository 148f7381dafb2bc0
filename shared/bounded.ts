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
