import { z } from 'zod';
import { ApiError } from './errors.ts';
import { LANGS, type Lang } from './i18n.ts';

const pageSchema = z.object({
  path: z.string(),
  lang: z.enum(LANGS as [Lang, ...Lang[]]),
  title: z.string().min(1),
  section: z.string(),
  section_label: z.string().optional(),
  description: z.string().optional(),
  /** News: the day published; events: the first day. */
  date: z.string().optional(),
  /** Events: the last day, when it differs. */
  end: z.string().optional(),
  /** Where the facts come from (the report or release the entry cites). */
  source: z.string().optional(),
});

/** One page of the site as the build lists it in `/page-index.json`. */
export type PageEntry = z.output<typeof pageSchema>;

const indexSchema = z.object({ pages: z.array(pageSchema) });

// The index changes only with a deploy (a new isolate); the memo just spares an asset fetch per card.
const MEMO_MS = 60_000;
let memo: { at: number; pages: Map<string, PageEntry> } | undefined;

async function loadIndex(assets: Fetcher, origin: string): Promise<Map<string, PageEntry>> {
  const now = Date.now();
  if (memo && now - memo.at < MEMO_MS) return memo.pages;
  const response = await assets.fetch(new Request(`${origin}/page-index.json`));
  if (!response.ok) {
    throw new ApiError(
      'service_unavailable',
      'The list of pages is missing from this deploy; page cards cannot be drawn.',
    );
  }
  const parsed = indexSchema.safeParse(await response.json());
  if (!parsed.success) {
    throw new ApiError(
      'service_unavailable',
      'The list of pages of this deploy is malformed; page cards cannot be drawn.',
    );
  }
  const pages = new Map(parsed.data.pages.map((page) => [page.path, page]));
  memo = { at: now, pages };
  return pages;
}

/**
 * The site's pages, for the engagement counter: a path is counted under its own name only when the build
 * lists it (with or without its trailing slash); anything else a visitor can send is `(other)`. Without an
 * index (a broken deploy) every path is `(other)` rather than an error: counting must not stop.
 */
export async function sitePages(assets: Fetcher, origin: string): Promise<(path: string) => string | null> {
  let pages: Map<string, PageEntry>;
  try {
    pages = await loadIndex(assets, origin);
  } catch {
    return () => null;
  }
  return (path) => (pages.has(path) ? path : pages.has(`${path}/`) ? `${path}/` : null);
}

/** News and events of the build's content whose day falls within `from`–`to`, in one language, by day. */
export async function datedPages(
  assets: Fetcher,
  origin: string,
  lang: Lang,
  from: string,
  to: string,
): Promise<PageEntry[]> {
  const pages = [...(await loadIndex(assets, origin)).values()];
  return pages
    .filter(
      (page) => page.date && page.path.startsWith(`/${lang}/`) && page.date <= to && (page.end ?? page.date) >= from,
    )
    .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.path.localeCompare(b.path));
}

/**
 * The page at `path`: its entry in the build's page index, else (a page the index does not list yet) its own
 * built HTML's title, description and language. Either way the text is ours, never the request's; 404 when the
 * site has no such page.
 */
export async function findPage(assets: Fetcher, origin: string, path: string): Promise<PageEntry> {
  const page = (await loadIndex(assets, origin)).get(path) ?? (await pageFromHtml(assets, origin, path));
  if (!page) {
    throw new ApiError(
      'not_found',
      `There is no page ${path} on this site. Use the path of a published page, such as /es/.`,
      [{ field: 'page', message: 'must be the path of a page of this site' }],
    );
  }
  return page;
}

async function pageFromHtml(assets: Fetcher, origin: string, path: string): Promise<PageEntry | null> {
  const response = await assets.fetch(new Request(`${origin}${path}`));
  if (response.status !== 200 || !response.headers.get('content-type')?.includes('text/html')) {
    await response.body?.cancel();
    return null;
  }
  const found: { title?: string; description?: string; lang?: string } = {};
  const read = (key: keyof typeof found, attribute: string) => ({
    element: (el: Element) => {
      found[key] = el.getAttribute(attribute) ?? undefined;
    },
  });
  await new HTMLRewriter()
    .on('html', read('lang', 'lang'))
    .on('meta[property="og:title"]', read('title', 'content'))
    .on('meta[name="description"]', read('description', 'content'))
    .transform(response)
    .arrayBuffer();
  const lang = LANGS.find((l) => found.lang?.startsWith(l));
  // The 404 page is served with status 404, so only real pages get here; a page without a title gets no card.
  if (!lang || !found.title) return null;
  const title = found.title.replace(/ · Voto Extranjero$/, '');
  return { path, lang, title, section: 'pages', description: found.description };
}
