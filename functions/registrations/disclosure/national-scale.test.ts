import { describe, expect, it } from 'vitest';
import { auditDisclosure } from './audit.ts';
import { nationalInstance } from './national-instance.ts';
import { standardPopulations } from './populations.ts';
import { planSuppression } from './suppression.ts';
import { combinationIsolates } from './test-fixtures.ts';

describe('auditDisclosure at national scale', () => {
  it('audits a sparse 32 x 120 instance exactly and every reported combination checks out', () => {
    const cells = nationalInstance(27);
    const populations = standardPopulations(cells);
    const started = performance.now();
    const report = auditDisclosure(cells, populations);
    const elapsed = performance.now() - started;
    const small = cells.filter((c) => c.count < 10).length;
    console.log(
      `national audit: ${cells.length} cells (${small} of 1-9), ${populations.length} populations, ` +
        `${report.atoms} atoms, rank ${report.rank}, ${report.derivable.length} derivable, ` +
        `${report.undecided.length} undecided, ${elapsed.toFixed(0)} ms`,
    );
    expect(report.populations).toBe(populations.length);
    expect(report.undecided).toEqual([]);
    const keys = (indexes: number[]) =>
      indexes.map((i) => `${cells[i]?.reviewClass}|${cells[i]?.state}|${cells[i]?.country}`);
    expect(report.derivable.map((group) => keys(group.cells))).toContainEqual(['other|05|US', 'other|05|C1']);
    for (const group of report.derivable) {
      expect(group.count).toBeGreaterThanOrEqual(1);
      expect(group.count).toBeLessThanOrEqual(9);
      expect(combinationIsolates(cells, populations, group)).toBe(true);
    }
  });

  it('plans a suppression at national scale that the audit accepts', () => {
    const cells = nationalInstance(27);
    const populations = standardPopulations(cells);
    const national = ['received', 'cumple'];
    const started = performance.now();
    const plan = planSuppression(cells, populations, { pinned: national });
    const elapsed = performance.now() - started;
    console.log(
      `national suppression: ${plan.suppress.length} of ${populations.length} withheld in ${plan.rounds} rounds, ` +
        `${elapsed.toFixed(0)} ms`,
    );
    expect(plan.suppress.length).toBeGreaterThan(0);
    expect(plan.suppress).not.toContain('received');
    const kept = populations.filter((p) => !plan.suppress.includes(p.id));
    expect(auditDisclosure(cells, kept)).toMatchObject({ derivable: [], undecided: [] });
  });
});
