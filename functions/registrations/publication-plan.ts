// What a new version publishes, decided once when the version is created (contract rules 2 and 3):
// which populations carry this version's breakdowns, which serve the breakdowns last published (held), and
// which the disclosure audit withholds (complementary).
//
// Rule 3, per population: breakdowns move only by 0 or by at least 10 applications (`changeSize`); otherwise the
// last published ones are served again. Then one audit over the two versions taken together: the previous version's
// populations (public already, so pinned) and this version's new ones, over cells split by slice (slice 0: the
// applications the previous version counted; slice 1: those that first count now). The split is derived per cell
// from the previous version's stored cells: slice 0 = min(before, now), slice 1 = max(0, now - before), and the
// applications a cell lost (status changes, corrections moving them between review classes or states) a departed
// cell (slice 0, gone from version 1: counted by the previous version's populations, not by this one's). A move
// thus shows as a departure from one cell and an arrival in another, as two groups of people, which is the safe
// reading (their attributes are the same in reality, so no real answer tells more). The hold protects departures
// too: a population whose breakdowns lost 1 to 9 is held like one that gained 1 to 9. Held populations are
// counted as previous-version populations (their figures are public already); a figure held from an older version
// is approximated by the previous version's cells. Versions further apart are not audited together: the hold keeps
// every population's published moves at 0 or at least 10, which is what keeps them from isolating newcomers.
import { changeSize, type Figures } from './change-size.ts';
import { type RowPool, rowPool } from './disclosure/audit.ts';
import type { Cell, Population, ReviewClass, Scope } from './disclosure/model.ts';
import { standardPopulations } from './disclosure/populations.ts';
import { planSuppression } from './disclosure/suppression.ts';
import { isSmallGroup } from './small-groups.ts';

/** One cell as stored with an audit: review class, state, country, applications. */
export type CellRow = [reviewClass: ReviewClass, state: string, country: string, count: number];

/** A population's key as the rollups spell it: `scope|entity|country`, `*` where not filtered. */
export type PopulationKey = string;

/** Breakdowns served earlier for a population, and the as_of of their version. */
export interface Held {
  figures: Figures;
  as_of: string | null;
}

/** What the plan needs about the new version and the one before it. */
export interface PublicationInput {
  cells: CellRow[];
  /** This version's total and attribute breakdowns of each single-filter or national population. */
  figures: ReadonlyMap<PopulationKey, Figures>;
  /** The breakdowns last published per population. */
  held: ReadonlyMap<PopulationKey, Held>;
  /** The previous version's stored cells and the populations it served with breakdowns; null for the first. */
  previous: { cells: CellRow[]; published: PopulationKey[] } | null;
  /** Other earlier versions audited together with this one too, pairwise (the latest cut: readers compare with it). */
  earlier?: { cells: CellRow[]; published: PopulationKey[] }[];
  /** Populations that always publish this version's breakdowns (INE's own tables at its cut-off date). */
  pinned: ReadonlySet<PopulationKey>;
  /**
   * Populations kept if at all possible (the national ones): pinned too, unless the pinned figures alone would
   * describe a small group (a tiny process), in which case the audit may withhold them like any other.
   */
  preferred?: ReadonlySet<PopulationKey>;
}

/** The audit's figures as stored and printed. */
export interface AuditFigures {
  populations: number;
  cells: number;
  rank: number;
  derivable: number;
  withheld: number;
  held: number;
}

/** The decisions of one version. */
export interface PublicationPlan {
  /** Populations publishing this version's breakdowns. */
  fresh: PopulationKey[];
  /** Populations serving their last published breakdowns. */
  held: Map<PopulationKey, Held>;
  /** Populations withheld by the audit. */
  complementary: PopulationKey[];
  audit: AuditFigures;
}

/** The key of a population of the disclosure model. */
export function keyOf(population: { scope: Scope; entity?: string; country?: string }): PopulationKey {
  return `${population.scope}|${population.entity ?? '*'}|${population.country ?? '*'}`;
}

/** The disclosure model's population for a key, in the version given (none for a single-version audit). */
export function populationOf(key: PopulationKey, version?: number): Population {
  const [scope, entity, country] = key.split('|') as [Scope, string, string];
  return {
    id: version === undefined ? key : `v${version}|${key}`,
    scope,
    ...(entity === '*' ? {} : { entity }),
    ...(country === '*' ? {} : { country }),
    ...(version === undefined ? {} : { version }),
  };
}

/** Stored cells as the auditor's cells. */
export const toCells = (rows: readonly CellRow[]): Cell[] =>
  rows.map(([reviewClass, state, country, count]) => ({ reviewClass, state, country, count }));

/** Cells split by the version in which their applications first counted (see the header). */
export function slicedCells(before: readonly CellRow[], now: readonly CellRow[]): Cell[] {
  const earlier = new Map(before.map(([c, s, n, count]) => [`${c}|${s}|${n}`, count]));
  const cells: Cell[] = [];
  for (const [reviewClass, state, country, count] of now) {
    const old = earlier.get(`${reviewClass}|${state}|${country}`) ?? 0;
    if (Math.min(old, count) > 0) cells.push({ reviewClass, state, country, slice: 0, count: Math.min(old, count) });
    if (count > old) cells.push({ reviewClass, state, country, slice: 1, count: count - old });
    if (old > count) cells.push({ reviewClass, state, country, slice: 0, gone: 1, count: old - count });
  }
  // Cells the new version no longer has at all: every application there departed.
  const current = new Set(now.map(([c, s, n]) => `${c}|${s}|${n}`));
  for (const [reviewClass, state, country, count] of before) {
    if (count > 0 && !current.has(`${reviewClass}|${state}|${country}`))
      cells.push({ reviewClass, state, country, slice: 0, gone: 1, count });
  }
  return cells;
}

/** Decides what a new version publishes (see the header). */
export function planPublication(input: PublicationInput): PublicationPlan {
  const candidates = standardPopulations(toCells(input.cells)).map((p) => keyOf(p));
  const held = new Map<PopulationKey, Held>();
  const fresh: PopulationKey[] = [];
  const kept = new Set([...input.pinned, ...(input.preferred ?? [])]);
  for (const key of candidates) {
    const last = input.held.get(key);
    const now = input.figures.get(key);
    if (!input.pinned.has(key) && last && now && isSmallGroup(changeSize(last.figures, now))) held.set(key, last);
    else fresh.push(key);
  }
  // One pool of matrix rows for every audit of this plan (they run one after the other), sized once for the
  // largest: an audit has a row per population, of its atoms (at most its cells) and populations.
  const pairs = [input.previous, ...(input.earlier ?? [])].flatMap((previous) =>
    previous ? [{ previous, cells: slicedCells(previous.cells, input.cells) }] : [],
  );
  const sizes = [
    { populations: fresh.length, cells: input.cells.length },
    ...pairs.map(({ previous, cells }) => ({
      populations: previous.published.length + fresh.length,
      cells: cells.length,
    })),
  ];
  const scratch = rowPool(
    Math.max(...sizes.map((size) => size.populations)),
    Math.max(...sizes.map((size) => size.cells + size.populations)),
  );
  // First this version alone (exact: current cells, this version's populations), then with the previous version.
  const alone = protect(
    toCells(input.cells),
    [],
    fresh.map((key) => populationOf(key)),
    kept,
    input.pinned,
    scratch,
  );
  const withheldAlone = new Set(alone.suppress);
  let plan = alone;
  const withheld = new Set(withheldAlone);
  for (const { previous, cells } of pairs) {
    const earlier = previous.published.map((key) => populationOf(key, 0));
    const now = fresh.filter((key) => !withheld.has(key)).map((key) => populationOf(key, 1));
    const together = protect(cells, earlier, now, kept, input.pinned, scratch);
    for (const id of together.suppress) withheld.add(id.replace(/^v1\|/, ''));
    plan = {
      ...together,
      suppress: [...withheld],
      audit: {
        ...together.audit,
        derivable: [...plan.audit.derivable, ...together.audit.derivable],
        undecided: [...plan.audit.undecided, ...together.audit.undecided],
      },
    };
  }
  const populations = { length: (input.previous?.published.length ?? 0) + fresh.length };
  const complementary = plan.suppress;
  return {
    fresh: fresh.filter((key) => !withheld.has(key)),
    held,
    complementary,
    audit: {
      populations: populations.length - plan.suppress.length,
      cells: plan.audit.cells,
      rank: plan.audit.rank,
      derivable: plan.audit.derivable.length + plan.audit.undecided.length,
      withheld: complementary.length,
      held: held.size,
    },
  };
}

/**
 * Complementary suppression of `now` (the earlier populations are public: pinned), keeping `kept` if the pinned
 * figures alone describe no small group, else only `pinned` (INE's own figures).
 */
function protect(
  cells: Cell[],
  earlier: Population[],
  now: Population[],
  kept: ReadonlySet<PopulationKey>,
  pinned: ReadonlySet<PopulationKey>,
  scratch: RowPool,
) {
  const populations = [...earlier, ...now];
  const options = { scratch };
  const pinnedIds = (keep: ReadonlySet<PopulationKey>) => [
    ...earlier.map((p) => p.id),
    ...now.filter((p) => keep.has(keyOf(p))).map((p) => p.id),
  ];
  const plan = planSuppression(cells, populations, { ...options, pinned: pinnedIds(kept) });
  return plan.unprotectable.length > 0
    ? planSuppression(cells, populations, { ...options, pinned: pinnedIds(pinned) })
    : plan;
}
