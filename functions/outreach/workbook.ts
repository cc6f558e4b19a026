import writeXlsxFile, { type Cell, type Row, type Sheet } from 'write-excel-file/universal';
import type { OutreachReport } from '../domain/outreach.ts';
import { useTranslations } from '../shared/i18n.ts';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const BOLD = { fontWeight: 'bold' as const };

// A single day is a real date cell; several days joined by ';' stay text as the report prints them.
function day(value: string | null): Cell {
  if (!value) return null;
  if (!ISO.test(value)) return value;
  return { value: new Date(`${value}T00:00:00Z`), type: Date, format: 'yyyy-mm-dd' };
}

function number(value: number | null): Cell {
  return value === null ? null : { value, type: Number };
}

function header(...names: string[]): Row {
  return names.map((name) => ({ value: name, ...BOLD }));
}

// Excel caps sheet names at 31 characters and forbids a few signs.
function sheetName(title: string, used: Set<string>): string {
  let name = title
    .replace(/[\\/?*[\]:]/g, '')
    .replace(/\s+/g, ' ')
    .slice(0, 31)
    .trim();
  for (let n = 2; used.has(name); n++) name = `${name.slice(0, 28)} ${n}`;
  used.add(name);
  return name;
}

/** The report as an .xlsx workbook: a cover with the period and sources, then one sheet per table. */
export async function reportWorkbook(report: OutreachReport): Promise<ArrayBuffer> {
  const t = useTranslations(report.lang);
  const used = new Set<string>();
  const sheets: Sheet<never>[] = [];
  const add = (title: string, data: Row[]) => sheets.push({ sheet: sheetName(title, used), data });
  add(t('outreach.cover'), [
    [{ value: t('outreach.title'), ...BOLD }],
    [t('outreach.period'), day(report.from), day(report.to)],
    [t('outreach.generated'), { value: new Date(), type: Date, format: 'yyyy-mm-dd hh:mm' }],
    [],
    header(t('outreach.period'), ''),
    ...report.periods.map((p) => [day(p.from), day(p.to)]),
    [],
    header(t('outreach.sources')),
    ...report.sources.map((source) => [source]),
  ]);
  for (const table of report.figures) {
    add(table.title, [
      header(
        'group',
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
        'period_start',
        'period_end',
        'source',
      ),
      ...table.groups.flatMap((group) =>
        group.rows.map((row) => [
          group.label,
          row.channel,
          row.platform,
          row.item,
          row.format,
          day(row.date),
          day(row.date_end),
          row.segment,
          row.link,
          row.metric,
          number(row.value),
          row.value_qualifier,
          number(row.is_reported_total),
          day(row.period_start),
          day(row.period_end),
          row.source,
        ]),
      ),
    ]);
  }
  add(t('outreach.table.inetel_calls'), [
    header(
      'call_type',
      'entity',
      'outcome',
      'outcome_label_es',
      'count',
      'is_reported_total',
      'period_start',
      'period_end',
      'source',
    ),
    ...report.inetel_calls.flatMap((table) =>
      table.rows.map((row) => [
        row.call_type,
        row.entity,
        row.outcome,
        row.outcome_label_es,
        number(row.count),
        number(row.is_reported_total),
        day(row.period_start),
        day(row.period_end),
        row.source,
      ]),
    ),
  ]);
  add(t('outreach.table.inetel_contacts'), [
    header(
      'subject',
      'dimension',
      'category',
      'category_label_es',
      'count',
      'unit',
      'is_reported_total',
      'period_start',
      'period_end',
      'source',
    ),
    ...report.inetel_contacts.flatMap((table) =>
      table.dimensions.flatMap((dimension) =>
        dimension.rows.map((row) => [
          row.subject,
          row.dimension,
          row.category,
          row.category_label_es,
          number(row.count),
          row.unit,
          number(row.is_reported_total),
          day(row.period_start),
          day(row.period_end),
          row.source,
        ]),
      ),
    ),
  ]);
  const { site } = report;
  add(t('outreach.site'), [
    header(t('outreach.metric'), t('outreach.value')),
    [t('staff.pageviews'), number(site.pageviews)],
    [t('staff.visitors'), number(site.visitors)],
    [t('staff.registerClicks'), number(site.register_clicks)],
    [t('staff.conversion'), number(site.conversion_rate)],
  ]);
  add(t('outreach.campaigns'), [
    header('source', 'medium', 'campaign', 'visits'),
    ...site.campaigns.map((c) => [c.source, c.medium, c.campaign, number(c.visits)]),
  ]);
  add(t('outreach.downloads'), [header('asset', 'count'), ...site.downloads.map((d) => [d.asset, number(d.count)])]);
  add(t('outreach.embeds'), [header('host', 'views'), ...site.embeds.map((e) => [e.host, number(e.views)])]);
  for (const [title, items] of [
    [t('outreach.events'), report.content.events],
    [t('outreach.pressReleases'), report.content.press_releases],
  ] as const) {
    add(title, [
      header('date', 'end', 'title', 'path', 'source'),
      ...items.map((i) => [day(i.date), day(i.end), i.title, i.path, i.source]),
    ]);
  }
  const blob = await writeXlsxFile(sheets).toBlob();
  return blob.arrayBuffer();
}
