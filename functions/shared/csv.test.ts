import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { recordsCsv, toCsv } from './csv.ts';

describe('toCsv', () => {
  it('writes RFC 4180 text that parses back to the same cells', () => {
    const rows = [
      ['label', 'count'],
      ['Estados Unidos, EUA', 5182],
      ['say "hi"', 0],
      ['two\nlines', 1],
      ['two\r\nlines', 2],
    ];
    const text = toCsv(rows);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parse(text, { cast: false })).toEqual(rows.map((row) => row.map(String)));
  });

  it('neutralises text cells a spreadsheet would run as formulas, never numbers', () => {
    const text = toCsv([['=HYPERLINK("x")', '+1', '-cmd', '@SUM(A1)', 'plain', -5, 12]]);
    expect(text).toBe(`"'=HYPERLINK(""x"")",'+1,'-cmd,'@SUM(A1),plain,-5,12\r\n`);
  });

  it('keeps the data as it is for feeds read by programs, with LF line ends when asked', () => {
    expect(toCsv([['-A1', '=x']], { formulas: 'keep', lineEnd: '\n' })).toBe('-A1,=x\n');
  });

  it('writes records with a header from the first record', () => {
    expect(recordsCsv([{ date: '2026-11-30', visits: 3, share: null, ok: true }])).toBe(
      'date,visits,share,ok\r\n2026-11-30,3,,true\r\n',
    );
    expect(recordsCsv([])).toBe('\r\n');
  });
});
