// `npm run -s audit:disclosure -- [--process SLUG] [--cut DATE] [--url URL]`: reruns the disclosure audit (contract
// rule 5) from the public answers alone, as any reader could: for each version (every cut, then live), the
// populations published with breakdowns, the cells, the rank and the groups of 1 to 9 applications that a signed
// sum of published answers isolates, for the version alone and together with the version before it. Exit code 1
// when any group is derivable.
import { parseArgs } from 'node:util';
import { auditDisclosure } from '../functions/registrations/disclosure/audit.ts';
import type { Population } from '../functions/registrations/disclosure/model.ts';
import { populationOf, slicedCells, toCells } from '../functions/registrations/publication-plan.ts';
import { get, type PublicVersion, readPublicVersion } from './lib/disclosure/public-version.ts';
import { runCli } from './lib/run-cli.ts';

const USAGE = `usage: npm run -s audit:disclosure -- [--process SLUG] [--cut DATE] [--url URL]
  Reads every public summary of every version (live and cuts) of each process from the server at --url
  (default http://localhost:8787) and prints, per version, the populations published, cells, rank and derivable
  groups; exits 1 if any group of 1 to 9 applications is derivable.`;

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
    const earlier = [...new Set([...previous.fresh, ...previous.held, ...version.held])];
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

function line(audit: VersionAudit): string {
  const withheld = Object.entries(audit.withheld)
    .map(([reason, count]) => `${reason} ${count}`)
    .join(', ');
  const parts = [
    `${audit.process} ${audit.version}:`,
    `populations ${audit.populations}, cells ${audit.cells}, rank ${audit.rank}, derivable ${audit.derivable};`,
    audit.together
      ? `with previous: populations ${audit.together.populations}, cells ${audit.together.cells}, rank ${audit.together.rank}, derivable ${audit.together.derivable};`
      : 'first version;',
    `held ${audit.held}; withheld ${withheld || 'none'}`,
  ];
  return parts.join(' ');
}

async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      process: { type: 'string' },
      cut: { type: 'string' },
      url: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const url = (values.url ?? 'http://localhost:8787').replace(/\/$/, '');
  const { processes: listed } = (await get(url, '/api/v1/processes')) as { processes: { slug: string }[] };
  const slugs = values.process ? [values.process] : listed.map((p) => p.slug);
  let derivable = 0;
  for (const slug of slugs) {
    const cuts = ((await get(url, `/api/v1/registrations/${slug}/cuts`)) as { date: string }[])
      .map((c) => c.date)
      .sort();
    const versions: (string | null)[] = [...cuts, null];
    let previous: PublicVersion | null = null;
    for (const [i, cut] of versions.entries()) {
      const wanted = !values.cut || values.cut === cut || values.cut === versions[i + 1];
      if (!wanted) continue;
      const version = await readPublicVersion(url, slug, cut);
      if (!values.cut || values.cut === cut) {
        const audit = auditVersion(slug, version, previous);
        console.log(line(audit));
        derivable += audit.derivable + (audit.together?.derivable ?? 0);
      }
      previous = version;
    }
  }
  return derivable > 0 ? 1 : 0;
}

runCli(import.meta, 'audit:disclosure', main);
