import type { Env } from '../env.ts';
import { countEvents } from './count.ts';
import { type EventMessage, eventMessageSchema, eventTimes, packedEventsSchema } from './event.ts';

/** Tries the dead-letter consumer gets (wrangler.toml); after the last, Cloudflare deletes the messages. */
export const DEAD_LETTER_TRIES = 10;

// A failed batch waits before its next try: D1 that failed a moment ago is rarely back at once.
const RETRY_DELAY_SECONDS = 30;

/**
 * The events of a batch as the counter takes them: a queue message holds a pack of events (send-buffer.ts) or,
 * from an older deploy, one event. An event that does not match the schema (damaged, or of another deploy) is
 * not counted as an event: it becomes a count of `dropped: unreadable`, under an id of its own so a
 * redelivery counts it once too. An event of an older deploy without its minute is filed under the minute
 * the queue says it was sent.
 */
export function readBatch(batch: MessageBatch<unknown>): { messages: EventMessage[]; unreadable: number } {
  let unreadable = 0;
  const messages: EventMessage[] = [];
  for (const m of batch.messages) {
    const pack = packedEventsSchema.safeParse(m.body);
    const bodies = pack.success ? pack.data.events : [m.body];
    bodies.forEach((body, index) => {
      const parsed = eventMessageSchema.safeParse(body);
      if (parsed.success) {
        messages.push({ ...parsed.data, minute: parsed.data.minute ?? eventTimes(m.timestamp).minute });
        return;
      }
      unreadable++;
      messages.push({
        id: `unreadable:${m.id}${pack.success ? `:${index}` : ''}`.slice(0, 64),
        ...eventTimes(m.timestamp),
        visitor: '',
        counts: [['dropped', 'unreadable']],
        scopes: [],
      });
    });
  }
  return { messages, unreadable };
}

// A batch of packed messages can hold thousands of events: each transaction counts at most this many, so its
// statements' bound JSON stays small (a failed part retries the batch; what was counted is skipped then).
const EVENTS_PER_TRANSACTION = 500;

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
    let counted = 0;
    for (let start = 0; start < total; start += EVENTS_PER_TRANSACTION) {
      counted += (await countEvents(env.DB, messages.slice(start, start + EVENTS_PER_TRANSACTION), sentAfter)).counted;
    }
    batch.ackAll();
    if (deadLetters || unreadable) {
      console.log(
        `${deadLetters ? 'dead letters' : 'events'}: ${counted} counted, ${total - counted} already counted, ${unreadable} unreadable (counted as dropped)`,
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
