/** Percentile (nearest-rank) of a list of numbers; `p` from 0 to 100. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Times `count` sequential calls of `fn` after `warmup` unmeasured ones; returns milliseconds per call. */
export async function timeCalls(fn: () => Promise<unknown>, count: number, warmup = 10): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

/** One line of the printed benchmark table. */
export interface BenchRow {
  bench: string;
  case: string;
  metric: string;
  value: number | string;
  unit: string;
}
