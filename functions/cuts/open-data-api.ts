import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { PUBLIC_VIEWER } from '../auth/viewer.ts';
import type { View } from '../domain/views.ts';
import type { AppEnv } from '../env.ts';
import { listCuts } from '../processes/cut-store.ts';
import { figureSource } from '../processes/figure-source.ts';
import { resolveProcess, visibleProcesses } from '../processes/visible-process.ts';
import { FIGURE_FILTERS, langField } from '../registrations/figure-query.ts';
import { errors, jsonAnswer, processParam, textAnswer } from '../shared/describe.ts';
import { useTranslations } from '../shared/i18n.ts';
import { validationHook } from '../shared/validate.ts';
import { cutsFeed } from './atom.ts';
import { countryByStateFields, dataPackage, ENTITY_FIELDS, type TableResource, VIEW_FIELDS } from './datapackage.ts';

const ATOM = 'application/atom+xml; charset=utf-8';
// The views whose CSV has the `table,code,label,count,share` columns (the timeline and changes have others).
const TABLE_VIEWS: View[] = ['summary', 'countries', 'entities', 'modality', 'demographics'];
const feedQuery = z.object({ lang: langField });

/** `…/datapackage.json` and the Atom feeds of cuts: the figures described for data tools and feed readers. */
export const openDataRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook() })
  .openapi(
    createRoute({
      method: 'get',
      path: '/{process}/datapackage.json',
      tags: ['Registrations'],
      summary: "A Frictionless Data Package (v2) of the process's CSVs: schemas, units, licence, sources (public)",
      request: { params: processParam, query: z.object({ cut: FIGURE_FILTERS.cut }) },
      responses: {
        200: jsonAnswer(
          'The descriptor; with `cut=`, of that cut (the same as inside its zip, with URLs).',
          z.object({}).passthrough(),
        ),
        ...errors('not_found', 'validation_failed'),
      },
    }),
    async (c) => {
      const slug = c.req.valid('param').process;
      const { cut: date } = c.req.valid('query');
      // Open data is public and cached for everyone: it never describes an unpublished process, whoever asks.
      const { process, cut } = await figureSource(c.env.DB, PUBLIC_VIEWER, slug, date);
      const origin = new URL(c.req.url).origin;
      const api = `${origin}/api/v1/registrations/${slug}`;
      const at = cut ? `&cut=${cut.date}` : '';
      const resources: TableResource[] = [
        ...(['received', 'cumple'] as const).map((scope) => ({
          name: `country-by-state-${scope}`,
          path: `${api}/countries.csv?scope=${scope}${at}`,
          title: `Applications by country and state (${scope === 'received' ? 'received' : 'meeting requirements'})`,
          fields: countryByStateFields(process.entities),
        })),
        ...TABLE_VIEWS.map((view) => ({
          name: `view-${view}`,
          path: `${api}/views/${view}.csv?lang=es${at}`,
          title: `${useTranslations('es')(`view.${view}`)} (es)`,
          fields: VIEW_FIELDS,
        })),
        {
          name: 'entities',
          path: `${origin}/api/v1/entities.csv`,
          title: 'The states: INEGI, ISO 3166-2, OCD ids',
          fields: ENTITY_FIELDS,
        },
      ];
      c.header('Cache-Control', cut ? 'public, max-age=86400' : 'public, max-age=60');
      return c.json(dataPackage({ process, cut, origin, resources }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{process}/cuts.atom',
      tags: ['Registrations'],
      summary: 'An Atom feed announcing each cut of the process, with its totals and links (public)',
      request: { params: processParam, query: feedQuery },
      responses: {
        200: textAnswer('Atom 1.0 (RFC 4287), newest cut first.', 'application/atom+xml'),
        ...errors('not_found', 'validation_failed'),
      },
    }),
    async (c) => {
      const slug = c.req.valid('param').process;
      const { lang } = c.req.valid('query');
      const { process } = await resolveProcess(c.env.DB, PUBLIC_VIEWER, slug);
      const origin = new URL(c.req.url).origin;
      const cuts = (await listCuts(c.env.DB, slug)).map((cut) => ({ process, cut }));
      const body = cutsFeed({
        origin,
        lang,
        self: `${origin}/api/v1/registrations/${slug}/cuts.atom${lang === 'es' ? '' : `?lang=${lang}`}`,
        alternate: `${origin}/${lang}/dashboard/?process=${slug}`,
        title: `Voto Extranjero · ${process.name[lang]} · ${useTranslations(lang)('dash.cuts')}`,
        cuts,
        updatedFallback: process.updated_at,
      });
      return c.body(body, 200, { 'Content-Type': ATOM, 'Cache-Control': 'public, max-age=300' });
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/cuts.atom',
      tags: ['Registrations'],
      summary: 'An Atom feed announcing each cut of every process (public)',
      request: { query: feedQuery },
      responses: {
        200: textAnswer('Atom 1.0 (RFC 4287), newest cut first.', 'application/atom+xml'),
        ...errors('validation_failed'),
      },
    }),
    async (c) => {
      const { lang } = c.req.valid('query');
      const origin = new URL(c.req.url).origin;
      const { processes } = await visibleProcesses(c.env.DB, PUBLIC_VIEWER);
      const cuts = (
        await Promise.all(
          processes.map(async (process) => (await listCuts(c.env.DB, process.slug)).map((cut) => ({ process, cut }))),
        )
      ).flat();
      const body = cutsFeed({
        origin,
        lang,
        self: `${origin}/api/v1/registrations/cuts.atom${lang === 'es' ? '' : `?lang=${lang}`}`,
        alternate: `${origin}/${lang}/dashboard/`,
        title: `Voto Extranjero · ${useTranslations(lang)('dash.cuts')}`,
        cuts,
        updatedFallback:
          processes
            .map((p) => p.updated_at)
            .sort()
            .at(-1) ?? new Date(0).toISOString(),
      });
      return c.body(body, 200, { 'Content-Type': ATOM, 'Cache-Control': 'public, max-age=300' });
    },
  );
