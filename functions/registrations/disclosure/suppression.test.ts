import { describe, expect, it } from 'vitest';
import { auditDisclosure } from './audit.ts';
import { standardPopulations } from './populations.ts';
import { planSuppression } from './suppression.ts';
import { cell, fourQueries, fourQueryCells, population } from './test-fixtures.ts';

const cells = fourQueryCells;
const populations = fourQueries;
const without = (ids: readonly string[]) => populations.filter((p) => !ids.includes(p.id));

describe('planSuppression', () => {
  it('withholds the smaller cross population first and the re-audit finds nothing', () => {
    const plan = planSuppression(cells, populations);
    expect(plan.suppress).toEqual(['c12US']);
    // One round: c12US is the cheapest of the tracker's four (cross, 566), and nothing is left to restore.
    expect(plan.rounds).toBe(1);
    expect(plan.audit).toMatchObject({ populations: 3, derivable: [], undecided: [] });
    expect(auditDisclosure(cells, without(plan.suppress)).derivable).toEqual([]);
  });

  it('keeps pinned populations published and withholds around them', () => {
    const plan = planSuppression(cells, populations, { pinned: ['r12US', 'c12US'] });
    // Left: r12 (641) and c12 (588), both single-filter and of the same magnitude; the smaller goes.
    expect(plan.suppress).toEqual(['c12']);
    expect(plan.rounds).toBe(1);
    expect(plan.unprotectable).toEqual([]);
    expect(auditDisclosure(cells, without(plan.suppress)).derivable).toEqual([]);
  });

  it('reports a group the pinned figures alone isolate instead of looping', () => {
    const plan = planSuppression(cells, populations, { pinned: populations.map((p) => p.id) });
    expect(plan.suppress).toEqual([]);
    expect(plan.rounds).toBe(0);
    expect(plan.unprotectable.map((g) => g.count)).toEqual([1]);
  });

  it('covers independent trackers one population each, the cheapest first', () => {
    // State 14 repeats the tracker with 2 applicants outside the US; its cross cumple population (300) is cheaper
    // than state 12's (566), so it is chosen first; each choice clears its own tracker only.
    const both = [
      ...cells,
      cell('cumple', '14', 'US', 300),
      cell('other', '14', 'US', 40),
      cell('cumple', '14', 'CA', 12),
      cell('other', '14', 'CA', 2),
    ];
    const published = [
      ...populations,
      population('r14', 'received', { entity: '14' }),
      population('c14', 'cumple', { entity: '14' }),
      population('r14US', 'received', { entity: '14', country: 'US' }),
      population('c14US', 'cumple', { entity: '14', country: 'US' }),
    ];
    expect(auditDisclosure(both, published).derivable.map((g) => g.count)).toEqual([1, 2]);
    const plan = planSuppression(both, published);
    expect(plan).toMatchObject({ suppress: ['c14US', 'c12US'], rounds: 1, unprotectable: [] });
    expect(plan.audit).toMatchObject({ populations: 6, derivable: [], undecided: [] });
    // Without pruning the same two are kept: neither can be restored.
    expect(planSuppression(both, published, { prune: false }).suppress).toEqual(['c14US', 'c12US']);
  });

  it('never withholds the national totals when others suffice, withholding the complementary population as well', () => {
    const margins = [
      cell('cumple', '12', 'US', 15),
      cell('other', '12', 'US', 3),
      cell('cumple', '12', 'CA', 20),
      cell('other', '12', 'CA', 4),
      cell('cumple', '14', 'US', 30),
      cell('other', '14', 'US', 20),
      cell('cumple', '14', 'CA', 12),
      cell('other', '14', 'CA', 11),
    ];
    const published = standardPopulations(margins);
    const plan = planSuppression(margins, published);
    expect(plan.suppress).not.toContain('received');
    expect(plan.suppress).not.toContain('cumple');
    // Withholding cumple(12) alone is not enough: cumple − cumple(14) rebuilds it. Withholding both state cumple
    // populations leaves no way to take the cumple cells out of a state (only cumple by country remains).
    expect([...plan.suppress].sort()).toEqual(['cumple|entity=12', 'cumple|entity=14']);
    const kept = published.filter((p) => !plan.suppress.includes(p.id));
    expect(auditDisclosure(margins, kept)).toMatchObject({ derivable: [], undecided: [] });
  });
});
