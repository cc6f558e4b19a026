import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { PARAM_SPECS, SIZE_NAMES, SIZES } from '../domain/infographics.ts';
import { signPng } from '../domain/signed-files/index.ts';
import type { AppEnv } from '../env.ts';
import { signingKey } from '../publications/keys.ts';
import { recordPublication } from '../publications/store.ts';
import { type CacheName, cacheName } from '../shared/cache-key.ts';
import { errors, jsonAnswer } from '../shared/describe.ts';
import { IMMUTABLE_CACHE_CONTROL, PRIVATE_CACHE_CONTROL, serveVersioned } from '../shared/http-cache.ts';
import { inEveryLanguage, type UiKey, useTranslations } from '../shared/i18n.ts';
import { validationHook } from '../shared/validate.ts';
import { ImageInfoAnswer, TemplateAnswer } from './answers.ts';
import { scaleOf } from './brand.ts';
import { imageContext } from './context.ts';
import { altTexts, drawPng, drawSvg } from './draw.ts';
import type { Timings } from './engine/engine.ts';
import { imagePublication } from './publication.ts';
import { FORMATS, type ImageRequest, imageUrl, parseImageRequest } from './request.ts';
import { TEMPLATES } from './templates/index.ts';

const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; frame-ancestors 'none'";

const TYPES = { png: 'image/png', svg: 'image/svg+xml; charset=utf-8', json: 'application/json; charset=utf-8' };

// The image's parameters depend on its template, so the route validates them itself (one schema per
// template, through parseOrThrow); the document lists every parameter any template takes.
const imageParameters = [
  ...Object.values(PARAM_SPECS).map((spec) => ({
    name: spec.name,
    in: 'query' as const,
    required: false,
    description: `${spec.name === 'page' ? 'Required by page-card: the path of a built page.' : 'Where the template takes it (see GET /api/v1/infographics).'}`,
    schema: {
      type: 'string' as const,
      ...('values' in spec ? { enum: [...spec.values] } : {}),
      ...('default' in spec ? { default: spec.default } : {}),
      ...('pattern' in spec ? { pattern: spec.pattern } : {}),
    },
  })),
  {
    name: 'v',
    in: 'query' as const,
    required: false,
    description: 'The data_version of the .json: such a URL is immutable, and redirects (302) once the figures change.',
    schema: { type: 'string' as const },
  },
];

/** `/api/v1/infographics`: the template list and the images (PNG, SVG) with their alt text (JSON). */
export const infographicRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook() })
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Infographics'],
      summary: 'The templates, their sizes and parameters',
      responses: { 200: jsonAnswer('Every template.', z.array(TemplateAnswer)) },
    }),
    (c) =>
      c.json(
        TEMPLATES.map((template) => {
          const key = `img.template.${template.id}` as UiKey;
          return {
            template: template.id,
            title: inEveryLanguage((lang) => useTranslations(lang)(key)),
            sizes: SIZE_NAMES,
            params: template.params,
            formats: FORMATS,
            dimensions: SIZES,
          };
        }),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{file}',
      tags: ['Infographics'],
      summary: 'An image of the current figures (PNG, SVG) or its alt text (JSON)',
      request: { params: z.object({ file: z.string().describe('`{template}.png`, `.svg` or `.json`.') }) },
      parameters: imageParameters,
      responses: {
        200: {
          description:
            'The image, cached under its data version (`ETag`, 304); `.json` gives its alt text in both languages.',
          content: {
            'image/png': { schema: { type: 'string', format: 'binary' } },
            'image/svg+xml': { schema: { type: 'string' } },
            'application/json': { schema: ImageInfoAnswer },
          },
        },
        302: { description: 'A `v` that is no longer current: the current image.' },
        ...errors('not_found', 'validation_failed', 'rate_limited', 'service_unavailable'),
      },
    }),
    async (c) => {
      const request = parseImageRequest(c.req.valid('param').file, c.req.queries());
      const { template, params, format } = request;
      const prepared = await template.prepare(imageContext(c), params);
      // A versioned URL (`v`, the data_version of its .json) never changes meaning: cache it for good. One
      // whose figures have moved on is sent to the current image rather than drawn with the wrong version.
      if (params.v && params.v !== prepared.version) {
        c.header('Cache-Control', prepared.private ? PRIVATE_CACHE_CONTROL : 'public, max-age=30');
        return c.redirect(imageUrl(template, format, params, prepared.version), 302);
      }
      let renderMs = 0;
      const phases: Timings & { sign?: number } = {};
      const entry = {
        // Only the template's own parameters name the image: `v` says which version, which the name has already.
        name: cacheName(`ig.${template.id}.${format}`, prepared.version, { ...params, v: undefined }),
        build: async () => {
          const { model, rowsRead, asOf } = await prepared.load();
          const publication = await imagePublication(request, model, prepared, asOf ?? null);
          // Recorded before the answer is cached, so every code a reader can see has its record. An unpublished
          // process's image is never recorded: the public, append-only record would outlive its privacy.
          if (!prepared.private) await recordPublication(c.env.DB, publication);
          const signer = format === 'png' ? await signingKey(c.env) : null;
          const started = performance.now();
          let body = await buildBody(request, model, prepared.version, publication.code, phases);
          // Signed once, before the answer is cached: a cached image costs nothing more.
          if (signer && body instanceof Uint8Array) {
            const signStarted = performance.now();
            body = await signPng(body, { code: publication.code, signer });
            phases.sign = performance.now() - signStarted;
          }
          renderMs = performance.now() - started;
          const headers: Record<string, string> = { 'Content-Type': TYPES[format] };
          if (format !== 'json') headers['Content-Disposition'] = `inline; filename="${fileName(request)}"`;
          // An SVG opened on its own is a document: its inline fonts and style may load, nothing else.
          if (format === 'svg') headers['Content-Security-Policy'] = SVG_CSP;
          return { response: new Response(body, { headers }), rowsRead };
        },
      };
      // `off` is for benchmarks of the renderer only: every request renders, outside the cache and its limit.
      const response =
        c.env.INFOGRAPHICS_CACHE === 'off'
          ? await uncached(entry)
          : await serveVersioned(
              c,
              // Nothing below depends on more than the URL: a repeat may be answered before routing.
              { ...entry, immutable: prepared.frozen, private: prepared.private, front: true },
              prepared.rowsRead,
            );
      if (renderMs > 0) {
        const entries = Object.entries({ render: renderMs, ...phases }).map(
          ([name, ms]) => `${name};dur=${ms.toFixed(2)}`,
        );
        response.headers.append('Server-Timing', entries.join(', '));
      }
      if (params.v && !prepared.private) response.headers.set('Cache-Control', IMMUTABLE_CACHE_CONTROL);
      return response;
    },
  );

/** A fresh render with the usual validators and no cache at all (for measuring renders). */
async function uncached(entry: { name: CacheName; build: () => Promise<{ response: Response }> }): Promise<Response> {
  const { response } = await entry.build();
  response.headers.set('ETag', entry.name.etag);
  response.headers.set('Cache-Control', 'no-store');
  response.headers.set('Server-Timing', 'cache;desc="off"');
  return response;
}

async function buildBody(
  request: ImageRequest,
  model: unknown,
  version: string,
  code: string,
  timings: Timings,
): Promise<BodyInit> {
  const { template, params, format } = request;
  if (format === 'png') return (await drawPng(request, model, code, timings)) as Uint8Array<ArrayBuffer>;
  if (format === 'svg') return drawSvg(request, model, code, true, timings);
  const { width, height } = scaleOf(params.size);
  return JSON.stringify({
    template: template.id,
    size: params.size,
    width,
    height,
    alt: altTexts(request, model),
    data_version: version,
    code,
    verify_url: `/v/${code}`,
    png: imageUrl(template, 'png', params, version),
    svg: imageUrl(template, 'svg', params, version),
  } satisfies z.output<typeof ImageInfoAnswer>);
}

/** `voto-top-countries-pel-2022-2023-es-square.png`: the parameters' values, in order, as a file name. */
function fileName(request: ImageRequest): string {
  const values = request.template.params
    .map(({ name }) => request.params[name])
    .filter((value): value is string => typeof value === 'string' && value !== '')
    .map((value) => value.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, ''))
    .filter(Boolean);
  return `voto-${[request.template.id, ...values].join('-')}.${request.format}`;
}
