import { APPLICATION_FIELDS, type Application, applicationSchema } from '../domain/registration.ts';
import { decodeUtf8, type LineProblem } from '../shared/utf8.ts';
import { type RecordSink, readCsv, readNdjson } from './batch-text.ts';

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
class RowCollector implements RecordSink {
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
