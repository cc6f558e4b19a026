import { Hono } from 'hono';
import { z } from 'zod';
import { PUBLIC_VIEWER } from '../../auth/viewer.ts';
import { embedSnippet } from '../../domain/embed-snippet.ts';
import { SIZES, type SizeName, TEMPLATE_PARAMS, type TemplateId } from '../../domain/infographics.ts';
import type { View } from '../../domain/views.ts';
import type { AppEnv } from '../../env.ts';
import { resolveProcess } from '../../processes/visible-process.ts';
import { ApiError } from '../../shared/errors.ts';
import { type UiKey, useTranslations } from '../../shared/i18n.ts';
import { parseOrThrow } from '../../shared/validate.ts';
import { embeddableQuery, embedUrl } from './embed-url.ts';
import type { OEmbedAnswer } from './oembed-answer.ts';
import { type DashboardQuery, dashboardQuerySchema } from './params.ts';

/** How long a consumer may keep an answer: the snippet of a URL does not change, its figures live in the frame. */
const CACHE_AGE = 86_400;
const DEFAULT = { width: 600, height: 600 };

const size = z.coerce.number().int().min(1).max(10_000).optional();

/** The query of `/oembed` (oEmbed 1.0, section 2.2). */
const oembedQuery = z.object({
  url: z.url({ protocol: /^https?$/, error: 'must be the absolute URL of a page of this site' }).max(2048),
  format: z.string().optional(),
  maxwidth: size,
  maxheight: size,
});

// The infographic that pictures each view: the frame's thumbnail.
const TEMPLATE_OF: Record<View, TemplateId> = {
  summary: 'registrations-total',
  countries: 'top-countries',
  entities: 'by-entity',
  modality: 'modality',
  timeline: 'registrations-total',
  demographics: 'registrations-total',
  changes: 'cut-changes',
};

/** The largest infographic that fits the consumer's bounds, with the figures the frame shows; none if none fits. */
function thumbnail(origin: string, query: DashboardQuery, slug: string, bounds: { width?: number; height?: number }) {
  const name = (Object.keys(SIZES) as SizeName[]).find(
    (candidate) =>
      SIZES[candidate].width <= (bounds.width ?? Infinity) && SIZES[candidate].height <= (bounds.height ?? Infinity),
  );
  if (!name) return {};
  const template = TEMPLATE_OF[query.view];
  const values: Record<string, string | undefined> = { ...query, process: slug, size: name };
  const params = new URLSearchParams();
  for (const param of TEMPLATE_PARAMS[template]) {
    const value = values[param];
    if (value) params.set(param, value);
  }
  return {
    thumbnail_url: `${origin}/api/v1/infographics/${template}.png?${params}`,
    thumbnail_width: SIZES[name].width,
    thumbnail_height: SIZES[name].height,
  };
}

function notEmbeddable(url: string, why: string): ApiError {
  return new ApiError('not_found', `${url.slice(0, 200)} cannot be embedded: ${why}`);
}

/** `GET /oembed` (errors in the API's one shape, by the app's `onError`: consumers are programs): oEmbed 1.0 for the dashboard, embed and cut report URLs of this site (the contract's "Embedding"). */
export const oembedRoutes = new Hono<AppEnv>().get('/oembed', async (c) => {
  const origin = new URL(c.req.url).origin;
  const asked = parseOrThrow(oembedQuery, c.req.query(), 'query', 'bad_request');
  if (asked.format !== undefined && asked.format !== 'json') {
    throw new ApiError('not_implemented', 'Only format=json is answered (oEmbed 1.0 allows a provider to omit XML).');
  }
  const url = new URL(asked.url);
  if (url.origin !== origin) throw notEmbeddable(asked.url, `only pages of ${origin} are.`);
  const raw = embeddableQuery(url);
  if (!raw) throw notEmbeddable(asked.url, 'only the dashboard, its embeds and the cut reports are.');
  const parsed = dashboardQuerySchema.safeParse(raw);
  if (!parsed.success) throw notEmbeddable(asked.url, 'its parameters name no figures of this site.');
  const query = parsed.data;
  // oEmbed answers are shared by every consumer: an unpublished process is unknown here, whoever asks.
  const chosen = await resolveProcess(c.env.DB, PUBLIC_VIEWER, query.process, query.cut);
  const slug = chosen.process.slug;
  const t = useTranslations(query.lang);
  const width = Math.min(DEFAULT.width, asked.maxwidth ?? Infinity);
  const height = Math.min(DEFAULT.height, asked.maxheight ?? Infinity);
  const html = embedSnippet({
    src: embedUrl(origin, query, slug),
    origin,
    title: t('dash.title'),
    height,
    maxWidth: asked.maxwidth,
  });
  const cut = chosen.cut ? ` · ${chosen.cut.date}` : '';
  c.header('Cache-Control', `public, max-age=${CACHE_AGE}`);
  c.header('Access-Control-Allow-Origin', '*');
  const answer: OEmbedAnswer = {
    type: 'rich',
    version: '1.0',
    title: `${t(`view.${query.view}` as UiKey)} · ${chosen.process.name[query.lang]}${cut}`,
    provider_name: 'Voto Extranjero',
    provider_url: `${origin}/${query.lang}/`,
    cache_age: CACHE_AGE,
    html,
    width,
    height,
    ...thumbnail(origin, query, slug, { width: asked.maxwidth, height: asked.maxheight }),
  };
  return c.json(answer);
});
