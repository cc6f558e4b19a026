import { z } from 'zod';
import { paramSpecs } from '../../domain/infographics.ts';
import type { DashboardModel } from '../../registrations/dashboard/model.ts';
import { FIGURE_FILTERS } from '../../registrations/figure-query.ts';
import { type Lang, useTranslations } from '../../shared/i18n.ts';
import type { Figures } from '../figures.ts';
import { centredCard, hero, line } from '../layout.ts';
import { commonParams, processParams } from '../params.ts';
import { filterLabel, kicker, prepareFigures, say, sentences, sourceLine } from './common.ts';
import { defineTemplate } from './types.ts';

/** Where the registration window stands, in one sentence. */
export function windowSentence(model: DashboardModel): string {
  const { process, fmt, lang, window } = model;
  const closes = fmt.date(process.registration_closes);
  if (window.state === 'upcoming')
    return say(lang, 'img.window.upcoming', { date: fmt.date(process.registration_opens) });
  if (window.state === 'closed') return say(lang, 'img.window.closed', { date: closes });
  if (window.left === 0) return say(lang, 'img.window.today', { date: closes });
  if (window.left === 1) return say(lang, 'img.window.one', { date: closes });
  return say(lang, 'img.window.many', { left: fmt.number(window.left), date: closes });
}

// Below this many earlier applications a weekly percentage is noise ("+1,236 (+123,600%)"): only the count shows.
const MIN_BASE = 100;

function content(figures: Figures, lang: Lang) {
  const model = figures.models[lang];
  const { fmt, summary } = model;
  const { growth } = figures;
  const t = useTranslations(lang);
  let growthLine: string | null = null;
  if (growth && summary.total > 0 && model.window.state !== 'upcoming') {
    const date = fmt.date(growth.to);
    growthLine =
      growth.count === 0
        ? say(lang, 'img.growth.none', { date })
        : `${say(lang, 'img.growth', { count: fmt.number(growth.count), date })}${growth.before >= MIN_BASE ? ` (+${fmt.percent(growth.count / growth.before)})` : ''}`;
  }
  return {
    kicker: kicker(model),
    title: say(lang, 'img.total.title'),
    filter: filterLabel(model),
    total: fmt.number(summary.total),
    what: t(model.query.scope === 'cumple' ? 'dash.total.cumple' : 'dash.total.received'),
    growth: growthLine,
    // The week's growth comes from the day-by-day series: when that is modelled, the image says so.
    illustrative: growthLine && model.process.illustrative?.includes('daily') ? t('dash.illustrative.daily') : null,
    window: windowSentence(model),
    source: sourceLine(model),
  };
}

/** The total of applications, with the last 7 days' growth and where the registration window stands. */
export const registrationsTotal = defineTemplate({
  id: 'registrations-total',
  params: paramSpecs('registrations-total'),
  schema: z.strictObject({ ...commonParams, ...processParams, ...FIGURE_FILTERS }),
  prepare: (ctx, params) => prepareFigures(ctx, params, true),
  langOf: (_figures: Figures, params) => params.lang,
  draw: (figures, lang, s, verification) => {
    const c = content(figures, lang);
    return centredCard(
      s,
      { ...c, verification },
      c.filter ? line(s, c.filter, true) : null,
      hero(s, c.total),
      line(s, c.what, true),
      c.growth ? line(s, c.growth) : null,
      c.illustrative ? line(s, c.illustrative) : null,
      line(s, c.window),
    );
  },
  alt: (figures, lang) => {
    const c = content(figures, lang);
    return sentences([
      c.title,
      c.kicker,
      c.filter,
      `${c.total} ${c.what}`,
      c.growth,
      c.illustrative,
      c.window,
      c.source,
    ]);
  },
});
