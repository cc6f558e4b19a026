import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { entryPath } from '../../content/routes.ts';
import { eachLang, type Lang, LOCALES } from '../../i18n/locales.ts';
import { useTranslations } from '../../i18n/ui.ts';
import { localizedEntries } from '../../lib/content.ts';

/** One feed per language: news and notices, newest first, only those written in that language. */
export const getStaticPaths = eachLang;

export async function GET(context: APIContext) {
  const lang = context.params.lang as Lang;
  const t = useTranslations(lang);
  const own = <T extends { fallback: boolean }>(items: T[]) => items.filter((item) => !item.fallback);
  const news = own(await localizedEntries('news', lang)).map(({ slug, entry }) => ({
    title: entry.data.title,
    description: entry.data.description,
    pubDate: new Date(`${entry.data.date}T12:00:00Z`),
    link: entryPath(lang, 'news', slug),
    categories: [t('news.title'), ...entry.data.tags],
  }));
  const notices = own(await localizedEntries('notices', lang)).map(({ slug, entry }) => ({
    title: entry.data.title,
    description: entry.data.description,
    pubDate: new Date(`${entry.data.date}T12:00:00Z`),
    link: entryPath(lang, 'notices', slug),
    categories: [t('notices.title')],
  }));
  return rss({
    title: `${t('site.name')} · ${t('news.title')}`,
    description: t('site.description'),
    site: context.site ?? 'http://localhost:8787',
    items: [...news, ...notices].sort((a, b) => b.pubDate.getTime() - a.pubDate.getTime()),
    customData: `<language>${LOCALES[lang].htmlLang}</language>`,
  });
}
