// The standard populations a version publishes with breakdowns: scopes {received, cumple} x (national, each
// entity, each country, and each entity x country when the cross rule is off), for one version or several.
import { type Cell, MIN_GROUP, type Population, type Scope } from './model.ts';

/** Which populations to build from the cells. */
export interface PopulationPlan {
  /** Version ordinals to publish; omitted means one version covering every cell. */
  versions?: readonly number[];
  /** Also publish entity x country populations (rule 2 withholds them by default). */
  cross?: boolean;
  minGroup?: number;
}

/** A stable, readable id: scope, version, then filters. */
export function populationId(population: Omit<Population, 'id'>): string {
  return [
    population.scope,
    population.version === undefined ? undefined : `v${population.version}`,
    population.entity === undefined ? undefined : `entity=${population.entity}`,
    population.country === undefined ? undefined : `country=${population.country}`,
  ]
    .filter((part) => part !== undefined)
    .join('|');
}

/**
 * Every standard population with at least `minGroup` applications; those of 1 to 9 never carry breakdowns
 * (rule 1) and empty ones describe nobody, so neither is published and neither enters the audit.
 */
export function standardPopulations(cells: readonly Cell[], plan: PopulationPlan = {}): Population[] {
  const minGroup = plan.minGroup ?? MIN_GROUP;
  const versions: ReadonlyArray<number | undefined> = plan.versions ?? [undefined];
  const totals = new Map<string, { population: Population; total: number }>();
  const add = (population: Omit<Population, 'id'>, count: number) => {
    const id = populationId(population);
    const entry = totals.get(id);
    if (entry) entry.total += count;
    else totals.set(id, { population: { id, ...population }, total: count });
  };
  for (const cell of cells) {
    if (cell.count <= 0) continue;
    const scopes: Scope[] = cell.reviewClass === 'cumple' ? ['received', 'cumple'] : ['received'];
    for (const version of versions) {
      if (version !== undefined && (cell.slice ?? 0) > version) continue;
      for (const scope of scopes) {
        const base = version === undefined ? { scope } : { scope, version };
        add(base, cell.count);
        add({ ...base, entity: cell.state }, cell.count);
        add({ ...base, country: cell.country }, cell.count);
        if (plan.cross) add({ ...base, entity: cell.state, country: cell.country }, cell.count);
      }
    }
  }
  return [...totals.values()].filter((entry) => entry.total >= minGroup).map((entry) => entry.population);
}
