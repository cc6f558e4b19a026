// The vocabulary of the disclosure audit: cells (the finest units it reasons about), the populations whose
// attribute breakdowns a version publishes, and the atoms (blocks of cells no published population tells apart).

import { MIN_GROUP } from '../small-groups.ts';

/** The smallest group whose breakdowns may be described: the one small-group rule's constant. */
export { MIN_GROUP };

/** How the review split a cell: received = cumple + other. */
export type ReviewClass = 'cumple' | 'other';

/** The scope of a published population: `received` covers both review classes, `cumple` only the first. */
export type Scope = 'received' | 'cumple';

/** Applications sharing review class, state (INEGI code), country (ISO alpha-2) and, over time, the version slice. */
export interface Cell {
  reviewClass: ReviewClass;
  state: string;
  country: string;
  /** Ordinal of the version in which these applications first counted (over-time audits only). */
  slice?: number;
  /** Ordinal of the first version that no longer counts them here (departures: status changes, corrections). */
  gone?: number;
  count: number;
}

/** A population whose attribute breakdowns are published: every cell matching its filters. */
export interface Population {
  id: string;
  scope: Scope;
  entity?: string;
  country?: string;
  /** Ordinal of the version it was published in: it covers the cells of slices up to this one. */
  version?: number;
}

/** Whether a population's answer includes a cell's applications. */
export function populationContains(population: Population, cell: Cell): boolean {
  if (population.scope === 'cumple' && cell.reviewClass !== 'cumple') return false;
  if (population.entity !== undefined && population.entity !== cell.state) return false;
  if (population.country !== undefined && population.country !== cell.country) return false;
  if (population.version !== undefined && (cell.slice ?? 0) > population.version) return false;
  if (population.version !== undefined && cell.gone !== undefined && population.version >= cell.gone) return false;
  return true;
}

/** Non-zero cells that belong to exactly the same published populations; every published figure treats them as one. */
export interface Atom {
  cells: number[];
  count: number;
  populations: number[];
}

/** Groups the non-zero cells by the set of populations containing them; cells in no population are left out. */
export function buildAtoms(cells: readonly Cell[], populations: readonly Population[]): Atom[] {
  return atomsOf(cells, membership(cells, populations));
}

/** For each cell, the indexes (ascending) of the populations containing it: computed once, reused by every trial. */
export function membership(cells: readonly Cell[], populations: readonly Population[]): Int32Array[] {
  const candidates = indexByFilters(populations);
  return cells.map((cell) => {
    const members: number[] = [];
    for (const key of filterKeys(cell)) {
      for (const p of candidates.get(key) ?? []) {
        if (populationContains(populations[p] as Population, cell)) members.push(p);
      }
    }
    return Int32Array.from(members).sort();
  });
}

/**
 * Atoms from precomputed memberships, over the populations `rowOf` keeps (rowOf[p] is p's index among the kept
 * ones, -1 when withheld); without it every population is kept. Atom populations are those kept indexes.
 */
export function atomsOf(cells: readonly Cell[], members: readonly Int32Array[], rowOf?: Int32Array): Atom[] {
  const bySignature = new Map<string, Atom>();
  const kept: number[] = [];
  cells.forEach((cell, index) => {
    if (cell.count <= 0) return;
    kept.length = 0;
    for (const p of members[index] as Int32Array) {
      const row = rowOf ? (rowOf[p] as number) : p;
      if (row >= 0) kept.push(row);
    }
    if (kept.length === 0) return;
    const signature = kept.join(',');
    const atom = bySignature.get(signature);
    if (atom) {
      atom.cells.push(index);
      atom.count += cell.count;
    } else {
      bySignature.set(signature, { cells: [index], count: cell.count, populations: [...kept] });
    }
  });
  return [...bySignature.values()];
}

// Looking populations up by their filters keeps atom building linear in the cells instead of cells x populations.
function indexByFilters(populations: readonly Population[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  populations.forEach((population, p) => {
    const key = `${population.scope}|${population.entity ?? '*'}|${population.country ?? '*'}`;
    const list = index.get(key);
    if (list) list.push(p);
    else index.set(key, [p]);
  });
  return index;
}

function filterKeys(cell: Cell): string[] {
  const scopes = cell.reviewClass === 'cumple' ? ['received', 'cumple'] : ['received'];
  const { state, country } = cell;
  return scopes.flatMap((scope) => [
    `${scope}|${state}|${country}`,
    `${scope}|${state}|*`,
    `${scope}|*|${country}`,
    `${scope}|*|*`,
  ]);
}
