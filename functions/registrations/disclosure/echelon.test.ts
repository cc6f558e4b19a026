import { describe, expect, it } from 'vitest';
import { lcmOf, reduce } from './echelon.ts';

/** Rows of populations over atoms, each followed by its own identity column block. */
const augmented = (matrix: number[][]) =>
  matrix.map((atoms, i) => Float64Array.from([...atoms, ...matrix.map((_, j) => Number(i === j))]));
const spanOf = (rows: Float64Array[], columns: number, big: number) => {
  const { rank, smallSpan } = reduce(rows, columns, big);
  return { rank, smallSpan: smallSpan.map((r) => ({ pivot: r.pivot, values: Array.from(r.values) })) };
};

describe('row reduction', () => {
  it('finds the combinations that vanish on the big atoms: total minus two parts is the third', () => {
    // p0 = a0 + a1 + a2, p1 = a0, p2 = a1; a0 is big.
    const result = spanOf(
      augmented([
        [1, 1, 1],
        [1, 0, 0],
        [0, 1, 0],
      ]),
      3,
      1,
    );
    expect(result).toEqual({
      rank: 3,
      smallSpan: [
        { pivot: 1, values: [0, 1, 0, 0, 0, 1] },
        { pivot: 2, values: [0, 0, 1, 1, -1, -1] },
      ],
    });
  });

  it('clears each pivot column above it, skipping empty columns', () => {
    const result = spanOf(
      augmented([
        [0, 1, 1],
        [0, 0, 1],
      ]),
      3,
      0,
    );
    expect(result).toEqual({
      rank: 2,
      smallSpan: [
        { pivot: 1, values: [0, 1, 0, 1, -1] },
        { pivot: 2, values: [0, 0, 1, 0, 1] },
      ],
    });
  });

  it('makes every pivot positive and each row as small as its gcd allows', () => {
    // Back-substitution: 3·r0 − 4·r1 = [-6, 0, 3, -4], made positive: [6, 0, -3, 4].
    const result = spanOf(
      augmented([
        [-2, 4],
        [0, 3],
      ]),
      2,
      0,
    );
    expect(result).toEqual({
      rank: 2,
      smallSpan: [
        { pivot: 0, values: [6, 0, -3, 4] },
        { pivot: 1, values: [0, 3, 0, 1] },
      ],
    });
    // A row of its own: [-4, 0 | 1] has gcd 1, so it is only turned positive, its 0 left a 0 (not -0).
    const [alone] = spanOf(augmented([[-4, 0]]), 2, 0).smallSpan;
    expect(alone?.values).toEqual([4, 0, -1]);
    expect(Object.is(alone?.values[1], 0)).toBe(true);
  });

  it('stops at the rank: dependent rows give nothing, and no more pivots than rows', () => {
    expect(
      spanOf(
        augmented([
          [1, 1],
          [2, 2],
        ]),
        2,
        0,
      ),
    ).toEqual({
      rank: 1,
      smallSpan: [{ pivot: 0, values: [1, 1, 1, 0] }],
    });
    expect(spanOf(augmented([[1, 1, 1]]), 3, 0).rank).toBe(1);
    expect(
      spanOf(
        augmented([
          [1, 0],
          [0, 1],
        ]),
        2,
        2,
      ),
    ).toEqual({ rank: 2, smallSpan: [] });
  });
});

describe('least common multiples', () => {
  it('multiply only what is not shared, and give up at the limit', () => {
    expect(lcmOf([4, 6], 100)).toBe(12);
    expect(lcmOf([4, 6, 10], 100)).toBe(60);
    expect(lcmOf([], 10)).toBe(1);
    expect(lcmOf([4, 6, 25], 100)).toBeUndefined();
    expect(lcmOf([3], 3)).toBeUndefined();
    expect(lcmOf([3], 4)).toBe(3);
  });
});
