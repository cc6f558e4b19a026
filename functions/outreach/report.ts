import {
  type ContentItem,
  FIGURE_TABLES,
  type FigureGroup,
  type FigureRow,
  type FigureTable,
  type OutreachReport,
} from '../domain/outreach.ts';
import { readMetrics } from '../metrics/summary.ts';
import { type Lang, useTranslations } from '../shared/i18n.ts';
import type { PageEntry } from '../shared/page-index.ts';
import { readOutreach } from './store.ts';

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
