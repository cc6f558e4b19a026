// The translation status table: each page's Spanish and English versions side by side, and which one lags.
import { publicationState } from '../../../site/content/publishing.ts';
import type { PageCollection } from '../../../site/content/routes.ts';
import type { PageFile, TranslationRow } from './model.ts';

/** One row per page (collection and slug): its `updated` day in each language and how the translation stands. */
export function translationTable(pages: PageFile[], today: string): TranslationRow[] {
  const rows = new Map<string, { collection: PageCollection; slug: string; es?: PageFile; en?: PageFile }>();
  for (const page of pages) {
    const key = `${page.collection}/${page.slug}`;
    const row = rows.get(key) ?? { collection: page.collection, slug: page.slug };
    row[page.lang] = page;
    rows.set(key, row);
  }
  const describe = (page?: PageFile) => {
    if (!page) return '—';
    if (!page.data) return 'invalid';
    const state = publicationState(page.data, today);
    return `${page.data.updated as string}${state === 'published' ? '' : ` (${state})`}`;
  };
  return [...rows.values()]
    .sort((a, b) => a.collection.localeCompare(b.collection) || a.slug.localeCompare(b.slug))
    .map(({ collection, slug, es, en }) => {
      const esDay = es?.data?.updated as string | undefined;
      const enDay = en?.data?.updated as string | undefined;
      let status: TranslationRow['status'] = 'translated';
      if (!en) status = 'missing English';
      else if (!es) status = 'missing Spanish';
      else if (esDay && enDay && enDay < esDay) status = 'English older';
      else if (esDay && enDay && esDay < enDay) status = 'Spanish older';
      return { collection, slug, es: describe(es), en: describe(en), status };
    });
}
