import { Hono } from 'hono';
import { esc } from '../../site/i18n/format.ts';
import { isLang, type Lang } from '../../site/i18n/locales.ts';
import { useTranslations } from '../../site/i18n/ui.ts';
import { imageContext } from '../api/infographics.ts';
import { currentProcesses } from '../data/data-version.ts';
import { STAFF_TEMPLATES, TEMPLATE_PARAMS } from '../domain/infographics.ts';
import type { AppEnv } from '../env.ts';
import { scaleOf } from '../img/brand.ts';
import { type ImageRequest, imageUrl } from '../img/request.ts';
import { TEMPLATE_BY_ID } from '../img/templates/index.ts';
import { ApiError } from '../lib/errors.ts';
import { zodProblems } from '../lib/validate.ts';

interface Rendered {
  request: ImageRequest;
  alt: string;
}

/** Validates the page's query as the image endpoint would (only the fields the chosen template takes). */
function parsePageQuery(query: Record<string, string>, lang: Lang): ImageRequest | string[] {
  const id = query.template || 'registrations-total';
  const template = TEMPLATE_BY_ID.get(id);
  if (!template || !(STAFF_TEMPLATES as string[]).includes(id)) {
    return [`template: must be one of ${STAFF_TEMPLATES.join(', ')}`];
  }
  const names: readonly string[] = TEMPLATE_PARAMS[id as keyof typeof TEMPLATE_PARAMS];
  const picked = Object.fromEntries(names.map((name) => [name, query[name] ?? '']));
  if (!picked.lang) picked.lang = lang;
  const parsed = template.schema.safeParse(picked);
  if (!parsed.success) return zodProblems(parsed.error).map((p) => `${p.field}: ${p.message}`);
  return { template, params: parsed.data as ImageRequest['params'], format: 'png' };
}

/**
 * `/es/infografias/` and `/en/infografias/`: the static page with the chosen image, its download links and its
 * alt text rendered in, so that the form works without JavaScript.
 */
export const infographicPageRoutes = new Hono<AppEnv>().get('/:lang/infografias/', async (c) => {
  const lang = c.req.param('lang');
  if (!isLang(lang)) return c.env.ASSETS.fetch(c.req.raw);
  const query = c.req.query();
  const parsed = parsePageQuery(query, lang);
  let rendered: Rendered | null = null;
  let problems: string[] = Array.isArray(parsed) ? parsed : [];
  let status = problems.length > 0 ? 422 : 200;
  if (!Array.isArray(parsed)) {
    try {
      const prepared = await parsed.template.prepare(imageContext(c.env, c.req.url), parsed.params);
      const { model } = await prepared.load();
      const imageLang = parsed.template.langOf(model, parsed.params);
      rendered = { request: parsed, alt: parsed.template.alt(model, imageLang, scaleOf(parsed.params.size)) };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      problems = [error.message];
      status = error.status;
    }
  }
  const processes = await currentProcesses(c.env.DB);
  const shell = await c.env.ASSETS.fetch(new Request(new URL(`/${lang}/infografias/`, c.req.url)));
  const t = useTranslations(lang);
  // Options the query names become selected; fields it leaves out keep the shell's defaults.
  const selected = (value: string | null) => ({
    element: (option: Element) => {
      if (value === null) return;
      if (option.getAttribute('value') === value) option.setAttribute('selected', '');
      else option.removeAttribute('selected');
    },
  });
  const given = (name: string) => (name in query ? (query[name] ?? '') : null);
  let rewriter = new HTMLRewriter()
    .on('select[name="process"]', {
      element: (select) => {
        // The processes the database has now, not the ones the build knew.
        const chosen = given('process') ?? processes[0]?.slug;
        const options = processes
          .map(
            (p) =>
              `<option value="${esc(p.slug)}"${p.slug === chosen ? ' selected' : ''}>${esc(p.name[lang])}</option>`,
          )
          .join('');
        select.setInnerContent(options, { html: true });
      },
    })
    .on('[data-infographic-error]', {
      element: (el) => {
        if (problems.length === 0) return;
        const items = problems.map((p) => `<li>${esc(p)}</li>`).join('');
        el.setInnerContent(`<p>${esc(t('ig.error'))}</p><ul>${items}</ul>`, { html: true });
      },
    });
  for (const name of ['template', 'scope', 'entity', 'country', 'lang', 'size']) {
    rewriter = rewriter.on(`select[name="${name}"] option`, selected(given(name)));
  }
  if (rendered) {
    const { request, alt } = rendered;
    const png = imageUrl(request.template, 'png', request.params);
    const svg = imageUrl(request.template, 'svg', request.params);
    const { width, height } = scaleOf(request.params.size);
    rewriter = rewriter
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
  } else {
    rewriter = rewriter.on('img[data-preview]', { element: (img) => void img.remove() });
  }
  return rewriter.transform(new Response(shell.body, { status, headers: shell.headers }));
});
