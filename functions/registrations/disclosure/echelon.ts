// Row reduction of the population × atom matrix, each row carrying the combination of populations it stands for
// (columns after the atoms hold an identity block that every operation updates alongside).
import { eliminate, gcd, nonZeros, normalize } from './integer-rows.ts';

/** A reduced row: its pivot column and its entries over atoms followed by its combination over populations. */
export interface ReducedRow {
  pivot: number;
  values: Float64Array;
}

/** The outcome of reducing the matrix with the big atoms ordered first. */
export interface Reduction {
  rank: number;
  /** Rows spanning the published combinations that vanish on every big atom, in reduced row echelon form. */
  smallSpan: ReducedRow[];
}

/**
 * Reduces `rows` (populations over `columns` atoms, then the identity) to echelon form scanning atom columns in
 * order. Because the first `bigColumns` atoms come first, the echelon rows whose pivot lies among the small atoms
 * span exactly the combinations that are zero on every big atom: a combination using a row with a big pivot is
 * non-zero at the topmost such pivot, since the rows below are zero there.
 *
 * Each atom column keeps the list of rows that may be non-zero there (its entries, then fill-in), so choosing a
 * pivot reads a few rows instead of a cache-hostile walk down every row of the column; entries that became zero
 * stay listed and are skipped. `position` mirrors where the row swaps of the textbook algorithm would put each
 * row, so ties are broken exactly as by a top-down scan.
 */
export function reduce(
  rows: Float64Array[],
  columns: number,
  bigColumns: number,
  known: Sparsity = sparsityOf(rows, columns),
): Reduction {
  const count = rows.length;
  const { weights, listed } = known;
  const position = Int32Array.from(rows, (_, i) => i);
  const rowAt = Int32Array.from(rows, (_, i) => i);
  const used = new Uint8Array(count);
  const pivotRows: number[] = [];
  const pivots: number[] = [];
  for (let col = 0; col < columns && pivotRows.length < count; col++) {
    const candidates = listed[col] as number[];
    const chosen = choosePivotRow(rows, candidates, used, weights, position, col);
    if (chosen < 0) continue;
    // The textbook swap of the chosen row into place `rank`, on positions only.
    const rank = pivotRows.length;
    const displaced = rowAt[rank] as number;
    const from = position[chosen] as number;
    rowAt[from] = displaced;
    position[displaced] = from;
    rowAt[rank] = chosen;
    position[chosen] = rank;
    used[chosen] = 1;
    const pivotRow = rows[chosen] as Float64Array;
    const pivotNonZeros = nonZeros(pivotRow, col);
    for (const i of candidates) {
      const row = rows[i] as Float64Array;
      if (used[i] === 1 || row[col] === 0) continue;
      const change = eliminate(row, pivotRow, col, pivotNonZeros, (j) => {
        if (j < columns) (listed[j] as number[]).push(i);
      });
      weights[i] = Number.isNaN(change) ? nonZeros(row, 0).length : (weights[i] as number) + change;
    }
    pivotRows.push(chosen);
    pivots.push(col);
  }
  const smallSpan: ReducedRow[] = [];
  pivotRows.forEach((i, k) => {
    const pivot = pivots[k] as number;
    if (pivot >= bigColumns) smallSpan.push({ pivot, values: rows[i] as Float64Array });
  });
  backSubstitute(smallSpan);
  return { rank: pivotRows.length, smallSpan };
}

/** Where a matrix is non-zero: each row's count of non-zero entries, and each atom column's rows (ascending). */
export interface Sparsity {
  weights: Int32Array;
  listed: number[][];
}

/** The sparsity of `rows` read entry by entry (callers that built the rows can state it instead). */
function sparsityOf(rows: readonly Float64Array[], columns: number): Sparsity {
  const weights = new Int32Array(rows.length);
  const listed: number[][] = Array.from({ length: columns }, () => []);
  rows.forEach((row, i) => {
    let weight = 0;
    for (let j = 0; j < row.length; j++) {
      if (row[j] === 0) continue;
      weight++;
      if (j < columns) (listed[j] as number[]).push(i);
    }
    weights[i] = weight;
  });
  return { weights, listed };
}

/**
 * A row not yet used as a pivot that is non-zero at `col`: a unit entry first (the step then only touches the
 * pivot's non-zeros and numbers stay small), then the sparsest row, which limits fill-in (the national total as a
 * pivot would make every state row dense); among equals the one placed highest.
 */
function choosePivotRow(
  rows: readonly Float64Array[],
  candidates: readonly number[],
  used: Uint8Array,
  weights: Int32Array,
  position: Int32Array,
  col: number,
): number {
  let chosen = -1;
  let chosenKey = Number.POSITIVE_INFINITY;
  for (const i of candidates) {
    const value = (rows[i] as Float64Array)[col] as number;
    if (used[i] === 1 || value === 0) continue;
    const key = (value === 1 || value === -1 ? 0 : 1e9) + (weights[i] as number);
    if (key < chosenKey || (key === chosenKey && (position[i] as number) < (position[chosen] as number))) {
      chosen = i;
      chosenKey = key;
    }
  }
  return chosen;
}

/** Clears each pivot column in the rows above it and makes every pivot positive, giving reduced echelon form. */
function backSubstitute(span: ReducedRow[]): void {
  for (let k = span.length - 1; k >= 0; k--) {
    const row = span[k] as ReducedRow;
    const rowNonZeros = nonZeros(row.values, row.pivot);
    for (let m = 0; m < k; m++) eliminate((span[m] as ReducedRow).values, row.values, row.pivot, rowNonZeros);
  }
  for (const row of span) {
    normalize(row.values);
    if ((row.values[row.pivot] as number) < 0)
      for (let j = 0; j < row.values.length; j++) row.values[j] = -(row.values[j] as number) || 0;
  }
}

/** Least common multiple of positive integers, or undefined when it leaves the exact range. */
export function lcmOf(values: readonly number[], limit: number): number | undefined {
  let l = 1;
  for (const v of values) {
    l = (l / gcd(l, v)) * v;
    if (l >= limit) return undefined;
  }
  return l;
}
