import writeXlsxFile, { type Cell, type Row, type Sheet } from 'write-excel-file/universal';
import { type OutreachKind, type OutreachReport, type OutreachRows, STORED_COLUMNS } from '../domain/outreach.ts';
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

// A sheet shows every stored column but those its title already says (process, area) and the notes, with where
// each row comes from (its period and source) last.
const LAST = ['period_start', 'period_end', 'source'] as const;
const LEFT_OUT = new Set<string>(['process', 'area', 'note', ...LAST]);
const DAYS = new Set<string>(['date', 'date_end', 'period_start', 'period_end']);

function sheetColumns<K extends OutreachKind>(kind: K): (keyof OutreachRows[K] & string)[] {
  const stored: readonly string[] = STORED_COLUMNS[kind];
  return [...stored.filter((column) => !LEFT_OUT.has(column)), ...LAST] as (keyof OutreachRows[K] & string)[];
}

// One stored row in `columns`' order: days as date cells, numbers as numbers, text as it is.
function cells<R extends object>(row: R, columns: readonly (keyof R & string)[]): Cell[] {
  return columns.map((column) => {
    const value = row[column] as unknown;
    if (DAYS.has(column)) return day(value as string | null);
    if (typeof value === 'number' || value === null) return number(value as number | null);
    return value as Cell;
  });
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
    const columns = sheetColumns('figures');
    add(table.title, [
      header('group', ...columns),
      ...table.groups.flatMap((group) => group.rows.map((row) => [group.label, ...cells(row, columns)])),
    ]);
  }
  const calls = sheetColumns('calls');
  add(t('outreach.table.inetel_calls'), [
    header(...calls),
    ...report.inetel_calls.flatMap((table) => table.rows.map((row) => cells(row, calls))),
  ]);
  const contacts = sheetColumns('contacts');
  add(t('outreach.table.inetel_contacts'), [
    header(...contacts),
    ...report.inetel_contacts.flatMap((table) =>
      table.dimensions.flatMap((dimension) => dimension.rows.map((row) => cells(row, contacts))),
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
