/** Bindings the Worker receives (wrangler.toml). */
export interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
  CF_VERSION_METADATA?: { id: string; tag?: string; timestamp?: string };
  EVENTS: Queue<EventMessage>;
  EVENTS_LIMITER?: RateLimit;
  /** `off` makes every infographic a fresh render (benchmarks set it with `wrangler dev --var`). */
  INFOGRAPHICS_CACHE?: string;
}

/** What the events endpoint puts on the queue: one counted event, already reduced to aggregates. */
export interface EventMessage {
  id: string;
  hour: string;
  day: string;
  visitor: string;
  /** [dimension, key] pairs this event increments. */
  counts: [string, string][];
  /** Scopes in which this visitor counts once per day ('site', 'page:/es/', 'ref:CODE', ...). */
  scopes: string[];
}

/** Hono generics for every router: bindings plus what middleware stores on the context. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    tokenScope?: TokenScope;
    tokenId?: string;
  };
}

/** What an API token may do: feed registrations or read staff reports. */
export type TokenScope = 'ingest' | 'staff' | 'partner';
