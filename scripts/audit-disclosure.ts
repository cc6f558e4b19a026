// `npm run -s audit:disclosure -- [--process SLUG] [--cut DATE] [--url URL]`: reruns the disclosure audit (contract
// rule 5) from the public answers alone, as any reader could: for each version (every cut, then live), the
// populations published with breakdowns, the cells, the rank and the groups of 1 to 9 applications that a signed
// sum of published answers isolates, for the version alone and together with the version before it. Exit code 1
// when any group is derivable.
import { parseArgs } from 'node:util';
import { auditVersion, type VersionAudit } from './lib/disclosure/audit-version.ts';
import { type Fetcher, get, type PublicVersion, readPublicVersion } from './lib/disclosure/public-version.ts';
import { runCli } from './lib/run-cli.ts';

const USAGE = `usage: npm run -s audit:disclosure -- [--process SLUG] [--cut DATE] [--url URL] [--cross]
  --cross also reads every state x country summary (rule 2 says none carries breakdowns; slow: rate limits apply).
  Reads every public summary of every version (live and cuts) of each process from the server at --url
  (default http://localhost:8787) and prints, per version, the populations published, cells, rank and derivable
  groups; exits 1 if any group of 1 to 9 applications is derivable.`;

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

/** Per scope, the national, state and country populations holding applications, from a version's cells. */
function populationTotals(version: PublicVersion): number[] {
  const totals = new Map<string, number>();
  const add = (key: string, count: number) => totals.set(key, (totals.get(key) ?? 0) + count);
  for (const [reviewClass, state, country, count] of version.cells) {
    for (const scope of reviewClass === 'cumple' ? ['received', 'cumple'] : ['received']) {
      add(`${scope}|*|*`, count);
      add(`${scope}|${state}|*`, count);
      add(`${scope}|*|${country}`, count);
    }
  }
  return [...totals.values()];
}

/**
 * What the public loses in one version (issue 27's closing figure): of the populations holding applications
 * (scope x national, state, country; state x country ones never carry breakdowns, rule 2), how many show this
 * version's breakdowns, how many serve held ones, and how many withhold them, by reason.
 */
function loss(slug: string, version: PublicVersion) {
  const totals = populationTotals(version);
  const withheld: Record<string, number> = { small: totals.filter((t) => t < 10).length };
  for (const [reason, count] of Object.entries(version.withheld)) withheld[reason] = (withheld[reason] ?? 0) + count;
  return {
    label: `${slug} ${version.label}`,
    populations: totals.length,
    fresh: version.fresh.length,
    held: version.held.length,
    withheld,
  };
}

function lossLine(entry: ReturnType<typeof loss>): string {
  const reasons = Object.entries(entry.withheld).map(([reason, count]) => `${reason} ${count}`);
  const lost = Object.values(entry.withheld).reduce((a, b) => a + b, 0);
  const share = entry.populations ? ((100 * lost) / entry.populations).toFixed(1) : '0.0';
  return `${entry.label}: populations ${entry.populations}, breakdowns shown ${entry.fresh + entry.held} (held ${entry.held}), withheld ${lost} (${share} %): ${reasons.join(', ')}`;
}

async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      process: { type: 'string' },
      cut: { type: 'string' },
      url: { type: 'string' },
      cross: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const url = (values.url ?? 'http://localhost:8787').replace(/\/$/, '');
  const fetcher: Fetcher = (path) => fetch(`${url}${path}`);
  const { processes: listed } = (await get(fetcher, '/api/v1/processes')) as { processes: { slug: string }[] };
  const slugs = values.process ? [values.process] : listed.map((p) => p.slug);
  let derivable = 0;
  const losses: ReturnType<typeof loss>[] = [];
  for (const slug of slugs) {
    const cuts = ((await get(fetcher, `/api/v1/registrations/${slug}/cuts`)) as { date: string }[])
      .map((c) => c.date)
      .sort();
    const versions: (string | null)[] = [...cuts, null];
    let previous: PublicVersion | null = null;
    for (const [i, cut] of versions.entries()) {
      const wanted = !values.cut || values.cut === cut || values.cut === versions[i + 1];
      if (!wanted) continue;
      const version = await readPublicVersion(fetcher, slug, cut, { cross: values.cross });
      if (!values.cut || values.cut === cut) {
        const audit = auditVersion(slug, version, previous);
        console.log(line(audit));
        losses.push(loss(slug, version));
        derivable += audit.derivable + (audit.together?.derivable ?? 0);
      }
      previous = version;
    }
  }
  // After a blank line: what the public loses, per version and per process (summed over its versions).
  console.log('\nwhat the public loses (populations with applications; breakdowns withheld by reason):');
  for (const entry of losses) console.log(lossLine(entry));
  for (const slug of slugs) {
    const mine = losses.filter((entry) => entry.label.startsWith(`${slug} `));
    if (mine.length < 2) continue;
    const sum = {
      label: `${slug} all ${mine.length} versions`,
      populations: 0,
      fresh: 0,
      held: 0,
      withheld: {} as Record<string, number>,
    };
    for (const entry of mine) {
      sum.populations += entry.populations;
      sum.fresh += entry.fresh;
      sum.held += entry.held;
      for (const [reason, count] of Object.entries(entry.withheld))
        sum.withheld[reason] = (sum.withheld[reason] ?? 0) + count;
    }
    console.log(lossLine(sum));
  }
  return derivable > 0 ? 1 : 0;
}

runCli(import.meta, 'audit:disclosure', main);
