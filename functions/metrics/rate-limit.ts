// Below this many events a minute in one isolate a browser cannot be near the limit: the shared
// limiter is asked only past it. A browser spread over many isolates gets at most this many extra each.
const FREE_PER_MINUTE = 10;
const MAX_TRACKED = 50_000;

let minute = -1;
const seen = new Map<string, number>();

/**
 * True when this visitor (daily hash, not IP: a campus behind one address is many visitors) has sent more
 * events than the limiter allows. Counts in memory first, so ordinary browsing never calls the limiter.
 */
export async function overLimit(limiter: RateLimit | undefined, visitor: string, now = Date.now()): Promise<boolean> {
  if (!limiter) return false;
  const current = Math.floor(now / 60_000);
  if (current !== minute || seen.size > MAX_TRACKED) {
    minute = current;
    seen.clear();
  }
  const count = (seen.get(visitor) ?? 0) + 1;
  seen.set(visitor, count);
  if (count <= FREE_PER_MINUTE) return false;
  return !(await limiter.limit({ key: visitor })).success;
}
