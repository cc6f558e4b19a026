/**
 * Runs `task` on every item, each of `workers` (browser pages, say) taking the next item as soon as it is free:
 * the e2e files run one at a time, so a long loop of page loads leaves the second core idle unless it does this.
 */
export async function eachConcurrently<W, T>(
  workers: W[],
  items: readonly T[],
  task: (worker: W, item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    workers.map(async (worker) => {
      while (next < items.length) await task(worker, items[next++] as T);
    }),
  );
}
