// The metrics vocabulary the Worker and the staff and partner pages share: event names, table names, the
// shapes of the staff summary and of a partner's figures. Values only, no storage.

/** Event names the endpoint accepts (public contract). */
export const EVENT_NAMES = [
  'pageview',
  'cta_click',
  'download',
  'share',
  'search',
  'language_switch',
  'embed_view',
  'not_found',
] as const;

/** The row that gathers every value past a daily cap or outside a known set (public contract). */
export const OTHER = '(other)';

/** Distinct values a day each capped dimension keeps before the rest go to `(other)` (public contract). */
export const MAX_DISTINCT_PER_DAY = 500;

/** Distinct visitors a day a search term needs before it reaches a report (public contract). */
export const MIN_SEARCH_VISITORS = 5;

/** Free dimensions whose new values get their own row only once MIN_NETWORKS networks sent them that day. */
export const BREADTH_DIMENSIONS = ['referrer', 'campaign', 'not_found'] as const;

/** Distinct networks (IPv4 /24, IPv6 /48) a new value of a BREADTH_DIMENSIONS dimension needs in a day. */
export const MIN_NETWORKS = 2;

/** New values one network may put forward a day in each BREADTH_DIMENSIONS dimension. */
export const NEW_VALUES_PER_NETWORK = 25;

/** Free dimensions whose values reach a report only past MIN_SEARCH_VISITORS visitors a day: their visitor scope. */
export const VISITOR_GATED = { search_empty: 'search:', not_found: 'missing:' } as const;

/** Dimensions whose values a visitor chooses freely: each keeps at most MAX_DISTINCT_PER_DAY a day. */
export const CAPPED_DIMENSIONS = ['referrer', 'campaign', 'embed', 'download', 'search_empty', 'not_found'] as const;

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

/** Staff figures for a period (public contract plus the tables the quarterly reports need). */
export interface MetricsSummary {
  from: string;
  to: string;
  pageviews: number;
  visitors: number;
  events: Record<string, number>;
  pages: {
    path: string;
    pageviews: number;
    visitors: number;
    register_clicks: number;
    conversion_rate: number | null;
  }[];
  campaigns: { source: string; medium: string; campaign: string; visits: number }[];
  referrers: { host: string; visits: number }[];
  embeds: { host: string; views: number }[];
  downloads: { asset: string; count: number }[];
  countries: { country: string; events: number }[];
  languages: { lang: string; events: number; visitors: number }[];
  shares: { network: string; count: number }[];
  searches_without_results: { query: string; count: number }[];
  language_switches: { switch: string; count: number }[];
  not_found: { path: string; count: number }[];
  referrals: { code: string; name: string; visits: number; visitors: number; register_clicks: number }[];
  register_clicks: number;
  conversion_rate: number | null;
  /** Register clicks on guide pages (`/es/guias/…`, `/en/guias/…`) per guide page view. */
  guides: { pageviews: number; register_clicks: number; conversion_rate: number | null };
  dropped: Record<string, number>;
  daily: { date: string; pageviews: number; visitors: number }[];
}

/** A partner's figures for a period: totals and one row per day (days without visits included, as 0). */
export interface ReferralFigures {
  code: string;
  name: string;
  from: string;
  to: string;
  visits: number;
  visitors: number;
  register_clicks: number;
  daily: { date: string; visits: number; visitors: number; register_clicks: number }[];
}
