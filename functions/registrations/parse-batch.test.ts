// Reading a feed batch, line by line: every problem with its line, field and words, the process's own rules, the
// limits, and the two formats. Inputs and expected problems are written out by hand.
import { describe, expect, it } from 'vitest';
import { row } from '../../tests/support/application-row.ts';
import { decodeUtf8 } from '../shared/utf8.ts';
import { type BatchRules, parseBatch } from './parse-batch.ts';

const RULES: BatchRules = {
  entities: ['05', '15'],
  modalities: ['postal', 'internet'],
  registration_opens: '2023-09-01',
  registration_closes: '2024-02-25',
  latest_day: '2023-10-10',
};
const HEADER = 'folio,received_on,country,entity,sex,age,modality,channel,credential,status';
const GOOD = 'A1,2023-10-02,US,15,M,34,internet,srve,cpve,revision';
const bytes = (text: string) => new TextEncoder().encode(text);
const csv = (...lines: string[]) => parseBatch(bytes(lines.join('\n')), 'csv', RULES);
const ndjson = (...lines: string[]) => parseBatch(bytes(lines.join('\n')), 'ndjson', RULES);
const A1 = row('A1');

describe('a CSV batch', () => {
  it('gives the rows, with a BOM, CRLF line ends, a header in any case and order, and extra columns ignored', async () => {
    const text = `\uFEFFNotes, Age ,FOLIO,received_on,country,entity,sex,modality,channel,credential,status\r\n"a, b",34,A1,2023-10-02,US,15,M,internet,srve,cpve,revision\r\nx,18,B2,2024-02-25,CA,05,X,postal,inetel,cpv,cumple\r\n`;
    expect(await parseBatch(bytes(text), 'csv', { ...RULES, latest_day: '2024-03-01' })).toEqual({
      ok: true,
      rows: [A1, { ...A1, folio: 'B2', received_on: '2024-02-25', country: 'CA', entity: '05', sex: 'X', age: 18 }].map(
        (r, i) => (i === 1 ? { ...r, modality: 'postal', channel: 'inetel', credential: 'cpv', status: 'cumple' } : r),
      ),
    });
  });

  it('names every bad field of every line, with what was sent', async () => {
    const result = await csv(
      HEADER,
      GOOD,
      'bad folio!,2023-02-30,us,99,Z,17,email,web,passport,lost',
      'C3,15/10/2023,US,15,M,abc,internet,srve,cpve,revision',
      'C4,2023-10-02,US,15,M,34.5,internet,srve,cpve,revision',
      'C5,2023-10-02,US,15,M,131,internet,srve,cpve,revision',
    );
    expect(result.ok).toBe(false);
    // One line per problem, "line field: message", in the order a reader fixes them.
    expect(result.ok ? [] : result.problems.map((p) => `${p.line} ${p.field}: ${p.message}`)).toEqual([
      '3 folio: folio must be 1-64 characters: letters, digits, _ or - (got "bad folio!")',
      '3 received_on: received_on is not a real calendar date (got "2023-02-30")',
      '3 country: country must be an ISO 3166-1 alpha-2 country code in upper case, e.g. US (got "us")',
      '3 entity: entity must be a two-digit INEGI state code, 01 to 32 (got "99")',
      '3 sex: sex must be H, M or X (got "Z")',
      '3 age: age must be 18 or more (got "17")',
      '3 modality: modality must be postal, internet or presencial (got "email")',
      '3 channel: channel must be srve or inetel (got "web")',
      '3 credential: credential must be cpve or cpv (got "passport")',
      '3 status: status must be revision, cumple, subsane or improcedente (got "lost")',
      // Both rules of the date fail: the form, and so the calendar.
      '4 received_on: received_on must be a date written YYYY-MM-DD (got "15/10/2023")',
      '4 received_on: received_on is not a real calendar date (got "15/10/2023")',
      '4 age: age must be a whole number (got "abc")',
      '5 age: age must be a whole number (got "34.5")',
      '6 age: age must be 130 or less (got "131")',
    ]);
  });

  it("applies the process's states, modalities and window to well-formed fields, and folios once per batch", async () => {
    const result = await csv(
      HEADER,
      GOOD,
      'D2,2023-10-02,US,01,M,34,presencial,srve,cpve,revision',
      'D3,2023-08-31,US,15,M,34,internet,srve,cpve,revision',
      'D4,2024-02-26,US,15,M,34,internet,srve,cpve,revision',
      'D5,2023-10-11,US,15,M,34,internet,srve,cpve,revision',
      'A1,2023-10-10,US,15,M,34,internet,srve,cpve,revision',
      'D6,2023-09-01,US,05,H,130,postal,inetel,cpv,cumple',
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        { line: 3, field: 'entity', message: "entity 01 is not one of this process's states (05, 15)" },
        {
          line: 3,
          field: 'modality',
          message: 'modality presencial is not offered in this process (postal, internet)',
        },
        {
          line: 4,
          field: 'received_on',
          message: "received_on 2023-08-31 is outside this process's registration window (2023-09-01 to 2024-02-25)",
        },
        {
          line: 5,
          field: 'received_on',
          message: "received_on 2024-02-26 is outside this process's registration window (2023-09-01 to 2024-02-25)",
        },
        {
          line: 6,
          field: 'received_on',
          message:
            'received_on 2023-10-11 is in the future: an application received in the window 2023-09-01 to 2024-02-25 can be dated 2023-10-10 at the latest',
        },
        { line: 7, field: 'folio', message: 'folio A1 already appears on line 2 of this batch' },
      ],
    });
  });

  it('reports a bad header once per missing or repeated column, and reads no row under it', async () => {
    expect(await csv('folio,received_on,country,entity,sex,age,modality,channel,credential,folio', GOOD)).toEqual({
      ok: false,
      problems: [
        {
          line: 1,
          field: 'status',
          message:
            "the header row has no 'status' column (it needs: folio, received_on, country, entity, sex, age, modality, channel, credential, status)",
        },
        { line: 1, field: 'folio', message: "the header row has the 'folio' column twice" },
      ],
    });
  });

  it('counts lines as the file does: blank lines, a quoted value over two lines, a short line', async () => {
    const result = await csv(
      `${HEADER},notes`,
      '',
      `${GOOD},"one`,
      'two"',
      'E2,2023-10-02,US,15,M,34,internet,srve,cpve',
      'E3,2023-10-02,US,15,M,17,internet,srve,cpve,revision,',
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        { line: 5, field: '', message: 'this line has 9 values but the header has 11 columns' },
        { line: 6, field: 'age', message: 'age must be 18 or more (got "17")' },
      ],
    });
  });

  it('says what is wrong with an empty body, a header alone, and a CSV that cannot be read', async () => {
    expect(await csv('')).toEqual({
      ok: false,
      problems: [{ line: 1, field: '', message: 'the body is empty: send a header row and at least one application' }],
    });
    expect(await csv(HEADER)).toEqual({
      ok: false,
      problems: [{ line: 1, field: '', message: 'the batch has no rows' }],
    });
    const unreadable = await csv(HEADER, GOOD, 'F2,"2023-10-02,US');
    expect(unreadable.ok).toBe(false);
    expect(unreadable.ok ? [] : unreadable.problems.map((p) => [p.line, p.field, p.message.split(':')[0]])).toEqual([
      [3, '', 'the CSV cannot be read here'],
    ]);
  });
});

describe('an NDJSON batch', () => {
  it('gives the rows, numbers and strings alike, skipping blank lines', async () => {
    expect(await ndjson(JSON.stringify(A1), '', `  ${JSON.stringify({ ...A1, folio: 'A2', age: '40' })}  `)).toEqual({
      ok: true,
      rows: [A1, { ...A1, folio: 'A2', age: 40 }],
    });
  });

  it('names lines that are not one JSON object, and fields that are missing', async () => {
    const { folio: _, ...noFolio } = A1;
    expect(await ndjson('{"folio":', '[1, 2]', 'null', '"text"', JSON.stringify(noFolio))).toEqual({
      ok: false,
      problems: [
        { line: 1, field: '', message: 'this line is not valid JSON: each line must be one JSON object' },
        { line: 2, field: '', message: 'each line must be one JSON object with the application fields' },
        { line: 3, field: '', message: 'each line must be one JSON object with the application fields' },
        { line: 4, field: '', message: 'each line must be one JSON object with the application fields' },
        { line: 5, field: 'folio', message: 'folio is required' },
      ],
    });
  });
});

describe('limits and encodings', () => {
  it('lists at most 1,000 problems and stops reading there', async () => {
    const lines = Array.from({ length: 1_200 }, (_, i) => JSON.stringify({ ...A1, folio: `P${i}`, sex: 'Z' }));
    const result = await ndjson(...lines);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toHaveLength(1_000);
    expect(problems.at(-1)).toEqual({ line: 1_000, field: 'sex', message: 'sex must be H, M or X (got "Z")' });
  });

  it('refuses more than 50,000 rows as a whole, and takes 50,000', async () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => JSON.stringify({ ...A1, folio: `R${i}` }));
    expect(await ndjson(...rows(50_001))).toEqual({ ok: false, problems: [], tooManyRows: true });
    const full = await ndjson(...rows(50_000));
    expect(full.ok && full.rows.length).toBe(50_000);
  }, 30_000);

  it('names the first line that is not UTF-8', async () => {
    const text = bytes(`${HEADER}\n${GOOD}\nB2,2023-10-02,US,15,M,34,internet,srve,cpve,revisi\xF3n\n`);
    const latin1 = Uint8Array.from(
      [...text].flatMap((b, i, all) =>
        b === 0xc3 && all[i + 1] === 0xb3 ? [0xf3] : b === 0xb3 && all[i - 1] === 0xc3 ? [] : [b],
      ),
    );
    const problem = {
      line: 3,
      field: '',
      message: 'this line is not valid UTF-8: save the file as UTF-8 and send it again',
    };
    expect(decodeUtf8(latin1)).toEqual(problem);
    expect(await parseBatch(latin1, 'csv', RULES)).toEqual({ ok: false, problems: [problem] });
    expect(decodeUtf8(bytes('año'))).toBe('año');
  });
});
