import { parse } from 'csv-parse';
import {
  CONTACT_DIMENSIONS,
  type FigureRow,
  naturalKey,
  OUTREACH_CHANNELS,
  OUTREACH_LIMITS,
  type OutreachKind,
  type OutreachRows,
} from './outreach.ts';
import { decodeUtf8, type LineProblem } from './parse-batch.ts';

/** The outcome of reading an import: its kind and valid rows, or every problem found (up to the limit). */
export type ParsedOutreach<K extends OutreachKind = OutreachKind> =
  | { ok: true; kind: K; rows: OutreachRows[K][] }
  | { ok: false; problems: LineProblem[]; tooManyRows: boolean };

type Cells = Record<string, string>;
type Check = (cells: Cells, problem: (field: string, message: string) => void) => unknown;

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[a-z0-9_]+$/;

/** Columns each kind of file must have (besides its provenance), and the optional ones. */
const COLUMNS: Record<OutreachKind, { required: string[]; optional: string[] }> = {
  figures: {
    required: [
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
    ],
    optional: ['is_reported_total', 'note'],
  },
  calls: {
    required: ['process', 'period_start', 'period_end', 'call_type', 'entity', 'outcome', 'outcome_label_es', 'count'],
    optional: ['is_reported_total', 'note'],
  },
  contacts: {
    required: [
      'process',
      'period_start',
      'period_end',
      'subject',
      'dimension',
      'category',
      'category_label_es',
      'count',
    ],
    optional: ['unit', 'is_reported_total', 'note'],
  },
};

// Provenance: the contract's `source`, or the shared files' own columns that it stands for.
const PROVENANCE: Record<OutreachKind, string[]> = {
  figures: ['source', 'report', 'source_section'],
  calls: ['source', 'source_file', 'source_section'],
  contacts: ['source', 'source_file', 'source_section'],
};

/** Which kinds a route takes: figures alone, or INETEL calls or contacts (told apart by the header). */
export type ImportRoute = 'figures' | 'inetel';

/** Decodes, parses and validates a whole import body; never throws on bad input. */
export async function parseOutreach(bytes: Uint8Array, route: ImportRoute): Promise<ParsedOutreach> {
  const text = decodeUtf8(bytes);
  if (typeof text !== 'string') return { ok: false, problems: [text], tooManyRows: false };
  const records = await readRecords(text);
  if ('problem' in records) return { ok: false, problems: [records.problem], tooManyRows: false };
  const [head, ...body] = records.list;
  if (!head) {
    return {
      ok: false,
      problems: [{ line: 1, field: '', message: 'the body is empty: send a header row and at least one row' }],
      tooManyRows: false,
    };
  }
  if (body.length > OUTREACH_LIMITS.maxRows) return { ok: false, problems: [], tooManyRows: true };
  const names = head.record.map((name) => name.trim().toLowerCase());
  const kind = detectKind(names, route);
  const headerProblems = checkHeader(names, kind, route);
  if (headerProblems.length > 0) return { ok: false, problems: headerProblems, tooManyRows: false };
  const problems: LineProblem[] = [];
  const rows: OutreachRows[OutreachKind][] = [];
  const seen = new Map<string, number>();
  if (body.length === 0) problems.push({ line: 1, field: '', message: 'the file has a header but no rows' });
  for (const { line, record } of body) {
    if (problems.length >= OUTREACH_LIMITS.maxProblems) break;
    if (record.length !== names.length) {
      problems.push({
        line,
        field: '',
        message: `this line has ${record.length} values but the header has ${names.length} columns`,
      });
      continue;
    }
    const cells: Cells = Object.fromEntries(names.map((name, i) => [name, record[i] ?? '']));
    const before = problems.length;
    const row = ROW[kind](cells, (field, message) => problems.push({ line, field, message }));
    if (problems.length > before) continue;
    const key = naturalKey(kind, row as never);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({
        line,
        field: '',
        message: `repeats line ${earlier}: a file may give each figure once (same period, ${keyWords(kind)})`,
      });
      continue;
    }
    seen.set(key, line);
    rows.push(row as OutreachRows[OutreachKind]);
  }
  if (problems.length > 0)
    return { ok: false, problems: problems.slice(0, OUTREACH_LIMITS.maxProblems), tooManyRows: false };
  return { ok: true, kind, rows } as ParsedOutreach;
}

function keyWords(kind: OutreachKind): string {
  if (kind === 'figures') return 'channel, platform, item, date, metric and link';
  if (kind === 'calls') return 'call type, entity and outcome';
  return 'subject, dimension and category';
}

function detectKind(names: string[], route: ImportRoute): OutreachKind {
  if (route === 'figures') return 'figures';
  // The one column each INETEL file has and the other lacks.
  return names.includes('subject') || names.includes('dimension') ? 'contacts' : 'calls';
}

function checkHeader(names: string[], kind: OutreachKind, route: ImportRoute): LineProblem[] {
  const problems: LineProblem[] = [];
  const { required, optional } = COLUMNS[kind];
  const provenance = PROVENANCE[kind];
  const known = new Set([...required, ...optional, ...provenance]);
  const what =
    route === 'inetel'
      ? `an INETEL ${kind === 'calls' ? 'calls' : 'contacts'} file (the columns of inetel_${kind}.csv)`
      : 'a campaign figures file (the columns of campaign_metrics.csv)';
  for (const column of required) {
    if (!names.includes(column)) problems.push({ line: 1, field: column, message: `is missing: ${what} needs it` });
  }
  if (!names.some((name) => provenance.includes(name))) {
    problems.push({
      line: 1,
      field: 'source',
      message: `is missing: name where the figures come from (source, or ${provenance.slice(1).join(' and ')})`,
    });
  }
  const counted = new Set<string>();
  for (const name of names) {
    if (!known.has(name)) {
      problems.push({ line: 1, field: name || '(empty)', message: `is not a column of ${what}` });
    } else if (counted.has(name)) {
      problems.push({ line: 1, field: name, message: 'appears twice in the header' });
    }
    counted.add(name);
  }
  return problems;
}

function text(cells: Cells, field: string): string {
  return (cells[field] ?? '').trim();
}

function required(cells: Cells, field: string, problem: (field: string, message: string) => void): string {
  const value = text(cells, field);
  if (!value) problem(field, 'is empty: every row must give it');
  return value;
}

function code(cells: Cells, field: string, problem: (field: string, message: string) => void): string {
  const value = required(cells, field, problem);
  if (value && !CODE.test(value)) problem(field, `'${value}' is not a code: use lower case letters, digits and _`);
  return value;
}

function isoDay(value: string): boolean {
  if (!ISO.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function period(cells: Cells, problem: (field: string, message: string) => void): { start: string; end: string } {
  const start = required(cells, 'period_start', problem);
  const end = required(cells, 'period_end', problem);
  if (start && !isoDay(start)) problem('period_start', `'${start}' is not a date written YYYY-MM-DD`);
  if (end && !isoDay(end)) problem('period_end', `'${end}' is not a date written YYYY-MM-DD`);
  if (isoDay(start) && isoDay(end) && end < start) {
    problem('period_end', `${end} is before period_start ${start}: the period is out of order`);
  }
  return { start, end };
}

function flag(cells: Cells, problem: (field: string, message: string) => void): 0 | 1 {
  const value = text(cells, 'is_reported_total');
  if (value === '' || value === '0') return 0;
  if (value === '1') return 1;
  problem('is_reported_total', `'${value}' must be 1 (a printed total) or 0 (detail)`);
  return 0;
}

function count(cells: Cells, field: string, problem: (field: string, message: string) => void): number {
  const value = required(cells, field, problem);
  if (!value) return 0;
  if (!/^-?\d+$/.test(value)) {
    problem(field, `'${value}' is not a whole number (write digits only, no thousands separators)`);
    return 0;
  }
  const number = Number(value);
  if (number < 0) problem(field, `${value} is negative: counts are 0 or more`);
  if (!Number.isSafeInteger(number)) problem(field, `${value} is too large`);
  return number;
}

function source(cells: Cells, kind: OutreachKind): string {
  const given = text(cells, 'source');
  if (given) return given;
  const [, file, section] = PROVENANCE[kind];
  return [text(cells, file as string), text(cells, section as string)].filter(Boolean).join(' · ');
}

const CHANNELS = new Set<string>(OUTREACH_CHANNELS);
const QUALIFIERS = new Set(['', '>', '<']);

function figureRow(cells: Cells, problem: (field: string, message: string) => void): FigureRow {
  const { start, end } = period(cells, problem);
  const channel = text(cells, 'channel');
  if (!CHANNELS.has(channel)) {
    problem('channel', `'${channel}' is not a channel; use one of ${OUTREACH_CHANNELS.join(', ')}`);
  }
  const date = text(cells, 'date');
  const days = date ? date.split(';').map((d) => d.trim()) : [];
  if (days.some((d) => !isoDay(d))) {
    problem('date', `'${date}' must be a date written YYYY-MM-DD (several dates joined by ;), or empty`);
  }
  const dateEnd = text(cells, 'date_end');
  if (dateEnd && !isoDay(dateEnd)) problem('date_end', `'${dateEnd}' is not a date written YYYY-MM-DD`);
  else if (dateEnd && days[0] && isoDay(days[0]) && dateEnd < days[0]) {
    problem('date_end', `${dateEnd} is before date ${days[0]}: the dates are out of order`);
  }
  const raw = text(cells, 'value');
  let value: number | null = null;
  if (raw !== '') {
    if (!/^-?\d+(\.\d+)?$/.test(raw)) {
      problem('value', `'${raw}' is not a number (digits and a decimal point only, no thousands separators)`);
    } else if (Number(raw) < 0) {
      problem('value', `${raw} is negative: figures are 0 or more`);
    } else value = Number(raw);
  }
  const qualifier = text(cells, 'value_qualifier');
  if (!QUALIFIERS.has(qualifier)) problem('value_qualifier', `'${qualifier}' must be empty, > (more than) or <`);
  return {
    period_start: start,
    period_end: end,
    area: text(cells, 'area'),
    channel: channel as FigureRow['channel'],
    platform: required(cells, 'platform', problem),
    item: required(cells, 'item', problem),
    format: text(cells, 'format'),
    date: days.join(';'),
    date_end: dateEnd,
    segment: text(cells, 'segment'),
    link: text(cells, 'link'),
    metric: code(cells, 'metric', problem),
    value,
    value_qualifier: qualifier,
    is_reported_total: flag(cells, problem),
    source: source(cells, 'figures'),
    note: text(cells, 'note'),
  };
}

const ROW: Record<OutreachKind, Check> = {
  figures: figureRow,
  calls: (cells, problem) => {
    const { start, end } = period(cells, problem);
    return {
      process: text(cells, 'process'),
      period_start: start,
      period_end: end,
      call_type: code(cells, 'call_type', problem),
      entity: required(cells, 'entity', problem),
      outcome: code(cells, 'outcome', problem),
      outcome_label_es: text(cells, 'outcome_label_es'),
      count: count(cells, 'count', problem),
      is_reported_total: flag(cells, problem),
      source: source(cells, 'calls'),
      note: text(cells, 'note'),
    };
  },
  contacts: (cells, problem) => {
    const { start, end } = period(cells, problem);
    const dimension = text(cells, 'dimension');
    if (!(CONTACT_DIMENSIONS as readonly string[]).includes(dimension)) {
      problem('dimension', `'${dimension}' is not a dimension; use one of ${CONTACT_DIMENSIONS.join(', ')}`);
    }
    return {
      process: text(cells, 'process'),
      period_start: start,
      period_end: end,
      subject: code(cells, 'subject', problem),
      dimension,
      category: code(cells, 'category', problem),
      category_label_es: text(cells, 'category_label_es'),
      count: count(cells, 'count', problem),
      unit: text(cells, 'unit') || 'contacts',
      is_reported_total: flag(cells, problem),
      source: source(cells, 'contacts'),
      note: text(cells, 'note'),
    };
  },
};

async function readRecords(
  text: string,
): Promise<{ list: { line: number; record: string[] }[] } | { problem: LineProblem }> {
  const parser = parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: true });
  const list: { line: number; record: string[] }[] = [];
  let failure: LineProblem | null = null;
  const done = new Promise<void>((resolve) => {
    parser.on('data', ({ record, info }: { record: string[]; info: { lines: number } }) => {
      // `info.lines` is where the record ends; a quoted field may span several lines.
      const breaks = record.reduce((sum, field) => sum + (field.match(/\n/g)?.length ?? 0), 0);
      if (list.length <= OUTREACH_LIMITS.maxRows + 1) list.push({ line: info.lines - breaks, record });
    });
    parser.on('error', (error: Error & { lines?: number }) => {
      failure = { line: error.lines ?? 1, field: '', message: `the CSV cannot be read here: ${error.message}` };
      resolve();
    });
    parser.on('end', resolve);
  });
  // csv-parse counts a lone CR as a line break; normalising CRLF keeps line numbers true.
  parser.end(text.replaceAll('\r\n', '\n'));
  await done;
  return failure ? { problem: failure } : { list };
}
