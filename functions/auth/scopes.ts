/**
 * What an API token may do: define processes and cuts (admin), feed registrations and nothing else (ingest), read
 * and import engagement and outreach figures (staff), read a partner's own referral figures (partner).
 */
export const TOKEN_SCOPES = ['admin', 'ingest', 'staff', 'partner'] as const;

/** One token scope. */
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** How long a token lives unless its creator says otherwise, in days. */
export const DEFAULT_TOKEN_DAYS = 365;
