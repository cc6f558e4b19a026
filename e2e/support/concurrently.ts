/**
 * Runs `task` on every item, each of `workers` (browser pages, say) taking the next item as soon as it is free:
 * a long loop of page loads one after another leaves a core idle whenever the file running beside it waits.
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
