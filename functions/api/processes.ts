import { Hono } from 'hono';
import { requireScope } from '../auth/require-scope.ts';
import { forgetProcess } from '../data/data-version.ts';
import {
  getProcess,
  listProcesses,
  type ProcessRecord,
  putProcess,
  usedEntitiesAndModalities,
} from '../data/processes.ts';
import { processBodySchema, processSlugSchema } from '../domain/registration.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/errors.ts';
import { unknownProcess } from '../lib/problems.ts';
import { readJson } from '../lib/read-json.ts';
import { parseOrThrow } from '../lib/validate.ts';

/** The public view of a process, with links to its figures. */
function present(process: ProcessRecord) {
  const base = `/api/v1/registrations/${process.slug}`;
  return { ...process, links: { summary: `${base}/summary`, countries_csv: `${base}/countries.csv` } };
}

/** Loads a process or answers 404 in the contract's shape. */
async function requireProcess(db: D1Database, slug: string): Promise<ProcessRecord> {
  const process = await getProcess(db, slug);
  if (!process) throw unknownProcess(slug);
  return process;
}

/** `/api/v1/processes`: list and read publicly; create or replace with an ingest token. */
export const processRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({ processes: (await listProcesses(c.env.DB)).map(present) });
  })
  .get('/:slug', async (c) => {
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(present(await requireProcess(c.env.DB, c.req.param('slug'))));
  })
  .put('/:slug', requireScope('ingest'), async (c) => {
    const slug = parseOrThrow(processSlugSchema, c.req.param('slug'), 'process slug');
    const body = await readJson(c, processBodySchema);
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
    const { created } = await putProcess(c.env.DB, slug, body);
    forgetProcess(slug);
    return c.json(present(await requireProcess(c.env.DB, slug)), created ? 201 : 200);
  });
