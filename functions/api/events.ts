import { Hono } from 'hono';
import type { AppEnv, EventMessage } from '../env.ts';
import { ApiError } from '../lib/errors.ts';
import { readBodyLimited } from '../lib/read-body.ts';
import { parseOrThrow } from '../lib/validate.ts';
import { botReason } from '../metrics/bots.ts';
import { eventSchema, MAX_EVENT_BYTES, reduceEvent } from '../metrics/event.ts';
import { overLimit } from '../metrics/rate-limit.ts';
import { queueEvent } from '../metrics/send-buffer.ts';
import { saltFor, visitorHash } from '../metrics/visitor.ts';

const ACCEPTED_TYPES = ['application/json', 'text/plain'];

/** Hosts whose pages may report events: this Worker's own, plus SITE_HOSTS in production. */
function allowedHost(host: string, requestUrl: URL, extra: string | undefined): boolean {
  const hosts = new Set([
    requestUrl.hostname,
    ...(extra ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean),
  ]);
  return hosts.has(host);
}

/** `POST /api/v1/events`: validates, drops bots (counted), hashes the visitor, queues, answers 202 at once (the send happens after). */
export const eventRoutes = new Hono<AppEnv>().post('/', async (c) => {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!ACCEPTED_TYPES.includes(type)) {
    throw new ApiError(
      'unsupported_media_type',
      'Send the event as application/json or text/plain (what sendBeacon sends).',
    );
  }
  const bytes = await readBodyLimited(c.req.raw, MAX_EVENT_BYTES, 'event');
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ApiError('bad_request', 'The event is not valid JSON.');
  }
  let event: ReturnType<typeof eventSchema.parse>;
  try {
    event = parseOrThrow(eventSchema, value, 'event');
  } catch (error) {
    // The contract answers malformed events with 400, whatever failed.
    if (error instanceof ApiError) throw new ApiError('bad_request', error.message, error.details);
    throw error;
  }
  const requestUrl = new URL(c.req.url);
  const pageUrl = new URL(event.url);
  if (!allowedHost(pageUrl.hostname, requestUrl, (c.env as { SITE_HOSTS?: string }).SITE_HOSTS)) {
    throw new ApiError('bad_request', `Events are accepted only for pages of this site, not ${pageUrl.hostname}.`);
  }
  c.header('Cache-Control', 'no-store');
  // Global Privacy Control: the script sends nothing, and anything that still arrives is not counted.
  if (c.req.header('sec-gpc') === '1') return c.body(null, 202);
  const now = new Date().toISOString();
  const day = now.slice(0, 10);
  const hour = now.slice(0, 13);
  const queue = (message: Omit<EventMessage, 'id' | 'hour' | 'day'>) => {
    const waitUntil = (promise: Promise<unknown>) => {
      try {
        c.executionCtx.waitUntil(promise);
      } catch {
        // No execution context (a plain app.request in tests): the event is sent when the batch flushes.
      }
    };
    queueEvent(c.env.EVENTS, { id: crypto.randomUUID(), hour, day, ...message }, waitUntil);
  };
  const userAgent = c.req.header('user-agent') ?? '';
  const reason = botReason(userAgent);
  if (reason) {
    queue({ visitor: '', counts: [['dropped', reason]], scopes: [] });
    return c.body(null, 202);
  }
  const ip = c.req.header('cf-connecting-ip') ?? '0.0.0.0';
  // The salt is memoised per isolate and day: D1 is read once a day per isolate, never per event.
  const visitor = await visitorHash(await saltFor(c.env.DB, day), pageUrl.hostname, ip, userAgent);
  if (await overLimit(c.env.EVENTS_LIMITER, visitor)) {
    queue({ visitor: '', counts: [['dropped', 'rate_limited']], scopes: [] });
    throw new ApiError('rate_limited', 'Too many events from this browser; try again in a minute.', [], {
      'Retry-After': '60',
    });
  }
  const country = String((c.req.raw as { cf?: { country?: string } }).cf?.country ?? 'XX');
  queue({ visitor, ...reduceEvent(event, country) });
  return c.body(null, 202);
});
