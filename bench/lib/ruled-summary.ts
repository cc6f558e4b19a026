// What the small-group rule costs a summary read (issue 27, issue 32 item 4): the summary as served (rollup rows
// plus the stored audit's one point read, the rule applied) against the same rollup read without the rule, timed
// in alternation in one run so that the shared machine's load falls on both alike.
import type { ProcessRecord } from '../../functions/processes/store.ts';
import { populationRows, readSummary, summaryOf } from '../../functions/registrations/summary.ts';
import { percentile } from './stats.ts';

type Add = (scenario: string, metric: string, value: number, unit: string) => void;

const ALL = { entity: null, country: null };

/** The national summary, rule on and rule off, `count` times each in alternation after `warmup` rounds. */
export async function ruleSideBySide(
  db: D1Database,
  process: ProcessRecord,
  label: string,
  add: Add,
  count = 60,
  warmup = 5,
): Promise<void> {
  let ruledRows = 0;
  let bareRows = 0;
  const ruled = async () => {
    ruledRows = (await readSummary(db, process, 'received', ALL)).rowsRead;
  };
  const bare = async () => {
    const result = await populationRows(db, process.slug, 'received', ALL).all<{
      dimension: string;
      bucket: string;
      count: number;
    }>();
    summaryOf(process, 'received', ALL, result.results);
    bareRows = result.meta.rows_read ?? result.results.length;
  };
  // The floor under both: one row by its key through the same binding, the round trip any D1 read pays here.
  const point = db.prepare('SELECT write_seq FROM processes WHERE slug = ?').bind(process.slug);
  const floor = async () => {
    await point.first();
  };
  for (let i = 0; i < warmup; i++) {
    await ruled();
    await bare();
    await floor();
  }
  const on: number[] = [];
  const off: number[] = [];
  const under: number[] = [];
  const rounds = [
    [
      [ruled, on],
      [bare, off],
      [floor, under],
    ],
    [
      [floor, under],
      [bare, off],
      [ruled, on],
    ],
  ] as const;
  for (let i = 0; i < count; i++) {
    // Alternate which goes first, so none always follows another's cache warm-up.
    for (const [fn, into] of rounds[i % 2] ?? []) {
      const started = performance.now();
      await fn();
      into.push(performance.now() - started);
    }
  }
  add(`${label}: summary, rule on (rollups + stored audit)`, 'D1 rows read', ruledRows, 'rows');
  add(`${label}: summary, rule off (rollups only)`, 'D1 rows read', bareRows, 'rows');
  add(`${label}: summary, rule on (uncached)`, 'p50', percentile(on, 50), 'ms');
  add(`${label}: summary, rule off (uncached)`, 'p50', percentile(off, 50), 'ms');
  add(`${label}: summary, rule on (uncached)`, 'p90', percentile(on, 90), 'ms');
  add(`${label}: summary, rule off (uncached)`, 'p90', percentile(off, 90), 'ms');
  add(`${label}: rule on ÷ rule off`, 'p50 ratio', percentile(on, 50) / percentile(off, 50), '×');
  add(`${label}: one-row read by key through the same binding (floor)`, 'p50', percentile(under, 50), 'ms');
  add(`${label}: summary, rule on, above that floor`, 'p50', percentile(on, 50) - percentile(under, 50), 'ms');
}
