// The disclosure audit: can any signed combination of the figures a version publishes describe 1 to 9 people?
//
// Method, in plain words. Split the applications into cells (review class x state x country, and for audits over
// time the version in which they first counted). Every published breakdown (sex, age band, ...) is the sum of its
// cells' breakdowns, so a reader who adds and subtracts published answers obtains the breakdowns of whatever the
// same sum of cell sets gives. If that sum is exactly a set of cells holding 1 to 9 applications, those people are
// described. Cell counts themselves are public (INE publishes them), so the reader knows which sets are small.
//
// 1. Atoms. Cells that belong to exactly the same published populations can never be told apart; they are merged
//    into one atom. A small block of cells is only exposed if its whole atom is small.
// 2. Big atoms protect. A group of 1 to 9 applications can only consist of atoms holding fewer than 10 each. We
//    reduce the population x atom matrix (exact integers, fraction-free, each row remembering its combination of
//    populations) with the big atoms first; the rows left with a pivot among the small atoms span exactly the
//    combinations that are zero on every big atom. When there is none, nothing small can be derived: done.
// 3. Small groups. In reduced form a vector of that span is fixed by its values on the pivot atoms, which are 0 or
//    1 for a group. The rows split into independent blocks; within each block we enumerate the 0/1 choices whose
//    total stays under 10 (at most 9 atoms can be chosen, so the search is short), and keep those whose other
//    atoms also come out 0 or 1. Each hit is returned with the combination of populations that produces it.
//
// What is guaranteed: every set of cells of total 1..9 whose indicator lies in the rational span of the published
// populations is a disjoint union of listed groups (so "no group listed" proves there is none), by exact
// arithmetic. A block whose search exceeds its budget, or whose numbers leave the exact range, is listed as
// `undecided` and must be treated as leaking (fail closed). Not covered: combinations that are not a plain group
// but a weighted sum over small atoms (e.g. breakdown(a) - breakdown(b) for two atoms of 3 and 4 people); nor
// figures other than the populations passed in (derived figures must be expressed as populations to be audited).
import { type Reduction, reduce, type Sparsity } from './echelon.ts';
import { ExactnessLost, gcd } from './integer-rows.ts';
import { type Atom, atomsOf, type Cell, MIN_GROUP, membership, type Population } from './model.ts';
import { searchSmallGroups } from './small-group-search.ts';

/** One population's share in a combination that isolates a group. */
export interface Term {
  population: string;
  coefficient: number;
}

/** A group the published figures isolate: Σ coefficient·population = denominator · (this group), cell by cell. */
export interface DerivableGroup {
  cells: number[];
  count: number;
  combination: Term[];
  denominator: number;
}

/** Atoms whose search could not be completed; treat as derivable. */
export interface UndecidedGroup {
  cells: number[];
  count: number;
  populations: string[];
}

/** The audit of one set of published populations. */
export interface AuditReport {
  populations: number;
  cells: number;
  atoms: number;
  rank: number;
  derivable: DerivableGroup[];
  undecided: UndecidedGroup[];
}

/** Tuning knobs; the defaults are the contract's. */
export interface AuditOptions {
  minGroup?: number;
  /** Search nodes allowed per independent block before it is declared undecided. */
  nodeBudget?: number;
}

/** Cells and every population a plan may publish, with each cell's memberships worked out once for all trials. */
export interface PreparedAudit {
  cells: readonly Cell[];
  populations: readonly Population[];
  members: Int32Array[];
  /** The matrix rows of every trial, reused (and shareable between prepared audits run one after the other). */
  scratch: RowPool;
}

/**
 * Row buffers for consecutive audits: allocating (and first touching) hundreds of long rows per trial was a large
 * share of its cost. Rows, not one block: a block this large would be fresh memory from the system every time.
 */
export interface RowPool {
  rows: Float64Array[];
}

/** A pool of `count` rows of `width` entries (it grows when an audit needs more). */
export function rowPool(count = 0, width = 0): RowPool {
  return { rows: Array.from({ length: count }, () => new Float64Array(width)) };
}

/** Prepares repeated audits of subsets of `populations` over the same cells (complementary suppression's trials). */
export function prepareAudit(
  cells: readonly Cell[],
  populations: readonly Population[],
  scratch: RowPool = rowPool(),
): PreparedAudit {
  return { cells, populations, members: membership(cells, populations), scratch };
}

/** Audits the populations published (with breakdowns) over the given cells. */
export function auditDisclosure(
  cells: readonly Cell[],
  populations: readonly Population[],
  options: AuditOptions = {},
): AuditReport {
  return auditPrepared(prepareAudit(cells, populations), new Set(), options);
}

/** Audits the prepared populations except those withheld (indexes into `prepared.populations`). */
export function auditPrepared(
  prepared: PreparedAudit,
  withheld: ReadonlySet<number>,
  options: AuditOptions = {},
): AuditReport {
  const { cells } = prepared;
  const rowOf = new Int32Array(prepared.populations.length);
  const populations: Population[] = [];
  prepared.populations.forEach((population, p) => {
    rowOf[p] = withheld.has(p) ? -1 : populations.length;
    if (!withheld.has(p)) populations.push(population);
  });
  const minGroup = options.minGroup ?? MIN_GROUP;
  const atoms = atomsOf(cells, prepared.members, rowOf).sort(
    (a, b) => Number(a.count < minGroup) - Number(b.count < minGroup),
  );
  const bigColumns = atoms.filter((atom) => atom.count >= minGroup).length;
  const report: AuditReport = {
    populations: populations.length,
    cells: cells.filter((cell) => cell.count > 0).length,
    atoms: atoms.length,
    rank: 0,
    derivable: [],
    undecided: [],
  };
  let reduction: Reduction;
  try {
    const matrix = matrixOf(atoms, populations.length, prepared.scratch);
    reduction = reduce(matrix.rows, atoms.length, bigColumns, matrix.sparsity);
  } catch (error) {
    if (!(error instanceof ExactnessLost)) throw error;
    report.undecided.push(everythingUndecided(atoms, populations));
    return report;
  }
  report.rank = reduction.rank;
  const counts = atoms.map((atom) => atom.count);
  const found = searchSmallGroups(reduction.smallSpan, counts, atoms.length, {
    minGroup,
    nodeBudget: options.nodeBudget ?? 200_000,
  });
  const cellsOf = (atomIndexes: readonly number[]) =>
    atomIndexes.flatMap((a) => (atoms[a] as Atom).cells).sort((x, y) => x - y);
  for (const group of found.groups) {
    const divisor = [...group.combination.values()].reduce((g, v) => gcd(g, v), group.denominator);
    const combination = [...group.combination.entries()]
      .sort(([a], [b]) => a - b)
      .map(([p, v]) => ({ population: (populations[p] as Population).id, coefficient: v / divisor }));
    if (combination.some((term) => !Number.isSafeInteger(term.coefficient))) throw new ExactnessLost();
    report.derivable.push({
      cells: cellsOf(group.atoms),
      count: group.count,
      combination,
      denominator: group.denominator / divisor,
    });
  }
  for (const block of found.undecided) {
    report.undecided.push({
      cells: cellsOf(block.atoms),
      count: block.atoms.reduce((sum, a) => sum + (atoms[a] as Atom).count, 0),
      populations: block.populations.map((p) => (populations[p] as Population).id),
    });
  }
  return report;
}

/**
 * Population rows over atoms, followed by an identity block that records each row's combination: views into the
 * prepared audit's row pool, cleared here (grown when a trial needs more).
 */
function matrixOf(
  atoms: readonly Atom[],
  populationCount: number,
  scratch: RowPool,
): { rows: Float64Array[]; sparsity: Sparsity } {
  const width = atoms.length + populationCount;
  const rows = Array.from({ length: populationCount }, (_, p) => {
    let buffer = scratch.rows[p];
    if (!buffer || buffer.length < width) {
      buffer = new Float64Array(width);
      scratch.rows[p] = buffer;
    } else buffer.fill(0, 0, width);
    const row = buffer.subarray(0, width);
    row[atoms.length + p] = 1;
    return row;
  });
  // Its sparsity as built (one entry per atom of each population, and the identity), so no one reads it back.
  const weights = new Int32Array(populationCount).fill(1);
  const listed = atoms.map((atom, a) => {
    for (const p of atom.populations) {
      (rows[p] as Float64Array)[a] = 1;
      weights[p] = (weights[p] as number) + 1;
    }
    return [...atom.populations];
  });
  return { rows, sparsity: { weights, listed } };
}

function everythingUndecided(atoms: readonly Atom[], populations: readonly Population[]): UndecidedGroup {
  return {
    cells: atoms.flatMap((atom) => atom.cells).sort((a, b) => a - b),
    count: atoms.reduce((sum, atom) => sum + atom.count, 0),
    populations: populations.map((population) => population.id),
  };
}
