import type { Env, EventMessage } from '../env.ts';
import { countEvents } from './count.ts';

function isEventMessage(value: unknown): value is EventMessage {
  const m = value as EventMessage;
  return (
    typeof m?.id === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}$/.test(m.hour) &&
    /^\d{4}-\d{2}-\d{2}$/.test(m.day) &&
    typeof m.visitor === 'string' &&
    Array.isArray(m.counts) &&
    Array.isArray(m.scopes)
  );
}

/**
 * The queue consumer: counts a batch in one transaction. A failure retries the whole batch (counting is
 * idempotent by event id); after the configured retries Cloudflare moves it to the dead-letter queue.
 */
export async function consumeEvents(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const messages = batch.messages.map((m) => m.body).filter(isEventMessage);
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
