import type { EntityCode } from '../../functions/domain/entities.ts';
import { APPLICATION_FIELDS } from '../../functions/domain/registration.ts';
import { allocate, type Counts, intBetween, type Random, shuffled, streamFor } from './prng.ts';
import {
  type AgeBand,
  ageBand,
  ageBandRange,
  type CategoryByDimension,
  type Channel,
  type CountCell,
  type CountDimension,
  type Credential,
  type Modality,
  PROCESS_SLUGS,
  type ProcessSlug,
  publishedCorrectionFollowups,
  publishedCountryEntity,
  publishedCounts,
  publishedDates,
  publishedInetelRegistrations,
  publishedMeanAges,
  type Scope,
  type Sex,
  type Status,
} from './published.ts';

/** One demo registration application (the platform's public record contract). */
export interface Application {
  folio: string;
  received_on: string;
  country: string;
  entity: EntityCode;
  sex: Sex;
  age: number;
  modality: Modality;
  channel: Channel;
  credential: Credential;
  status: Status;
}

/** Field order of the CSV/NDJSON output: the contract's, from the one domain module. */
export { APPLICATION_FIELDS };

interface ProcessConfig {
  /** Folio prefix: E + the election year. */
  readonly folioPrefix: string;
  /** Days with a known registration drive (more requests than the trend). */
  readonly busyDays: readonly string[];
}

const CONFIG: Readonly<Record<ProcessSlug, ProcessConfig>> = {
  'pel-2020-2021': { folioPrefix: 'E21', busyDays: [] },
  // 002 §3: the virtual "Jornada de Registro" of 20 Oct 2022 walked people through registering.
  'pel-2022-2023': { folioPrefix: 'E23', busyDays: ['2022-10-20', '2022-10-21'] },
};

/** A record while its fields are being assigned. */
interface Draft {
  readonly country: string;
  readonly entity: EntityCode;
  channel?: Channel;
  credential?: Credential;
  sex?: Sex;
  age?: number;
  modality?: Modality;
  status?: Status;
  receivedOn?: string;
}

type ByChannel<T> = Readonly<Record<Channel, Counts<T>>>;

/** Ages either as exact band counts (001) or as an exact total, i.e. a mean (002), over a band shape. */
type AgeSpec =
  | { readonly kind: 'bands'; readonly bands: Counts<AgeBand> }
  | { readonly kind: 'sum'; readonly sum: number; readonly shape: Counts<AgeBand> };

/** Everything that must hold exactly within one set of drafts. */
interface BlockSpec {
  readonly label: string;
  readonly drafts: Draft[];
  readonly channel: Counts<Channel>;
  readonly credential: ByChannel<Credential>;
  /** Per channel when the channel × modality split is known, else over the whole block. */
  readonly modality: { readonly byChannel: ByChannel<Modality> } | { readonly overall: Counts<Modality> };
  readonly sex: Counts<Sex>;
  readonly ages: AgeSpec;
  readonly status: Counts<Status>;
}

const CHANNEL_ORDER: readonly Channel[] = ['inetel', 'srve'];

function sumOf(counts: Counts<unknown>): number {
  return counts.reduce((sum, [, n]) => sum + n, 0);
}

function countOf<T>(counts: Counts<T>, category: T): number {
  return counts.find(([c]) => c === category)?.[1] ?? 0;
}

function assertCount(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0) throw new Error(`generate: ${what} would be ${n}; the published tables disagree`);
  return n;
}

/** Largest-remainder rounding of `total` in proportion to `weights` (ties go to the earlier index). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) throw new Error('apportion: weights must add up to more than zero');
  const quotas = weights.map((w) => (total * w) / sum);
  const out = quotas.map(Math.floor);
  const order = quotas.map((q, i) => ({ i, frac: q - Math.floor(q) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  let left = total - out.reduce((a, b) => a + b, 0);
  for (const { i } of order) {
    if (left-- <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
  }
  return out;
}

/** Printed counts of one dimension in one scope, restricted to a state (null = all) and, if given, a channel. */
function countsOf<D extends CountDimension>(
  cells: readonly CountCell[],
  dimension: D,
  scope: Scope,
  entity: EntityCode | null,
  channel?: Channel | null,
): Counts<CategoryByDimension[D]> {
  return cells
    .filter(
      (c) =>
        c.dimension === dimension &&
        c.scope === scope &&
        c.entity === entity &&
        (channel === undefined || c.channel === channel),
    )
    .map((c) => [c.category as CategoryByDimension[D], c.value] as const);
}

function draftsFromCountries(counts: ReadonlyArray<readonly [string, number]>, entity: EntityCode): Draft[] {
  return counts.flatMap(([country, n]) => Array.from({ length: n }, (): Draft => ({ country, entity })));
}

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

function assignAges(random: Random, drafts: readonly Draft[], spec: AgeSpec): void {
  const bands = spec.kind === 'bands' ? spec.bands : tiltedBands(spec.shape, drafts.length, spec.sum / drafts.length);
  const assigned = allocate(random, drafts, bands);
  drafts.forEach((d, i) => {
    d.age = ageInBand(random, assigned[i] ?? '65+');
  });
  if (spec.kind === 'sum') nudgeAges(random, drafts, spec.sum);
}

// Unpublished: older people lean to the postal vote, younger ones to internet; in-person is age-neutral.
// (Only the rarer of postal/internet is drawn by weight, see byRarity; the other takes the rest.)
function modalityWeight(d: Draft, modality: Modality): number {
  const years = (d.age ?? 45) - 18;
  if (modality === 'postal') return 0.6 + years / 45;
  if (modality === 'internet') return 1.6 - years / 90;
  return 1;
}

// Unpublished: web (SRVE) requests upload their own documents and more often need correction than INETEL ones.
function statusWeight(d: Draft, status: Status): number {
  if (status !== 'subsane') return 1;
  return (d.channel === 'srve' ? 2.5 : 1) * (d.credential === 'cpv' ? 1.5 : 1);
}

// Rarer categories first, so their weights shape who gets them and the commonest one takes the rest.
function byRarity<T>(counts: Counts<T>): Counts<T> {
  return counts
    .map((entry, i) => ({ entry, i }))
    .sort((a, b) => a.entry[1] - b.entry[1] || a.i - b.i)
    .map(({ entry }) => entry);
}

function fillBlock(spec: BlockSpec): void {
  const { drafts, label } = spec;
  const rng = (step: string) => streamFor(label, step);
  allocate(rng('channel'), drafts, spec.channel).forEach((c, i) => {
    (drafts[i] as Draft).channel = c;
  });
  for (const channel of CHANNEL_ORDER) {
    const group = drafts.filter((d) => d.channel === channel);
    allocate(rng(`credential/${channel}`), group, spec.credential[channel]).forEach((c, i) => {
      (group[i] as Draft).credential = c;
    });
  }
  allocate(rng('sex'), drafts, spec.sex).forEach((s, i) => {
    (drafts[i] as Draft).sex = s;
  });
  assignAges(rng('age'), drafts, spec.ages);
  const modality = spec.modality;
  const modalityGroups: Array<readonly [Draft[], Counts<Modality>, string]> =
    'byChannel' in modality
      ? CHANNEL_ORDER.map((ch) => [drafts.filter((d) => d.channel === ch), modality.byChannel[ch], ch])
      : [[drafts, modality.overall, 'all']];
  for (const [group, counts, name] of modalityGroups) {
    allocate(rng(`modality/${name}`), group, byRarity(counts), modalityWeight).forEach((m, i) => {
      (group[i] as Draft).modality = m;
    });
  }
  allocate(rng('status'), drafts, byRarity(spec.status), statusWeight).forEach((s, i) => {
    (drafts[i] as Draft).status = s;
  });
}

/** 001: one block, every published table is a margin over all requests (country × entity is the joint cell). */
function blocks2020(slug: ProcessSlug): BlockSpec[] {
  const cells = publishedCounts(slug);
  const drafts = publishedCountryEntity(slug)
    .filter((c) => c.scope === 'received')
    .flatMap((c) => draftsFromCountries([[c.country, c.count]], c.entity));
  return [
    {
      label: `${slug}/all`,
      drafts,
      channel: countsOf(cells, 'channel', 'received', null),
      credential: {
        inetel: countsOf(cells, 'credential', 'received', null, 'inetel'),
        srve: countsOf(cells, 'credential', 'received', null, 'srve'),
      },
      modality: { overall: countsOf(cells, 'modality', 'received', null) },
      sex: countsOf(cells, 'sex', 'received', null),
      ages: { kind: 'bands', bands: countsOf(cells, 'age_band', 'received', null) },
      status: countsOf(cells, 'status', 'received', null),
    },
  ];
}

function subtract<T>(all: Counts<T>, part: Counts<T>, what: string): Counts<T> {
  const missing = part.find(([c, n]) => n > 0 && !all.some(([a]) => a === c));
  if (missing !== undefined)
    throw new Error(`generate: ${what} ${String(missing[0])} meets requirements but was not received`);
  return all.map(
    ([c, n]) => [c, assertCount(n - countOf(part, c), `${what} ${String(c)} outside meets-requirements`)] as const,
  );
}

/**
 * Channel × modality of the requests meeting requirements: the table closest to proportional whose margins are
 * the printed ones and whose cells fit inside the received table (so the rest stays non-negative).
 */
function fitChannelModality(
  received: ByChannel<Modality>,
  channelTotals: Counts<Channel>,
  modalityTotals: Counts<Modality>,
  ratio: number,
): ByChannel<Modality> {
  const modalities = modalityTotals.map(([m]) => m);
  const upper = (ch: Channel, m: Modality) => countOf(received[ch], m);
  const inetelTotal = countOf(channelTotals, 'inetel');
  // An object rather than a `let`: TypeScript does not see assignments made inside the recursive closure.
  const best: { cost: number; row: number[] | null } = { cost: Number.POSITIVE_INFINITY, row: null };
  const row: number[] = [];
  const search = (j: number, used: number): void => {
    const m = modalities[j];
    if (m === undefined) return;
    const col = countOf(modalityTotals, m);
    const lo = Math.max(0, col - upper('srve', m));
    const hi = Math.min(upper('inetel', m), col);
    const last = j === modalities.length - 1;
    for (let x = lo; x <= hi; x++) {
      if (last && used + x !== inetelTotal) continue;
      if (used + x > inetelTotal) break;
      row[j] = x;
      if (!last) {
        search(j + 1, used + x);
        continue;
      }
      const cost = modalities.reduce((acc, mm, k) => {
        const xi = row[k] ?? 0;
        const xs = countOf(modalityTotals, mm) - xi;
        return acc + (xi - upper('inetel', mm) * ratio) ** 2 + (xs - upper('srve', mm) * ratio) ** 2;
      }, 0);
      if (cost < best.cost) {
        best.cost = cost;
        best.row = row.slice();
      }
    }
  };
  search(0, 0);
  const found = best.row;
  if (found === null) throw new Error('generate: no channel × modality table fits the published margins');
  return {
    inetel: modalities.map((m, k) => [m, found[k] ?? 0] as const),
    srve: modalities.map((m, k) => [m, countOf(modalityTotals, m) - (found[k] ?? 0)] as const),
  };
}

function minusByChannel<T>(all: ByChannel<T>, part: ByChannel<T>, what: string): ByChannel<T> {
  return {
    inetel: subtract(all.inetel, part.inetel, `${what} inetel`),
    srve: subtract(all.srve, part.srve, `${what} srve`),
  };
}

// Unpublished: credentials issued in Mexico only come through the web system (as in 001's cross table, INETEL 0).
function credentialByChannel(channel: Counts<Channel>, credential: Counts<Credential>): ByChannel<Credential> {
  const national = countOf(credential, 'cpv');
  const srve = countOf(channel, 'srve');
  return {
    inetel: [
      ['cpve', countOf(channel, 'inetel')],
      ['cpv', 0],
    ],
    srve: [
      ['cpve', assertCount(srve - national, 'SRVE requests with a foreign-issued card')],
      ['cpv', national],
    ],
  };
}

/** 002: per state, a block of requests meeting requirements and a block of the rest (sent to correction or under review). */
function blocks2022(slug: ProcessSlug): BlockSpec[] {
  const cells = publishedCounts(slug);
  const countries = publishedCountryEntity(slug);
  const means = publishedMeanAges(slug);
  const inetel = publishedInetelRegistrations(slug);
  const followups = publishedCorrectionFollowups(slug);
  const shape = countsOf(publishedCounts('pel-2020-2021'), 'age_band', 'received', null);
  const entities = cells.flatMap((c) =>
    c.dimension === 'entity' && c.scope === 'received' && c.entity !== null ? [c.entity] : [],
  );

  const statusTotals = countsOf(cells, 'status', 'received', null);
  const restSizes = entities.map((e) => {
    const total = sumOf(countsOf(cells, 'entity', 'received', e));
    return total - sumOf(countsOf(cells, 'entity', 'meets_requirements', e));
  });
  const restTotal = restSizes.reduce((a, b) => a + b, 0);
  const subsaneTotal = countOf(statusTotals, 'subsane');
  if (countOf(statusTotals, 'cumple') + restTotal !== sumOf(statusTotals)) {
    throw new Error('generate: review-status table disagrees with the meets-requirements overview');
  }
  // Unpublished: every INETEL correction follow-up call is one request sent to correction in that state;
  // the remaining ones are spread in proportion to each state's other pending requests.
  const known = entities.map((e) => followups.get(e) ?? 0);
  const extra = apportion(
    subsaneTotal - known.reduce((a, b) => a + b, 0),
    entities.map((_, i) => (restSizes[i] ?? 0) - (known[i] ?? 0)),
  );

  return entities.flatMap((entity, i): BlockSpec[] => {
    const meanOf = (scope: Scope) => {
      const cell = means.find((m) => m.scope === scope && m.entity === entity);
      if (cell === undefined) throw new Error(`generate: no mean age for ${entity} ${scope}`);
      return cell.value;
    };
    const received = <D extends CountDimension>(d: D) => countsOf(cells, d, 'received', entity);
    const meets = <D extends CountDimension>(d: D) => countsOf(cells, d, 'meets_requirements', entity);
    const countriesIn = (scope: Scope) =>
      countries.filter((c) => c.scope === scope && c.entity === entity).map((c) => [c.country, c.count] as const);

    const nAll = sumOf(countsOf(cells, 'entity', 'received', entity));
    const nMeets = sumOf(countsOf(cells, 'entity', 'meets_requirements', entity));
    const modalityAll = countsOf(cells, 'modality', 'received', entity);
    const inetelByModality = modalityAll.map(([m]) => {
      const cell = inetel.find((c) => c.entity === entity && c.modality === m);
      if (cell === undefined) throw new Error(`generate: no INETEL registrations for ${entity} ${m}`);
      return [m, cell.count] as const;
    });
    const modalityReceived: ByChannel<Modality> = {
      inetel: inetelByModality,
      srve: subtract(modalityAll, inetelByModality, `${entity} modality received via SRVE:`),
    };
    if (sumOf(modalityReceived.inetel) !== countOf(received('channel'), 'inetel')) {
      throw new Error(`generate: INETEL registrations of ${entity} do not add up to its INETEL requests`);
    }
    const modalityMeets = fitChannelModality(
      modalityReceived,
      meets('channel'),
      countsOf(cells, 'modality', 'meets_requirements', entity),
      nMeets / nAll,
    );
    const credentialMeets = countsOf(cells, 'credential', 'meets_requirements', entity);
    const credentialRest = subtract(
      countsOf(cells, 'credential', 'received', entity),
      credentialMeets,
      `${entity} credential`,
    );
    const channelRest = subtract(received('channel'), meets('channel'), `${entity} channel`);
    const sumAll = Math.round(meanOf('received') * nAll);
    const sumMeets = Math.round(meanOf('meets_requirements') * nMeets);
    const subsane = (known[i] ?? 0) + (extra[i] ?? 0);
    const rest = restSizes[i] ?? 0;

    const meetsBlock: BlockSpec = {
      label: `${slug}/${entity}/cumple`,
      drafts: draftsFromCountries(countriesIn('meets_requirements'), entity),
      channel: meets('channel'),
      credential: credentialByChannel(meets('channel'), credentialMeets),
      modality: { byChannel: modalityMeets },
      sex: meets('sex'),
      ages: { kind: 'sum', sum: sumMeets, shape },
      status: [['cumple', nMeets]],
    };
    const restBlock: BlockSpec = {
      label: `${slug}/${entity}/rest`,
      drafts: draftsFromCountries(
        subtract(countriesIn('received'), countriesIn('meets_requirements'), `${entity} country`),
        entity,
      ),
      channel: channelRest,
      credential: credentialByChannel(channelRest, credentialRest),
      modality: { byChannel: minusByChannel(modalityReceived, modalityMeets, `${entity} modality`) },
      sex: subtract(received('sex'), meets('sex'), `${entity} sex`),
      ages: { kind: 'sum', sum: sumAll - sumMeets, shape },
      status: [
        ['subsane', assertCount(subsane, `${entity} requests sent to correction`)],
        ['revision', assertCount(rest - subsane, `${entity} requests under review`)],
      ],
    };
    return [meetsBlock, restBlock];
  });
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function daysBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
    out.push(isoDay(new Date(t)));
  }
  return out;
}

// Sunday .. Saturday: fewer requests at weekends (INETEL calls and web traffic both drop).
const WEEKDAY_FACTOR = [0.5, 1.05, 1, 1, 1, 0.95, 0.65] as const;

/** Requests per day: slow start, growth towards the cut-off, weekly rhythm, a little noise, never zero. */
function dailyCounts(random: Random, days: readonly string[], total: number, busyDays: readonly string[]): number[] {
  const weights = days.map((day, i) => {
    const t = days.length > 1 ? i / (days.length - 1) : 1;
    const trend = 0.3 + 1.7 * t ** 1.4;
    const weekday = WEEKDAY_FACTOR[new Date(`${day}T00:00:00Z`).getUTCDay()] ?? 1;
    const noise = 0.88 + 0.24 * random();
    return trend * weekday * noise * (busyDays.includes(day) ? 1.8 : 1);
  });
  const counts = apportion(total, weights);
  const empty = days.find((_, i) => (counts[i] ?? 0) === 0);
  if (empty !== undefined) throw new Error(`generate: no request on ${empty}`);
  return counts;
}

// Unpublished: requests still under review are the most recent ones; the legal review needs a few days.
function dateWeight(last: number) {
  return (d: Draft, day: number): number => {
    if (d.status === 'revision') return Math.exp((day - last) / 6);
    if (d.status === 'subsane') return day > last - 3 ? 0.3 : 1;
    return 1;
  };
}

function assignDates(slug: ProcessSlug, drafts: Draft[]): void {
  const { registrationOpens, cutoff } = publishedDates(slug);
  const days = daysBetween(registrationOpens, cutoff);
  const perDay = dailyCounts(streamFor(slug, 'days'), days, drafts.length, CONFIG[slug].busyDays);
  const counts = perDay.map((n, i) => [i, n] as const);
  allocate(streamFor(slug, 'dates'), drafts, counts, dateWeight(days.length - 1)).forEach((day, i) => {
    (drafts[i] as Draft).receivedOn = days[day];
  });
}

function finish(d: Draft, folio: string): Application {
  const { country, entity, sex, age, modality, channel, credential, status, receivedOn } = d;
  if (
    sex === undefined ||
    age === undefined ||
    modality === undefined ||
    channel === undefined ||
    credential === undefined ||
    status === undefined ||
    receivedOn === undefined
  ) {
    throw new Error(`generate: record ${folio} was left incomplete`);
  }
  return { folio, received_on: receivedOn, country, entity, sex, age, modality, channel, credential, status };
}

/** Every demo application of a process, in folio order; identical on every run. */
export function generateApplications(slug: ProcessSlug): Application[] {
  if (!PROCESS_SLUGS.includes(slug)) throw new Error(`generateApplications: unknown process ${JSON.stringify(slug)}`);
  const blocks = slug === 'pel-2020-2021' ? blocks2020(slug) : blocks2022(slug);
  for (const block of blocks) fillBlock(block);
  const drafts = blocks.flatMap((b) => b.drafts);
  assignDates(slug, drafts);
  // Folios are issued in order of receipt, as a registration system would.
  const tiebreak = streamFor(slug, 'folio');
  const order = drafts
    .map((d) => ({ d, key: tiebreak() }))
    .sort((a, b) => (a.d.receivedOn ?? '').localeCompare(b.d.receivedOn ?? '') || a.key - b.key);
  const width = Math.max(6, String(order.length).length);
  return order.map(({ d }, i) => finish(d, `${CONFIG[slug].folioPrefix}-${String(i + 1).padStart(width, '0')}`));
}

function csvValue(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The records as CSV with a header row (LF line ends). */
export function toCsv(applications: readonly Application[]): string {
  const lines = [APPLICATION_FIELDS.join(',')];
  for (const a of applications) lines.push(APPLICATION_FIELDS.map((f) => csvValue(a[f])).join(','));
  return `${lines.join('\n')}\n`;
}

/** The records as newline-delimited JSON, fields in contract order. */
export function toNdjson(applications: readonly Application[]): string {
  return applications.map((a) => `${JSON.stringify(a, [...APPLICATION_FIELDS])}\n`).join('');
}

function cli(argv: readonly string[]): number {
  let slug: string | undefined;
  let format = 'csv';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.split('=', 2);
    if (flag !== '--process' && flag !== '--format') {
      process.stderr.write(`unknown argument ${arg}\n`);
      return 2;
    }
    const value = inline ?? argv[++i] ?? '';
    if (flag === '--process') slug = value;
    else format = value;
  }
  const known = PROCESS_SLUGS.find((s) => s === slug);
  if (known === undefined || (format !== 'csv' && format !== 'ndjson')) {
    process.stderr.write(
      `usage: node db/seed/generate.ts --process ${PROCESS_SLUGS.join('|')} [--format csv|ndjson]\n`,
    );
    return 2;
  }
  const apps = generateApplications(known);
  process.stdout.write(format === 'csv' ? toCsv(apps) : toNdjson(apps));
  return 0;
}

if (import.meta.main) {
  // A closed pipe (`| head`) is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  process.exitCode = cli(process.argv.slice(2));
}
