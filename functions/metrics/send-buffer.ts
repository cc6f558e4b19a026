import type { EventMessage } from '../env.ts';

// Queue batches hold at most 100 messages; a short wait collects the events of concurrent requests.
const MAX_MESSAGES = 100;
const WAIT_MS = 50;

interface Pending {
  messages: EventMessage[];
  sent: Promise<void>;
  flushNow: () => void;
}

let pending: Pending | undefined;

async function flush(queue: Queue<EventMessage>, batch: Pending): Promise<void> {
  if (pending === batch) pending = undefined;
  try {
    await queue.sendBatch(batch.messages.map((body) => ({ body })));
  } catch (error) {
    // The browsers already have their 202 (a beacon never retries): log what was lost.
    console.error(`could not queue ${batch.messages.length} events`, error);
  }
}

/**
 * Queues an event without waiting for the queue: events of concurrent requests in this isolate go out
 * together in one `sendBatch` (at most 100, after at most 50 ms), which costs the endpoint far less than
 * one `send` each. `waitUntil` keeps every request that added an event alive until its batch is sent.
 */
export function queueEvent(
  queue: Queue<EventMessage>,
  message: EventMessage,
  waitUntil: (promise: Promise<unknown>) => void,
): void {
  if (!pending) {
    let flushNow = () => {};
    const batch: Pending = { messages: [], sent: Promise.resolve(), flushNow: () => flushNow() };
    batch.sent = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, WAIT_MS);
      flushNow = () => {
        clearTimeout(timer);
        resolve();
      };
    }).then(() => flush(queue, batch));
    pending = batch;
  }
  const batch = pending;
  batch.messages.push(message);
  waitUntil(batch.sent);
  if (batch.messages.length >= MAX_MESSAGES) {
    pending = undefined;
    batch.flushNow();
  }
}
