import { type Application, ageBand } from '../domain/registration.ts';

/** The rollup dimensions a summary reads (`day` is received_on). */
export const ROLLUP_DIMENSIONS = [
  'total',
  'channel',
  'credential',
  'sex',
  'age_band',
  'modality',
  'status',
  'entity',
  'country',
  'day',
] as const;

/** One rollup move: scope, entity filter ('*' = all), country filter, dimension, bucket, change in count. */
export type RollupDelta = [
  scope: string,
  entity: string,
  country: string,
  dimension: string,
  bucket: string,
  delta: number,
];

const SCOPES = ['received', 'cumple'] as const;
const ENTITY_DIM = ROLLUP_DIMENSIONS.indexOf('entity');
const COUNTRY_DIM = ROLLUP_DIMENSIONS.indexOf('country');

/** Interns strings as small integers, so rollup keys can be packed into one small integer. */
class Dictionary {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly limit: number;
  constructor(limit: number, first?: string) {
    this.limit = limit;
    if (first !== undefined) this.id(first);
  }
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      if (id >= this.limit) throw new Error(`more than ${this.limit} distinct values in one batch`);
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
}

/**
 * Sums the rollup moves of a batch. An application counts once per scope it belongs to (all
 * received; also `cumple` when it meets requirements), per filter combination (none, state, country,
 * both) and per dimension, leaving out the dimension its own filter fixes (it would repeat the total).
 * Keys are packed into 30-bit integers (scope 1, state 6, country 8, dimension 4, bucket 11 bits):
 * about 70 moves per application, and integer keys make that an order of magnitude faster than strings.
 */
export class RollupDeltas {
  private readonly entities = new Dictionary(64, '*');
  private readonly countries = new Dictionary(256, '*');
  private readonly buckets = new Dictionary(2048);
  private readonly sums = new Map<number, number>();

  /** Adds (`sign` 1) or removes (`sign` -1) one application's contributions. */
  add(app: Application, sign: 1 | -1): void {
    const entity = this.entities.id(app.entity);
    const country = this.countries.id(app.country);
    const bucketIds = [
      this.buckets.id(''),
      this.buckets.id(app.channel),
      this.buckets.id(app.credential),
      this.buckets.id(app.sex),
      this.buckets.id(ageBand(app.age)),
      this.buckets.id(app.modality),
      this.buckets.id(app.status),
      this.buckets.id(app.entity),
      this.buckets.id(app.country),
      this.buckets.id(app.received_on),
    ];
    const scopes = app.status === 'cumple' ? 2 : 1;
    for (let scope = 0; scope < scopes; scope++) {
      for (let filter = 0; filter < 4; filter++) {
        const byEntity = filter & 1;
        const byCountry = filter >> 1;
        const prefix = ((scope * 64 + (byEntity ? entity : 0)) * 256 + (byCountry ? country : 0)) * 16;
        for (let dimension = 0; dimension < bucketIds.length; dimension++) {
          if ((dimension === ENTITY_DIM && byEntity) || (dimension === COUNTRY_DIM && byCountry)) continue;
          const key = (prefix + dimension) * 2048 + (bucketIds[dimension] ?? 0);
          this.sums.set(key, (this.sums.get(key) ?? 0) + sign);
        }
      }
    }
  }

  /** The non-zero moves, unpacked. */
  entries(): RollupDelta[] {
    const out: RollupDelta[] = [];
    for (const [key, delta] of this.sums) {
      if (delta === 0) continue;
      const bucket = key % 2048;
      const dimension = Math.floor(key / 2048) % 16;
      const country = Math.floor(key / (2048 * 16)) % 256;
      const entity = Math.floor(key / (2048 * 16 * 256)) % 64;
      const scope = Math.floor(key / (2048 * 16 * 256 * 64));
      out.push([
        SCOPES[scope] ?? 'received',
        this.entities.values[entity] ?? '*',
        this.countries.values[country] ?? '*',
        ROLLUP_DIMENSIONS[dimension] ?? 'total',
        this.buckets.values[bucket] ?? '',
        delta,
      ]);
    }
    return out;
  }
}
