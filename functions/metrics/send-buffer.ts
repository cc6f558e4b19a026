import { type EventMessage, MAX_PACKED_EVENTS, type PackedEvents } from './event.ts';

// A queue message holds at most 128 KB: a pack stops well short of it, whatever its events hold.
const MAX_PACK_BYTES = 96 * 1024;
// A short wait collects the events of concurrent requests.
const WAIT_MS = 50;

let open: { events: EventMessage[]; bytes: number } | undefined;

/**
 * Queues an event without waiting for the queue: the events of concurrent requests in this isolate go out
 * packed in one queue message (at most 100 events or 96 KB, 50 ms after the first), which costs one queue
 * operation rather than one per event, here and in the consumer. The request that opens a pack sends it,
 * kept alive by `waitUntil` on its own timer; the others only add plain data to it (a request must not wait
 * on another request's promises: workerd cancels such waits).
 */
export function queueEvent(
  queue: Queue<PackedEvents>,
  message: EventMessage,
  waitUntil: (promise: Promise<unknown>) => void,
): void {
  const bytes = JSON.stringify(message).length;
  if (open && open.events.length < MAX_PACKED_EVENTS && open.bytes + bytes <= MAX_PACK_BYTES) {
    open.events.push(message);
    open.bytes += bytes;
    return;
  }
  const pack = { events: [message], bytes };
  open = pack;
  waitUntil(
    new Promise((resolve) => setTimeout(resolve, WAIT_MS)).then(async () => {
      if (open === pack) open = undefined;
      const lost = pack.events.length;
      try {
        await queue.send({ events: pack.events });
      } catch (error) {
        // The browsers already have their 202 (a beacon never retries): say how many were lost.
        console.error(`could not queue a pack of ${lost}`, error);
      }
    }),
  );
}
