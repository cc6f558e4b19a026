import { describe, expect, it } from 'vitest';
import { row } from '../../tests/support/application-row.ts';
import type { Application } from '../domain/registration.ts';
import { APPLICATION_SQL, applicationText, DELTA_SQL, deltaText } from './fixed-width.ts';

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

  it('refuse a value wider than its column rather than cut it', () => {
    expect(() => deltaText(['received', '*', 'US', 'dimension-too-long', 'x', 1])).toThrow(/wider than 10/);
  });
});
