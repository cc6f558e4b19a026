// Issue 32: a repeat of a public cached read is answered before routing, by its exact URL, with the final bytes and
// headers its last full answer had: no Hono, no middleware, no validation, no memo or cache-key work. Only a URL that
// was just answered in full (validated, resolved, 200, public) is kept, for a second at most and until this isolate
// changes a process, so an invalid query still gets its 400 and a withheld or unpublished figure is never served.

/** What a kept answer needs from the in-memory cache entry it mirrors: its bytes and when its edge copy expires. */
export interface FrontBody {
  body: ArrayBuffer;
  expires: number;
}

interface FrontAnswer {
  kept: FrontBody;
  status: number;
  headers: [string, string][];
  until: number;
}

// A kept URL is trusted for one second: the process memo it was resolved with may be up to 10 s old, so a change made
// in another isolate shows at most a second later than it does on the routed path (the contract allows 60 s).
const FRONT_MS = 1_000;
// Distinct URLs kept at once (`utm_*` variants of one answer are distinct URLs sharing one body).
const FRONT_MAX = 2_000;
const HIT_TIMING: [string, string] = ['Server-Timing', 'cache;desc="hit", d1;desc="rows_read=0"'];
const front = new Map<string, FrontAnswer>();
// The requests a route answered from a public cache entry that may be kept by URL, set during routing.
const offered = new WeakMap<Request, FrontBody>();

// A credential or a validator changes what the routed path answers (a private answer, a 304): those are routed.
function routedOnly(headers: Headers): boolean {
  return (
    headers.has('authorization') ||
    headers.has('cookie') ||
    headers.has('cf-access-jwt-assertion') ||
    headers.has('if-none-match')
  );
}

/** The kept answer to a repeat of a recent public GET of the same URL, or undefined: then route it. */
export function frontAnswer(request: Request, now = Date.now()): Response | undefined {
  if (request.method !== 'GET' || front.size === 0) return undefined;
  const answer = front.get(request.url);
  if (!answer || routedOnly(request.headers)) return undefined;
  if (answer.until <= now || answer.kept.expires <= now) {
    front.delete(request.url);
    return undefined;
  }
  return new Response(answer.kept.body, { status: answer.status, headers: answer.headers });
}

/** Called by the cache on a public answer of a route that opted in: the final response to `request` may be kept. */
export function offerFront(request: Request, kept: FrontBody): void {
  offered.set(request, kept);
}

/** After routing: keeps an offered 200's final headers (every middleware's included) under its URL. */
export function keepFront(request: Request, response: Response, now = Date.now()): void {
  const kept = offered.get(request);
  if (!kept || request.method !== 'GET' || response.status !== 200 || routedOnly(request.headers)) return;
  const headers = [...response.headers].filter(([name]) => name !== 'server-timing');
  headers.push(HIT_TIMING);
  front.delete(request.url);
  front.set(request.url, { kept, status: response.status, headers, until: now + FRONT_MS });
  // Oldest first: drop what has expired, then whatever is over the bound.
  for (const [url, answer] of front) {
    if (answer.until > now && front.size <= FRONT_MAX) break;
    front.delete(url);
  }
}

/** Forgets every kept URL: this isolate changed a process (published, deleted, new data, audited). */
export function forgetFrontAnswers(): void {
  front.clear();
}
