// A batch's rows travel to SQLite as one JSON array of fixed-width strings per statement, cut apart there with
// substr(): SQLite reads each string once, where an array of arrays costs one JSON extraction per column
// (`value ->> i`), which made up most of a large batch's write. Every field but the last has a fixed width (values
// are padded with spaces, which no validated value holds); the last, the only one of free length, is the rest.
import { type Application, ageBand } from '../domain/registration.ts';
import type { RollupDelta } from './rollup-keys.ts';

/** A column's place in a fixed-width string: its width (0 for the rest of the string). */
type Layout = readonly (readonly [name: string, width: number])[];

function encoder(layout: Layout): (values: readonly (string | number)[]) => string {
  return (values) => {
    let text = '';
    for (let i = 0; i < layout.length; i++) {
      const value = String(values[i]);
      const width = (layout[i] as readonly [string, number])[1];
      if (width === 0) return text + value;
      if (value.length > width) throw new Error(`${layout[i]?.[0]} '${value}' is wider than ${width}`);
      text += value.padEnd(width, ' ');
    }
    return text;
  };
}

/** The SQL expressions that cut `column` apart, one per field of the layout, in its order. */
function columns(layout: Layout, column: string): string[] {
  let at = 1;
  return layout.map(([, width]) => {
    const expression = width === 0 ? `substr(${column}, ${at})` : `rtrim(substr(${column}, ${at}, ${width}))`;
    at += width;
    return expression;
  });
}

// Widths: the longest value each field may hold (a date 10, `presencial` 10, `inetel` 6, `improcedente` 12, an age
// band `20-24` 5); the folio last, 1 to 64 characters.
const APPLICATION: Layout = [
  ['received_on', 10],
  ['country', 2],
  ['entity', 2],
  ['sex', 1],
  ['age', 3],
  ['modality', 10],
  ['channel', 6],
  ['credential', 4],
  ['status', 12],
  ['age_band', 5],
  ['folio', 0],
];
const encodeApplication = encoder(APPLICATION);

/** An application as one fixed-width string (APPLICATION_SQL reads it). */
export function applicationText(row: Application): string {
  return encodeApplication([
    row.received_on,
    row.country,
    row.entity,
    row.sex,
    row.age,
    row.modality,
    row.channel,
    row.credential,
    row.status,
    ageBand(row.age),
    row.folio,
  ]);
}

/** The application's columns, named as the table names them, from `value` (a string of applicationText). */
export const APPLICATION_SQL: Record<string, string> = Object.fromEntries(
  columns(APPLICATION, 'value').map((expression, i) => {
    const name = (APPLICATION[i] as readonly [string, number])[0];
    return [name, name === 'age' ? `CAST(${expression} AS INTEGER)` : expression];
  }),
);

// Scope `received` 8, entity and country 2 (`*` padded), dimension `credential` 10, bucket `improcedente` 12; the
// move, a signed integer, last.
const DELTA: Layout = [
  ['scope', 8],
  ['entity', 2],
  ['country', 2],
  ['dimension', 10],
  ['bucket', 12],
  ['count', 0],
];

/** A rollup move as one fixed-width string (DELTA_SQL reads it). */
export const deltaText: (delta: RollupDelta) => string = encoder(DELTA);

/** The move's columns (scope, entity, country, dimension, bucket, count) from `value` (a string of deltaText). */
export const DELTA_SQL: string[] = columns(DELTA, 'value').map((expression, i) =>
  i === DELTA.length - 1 ? `CAST(${expression} AS INTEGER)` : expression,
);
