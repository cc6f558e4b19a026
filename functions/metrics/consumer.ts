import type { Env } from '../env.ts';
import { countEvents } from './count.ts';
import { type EventMessage, eventMessageSchema } from './event.ts';

/**
 * The queue consumer: counts a batch in one transaction. A failure retries the whole batch (counting is
 * idempotent by event id); after the configured retries Cloudflare moves it to the dead-letter queue.
 */
export async function consumeEvents(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  // The same validation path as requests: a message that does not match is dropped (acked), never counted.
  const messages = batch.messages.flatMap((m): EventMessage[] => {
    const parsed = eventMessageSchema.safeParse(m.body);
    return parsed.success ? [parsed.data] : [];
  });
  if (messages.length === 0) {
    batch.ackAll();
    return;
  }
  // An event can have been counted only after it was sent: earlier batches need not be searched.
  const sentAfter = Math.min(...batch.messages.map((m) => m.timestamp.getTime()));
  try {
    await countEvents(env.DB, messages, sentAfter);
    batch.ackAll();
  } catch (error) {
    console.error('counting events failed; the batch will be retried', error);
    batch.retryAll();
  }
}
