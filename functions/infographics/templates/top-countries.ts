import { z } from 'zod';
import { paramSpecs } from '../../domain/infographics.ts';
import { FIGURE_FILTERS } from '../../registrations/figure-query.ts';
import type { Figures } from '../figures.ts';
import { commonParams, processParams } from '../params.ts';
import { prepareFigures } from './common.ts';
import { ranking } from './ranking.ts';
import { defineTemplate } from './types.ts';

const { draw, alt } = ranking((figures, lang) => figures.models[lang].countries, 'img.countries.title');

/** Countries of residence with the most applications, optionally of the people from one state. */
export const topCountries = defineTemplate({
  id: 'top-countries',
  params: paramSpecs('top-countries'),
  schema: z.strictObject({
    ...commonParams,
    ...processParams,
    scope: FIGURE_FILTERS.scope,
    entity: FIGURE_FILTERS.entity,
    cut: FIGURE_FILTERS.cut,
  }),
  prepare: (ctx, params) => prepareFigures(ctx, params, false),
  langOf: (_figures: Figures, params) => params.lang,
  draw,
  alt,
});
