/**
 * SQL for the current moment in the one format every table stores (`YYYY-MM-DDTHH:MM:SSZ`, UTC, so moments
 * compare as text), optionally shifted by an SQLite modifier such as `-72 hours`.
 */
export function utcNowSql(shift?: string): string {
  return shift ? `strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '${shift}')` : "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
}
