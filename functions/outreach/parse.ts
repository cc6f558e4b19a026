import { parse } from 'csv-parse';
import {
  naturalKey,
  OUTREACH_LIMITS,
  type OutreachKind,
  type OutreachRows,
  STORED_COLUMNS,
} from '../domain/outreach.ts';
import { decodeUtf8, type LineProblem } from '../shared/utf8.ts';
import { OUTREACH_ROW_SCHEMAS } from './rows.ts';

/** The outcome of reading an import: its kind and valid rows, or every problem found (up to the limit). */
export type ParsedOutreach<K extends OutreachKind = OutreachKind> =
  | { ok: true; kind: K; rows: OutreachRows[K][] }
  | { ok: false; problems: LineProblem[]; tooManyRows: boolean };

type Cells = Record<string, string>;

// Columns a file may leave out; every other stored column but `source` must be in its header.
const OPTIONAL: Record<OutreachKind, string[]> = {
  figures: ['is_reported_total', 'note'],
  calls: ['is_reported_total', 'note'],
  contacts: ['unit', 'is_reported_total', 'note'],
};

/** Columns each kind of file must have (besides its provenance), and the optional ones. */
const COLUMNS = Object.fromEntries(
  (Object.keys(OPTIONAL) as OutreachKind[]).map((kind) => [
    kind,
    {
      required: STORED_COLUMNS[kind].filter((column) => column !== 'source' && !OPTIONAL[kind].includes(column)),
      optional: OPTIONAL[kind],
    },
  ]),
) as Record<OutreachKind, { required: string[]; optional: string[] }>;

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
    const row = checkRow(kind, cells, (field, message) => problems.push({ line, field, message }));
    if (!row) continue;
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

/** The report file and section, as one `source`: the contract's column, or the shared files' two. */
function source(cells: Cells, kind: OutreachKind): string {
  const given = (cells.source ?? '').trim();
  if (given) return given;
  const [, file, section] = PROVENANCE[kind];
  return [cells[file as string], cells[section as string]]
    .map((part) => (part ?? '').trim())
    .filter(Boolean)
    .join(' · ');
}

/** Validates one row's cells with its kind's schema; each problem goes to `problem` with its field. */
function checkRow(
  kind: OutreachKind,
  cells: Cells,
  problem: (field: string, message: string) => void,
): OutreachRows[OutreachKind] | null {
  // A column the file may leave out (a note, the total flag) reads as an empty cell.
  const given = Object.fromEntries(STORED_COLUMNS[kind].map((column) => [column, cells[column] ?? '']));
  const parsed = OUTREACH_ROW_SCHEMAS[kind].safeParse({ ...given, source: source(cells, kind) });
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    const value = (cells[field] ?? '').trim();
    problem(field, value ? `'${value}' ${issue.message}` : issue.message);
  }
  return null;
}

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
