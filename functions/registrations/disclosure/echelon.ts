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
 */
export function reduce(rows: Float64Array[], columns: number, bigColumns: number): Reduction {
  const pivots: number[] = [];
  const weights = rows.map((row) => nonZeros(row, 0).length);
  let rank = 0;
  for (let col = 0; col < columns && rank < rows.length; col++) {
    const chosen = choosePivotRow(rows, weights, rank, col);
    if (chosen < 0) continue;
    swap(rows, rank, chosen);
    swap(weights, rank, chosen);
    const pivotRow = rows[rank] as Float64Array;
    const pivotNonZeros = nonZeros(pivotRow, col);
    for (let i = rank + 1; i < rows.length; i++) {
      const row = rows[i] as Float64Array;
      const change = eliminate(row, pivotRow, col, pivotNonZeros);
      weights[i] = Number.isNaN(change) ? nonZeros(row, 0).length : (weights[i] as number) + change;
    }
    pivots.push(col);
    rank++;
  }
  const smallSpan: ReducedRow[] = [];
  for (let i = 0; i < rank; i++) {
    const pivot = pivots[i] as number;
    if (pivot >= bigColumns) smallSpan.push({ pivot, values: rows[i] as Float64Array });
  }
  backSubstitute(smallSpan);
  return { rank, smallSpan };
}

/**
 * A row from `from` on that is non-zero at `col`: a unit entry first (the step then only touches the pivot's
 * non-zeros and numbers stay small), then the sparsest row, which limits fill-in (the national total as a pivot
 * would make every state row dense).
 */
function choosePivotRow(rows: Float64Array[], weights: readonly number[], from: number, col: number): number {
  let chosen = -1;
  let chosenKey = Number.POSITIVE_INFINITY;
  for (let i = from; i < rows.length; i++) {
    const value = (rows[i] as Float64Array)[col] as number;
    if (value === 0) continue;
    const key = (value === 1 || value === -1 ? 0 : 1e9) + (weights[i] as number);
    if (key < chosenKey) {
      chosen = i;
      chosenKey = key;
    }
  }
  return chosen;
}

function swap<T>(items: T[], a: number, b: number): void {
  [items[a], items[b]] = [items[b] as T, items[a] as T];
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
