// The public summary as its first reader after a change gets it, over HTTP (issue 32 item 4): a cache miss that
// resolves the process, reads the rollups with the small-group rule and the stored audit's decision, inside the
// Worker and its local D1, with no Node proxy in between; against a static file and the same summary cached, in
// alternation, so that the machine's load falls on all three alike.
import { postOneApplication } from './new-data-version.ts';
import { percentile } from './stats.ts';

type Add = (scenario: string, metric: string, value: number, unit: string) => void;

/** The cache state, rows read and Worker time an answer reports in `Server-Timing` (http-cache.ts, hono/timing). */
export function served(response: Response): { cache: string; rowsRead: number; workerMs: number } {
  const timing = response.headers.get('server-timing') ?? '';
  return {
    cache: /cache;desc="([a-z]+)"/.exec(timing)?.[1] ?? '',
    rowsRead: Number(/rows_read=(\d+)/.exec(timing)?.[1] ?? Number.NaN),
    // The Worker's own clock from the request's start to its answer (whole ms: workerd's clock moves on I/O).
    workerMs: Number(/total;dur=([\d.]+)/.exec(timing)?.[1] ?? Number.NaN),
  };
}

/** Milliseconds for one GET, read to its end; throws unless it answered 200 from the expected cache state. */
async function timedGet(url: string, cache?: string): Promise<{ ms: number; rowsRead: number; workerMs: number }> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  const ms = performance.now() - started;
  const state = served(response);
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
  if (cache && state.cache !== cache) throw new Error(`GET ${url}: cache ${state.cache}, expected ${cache}`);
  return { ms, rowsRead: state.rowsRead, workerMs: state.workerMs };
}

/**
 * `rounds` times: one new application (a new data version, so the next read misses), then the summary (a miss),
 * `/robots.txt` (wrangler dev's floor) and the summary again (a hit), each timed; reports their p50 and the miss's
 * time above the floor, which is what the Worker and D1 add.
 */
export async function uncachedSummaryOverHttp(
  url: string,
  ingestToken: string,
  { slug, receivedOn }: { slug: string; receivedOn: string },
  label: string,
  add: Add,
  rounds = 30,
): Promise<void> {
  const endpoint = `${url}/api/v1/registrations/${slug}/summary`;
  const misses: number[] = [];
  const hits: number[] = [];
  const floors: number[] = [];
  const inWorker: number[] = [];
  let rowsRead = 0;
  for (let round = -3; round < rounds; round++) {
    await postOneApplication(url, ingestToken, { process: slug, receivedOn });
    const miss = await timedGet(endpoint, 'miss');
    const floor = await timedGet(`${url}/robots.txt`);
    const hit = await timedGet(endpoint, 'hit');
    // Three rounds unmeasured: the first reads after a batch warm the isolate's memos.
    if (round < 0) continue;
    misses.push(miss.ms);
    floors.push(floor.ms);
    hits.push(hit.ms);
    inWorker.push(miss.workerMs);
    rowsRead = miss.rowsRead;
  }
  const [miss, hit, floor] = [percentile(misses, 50), percentile(hits, 50), percentile(floors, 50)];
  add(`${label}: GET summary over HTTP, uncached (first read after a change)`, 'p50', miss, 'ms');
  add(`${label}: GET summary over HTTP, uncached`, 'p90', percentile(misses, 90), 'ms');
  add(`${label}: GET summary over HTTP, uncached`, 'D1 rows read', rowsRead, 'rows');
  add(
    `${label}: GET summary uncached, time inside the Worker (Server-Timing total)`,
    'p50',
    percentile(inWorker, 50),
    'ms',
  );
  add(`${label}: GET summary uncached, time inside the Worker`, 'p90', percentile(inWorker, 90), 'ms');
  add(`${label}: same summary cached, same rounds`, 'p50', hit, 'ms');
  add(`${label}: GET /robots.txt, same rounds (no Worker code)`, 'p50', floor, 'ms');
  add(`${label}: uncached summary − /robots.txt (what the Worker and D1 add)`, 'p50 difference', miss - floor, 'ms');
}
