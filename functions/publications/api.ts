import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { errors, jsonAnswer } from '../shared/describe.ts';
import { validationHook } from '../shared/validate.ts';
import { ChainHeadAnswer, PublicationAnswer } from './answers.ts';
import { publicationOrThrow } from './lookup.ts';
import { chainHead, GENESIS_HASH } from './store.ts';

// A record never changes once written: its answer may be kept a while; the head moves with every new publication.
const RECORD_CACHE_CONTROL = 'public, max-age=300';

/** `/api/v1/publications`: a recorded publication by its code, and the chain's head. */
export const publicationRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook() })
  .openapi(
    createRoute({
      method: 'get',
      path: '/head',
      tags: ['Publications'],
      summary: "The chain's latest hash",
      description: 'Keep it: if a record is later removed or altered, the chain from the records no longer ends in it.',
      responses: { 200: jsonAnswer('The head of the chain.', ChainHeadAnswer), ...errors('service_unavailable') },
    }),
    async (c) => {
      const head = await chainHead(c.env.DB);
      c.header('Cache-Control', 'no-store');
      return c.json(
        {
          length: head?.seq ?? 0,
          hash: head?.hash ?? GENESIS_HASH,
          code: head?.code ?? null,
          created_at: head?.created_at ?? null,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{code}',
      tags: ['Publications'],
      summary: 'What was published under a verification code',
      request: { params: z.object({ code: z.string().describe('`XXXXX-XXXXX` (case and dash optional).') }) },
      responses: {
        200: jsonAnswer('The record.', PublicationAnswer),
        ...errors('bad_request', 'not_found', 'service_unavailable'),
      },
    }),
    async (c) => {
      const publication = await publicationOrThrow(c.env.DB, c.req.valid('param').code);
      c.header('Cache-Control', RECORD_CACHE_CONTROL);
      return c.json({ ...publication, verify_url: `/v/${publication.code}` }, 200);
    },
  );
