/** Bindings the Worker receives (wrangler.toml). */
export interface Env {
  DB: D1Database;
  ASSETS: Fetcher;
  CF_VERSION_METADATA?: { id: string; tag?: string; timestamp?: string };
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
export type TokenScope = 'ingest' | 'staff';
