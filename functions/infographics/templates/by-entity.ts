import { rankingTemplate } from './ranking.ts';

/** Applications by state of origin, optionally of the people living in one country. */
export const byEntity = rankingTemplate({
  id: 'by-entity',
  pick: (figures, lang) => figures.models[lang].entities,
  title: 'img.entities.title',
  filter: 'country',
});
