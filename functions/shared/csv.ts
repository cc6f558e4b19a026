import { stringify } from 'csv-stringify/sync';

/** A spreadsheet runs a cell that starts with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** How `toCsv` writes: line ends, and whether text cells that look like formulas are neutralised. */
export interface CsvOptions {
  /** `\r\n` (RFC 4180, the default) or `\n`. */
  lineEnd?: '\r\n' | '\n';
  /**
   * `neutralise` (the default, for every file a person may open in a spreadsheet) prefixes a text cell that
   * starts with = + - @ with an apostrophe; `keep` is for feeds read by a program, where the apostrophe
   * would change the data. Numbers are never touched: -5 is a number, not a formula.
   */
  formulas?: 'neutralise' | 'keep';
}

/** The one CSV writer: rows (the first is usually the header) as RFC 4180 text, quoted only where needed. */
export function toCsv(rows: readonly (readonly unknown[])[], options: CsvOptions = {}): string {
  const neutralise = (options.formulas ?? 'neutralise') === 'neutralise';
  return stringify(rows as unknown[][], {
    record_delimiter: options.lineEnd === '\n' ? 'unix' : 'windows',
    // Leading or trailing spaces survive a round trip only when quoted (parsers may trim them).
    quoted_match: /^\s|\s$/,
    cast: {
      boolean: (value) => String(value),
      string: (value) => (neutralise && FORMULA_START.test(value) ? `'${value}` : value),
    },
  });
}

/** Objects of one shape as CSV: a header from the first object's keys, then one row each. */
export function recordsCsv(records: readonly Record<string, unknown>[], options: CsvOptions = {}): string {
  const columns = records[0] ? Object.keys(records[0]) : [];
  return toCsv([columns, ...records.map((record) => columns.map((column) => record[column]))], options);
}
