// Reads one version of a process (live or a cut) as anyone can, through the public API only: the country x state
// table of each scope gives the cells, and every summary (scope x national, state, country, state x country) says
// which populations carry breakdowns, and whether they are this version's or held from an earlier one.
import type { CellRow, PopulationKey } from '../../../functions/registrations/publication-plan.ts';

/** What a version publishes, as read over HTTP. */
export interface PublicVersion {
  label: string;
  cells: CellRow[];
  /** Populations whose breakdowns are this version's. */
  fresh: PopulationKey[];
  /** Populations serving breakdowns of an earlier version (`breakdowns_as_of`). */
  held: PopulationKey[];
  /** Populations of 10 or more without breakdowns, by reason. */
  withheld: Record<string, number>;
  summaries: number;
}

interface SummaryBody {
  total: number;
  by_sex: Record<string, number> | null;
  breakdowns_as_of?: string | null;
  suppressed?: { reason: string };
}

/** How the reader reaches the API: a path in, a response out (fetch against a server, or a test's own call). */
export type Fetcher = (path: string) => Promise<Response>;

/** GETs a path of the API as JSON or text, failing loudly on anything but 200. */
export async function get(fetcher: Fetcher, path: string, as: 'json' | 'text' = 'json'): Promise<unknown> {
  let response = await fetcher(path);
  // Public reads are rate-limited per address: wait as told and ask again (cached answers are not limited).
  for (let attempt = 0; response.status === 429 && attempt < 20; attempt++) {
    const wait = Number(response.headers.get('retry-after') ?? '5');
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 60) * 1000));
    response = await fetcher(path);
  }
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return as === 'json' ? response.json() : response.text();
}

/** The rows of a CSV with a header row, as objects (quoted fields may hold commas and doubled quotes). */
function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.split(/\r?\n/).filter((line) => line !== '');
  const split = (line: string) =>
    [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) =>
      (m[1] ?? '').replace(/^"|"$/g, '').replace(/""/g, '"'),
    );
  const columns = split(header ?? '');
  return lines.map((line) => Object.fromEntries(split(line).map((value, i) => [columns[i] ?? '', value])));
}

/** Runs `work` over the items, `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: limit }, async () => {
    while (next < items.length) await work(items[next++] as T);
  });
  await Promise.all(lanes);
}

/** Reads one version (`cut` null: live). */
export async function readPublicVersion(
  fetcher: Fetcher,
  slug: string,
  cut: string | null,
  options: { cross?: boolean } = {},
): Promise<PublicVersion> {
  const base = `/api/v1/registrations/${slug}`;
  const at = cut ? `&cut=${cut}` : '';
  const tables: Record<string, Record<string, string>[]> = {};
  for (const scope of ['received', 'cumple']) {
    const text = (await get(fetcher, `${base}/countries.csv?scope=${scope}${at}`, 'text')) as string;
    tables[scope] = parseCsv(text);
  }
  const received = new Map<string, number>();
  const met = new Map<string, number>();
  const entities = new Set<string>();
  for (const [scope, into] of [
    ['received', received],
    ['cumple', met],
  ] as const) {
    for (const row of tables[scope] ?? []) {
      for (const [column, value] of Object.entries(row)) {
        if (!/^\d\d$/.test(column) || Number(value) === 0) continue;
        entities.add(column);
        into.set(`${column}|${row.country}`, Number(value));
      }
    }
  }
  const cells: CellRow[] = [];
  for (const [key, count] of received) {
    const [state, country] = key.split('|') as [string, string];
    const cumple = met.get(key) ?? 0;
    if (cumple > 0) cells.push(['cumple', state, country, cumple]);
    if (count - cumple > 0) cells.push(['other', state, country, count - cumple]);
  }
  const countries = [...new Set([...received.keys()].map((key) => key.split('|')[1] as string))];
  const keys: PopulationKey[] = [];
  for (const scope of ['received', 'cumple']) {
    keys.push(`${scope}|*|*`);
    for (const entity of entities) keys.push(`${scope}|${entity}|*`);
    for (const country of countries) keys.push(`${scope}|*|${country}`);
    // State x country summaries never carry breakdowns (rule 2, reason cross): read only when asked to check it.
    if (options.cross) for (const key of received.keys()) keys.push(`${scope}|${key}`);
  }
  const version: PublicVersion = { label: cut ?? 'live', cells, fresh: [], held: [], withheld: {}, summaries: 0 };
  await pool(keys, 8, async (key) => {
    const [scope, entity, country] = key.split('|');
    const query = [`scope=${scope}`, entity !== '*' && `entity=${entity}`, country !== '*' && `country=${country}`]
      .filter(Boolean)
      .join('&');
    const body = (await get(fetcher, `${base}/summary?${query}${at}`)) as SummaryBody;
    version.summaries++;
    if (body.by_sex !== null && body.total > 0) {
      (body.breakdowns_as_of ? version.held : version.fresh).push(key);
    } else if (body.total >= 10 && body.suppressed) {
      version.withheld[body.suppressed.reason] = (version.withheld[body.suppressed.reason] ?? 0) + 1;
    }
  });
  version.fresh.sort();
  version.held.sort();
  return version;
}
