// The naive baseline outside the local D1 proxy (issue 32 item 5): the sqlite3 command-line shell (Debian package
// `sqlite3`) on the same database file `wrangler dev` writes, with the same query text, so that a GROUP BY over
// 10 M applications completes; and the 10 M process itself, made in SQL from the 1 M one in a minute or two
// rather than the hour a CLI ingest of 10 M rows would take on this machine. The summary's own statement is timed
// on the same file too (summaryInSqlite), in node:sqlite: the shell's timer counts whole milliseconds.
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openLocalD1ReadOnly } from '../../scripts/lib/local-db.ts';
import { NAIVE_SQL } from './naive-summary.ts';

/** The D1 database file under a `wrangler dev` persistence folder. */
export async function d1File(persistTo: string): Promise<string> {
  const dir = join(persistTo, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const file = (await readdir(dir)).find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite');
  if (!file) throw new Error(`no D1 database file in ${dir}`);
  return join(dir, file);
}

/** Runs a script through the sqlite3 shell and returns what it printed (fails on any error: `-bail`). */
function sqlite(file: string, script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('sqlite3', ['-bail', file], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`sqlite3 exited ${code}: ${err}`))));
    child.stdin.end(`.timeout 60000\n${script}\n`);
  });
}

/** The naive GROUP BY, `runs` times in one shell: each run's wall time (ms) and the rows it scans. */
export async function naiveInShell(file: string, slug: string, runs: number) {
  const lines = [`.parameter set ?1 '${slug}'`, '.output /dev/null', '.timer on'];
  for (let i = 0; i < runs; i++) lines.push(`${NAIVE_SQL};`);
  lines.push('.timer off', '.output stdout', 'SELECT COUNT(*) FROM applications WHERE process = ?1;');
  const out = await sqlite(file, lines.join('\n'));
  const times = [...out.matchAll(/Run Time: real ([\d.]+)/g)].map((m) => Number(m[1]) * 1000);
  const scanned = Number(out.trim().split('\n').at(-1));
  if (times.length !== runs || !Number.isFinite(scanned)) throw new Error(`unexpected sqlite3 output: ${out}`);
  return { times, rowsRead: scanned };
}

/**
 * Makes process `to` (defined already, empty) hold each of the first applications of `from` ten times, under new
 * folios, with rollups ten times those of `from`'s cut `cut` (taken when `from` held exactly those applications,
 * folios below `below`) and the audit stored with that cut: exact figures for 10 × the cut's volume, written in one
 * transaction. Returns the seconds it took and the applications written.
 */
export async function tenTimes(file: string, from: string, cut: string, below: string, to: string) {
  const started = performance.now();
  await sqlite(
    file,
    `BEGIN;
INSERT INTO applications (process, folio, received_on, country, entity, sex, age, age_band, modality, channel, credential, status)
  SELECT '${to}', a.folio || '-' || k.k, received_on, country, entity, sex, age, age_band, modality, channel, credential, status
  FROM applications a, (WITH RECURSIVE k(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM k WHERE k < 9) SELECT k FROM k) k
  WHERE a.process = '${from}' AND a.folio < '${below}' ORDER BY a.folio, k.k;
INSERT INTO registration_rollups (process, scope, entity, country, dimension, bucket, count)
  SELECT '${to}', scope, entity, country, dimension, bucket, count * 10 FROM registration_cut_rollups
  WHERE process = '${from}' AND cut = '${cut}';
UPDATE processes SET write_seq = write_seq + 1, data_version = data_version + 1,
  as_of = (SELECT as_of FROM registration_cuts WHERE process = '${from}' AND date = '${cut}') WHERE slug = '${to}';
INSERT INTO disclosure_audits (process, version, write_seq, as_of, populations, cells, rank, derivable, withheld, held, cell_counts, published)
  SELECT '${to}', 'live', (SELECT write_seq FROM processes WHERE slug = '${to}'), as_of, populations, cells, rank, derivable,
    withheld, held, cell_counts, published FROM disclosure_audits WHERE process = '${from}' AND version = '${cut}';
INSERT INTO disclosure_decisions (process, version, scope, entity, country, reason, breakdowns, breakdowns_as_of)
  SELECT '${to}', 'live', scope, entity, country, reason, breakdowns, breakdowns_as_of FROM disclosure_decisions
  WHERE process = '${from}' AND version = '${cut}';
COMMIT;`,
  );
  const [count] = (await sqlite(file, `SELECT COUNT(*) FROM applications WHERE process = '${to}';`)).trim().split('\n');
  return { seconds: (performance.now() - started) / 1000, applications: Number(count) };
}

/**
 * The summary's own statement (summary.ts, the rule's decision row included) on the same file, in SQLite without the
 * local D1 proxy: node:sqlite, read-only, timed to the microsecond (the shell's `.timer` counts whole milliseconds,
 * and the summary takes less than one). Each run's time (ms) and the rows it returns.
 */
export function summaryInSqlite(file: string, statement: { sql: string; binds: string[] }, runs: number) {
  const db = openLocalD1ReadOnly(file);
  try {
    // Numbered parameters as D1 binds them: ?1 is the first value.
    const query = db.prepare(statement.sql);
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      rows = query.all(...statement.binds).length;
      times.push(performance.now() - started);
    }
    return { times, rows };
  } finally {
    db.close();
  }
}
