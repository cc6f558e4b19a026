// Finds every 0/1 vector (a group of atoms) of total 1..MIN_GROUP-1 in the span of published combinations that
// vanish on big atoms. Such a group can only contain small atoms, at most MIN_GROUP-1 of them, so the search is
// over reduced echelon rows whose pivots are small atoms: a vector of the span is fixed by its values on the
// pivots, and for a 0/1 vector those values are 0 or 1.
import { lcmOf, type ReducedRow } from './echelon.ts';
import { ENTRY_LIMIT } from './integer-rows.ts';

/** One group the published figures isolate: the atoms in it and the integer combination with its denominator. */
export interface FoundGroup {
  atoms: number[];
  count: number;
  /** Σ combination[p]·population[p] = denominator · indicator(group), over every cell. */
  combination: Map<number, number>;
  denominator: number;
}

/** A block of rows whose search was cut short (or whose numbers outgrew exact range): treated as leaking. */
export interface UndecidedBlock {
  atoms: number[];
  populations: number[];
}

/** What the search returns. */
export interface SearchResult {
  groups: FoundGroup[];
  undecided: UndecidedBlock[];
}

/** Settings of the search; the budget bounds the nodes visited per block. */
export interface SearchOptions {
  minGroup: number;
  nodeBudget: number;
}

/**
 * Splits the rows into blocks that share no non-pivot atom (in reduced form a pivot appears in one row only),
 * then enumerates each block. A 0/1 vector of the span restricted to one block is itself in the span and 0/1,
 * so every derivable group is a disjoint union of groups listed here: the listing is complete up to such unions.
 */
export function searchSmallGroups(
  rows: readonly ReducedRow[],
  atomCounts: readonly number[],
  atomColumns: number,
  options: SearchOptions,
): SearchResult {
  const result: SearchResult = { groups: [], undecided: [] };
  // Each row's non-zero atoms other than its pivot, found once: both steps below walk them instead of every atom.
  const others = new Map(rows.map((row) => [row, otherAtoms(row, atomColumns)]));
  for (const block of blocksOf(rows, others)) searchBlock(block, others, atomCounts, atomColumns, options, result);
  return result;
}

function otherAtoms(row: ReducedRow, atomColumns: number): number[] {
  const found: number[] = [];
  for (let j = 0; j < atomColumns; j++) if (row.values[j] !== 0 && j !== row.pivot) found.push(j);
  return found;
}

function blocksOf(rows: readonly ReducedRow[], others: ReadonlyMap<ReducedRow, number[]>): ReducedRow[][] {
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const ownerOfColumn = new Map<number, number>();
  rows.forEach((row, i) => {
    for (const j of others.get(row) as number[]) {
      const owner = ownerOfColumn.get(j);
      if (owner === undefined) ownerOfColumn.set(j, i);
      else parent[find(i)] = find(owner);
    }
  });
  const blocks = new Map<number, ReducedRow[]>();
  rows.forEach((row, i) => {
    const root = find(i);
    blocks.set(root, [...(blocks.get(root) ?? []), row]);
  });
  return [...blocks.values()];
}

function searchBlock(
  block: ReducedRow[],
  others: ReadonlyMap<ReducedRow, number[]>,
  atomCounts: readonly number[],
  atomColumns: number,
  options: SearchOptions,
  result: SearchResult,
): void {
  const maxTotal = options.minGroup - 1;
  const common = lcmOf(
    block.map((row) => row.values[row.pivot] as number),
    ENTRY_LIMIT,
  );
  // Free atoms of the block, each with the scaled entry of every row and the last row that touches it.
  const freeIndex = new Map<number, number>();
  const entries: Array<Array<[number, number]>> = block.map(() => []);
  const closesAfter: number[][] = block.map(() => []);
  let scaledTooLarge = common === undefined;
  block.forEach((row, k) => {
    const scale = (common ?? 1) / (row.values[row.pivot] as number);
    for (const j of others.get(row) as number[]) {
      let f = freeIndex.get(j);
      if (f === undefined) {
        f = freeIndex.size;
        freeIndex.set(j, f);
      }
      const scaled = (row.values[j] as number) * scale;
      if (Math.abs(scaled) >= ENTRY_LIMIT) scaledTooLarge = true;
      (entries[k] as Array<[number, number]>).push([f, scaled]);
    }
  });
  const freeAtoms = [...freeIndex.keys()];
  const lastRow = freeAtoms.map(() => -1);
  entries.forEach((list, k) => {
    for (const [f] of list) lastRow[f] = k;
  });
  lastRow.forEach((k, f) => {
    (closesAfter[k] as number[]).push(f);
  });
  const undecided = (): void => {
    result.undecided.push({
      atoms: [...block.map((row) => row.pivot), ...freeAtoms],
      populations: populationsOf(block, atomColumns),
    });
  };
  if (scaledTooLarge || common === undefined) {
    undecided();
    return;
  }

  const L = common;
  const acc = new Array<number>(freeAtoms.length).fill(0);
  const chosen: boolean[] = block.map(() => false);
  let nodes = 0;
  const visit = (k: number, total: number): boolean => {
    if (++nodes > options.nodeBudget) return false;
    if (k === block.length) {
      if (total >= 1) result.groups.push(groupOf(block, chosen, freeAtoms, acc, L, total, atomColumns));
      return true;
    }
    for (const take of [false, true]) {
      const row = block[k] as ReducedRow;
      let sum = total + (take ? (atomCounts[row.pivot] as number) : 0);
      if (sum > maxTotal) continue;
      chosen[k] = take;
      if (take) for (const [f, v] of entries[k] as Array<[number, number]>) acc[f] = (acc[f] as number) + v;
      let fits = true;
      for (const f of closesAfter[k] as number[]) {
        const value = acc[f] as number;
        if (value === L) sum += atomCounts[freeAtoms[f] as number] as number;
        else if (value !== 0) fits = false;
      }
      const finished = !fits || sum > maxTotal || visit(k + 1, sum);
      if (take) for (const [f, v] of entries[k] as Array<[number, number]>) acc[f] = (acc[f] as number) - v;
      chosen[k] = false;
      if (!finished) return false;
    }
    return true;
  };
  if (!visit(0, 0)) undecided();
}

function groupOf(
  block: ReducedRow[],
  chosen: readonly boolean[],
  freeAtoms: readonly number[],
  acc: readonly number[],
  L: number,
  count: number,
  atomColumns: number,
): FoundGroup {
  const atoms = block.filter((_, k) => chosen[k]).map((row) => row.pivot);
  freeAtoms.forEach((atom, f) => {
    if (acc[f] === L) atoms.push(atom);
  });
  const combination = new Map<number, number>();
  block.forEach((row, k) => {
    if (!chosen[k]) return;
    const scale = L / (row.values[row.pivot] as number);
    for (let j = atomColumns; j < row.values.length; j++) {
      const v = row.values[j] as number;
      if (v !== 0) combination.set(j - atomColumns, (combination.get(j - atomColumns) ?? 0) + v * scale);
    }
  });
  for (const [p, v] of combination) if (v === 0) combination.delete(p);
  return { atoms: atoms.sort((a, b) => a - b), count, combination, denominator: L };
}

function populationsOf(block: readonly ReducedRow[], atomColumns: number): number[] {
  const found = new Set<number>();
  for (const row of block)
    for (let j = atomColumns; j < row.values.length; j++) if (row.values[j] !== 0) found.add(j - atomColumns);
  return [...found].sort((a, b) => a - b);
}
