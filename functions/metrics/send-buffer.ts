import type { EventMessage } from './event.ts';

// Queue batches hold at most 100 messages; a short wait collects the events of concurrent requests.
const MAX_MESSAGES = 100;
const WAIT_MS = 50;

let open: EventMessage[] | undefined;

/**
 * Queues an event without waiting for the queue: the events of concurrent requests in this isolate go out
 * together in one `sendBatch` (at most 100, 50 ms after the first), which costs far less than one `send`
 * each. The request that opens a batch sends it, kept alive by `waitUntil` on its own timer; the others
 * only add plain data to it (a request must not wait on another request's promises: workerd cancels
 * such waits).
 */
export function queueEvent(
  queue: Queue<EventMessage>,
  message: EventMessage,
  waitUntil: (promise: Promise<unknown>) => void,
): void {
  if (open && open.length < MAX_MESSAGES) {
    open.push(message);
    return;
  }
  const batch = [message];
  open = batch;
  waitUntil(
    new Promise((resolve) => setTimeout(resolve, WAIT_MS)).then(async () => {
      if (open === batch) open = undefined;
      try {
        await queue.sendBatch(batch.map((body) => ({ body })));
      } catch (error) {
        // The browsers already have their 202 (a beacon never retries): say what was lost.
        console.error(`could not queue ${batch.length} events`, error);
      }
    }),
  );
}
