import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { scoped } from '../auth/scoped.ts';
import { viewerOf } from '../auth/viewer.ts';
import { isoDate } from '../domain/registration.ts';
import type { AppEnv } from '../env.ts';
import { type CutRecord, listCuts } from '../processes/cut-store.ts';
import { figureSource, serveFigures } from '../processes/figure-source.ts';
import { currentProcess, forgetCut, forgetProcess } from '../processes/versions.ts';
import { resolveProcess } from '../processes/visible-process.ts';
import { signingKey } from '../publications/keys.ts';
import { recordPublication } from '../publications/store.ts';
import { CutChangesAnswer } from '../registrations/answers.ts';
import { readCutChanges } from '../registrations/changes.ts';
import { FIGURE_FILTERS } from '../registrations/figure-query.ts';
import { readCountryEntityTable, readSummary } from '../registrations/summary.ts';
import { bodyErrors, bodyOf, errors, jsonAnswer, processParam } from '../shared/describe.ts';
import { ApiError } from '../shared/errors.ts';
import { PRIVATE_CACHE_CONTROL } from '../shared/http-cache.ts';
import { requireEntityInProcess, unknownProcess } from '../shared/problems.ts';
import { readJson } from '../shared/read-json.ts';
import { validationHook } from '../shared/validate.ts';
import { CutAnswer, CutListAnswer } from './answers.ts';
import { mexicoCityTime } from './calendar.ts';
import { cutPackage } from './package.ts';
import { takeCut } from './take.ts';

/** The body of `POST …/cuts`: the cut's name. */
const cutBodySchema = z.strictObject({ date: isoDate });

const dateParam = processParam.extend({ date: z.string().describe('The cut, `YYYY-MM-DD`.') });

/** A cut as the API lists it, with the links to everything it can be read as. */
function present(cut: CutRecord) {
  const base = `/api/v1/registrations/${cut.process}`;
  const query = `process=${cut.process}&cut=${cut.date}`;
  return {
    date: cut.date,
    taken_at: cut.taken_at,
    as_of: cut.as_of,
    total: cut.total,
    cumple: cut.cumple,
    links: {
      summary: `${base}/summary?cut=${cut.date}`,
      countries_csv: `${base}/countries.csv?cut=${cut.date}`,
      changes: `${base}/cuts/${cut.date}/changes`,
      package: `${base}/cuts/${cut.date}.zip`,
      report_es: `/es/dashboard/cortes/${cut.process}/${cut.date}/`,
      report_en: `/en/dashboard/cortes/${cut.process}/${cut.date}/`,
      dashboard_es: `/es/dashboard/?${query}`,
      dashboard_en: `/en/dashboard/?${query}`,
      embed: `/embed/registrations?${query}`,
    },
  };
}

/** `/api/v1/registrations/{process}/cuts…`: list, take (admin), what changed, the data package. */
export const cutRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook() })
  .openapi(
    createRoute({
      method: 'get',
      path: '/{process}/cuts',
      tags: ['Registrations'],
      summary: 'The cuts of a process, newest first (public)',
      request: { params: processParam },
      responses: { 200: jsonAnswer('The cuts.', CutListAnswer), ...errors('not_found') },
    }),
    async (c) => {
      const slug = c.req.valid('param').process;
      const chosen = await resolveProcess(c.env.DB, viewerOf(c), slug);
      c.header('Access-Control-Allow-Origin', '*');
      c.header('Cache-Control', chosen.private ? PRIVATE_CACHE_CONTROL : 'public, max-age=60');
      return c.json((await listCuts(c.env.DB, slug)).map(present), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{process}/cuts',
      tags: ['Registrations'],
      summary: 'Take a cut now under a date (admin)',
      ...scoped('admin'),
      request: {
        params: processParam,
        body: bodyOf(cutBodySchema, ['application/json'], '`{"date": "YYYY-MM-DD"}`: the name of the cut.'),
      },
      responses: {
        201: jsonAnswer('Taken.', CutAnswer),
        ...bodyErrors('not_found', 'conflict'),
      },
    }),
    async (c) => {
      const slug = c.req.valid('param').process;
      const { process } = await currentProcess(c.env.DB, slug);
      if (!process) throw unknownProcess(slug);
      const { date } = await readJson(c, cutBodySchema);
      const today = mexicoCityTime(Date.now()).date;
      const problem =
        date > today
          ? `must not be after today in Mexico City (${today}): a cut describes a day that has begun`
          : date < process.registration_opens
            ? `must not be before the registration window opened (${process.registration_opens})`
            : null;
      if (problem)
        throw new ApiError('validation_failed', `The cut's date ${problem}.`, [{ field: 'date', message: problem }]);
      // A cut older than the latest would change what the later cuts' immutable `changes` compare with.
      const [latest] = await listCuts(c.env.DB, slug);
      if (latest && date < latest.date) {
        throw new ApiError(
          'conflict',
          `The process '${slug}' already has a later cut (${latest.date}); a cut of ${date} would change what that one is compared with. Cuts are taken in order.`,
        );
      }
      const { created } = await takeCut(c.env.DB, slug, date, new Date().toISOString());
      forgetProcess(slug);
      forgetCut(slug, date);
      const cut = (await listCuts(c.env.DB, slug)).find((one) => one.date === date);
      if (!created || !cut) {
        throw new ApiError('conflict', `The process '${slug}' already has a cut of ${date}; a cut never changes.`);
      }
      return c.json(present(cut), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{process}/cuts/{date}/changes',
      tags: ['Registrations'],
      summary: 'What changed between a cut and the one before it (public, immutable)',
      request: { params: dateParam, query: z.object({ ...FIGURE_FILTERS }).omit({ cut: true }) },
      responses: {
        200: jsonAnswer('Each breakdown, largest moves first.', CutChangesAnswer),
        304: { description: 'Not modified (`If-None-Match`).' },
        ...errors('not_found', 'validation_failed', 'rate_limited'),
      },
    }),
    async (c) => {
      const { process: slug, date } = c.req.valid('param');
      const query = c.req.valid('query');
      const source = await figureSource(c.env.DB, viewerOf(c), slug, cutDate(date));
      const { process, cut } = source;
      if (!cut) throw new ApiError('not_found', 'No cut.');
      requireEntityInProcess(process, query.entity);
      const filters = { entity: query.entity ?? null, country: query.country ?? null };
      return serveFigures(c, source, 'cut-changes', query, async () => {
        const live = (await currentProcess(c.env.DB, slug)).process ?? process;
        const { value, rowsRead } = await readCutChanges(c.env.DB, live, cut, query.scope, filters);
        const headers = { 'Content-Type': 'application/json; charset=utf-8' };
        return { response: new Response(JSON.stringify(value), { headers }), rowsRead };
      });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{process}/cuts/{file}',
      tags: ['Registrations'],
      summary: 'The data package of a cut: CSVs, metadata.json and a bilingual README.md (public, immutable)',
      request: { params: processParam.extend({ file: z.string().describe('`YYYY-MM-DD.zip`.') }) },
      responses: {
        200: {
          description:
            "A zip: one CSV per table, `metadata.json` (process, cut, taken_at, as_of, scope, licence, how to cite, SHA-256 of each CSV), `datapackage.json` (Frictionless Data Package v2: each table's schema, units, licence, sources, temporal coverage) and `README.md` in Spanish and English.",
          content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
        },
        ...errors('not_found', 'rate_limited'),
      },
    }),
    async (c) => {
      const { process: slug, file } = c.req.valid('param');
      const date = /^(.+)\.zip$/.exec(file)?.[1];
      if (!date) throw new ApiError('not_found', `There is no file '${file.slice(0, 60)}': ask for YYYY-MM-DD.zip.`);
      const source = await figureSource(c.env.DB, viewerOf(c), slug, cutDate(date));
      const { process, cut } = source;
      if (!cut) throw new ApiError('not_found', 'No cut.');
      const origin = new URL(c.req.url).origin;
      // The package's datapackage.json holds absolute URLs: one entry per origin that serves it.
      return serveFigures(c, source, 'cut-package', { origin }, async () => {
        const filters = { entity: null, country: null };
        const summary = await readSummary(c.env.DB, process, 'received', filters, cut.date);
        const byState = await readCountryEntityTable(c.env.DB, process, 'received', cut.date);
        const { zip, publication } = await cutPackage({
          process,
          processes: source.processes,
          cut,
          summary: summary.value,
          byState: byState.value,
          origin,
          signer: await signingKey(c.env),
        });
        // Recorded before it is cached; never for an unpublished process (the record is public forever).
        if (!source.private) await recordPublication(c.env.DB, publication);
        return {
          response: new Response(zip as Uint8Array<ArrayBuffer>, {
            headers: {
              'Content-Type': 'application/zip',
              'Content-Disposition': `attachment; filename="${slug}-corte-${date}.zip"`,
            },
          }),
          rowsRead: summary.rowsRead + byState.rowsRead,
        };
      });
    },
  );

/** A path's date, or the 404 a malformed one gets (it names no cut). */
function cutDate(date: string): string {
  if (!isoDate.safeParse(date).success) {
    throw new ApiError('not_found', `There is no cut '${date.slice(0, 20)}': cuts are named YYYY-MM-DD.`);
  }
  return date;
}
