import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { scoped } from '../auth/scoped.ts';
import { processBodySchema, processSlugSchema } from '../domain/registration.ts';
import type { AppEnv } from '../env.ts';
import { bodyOf, errors, jsonAnswer } from '../shared/describe.ts';
import { ApiError } from '../shared/errors.ts';
import { unknownProcess } from '../shared/problems.ts';
import { readJson } from '../shared/read-json.ts';
import { validationHook } from '../shared/validate.ts';
import { ProcessAnswer, ProcessListAnswer } from './answers.ts';
import { getProcess, listProcesses, type ProcessRecord, putProcess, usedEntitiesAndModalities } from './store.ts';
import { forgetProcess } from './versions.ts';

/** The public view of a process, with links to its figures. */
function present(process: ProcessRecord) {
  const base = `/api/v1/registrations/${process.slug}`;
  return { ...process, links: { summary: `${base}/summary`, countries_csv: `${base}/countries.csv` } };
}

const slugParam = z.object({ slug: z.string().describe('The process slug, `^[a-z0-9][a-z0-9-]{1,62}$`.') });

/** `/api/v1/processes`: list and read publicly; create or replace with an admin token (an ingest token gets 403). */
export const processRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook() })
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Processes'],
      summary: 'Every electoral process',
      responses: { 200: jsonAnswer('The processes, newest registration window first.', ProcessListAnswer) },
    }),
    async (c) => {
      c.header('Access-Control-Allow-Origin', '*');
      c.header('Cache-Control', 'public, max-age=60');
      return c.json({ processes: (await listProcesses(c.env.DB)).map(present) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{slug}',
      tags: ['Processes'],
      summary: 'One electoral process',
      request: { params: slugParam },
      responses: { 200: jsonAnswer('The process.', ProcessAnswer), ...errors('not_found') },
    }),
    async (c) => {
      const { slug } = c.req.valid('param');
      const process = await getProcess(c.env.DB, slug);
      if (!process) throw unknownProcess(slug);
      c.header('Access-Control-Allow-Origin', '*');
      c.header('Cache-Control', 'public, max-age=60');
      return c.json(present(process), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{slug}',
      tags: ['Processes'],
      summary: 'Create or replace an electoral process',
      ...scoped('admin'),
      request: {
        params: z.object({ slug: processSlugSchema }),
        body: bodyOf(processBodySchema, ['application/json'], 'The definition of the process (at most 64 KB).'),
      },
      responses: {
        200: jsonAnswer('Replaced.', ProcessAnswer),
        201: jsonAnswer('Created.', ProcessAnswer),
        ...errors(
          'bad_request',
          'unauthorized',
          'forbidden',
          'conflict',
          'payload_too_large',
          'unsupported_media_type',
          'validation_failed',
        ),
      },
    }),
    async (c) => {
      const { slug } = c.req.valid('param');
      const body = await readJson(c, processBodySchema);
      // Checked before (for the message) and enforced again by the write itself (against a batch in between).
      const refuseDrops = async () => {
        const used = await usedEntitiesAndModalities(c.env.DB, slug);
        const droppedEntities = used.entities.filter((e) => !body.entities.includes(e as never));
        const droppedModalities = used.modalities.filter((m) => !body.modalities.includes(m as never));
        if (droppedEntities.length || droppedModalities.length) {
          throw new ApiError(
            'conflict',
            'This process already has applications for states or modalities the new definition leaves out; keep them in the lists.',
            [
              ...droppedEntities.map((e) => ({ field: 'entities', message: `state ${e} has applications` })),
              ...droppedModalities.map((m) => ({ field: 'modalities', message: `modality ${m} has applications` })),
            ],
          );
        }
      };
      await refuseDrops();
      const { created } = await putProcess(c.env.DB, slug, body);
      forgetProcess(slug);
      await refuseDrops();
      const process = await getProcess(c.env.DB, slug);
      if (!process) throw unknownProcess(slug);
      return c.json(present(process), created ? 201 : 200);
    },
  );
