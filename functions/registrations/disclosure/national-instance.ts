// A synthetic national-scale data set for the audit's tests and benchmark: 32 states x 120 countries, about 1.5 M
// applications, the US holding most and a long tail of cells of 1 to 9, plus one planted tracker.
import { mulberry32 as prng } from '../../shared/prng.ts';
import type { Cell } from './model.ts';

/** About 1.5 M applications over 32 states x 120 countries, the US holding most, a long tail of tiny cells. */
export function nationalInstance(seed: number): Cell[] {
  const random = prng(seed);
  const states = Array.from({ length: 32 }, (_, i) => String(i + 1).padStart(2, '0'));
  const countries = Array.from({ length: 120 }, (_, i) => (i === 0 ? 'US' : `C${i}`));
  const stateWeight = states.map(() => 0.2 + random());
  const countryWeight = countries.map((_, i) => (i === 0 ? 60 : 8 / i ** 1.6));
  const sumS = stateWeight.reduce((a, b) => a + b, 0);
  const sumC = countryWeight.reduce((a, b) => a + b, 0);
  const cells: Cell[] = [];
  states.forEach((state, s) => {
    countries.forEach((country, c) => {
      const expected = (1_500_000 * (stateWeight[s] as number) * (countryWeight[c] as number)) / sumS / sumC;
      const count = Math.floor(expected * 2 * random() ** 2);
      const cumple = Math.floor(count * (0.7 + 0.25 * random()));
      if (cumple > 0) cells.push({ reviewClass: 'cumple', state, country, count: cumple });
      if (count - cumple > 0) cells.push({ reviewClass: 'other', state, country, count: count - cumple });
    });
  });
  // A planted tracker: state 05 has only 3 + 2 non-cumple applications (US, C1), so received(05) − cumple(05) = 5.
  const planted = cells.filter((c) => !(c.state === '05' && c.reviewClass === 'other'));
  planted.push({ reviewClass: 'other', state: '05', country: 'US', count: 3 });
  planted.push({ reviewClass: 'other', state: '05', country: 'C1', count: 2 });
  return planted;
}
