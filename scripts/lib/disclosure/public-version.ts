// Reads one version of a process (live or a cut) as anyone can, through the public API only: the country x state
// table of each scope gives the cells, and every summary (scope x national, state, country, state x country) says
// which populations carry breakdowns, and whether they are this version's or held from an earlier one.
import { parse } from 'csv-parse/sync';
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

/** GETs a path of the API as JSON or text, failing loudly on anything but 200. */
export async function get(url: string, path: string, as: 'json' | 'text' = 'json'): Promise<unknown> {
  const response = await fetch(`${url}${path}`);
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return as === 'json' ? response.json() : response.text();
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
export async function readPublicVersion(url: string, slug: string, cut: string | null): Promise<PublicVersion> {
  const base = `/api/v1/registrations/${slug}`;
  const at = cut ? `&cut=${cut}` : '';
  const tables: Record<string, Record<string, string>[]> = {};
  for (const scope of ['received', 'cumple']) {
    const text = (await get(url, `${base}/countries.csv?scope=${scope}${at}`, 'text')) as string;
    tables[scope] = parse(text, { columns: true, skip_empty_lines: true });
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
    for (const key of received.keys()) keys.push(`${scope}|${key}`);
  }
  const version: PublicVersion = { label: cut ?? 'live', cells, fresh: [], held: [], withheld: {}, summaries: 0 };
  await pool(keys, 8, async (key) => {
    const [scope, entity, country] = key.split('|');
    const query = [`scope=${scope}`, entity !== '*' && `entity=${entity}`, country !== '*' && `country=${country}`]
      .filter(Boolean)
      .join('&');
    const body = (await get(url, `${base}/summary?${query}${at}`)) as SummaryBody;
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
