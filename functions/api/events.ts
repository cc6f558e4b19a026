import { Hono } from 'hono';
import { saltFor, visitorHash } from '../data/visitor-salt.ts';
import type { AppEnv, EventMessage } from '../env.ts';
import { ApiError } from '../lib/errors.ts';
import { readBodyLimited } from '../lib/read-body.ts';
import { parseOrThrow } from '../lib/validate.ts';
import { botReason } from '../metrics/bots.ts';
import { eventSchema, MAX_EVENT_BYTES, reduceEvent } from '../metrics/event.ts';

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

/** `POST /api/v1/events`: validates, drops bots (counted), hashes the visitor, queues, answers 202 at once. */
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
  const now = new Date();
  const day = now.toISOString().slice(0, 10);
  const hour = now.toISOString().slice(0, 13);
  const userAgent = c.req.header('user-agent') ?? '';
  const reason = botReason(userAgent);
  if (reason) {
    const drop: EventMessage = {
      id: crypto.randomUUID(),
      hour,
      day,
      visitor: '',
      counts: [['dropped', reason]],
      scopes: [],
    };
    await c.env.EVENTS.send(drop);
    return c.body(null, 202);
  }
  const ip = c.req.header('cf-connecting-ip') ?? '0.0.0.0';
  const visitor = await visitorHash(await saltFor(c.env.DB, day), pageUrl.hostname, ip, userAgent);
  const limit = await c.env.EVENTS_LIMITER?.limit({ key: visitor });
  if (limit && !limit.success) {
    await c.env.EVENTS.send({
      id: crypto.randomUUID(),
      hour,
      day,
      visitor: '',
      counts: [['dropped', 'rate_limited']],
      scopes: [],
    });
    throw new ApiError('rate_limited', 'Too many events from this browser; try again in a minute.', [], {
      'Retry-After': '60',
    });
  }
  const country = String((c.req.raw as { cf?: { country?: string } }).cf?.country ?? 'XX');
  const { counts, scopes } = reduceEvent(event, country);
  await c.env.EVENTS.send({ id: crypto.randomUUID(), hour, day, visitor, counts, scopes });
  return c.body(null, 202);
});
