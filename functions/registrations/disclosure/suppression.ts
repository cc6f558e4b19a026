// Complementary suppression: which populations to withhold so that the audit of the rest finds no small group.
// Greedy, then pruned: each round withholds, for every derivable group, one population of the combination that
// produces it (preferring the least valuable), re-audits, and repeats; the loop ends because every round withholds
// at least one population. Afterwards each withheld population is tried back, most valuable first, and stays
// published if the audit remains clean, so no single population in the result could be restored (inclusion-
// minimal, not necessarily the smallest possible set, which is a hard problem in general).
import {
  type AuditOptions,
  type AuditReport,
  auditPrepared,
  type DerivableGroup,
  prepareAudit,
  type RowPool,
} from './audit.ts';
import { type Cell, MIN_GROUP, type Population } from './model.ts';

/** Options of the plan: populations that must stay published (figures INE itself published), and pruning. */
export interface SuppressionOptions extends AuditOptions {
  pinned?: readonly string[];
  /** Try to restore each withheld population afterwards (one audit each). Default true. */
  prune?: boolean;
  /** The matrix rows to reuse (see `PreparedAudit.scratch`), when several plans run in a row. */
  scratch?: RowPool;
}

/** The populations to withhold, the groups nothing can protect (spanned by pinned figures), and the final audit. */
export interface SuppressionPlan {
  suppress: string[];
  unprotectable: DerivableGroup[];
  audit: AuditReport;
  rounds: number;
}

/** Plans the withheld populations for one set of published populations. */
export function planSuppression(
  cells: readonly Cell[],
  populations: readonly Population[],
  options: SuppressionOptions = {},
): SuppressionPlan {
  const pinned = new Set(options.pinned ?? []);
  const prepared = prepareAudit(cells, populations, options.scratch);
  const indexOf = new Map(populations.map((p, i) => [p.id, i]));
  const value = valueOrder(cells, prepared.members, populations, options.minGroup ?? MIN_GROUP);
  const pinnedOnly = auditPrepared(
    prepared,
    new Set(populations.flatMap((p, i) => (pinned.has(p.id) ? [] : [i]))),
    options,
  );
  const unprotectableKeys = new Set(pinnedOnly.derivable.map((group) => group.cells.join(',')));
  const issuesOf = (report: AuditReport): string[][] => [
    ...report.derivable
      .filter((group) => !unprotectableKeys.has(group.cells.join(',')))
      .map((group) => group.combination.map((term) => term.population).filter((id) => !pinned.has(id))),
    ...report.undecided.map((block) => block.populations.filter((id) => !pinned.has(id))),
  ];
  // One audit per distinct withheld set: a pruning trial often asks again for a set audited in the rounds.
  const audits = new Map<string, AuditReport>();
  const auditWithout = (ids: readonly string[]): AuditReport => {
    const indexes = ids.map((id) => indexOf.get(id) as number).sort((a, b) => a - b);
    const key = indexes.join(',');
    let report = audits.get(key);
    if (!report) {
      report = auditPrepared(prepared, new Set(indexes), options);
      audits.set(key, report);
    }
    return report;
  };

  const withheld: string[] = [];
  let audit = auditWithout(withheld);
  let rounds = 0;
  for (let issues = issuesOf(audit); issues.some((c) => c.length > 0); issues = issuesOf(audit)) {
    rounds++;
    for (const id of coverGreedily(issues, value)) withheld.push(id);
    audit = auditWithout(withheld);
  }
  const isClean = (report: AuditReport) => issuesOf(report).every((c) => c.length === 0);
  if (options.prune ?? true) {
    for (const id of [...withheld].sort((a, b) => value(b) - value(a))) {
      const report = auditWithout(withheld.filter((other) => other !== id));
      if (isClean(report)) {
        withheld.splice(withheld.indexOf(id), 1);
        audit = report;
      }
    }
  }
  return { suppress: withheld, unprotectable: pinnedOnly.derivable, audit, rounds };
}

/**
 * Picks populations until every issue (a list of candidate populations) holds one: the cheapest first, where
 * cheapness is rank in `value`, broken in favour of the population involved in most issues.
 */
function coverGreedily(issues: readonly string[][], value: (id: string) => number): string[] {
  const open = issues.filter((candidates) => candidates.length > 0);
  const chosen: string[] = [];
  while (open.length > 0) {
    const involvement = new Map<string, number>();
    for (const candidates of open) for (const id of candidates) involvement.set(id, (involvement.get(id) ?? 0) + 1);
    const [best] = [...involvement.keys()].sort(
      (a, b) => value(a) - value(b) || (involvement.get(b) ?? 0) - (involvement.get(a) ?? 0) || (a < b ? -1 : 1),
    );
    if (best === undefined) break;
    chosen.push(best);
    for (let i = open.length - 1; i >= 0; i--) if (open[i]?.includes(best)) open.splice(i, 1);
  }
  return chosen;
}

/**
 * How valuable a population is to readers (lower = withheld first): cross populations, then single-filter ones,
 * national totals last; within a tier, by order of magnitude of its total, then by total.
 */
function valueOrder(
  cells: readonly Cell[],
  members: readonly Int32Array[],
  populations: readonly Population[],
  minGroup: number,
) {
  const totals = new Float64Array(populations.length);
  cells.forEach((cell, c) => {
    for (const p of members[c] as Int32Array) totals[p] = (totals[p] as number) + cell.count;
  });
  const rank = new Map<string, number>();
  populations.forEach((population, p) => {
    const total = totals[p] as number;
    const filters = Number(population.entity !== undefined) + Number(population.country !== undefined);
    const tier = filters === 2 ? 0 : filters === 1 ? 1 : 2;
    const magnitude = Math.floor(Math.log10(Math.max(total, minGroup)));
    rank.set(population.id, tier * 1e12 + magnitude * 1e10 + total);
  });
  return (id: string) => rank.get(id) ?? 0;
}
