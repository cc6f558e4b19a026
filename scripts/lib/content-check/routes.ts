// Every path the built site will answer, so that a link in a page can be checked before the build runs.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ENTITIES, ENTITY_CODES } from '../../../functions/domain/entities.ts';
import { publicationState } from '../../../site/content/publishing.ts';
import { entitySlug, HAS_OWN_PAGE, SECTION_SEGMENT } from '../../../site/content/routes.ts';
import { LANGS } from '../../../site/i18n/locales.ts';
import type { PageFile } from './model.ts';
import { walk } from './walk.ts';

/** Every path the built site answers: static pages, published content pages, processes, calendars, the finder. */
export async function knownRoutes(
  pagesDir: string,
  pages: PageFile[],
  processes: string[],
  today: string,
): Promise<Set<string>> {
  const routes = new Set<string>(['/', '/es/', '/en/']);
  for (const path of existsSync(join(pagesDir, '[lang]')) ? await walk(join(pagesDir, '[lang]')) : []) {
    const route = relative(join(pagesDir, '[lang]'), path);
    if (route.includes('[')) continue;
    const clean = route.replace(/\.(astro|ts)$/, '').replace(/(^|\/)index$/, '');
    for (const lang of LANGS) {
      routes.add(/\.[a-z]+$/.test(clean) ? `/${lang}/${clean}` : `/${lang}/${clean ? `${clean}/` : ''}`);
    }
  }
  for (const page of pages) {
    if (!page.data || publicationState(page.data, today) !== 'published') continue;
    for (const lang of LANGS) {
      routes.add(`/${lang}/${SECTION_SEGMENT[page.collection]}/`);
      if (HAS_OWN_PAGE[page.collection]) routes.add(`/${lang}/${SECTION_SEGMENT[page.collection]}/${page.slug}/`);
    }
  }
  for (const lang of LANGS) {
    routes.add(`/${lang}/procesos/`);
    for (const process of processes) {
      routes.add(`/${lang}/procesos/${process}/`);
      routes.add(`/${lang}/procesos/${process}/todos.ics`);
      for (const code of ENTITY_CODES) routes.add(`/${lang}/procesos/${process}/${code}.ics`);
    }
    for (const code of ENTITY_CODES) routes.add(`/${lang}/que-puedo-votar/${entitySlug(ENTITIES[code].es)}/`);
  }
  return routes;
}
