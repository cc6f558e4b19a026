import { rankingTemplate } from './ranking.ts';

/** Countries of residence with the most applications, optionally of the people from one state. */
export const topCountries = rankingTemplate({
  id: 'top-countries',
  pick: (figures, lang) => figures.models[lang].countries,
  title: 'img.countries.title',
  filter: 'entity',
});
