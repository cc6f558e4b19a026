// The URL of every kind of content page, in one place: pages, links, the content check and the page index use it.
import { type Lang, section } from '../i18n/locales.ts';

/** Page collections stored as content/<collection>/<lang>/<slug>.mdx. */
export const PAGE_COLLECTIONS = ['guides', 'news', 'events', 'notices', 'faq'] as const;

/** A page collection's name. */
export type PageCollection = (typeof PAGE_COLLECTIONS)[number];

/** The path segment of each collection's section (Spanish in both languages: one slug per page). */
export const SECTION_SEGMENT: Record<PageCollection, string> = {
  guides: 'guias',
  news: 'noticias',
  events: 'eventos',
  notices: 'avisos',
  faq: 'preguntas',
};

/** Collections whose entries are pages of their own; notices and FAQ answers live on their section page. */
export const HAS_OWN_PAGE: Record<PageCollection, boolean> = {
  guides: true,
  news: true,
  events: true,
  notices: false,
  faq: false,
};

/** The index page of a collection's section. */
export function sectionPath(lang: Lang, collection: PageCollection): string {
  return `/${lang}/${SECTION_SEGMENT[collection]}/`;
}

/** Where one entry is read: its own page, or an anchor on its section page. */
export function entryPath(lang: Lang, collection: PageCollection, slug: string): string {
  return HAS_OWN_PAGE[collection]
    ? `${sectionPath(lang, collection)}${slug}/`
    : `${sectionPath(lang, collection)}#${slug}`;
}

/** The verify page (`/es/verificar/`, `/en/verify/`), or a code's page under it (served by the Worker). */
export function verifyPath(lang: Lang, code?: string): string {
  return `/${lang}/${section('verificar', lang)}/${code ? `${code}/` : ''}`;
}

/** An electoral process's page. */
export function processPath(lang: Lang, slug: string): string {
  return `/${lang}/procesos/${slug}/`;
}

/** The calendar of a process for one state (or every state, `todos`), in one language. */
export function calendarPath(lang: Lang, process: string, entity: string | 'todos'): string {
  return `/${lang}/procesos/${process}/${entity}.ics`;
}

/** The finder's page for one state (by its entitySlug), or the finder itself. */
export function finderPath(lang: Lang, stateSlug?: string): string {
  return stateSlug ? `/${lang}/que-puedo-votar/${stateSlug}/` : `/${lang}/que-puedo-votar/`;
}

/** A state's readable path segment: `ciudad-de-mexico`, `estado-de-mexico`. */
export function entitySlug(spanishName: string): string {
  return spanishName
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
