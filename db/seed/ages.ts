// Ages of a block: exact band counts where the report prints them (001), or an exact total where it prints only a
// mean per state (002), reached by tilting 001's band shape and then nudging single years.
import { apportion } from './counts.ts';
import type { AgeSpec, Draft } from './draft.ts';
import { allocate, type Counts, intBetween, type Random, shuffled } from './prng.ts';
import { type AgeBand, ageBand, ageBandRange } from './published.ts';

// Truncated exponential tail for "65 o más": most people in their late 60s/70s, nobody past 99.
const TAIL_SCALE = 8;
const [TAIL_LO, TAIL_HI] = ageBandRange('65+');

function ageInBand(random: Random, band: AgeBand): number {
  const [lo, hi] = ageBandRange(band);
  if (band !== '65+') return intBetween(random, lo, hi);
  const span = TAIL_HI - TAIL_LO + 1;
  const u = random() * (1 - Math.exp(-span / TAIL_SCALE));
  return Math.min(TAIL_HI, TAIL_LO + Math.floor(-Math.log(1 - u) * TAIL_SCALE));
}

function bandMean(band: AgeBand): number {
  const [lo, hi] = ageBandRange(band);
  if (band !== '65+') return (lo + hi) / 2;
  let mass = 0;
  let moment = 0;
  for (let age = lo; age <= hi; age++) {
    const p = Math.exp(-(age - lo) / TAIL_SCALE);
    mass += p;
    moment += p * age;
  }
  return moment / mass;
}

/** Band counts for `n` people shaped like `shape` but exponentially tilted so the expected mean is `mean`. */
function tiltedBands(shape: Counts<AgeBand>, n: number, mean: number): Counts<AgeBand> {
  const means = shape.map(([band]) => bandMean(band));
  const weightsAt = (theta: number) => shape.map(([, w], i) => w * Math.exp(theta * ((means[i] ?? 0) - mean)));
  const meanAt = (theta: number) => {
    const ws = weightsAt(theta);
    const total = ws.reduce((a, b) => a + b, 0);
    return ws.reduce((acc, w, i) => acc + w * (means[i] ?? 0), 0) / total;
  };
  let lo = -1;
  let hi = 1;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (meanAt(mid) < mean) lo = mid;
    else hi = mid;
  }
  const counts = apportion(n, weightsAt((lo + hi) / 2));
  return shape.map(([band], i) => [band, counts[i] ?? 0] as const);
}

/** Moves ages one year at a time, inside their band, until they add up to `target`. */
function nudgeAges(random: Random, drafts: readonly Draft[], target: number): void {
  let diff = target - drafts.reduce((sum, d) => sum + (d.age ?? 0), 0);
  const order = shuffled(random, drafts);
  while (diff !== 0) {
    let moved = false;
    for (const d of order) {
      if (diff === 0) break;
      const age = d.age ?? 0;
      const [lo, hi] = ageBandRange(ageBand(age));
      const step = diff > 0 ? 1 : -1;
      if (age + step < lo || age + step > hi) continue;
      d.age = age + step;
      diff -= step;
      moved = true;
    }
    if (!moved) throw new Error(`generate: cannot reach the target age total (${diff} years off)`);
  }
}

/** Gives every draft an age so that the block meets `spec` exactly (band counts, or the total of ages). */
export function assignAges(random: Random, drafts: readonly Draft[], spec: AgeSpec): void {
  const bands = spec.kind === 'bands' ? spec.bands : tiltedBands(spec.shape, drafts.length, spec.sum / drafts.length);
  const assigned = allocate(random, drafts, bands);
  drafts.forEach((d, i) => {
    d.age = ageInBand(random, assigned[i] ?? '65+');
  });
  if (spec.kind === 'sum') nudgeAges(random, drafts, spec.sum);
}
