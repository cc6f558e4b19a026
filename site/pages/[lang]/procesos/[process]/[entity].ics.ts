import type { APIRoute } from 'astro';
import { ENTITY_CODES, type EntityCode } from '../../../../../functions/domain/entities.ts';
import { publishingDay } from '../../../../content/publishing.ts';
import { LANGS, type Lang } from '../../../../i18n/locales.ts';
import { processCalendar } from '../../../../lib/process-calendar.ts';
import { EVERY_PROCESS } from '../../../../lib/processes.ts';

/** One calendar per language, process and state taking part, plus `todos` for the whole process. */
export function getStaticPaths() {
  return LANGS.flatMap((lang) =>
    EVERY_PROCESS.flatMap((process) => {
      const entities =
        process.national_offices.length > 0 ? ENTITY_CODES : (Object.keys(process.states) as EntityCode[]);
      return [...entities, 'todos'].map((entity) => ({ params: { lang, process: process.slug, entity } }));
    }),
  );
}

export const GET: APIRoute = ({ params, site }) => {
  const process = EVERY_PROCESS.find((candidate) => candidate.slug === params.process);
  if (!process) return new Response('Unknown process', { status: 404 });
  const entity = params.entity === 'todos' ? null : (params.entity as EntityCode);
  const text = processCalendar(process, entity, params.lang as Lang, publishingDay(), site ?? 'http://localhost:8787');
  return new Response(text, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
};
