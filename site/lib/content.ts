// Reads the page collections for one language: published entries only, falling back to the other language.
import { type CollectionEntry, getCollection } from 'astro:content';
import { publicationState, publishingDay } from '../content/publishing.ts';
import type { PageCollection } from '../content/routes.ts';
import { isLang, LANGS, type Lang } from '../i18n/locales.ts';

/** An entry as a reader of `lang` gets it: in their language, or the original with a notice. */
export interface LocalizedEntry<C extends PageCollection> {
  slug: string;
  entry: CollectionEntry<C>;
  /** The language the text is written in. */
  contentLang: Lang;
  /** True when the reader's language has no version yet. */
  fallback: boolean;
  /** The other language's version was updated after this one (only for translations). */
  newerOriginal?: { lang: Lang; updated: string };
}

function split(id: string): { lang: Lang; slug: string } | null {
  const [lang, ...rest] = id.split('/');
  return isLang(lang) && rest.length > 0 ? { lang, slug: rest.join('/') } : null;
}

/** Every published entry of a collection for readers of `lang`, one per slug. */
export async function localizedEntries<C extends PageCollection>(
  collection: C,
  lang: Lang,
): Promise<LocalizedEntry<C>[]> {
  const day = publishingDay();
  const all = (await getCollection(collection)) as CollectionEntry<C>[];
  const bySlug = new Map<string, Partial<Record<Lang, CollectionEntry<C>>>>();
  for (const entry of all) {
    const where = split(entry.id);
    if (!where || publicationState(entry.data, day) !== 'published') continue;
    const versions = bySlug.get(where.slug) ?? {};
    versions[where.lang] = entry;
    bySlug.set(where.slug, versions);
  }
  const out: LocalizedEntry<C>[] = [];
  for (const [slug, versions] of bySlug) {
    const own = versions[lang];
    if (own) {
      const other = LANGS.find((candidate) => candidate !== lang);
      const original = other ? versions[other] : undefined;
      const newer = original && original.data.updated > own.data.updated;
      out.push({
        slug,
        entry: own,
        contentLang: lang,
        fallback: false,
        newerOriginal: newer && other ? { lang: other, updated: original.data.updated } : undefined,
      });
      continue;
    }
    const fallbackLang = LANGS.find((candidate) => versions[candidate]);
    const fallback = fallbackLang ? versions[fallbackLang] : undefined;
    if (fallbackLang && fallback) out.push({ slug, entry: fallback, contentLang: fallbackLang, fallback: true });
  }
  return out;
}

/** Static paths for a collection's own pages: every published slug in both languages. */
export async function entryPaths<C extends PageCollection>(collection: C) {
  const paths = [];
  for (const lang of LANGS) {
    for (const item of await localizedEntries(collection, lang))
      paths.push({ params: { lang, slug: item.slug }, props: { item } });
  }
  return paths;
}
