import { z } from 'zod';
import { paramSpecs } from '../../domain/infographics.ts';
import type { Category } from '../../registrations/dashboard/model.ts';
import { FIGURE_FILTERS } from '../../registrations/figure-query.ts';
import type { Lang, UiKey } from '../../shared/i18n.ts';
import type { Scale } from '../brand.ts';
import type { Figures } from '../figures.ts';
import type { Node } from '../h.ts';
import { type BarRow, bars, line, listCard } from '../layout.ts';
import { commonParams, processParams } from '../params.ts';
import { filterLabel, kicker, prepareFigures, say, sentences, sourceLine } from './common.ts';
import { defineTemplate } from './types.ts';

/** The content of a ranking image (countries or states) at one size, in one language. */
function content(figures: Figures, lang: Lang, s: Scale, pick: (f: Figures, lang: Lang) => Category[], title: UiKey) {
  const model = figures.models[lang];
  const { fmt } = model;
  const all = pick(figures, lang);
  const shown = all.slice(0, s.bars);
  const max = shown[0]?.count ?? 0;
  const rest = all.slice(s.bars).reduce((sum, c) => sum + c.count, 0);
  const total = model.summary.total;
  const rows: BarRow[] = shown.map((c) => ({
    label: c.label,
    value: `${fmt.number(c.count)} (${fmt.percent(c.share)})`,
    fraction: max > 0 ? c.count / max : 0,
  }));
  return {
    kicker: kicker(model),
    title: say(lang, title),
    filter: filterLabel(model),
    rows,
    rest: rest > 0 ? say(lang, 'img.rest', { count: fmt.number(rest), percent: fmt.percent(rest / total) }) : null,
    none: rows.length === 0 ? say(lang, 'img.none') : null,
    source: sourceLine(model),
  };
}

/** Draws and describes a ranking: the largest categories as bars, the rest summed in one line. */
function ranking(pick: (f: Figures, lang: Lang) => Category[], title: UiKey) {
  return {
    draw: (figures: Figures, lang: Lang, s: Scale, verification: string): Node => {
      const c = content(figures, lang, s, pick, title);
      return listCard(
        s,
        { ...c, verification },
        c.filter ? line(s, c.filter, false, { space: -s.gap, after: s.gap }) : null,
        c.none ? line(s, c.none) : bars(s, c.rows, { note: c.rest ?? undefined }),
      );
    },
    alt: (figures: Figures, lang: Lang, s: Scale): string => {
      const c = content(figures, lang, s, pick, title);
      const list = c.rows.map((row) => `${row.label}: ${row.value}`).join('; ');
      return sentences([c.title, c.kicker, c.filter, c.none ?? list, c.rest, c.source]);
    },
  };
}

/**
 * A ranking template (states, countries): the figures filters but the one it ranks by, which would leave one bar.
 * `filter` is the other dimension a reader may narrow it to.
 */
export function rankingTemplate(spec: {
  id: 'by-entity' | 'top-countries';
  pick: (f: Figures, lang: Lang) => Category[];
  title: UiKey;
  filter: 'entity' | 'country';
}) {
  const { draw, alt } = ranking(spec.pick, spec.title);
  return defineTemplate({
    id: spec.id,
    params: paramSpecs(spec.id),
    schema: z.strictObject({
      ...commonParams,
      ...processParams,
      scope: FIGURE_FILTERS.scope,
      ...(spec.filter === 'entity' ? { entity: FIGURE_FILTERS.entity } : { country: FIGURE_FILTERS.country }),
      cut: FIGURE_FILTERS.cut,
    }),
    prepare: (ctx, params) => prepareFigures(ctx, params, false),
    langOf: (_figures: Figures, params) => params.lang,
    draw,
    alt,
  });
}
