import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import countries from 'i18n-iso-countries';
import { intBetween, mulberry32, type Random } from '../../db/seed/prng.ts';
import { ENTITY_CODES } from '../../functions/domain/entities.ts';

// Shares loosely shaped like the 2020 report: most applications from the US, a long tail elsewhere.
const COUNTRIES: [string, number][] = [
  ['US', 790],
  ['CA', 53],
  ['ES', 31],
  ['GB', 16],
  ['FR', 15],
  ['DE', 12],
  ['CH', 7],
  ['IT', 6],
  ['NL', 5],
  ['AU', 4],
  ['CL', 4],
  ['GT', 4],
  ['AR', 4],
  ['CO', 4],
  ['JP', 3],
  ['SE', 3],
  ['PE', 2],
  ['BR', 2],
  ['PT', 2],
  ['IE', 2],
  ['NO', 2],
  ['AT', 2],
  ['CR', 2],
  ['BE', 1],
  ['DK', 1],
  ['KR', 1],
  ['FI', 1],
  ['NZ', 1],
  ['PL', 1],
  ['CN', 1],
];

// The long tail, to the national shape of about 120 countries (docs/scaling.md §2): 90 more, a few hundred
// applications each at a million, so most of their state x country cells hold 1 to 9.
const TAIL = Object.keys(countries.getAlpha2Codes())
  .filter((code) => code !== 'MX' && !COUNTRIES.some(([known]) => known === code))
  .sort()
  .slice(0, 90);
for (const code of TAIL) COUNTRIES.push([code, 0.25]);

function weighted(random: Random, items: [string, number][], total: number): string {
  let pick = random() * total;
  for (const [value, weight] of items) {
    pick -= weight;
    if (pick < 0) return value;
  }
  return items[0]?.[0] ?? '';
}

/** Writes `count` plausible applications as CSV (deterministic; folios from `firstFolio`), for benchmarks at any volume. */
export async function writeSyntheticCsv(path: string, count: number, { seed = 1, firstFolio = 0 } = {}): Promise<void> {
  const random = mulberry32(seed);
  const out = createWriteStream(path);
  const countryWeight = COUNTRIES.reduce((sum, [, w]) => sum + w, 0);
  const start = Date.UTC(2023, 8, 1);
  out.write('folio,received_on,country,entity,sex,age,modality,channel,credential,status\n');
  let buffer = '';
  for (let i = 0; i < count; i++) {
    const day = new Date(start + Math.floor(Math.sqrt(random()) * 176) * 86_400_000).toISOString().slice(0, 10);
    const status =
      random() < 0.9 ? 'cumple' : random() < 0.5 ? 'revision' : random() < 0.8 ? 'subsane' : 'improcedente';
    buffer += `S${String(firstFolio + i).padStart(8, '0')},${day},${weighted(random, COUNTRIES, countryWeight)},${ENTITY_CODES[intBetween(random, 0, 31)]},${random() < 0.55 ? 'H' : 'M'},${intBetween(random, 18, 85)},${['postal', 'internet', 'presencial'][intBetween(random, 0, 2)]},${random() < 0.6 ? 'inetel' : 'srve'},${random() < 0.92 ? 'cpve' : 'cpv'},${status}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}
