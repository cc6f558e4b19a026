// Small builders for the audit's hand-made trackers, and an oracle that checks a reported combination cell by
// cell without any of the audit's own algebra.
import type { DerivableGroup } from './audit.ts';
import { type Cell, type Population, populationContains, type ReviewClass, type Scope } from './model.ts';

/** A cell from a compact tuple: class, state, country, count, optional version slice. */
export function cell(reviewClass: ReviewClass, state: string, country: string, count: number, slice?: number): Cell {
  return slice === undefined ? { reviewClass, state, country, count } : { reviewClass, state, country, count, slice };
}

/** Cells from one line, "class state country count" each, comma-separated: a small tracker reads as one row. */
export function cellsFrom(line: string): Cell[] {
  return line.split(',').map((entry) => {
    const [reviewClass, state, country, count] = entry.trim().split(/\s+/);
    return cell(reviewClass as ReviewClass, state ?? '', country ?? '', Number(count));
  });
}

/** A population with a readable id. */
export function population(
  id: string,
  scope: Scope,
  filters: { entity?: string; country?: string; version?: number } = {},
): Population {
  return { id, scope, ...filters };
}

/** The cells of a group as readable keys, e.g. "other|12|CA". */
export function cellKeys(cells: readonly Cell[], indexes: readonly number[]): string[] {
  return indexes.map((i) => {
    const c = cells[i] as Cell;
    return [c.reviewClass, c.state, c.country, ...(c.slice === undefined ? [] : [c.slice])].join('|');
  });
}

/** True when Σ coefficient·population equals denominator·group on every cell (the reader's subtraction). */
export function combinationIsolates(
  cells: readonly Cell[],
  populations: readonly Population[],
  group: DerivableGroup,
): boolean {
  const byId = new Map(populations.map((p) => [p.id, p]));
  const inGroup = new Set(group.cells);
  return cells.every((c, i) => {
    if (c.count === 0) return true;
    let sum = 0;
    for (const term of group.combination) {
      const p = byId.get(term.population);
      if (p === undefined) return false;
      if (populationContains(p, c)) sum += term.coefficient;
    }
    return sum === (inGroup.has(i) ? group.denominator : 0);
  });
}

/** The tracker (pel-2020-2021, entity 12): 641 − 618 − 588 + 566 = 1 applicant, not cumple, outside the US. */
export const fourQueryCells: readonly Cell[] = [
  cell('cumple', '12', 'US', 566),
  cell('other', '12', 'US', 52),
  cell('cumple', '12', 'CA', 15),
  cell('cumple', '12', 'ES', 7),
  cell('other', '12', 'CA', 1),
];

/** The four published answers of that tracker. */
export const fourQueries: readonly Population[] = [
  population('r12', 'received', { entity: '12' }),
  population('c12', 'cumple', { entity: '12' }),
  population('r12US', 'received', { entity: '12', country: 'US' }),
  population('c12US', 'cumple', { entity: '12', country: 'US' }),
];
