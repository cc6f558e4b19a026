import { z } from 'zod';
import { daysBetween } from '../../domain/dates.ts';
import { paramSpecs } from '../../domain/infographics.ts';
import type { ProcessRecord } from '../../processes/store.ts';
import { formatters, type Lang } from '../../shared/i18n.ts';
import { BRAND } from '../brand.ts';
import { imageProcess, windowKey } from '../figures.ts';
import { centredCard, hero, line } from '../layout.ts';
import { commonParams, processParams } from '../params.ts';
import { say, sentences, shortHash } from './common.ts';
import { defineTemplate } from './types.ts';

interface Deadline {
  process: ProcessRecord;
  today: string;
}

function content({ process, today }: Deadline, lang: Lang) {
  const fmt = formatters(lang);
  const opens = fmt.date(process.registration_opens);
  const closes = fmt.date(process.registration_closes);
  const base = {
    kicker: process.name[lang],
    title: say(lang, 'img.deadline.title'),
    source: say(lang, 'img.source.none'),
  };
  if (today > process.registration_closes) {
    return {
      ...base,
      title: say(lang, 'img.deadline.closed'),
      hero: null,
      unit: null,
      lines: [say(lang, 'img.window.closed', { date: closes })],
    };
  }
  if (today < process.registration_opens) {
    const days = daysBetween(today, process.registration_opens);
    return {
      ...base,
      hero: fmt.number(days),
      unit: say(lang, days === 1 ? 'img.deadline.openIn' : 'img.deadline.opensIn'),
      lines: [say(lang, 'img.deadline.opens', { date: opens, date2: closes }), say(lang, 'img.deadline.how')],
    };
  }
  const left = daysBetween(today, process.registration_closes);
  return {
    ...base,
    hero: left === 0 ? say(lang, 'img.deadline.today') : fmt.number(left),
    unit: say(lang, left === 0 ? 'img.deadline.todayLine' : left === 1 ? 'img.deadline.day' : 'img.deadline.days'),
    lines: [say(lang, 'img.deadline.closes', { date: closes }), say(lang, 'img.deadline.how')],
  };
}

/** Days left to register (or until registration opens), with the closing date. */
export const deadline = defineTemplate({
  id: 'deadline',
  params: paramSpecs('deadline'),
  schema: z.strictObject({ ...commonParams, ...processParams }),
  prepare: async (ctx, params) => {
    const { process, private: isPrivate } = await imageProcess(ctx, params.process);
    // Only the name and the dates are drawn: an ingest of applications does not change this image.
    const shown = await shortHash(
      [process.name.es, process.name.en, process.registration_opens, process.registration_closes].join('|'),
    );
    return {
      version: `${process.slug}.${shown}.${windowKey(process, ctx.today)}`,
      rowsRead: 0,
      publishedAs: { process: process.slug, version: `dates-${shown}` },
      private: isPrivate,
      load: async () => ({ model: { process, today: ctx.today }, rowsRead: 0 }),
    };
  },
  langOf: (_model: Deadline, params) => params.lang,
  draw: (model, lang, s, verification) => {
    const c = content(model, lang);
    return centredCard(
      s,
      { ...c, verification },
      c.hero ? hero(s, c.hero, BRAND.colour.primary) : null,
      c.unit ? line(s, c.unit, true) : null,
      ...c.lines.map((text, i) => line(s, text, i === 0 && !c.hero)),
    );
  },
  alt: (model, lang) => {
    const c = content(model, lang);
    return sentences([c.title, c.kicker, c.hero && c.unit ? `${c.hero} ${c.unit}` : null, ...c.lines]);
  },
});
