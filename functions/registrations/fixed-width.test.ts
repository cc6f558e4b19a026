import { describe, expect, it } from 'vitest';
import { row } from '../../tests/support/application-row.ts';
import type { Application } from '../domain/registration.ts';
import { APPLICATION_SQL, applicationText, DELTA_SQL, deltaText, deltaTextsInKeyOrder } from './fixed-width.ts';
import type { RollupDelta } from './rollup-keys.ts';

// What SQLite's substr() and rtrim() do with the expressions, in JavaScript (the Worker tests run the real SQL).
function cut(text: string, expression: string): string {
  const [, from, width] = /substr\(value, (\d+)(?:, (\d+))?\)/.exec(expression) ?? [];
  const part = text.slice(Number(from) - 1, width ? Number(from) - 1 + Number(width) : undefined);
  return expression.includes('rtrim(') ? part.replace(/ +$/, '') : part;
}

describe('fixed-width rows', () => {
  it('give every column back from the string, the folio whole at the end', () => {
    const app = row('Folio_with-64-chars'.padEnd(64, 'x'), {
      status: 'improcedente',
      modality: 'presencial',
      age: 130,
    });
    const text = applicationText(app as Application);
    const back = Object.fromEntries(Object.entries(APPLICATION_SQL).map(([name, sql]) => [name, cut(text, sql)]));
    expect(back).toEqual({ ...app, age: '130', age_band: '65+' });
  });

  it('give a rollup move back, a total bucket empty and a move below zero whole', () => {
    const text = deltaText(['received', '*', 'US', 'total', '', -1234]);
    expect(DELTA_SQL.map((sql) => cut(text, sql))).toEqual(['received', '*', 'US', 'total', '', '-1234']);
    expect(DELTA_SQL.at(-1)).toMatch(/^CAST\(/);
  });

  it('sort rollup moves in the key order SQLite keeps (shorter values and * first), whatever the move', () => {
    const moves: RollupDelta[] = [
      ['received', '15', 'US', 'day', '2023-10-02', 1],
      ['cumple', '*', '*', 'total', '', 7],
      ['received', '*', 'US', 'age_band', '20-24', -3],
      ['received', '*', 'US', 'age', '20-24', 2],
      ['received', '*', 'CA', 'total', '', 10],
      ['received', '15', 'US', 'day', '2023-10-01', 5],
      ['received', '01', '*', 'entity', '01', 4],
      ['received', '*', '*', 'channel', 'srve', 1],
      ['received', '*', '*', 'channel', 'inetel', 100],
    ];
    const key = (m: RollupDelta) => m.slice(0, 5).join('\u0000');
    const expected = [...moves].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map(deltaText);
    expect(deltaTextsInKeyOrder(moves)).toEqual(expected);
    expect(deltaTextsInKeyOrder(moves)[0]).toBe(deltaText(['cumple', '*', '*', 'total', '', 7]));
  });

  it('refuse a value wider than its column rather than cut it', () => {
    expect(() => deltaText(['received', '*', 'US', 'dimension-too-long', 'x', 1])).toThrow(/wider than 10/);
  });
});
