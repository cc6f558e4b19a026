import type { Env } from '../env.ts';
import { countEvents } from './count.ts';
import { type EventMessage, eventMessageSchema, eventTimes } from './event.ts';

/** Tries the dead-letter consumer gets (wrangler.toml); after the last, Cloudflare deletes the messages. */
export const DEAD_LETTER_TRIES = 10;

// A failed batch waits before its next try: D1 that failed a moment ago is rarely back at once.
const RETRY_DELAY_SECONDS = 30;

/**
 * The messages of a batch as the counter takes them. A message that does not match the schema (an older
 * deploy's, or damaged) is not counted as an event: it becomes a count of `dropped: unreadable`, under an
 * id of its own so a redelivery counts it once too. A message of an older deploy without its minute is
 * filed under the minute the queue says it was sent.
 */
export function readBatch(batch: MessageBatch<unknown>): { messages: EventMessage[]; unreadable: number } {
  let unreadable = 0;
  const messages = batch.messages.map((m): EventMessage => {
    const parsed = eventMessageSchema.safeParse(m.body);
    if (parsed.success) return { ...parsed.data, minute: parsed.data.minute ?? eventTimes(m.timestamp).minute };
    unreadable++;
    return {
      id: `unreadable:${m.id}`.slice(0, 64),
      ...eventTimes(m.timestamp),
      visitor: '',
      counts: [['dropped', 'unreadable']],
      scopes: [],
    };
  });
  return { messages, unreadable };
}

/**
 * The queue consumer, for the events queue and its dead-letter queue alike: counts a batch in one
 * transaction (idempotent by event id, so a retry or a dead letter never counts twice). A failure retries
 * the whole batch after a pause; after the events queue's retries Cloudflare moves it to the dead-letter
 * queue, whose consumer tries again for longer and says in the log what it counted and what it lost.
 */
export async function consumeEvents(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (batch.messages.length === 0) return;
  const deadLetters = batch.queue.endsWith('-dlq');
  const { messages, unreadable } = readBatch(batch);
  const total = messages.length;
  // An event can have been counted only after it was sent: older records need not be searched.
  const sentAfter = Math.min(...batch.messages.map((m) => m.timestamp.getTime()));
  try {
    const result = await countEvents(env.DB, messages, sentAfter);
    batch.ackAll();
    if (deadLetters || unreadable) {
      console.log(
        `${deadLetters ? 'dead letters' : 'events'}: ${result.counted} counted, ${total - result.counted} already counted, ${unreadable} unreadable (counted as dropped)`,
      );
    }
  } catch (error) {
    const lastTry = deadLetters && Math.max(...batch.messages.map((m) => m.attempts)) >= DEAD_LETTER_TRIES;
    console.error(
      lastTry
        ? `dead letters: ${total} events could not be counted after ${DEAD_LETTER_TRIES} tries and are lost`
        : `counting ${total} events failed; the batch will be retried`,
      error,
    );
    batch.retryAll({ delaySeconds: RETRY_DELAY_SECONDS });
  }
}
