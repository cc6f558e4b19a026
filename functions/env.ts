import type { TokenScope } from './auth/scopes.ts';
import type { PackedEvents } from './metrics/event.ts';

/** The vars that configure sign-in through Cloudflare Access; an empty `ACCESS_TEAM_DOMAIN` means none (local, tests). */
export interface AccessVars {
  ACCESS_TEAM_DOMAIN?: string;
  ACCESS_AUD?: string;
  ACCESS_STAFF?: string;
  ACCESS_ADMINS?: string;
  ACCESS_PARTNERS?: string;
}

/** Bindings and vars the Worker receives (wrangler.toml); the ACCESS_* vars configure sign-in. */
export interface Env extends AccessVars {
  DB: D1Database;
  ASSETS: Fetcher;
  CF_VERSION_METADATA?: { id: string; tag?: string; timestamp?: string };
  EVENTS: Queue<PackedEvents>;
  /** Events per visitor (daily hash): 120 a minute. */
  EVENTS_LIMITER?: RateLimit;
  /** Events per client (IPv4 address, IPv6 /64): 600 a minute (public contract). */
  CLIENT_EVENTS_LIMITER?: RateLimit;
  /** Public reads that miss the edge cache, per client address: 300 a minute. */
  PUBLIC_LIMITER?: RateLimit;
  /** Events and public reads per IPv6 /48 (the per-client limiters key IPv6 by /64): 2,400 a minute each. */
  NETWORK_LIMITER?: RateLimit;
  /** `off` makes every infographic a fresh render (benchmarks set it with `wrangler dev --var`). */
  INFOGRAPHICS_CACHE?: string;
  /** Secret: the private Ed25519 JWK that signs published files (`{"kty","crv","x","d","kid","valid_from"}`). */
  SIGNING_KEY?: string;
  /** Var: JSON array of public JWKs that signed before, each with `valid_until` (listed so old files still verify). */
  RETIRED_SIGNING_KEYS?: string;
  /** `off` serves files unsigned (benchmarks of what signing costs set it with `wrangler dev --var`). */
  SIGNING?: string;
}

/** Hono generics for every router: bindings plus what middleware stores on the context. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    tokenScope?: TokenScope;
    tokenId?: string;
    /** The referral code of a partner token or a partner's sign-in. */
    referralCode?: string | null;
    /** The e-mail of a person signed in through Cloudflare Access (unset for API tokens). */
    personEmail?: string;
    /** Whether this request may see unpublished processes (functions/auth/viewer.ts), once asked. */
    seesUnpublished?: Promise<boolean>;
  };
}
