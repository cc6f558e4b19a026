import { z } from 'zod';
import { EVENT_NAMES, OTHER } from '../domain/metrics.ts';
import { holdsPersonalData, PRIVATE, scrubPath } from './personal-data.ts';

/** Largest accepted body, in bytes (public contract). */
export const MAX_EVENT_BYTES = 4 * 1024;

const httpUrl = z
  .string()
  .max(2_000)
  .refine((value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

/** An event as a browser sends it. */
export const eventSchema = z.object({
  name: z.enum(EVENT_NAMES),
  url: httpUrl,
  referrer: z.union([httpUrl, z.literal(''), z.null()]).optional(),
  props: z.record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean()])).optional(),
});

const minute = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);

/**
 * What the events endpoint puts on the queue: one counted event, already reduced to aggregates. The consumer
 * checks every message against this schema too, since a queue can hold messages of an older deploy.
 */
export const eventMessageSchema = z.object({
  id: z.string().min(1).max(64),
  hour: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}$/),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The minute it was sent (UTC): the redelivery check looks only at batches of the same minutes. Older deploys sent none. */
  minute: minute.optional(),
  /** The visitor's daily hash (hex; '' for none). No quotes or backslashes: counting looks it up as a JSON path key. */
  visitor: z
    .string()
    .max(128)
    .regex(/^[\w.:-]*$/),
  /** The sender's network (IPv4 /24, IPv6 /48) hashed with the day's salt: new free values need two. None without an address. */
  network: z.string().max(64).optional(),
  /** [dimension, key] pairs this event increments. */
  counts: z.array(z.tuple([z.string(), z.string()])).max(64),
  /** Scopes in which this visitor counts once per day ('site', 'page:/es/', 'ref:CODE', ...). */
  scopes: z.array(z.string()).max(64),
});

/** Events an isolate sends together as one queue message (send-buffer.ts), at most this many. */
export const MAX_PACKED_EVENTS = 100;

/**
 * What the events endpoint puts on the queue: the events of concurrent requests packed into one message (one
 * queue operation for up to 100 events, not one each). Each element is checked against `eventMessageSchema`
 * by the consumer; a queue may also still hold single `EventMessage`s sent by an older deploy.
 */
export const packedEventsSchema = z.object({ events: z.array(z.unknown()).min(1).max(MAX_PACKED_EVENTS) });

/** A queue message of packed events, as sent. */
export interface PackedEvents {
  events: EventMessage[];
}

/** The UTC day, hour and minute a message is filed under, from the moment it was sent. */
export function eventTimes(at: Date): Pick<EventMessage, 'day' | 'hour'> & { minute: string } {
  const iso = at.toISOString();
  return { day: iso.slice(0, 10), hour: iso.slice(0, 13), minute: iso.slice(0, 16) };
}

/** A queued event message. */
export type EventMessage = z.output<typeof eventMessageSchema>;

/** A validated event. */
export type IncomingEvent = z.output<typeof eventSchema>;

// Keys are stored and shown to staff: keep them short and inert, whatever a page or a referrer held.
const token = (value: unknown, max = 60) =>
  String(value ?? '')
    .toLowerCase()
    .trim()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max);

/** A URL path made safe to store: personal data masked, percent-encoded by the URL parser, no query, bounded length. */
export function safePath(url: URL): string {
  return (
    scrubPath(url.pathname)
      .replace(/[^A-Za-z0-9/_.~%()-]/g, '')
      .slice(0, 200) || '/'
  );
}

/** A value a visitor chose (campaign, host, asset) as a stored key: PRIVATE when it holds personal data. */
const freeToken = (value: unknown, max = 60) => {
  const text = String(value ?? '');
  return holdsPersonalData(text) ? PRIVATE : token(text, max);
};

// Share buttons the site can show; anything else a script sends is `other`.
const SHARE_NETWORKS = new Set([
  'whatsapp',
  'facebook',
  'messenger',
  'x',
  'twitter',
  'bluesky',
  'threads',
  'telegram',
  'linkedin',
  'email',
  'sms',
  'copy',
  'native',
]);

/**
 * A zero-result search as it may be stored, or null when it must never be: a run of three or more digits
 * (a phone number, a CURP, a folio) or an `@` (an e-mail address), or five digits in all, however spaced.
 * The rest is reduced to letters, digits and spaces; it reaches a report only once 5 visitors typed it.
 */
export function storableSearch(query: unknown): string | null {
  const raw = String(query ?? '').normalize('NFKC');
  if (holdsPersonalData(raw) || raw.includes('@') || raw.includes('\uFF20') || /\p{Nd}{3,}/u.test(raw)) return null;
  if ((raw.match(/\p{Nd}/gu) ?? []).length >= 5) return null;
  return safeText(raw) || '(empty)';
}

/** Free text (a search query) reduced to letters, digits and spaces. */
export function safeText(value: unknown, max = 60): string {
  return String(value ?? '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

/** The site's page for a path (its canonical form), or null for a path that is not a page of the site. */
export type SitePages = (path: string) => string | null;

/**
 * What an event adds to the rollups: [dimension, key] counts and the scopes where its visitor counts (`url`:
 * the event's page, when the caller parsed it already). Every
 * key is from a known set (pages of the site, event names, languages, share networks) or is one that the
 * consumer caps per day (referrers, campaigns, embeds, downloads, searches, missing paths).
 */
export function reduceEvent(
  event: IncomingEvent,
  country: string,
  pages: SitePages,
  url = new URL(event.url),
): { counts: [string, string][]; scopes: string[] } {
  const asSent = safePath(url);
  const path = pages(asSent) ?? OTHER;
  const lang = /^\/(es|en)(\/|$)/.exec(asSent)?.[1] ?? 'other';
  const counts: [string, string][] = [
    ['event', event.name],
    ['lang', lang],
    ['country', /^[A-Z]{2}$/.test(country) ? country : 'XX'],
  ];
  const scopes: string[] = [];
  const props = event.props ?? {};
  const ref = /^[A-Za-z0-9_-]{1,32}$/.exec(url.searchParams.get('ref') ?? '')?.[0];
  const code = ref && !holdsPersonalData(ref) ? ref : undefined;
  let referrerHost = '';
  try {
    referrerHost = event.referrer ? new URL(event.referrer).hostname.toLowerCase() : '';
  } catch {
    referrerHost = '';
  }
  const external = referrerHost && referrerHost !== url.hostname ? freeToken(referrerHost, 100) : '';
  switch (event.name) {
    case 'pageview': {
      counts.push(['page', path]);
      scopes.push('site', `lang:${lang}`, `page:${path}`);
      const source = freeToken(url.searchParams.get('utm_source'));
      const medium = freeToken(url.searchParams.get('utm_medium'));
      const campaign = freeToken(url.searchParams.get('utm_campaign'));
      if (source || medium || campaign) counts.push(['campaign', `${source}|${medium}|${campaign}`]);
      if (external) counts.push(['referrer', external]);
      if (code) {
        counts.push(['ref', code]);
        scopes.push(`ref:${code}`);
      }
      break;
    }
    case 'cta_click':
      counts.push(['register', path]);
      break;
    case 'download':
      counts.push(['download', freeToken(props.asset ?? path.split('/').pop(), 100) || 'unknown']);
      break;
    case 'share': {
      const network = token(props.network);
      counts.push(['share', SHARE_NETWORKS.has(network) ? network : 'other']);
      break;
    }
    case 'search': {
      const results = Number(props.results);
      if (!Number.isFinite(results) || results !== 0) break;
      const term = storableSearch(props.query);
      counts.push(['search_empty', term ?? OTHER]);
      if (term) scopes.push(`search:${term}`);
      break;
    }
    case 'language_switch': {
      const to = token(props.to, 5);
      counts.push(['language_switch', `${lang}>${to === 'es' || to === 'en' ? to : 'other'}`]);
      break;
    }
    case 'embed_view':
      counts.push(['embed', external || 'direct']);
      break;
    case 'not_found':
      // The missing path itself (not a page, by definition), capped per day like the other free values; it
      // reaches a report only once 5 distinct visitors met it that day, like a search term.
      counts.push(['not_found', asSent]);
      scopes.push(`missing:${asSent}`);
      break;
  }
  return { counts, scopes };
}
