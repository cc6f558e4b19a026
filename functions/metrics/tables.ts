/** The tables of the staff metrics summary that can be exported as CSV (API and staff page share this list). */
export const METRIC_TABLES = [
  'daily',
  'pages',
  'campaigns',
  'referrers',
  'embeds',
  'downloads',
  'countries',
  'languages',
  'shares',
  'searches_without_results',
  'language_switches',
  'not_found',
  'referrals',
] as const;

/** One exportable table. */
export type MetricTable = (typeof METRIC_TABLES)[number];
