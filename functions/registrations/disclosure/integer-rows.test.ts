import { describe, expect, it } from 'vitest';
import { ENTRY_LIMIT, ExactnessLost, eliminate, gcd, nonZeros, normalize } from './integer-rows.ts';

const row = (...values: number[]) => Float64Array.from(values);
const list = (values: Float64Array) => Array.from(values);

describe('exact integer rows', () => {
  it('keep entries under 2^26', () => {
    expect(ENTRY_LIMIT).toBe(67_108_864);
  });

  it('take the greatest common divisor of any two integers', () => {
    expect([gcd(12, 18), gcd(-4, 6), gcd(4, -6), gcd(0, 5), gcd(7, 0), gcd(0, 0), gcd(17, 5)]).toEqual([
      6, 2, 2, 5, 7, 0, 1,
    ]);
  });

  it('divide a row by the gcd of its entries, signs kept, zeros untouched', () => {
    const r = row(4, 0, -8, 12);
    normalize(r);
    expect(list(r)).toEqual([1, 0, -2, 3]);
    const coprime = row(6, 10, 15);
    normalize(coprime);
    expect(list(coprime)).toEqual([6, 10, 15]);
    const empty = row(0, 0);
    normalize(empty);
    expect(list(empty)).toEqual([0, 0]);
  });

  it('throw rather than keep an entry of 2^26 or more that no common divisor brings down', () => {
    const big = row(ENTRY_LIMIT, 0);
    normalize(big);
    expect(list(big)).toEqual([1, 0]);
    expect(() => normalize(row(ENTRY_LIMIT - 1, 1))).not.toThrow();
    const error = (() => {
      try {
        normalize(row(1, -ENTRY_LIMIT));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ExactnessLost);
    expect(error).toMatchObject({
      name: 'ExactnessLost',
      message: 'disclosure audit: integer entries outgrew the exact range',
    });
  });

  it('list the positions of non-zero entries from a column on', () => {
    expect(nonZeros(row(0, 3, 0, -1, 2), 0)).toEqual([1, 3, 4]);
    expect(nonZeros(row(0, 3, 0, -1, 2), 2)).toEqual([3, 4]);
    expect(nonZeros(row(0, 0), 0)).toEqual([]);
  });

  it('clear a column with a unit pivot, touching only its non-zeros, and count the non-zeros gained', () => {
    const pivot = row(1, 2, 0, -1);
    const target = row(3, 5, 7, 2);
    // 3·pivot subtracted: [0, -1, 7, 5]; one non-zero lost (column 0).
    expect(eliminate(target, pivot, 0, nonZeros(pivot, 0))).toBe(-1);
    expect(list(target)).toEqual([0, -1, 7, 5]);
    const negative = row(-1, 2, 1, 0);
    const other = row(2, 0, 0, 7);
    // With -1 the factor is -2: [0, 4, 2, 7], two non-zeros gained and one lost.
    expect(eliminate(other, negative, 0, nonZeros(negative, 0))).toBe(1);
    expect(list(other)).toEqual([0, 4, 2, 7]);
    const untouched = row(0, 9);
    expect(eliminate(untouched, pivot, 0, nonZeros(pivot, 0))).toBe(0);
    expect(list(untouched)).toEqual([0, 9]);
  });

  it('clear a column with any other pivot by cross-multiplying over their gcd, the whole row rescaled', () => {
    const target = row(3, 0, 1);
    expect(eliminate(target, row(2, 1, 0), 0, [0, 1])).toBeNaN();
    // 2·target − 3·pivot.
    expect(list(target)).toEqual([0, -3, 2]);
    const shared = row(6, 1);
    eliminate(shared, row(4, 2), 0, [0, 1]);
    // gcd(4, 6) = 2: 2·target − 3·pivot.
    expect(list(shared)).toEqual([0, -4]);
  });

  it('divide a row that grew too large, or throw when it cannot be brought back', () => {
    const half = 2 ** 25;
    const grown = row(1, -half);
    eliminate(grown, row(1, half), 0, [0, 1]);
    expect(list(grown)).toEqual([0, -1]);
    // -(2^26 + 1) beside 3: coprime, so no division helps.
    expect(() => eliminate(row(1, -(half + 1), 3), row(1, half, 0), 0, [0, 1])).toThrow(ExactnessLost);
    const wide = row(3, half);
    eliminate(wide, row(2, -half), 0, [0, 1]);
    // 2·[3, 2^25] − 3·[2, -2^25] = [0, 5·2^25], divided by itself.
    expect(list(wide)).toEqual([0, 1]);
  });
});
