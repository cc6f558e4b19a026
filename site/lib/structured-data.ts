// The schema.org nodes of the site's pages (typed by schema-dts): who publishes the site, guides as government
// services, events, the FAQ, the glossary and breadcrumbs. The registrations Dataset is shared with the Worker
// (functions/domain/structured-data.ts).
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import type {
  BreadcrumbList,
  DefinedTermSet,
  Event,
  EventAttendanceModeEnumeration,
  FAQPage,
  GovernmentService,
  IdReference,
  Organization,
  Place,
  VirtualLocation,
  WebSite,
} from 'schema-dts';
import { INE } from '../../functions/domain/structured-data.ts';
import type { EVENT_FORMATS, EventData, GlossaryEntry, GuideData } from '../content/schemas.ts';
import type { Lang } from '../i18n/locales.ts';
import { useTranslations } from '../i18n/ui.ts';

/** The `@id` of the site's Organization node (the home page defines it, other pages refer to it). */
export function organizationId(site: URL): string {
  return new URL('/#organization', site).href;
}

/** A reference to the site's Organization. */
export function siteOrganizationRef(site: URL): IdReference {
  return { '@id': organizationId(site) };
}

/** Who publishes the site, for the home page. */
export function siteOrganization(site: URL, lang: Lang): Organization {
  const t = useTranslations(lang);
  return {
    '@type': 'Organization',
    '@id': organizationId(site),
    name: t('site.name'),
    url: new URL(`/${lang}/`, site).href,
    logo: new URL('/favicon.svg', site).href,
    description: t('site.description'),
  };
}

/** The site itself, with its search page as the SearchAction, for the home page. */
export function webSite(site: URL, lang: Lang): WebSite {
  const t = useTranslations(lang);
  return {
    '@type': 'WebSite',
    '@id': new URL(`/${lang}/#website`, site).href,
    name: t('site.name'),
    description: t('site.description'),
    url: new URL(`/${lang}/`, site).href,
    inLanguage: lang,
    publisher: siteOrganizationRef(site),
  };
}

/** One step of a breadcrumb trail: its name and absolute address. */
export interface Crumb {
  name: string;
  url: string;
}

/** The trail from the home page to the page itself. */
export function breadcrumbList(trail: Crumb[]): BreadcrumbList {
  return {
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: crumb.url,
    })),
  };
}

/** A guide as the government service it explains (INE runs it; it serves Mexicans living abroad). */
export function governmentService(guide: GuideData, url: string, lang: Lang, site: URL): GovernmentService {
  const t = useTranslations(lang);
  return {
    '@type': 'GovernmentService',
    name: guide.title,
    description: guide.description,
    url,
    serviceOperator: INE,
    provider: INE,
    areaServed: { '@type': 'Place', name: t('ld.areaServed') },
    audience: { '@type': 'Audience', audienceType: t('ld.audience') },
    jurisdiction: { '@type': 'Country', name: 'México' },
    subjectOf: {
      '@type': 'WebPage',
      url,
      inLanguage: lang,
      dateModified: guide.updated,
      publisher: siteOrganizationRef(site),
    },
  };
}

const ATTENDANCE: Record<(typeof EVENT_FORMATS)[number], EventAttendanceModeEnumeration | null> = {
  virtual: 'https://schema.org/OnlineEventAttendanceMode',
  presencial: 'https://schema.org/OfflineEventAttendanceMode',
  hibrido: 'https://schema.org/MixedEventAttendanceMode',
  'sin-dato': null,
};

/** `YYYY-MM-DDTHH:MM±HH:MM` for a local time in an IANA zone on that day, or the day alone without a time. */
export function eventMoment(day: string, time: string | undefined, timezone: string | undefined): string {
  if (!time) return day;
  const zone = timezone ?? 'UTC';
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(`${day}T${time}:00Z`))
    .find((part) => part.type === 'timeZoneName')?.value;
  const offset = name === 'GMT' || !name ? '+00:00' : name.replace('GMT', '');
  return `${day}T${time}${offset}`;
}

/** An event with how one attends it (online, in a place, both), where, when and who organises it. */
export function eventNode(event: EventData, url: string, lang: Lang): Event {
  const mode = ATTENDANCE[event.format];
  const place: Place | null = event.place ? { '@type': 'Place', name: event.place, address: event.place } : null;
  const virtual: VirtualLocation = { '@type': 'VirtualLocation', url: event.url ?? url };
  const location =
    event.format === 'virtual'
      ? [virtual]
      : event.format === 'hibrido'
        ? [virtual, ...(place ? [place] : [])]
        : place
          ? [place]
          : [];
  return {
    '@type': 'Event',
    name: event.title,
    description: event.description,
    url,
    inLanguage: lang,
    startDate: eventMoment(event.start, event.time, event.timezone),
    endDate: event.end ?? event.start,
    eventStatus: 'https://schema.org/EventScheduled',
    ...(mode ? { eventAttendanceMode: mode } : {}),
    ...(location.length > 0 ? { location } : {}),
    organizer: { '@type': 'Organization', name: event.organizer },
  };
}

/** Plain text of a Markdown answer (links keep their words, HTML spans their text). */
export function markdownText(markdown: string): string {
  const html = micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
  return html
    .replace(/<\/(p|li|h\d|tr|td|th)>/g, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The FAQ page: each question with its answer's text. */
export function faqPage(questions: { title: string; body: string }[], url: string, lang: Lang): FAQPage {
  return {
    '@type': 'FAQPage',
    url,
    inLanguage: lang,
    mainEntity: questions.map((question) => ({
      '@type': 'Question',
      name: question.title,
      acceptedAnswer: { '@type': 'Answer', text: markdownText(question.body) },
    })),
  };
}

/** The glossary as a set of defined terms, each with its name in the reader's language and its definition. */
export function glossaryTerms(entries: GlossaryEntry[], url: string, lang: Lang, name: string): DefinedTermSet {
  return {
    '@type': 'DefinedTermSet',
    name,
    url,
    inLanguage: lang,
    hasDefinedTerm: entries.map((entry) => ({
      '@type': 'DefinedTerm',
      termCode: entry.term,
      name: entry.name[lang],
      description: entry.definition[lang],
      url: `${url}#${entry.id}`,
    })),
  };
}
