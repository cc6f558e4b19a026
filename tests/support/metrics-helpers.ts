import { createExecutionContext, createMessageBatch, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import type { Env } from '../../functions/env.ts';
import worker from '../../functions/index.ts';
import type { EventMessage, PackedEvents } from '../../functions/metrics/event.ts';
import { testEnv } from './helpers.ts';

/** Delivers messages to the Worker's queue handler as Cloudflare would (sent at `sentAt`). */
export async function deliver(messages: EventMessage[], sentAt = new Date()) {
  const batch = createMessageBatch(
    'voto-events',
    messages.map((body, i) => ({ id: `m${i}`, timestamp: sentAt, attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch<unknown>, testEnv as never);
  return getQueueResult(batch, ctx);
}

/** A queued event as the endpoint makes it, on `day` at 10:00 UTC. */
export function message(
  id: string,
  visitor: string,
  counts: [string, string][],
  scopes: string[],
  day = '2030-01-15',
): EventMessage {
  return { id, hour: `${day}T10`, day, visitor, counts, scopes };
}

/** The rollup counts of one hour, as {"dimension:key": count}. */
export async function rollupsAt(hour: string): Promise<Record<string, number>> {
  const { results } = await testEnv.DB.prepare(
    'SELECT dimension, key, count FROM metric_rollups WHERE hour = ? ORDER BY dimension, key',
  )
    .bind(hour)
    .all<{ dimension: string; key: string; count: number }>();
  return Object.fromEntries(results.map((r) => [`${r.dimension}:${r.key}`, r.count]));
}

/** A day's visitors per scope (`site`, `page:/es/`, ...), as the reports read them. */
export async function dailyVisitors(day: string): Promise<Record<string, number>> {
  const { results } = await testEnv.DB.prepare('SELECT scope, visitors FROM metric_daily_visitors WHERE day = ?')
    .bind(day)
    .all<{ scope: string; visitors: number }>();
  return Object.fromEntries(results.map((r) => [r.scope, r.visitors]));
}

/**
 * Sends requests through the Worker with a queue that keeps what it is sent: their responses and the queued
 * events. An event joins the batch another request opened less than 50 ms before (send-buffer.ts), so a file
 * that checks the queue this way should post its events only this way.
 */
export async function queuedBy(
  requests: Request[],
  bindings: Partial<Record<keyof Env, unknown>> = {},
): Promise<{ responses: Response[]; queued: EventMessage[] }> {
  const queued: EventMessage[] = [];
  const queue = {
    send: async (pack: PackedEvents) => {
      queued.push(...pack.events);
    },
  };
  const ctx = createExecutionContext();
  const responses: Response[] = [];
  for (const request of requests) {
    responses.push(await worker.fetch(request as never, { ...testEnv, ...bindings, EVENTS: queue } as never, ctx));
  }
  await waitOnExecutionContext(ctx);
  return { responses, queued };
}
