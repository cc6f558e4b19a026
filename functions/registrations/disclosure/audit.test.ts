import { describe, expect, it } from 'vitest';
import { auditDisclosure } from './audit.ts';
import { standardPopulations } from './populations.ts';
import {
  cell,
  cellKeys,
  cellsFrom,
  combinationIsolates,
  fourQueries,
  fourQueryCells,
  population,
} from './test-fixtures.ts';

describe('auditDisclosure', () => {
  it('finds the four-query tracker of the issue: one applicant, not cumple, outside the US', () => {
    const report = auditDisclosure(fourQueryCells, fourQueries);
    // Atoms: cumple US, other US, cumple non-US (CA+ES, never told apart), other non-US.
    expect(report).toMatchObject({ populations: 4, cells: 5, atoms: 4, rank: 4, undecided: [] });
    expect(report.derivable).toHaveLength(1);
    const [group] = report.derivable;
    expect(group?.count).toBe(1);
    expect(cellKeys(fourQueryCells, group?.cells ?? [])).toEqual(['other|12|CA']);
    expect(group?.denominator).toBe(1);
    expect(group?.combination).toEqual([
      { population: 'r12', coefficient: 1 },
      { population: 'c12', coefficient: -1 },
      { population: 'r12US', coefficient: -1 },
      { population: 'c12US', coefficient: 1 },
    ]);
  });

  it('finds a three-way tracker: a state, minus its cumple scope, minus a country', () => {
    const cells = cellsFrom(
      'cumple 12 US 40, other 12 US 3, other 12 CA 25, cumple 14 US 50, other 14 US 12, cumple 14 ES 30, cumple 12 ES 11',
    );
    const populations = standardPopulations(cells);
    // cumple|country=CA is empty, so it is not published: 2 national + 4 entity + 5 country populations.
    expect(populations.map((p) => p.id).sort()).toEqual(
      [
        'cumple',
        'cumple|country=ES',
        'cumple|country=US',
        'cumple|entity=12',
        'cumple|entity=14',
        'received',
        'received|country=CA',
        'received|country=ES',
        'received|country=US',
        'received|entity=12',
        'received|entity=14',
      ].sort(),
    );
    const report = auditDisclosure(cells, populations);
    // Seven atoms; the cumple cells 12-US, 14-US, 14-ES, 12-ES form one cycle the margins cannot resolve.
    expect(report).toMatchObject({ atoms: 7, rank: 6, undecided: [] });
    expect(report.derivable).toHaveLength(1);
    const [group] = report.derivable;
    expect(group?.count).toBe(3);
    expect(cellKeys(cells, group?.cells ?? [])).toEqual(['other|12|US']);
    expect(group && combinationIsolates(cells, populations, group)).toBe(true);
  });

  it('stays safe when the block no population tells apart holds 10 or more, and not when it holds 9', () => {
    const safe = [...fourQueryCells.slice(0, 4), cell('other', '12', 'CA', 4), cell('other', '12', 'ES', 7)];
    const safeReport = auditDisclosure(safe, fourQueries);
    expect(safeReport).toMatchObject({ atoms: 4, rank: 4, derivable: [], undecided: [] });

    const unsafe = [...fourQueryCells.slice(0, 4), cell('other', '12', 'CA', 4), cell('other', '12', 'ES', 5)];
    const unsafeReport = auditDisclosure(unsafe, fourQueries);
    expect(unsafeReport.derivable.map((g) => [g.count, cellKeys(unsafe, g.cells)])).toEqual([
      [9, ['other|12|CA', 'other|12|ES']],
    ]);
  });

  it('with margins only, finds received(e) − cumple(e) when a state has 1 to 9 non-cumple applications', () => {
    const withOther = (caOther: number) => [
      cell('cumple', '12', 'US', 15),
      cell('other', '12', 'US', 3),
      cell('cumple', '12', 'CA', 20),
      cell('other', '12', 'CA', caOther),
      cell('cumple', '14', 'US', 30),
      cell('other', '14', 'US', 20),
      cell('cumple', '14', 'CA', 12),
      cell('other', '14', 'CA', 11),
    ];
    const leaking = withOther(4);
    const populations = standardPopulations(leaking);
    expect(populations).toHaveLength(10);
    const report = auditDisclosure(leaking, populations);
    // Neither small cell alone is derivable (both lie on the cycle 12-US-14-CA of the non-cumple table), but
    // their union is: received(12) − cumple(12) = 42 − 35 = 7.
    expect(report.derivable.map((g) => [g.count, cellKeys(leaking, g.cells)])).toEqual([
      [7, ['other|12|US', 'other|12|CA']],
    ]);
    expect(report.derivable[0] && combinationIsolates(leaking, populations, report.derivable[0])).toBe(true);

    const safe = withOther(7);
    expect(auditDisclosure(safe, standardPopulations(safe)).derivable).toEqual([]);
  });

  it('over time, finds the newcomers of a held state once cells are split by the version they first counted in', () => {
    // Version 0: ES 80 (state 09: 50, state 14: 30), US 40 (state 14). Version 1 adds 20 in 09-ES and 4 in 14-ES:
    // state 14 moved by 4, so its breakdowns are held (not republished); ES, 09 and the national total move by
    // 20 or more and are republished; US moved by 0 and is republished too.
    const sliced = [
      cell('cumple', '09', 'ES', 50, 0),
      cell('cumple', '14', 'ES', 30, 0),
      cell('cumple', '14', 'US', 40, 0),
      cell('cumple', '09', 'ES', 20, 1),
      cell('cumple', '14', 'ES', 4, 1),
    ];
    const published = [
      population('nat0', 'received', { version: 0 }),
      population('e09v0', 'received', { entity: '09', version: 0 }),
      population('e14v0', 'received', { entity: '14', version: 0 }),
      population('ESv0', 'received', { country: 'ES', version: 0 }),
      population('USv0', 'received', { country: 'US', version: 0 }),
      population('nat1', 'received', { version: 1 }),
      population('e09v1', 'received', { entity: '09', version: 1 }),
      population('ESv1', 'received', { country: 'ES', version: 1 }),
      population('USv1', 'received', { country: 'US', version: 1 }),
    ];
    const report = auditDisclosure(sliced, published);
    expect(report.derivable.map((g) => [g.count, cellKeys(sliced, g.cells)])).toEqual([[4, ['cumple|14|ES|1']]]);
    expect(report.derivable[0] && combinationIsolates(sliced, published, report.derivable[0])).toBe(true);

    // Audited as one version (cells merged, latest populations only), the same figures look safe.
    const merged = [cell('cumple', '09', 'ES', 70), cell('cumple', '14', 'ES', 34), cell('cumple', '14', 'US', 40)];
    const latest = published.filter((p) => p.version === 1).map(({ version: _, ...p }) => p);
    expect(auditDisclosure(merged, latest).derivable).toEqual([]);
  });

  it('ignores zero cells and cells no population contains', () => {
    const cells = [...fourQueryCells, cell('other', '12', 'FR', 0), cell('other', '20', 'FR', 3)];
    const report = auditDisclosure(cells, fourQueries);
    expect(report).toMatchObject({ cells: 6, atoms: 4, rank: 4 });
    expect(report.derivable.map((g) => cellKeys(cells, g.cells))).toEqual([['other|12|CA']]);
  });
});
