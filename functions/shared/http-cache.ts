import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';
import type { CacheName } from './cache-key.ts';
import { clientOverLimit } from './client-limit.ts';
import { offerFront } from './front-answers.ts';
import { LocalFirstLimiter, tooManyRequests } from './rate-limit.ts';
import { securityHeaderList } from './security-headers.ts';

/** Browser and proxy freshness for public figures: with the version memo, an ingest shows within 60 s. */
export const FIGURES_CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=15';

/** Freshness of a cut's answers: a cut never changes, so anyone may keep them for a year without asking again. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** Freshness of an answer that shows something unpublished: for the admin or staff who asked, kept nowhere. */
export const PRIVATE_CACHE_CONTROL = 'private, no-store';

/** True when the request's `If-None-Match` names `etag`. */
export function matchesEtag(c: Context, etag: string): boolean {
  const header = c.req.header('if-none-match');
  if (!header) return false;
  return header === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

// Only misses count against a client address (PUBLIC_LIMITER, 300 a minute): a page of 30 embeds costs at most 30
// misses, and each isolate lets 30 through before it pays for a call to the shared limiter.
const missLimit = new LocalFirstLimiter(30);

/**
 * Answers a public read keyed by data version: 304 on a matching ETag, else the edge cache (Cache API),
 * else `build()` (which touches D1) stored in the cache. The name includes the data version, so an
 * ingest makes new keys and old entries are simply never asked for again. A miss counts against the
 * client's address; past its limit the read is a 429 and `build()` does not run.
 */
export async function serveVersioned(
  c: Context<AppEnv>,
  request: {
    /** From `cacheName`: the kind, the data version and the validated inputs, never the raw query. */
    name: CacheName;
    build: () => Promise<{ response: Response; rowsRead: number }>;
    /** Public figures are readable from any site (the default); the site's own pages are not. */
    cors?: boolean;
    /** A cut's answer: it never changes, so browsers and the edge keep it for a year. */
    immutable?: boolean;
    /**
     * An answer that shows something unpublished, for the admin or staff who asked: built every time, never
     * stored in or served from the shared cache (its key names a slug that may be deleted and reused).
     */
    private?: boolean;
    /**
     * The answer depends on nothing but the URL and the viewer (no header, nothing changed after this): a repeat of
     * the URL may be answered before routing with this answer's final bytes and headers (front-answers.ts).
     */
    front?: boolean;
  },
  rowsReadBefore: number,
): Promise<Response> {
  let { key, etag } = request.name;
  const { build, cors = true, immutable = false } = request;
  if (request.private) {
    const { response, rowsRead } = await build();
    response.headers.set('Cache-Control', PRIVATE_CACHE_CONTROL);
    response.headers.set('Server-Timing', timing('private', rowsReadBefore + rowsRead));
    return response;
  }
  // The deployed code's version is part of every key and tag: a deploy that changes how figures are
  // rendered must not serve what the previous code cached.
  const code = c.env?.CF_VERSION_METADATA?.id ?? 'dev';
  etag = `"${code.slice(0, 8)}.${etag.replaceAll('"', '')}"`;
  key = `${code}/${key}`;
  const freshness = immutable ? IMMUTABLE_CACHE_CONTROL : FIGURES_CACHE_CONTROL;
  const common: Record<string, string> = { ETag: etag, 'Cache-Control': freshness };
  if (cors) common['Access-Control-Allow-Origin'] = '*';
  if (matchesEtag(c, etag)) {
    return new Response(null, {
      status: 304,
      headers: { ...common, 'Server-Timing': timing('revalidated', rowsReadBefore) },
    });
  }
  const cacheKey = `https://cache.voto.internal/${key}`;
  const now = Date.now();
  const offer = (answer: HotAnswer) => {
    if (request.front && answer.body.byteLength <= HOT_MAX_ANSWER) offerFront(c.req.raw, answer);
    return answer;
  };
  const kept = recall(cacheKey, now);
  if (kept) return hotResponse(offer(kept), rowsReadBefore);
  const cache = await figuresCache();
  const cached = await cache.match(cacheKey);
  if (cached) {
    // The stored bytes as stored (never decoded or re-encoded), under the headers that differ from the edge
    // copy's (freshness for browsers, the deploy's ETag, CORS) set over it; kept in memory for the next hit.
    const headers = new Headers(cached.headers);
    for (const name in common) headers.set(name, common[name] as string);
    const answer = remember(
      cacheKey,
      c.req.path,
      cached.status,
      headers,
      await cached.arrayBuffer(),
      edgeExpiry(cached, now),
    );
    return hotResponse(offer(answer), rowsReadBefore);
  }
  if (await clientOverLimit(c, missLimit, c.env.PUBLIC_LIMITER, 'reads')) {
    throw tooManyRequests(
      'Too many requests from this address for figures, images or pages that had to be built; wait a minute and try again. Answers already cached are not limited.',
    );
  }
  const { response, rowsRead } = await build();
  for (const [name, value] of Object.entries(common)) response.headers.set(name, value);
  const body = await response.arrayBuffer();
  const stored = new Response(body, response);
  // The edge copy is keyed by version, so it can live long; it never serves stale figures.
  stored.headers.set('Cache-Control', immutable ? IMMUTABLE_CACHE_CONTROL : `public, max-age=${EDGE_SECONDS}`);
  const put = cache.put(cacheKey, stored);
  try {
    c.executionCtx.waitUntil(put);
  } catch {
    await put;
  }
  const answer = offer(
    remember(
      cacheKey,
      c.req.path,
      response.status,
      response.headers,
      body,
      immutable ? Infinity : now + EDGE_SECONDS * 1000,
    ),
  );
  const fresh = new Response(body, { status: answer.status, headers: answer.headers });
  fresh.headers.set('Server-Timing', timing('miss', rowsReadBefore + rowsRead));
  return fresh;
}

// How long the edge copy of a live answer is kept (its key names the data version, so it is never stale).
const EDGE_SECONDS = 86_400;

/** A cached answer as this isolate keeps it: its bytes and every header a hit sends but the timing, merged once. */
interface HotAnswer {
  status: number;
  headers: [string, string][];
  body: ArrayBuffer;
  /** When the edge copy it mirrors expires (ms), Infinity for a cut's. */
  expires: number;
}

// The answers hit most recently, in this isolate's memory in front of the Cache API, so a hit is a map lookup
// and a Response over bytes already read: no Cache API call, no header merging. Bounded in bytes (least
// recently used out first), so a flood of distinct keys cannot grow it; a large answer is not kept.
const HOT_BYTES = 8 * 1024 * 1024;
const HOT_MAX_ANSWER = 512 * 1024;
const hot = new Map<string, HotAnswer>();
let hotBytes = 0;

function recall(key: string, now: number): HotAnswer | undefined {
  const answer = hot.get(key);
  if (!answer) return undefined;
  hot.delete(key);
  if (answer.expires <= now) {
    hotBytes -= answer.body.byteLength;
    return undefined;
  }
  hot.set(key, answer);
  return answer;
}

function remember(
  key: string,
  path: string,
  status: number,
  headers: Headers,
  body: ArrayBuffer,
  expires: number,
): HotAnswer {
  // The security headers too, so the middleware finds them all and has nothing to copy or add.
  for (const [name, value] of securityHeaderList(path)) if (!headers.has(name)) headers.set(name, value);
  const answer: HotAnswer = {
    status,
    headers: [...headers].filter(([name]) => name !== 'server-timing'),
    body,
    expires,
  };
  if (body.byteLength > HOT_MAX_ANSWER) return answer;
  const old = hot.get(key);
  if (old) hotBytes -= old.body.byteLength;
  hot.delete(key);
  hot.set(key, answer);
  hotBytes += body.byteLength;
  for (const [name, kept] of hot) {
    if (hotBytes <= HOT_BYTES) break;
    hot.delete(name);
    hotBytes -= kept.body.byteLength;
  }
  return answer;
}

// A hit: the kept bytes (copied into the Response) under the kept headers and this request's timing.
function hotResponse(answer: HotAnswer, rowsRead: number): Response {
  return new Response(answer.body, {
    status: answer.status,
    headers: [...answer.headers, ['Server-Timing', timing('hit', rowsRead)]],
  });
}

// When an edge copy expires, from its own Cache-Control (a cut's is kept for good).
function edgeExpiry(cached: Response, now: number): number {
  const control = cached.headers.get('Cache-Control') ?? '';
  if (control.includes('immutable')) return Infinity;
  const seconds = Number(/max-age=(\d+)/.exec(control)?.[1] ?? 0);
  return now + seconds * 1000;
}

// The Cache API handle, opened once per isolate: every cached answer asks for it.
let opened: Promise<Cache> | undefined;
const figuresCache = () => {
  opened ??= caches.open('figures');
  return opened;
};

function timing(cache: 'hit' | 'miss' | 'revalidated' | 'private', rowsRead: number): string {
  return `cache;desc="${cache}", d1;desc="rows_read=${rowsRead}"`;
}
