import { z } from 'zod';
import { EVENT_NAMES } from '../domain/metrics.ts';

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

/**
 * What the events endpoint puts on the queue: one counted event, already reduced to aggregates. The consumer
 * checks every message against this schema too, since a queue can hold messages of an older deploy.
 */
export const eventMessageSchema = z.object({
  id: z.string().min(1).max(64),
  hour: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}$/),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  visitor: z.string().max(128),
  /** [dimension, key] pairs this event increments. */
  counts: z.array(z.tuple([z.string(), z.string()])).max(64),
  /** Scopes in which this visitor counts once per day ('site', 'page:/es/', 'ref:CODE', ...). */
  scopes: z.array(z.string()).max(64),
});

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

/** A URL path made safe to store: percent-encoded by the URL parser, no query, bounded length. */
export function safePath(url: URL): string {
  return url.pathname.replace(/[^A-Za-z0-9/_.~%-]/g, '').slice(0, 200) || '/';
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

/** What an event adds to the rollups: [dimension, key] counts and the scopes where its visitor counts. */
export function reduceEvent(event: IncomingEvent, country: string): { counts: [string, string][]; scopes: string[] } {
  const url = new URL(event.url);
  const path = safePath(url);
  const lang = /^\/(es|en)(\/|$)/.exec(path)?.[1] ?? 'other';
  const counts: [string, string][] = [
    ['event', event.name],
    ['lang', lang],
    ['country', /^[A-Z]{2}$/.test(country) ? country : 'XX'],
  ];
  const scopes: string[] = [];
  const props = event.props ?? {};
  const ref = /^[A-Za-z0-9_-]{1,32}$/.exec(url.searchParams.get('ref') ?? '')?.[0];
  let referrerHost = '';
  try {
    referrerHost = event.referrer ? new URL(event.referrer).hostname.toLowerCase() : '';
  } catch {
    referrerHost = '';
  }
  const external = referrerHost && referrerHost !== url.hostname ? token(referrerHost, 100) : '';
  switch (event.name) {
    case 'pageview': {
      counts.push(['page', path]);
      scopes.push('site', `lang:${lang}`, `page:${path}`);
      const source = token(url.searchParams.get('utm_source'));
      const medium = token(url.searchParams.get('utm_medium'));
      const campaign = token(url.searchParams.get('utm_campaign'));
      if (source || medium || campaign) counts.push(['campaign', `${source}|${medium}|${campaign}`]);
      if (external) counts.push(['referrer', external]);
      if (ref) {
        counts.push(['ref', ref]);
        scopes.push(`ref:${ref}`);
      }
      break;
    }
    case 'cta_click':
      counts.push(['register', path]);
      break;
    case 'download':
      counts.push(['download', token(props.asset ?? path.split('/').pop(), 100) || 'unknown']);
      break;
    case 'share':
      counts.push(['share', token(props.network) || 'other']);
      break;
    case 'search': {
      const results = Number(props.results);
      if (Number.isFinite(results) && results === 0) counts.push(['search_empty', safeText(props.query) || '(empty)']);
      break;
    }
    case 'language_switch':
      counts.push(['language_switch', `${lang}>${token(props.to, 5) || 'other'}`]);
      break;
    case 'embed_view':
      counts.push(['embed', external || 'direct']);
      break;
    case 'not_found':
      counts.push(['not_found', path]);
      break;
  }
  return { counts, scopes };
}
