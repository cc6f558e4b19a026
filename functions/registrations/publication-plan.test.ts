// The over-time split of cells (publication-plan.ts): arrivals, and departures that status changes and corrections
// make, so that a population published before and after a departure of 1 to 9 applications is caught by the audit.
import { describe, expect, it } from 'vitest';
import { auditDisclosure } from './disclosure/audit.ts';
import { type CellRow, populationOf, slicedCells } from './publication-plan.ts';

describe('slicedCells', () => {
  it('splits each cell into what stayed, what arrived and what departed', () => {
    const before: CellRow[] = [
      ['cumple', '05', 'US', 25],
      ['other', '05', 'US', 15],
      ['cumple', '15', 'CA', 4],
    ];
    const now: CellRow[] = [
      ['cumple', '05', 'US', 22],
      ['other', '05', 'US', 18],
      ['cumple', '15', 'US', 3],
    ];
    expect(slicedCells(before, now)).toEqual([
      { reviewClass: 'cumple', state: '05', country: 'US', slice: 0, count: 22 },
      { reviewClass: 'cumple', state: '05', country: 'US', slice: 0, gone: 1, count: 3 },
      { reviewClass: 'other', state: '05', country: 'US', slice: 0, count: 15 },
      { reviewClass: 'other', state: '05', country: 'US', slice: 1, count: 3 },
      { reviewClass: 'cumple', state: '15', country: 'US', slice: 1, count: 3 },
      { reviewClass: 'cumple', state: '15', country: 'CA', slice: 0, gone: 1, count: 4 },
    ]);
  });

  it('lets the audit see a departure of 1 to 9 between two published versions of one population', () => {
    // State 05 had 40, 3 of them moved to state 15: 05 before minus 05 now describes those 3.
    const before: CellRow[] = [
      ['cumple', '05', 'US', 40],
      ['cumple', '15', 'US', 30],
    ];
    const now: CellRow[] = [
      ['cumple', '05', 'US', 37],
      ['cumple', '15', 'US', 33],
    ];
    const populations = [populationOf('received|05|*', 0), populationOf('received|05|*', 1)];
    const report = auditDisclosure(slicedCells(before, now), populations);
    expect(report.derivable.map((group) => group.count)).toEqual([3]);
    // Held in the new version (rule 3), 05 publishes nothing new: nothing is derivable.
    expect(auditDisclosure(slicedCells(before, now), populations.slice(0, 1)).derivable).toEqual([]);
  });
});
