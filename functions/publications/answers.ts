import { z } from '@hono/zod-openapi';

// The shapes of this feature's API answers, for the OpenAPI document.

/** One recorded publication: what was shown under a code, and its link in the chain. */
export const PublicationAnswer = z
  .object({
    code: z.string().describe('`XXXXX-XXXXX`, Crockford base 32.'),
    kind: z.enum(['image', 'embed', 'csv', 'package']),
    process: z.string(),
    version: z.string().describe('`v<data_version>` of the live figures, or `cut-YYYY-MM-DD`.'),
    as_of: z.string().nullable(),
    figures: z.unknown().describe('Exactly the figures that were shown, as JSON (the small-group rule applied).'),
    render: z.object({ path: z.string(), lang: z.string().optional() }).describe('Where it was served.'),
    created_at: z.string().describe('When it was first served (UTC).'),
    seq: z.number().int().describe('Its place in the chain, from 1.'),
    prev_hash: z.string().describe('The hash of the record before it (64 zeros for the first).'),
    hash: z.string().describe('SHA-256 of the RFC 8785 JSON of every field above but `seq` and `hash`.'),
    verify_url: z.string().describe('`/v/{code}`: the page that shows it.'),
  })
  .openapi('Publication');

/** The chain's head: its latest record. */
export const ChainHeadAnswer = z
  .object({
    length: z.number().int().describe('How many publications are recorded.'),
    hash: z.string().describe("The latest record's hash (64 zeros while none is recorded)."),
    code: z.string().nullable(),
    created_at: z.string().nullable(),
  })
  .openapi('PublicationChainHead');
