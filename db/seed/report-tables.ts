// Reading the INE report tables in ../shared/data: the CSV files, their columns and counts, and the state names
// the reports print (with or without accents, long or short forms) mapped to INEGI codes.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { ENTITIES, type EntityCode, isEntityCode } from '../../functions/domain/entities.ts';

/** The two electoral processes whose INE reports publish registration tables. */
export const PROCESS_SLUGS = ['pel-2020-2021', 'pel-2022-2023'] as const;
/** Slug of a process with published registration tables. */
export type ProcessSlug = (typeof PROCESS_SLUGS)[number];

/** Which requests a published figure counts: all received, or only those meeting requirements (status cumple). */
export type Scope = 'received' | 'meets_requirements';

function fold(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

// Official long names and common short forms the reports may print instead of the catalogue name.
const ENTITY_ALIASES: Readonly<Record<string, EntityCode>> = {
  'coahuila de zaragoza': '05',
  mexico: '15',
  'michoacan de ocampo': '16',
  'veracruz de ignacio de la llave': '30',
  cdmx: '09',
  'distrito federal': '09',
};

const ENTITY_BY_FOLDED_NAME: ReadonlyMap<string, EntityCode> = new Map([
  ...Object.entries(ENTITY_ALIASES),
  ...Object.entries(ENTITIES).map(([code, names]) => {
    if (!isEntityCode(code)) throw new Error(`entities: bad INEGI code ${code}`);
    return [fold(names.es), code] as const;
  }),
]);

/** INEGI code of a Mexican state named as in the reports (any case, with or without accents); throws on an unknown name. */
export function entityCodeOf(name: string): EntityCode {
  const code = ENTITY_BY_FOLDED_NAME.get(fold(name));
  if (code === undefined) throw new Error(`entityCodeOf: unknown Mexican state name ${JSON.stringify(name)}`);
  return code;
}

const DATA_DIR = new URL('../../../shared/data/', import.meta.url);

/** One row of a report table, by column name. */
export type Row = Readonly<Record<string, string>>;
const fileCache = new Map<string, readonly Row[]>();

/** A table of ../shared/data, parsed once. */
export function readTable(file: string): readonly Row[] {
  let rows = fileCache.get(file);
  if (rows === undefined) {
    rows = parse(readFileSync(new URL(file, DATA_DIR), 'utf8'), { columns: true, skip_empty_lines: true }) as Row[];
    fileCache.set(file, rows);
  }
  return rows;
}

/** A column's text; throws when the table has no such column. */
export function field(row: Row, column: string): string {
  const value = row[column];
  if (value === undefined) throw new Error(`published: missing column ${column}`);
  return value;
}

/** A column's non-negative integer; throws on anything else. */
export function count(row: Row, column: string): number {
  const text = field(row, column);
  const value = Number(text);
  if (text === '' || !Number.isInteger(value) || value < 0)
    throw new Error(`published: ${column}=${JSON.stringify(text)} is not a count`);
  return value;
}

/** The `status_scope` column as a scope; throws on an unknown one. */
export function scopeOf(text: string): Scope {
  if (text === 'received' || text === 'meets_requirements') return text;
  throw new Error(`published: unknown status_scope ${JSON.stringify(text)}`);
}

/** A process's rows of a table, without the printed totals. */
export function processRows(file: string, slug: ProcessSlug): readonly Row[] {
  // Printed TOTAL rows/columns would double count anything summed over these tables.
  return readTable(file).filter((row) => field(row, 'process') === slug && row.is_reported_total !== '1');
}
