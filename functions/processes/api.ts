import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { scoped } from '../auth/scoped.ts';
import { viewerOf } from '../auth/viewer.ts';
import { processBodySchema, processSlugSchema } from '../domain/registration.ts';
import type { AppEnv } from '../env.ts';
import { bodyErrors, bodyOf, errors, jsonAnswer } from '../shared/describe.ts';
import { ApiError } from '../shared/errors.ts';
import { PRIVATE_CACHE_CONTROL } from '../shared/http-cache.ts';
import { unknownProcess } from '../shared/problems.ts';
import { readJson } from '../shared/read-json.ts';
import { validationHook } from '../shared/validate.ts';
import { ProcessAnswer, ProcessListAnswer } from './answers.ts';
import { deleteProcess, getProcess, type ProcessRecord, putProcess, usedEntitiesAndModalities } from './store.ts';
import { forgetProcess } from './versions.ts';
import { resolveProcess, visibleProcesses } from './visible-process.ts';

/** The public view of a process, with links to its figures. */
function present(process: ProcessRecord) {
  const base = `/api/v1/registrations/${process.slug}`;
  return { ...process, links: { summary: `${base}/summary`, countries_csv: `${base}/countries.csv` } };
}

const slugParam = z.object({ slug: z.string().describe('The process slug, `^[a-z0-9][a-z0-9-]{1,62}$`.') });

/**
 * `/api/v1/processes`: list and read publicly (unpublished processes only for admin and staff); create, replace,
 * publish or delete an unpublished one with an admin token (an ingest token gets 403).
 */
export const processRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook() })
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Processes'],
      summary: 'Every electoral process',
      description:
        'The published processes; an `admin` or `staff` token (or a staff sign-in) also gets the unpublished ones, each with its `published` flag.',
      responses: { 200: jsonAnswer('The processes, newest registration window first.', ProcessListAnswer) },
    }),
    async (c) => {
      const list = await visibleProcesses(c.env.DB, viewerOf(c));
      c.header('Access-Control-Allow-Origin', '*');
      c.header('Cache-Control', list.private ? PRIVATE_CACHE_CONTROL : 'public, max-age=60');
      return c.json({ processes: list.processes.map(present) }, 200);
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
      const { process } = await resolveProcess(c.env.DB, viewerOf(c), slug);
      c.header('Access-Control-Allow-Origin', '*');
      c.header('Cache-Control', process.published ? 'public, max-age=60' : PRIVATE_CACHE_CONTROL);
      return c.json(present(process), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/{slug}',
      tags: ['Processes'],
      summary: 'Create, replace or publish an electoral process',
      description:
        'A new process is unpublished unless the body says `"published": true`; `true` publishes it (and records `published_at`), an omitted `published` keeps its state, and `false` on a published process is a 409: publishing cannot be undone.',
      ...scoped('admin'),
      request: {
        params: z.object({ slug: processSlugSchema }),
        body: bodyOf(processBodySchema, ['application/json'], 'The definition of the process (at most 64 KB).'),
      },
      responses: {
        200: jsonAnswer('Replaced.', ProcessAnswer),
        201: jsonAnswer('Created.', ProcessAnswer),
        ...bodyErrors('conflict'),
      },
    }),
    async (c) => {
      const { slug } = c.req.valid('param');
      const body = await readJson(c, processBodySchema);
      if (body.published === false && (await getProcess(c.env.DB, slug))?.published) {
        throw new ApiError(
          'conflict',
          `The process '${slug}' is published, and publishing cannot be undone: its figures may already be cited. Leave out "published" to change its definition.`,
          [{ field: 'published', message: 'must not be false for a published process' }],
        );
      }
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
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{slug}',
      tags: ['Processes'],
      summary: 'Delete an unpublished process (a rehearsal) with all its data',
      description:
        'Removes the process, its applications, figures, cuts and batch records in one transaction. A published process is a 409: its figures may already be cited.',
      ...scoped('admin'),
      request: { params: slugParam },
      responses: {
        204: { description: 'Deleted: the slug is free again (a process created under it starts with new figures).' },
        ...errors('unauthorized', 'forbidden', 'not_found', 'conflict'),
      },
    }),
    async (c) => {
      const { slug } = c.req.valid('param');
      const { deleted, published } = await deleteProcess(c.env.DB, slug);
      forgetProcess(slug);
      if (published) {
        throw new ApiError(
          'conflict',
          `The process '${slug}' is published and cannot be deleted: its figures may already be cited. Only unpublished processes (rehearsals) can be.`,
        );
      }
      if (!deleted) throw unknownProcess(slug);
      return c.body(null, 204);
    },
  );
