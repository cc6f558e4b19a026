// A batch body's text as records, in the two formats the feed may send: NDJSON line by line, CSV through csv-parse,
// or split directly when it is plain (what feeds send), with the same records and line numbers either way.
import { parse } from 'csv-parse';
import { APPLICATION_FIELDS } from '../domain/registration.ts';

/** Where the readers put what they find: records with their line numbers, and problems. */
export interface RecordSink {
  /** True once no further row can change the answer. */
  readonly done: boolean;
  problem(line: number, field: string, message: string): void;
  /** One NDJSON object. */
  add(line: number, value: Record<string, unknown>): void;
  /** One CSV record under its header (readHeader's names; none when the header was unusable). */
  addRecord(header: readonly string[], record: readonly string[], line: number): void;
}

/** Reads an NDJSON body: one JSON object a line. */
export function readNdjson(text: string, collector: RecordSink): void {
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    if (collector.done) return;
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      collector.problem(line, '', 'this line is not valid JSON: each line must be one JSON object');
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      collector.problem(line, '', 'each line must be one JSON object with the application fields');
      continue;
    }
    collector.add(line, value as Record<string, unknown>);
  }
}

// Text that csv-parse would read as plain lines of comma-separated values: no quotes, no character it trims and
// no line break but LF. Such a body (what feeds send) is split directly, with the same records and line numbers.
const PLAIN_CSV = /^[\w,\n-]*$/;

/** Reads a CSV body with its header row. */
export async function readCsv(text: string, collector: RecordSink): Promise<void> {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (PLAIN_CSV.test(body)) return readPlainCsv(body, collector);
  // csv-parse counts a lone CR as a line break; normalising CRLF keeps line numbers true.
  const parser = parse({ bom: true, info: true, trim: true, skip_empty_lines: true, relax_column_count: true });
  let header: string[] | null = null;
  const done = new Promise<void>((resolve) => {
    parser.on('data', ({ record, info }: { record: string[]; info: { lines: number } }) => {
      if (collector.done) return;
      // `info.lines` is where the record ends; a quoted field may span several lines.
      const breaks = record.reduce((sum, field) => sum + (field.match(/\n/g)?.length ?? 0), 0);
      const line = info.lines - breaks;
      if (header === null) {
        header = readHeader(record, line, collector);
        return;
      }
      collector.addRecord(header, record, line);
    });
    parser.on('error', (error: Error & { lines?: number }) => {
      collector.problem(error.lines ?? 1, '', `the CSV cannot be read here: ${error.message}`);
      resolve();
    });
    parser.on('end', resolve);
  });
  parser.end(text.replaceAll('\r\n', '\n'));
  await done;
  if (header === null) collector.problem(1, '', 'the body is empty: send a header row and at least one application');
}

/** A plain body (PLAIN_CSV) record by record, as csv-parse with the options of readCsv would give them. */
function readPlainCsv(text: string, collector: RecordSink): void {
  let header: string[] | null = null;
  let start = 0;
  for (let line = 1; start < text.length && !collector.done; line++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const raw = text.slice(start, end);
    start = end + 1;
    if (raw === '') continue;
    const record = raw.split(',');
    if (header === null) {
      header = readHeader(record, line, collector);
      continue;
    }
    collector.addRecord(header, record, line);
  }
  if (header === null) collector.problem(1, '', 'the body is empty: send a header row and at least one application');
}

/** Checks the header row; returns column names (empty string for ignored columns), or [] when unusable. */
function readHeader(record: string[], line: number, collector: RecordSink): string[] {
  const names = record.map((name) => name.trim().toLowerCase());
  const known = new Set<string>(APPLICATION_FIELDS);
  let usable = true;
  for (const field of APPLICATION_FIELDS) {
    if (!names.includes(field)) {
      usable = false;
      collector.problem(
        line,
        field,
        `the header row has no '${field}' column (it needs: ${APPLICATION_FIELDS.join(', ')})`,
      );
    }
  }
  names.forEach((name, i) => {
    if (known.has(name) && names.indexOf(name) !== i) {
      usable = false;
      collector.problem(line, name, `the header row has the '${name}' column twice`);
    }
  });
  // Columns the contract does not name are ignored, so feeds can carry extra data.
  return usable ? names.map((name) => (known.has(name) ? name : '')) : [];
}
