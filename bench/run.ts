// `npm run bench [-- NAME…] [--json FILE]`: runs bench/*.bench.ts (or the named ones) and prints one table; with
// --json, also writes the rows as a JSON array (bench, case, metric, value, unit) for docs/performance.md and CI.
import { readdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { BenchRow } from './lib/stats.ts';

const { values: options, positionals: only } = parseArgs({
  options: { json: { type: 'string' } },
  allowPositionals: true,
});
const files = (await readdir(new URL('.', import.meta.url)))
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.startsWith(name)))
  .sort();

const rows: BenchRow[] = [];
for (const file of files) {
  process.stderr.write(`running ${file}…\n`);
  const module = (await import(new URL(file, import.meta.url).href)) as { run: () => Promise<BenchRow[]> };
  rows.push(...(await module.run()));
}

const format = (value: number | string) =>
  typeof value === 'number' ? (Number.isInteger(value) ? value.toLocaleString('en') : value.toFixed(2)) : value;
const table = [
  ['bench', 'case', 'metric', 'value', 'unit'],
  ...rows.map((r) => [r.bench, r.case, r.metric, format(r.value), r.unit]),
];
const widths = table[0]?.map((_, i) => Math.max(...table.map((row) => String(row[i]).length))) ?? [];
for (const [index, row] of table.entries()) {
  console.log(
    row
      .map((cell, i) => (i === 3 ? String(cell).padStart(widths[i] ?? 0) : String(cell).padEnd(widths[i] ?? 0)))
      .join('  '),
  );
  if (index === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}

if (options.json) {
  const json = rows.map(({ bench, case: scenario, metric, value, unit }) => ({
    bench,
    case: scenario,
    metric,
    value,
    unit,
  }));
  await writeFile(options.json, `${JSON.stringify(json, null, 2)}\n`);
  process.stderr.write(`wrote ${rows.length} rows to ${options.json}\n`);
}
