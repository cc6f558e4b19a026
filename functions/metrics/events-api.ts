import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { clientOverLimit } from '../shared/client-limit.ts';
import { errors, jsonSchemaOf, textContent } from '../shared/describe.ts';
import { ApiError } from '../shared/errors.ts';
import { sitePages } from '../shared/page-index.ts';
import { clientAddress, LocalFirstLimiter, tooManyRequests } from '../shared/rate-limit.ts';
import { readJson } from '../shared/read-json.ts';
import { validationHook } from '../shared/validate.ts';
import { botReason } from './bots.ts';
import { type EventMessage, eventSchema, eventTimes, MAX_EVENT_BYTES, reduceEvent } from './event.ts';
import { queueEvent } from './send-buffer.ts';
import { browserKey, networkId, saltFor, visitorHash } from './visitor.ts';

const ACCEPTED_TYPES = ['application/json', 'text/plain'];
const EVENT_EXAMPLE = '{"name":"pageview","url":"https://example.org/es/","referrer":""}';

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

// Each isolate lets a key this many events a minute before it asks the shared limiter: a person browsing
// sends a handful, so ordinary use never waits for a limiter call.
const visitorLimit = new LocalFirstLimiter(10);
const clientLimit = new LocalFirstLimiter(30);

/**
 * `POST /api/v1/events`: validates, refuses a client address past 600 a minute, answers bots and Global
 * Privacy Control without queueing anything, hashes the visitor, queues, answers 202 at once (the send
 * happens after).
 */
export const eventRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook() }).openapi(
  createRoute({
    method: 'post',
    path: '/',
    tags: ['Metrics'],
    summary: 'Count an engagement event (public; no cookie; nothing personal stored)',
    request: {
      body: {
        required: true,
        description:
          'One event, at most 4 KB, as JSON; or the same JSON sent as `text/plain`, which is what `navigator.sendBeacon` sends. Any malformed event is a 400.',
        content: {
          'application/json': { schema: jsonSchemaOf(eventSchema) },
          'text/plain': textContent('The same event as JSON text.', EVENT_EXAMPLE, {
            mediaType: 'application/json',
            schema: jsonSchemaOf(eventSchema),
          }),
        },
      },
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
    const address = clientAddress(c);
    // Before anything else, so no user agent (a bot's included) and no Sec-GPC header gets a client past it.
    if (await clientOverLimit(c, clientLimit, c.env.CLIENT_EVENTS_LIMITER, 'events')) {
      throw tooManyRequests('Too many events from this address; try again in a minute.');
    }
    const userAgent = c.req.header('user-agent') ?? '';
    // Global Privacy Control (the script sends nothing then) and bots: answered, and nothing is queued.
    if (c.req.header('sec-gpc') === '1' || botReason(userAgent)) return c.body(null, 202);
    const times = eventTimes(new Date());
    // The salt is memoised per isolate and day: D1 is read once a day per isolate, never per event.
    const salt = await saltFor(c.env.DB, times.day);
    const visitor = await visitorHash(salt, pageUrl.hostname, address ?? '', userAgent);
    if (
      await visitorLimit.over(c.env.EVENTS_LIMITER, await browserKey(salt, pageUrl.hostname, address ?? '', userAgent))
    ) {
      throw tooManyRequests('Too many events from this browser; try again in a minute.');
    }
    const pages = await sitePages(c.env.ASSETS, requestUrl.origin);
    const country = String((c.req.raw as { cf?: { country?: string } }).cf?.country ?? 'XX');
    const message: EventMessage = {
      id: crypto.randomUUID(),
      ...times,
      visitor,
      ...(address ? { network: await networkId(salt, address) } : {}),
      ...reduceEvent(event, country, pages),
    };
    queueEvent(c.env.EVENTS, message, (promise) => {
      try {
        c.executionCtx.waitUntil(promise);
      } catch {
        // No execution context (a plain app.request in tests): the event is sent when the batch flushes.
      }
    });
    return c.body(null, 202);
  },
);
