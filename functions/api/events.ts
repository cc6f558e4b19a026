import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/errors.ts';
import { readJson } from '../lib/read-json.ts';
import { validationHook } from '../lib/validate.ts';
import { botReason } from '../metrics/bots.ts';
import { type EventMessage, eventSchema, MAX_EVENT_BYTES, reduceEvent } from '../metrics/event.ts';
import { overLimit } from '../metrics/rate-limit.ts';
import { queueEvent } from '../metrics/send-buffer.ts';
import { saltFor, visitorHash } from '../metrics/visitor.ts';
import { bodyOf, errors } from './describe.ts';

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
export const eventRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook() }).openapi(
  createRoute({
    method: 'post',
    path: '/',
    tags: ['Metrics'],
    summary: 'Count an engagement event (public; no cookie; nothing personal stored)',
    request: {
      body: bodyOf(
        eventSchema,
        ACCEPTED_TYPES,
        'One event, at most 4 KB; `text/plain` is what `navigator.sendBeacon` sends. Any malformed event is a 400.',
      ),
    },
    responses: {
      202: { description: 'Accepted (also for bots and Global Privacy Control, which are never counted).' },
      ...errors('bad_request', 'payload_too_large', 'unsupported_media_type', 'rate_limited'),
    },
  }),
  async (c) => {
    // The contract answers malformed events with 400, whatever failed.
    const event = await readJson(c, eventSchema, {
      maxBytes: MAX_EVENT_BYTES,
      accept: ACCEPTED_TYPES,
      what: 'event',
      invalid: 'bad_request',
    });
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
  },
);
