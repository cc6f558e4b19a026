// Issue 27's bad input and edge cases, through the real routes: a population that shrinks (corrections move
// applications to another state, status changes take them out of `cumple`), a cut taken while a batch is being
// written, a process whose every cell is small, and an empty one. Each answers 200 with the right `suppressed`
// reason (or none), never 5xx, and the audit of the public answers finds no derivable group.
import { describe, expect, it } from 'vitest';
import { auditVersion } from '../../scripts/lib/disclosure/audit-version.ts';
import { type PublicVersion, readPublicVersion } from '../../scripts/lib/disclosure/public-version.ts';
import { bearer, call } from '../../tests/support/helpers.ts';
import { createProcess, csv, PROCESS_BODY, postBatch, row, summary } from '../../tests/support/registration-helpers.ts';

const fetcher = (path: string) => call(path);

/** Reads the versions named (cut dates, null for live) over HTTP and audits each, alone and with the one before. */
async function auditAll(slug: string, versions: (string | null)[]) {
  const read: PublicVersion[] = [];
  for (const version of versions) read.push(await readPublicVersion(fetcher, slug, version, { cross: true }));
  return read.map((version, i) => ({ version, audit: auditVersion(slug, version, read[i - 1] ?? null) }));
}

function expectNothingDerivable(audits: Awaited<ReturnType<typeof auditAll>>) {
  for (const { version, audit } of audits) {
    expect(audit.derivable, `${version.label} alone`).toBe(0);
    expect(audit.together?.derivable ?? 0, `${version.label} with the one before`).toBe(0);
  }
}

const takeCut = async (slug: string, date: string) =>
  call(`/api/v1/registrations/${slug}/cuts`, {
    method: 'POST',
    headers: { ...(await bearer('admin')), 'content-type': 'application/json' },
    body: JSON.stringify({ date }),
  });

describe('disclosure edge cases', () => {
  it('a population that shrinks serves its held breakdowns, or withholds them once small', async () => {
    const slug = 'shrinks';
    const auth = await createProcess(slug);
    // State 05: 40 in the US, 25 of them meeting requirements; state 15: 30 in the US, all meeting requirements.
    const first = [
      ...Array.from({ length: 40 }, (_, i) =>
        row(`S${i}`, { entity: '05', status: i < 25 ? 'cumple' : 'revision', sex: i % 2 ? 'M' : 'H' }),
      ),
      ...Array.from({ length: 30 }, (_, i) => row(`T${i}`, { entity: '15', status: 'cumple', age: 50 })),
    ];
    expect((await postBatch(slug, csv(first), auth)).status).toBe(200);
    expect((await takeCut(slug, '2023-10-15')).status).toBe(201);
    const before = await summary(slug, '?entity=05');
    expect(before.total).toBe(40);
    expect(before.by_sex).not.toBeNull();
    // A correction: 3 applications of state 05 belong to state 15. 05 shrinks by 3 (1 to 9: rule 3 holds it).
    const moved = first.slice(0, 3).map((r) => ({ ...r, entity: '15' }));
    expect((await postBatch(slug, csv(moved), auth)).status).toBe(200);
    const shrunk = await summary(slug, '?entity=05');
    expect(shrunk.total).toBe(37);
    expect(shrunk.suppressed).toBeUndefined();
    expect(shrunk.breakdowns_as_of).toBe(before.as_of);
    expect(shrunk.by_sex).toEqual(before.by_sex);
    // Status changes: 20 of 05's remaining 22 meeting requirements go back to review: 05's cumple is 2 (small).
    const reviewed = first.slice(3, 23).map((r) => ({ ...r, status: 'revision' }));
    expect((await postBatch(slug, csv(reviewed), auth)).status).toBe(200);
    const met = await summary(slug, '?entity=05&scope=cumple');
    expect(met.total).toBe(2);
    expect(met.suppressed?.reason).toBe('small');
    expect(met.by_sex).toBeNull();
    expectNothingDerivable(await auditAll(slug, ['2023-10-15', null]));
  });

  it('a cut taken while a batch is being written holds one whole version, audited', async () => {
    const slug = 'cut-during-batch';
    const auth = await createProcess(slug);
    const base = Array.from({ length: 30 }, (_, i) => row(`B${i}`, { status: 'cumple' }));
    expect((await postBatch(slug, csv(base), auth)).status).toBe(200);
    const more = Array.from({ length: 25 }, (_, i) => row(`M${i}`, { entity: '05', country: 'CA', status: 'cumple' }));
    const [batch, cut] = await Promise.all([postBatch(slug, csv(more), auth), takeCut(slug, '2023-10-15')]);
    expect(batch.status, await batch.clone().text()).toBe(200);
    expect(cut.status, await cut.clone().text()).toBe(201);
    const frozen = await summary(slug, '?cut=2023-10-15');
    // The cut holds the version before the batch or the one after, never half of it.
    expect([30, 55]).toContain(frozen.total);
    expect(frozen.suppressed).toBeUndefined();
    expect(Object.values(frozen.by_sex ?? {}).reduce((a, b) => a + b, 0)).toBe(frozen.total);
    const live = await summary(slug);
    expect(live.total).toBe(55);
    expectNothingDerivable(await auditAll(slug, ['2023-10-15', null]));
  });

  it('a process whose every cell is small withholds each small population, and nothing is derivable', async () => {
    const slug = 'every-cell-small';
    const auth = await createProcess(slug);
    // 2 states x 3 countries, 1 to 5 applications each: the national population (17) is the only one of 10 or more.
    const counts: [string, string, number][] = [
      ['05', 'US', 5],
      ['05', 'CA', 2],
      ['05', 'ES', 1],
      ['15', 'US', 4],
      ['15', 'CA', 3],
      ['15', 'ES', 2],
    ];
    let n = 0;
    const rows = counts.flatMap(([entity, country, count]) =>
      Array.from({ length: count }, () => row(`E${n++}`, { entity, country, status: n % 2 ? 'cumple' : 'revision' })),
    );
    expect((await postBatch(slug, csv(rows), auth)).status).toBe(200);
    for (const query of ['?entity=05', '?entity=15', '?country=US', '?country=CA', '?country=ES', '?scope=cumple']) {
      const figures = await summary(slug, query);
      expect(figures.total, query).toBeGreaterThan(0);
      expect(figures.total, query).toBeLessThan(10);
      expect(figures.suppressed?.reason, query).toBe('small');
    }
    const cross = await summary(slug, '?entity=05&country=US');
    expect(cross.suppressed?.reason).toBe('small');
    const national = await summary(slug);
    expect(national.total).toBe(17);
    expectNothingDerivable(await auditAll(slug, [null]));
  });

  it('an empty process and an empty population answer 200 with zeros, nothing withheld, nothing derivable', async () => {
    const slug = 'empty-process';
    await createProcess(slug, { ...PROCESS_BODY });
    for (const query of ['', '?scope=cumple', '?entity=05', '?country=US', '?entity=05&country=US']) {
      const response = await call(`/api/v1/registrations/${slug}/summary${query}`);
      expect(response.status, query).toBe(200);
      const figures = (await response.json()) as { total: number; suppressed?: unknown; by_sex: unknown };
      expect(figures.total, query).toBe(0);
      // Nothing to describe: rule 1 is about 1 to 9; a state x country population keeps its reason.
      if (query.includes('&')) expect(figures.suppressed).toMatchObject({ reason: 'cross' });
      else expect(figures.suppressed, query).toBeUndefined();
    }
    const [audit] = await auditAll(slug, [null]);
    expect(audit?.audit.cells).toBe(0);
    expect(audit?.audit.derivable).toBe(0);
  });
});
