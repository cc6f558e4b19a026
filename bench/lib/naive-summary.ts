import { ROLLUP_DIMENSIONS } from '../../functions/registrations/rollup-keys.ts';

/** The naive query, one scan of the process's applications (also run by the sqlite3 CLI at 10 M). */
export const NAIVE_SQL = `SELECT channel, credential, sex, age_band, modality, status, entity, country, received_on AS day,
  COUNT(*) AS n FROM applications WHERE process = ?1 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`;

/**
 * The baseline the rollups are measured against: the same figures computed by a GROUP BY over the
 * raw applications (one scan, the cheapest raw-table plan), then folded in JS.
 */
export async function naiveSummary(
  db: D1Database,
  process: string,
): Promise<{ total: number; byDimension: Record<string, Record<string, number>>; rowsRead: number }> {
  const result = await db.prepare(NAIVE_SQL).bind(process).all<Record<string, string | number>>();
  const byDimension: Record<string, Record<string, number>> = {};
  let total = 0;
  for (const row of result.results) {
    const n = Number(row.n);
    total += n;
    for (const dimension of ROLLUP_DIMENSIONS.filter((d) => d !== 'total')) {
      const bucket = String(row[dimension]);
      byDimension[dimension] ??= {};
      byDimension[dimension][bucket] = (byDimension[dimension][bucket] ?? 0) + n;
    }
  }
  return { total, byDimension, rowsRead: result.meta.rows_read ?? 0 };
}
