import { z } from 'zod';
import { paramSpecs } from '../../domain/infographics.ts';
import { FIGURE_FILTERS } from '../../registrations/figure-query.ts';
import type { Figures } from '../figures.ts';
import { commonParams, processParams } from '../params.ts';
import { prepareFigures } from './common.ts';
import { ranking } from './ranking.ts';
import { defineTemplate } from './types.ts';

const { draw, alt } = ranking((figures, lang) => figures.models[lang].entities, 'img.entities.title');

/** Applications by state of origin, optionally of the people living in one country. */
export const byEntity = defineTemplate({
  id: 'by-entity',
  params: paramSpecs('by-entity'),
  schema: z.strictObject({
    ...commonParams,
    ...processParams,
    scope: FIGURE_FILTERS.scope,
    country: FIGURE_FILTERS.country,
    cut: FIGURE_FILTERS.cut,
  }),
  prepare: (ctx, params) => prepareFigures(ctx, params, false),
  langOf: (_figures: Figures, params) => params.lang,
  draw,
  alt,
});
