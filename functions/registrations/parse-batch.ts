import { parse } from 'csv-parse';
import { APPLICATION_FIELDS, type Application, applicationSchema } from '../domain/registration.ts';

/** A problem with one line of a batch, as the 422's `details` lists it. */
export interface LineProblem {
  line: number;
  field: string;
  message: string;
}

const FIELDS = APPLICATION_FIELDS;

/** Limits of one batch (the public contract). */
export const BATCH_LIMITS = { maxBytes: 10 * 1024 * 1024, maxRows: 50_000, maxProblems: 1_000 } as const;

/** The outcome of reading a batch: valid rows, or every problem found (up to the limit). */
export type ParsedBatch =
  | { ok: true; rows: Application[] }
  | { ok: false; problems: LineProblem[]; tooManyRows?: false }
  | { ok: false; problems: []; tooManyRows: true };

/** What the batch's rows must also respect: the process's own states, modalities and registration window. */
export interface BatchRules {
  entities: readonly string[];
  modalities: readonly string[];
  registration_opens: string;
  registration_closes: string;
  /** The last day an application can have been received: tomorrow (UTC) when the batch arrives. */
  latest_day: string;
}

/** Body formats the feed may send. */
export type BatchFormat = 'csv' | 'ndjson';

/** Decodes, parses and validates a whole batch body; never throws on bad input. */
export async function parseBatch(bytes: Uint8Array, format: BatchFormat, rules: BatchRules): Promise<ParsedBatch> {
  const text = decodeUtf8(bytes);
  if (typeof text !== 'string') return { ok: false, problems: [text] };
  const collector = new RowCollector(rules);
  if (format === 'csv') await readCsv(text, collector);
  else readNdjson(text, collector);
  return collector.result();
}

/** Validates rows one by one, keeping problems with their line numbers. */
class RowCollector {
  readonly rows: Application[] = [];
  readonly problems: LineProblem[] = [];
  private readonly folioLines = new Map<string, number>();
  private seen = 0;
  tooManyRows = false;
  private readonly rules: BatchRules;
  // Each field's verdict per value seen: a batch repeats few states, countries, days and ages, so the schema runs
  // once per distinct value (the folio, unique by rule, every time).
  private readonly verdicts = FIELDS.map(() => new Map<unknown, { success: boolean; data?: unknown }>());

  constructor(rules: BatchRules) {
    this.rules = rules;
  }

  /** True once no further row can change the answer. */
  get done(): boolean {
    return this.tooManyRows || this.problems.length >= BATCH_LIMITS.maxProblems;
  }

  problem(line: number, field: string, message: string): void {
    if (this.problems.length < BATCH_LIMITS.maxProblems) this.problems.push({ line, field, message });
  }

  /** One CSV record under its header (readHeader's names; none when the header was unusable). */
  addRecord(header: readonly string[], record: readonly string[], line: number): void {
    if (header.length === 0) return;
    if (record.length !== header.length) {
      this.problem(line, '', `this line has ${record.length} values but the header has ${header.length} columns`);
      return;
    }
    const value: Record<string, unknown> = {};
    for (let i = 0; i < header.length; i++) {
      const name = header[i];
      if (name) value[name] = record[i];
    }
    this.add(line, value);
  }

  add(line: number, value: Record<string, unknown>): void {
    this.seen += 1;
    if (this.seen > BATCH_LIMITS.maxRows) {
      this.tooManyRows = true;
      return;
    }
    const parsed = this.validate(value);
    const badFields = new Set<string>();
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        badFields.add(field);
        const given = field && value[field] !== undefined ? ` (got ${JSON.stringify(value[field])})` : '';
        this.problem(line, field, `${field || 'row'} ${issue.message}${given}`);
      }
    }
    // The process's own rules apply to fields that are otherwise well formed, so one pass shows all.
    const entity = String(value.entity ?? '');
    const modality = String(value.modality ?? '');
    const folio = String(value.folio ?? '');
    let valid = parsed.success;
    if (!badFields.has('entity') && !this.rules.entities.includes(entity)) {
      valid = false;
      this.problem(
        line,
        'entity',
        `entity ${entity} is not one of this process's states (${this.rules.entities.join(', ')})`,
      );
    }
    if (!badFields.has('modality') && !this.rules.modalities.includes(modality)) {
      valid = false;
      this.problem(
        line,
        'modality',
        `modality ${modality} is not offered in this process (${this.rules.modalities.join(', ')})`,
      );
    }
    const receivedOn = String(value.received_on ?? '');
    if (!badFields.has('received_on')) {
      const { registration_opens: opens, registration_closes: closes, latest_day: latest } = this.rules;
      const problem =
        receivedOn < opens || receivedOn > closes
          ? `received_on ${receivedOn} is outside this process's registration window (${opens} to ${closes})`
          : receivedOn > latest
            ? `received_on ${receivedOn} is in the future: an application received in the window ${opens} to ${closes} can be dated ${latest} at the latest`
            : null;
      if (problem) {
        valid = false;
        this.problem(line, 'received_on', problem);
      }
    }
    if (!badFields.has('folio')) {
      const firstLine = this.folioLines.get(folio);
      if (firstLine !== undefined) {
        valid = false;
        this.problem(line, 'folio', `folio ${folio} already appears on line ${firstLine} of this batch`);
      } else {
        this.folioLines.set(folio, line);
      }
    }
    if (!valid || !parsed.success) return;
    const row = parsed.data;
    this.rows.push(row);
  }

  /**
   * The schema's verdict on a row: field by field, each verdict remembered per value, which is what the object
   * schema does (each key through its own schema, unknown keys dropped); a row with any bad field goes through the
   * whole schema, for its messages.
   */
  private validate(value: Record<string, unknown>): ReturnType<typeof applicationSchema.safeParse> {
    const row: Record<string, unknown> = {};
    for (let f = 0; f < FIELDS.length; f++) {
      const field = FIELDS[f] as keyof Application;
      const given = value[field];
      const memo = this.verdicts[f] as Map<unknown, { success: boolean; data?: unknown }>;
      let verdict = field === 'folio' || typeof given === 'object' ? undefined : memo.get(given);
      if (verdict === undefined) {
        verdict = applicationSchema.shape[field].safeParse(given);
        if (field !== 'folio' && typeof given !== 'object') memo.set(given, verdict);
      }
      if (!verdict.success) return applicationSchema.safeParse(value);
      row[field] = verdict.data;
    }
    return { success: true, data: row as Application };
  }

  result(): ParsedBatch {
    if (this.tooManyRows) return { ok: false, problems: [], tooManyRows: true };
    if (this.problems.length > 0) return { ok: false, problems: this.problems };
    if (this.rows.length === 0)
      return { ok: false, problems: [{ line: 1, field: '', message: 'the batch has no rows' }] };
    return { ok: true, rows: this.rows };
  }
}

/** The text, or the first line that is not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | LineProblem {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, i));
        } catch {
          return { line, field: '', message: 'this line is not valid UTF-8: save the file as UTF-8 and send it again' };
        }
        line += 1;
        start = i + 1;
      }
    }
    return { line: 1, field: '', message: 'the body is not valid UTF-8' };
  }
}

function readNdjson(text: string, collector: RowCollector): void {
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

async function readCsv(text: string, collector: RowCollector): Promise<void> {
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
function readPlainCsv(text: string, collector: RowCollector): void {
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
function readHeader(record: string[], line: number, collector: RowCollector): string[] {
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
