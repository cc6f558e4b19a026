// Reconciliation with the published tables: turns a process's printed counts into blocks of drafts whose exact
// counts reproduce every table, filling in the joint cells the reports do not print (see README.md).
import { apportion, assertCount, countOf, countsOf, minusByChannel, subtract, sumOf } from './counts.ts';
import { type BlockSpec, type ByChannel, draftsFromCountries } from './draft.ts';
import type { Counts } from './prng.ts';
import {
  type Channel,
  type CountDimension,
  type Credential,
  type Modality,
  type ProcessSlug,
  publishedCorrectionFollowups,
  publishedCountryEntity,
  publishedCounts,
  publishedInetelRegistrations,
  publishedMeanAges,
  type Scope,
} from './published.ts';

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

/** The blocks of empty drafts of a process, each with the exact counts its fields must meet. */
export function publishedBlocks(slug: ProcessSlug): BlockSpec[] {
  return slug === 'pel-2020-2021' ? blocks2020(slug) : blocks2022(slug);
}
