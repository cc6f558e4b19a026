import { z } from 'zod';
import { paramSpecs } from '../../domain/infographics.ts';
import { withheldText } from '../../registrations/dashboard/model.ts';
import { FIGURE_FILTERS } from '../../registrations/figure-query.ts';
import type { Lang } from '../../shared/i18n.ts';
import { BRAND, type Scale } from '../brand.ts';
import type { Figures } from '../figures.ts';
import { box, text } from '../h.ts';
import { centredCard, line } from '../layout.ts';
import { commonParams, processParams } from '../params.ts';
import { filterLabel, kicker, prepareFigures, say, sentences, sourceLine } from './common.ts';
import { defineTemplate } from './types.ts';

function content(figures: Figures, lang: Lang) {
  const model = figures.models[lang];
  const { fmt } = model;
  return {
    kicker: kicker(model),
    title: say(lang, 'img.modality.title'),
    filter: filterLabel(model),
    parts: model.modality.map((m) => ({
      key: m.key,
      label: m.label,
      share: m.share,
      value: `${fmt.number(m.count)} (${fmt.percent(m.share)})`,
    })),
    none: model.summary.total === 0 ? say(lang, 'img.none') : model.withheld ? withheldText(model) : null,
    source: sourceLine(model),
  };
}

function split(s: Scale, parts: { key: string; share: number }[]) {
  return box(
    { height: s.barHeight * 3, width: '100%', backgroundColor: BRAND.colour.track, marginBottom: s.gap * 2 },
    ...parts
      .filter((p) => p.share > 0)
      .map((p) =>
        box({ width: `${(p.share * 100).toFixed(3)}%`, backgroundColor: BRAND.modality[p.key] ?? BRAND.colour.muted }),
      ),
  );
}

/** How applicants chose to vote: one bar split by voting method, with a legend of counts and shares. */
export const modality = defineTemplate({
  id: 'modality',
  params: paramSpecs('modality'),
  schema: z.strictObject({ ...commonParams, ...processParams, ...FIGURE_FILTERS }),
  prepare: (ctx, params) => prepareFigures(ctx, params, false),
  langOf: (_figures: Figures, params) => params.lang,
  draw: (figures, lang, s, verification) => {
    const c = content(figures, lang);
    const legend = c.parts.map((p) =>
      box(
        { alignItems: 'center', marginBottom: s.gap, fontSize: s.body },
        box({
          width: s.body,
          height: s.body,
          marginRight: s.gap,
          backgroundColor: BRAND.modality[p.key] ?? BRAND.colour.muted,
          flexShrink: 0,
        }),
        text({ flexGrow: 1, marginRight: s.gap }, p.label),
        text({ fontWeight: 700 }, p.value),
      ),
    );
    return centredCard(
      s,
      { ...c, verification },
      c.filter ? box({ marginBottom: s.gap }, line(s, c.filter)) : null,
      c.none ? line(s, c.none) : split(s, c.parts),
      ...(c.none ? [] : legend),
    );
  },
  alt: (figures, lang) => {
    const c = content(figures, lang);
    const list = c.parts.map((p) => `${p.label}: ${p.value}`).join('; ');
    return sentences([c.title, c.kicker, c.filter, c.none ?? list, c.source]);
  },
});
