// The audit's two knobs on the four-query tracker, worked by hand. Its atoms: 566 cumple in the US (in all
// four populations), 52 other in the US (r12, r12US), 22 cumple in Canada and Spain (r12, c12) and 1 other in
// Canada (r12 only). Every atom is isolated by some combination; which are reported depends on what is small.
import { describe, expect, it } from 'vitest';
import { auditDisclosure } from './audit.ts';
import { cellKeys, fourQueries, fourQueryCells } from './test-fixtures.ts';

const found = (minGroup: number) =>
  auditDisclosure(fourQueryCells, fourQueries, { minGroup })
    .derivable.map((g) => ({ ...g, cells: cellKeys(fourQueryCells, g.cells) }))
    .sort((a, b) => a.count - b.count);

describe('the audit threshold', () => {
  it('reports the groups under it: nothing under 1, the one applicant under 2 and under 22', () => {
    expect(found(1)).toEqual([]);
    expect(found(2).map((g) => g.count)).toEqual([1]);
    // 22 is not under 22: it is big, and stays out of every reported group.
    expect(found(22).map((g) => g.cells)).toEqual([['other|12|CA']]);
  });

  it('reports 22 under 23, isolated by c12 − c12US, cells in file order', () => {
    expect(found(23)).toEqual([
      {
        cells: ['other|12|CA'],
        count: 1,
        combination: [
          { population: 'r12', coefficient: 1 },
          { population: 'c12', coefficient: -1 },
          { population: 'r12US', coefficient: -1 },
          { population: 'c12US', coefficient: 1 },
        ],
        denominator: 1,
      },
      {
        cells: ['cumple|12|CA', 'cumple|12|ES'],
        count: 22,
        combination: [
          { population: 'c12', coefficient: 1 },
          { population: 'c12US', coefficient: -1 },
        ],
        denominator: 1,
      },
    ]);
  });
});

describe('the search budget', () => {
  it('reports a block it could not finish as undecided: its cells, count and populations', () => {
    const report = auditDisclosure(fourQueryCells, fourQueries, { nodeBudget: 1 });
    expect(report.derivable).toEqual([]);
    expect(report.undecided).toEqual([{ cells: [4], count: 1, populations: ['r12', 'c12', 'r12US', 'c12US'] }]);
  });
});
