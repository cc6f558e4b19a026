import { beforeAll, describe, expect, it } from 'vitest';
import { type TestKey, testCsv, testKey } from '../../../tests/support/signed-files.ts';
import { canonicalCsv, parseCsvRecords } from './csv.ts';
import { signCsv } from './sign.ts';
import { verifyFile } from './verify.ts';

const CODE = '7K2QF-9XM4D';
const decoder = new TextDecoder();
const encoder = new TextEncoder();
let key: TestKey;
let signed: string;

beforeAll(async () => {
  key = await testKey('test-2026');
  signed = decoder.decode(await signCsv(testCsv(CODE), { code: CODE, signer: key.signer }));
});

/** What a spreadsheet does on "save as CSV": reads the cells, writes them back with its own line ends and quoting. */
function resave(text: string, options: { quoteAll: boolean; lineEnd: string; bom?: boolean }): string {
  const lines = parseCsvRecords(text).map((record) =>
    record
      .map((field) =>
        (options.quoteAll && !/^\d+$/.test(field)) || /[",]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field,
      )
      .join(','),
  );
  return `${options.bom ? '\uFEFF' : ''}${lines.join(options.lineEnd)}${options.lineEnd}`;
}

describe('signed CSVs', () => {
  it('keep the site writer bytes and add the manifest as the last line', async () => {
    expect(signed.startsWith(testCsv(CODE))).toBe(true);
    const last = signed.trimEnd().split('\r\n').at(-1) ?? '';
    expect(last).toMatch(/^# manifest: \{"code":"7K2QF-9XM4D","kid":"test-2026","sha256":"[0-9a-f]{64}","sig":"/);
    expect(await verifyFile(encoder.encode(signed), 'view.csv', [key.publicJwk])).toMatchObject({
      authentic: true,
      kind: 'csv',
      code: CODE,
    });
  });

  it('fail when one figure changed', async () => {
    const altered = signed.replace('1234', '1235');
    expect(await verifyFile(encoder.encode(altered), 'view.csv', [key.publicJwk])).toMatchObject({
      authentic: false,
      reason: 'content-changed',
      code: CODE,
    });
  });

  it('say "resaved" for a spreadsheet copy (CRLF to LF, quotes everywhere, a BOM) whose figures are intact', async () => {
    for (const options of [
      { quoteAll: true, lineEnd: '\n' },
      { quoteAll: false, lineEnd: '\n', bom: true },
      { quoteAll: true, lineEnd: '\r\n' },
    ]) {
      const copy = resave(signed, options);
      expect(copy).not.toBe(signed);
      expect(await verifyFile(encoder.encode(copy), 'view.csv', [key.publicJwk])).toMatchObject({
        authentic: false,
        reason: 'resaved',
        code: CODE,
      });
      const altered = copy.replace('567', '568');
      expect(await verifyFile(encoder.encode(altered), 'view.csv', [key.publicJwk])).toMatchObject({
        reason: 'content-changed',
      });
    }
  });

  it('fail on a manifest byte changed, an unknown key, or no manifest line', async () => {
    const date = signed.match(/"signed_at":"(\d{4})/)?.[1] ?? '';
    const alteredDate = signed.replace(`"signed_at":"${date}`, `"signed_at":"${Number(date) - 1}`);
    expect(await verifyFile(encoder.encode(alteredDate), 'v.csv', [key.publicJwk])).toMatchObject({
      reason: 'bad-signature',
    });
    const stranger = await testKey('stranger');
    expect(await verifyFile(encoder.encode(signed), 'v.csv', [stranger.publicJwk])).toMatchObject({
      reason: 'unknown-key',
    });
    expect(await verifyFile(encoder.encode(testCsv(CODE)), 'v.csv', [key.publicJwk])).toEqual({
      authentic: false,
      reason: 'no-manifest',
      kind: 'csv',
    });
    const broken = signed.replace('"v":1', '"v":"1"');
    expect(await verifyFile(encoder.encode(broken), 'v.csv', [key.publicJwk])).toMatchObject({
      reason: 'malformed-manifest',
    });
  });

  it('treat binary bytes named .csv as unsupported', async () => {
    expect(await verifyFile(Uint8Array.of(0xff, 0xfe, 0x00, 0x81), 'view.csv', [key.publicJwk])).toEqual({
      authentic: false,
      reason: 'unsupported-type',
    });
  });
});

describe('canonicalCsv', () => {
  it('quotes only where needed, writes CRLF and ends with a line end', () => {
    expect(canonicalCsv('"a","b c",d\n"x,y","say ""hi""",\n\n')).toBe('a,b c,d\r\n"x,y","say ""hi""",\r\n');
  });

  it('is the identity on what the site writer produces, and drops padding only on comment lines', () => {
    expect(canonicalCsv(testCsv(CODE))).toBe(testCsv(CODE));
    expect(canonicalCsv('# note,,,\r\na,,\r\n')).toBe('# note\r\na,,\r\n');
    expect(canonicalCsv('" lead",trail \r\n')).toBe('" lead","trail "\r\n');
  });
});
