import { Hono } from 'hono';
import { DEFAULT_LANG, isLang } from '../../site/i18n/locales.ts';
import { useTranslations } from '../../site/i18n/ui.ts';
import { chooseProcess, loadModel, viewVersion } from '../dashboard/load.ts';
import { dashboardQuerySchema } from '../dashboard/params.ts';
import { DASHBOARD_CSS } from '../dashboard/styles.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/errors.ts';
import { serveVersioned } from '../lib/http-cache.ts';
import { sha256Hex } from '../lib/read-body.ts';
import { zodProblems } from '../lib/validate.ts';
import { embedDocument, embedErrorDocument } from './embed-document.ts';

const HTML = { 'Content-Type': 'text/html; charset=utf-8' };
let cssEtag: Promise<string> | undefined;

/** Today's date (UTC), which moves "days left" and so is part of every cache key. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** `/embed/*`: frame-able dashboard views for partners' sites, and their stylesheet. */
export const embedRoutes = new Hono<AppEnv>()
  .get('/registrations', async (c) => {
    const raw = c.req.query();
    const lang = isLang(raw.lang) ? raw.lang : DEFAULT_LANG;
    const parsed = dashboardQuerySchema.safeParse(raw);
    if (!parsed.success) {
      const problems = zodProblems(parsed.error).map((p) => `${p.field}: ${p.message}`);
      return c.html(embedErrorDocument(lang, useTranslations(lang)('embed.error.params'), problems), 422);
    }
    const query = parsed.data;
    let chosen: Awaited<ReturnType<typeof chooseProcess>>;
    try {
      chosen = await chooseProcess(c.env.DB, query.process);
    } catch (error) {
      if (error instanceof ApiError) return c.html(embedErrorDocument(lang, error.message, []), error.status);
      throw error;
    }
    const date = today();
    const variant = [
      query.lang,
      query.scope,
      query.entity ?? 'all',
      query.country ?? 'all',
      query.view,
      query.theme,
    ].join('.');
    const version = viewVersion(chosen.process, chosen.processes, date);
    const origin = new URL(c.req.url).origin;
    try {
      return await serveVersioned(
        c,
        {
          key: `embed/${version}/${variant}/${encodeURIComponent(origin)}`,
          etag: `"embed.${version}.${variant}"`,
          build: async () => {
            const model = await loadModel(c.env.DB, query, chosen, date);
            return { response: new Response(embedDocument(model, query.view, origin), { headers: HTML }), rowsRead: 0 };
          },
        },
        0,
      );
    } catch (error) {
      if (error instanceof ApiError) {
        return c.html(
          embedErrorDocument(
            lang,
            error.message,
            error.details.map((d) => JSON.stringify(d)),
          ),
          error.status,
        );
      }
      throw error;
    }
  })
  .get('/dashboard.css', async (c) => {
    cssEtag ??= sha256Hex(new TextEncoder().encode(DASHBOARD_CSS)).then((hash) => `"${hash.slice(0, 16)}"`);
    const etag = await cssEtag;
    c.header('ETag', etag);
    c.header('Cache-Control', 'public, max-age=3600, stale-while-revalidate=86400');
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    return c.body(DASHBOARD_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
