// The events route as named steps, in the order the router strings them together: validate → normalise →
// admit → enqueue. The fifth, roll up, is the queue consumer's `countEvents` (count.ts), one transaction a batch.

import { addressOverLimit } from '../shared/client-limit.ts';
import { ApiError } from '../shared/errors.ts';
import { LocalFirstLimiter, tooManyRequests } from '../shared/rate-limit.ts';
import { parseOrThrow } from '../shared/validate.ts';
import { botReason } from './bots.ts';
import {
  type EventMessage,
  eventSchema,
  type IncomingEvent,
  type PackedEvents,
  reduceEvent,
  type SitePages,
} from './event.ts';
import { queueEvent } from './send-buffer.ts';
import { browserKey, networkId, visitorHash } from './visitor.ts';

/** A validated event and its page's URL (parsed once, reused by the later steps). */
export interface ValidEvent {
  event: IncomingEvent;
  page: URL;
}

/**
 * Step 1, validate: `body` as an event (the contract answers any malformed event with 400) of a page of this
 * Worker's host or of one of `siteHosts` (comma-separated, SITE_HOSTS in production).
 */
export function validateEvent(body: unknown, requestHost: string, siteHosts: string | undefined): ValidEvent {
  const event = parseOrThrow(eventSchema, body, 'event', 'bad_request');
  const page = new URL(event.url);
  const host = page.hostname;
  if (host !== requestHost && !(siteHosts ?? '').split(',').some((h) => h.trim() === host)) {
    throw new ApiError('bad_request', `Events are accepted only for pages of this site, not ${host}.`);
  }
  return { event, page };
}

/** What an event adds to the rollups: [dimension, key] counts and the visitor's scopes. */
export type NormalEvent = Pick<EventMessage, 'counts' | 'scopes'>;

/** Step 2, normalise: the event reduced to stored keys (pages of the site, masked personal data, capped values). */
export function normaliseEvent({ event, page }: ValidEvent, country: string, pages: SitePages): NormalEvent {
  return reduceEvent(event, country, pages, page);
}

/** Who sent an event, as the request tells: never stored (the limiters' keys and the visitor hash come from it). */
export interface EventSender {
  /** The client address (none in Worker tests: no per-client limits then). */
  address: string | undefined;
  userAgent: string;
  /** Global Privacy Control (`Sec-GPC: 1`). */
  gpc: boolean;
  /** The page's host: visitors and browsers are per site. */
  host: string;
}

/** The shared limiters an event passes (Cloudflare rate limiting bindings; absent in some tests). */
export interface EventLimiters {
  /** Per client address (IPv6: /64), 600 a minute. */
  client: RateLimit | undefined;
  /** Per IPv6 /48, looser. */
  network: RateLimit | undefined;
  /** Per address and whole user agent. */
  browser: RateLimit | undefined;
}

// Each isolate lets a key this many events a minute before it asks the shared limiter: a person browsing
// sends a handful, so ordinary use never waits for a limiter call.
const clientLimit = new LocalFirstLimiter(30);
const browserLimit = new LocalFirstLimiter(10);

/**
 * Step 3, admit: 429 past the per-client limit (checked first, so no user agent and no Sec-GPC header gets a
 * client past it) or the per-browser one; false for Global Privacy Control and bots, which are answered
 * and never counted; true for an event to count. `salt` is the day's (the shared limiter's browser key is
 * hashed with it, only once the isolate's allowance is spent).
 */
export async function admitEvent(sender: EventSender, limiters: EventLimiters, salt: string): Promise<boolean> {
  if (await addressOverLimit(sender.address, clientLimit, limiters.client, limiters.network, 'events')) {
    throw tooManyRequests('Too many events from this address; try again in a minute.');
  }
  if (sender.gpc || botReason(sender.userAgent)) return false;
  const { address = '', userAgent, host } = sender;
  // The isolate's own count keys on the plain values, kept in memory for a minute at most; the shared
  // limiter only ever sees the salted hash.
  if (
    await browserLimit.over(limiters.browser, `${host}|${address}|${userAgent}`, Date.now(), () =>
      browserKey(salt, host, address, userAgent),
    )
  ) {
    throw tooManyRequests('Too many events from this browser; try again in a minute.');
  }
  return true;
}

/**
 * Step 4, enqueue: the message the consumer counts (the visitor hashed with the day's salt, the sender's
 * network as a daily id, nothing else of the sender), handed to the isolate's send buffer. Returns it.
 */
export async function enqueueEvent(
  queue: Queue<PackedEvents>,
  event: NormalEvent,
  sender: EventSender,
  day: { salt: string; times: Pick<EventMessage, 'day' | 'hour' | 'minute'> },
  waitUntil: (promise: Promise<unknown>) => void,
): Promise<EventMessage> {
  const { address } = sender;
  const [visitor, network] = await Promise.all([
    visitorHash(day.salt, sender.host, address ?? '', sender.userAgent),
    address ? networkId(day.salt, address) : undefined,
  ]);
  const message: EventMessage = {
    id: crypto.randomUUID(),
    ...day.times,
    visitor,
    ...(network ? { network } : {}),
    ...event,
  };
  queueEvent(queue, message, waitUntil);
  return message;
}
