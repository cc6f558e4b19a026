import { z } from '@hono/zod-openapi';
import { TOKEN_SCOPES } from './scopes.ts';

// The shapes of this feature's API answers, for the OpenAPI document.

/** `GET /api/v1/me`: the signed-in person. */
export const MeAnswer = z
  .object({
    email: z.string(),
    scopes: z.array(z.enum(TOKEN_SCOPES)),
    referral_code: z.string().nullable(),
    sign_out: z.string().describe('Access’s logout path on this host.'),
  })
  .openapi('Me');
