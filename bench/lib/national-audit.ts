// The disclosure audit of one version at national scale (issue 27: ≤ 1 s), timed where it runs: inside the Worker
// after a batch (its `Server-Timing` audit entry: D1 read, plan and write), and in the audit CLI over the public
// answers of the same version (the reading over HTTP apart, which is I/O, not the audit).
import { auditVersion } from '../../scripts/lib/disclosure/audit-version.ts';
import { type Fetcher, readPublicVersion } from '../../scripts/lib/disclosure/public-version.ts';
import { percentile, timeCalls } from './stats.ts';

type Add = (scenario: string, metric: string, value: number, unit: string) => void;

/**
 * Sends `count` small batches (one new application each) to the loaded process: each creates a version that the
 * Worker audits in full before answering. Returns the audit entries' durations and cells.
 */
async function workerAudits(url: string, token: string, slug: string, count: number) {
  const times: number[] = [];
  let cells = 0;
  for (let i = 0; i < count; i++) {
    const body = `folio,received_on,country,entity,sex,age,modality,channel,credential,status\nNA${i}-${Date.now()},2024-02-20,US,14,M,40,postal,srve,cpve,cumple\n`;
    const response = await fetch(`${url}/api/v1/registrations/${slug}/batches`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'idempotency-key': crypto.randomUUID() },
      body,
    });
    const timing = response.headers.get('server-timing') ?? '';
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`audit batch: ${response.status}`);
    const entry = /audit;dur=(\d+(?:\.\d+)?);desc="cells=(\d+)"/.exec(timing);
    if (!entry) throw new Error(`no audit entry in Server-Timing: ${timing}`);
    times.push(Number(entry[1]));
    cells = Number(entry[2]);
  }
  return { times, cells };
}

/**
 * A reader of the public API from many addresses: the per-address limit on cache misses (300 a minute) would
 * otherwise make reading some 300 summaries wait a minute; it is the reading, not the audit, that is limited.
 */
function manyReaders(url: string): Fetcher {
  let n = 0;
  return (path) => fetch(`${url}${path}`, { headers: { 'cf-connecting-ip': `198.51.100.${(n++ % 250) + 1}` } });
}

/** The national audit, inside the Worker and in the CLI, against the process loaded at `label`'s volume. */
export async function measureNationalAudit(
  url: string,
  token: string,
  slug: string,
  previousCut: string | null,
  label: string,
  add: Add,
): Promise<void> {
  const worker = await workerAudits(url, token, slug, 5);
  const scenario = `${label}: audit of the live version inside the Worker (${worker.cells.toLocaleString('en')} cells)`;
  add(scenario, 'p50', percentile(worker.times, 50), 'ms');
  add(scenario, 'max', Math.max(...worker.times), 'ms');
  const fetcher = manyReaders(url);
  const live = await readPublicVersion(fetcher, slug, null);
  const previous = previousCut ? await readPublicVersion(fetcher, slug, previousCut) : null;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const report = auditVersion(slug, live, previous);
  const coldWall = performance.now() - started;
  const coldCpu = process.cpuUsage(cpuBefore).user / 1000;
  const warm = await timeCalls(async () => auditVersion(slug, live, previous), 5, 1);
  const cli = `${label}: audit:disclosure of live${previous ? ' and with the cut before' : ''} (${report.cells.toLocaleString('en')} cells, ${report.populations} populations, rank ${report.rank})`;
  add(cli, 'cold wall', coldWall, 'ms');
  add(cli, 'cold cpu', coldCpu, 'ms');
  add(cli, 'p50 warm', percentile(warm, 50), 'ms');
  add(cli, 'derivable groups (must be 0)', report.derivable + (report.together?.derivable ?? 0), '');
  add(cli, 'summaries read over HTTP', live.summaries + (previous?.summaries ?? 0), '');
}
