// The adversarial data set of issue 27 (tests only, never in the demo data): a sparse process of 3 states x 8
// countries with many cells of 1 to 9, planted trackers (a state whose applications outside the review class are 6,
// a country gaining 4 between cuts, status changes that shrink cells), two cuts and live batches after the last.
// Every public summary of every version is read over HTTP as an outsider would and audited, alone and together with
// the version before: no group of 1 to 9 applications may be derivable. Edge cases answer 200 with their reason.
import { beforeAll, describe, expect, it } from 'vitest';
import { auditVersion } from '../../scripts/lib/disclosure/audit-version.ts';
import { type PublicVersion, readPublicVersion } from '../../scripts/lib/disclosure/public-version.ts';
import { bearer, call } from '../../tests/support/helpers.ts';
import { createProcess, csv, PROCESS_BODY, postBatch, row, summary } from '../../tests/support/registration-helpers.ts';
import { mulberry32 } from '../shared/prng.ts';

const SLUG = 'adversarial';
const STATES = ['05', '09', '15'];
const COUNTRIES = ['US', 'CA', 'ES', 'FR', 'DE', 'GB', 'AR', 'CL'];
const random = mulberry32(27);
let folio = 0;

/** `count` applications of one cell, `met` of them meeting requirements, received on `day`. */
function cell(state: string, country: string, count: number, met: number, day: string) {
  return Array.from({ length: count }, (_, i) =>
    row(`F${folio++}`, {
      entity: state,
      country,
      received_on: day,
      status: i < met ? 'cumple' : 'revision',
      sex: random() < 0.5 ? 'M' : 'H',
      age: 18 + Math.floor(random() * 60),
      modality: ['postal', 'internet', 'presencial'][Math.floor(random() * 3)] as string,
    }),
  );
}

/** A sparse spread: the US large, every other country 1 to 9 per state, most meeting requirements. */
function spread(day: string, scale: number) {
  const rows = [];
  for (const state of STATES) {
    for (const country of COUNTRIES) {
      const count = country === 'US' ? 20 * scale + Math.floor(random() * 10) : 1 + Math.floor(random() * 9);
      rows.push(...cell(state, country, count, Math.max(0, count - Math.floor(random() * 3)), day));
    }
  }
  return rows;
}

const admin = async () => ({ ...(await bearer('admin')), 'content-type': 'application/json' });
const cut = async (date: string) =>
  expect(
    (
      await call(`/api/v1/registrations/${SLUG}/cuts`, {
        method: 'POST',
        headers: await admin(),
        body: JSON.stringify({ date }),
      })
    ).status,
  ).toBe(201);

let first: Record<string, string | number>[] = [];

beforeAll(async () => {
  const auth = await createProcess(SLUG, { ...PROCESS_BODY, entities: STATES });
  const send = async (rows: Record<string, string | number>[]) =>
    expect((await postBatch(SLUG, csv(rows), auth)).status).toBe(200);
  first = [...spread('2023-10-02', 2), ...cell('09', 'US', 30, 24, '2023-10-03')];
  await send(first);
  await cut('2023-10-15');
  // Spain gains 4 (a tracker over time), others gain a few or many; some under review now meet requirements.
  const moved = first
    .filter((r) => r.status === 'revision')
    .slice(0, 7)
    .map((r) => ({ ...r, status: 'cumple' }));
  await send([...cell('05', 'ES', 4, 4, '2023-10-20'), ...spread('2023-10-21', 1), ...moved]);
  await cut('2023-11-15');
  await send([...cell('15', 'FR', 3, 3, '2023-11-20'), ...cell('09', 'US', 12, 12, '2023-11-21')]);
  await send(cell('09', 'CA', 2, 0, '2023-11-22'));
}, 120_000);

describe('the adversarial process', () => {
  it('isolates no group of 1 to 9 in any version, alone or with the version before', async () => {
    const fetcher = (path: string) => call(path);
    const versions: PublicVersion[] = [];
    for (const date of ['2023-10-15', '2023-11-15', null])
      versions.push(await readPublicVersion(fetcher, SLUG, date, { cross: true }));
    for (const [i, version] of versions.entries()) {
      const audit = auditVersion(SLUG, version, versions[i - 1] ?? null);
      // 3 states x 8 countries, every pair non-empty: at least 24 cells.
      expect(audit.cells, version.label).toBeGreaterThanOrEqual(24);
      expect(audit.populations, version.label).toBeGreaterThan(0);
      expect(audit.derivable, `${version.label} alone`).toBe(0);
      if (i > 0) expect(audit.together?.derivable, `${version.label} with the one before`).toBe(0);
    }
    // Received minus meeting requirements, per state: wherever it is 1 to 9, one of the two is withheld.
    for (const version of versions) {
      for (const state of STATES) {
        const other = version.cells.reduce((sum, [c, s, , n]) => (c === 'other' && s === state ? sum + n : sum), 0);
        const both = version.fresh.includes(`received|${state}|*`) && version.fresh.includes(`cumple|${state}|*`);
        if (other >= 1 && other <= 9) expect(both, `${version.label} ${state}: ${other}`).toBe(false);
      }
    }
  });

  it('shows the 4 newcomers of Spain by count only between the cuts', async () => {
    const response = await call(`/api/v1/registrations/${SLUG}/cuts/2023-11-15/changes?country=ES&entity=05`);
    expect(response.status).toBe(200);
    const changes = (await response.json()) as {
      by_sex: unknown;
      total: { change: number };
      suppressed?: { reason: string };
    };
    expect(changes.by_sex).toBeNull();
    expect(changes.suppressed?.reason).toBeDefined();
  });

  it('answers 200 with the right reason for an empty, a small and a cross population, never 5xx', async () => {
    const empty = await summary(SLUG, '?country=JP');
    expect(empty.total).toBe(0);
    expect(empty.suppressed).toBeUndefined();
    const small = await summary(SLUG, '?country=CL&entity=05&scope=cumple');
    expect(small.total).toBeLessThan(10);
    expect(small.suppressed?.reason).toBe(small.total === 0 ? undefined : 'small');
    const cross = await summary(SLUG, '?country=US&entity=09');
    expect(cross.suppressed?.reason).toBe('cross');
  });

  it('answers 200 for a process whose every cell is small', async () => {
    const auth = await createProcess('all-small', { ...PROCESS_BODY, entities: STATES });
    const rows = COUNTRIES.flatMap((country, i) =>
      cell(STATES[i % 3] as string, country, 1 + (i % 5), 1, '2023-10-02'),
    );
    expect((await postBatch('all-small', csv(rows), auth)).status).toBe(200);
    for (const query of ['', '?scope=cumple', '?entity=05', '?country=US', '?entity=05&country=US']) {
      const figures = await summary('all-small', query);
      if (figures.total > 0 && figures.total < 10)
        expect(figures.suppressed?.reason).toBe(query.includes('&') ? 'small' : 'small');
      if (figures.by_sex) expect(figures.total).toBeGreaterThanOrEqual(10);
    }
  });
});
