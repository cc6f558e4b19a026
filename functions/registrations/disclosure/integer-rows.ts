// Exact integer row operations for the audit's elimination. Values are integers held in doubles and kept below
// 2^26 in magnitude, so every product of two of them (< 2^52) and every difference of two products (< 2^53) is
// exact: this is integer arithmetic, never rounding. A row that grows past the bound is divided by the gcd of its
// entries; if it is still too large the audit throws instead of answering with a figure it cannot vouch for.

/** Largest magnitude an entry may keep between operations. */
export const ENTRY_LIMIT = 2 ** 26;

/** Thrown when exact integer elimination would leave the safe range: callers must withhold rather than publish. */
export class ExactnessLost extends Error {
  constructor() {
    super('disclosure audit: integer entries outgrew the exact range');
    this.name = 'ExactnessLost';
  }
}

/** Greatest common divisor of two non-negative integers. */
export function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** Divides a row by the gcd of its entries so fraction-free steps do not let numbers grow. */
export function normalize(row: Float64Array): void {
  let g = 0;
  for (let j = 0; j < row.length && g !== 1; j++) if (row[j] !== 0) g = gcd(g, row[j] as number);
  if (g > 1) for (let j = 0; j < row.length; j++) if (row[j] !== 0) row[j] = (row[j] as number) / g;
  for (let j = 0; j < row.length; j++) if (Math.abs(row[j] as number) >= ENTRY_LIMIT) throw new ExactnessLost();
}

/**
 * target := (pivotValue·target − target[col]·pivot) / gcd, which clears `target[col]`. With a unit pivot only the
 * pivot row's non-zero positions change, which keeps the national-scale elimination sparse.
 * Returns the change in the target's count of non-zero entries (NaN when the whole row was rescaled); `filled` hears
 * of each position that was zero and no longer is (fill-in), for callers that index rows by column.
 */
export function eliminate(
  target: Float64Array,
  pivot: Float64Array,
  col: number,
  pivotNonZeros: readonly number[],
  filled?: (position: number) => void,
): number {
  const b = target[col] as number;
  if (b === 0) return 0;
  const p = pivot[col] as number;
  let grew = false;
  let change = 0;
  if (p === 1 || p === -1) {
    const factor = b * p;
    for (const j of pivotNonZeros) {
      const before = target[j] as number;
      const value = before - factor * (pivot[j] as number);
      target[j] = value;
      change += Number(value !== 0) - Number(before !== 0);
      if (before === 0 && value !== 0) filled?.(j);
      if (Math.abs(value) >= ENTRY_LIMIT) grew = true;
    }
  } else {
    change = Number.NaN;
    const g = gcd(p, b);
    const scaleTarget = p / g;
    const scalePivot = b / g;
    for (let j = 0; j < target.length; j++) {
      const before = target[j] as number;
      const value = scaleTarget * before - scalePivot * (pivot[j] as number);
      target[j] = value;
      if (before === 0 && value !== 0) filled?.(j);
      if (Math.abs(value) >= ENTRY_LIMIT) grew = true;
    }
  }
  target[col] = 0;
  if (grew) normalize(target);
  return change;
}

/** Positions of a row's non-zero entries from `from` on. */
export function nonZeros(row: Float64Array, from: number): number[] {
  const found: number[] = [];
  for (let j = from; j < row.length; j++) if (row[j] !== 0) found.push(j);
  return found;
}
