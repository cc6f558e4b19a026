import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { errors, jsonSchemaOf, textContent } from '../shared/describe.ts';
import { sitePages } from '../shared/page-index.ts';
import { clientAddress } from '../shared/rate-limit.ts';
import { readJsonValue } from '../shared/read-json.ts';
import { validationHook } from '../shared/validate.ts';
import { eventSchema, eventTimes, MAX_EVENT_BYTES } from './event.ts';
import { admitEvent, type EventSender, enqueueEvent, normaliseEvent, validateEvent } from './event-steps.ts';
import { saltFor } from './visitor.ts';

const ACCEPTED_TYPES = ['application/json', 'text/plain'];
const EVENT_EXAMPLE = '{"name":"pageview","url":"https://example.org/es/","referrer":""}';

/**
 * `POST /api/v1/events`: the steps of event-steps.ts (validate, normalise, admit, enqueue), answering 202 at
 * once (the send happens after); bots and Global Privacy Control are answered alike and nothing is queued.
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
    const body = await readJsonValue(c, { maxBytes: MAX_EVENT_BYTES, accept: ACCEPTED_TYPES, what: 'event' });
    const requestUrl = new URL(c.req.url);
    const valid = validateEvent(body, requestUrl.hostname, (c.env as { SITE_HOSTS?: string }).SITE_HOSTS);
    c.header('Cache-Control', 'no-store');
    const country = String((c.req.raw as { cf?: { country?: string } }).cf?.country ?? 'XX');
    const normal = normaliseEvent(valid, country, await sitePages(c.env.ASSETS, requestUrl.origin));
    const sender: EventSender = {
      address: clientAddress(c),
      userAgent: c.req.header('user-agent') ?? '',
      gpc: c.req.header('sec-gpc') === '1',
      host: valid.page.hostname,
    };
    const times = eventTimes(new Date());
    // The salt is memoised per isolate and day: D1 is read once a day per isolate, never per event.
    const salt = await saltFor(c.env.DB, times.day);
    const limiters = {
      client: c.env.CLIENT_EVENTS_LIMITER,
      network: c.env.NETWORK_LIMITER,
      browser: c.env.EVENTS_LIMITER,
    };
    if (!(await admitEvent(sender, limiters, salt))) return c.body(null, 202);
    await enqueueEvent(c.env.EVENTS, normal, sender, { salt, times }, (promise) => {
      try {
        c.executionCtx.waitUntil(promise);
      } catch {
        // No execution context (a plain app.request in tests): the event is sent when the batch flushes.
      }
    });
    return c.body(null, 202);
  },
);
