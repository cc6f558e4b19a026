import { describe, expect, it } from 'vitest';
import { CODE_PATTERN } from '../domain/signed-files/index.ts';
import { normaliseCode, publicationCode } from './code.ts';

describe('publicationCode', () => {
  const input = { process: 'pel-2023-2024', version: 'v12', figures: { total: 1234, by: { US: 1000, CA: 234 } } };

  it('is 10 Crockford base-32 characters in two groups, without I, L, O or U', async () => {
    const code = await publicationCode(input);
    expect(code).toMatch(CODE_PATTERN);
    expect(code).not.toMatch(/[ILOU]/);
  });

  it('gives the same figures the same code, whatever order their keys were built in', async () => {
    const reordered = { figures: { by: { CA: 234, US: 1000 }, total: 1234 }, version: 'v12', process: 'pel-2023-2024' };
    expect(await publicationCode(reordered)).toBe(await publicationCode(input));
  });

  it('changes with one figure, the version or the process', async () => {
    const code = await publicationCode(input);
    const others = await Promise.all([
      publicationCode({ ...input, figures: { total: 1235, by: { US: 1000, CA: 234 } } }),
      publicationCode({ ...input, version: 'cut-2024-02-01' }),
      publicationCode({ ...input, process: 'pef-2024' }),
    ]);
    for (const other of others) expect(other).not.toBe(code);
  });

  it('is the first 50 bits of SHA-256 over the canonical [process, version, figures]', async () => {
    // SHA-256 of `["p","v",1]` begins 0x3d…: the code is those bits, 5 at a time, in Crockford's alphabet.
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('["p","v",1]')));
    const bits = Array.from(digest.slice(0, 7), (b) => b.toString(2).padStart(8, '0'))
      .join('')
      .slice(0, 50);
    const chars = bits.match(/.{5}/g)?.map((group) => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[Number.parseInt(group, 2)]);
    const expected = `${chars?.slice(0, 5).join('')}-${chars?.slice(5).join('')}`;
    expect(await publicationCode({ process: 'p', version: 'v', figures: 1 })).toBe(expected);
  });
});

describe('normaliseCode', () => {
  it('accepts what a reader types: lower case, no dash, O for zero, I or L for one', () => {
    expect(normaliseCode('abcde-fgh23')).toBe('ABCDE-FGH23');
    expect(normaliseCode('ab0de fgh2l')).toBe('AB0DE-FGH21');
    expect(normaliseCode('ABODEFGHI3')).toBe('AB0DE-FGH13');
  });

  it('refuses what cannot be a code', () => {
    for (const typed of ['', 'ABCDE-FGH2', 'ABCDE-FGH2U', 'ABCDE-FGH23X', '../../etc', 'A'.repeat(40)])
      expect(normaliseCode(typed), typed).toBeNull();
  });
});
