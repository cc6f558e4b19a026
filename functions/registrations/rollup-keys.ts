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
// The attribute dimensions read from the application itself; `total` is slot 0, `entity` and `country` come from
// the filters' own totals.
const ATTRIBUTES = ['channel', 'credential', 'sex', 'age_band', 'modality', 'status', 'day'] as const;
const WIDTH = ATTRIBUTES.length;

/** Interns strings as small integers, so a batch's moves are summed in typed arrays. */
class Dictionary {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
}

/** A growable typed array of one kind, doubled when full. */
function grown<T extends Uint16Array | Int8Array>(array: T, needed: number, make: (n: number) => T): T {
  if (needed <= array.length) return array;
  const bigger = make(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
}

/**
 * Sums the rollup moves of a batch. An application counts once per scope it belongs to (all received; also
 * `cumple` when it meets requirements), per filter combination (none, state, country, both) and per dimension,
 * leaving out the dimension its own filter fixes (it would repeat the total): about 70 moves per application.
 * Only the finest level (state and country both filtered) is summed per application, 8 slots per scope in one
 * small typed array per (state, country) pair, the applications taken pair by pair (a counting sort); the state,
 * country and national levels and the `entity`/`country` dimensions are then sums of those pair sums.
 */
export class RollupDeltas {
  private readonly entities = new Dictionary();
  private readonly countries = new Dictionary();
  // One slot per (dimension, bucket) seen; slot 0 is the total.
  private readonly slots = new Dictionary();
  private readonly slotIds = ATTRIBUTES.map(() => new Map<string, number>());
  private count = 0;
  private entityOf = new Uint16Array(1024);
  private countryOf = new Uint16Array(1024);
  private signOf = new Int8Array(1024);
  private cumpleOf = new Int8Array(1024);
  private slotsOf = new Uint16Array(1024 * WIDTH);

  constructor() {
    this.slots.id('total\u0000');
  }

  private slot(attribute: number, bucket: string): number {
    const ids = this.slotIds[attribute] as Map<string, number>;
    let id = ids.get(bucket);
    if (id === undefined) {
      id = this.slots.id(`${ATTRIBUTES[attribute]}\u0000${bucket}`);
      ids.set(bucket, id);
    }
    return id;
  }

  /** Adds (`sign` 1) or removes (`sign` -1) one application's contributions. */
  add(app: Application, sign: 1 | -1): void {
    const i = this.count++;
    this.entityOf = grown(this.entityOf, i + 1, (n) => new Uint16Array(n));
    this.countryOf = grown(this.countryOf, i + 1, (n) => new Uint16Array(n));
    this.signOf = grown(this.signOf, i + 1, (n) => new Int8Array(n));
    this.cumpleOf = grown(this.cumpleOf, i + 1, (n) => new Int8Array(n));
    this.slotsOf = grown(this.slotsOf, (i + 1) * WIDTH, (n) => new Uint16Array(n));
    this.entityOf[i] = this.entities.id(app.entity);
    this.countryOf[i] = this.countries.id(app.country);
    this.signOf[i] = sign;
    this.cumpleOf[i] = app.status === 'cumple' ? 1 : 0;
    const at = i * WIDTH;
    const slots = this.slotsOf;
    slots[at] = this.slot(0, app.channel);
    slots[at + 1] = this.slot(1, app.credential);
    slots[at + 2] = this.slot(2, app.sex);
    slots[at + 3] = this.slot(3, ageBand(app.age));
    slots[at + 4] = this.slot(4, app.modality);
    slots[at + 5] = this.slot(5, app.status);
    slots[at + 6] = this.slot(6, app.received_on);
  }

  /** The non-zero moves, unpacked. */
  entries(): RollupDelta[] {
    const entities = this.entities.values;
    const countries = this.countries.values;
    const slotNames = this.slots.values.map((key) => key.split('\u0000') as [string, string]);
    const K = slotNames.length;
    const C = countries.length;
    // Counting sort of the applications by (state, country) pair.
    const pairs = entities.length * C;
    const starts = new Int32Array(pairs + 1);
    for (let i = 0; i < this.count; i++)
      (starts[(this.entityOf[i] ?? 0) * C + (this.countryOf[i] ?? 0) + 1] as number)++;
    for (let p = 0; p < pairs; p++) starts[p + 1] = (starts[p + 1] ?? 0) + (starts[p] ?? 0);
    const order = new Int32Array(this.count);
    const next = starts.slice(0, pairs);
    for (let i = 0; i < this.count; i++) {
      const p = (this.entityOf[i] ?? 0) * C + (this.countryOf[i] ?? 0);
      const at = next[p] ?? 0;
      next[p] = at + 1;
      order[at] = i;
    }
    const pair = new Int32Array(2 * K);
    // The slots a pair moved, so a pair of a few applications costs a few slots, not all of them.
    const touched = new Int32Array(2 * K);
    const marked = new Uint8Array(2 * K);
    let moved = 0;
    const byEntity = new Int32Array(entities.length * 2 * K);
    const byCountry = new Int32Array(C * 2 * K);
    const national = new Int32Array(2 * K);
    // The `entity` and `country` dimensions: per scope, state x country totals and their sums.
    const entityTotals = new Int32Array(2 * entities.length);
    const countryTotals = new Int32Array(2 * C);
    const out: RollupDelta[] = [];
    const push = (k: number, delta: number, entity: string, country: string) => {
      const [dimension, bucket] = slotNames[k % K] as [string, string];
      out.push([SCOPES[k < K ? 0 : 1] as string, entity, country, dimension, bucket, delta]);
    };
    const emit = (sums: Int32Array, at: number, entity: string, country: string) => {
      for (let k = 0; k < 2 * K; k++) {
        const delta = sums[at + k] ?? 0;
        if (delta !== 0) push(k, delta, entity, country);
      }
    };
    const move = (k: number, sign: number) => {
      if (marked[k] === 0) {
        marked[k] = 1;
        touched[moved++] = k;
      }
      (pair[k] as number) += sign;
    };
    for (let p = 0; p < pairs; p++) {
      const from = starts[p] ?? 0;
      const to = starts[p + 1] ?? 0;
      if (from === to) continue;
      for (let o = from; o < to; o++) {
        const i = order[o] ?? 0;
        const sign = this.signOf[i] ?? 0;
        const at = i * WIDTH;
        for (let s = 0; s <= (this.cumpleOf[i] ?? 0); s++) {
          const base = s * K;
          move(base, sign);
          for (let d = 0; d < WIDTH; d++) move(base + (this.slotsOf[at + d] ?? 0), sign);
        }
      }
      const e = Math.floor(p / C);
      const c = p % C;
      const entity = entities[e] as string;
      const country = countries[c] as string;
      for (let t = 0; t < moved; t++) {
        const k = touched[t] ?? 0;
        const delta = pair[k] ?? 0;
        pair[k] = 0;
        marked[k] = 0;
        if (delta === 0) continue;
        push(k, delta, entity, country);
        (byEntity[e * 2 * K + k] as number) += delta;
        (byCountry[c * 2 * K + k] as number) += delta;
        (national[k] as number) += delta;
        if (k % K !== 0) continue;
        // A pair's total is also its state's `country` bucket and its country's `entity` bucket.
        const s = k < K ? 0 : 1;
        out.push([SCOPES[s] as string, entity, '*', 'country', country, delta]);
        out.push([SCOPES[s] as string, '*', country, 'entity', entity, delta]);
        (entityTotals[s * entities.length + e] as number) += delta;
        (countryTotals[s * C + c] as number) += delta;
      }
      moved = 0;
    }
    for (let e = 0; e < entities.length; e++) emit(byEntity, e * 2 * K, entities[e] as string, '*');
    for (let c = 0; c < C; c++) emit(byCountry, c * 2 * K, '*', countries[c] as string);
    emit(national, 0, '*', '*');
    for (let s = 0; s < 2; s++) {
      for (let e = 0; e < entities.length; e++) {
        const total = entityTotals[s * entities.length + e] ?? 0;
        if (total !== 0) out.push([SCOPES[s] as string, '*', '*', 'entity', entities[e] as string, total]);
      }
      for (let c = 0; c < C; c++) {
        const total = countryTotals[s * C + c] ?? 0;
        if (total !== 0) out.push([SCOPES[s] as string, '*', '*', 'country', countries[c] as string, total]);
      }
    }
    return out;
  }
}
