// `npm run bench [-- NAME…]`: runs bench/*.bench.ts (or the named ones) and prints one table.
import { readdir } from 'node:fs/promises';
import type { BenchRow } from './lib/stats.ts';

const only = process.argv.slice(2);
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
