// The shapes of the outreach figures staff import: the columns of the reports' extracted tables
// (db/seed/outreach/*.csv) and the codes they use.

/** How the report groups channels into its tables (the order of the reports' promotion chapter). */
export const FIGURE_TABLES = {
  spots: ['radio', 'tv', 'radio_tv'],
  digital_posts: ['social_organic'],
  paid_media: ['digital_paid'],
  email_sms: ['email', 'sms', 'newsletter', 'automated_call', 'email_and_automated_call'],
  other_actions: [
    'press',
    'media_monitoring',
    'media_interviews',
    'content_production',
    'online_course',
    'civic_network',
    'event',
  ],
} as const;

/** One channel code. */
export type OutreachChannel = (typeof FIGURE_TABLES)[keyof typeof FIGURE_TABLES][number];

/** Channel codes of campaign figures, as `campaign_metrics.csv` uses them: every table's, in the tables' order. */
export const OUTREACH_CHANNELS = Object.values(FIGURE_TABLES).flat() as [OutreachChannel, ...OutreachChannel[]];

/** The id of one table of imported campaign figures. */
export type FigureTable = keyof typeof FIGURE_TABLES;

/** Dimensions of INETEL inbound contacts. */
export const CONTACT_DIMENSIONS = ['total', 'origin', 'topic', 'channel', 'operations'] as const;

/** One campaign figure as stored: '' for text the report does not give, null for a value it does not give. */
export interface FigureRow {
  period_start: string;
  period_end: string;
  area: string;
  channel: OutreachChannel;
  platform: string;
  item: string;
  format: string;
  date: string;
  date_end: string;
  segment: string;
  link: string;
  metric: string;
  value: number | null;
  value_qualifier: string;
  is_reported_total: 0 | 1;
  source: string;
  note: string;
}

/** One INETEL outbound-call count. */
export interface CallRow {
  process: string;
  period_start: string;
  period_end: string;
  call_type: string;
  entity: string;
  outcome: string;
  outcome_label_es: string;
  count: number;
  is_reported_total: 0 | 1;
  source: string;
  note: string;
}

/** One INETEL inbound-contact count. */
export interface ContactRow {
  process: string;
  period_start: string;
  period_end: string;
  subject: string;
  dimension: string;
  category: string;
  category_label_es: string;
  count: number;
  unit: string;
  is_reported_total: 0 | 1;
  source: string;
  note: string;
}

/** The three kinds of file an import takes. */
export type OutreachKind = 'figures' | 'calls' | 'contacts';

/** Stored row of each kind. */
export interface OutreachRows {
  figures: FigureRow;
  calls: CallRow;
  contacts: ContactRow;
}

/** The columns of each kind that make a row's identity: a row with the same key replaces the stored one. */
export const NATURAL_KEYS = {
  figures: ['period_start', 'period_end', 'channel', 'platform', 'item', 'date', 'metric', 'link'],
  calls: ['period_start', 'period_end', 'call_type', 'entity', 'outcome'],
  contacts: ['period_start', 'period_end', 'subject', 'dimension', 'category'],
} as const satisfies { [K in OutreachKind]: readonly (keyof OutreachRows[K])[] };

/** The stored columns of each kind, in table order. */
export const STORED_COLUMNS = {
  figures: [
    'period_start',
    'period_end',
    'area',
    'channel',
    'platform',
    'item',
    'format',
    'date',
    'date_end',
    'segment',
    'link',
    'metric',
    'value',
    'value_qualifier',
    'is_reported_total',
    'source',
    'note',
  ],
  calls: [
    'process',
    'period_start',
    'period_end',
    'call_type',
    'entity',
    'outcome',
    'outcome_label_es',
    'count',
    'is_reported_total',
    'source',
    'note',
  ],
  contacts: [
    'process',
    'period_start',
    'period_end',
    'subject',
    'dimension',
    'category',
    'category_label_es',
    'count',
    'unit',
    'is_reported_total',
    'source',
    'note',
  ],
} as const satisfies { [K in OutreachKind]: readonly (keyof OutreachRows[K])[] };

/** Limits of one import: a whole report's tables fit many times over. */
export const OUTREACH_LIMITS = { maxBytes: 2 * 1024 * 1024, maxRows: 20_000, maxProblems: 1_000 } as const;

/** The identity of a row as one string (for maps and duplicate checks). */
export function naturalKey<K extends OutreachKind>(kind: K, row: OutreachRows[K]): string {
  return JSON.stringify(NATURAL_KEYS[kind].map((column) => (row as unknown as Record<string, unknown>)[column]));
}

/** One group of a figures table (a medium, a network, a channel) with the sums of its detail rows by metric. */
export interface FigureGroup {
  key: string;
  label: string;
  rows: FigureRow[];
  /**
   * Sums of detail rows by source (the report's section) and metric: a report may list an account's figures
   * for the period in one section and per-post figures in another, which must not be added together. Printed
   * totals stay in `rows`, flagged, and are never added here.
   */
  sums: { source: string; metric: string; value: number }[];
}

/** The report of a period: imported figures grouped as the reports group them, the site's own, and content. */
export interface OutreachReport {
  from: string;
  to: string;
  lang: 'es' | 'en';
  periods: { from: string; to: string }[];
  sources: string[];
  figures: { table: FigureTable; title: string; groups: FigureGroup[] }[];
  inetel_calls: { call_type: string; title: string; rows: CallRow[]; detail_sum: number }[];
  inetel_contacts: {
    subject: string;
    title: string;
    dimensions: { dimension: string; rows: ContactRow[]; detail_sum: number }[];
  }[];
  site: {
    pageviews: number;
    visitors: number;
    register_clicks: number;
    conversion_rate: number | null;
    campaigns: { source: string; medium: string; campaign: string; visits: number }[];
    downloads: { asset: string; count: number }[];
    infographic_downloads: { asset: string; count: number }[];
    embeds: { host: string; views: number }[];
  };
  content: {
    events: ContentItem[];
    press_releases: ContentItem[];
  };
}

/** A news item or event of `content/` dated in the period. */
export interface ContentItem {
  date: string;
  end: string | null;
  title: string;
  path: string;
  source: string | null;
}
