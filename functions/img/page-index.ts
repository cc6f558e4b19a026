import { z } from 'zod';
import { LANGS, type Lang } from '../../site/i18n/locales.ts';
import { ApiError } from '../lib/errors.ts';

const pageSchema = z.object({
  path: z.string(),
  lang: z.enum(LANGS as [Lang, ...Lang[]]),
  title: z.string().min(1),
  section: z.string(),
  section_label: z.string().optional(),
  description: z.string().optional(),
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

/** The page at `path` from the build's page index; 404 when the site has no such page. */
export async function findPage(assets: Fetcher, origin: string, path: string): Promise<PageEntry> {
  const page = (await loadIndex(assets, origin)).get(path);
  if (!page) {
    throw new ApiError(
      'not_found',
      `There is no page ${path} on this site. Use the path of a published page, such as /es/.`,
      [{ field: 'page', message: 'must be the path of a page of this site' }],
    );
  }
  return page;
}
