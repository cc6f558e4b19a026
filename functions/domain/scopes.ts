/** What an API token may do: feed registrations, read staff reports, read a partner's own figures. */
export const TOKEN_SCOPES = ['ingest', 'staff', 'partner'] as const;

/** One token scope. */
export type TokenScope = (typeof TOKEN_SCOPES)[number];
