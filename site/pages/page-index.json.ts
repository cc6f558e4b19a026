import type { APIRoute } from 'astro';
import { ENTITIES, ENTITY_CODES } from '../../functions/domain/entities.ts';
import { entitySlug, entryPath, finderPath } from '../content/routes.ts';
import { fill } from '../i18n/format.ts';
import { LANGS } from '../i18n/locales.ts';
import { useTranslations } from '../i18n/ui.ts';
import { localizedEntries } from '../lib/content.ts';
import { PROCESSES } from '../lib/processes.ts';

/**
 * Every content page's title, section and language, for the Worker's page cards (og:image):
 * a card is addressed by its page path, so its text always comes from our own content.
 */
export const GET: APIRoute = async () => {
  const pages = [];
  for (const lang of LANGS) {
    const t = useTranslations(lang);
    for (const collection of ['guides', 'news', 'events'] as const) {
      for (const { slug, entry, contentLang } of await localizedEntries(collection, lang)) {
        pages.push({
          path: entryPath(lang, collection, slug),
          lang: contentLang,
          title: entry.data.title,
          section: collection,
          section_label: t(`${collection}.title`),
          description: entry.data.description,
          // The outreach report lists the news and events dated in its period.
          ...('date' in entry.data ? { date: entry.data.date } : {}),
          ...('start' in entry.data ? { date: entry.data.start, end: entry.data.end } : {}),
          ...('source' in entry.data ? { source: entry.data.source } : {}),
        });
      }
    }
    for (const process of PROCESSES) {
      pages.push({
        path: `/${lang}/procesos/${process.slug}/`,
        lang,
        title: process.name[lang],
        section: 'processes',
        section_label: t('processes.title'),
        description: fill(t('processes.pageDescription'), { name: process.name[lang] }),
      });
    }
    const standalone = [
      ['', 'site.name', 'site.description'],
      ['guias/', 'guides.title', 'guides.lead'],
      ['noticias/', 'news.title', 'news.lead'],
      ['eventos/', 'events.title', 'events.lead'],
      ['preguntas/', 'faq.title', 'faq.lead'],
      ['que-puedo-votar/', 'finder.title', 'finder.lead'],
      ['planificador/', 'planner.title', 'planner.lead'],
      ['materiales/', 'materials.title', 'materials.lead'],
      ['aliados/', 'partners.title', 'partners.lead'],
      ['procesos/', 'processes.title', 'processes.lead'],
      ['dashboard/', 'dash.title', 'dash.lead'],
      ['avisos/', 'notices.title', 'notices.lead'],
      ['buscar/', 'search.title', 'search.lead'],
      ['transparencia/', 'transparency.title', 'transparency.lead'],
      ['embed-builder/', 'builder.title', 'builder.lead'],
      ['infografias/', 'ig.title', 'ig.lead'],
      ['api/', 'api.title', 'api.lead'],
      // Not in the sitemap, but pages of the site: their visits are counted under their own path.
      ['staff/', 'staff.title', 'staff.lead'],
      ['aliados/panel/', 'partner.title', 'partner.lead'],
    ] as const;
    for (const code of ENTITY_CODES) {
      const state = ENTITIES[code][lang];
      pages.push({
        path: finderPath(lang, entitySlug(ENTITIES[code].es)),
        lang,
        title: fill(t('finder.stateTitle'), { state }),
        section: 'finder',
        section_label: t('finder.title'),
        description: fill(t('finder.stateDescription'), { state }),
      });
    }
    for (const [path, title, description] of standalone) {
      pages.push({
        path: `/${lang}/${path}`,
        lang,
        title: t(title),
        section: 'pages',
        section_label: t('site.name'),
        description: t(description),
      });
    }
  }
  return new Response(JSON.stringify({ pages }), { headers: { 'Content-Type': 'application/json' } });
};
