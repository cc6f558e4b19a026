// The disclosure audit of versions read from the public answers (the CLI and the adversarial test share it).
import { auditDisclosure } from '../../../functions/registrations/disclosure/audit.ts';
import type { Population } from '../../../functions/registrations/disclosure/model.ts';
import { populationOf, slicedCells, toCells } from '../../../functions/registrations/publication-plan.ts';
import type { PublicVersion } from './public-version.ts';

/** One line of the report. */
export interface VersionAudit {
  process: string;
  version: string;
  populations: number;
  cells: number;
  rank: number;
  derivable: number;
  /** The same over this version and the one before it (null for the first). */
  together: { populations: number; cells: number; rank: number; derivable: number } | null;
  held: number;
  withheld: Record<string, number>;
}

/** Audits one version alone and with the version before it. */
export function auditVersion(process: string, version: PublicVersion, previous: PublicVersion | null): VersionAudit {
  const alone = auditDisclosure(
    toCells(version.cells),
    version.fresh.map((key) => populationOf(key)),
  );
  let together: VersionAudit['together'] = null;
  if (previous) {
    const earlier = previous.fresh;
    const populations: Population[] = [
      ...earlier.map((key) => populationOf(key, 0)),
      ...version.fresh.map((key) => populationOf(key, 1)),
    ];
    const report = auditDisclosure(slicedCells(previous.cells, version.cells), populations);
    together = {
      populations: report.populations,
      cells: report.cells,
      rank: report.rank,
      derivable: report.derivable.length + report.undecided.length,
    };
  }
  return {
    process,
    version: version.label,
    populations: alone.populations,
    cells: alone.cells,
    rank: alone.rank,
    derivable: alone.derivable.length + alone.undecided.length,
    together,
    held: version.held.length,
    withheld: version.withheld,
  };
}
