// `npm run bench -- disclosure`: the disclosure audit of one version at national scale (32 states x 120 countries).
import { auditDisclosure } from '../functions/registrations/disclosure/audit.ts';
import { nationalInstance } from '../functions/registrations/disclosure/national-instance.ts';
import { standardPopulations } from '../functions/registrations/disclosure/populations.ts';
import { type BenchRow, percentile, timeCalls } from './lib/stats.ts';

/** Times the first (cold) audit and the median of warmed ones, in wall and CPU milliseconds. */
export async function run(): Promise<BenchRow[]> {
  const cells = nationalInstance(27);
  const populations = standardPopulations(cells);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const report = auditDisclosure(cells, populations);
  const coldWall = performance.now() - started;
  const coldCpu = process.cpuUsage(cpuBefore).user / 1000;
  const warm = await timeCalls(async () => auditDisclosure(cells, populations), 10, 2);
  const scenario = `national audit (${report.cells} cells, ${report.populations} populations, rank ${report.rank})`;
  return [
    { bench: 'disclosure', case: scenario, metric: 'cold wall', value: coldWall, unit: 'ms' },
    { bench: 'disclosure', case: scenario, metric: 'cold cpu', value: coldCpu, unit: 'ms' },
    { bench: 'disclosure', case: scenario, metric: 'p50 warm', value: percentile(warm, 50), unit: 'ms' },
  ];
}
