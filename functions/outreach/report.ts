import type { Lang } from '../../site/i18n/locales.ts';
import { useTranslations } from '../../site/i18n/ui.ts';
import { readOutreach } from '../data/outreach.ts';
import { type CallRow, type ContactRow, FIGURE_TABLES, type FigureRow, type FigureTable } from '../domain/outreach.ts';
import type { PageEntry } from '../lib/page-index.ts';
import { readMetrics } from '../metrics/summary.ts';

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
  lang: Lang;
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

// Spots and paid media are grouped by outlet, posts by network; the other tables by channel.
const GROUP_BY: Record<FigureTable, 'platform' | 'channel'> = {
  spots: 'platform',
  digital_posts: 'platform',
  paid_media: 'platform',
  email_sms: 'channel',
  other_actions: 'channel',
};

const INFOGRAPHIC = /infograph|infograf|\.(png|svg)$/i;

function group<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return groups;
}

function sums(rows: FigureRow[]): FigureGroup['sums'] {
  const totals = new Map<string, { source: string; metric: string; value: number }>();
  for (const row of rows) {
    if (row.is_reported_total === 1 || row.value === null) continue;
    const key = `${row.source}\u0000${row.metric}`;
    const sum = totals.get(key) ?? { source: row.source, metric: row.metric, value: 0 };
    sum.value += row.value;
    totals.set(key, sum);
  }
  return [...totals.values()];
}

const detailSum = (rows: { count: number; is_reported_total: 0 | 1 }[]) =>
  rows.reduce((sum, row) => sum + (row.is_reported_total === 1 ? 0 : row.count), 0);

const item = (page: PageEntry): ContentItem => ({
  date: page.date ?? '',
  end: page.end ?? null,
  title: page.title,
  path: page.path,
  source: page.source ?? null,
});

/** Assembles the report of `from`–`to` from the stored imports, the metrics and the build's dated content. */
export async function buildReport(
  db: D1Database,
  content: () => Promise<PageEntry[]>,
  from: string,
  to: string,
  lang: Lang,
): Promise<OutreachReport> {
  const t = useTranslations(lang);
  const [stored, metrics, pages] = await Promise.all([
    readOutreach(db, from, to),
    readMetrics(db, from, to),
    content(),
  ]);
  const all = [...stored.figures, ...stored.calls, ...stored.contacts];
  const periods = [...new Set(all.map((row) => `${row.period_start}|${row.period_end}`))].sort().map((p) => {
    const [start, end] = p.split('|') as [string, string];
    return { from: start, to: end };
  });
  const figures = (Object.keys(FIGURE_TABLES) as FigureTable[]).map((table) => {
    const channels: readonly string[] = FIGURE_TABLES[table];
    const rows = stored.figures.filter((row) => channels.includes(row.channel));
    const by = GROUP_BY[table];
    const groups = [...group(rows, (row) => row[by])].map(([key, members]) => ({
      key,
      label: by === 'channel' ? t(`outreach.channel.${key}` as never) : key,
      rows: members,
      sums: sums(members),
    }));
    return { table, title: t(`outreach.table.${table}` as never), groups };
  });
  const inetel_calls = [...group(stored.calls, (row) => row.call_type)].map(([callType, rows]) => ({
    call_type: callType,
    title: t(`outreach.calls.${callType}` as never) ?? callType,
    rows,
    detail_sum: detailSum(rows),
  }));
  const inetel_contacts = [...group(stored.contacts, (row) => row.subject)].map(([subject, rows]) => ({
    subject,
    title: t(`outreach.contacts.${subject}` as never) ?? subject,
    dimensions: [...group(rows, (row) => row.dimension)].map(([dimension, members]) => ({
      dimension,
      rows: members,
      detail_sum: detailSum(members),
    })),
  }));
  return {
    from,
    to,
    lang,
    periods,
    sources: [...new Set(all.map((row) => row.source.split(' · ')[0] ?? row.source))].filter(Boolean).sort(),
    figures,
    inetel_calls,
    inetel_contacts,
    site: {
      pageviews: metrics.pageviews,
      visitors: metrics.visitors,
      register_clicks: metrics.register_clicks,
      conversion_rate: metrics.conversion_rate,
      campaigns: metrics.campaigns,
      downloads: metrics.downloads,
      infographic_downloads: metrics.downloads.filter((d) => INFOGRAPHIC.test(d.asset)),
      embeds: metrics.embeds,
    },
    content: {
      events: pages.filter((page) => page.section === 'events').map(item),
      press_releases: pages.filter((page) => page.section === 'news').map(item),
    },
  };
}
