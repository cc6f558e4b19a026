import { type Context, Hono } from 'hono';
import { viewerOf } from '../auth/viewer.ts';
import { STAFF_TEMPLATES, TEMPLATE_PARAMS } from '../domain/infographics.ts';
import type { AppEnv } from '../env.ts';
import type { ProcessRecord } from '../processes/store.ts';
import { visibleProcesses } from '../processes/visible-process.ts';
import { cacheName } from '../shared/cache-key.ts';
import { ApiError } from '../shared/errors.ts';
import { html } from '../shared/html.ts';
import { htmlErrors } from '../shared/html-errors.ts';
import { serveVersioned } from '../shared/http-cache.ts';
import { type Lang, useTranslations } from '../shared/i18n.ts';
import { problemsHtml } from '../shared/problem-html.ts';
import { LANG_SEGMENT, pageLang, renderInShell, wholePage } from '../shared/shell.ts';
import { parseOrThrow } from '../shared/validate.ts';
import { scaleOf } from './brand.ts';
import { imageContext } from './context.ts';
import { type ImageRequest, imageUrl } from './request.ts';
import { shortHash } from './templates/common.ts';
import { TEMPLATE_BY_ID } from './templates/index.ts';
import type { Prepared } from './templates/types.ts';

// The form's fields: the values the page shows (its selected options).
const FORM_FIELDS = ['process', 'template', 'scope', 'entity', 'country', 'cut', 'lang', 'size'] as const;

/** The form's values: what the query asked for, validated (a good choice) or as asked (a refused one, never cached). */
type FormValues = Readonly<Record<string, unknown>>;

/** Validates the page's query as the image endpoint would (only the fields the chosen template takes). */
function pageRequest(query: Record<string, string>, lang: Lang): ImageRequest {
  const id = query.template || 'registrations-total';
  const template = TEMPLATE_BY_ID.get(id);
  if (!template || !(STAFF_TEMPLATES as string[]).includes(id)) {
    const message = `must be one of ${STAFF_TEMPLATES.join(', ')}`;
    throw new ApiError('validation_failed', `The template is not valid: ${message}.`, [{ field: 'template', message }]);
  }
  const names: readonly string[] = TEMPLATE_PARAMS[id as keyof typeof TEMPLATE_PARAMS];
  const picked = Object.fromEntries(names.map((name) => [name, query[name] ?? '']));
  if (!picked.lang) picked.lang = lang;
  return { template, params: parseOrThrow(template.schema, picked, 'query') as ImageRequest['params'], format: 'png' };
}

/** The form as the query chose it: its options selected, the live processes listed, the image and alt text in. */
function fillForm(
  rewriter: HTMLRewriter,
  form: FormValues,
  processes: ProcessRecord[],
  lang: Lang,
  chosen: { request: ImageRequest; alt: string } | null,
): HTMLRewriter {
  const given = (name: string) => (typeof form[name] === 'string' && form[name] !== '' ? form[name] : null);
  // The processes the database has now, not the ones the build knew.
  const process = given('process') ?? processes.find((p) => p.published)?.slug;
  const processOptions = String(
    html`${processes.map((p) => html`<option value="${p.slug}"${p.slug === process && html` selected`}>${p.name[lang]}</option>`)}`,
  );
  let out = rewriter.on('select[name="process"]', {
    element: (select) => void select.setInnerContent(processOptions, { html: true }),
  });
  // Options the query names become selected; fields it leaves out keep the shell's defaults.
  for (const name of FORM_FIELDS.filter((field) => field !== 'process')) {
    const value = given(name);
    if (value === null) continue;
    out = out.on(`select[name="${name}"] option`, {
      element: (option) => {
        if (option.getAttribute('value') === value) option.setAttribute('selected', '');
        else option.removeAttribute('selected');
      },
    });
  }
  if (!chosen) return out.on('img[data-preview]', { element: (img) => void img.remove() });
  const { request, alt } = chosen;
  const png = imageUrl(request.template, 'png', request.params);
  const svg = imageUrl(request.template, 'svg', request.params);
  const { width, height } = scaleOf(request.params.size);
  return out
    .on('img[data-preview]', {
      element: (img) => {
        img.setAttribute('src', png);
        img.setAttribute('alt', alt);
        img.setAttribute('width', String(width));
        img.setAttribute('height', String(height));
      },
    })
    .on('a[data-download-png]', { element: (a) => void a.setAttribute('href', png) })
    .on('a[data-download-svg]', { element: (a) => void a.setAttribute('href', svg) })
    .on('[data-api-url]', { element: (el) => void el.setInnerContent(png) })
    .on('textarea[data-alt]', { element: (el) => void el.setInnerContent(alt) });
}

/** The page with the form filled in: the chosen image and its alt text, or the problem with the choice. */
function formPage(
  c: Context<AppEnv>,
  lang: Lang,
  processes: ProcessRecord[],
  chosen: { request: ImageRequest; alt: string } | null,
  problem: ApiError | null,
): Promise<Response> {
  // A good choice shows only its validated values (the page is cached); a refused one, what was asked (it is not).
  const form: FormValues = chosen ? { ...chosen.request.params, template: chosen.request.template.id } : c.req.query();
  return renderInShell(c, lang, 'infografias', {
    selector: '[data-infographic-error]',
    markup: problem ? problemsHtml(problem, useTranslations(lang)('ig.error')) : html``,
    status: problem?.status ?? 200,
    rewrite: (rewriter) => fillForm(rewriter, form, processes, lang, chosen),
  });
}

/**
 * `/es/infografias/` and `/en/infografias/`: the static page with the chosen image, its download links and its
 * alt text rendered in, so that the form works without JavaScript. A bad choice keeps the form and says why.
 * A good one is cached at the edge under the figures' version, the process list and the form's values.
 */
export const infographicPageRoutes = new Hono<AppEnv>()
  .get(`${LANG_SEGMENT}/infografias/`, async (c) => {
    const lang = pageLang(c);
    const query = c.req.query();
    // The processes the database has now, not the ones the build knew (memoised: no D1 read on a warm isolate);
    // the unpublished ones only for admin and staff.
    const list = await visibleProcesses(c.env.DB, viewerOf(c));
    const processes = list.processes;
    let request: ImageRequest;
    let prepared: Prepared<unknown>;
    try {
      request = pageRequest(query, lang);
      prepared = await request.template.prepare(imageContext(c), request.params);
    } catch (error) {
      // Like the API's 4xx answers, a bad choice is answered before the cache and is not counted as a miss.
      if (!(error instanceof ApiError)) throw error;
      return formPage(c, lang, processes, null, error);
    }
    // Names and windows of every listed process: a PUT that renames one bumps its data version.
    const listed = await shortHash(processes.map((p) => `${p.slug}.v${p.data_version}`).join(','));
    const inputs = { ...request.params, v: undefined, template: request.template.id, shell: lang };
    return serveVersioned(
      c,
      {
        name: cacheName('igpage', `${prepared.version}.${listed}`, inputs),
        cors: false,
        private: list.private || prepared.private,
        build: async () => {
          const { model, rowsRead } = await prepared.load();
          const imageLang = request.template.langOf(model, request.params);
          const alt = request.template.alt(model, imageLang, scaleOf(request.params.size));
          const page = await formPage(c, lang, processes, { request, alt }, null);
          return { response: await wholePage(page), rowsRead };
        },
      },
      prepared.rowsRead,
    );
  })
  // A rate limit on a miss: the form as the query chose it, with the limit's sentence where problems go.
  .onError(
    htmlErrors(async (c, error, lang) =>
      formPage(c, lang, (await visibleProcesses(c.env.DB, viewerOf(c))).processes, null, error),
    ),
  );
