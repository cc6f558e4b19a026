// The contract's "Small groups are never described", tried as an attacker would: a population of a few people,
// and the two differencing attacks (one filter fewer, the other scope) that would isolate a few people from two
// populations that are each large enough.
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../tests/support/helpers.ts';
import { createProcess, csv, postBatch, row, summary } from '../../tests/support/registration-helpers.ts';

const SLUG = 'small-groups';

// 20 from state 15 in the US (5 under review), 20 from state 05 in the US, 12 from state 05 and 3 from state 15 in
// Canada: every population below is either published in full or has its breakdowns withheld, as annotated.
beforeAll(async () => {
  const auth = await createProcess(SLUG);
  const rows = [
    ...Array.from({ length: 20 }, (_, i) => row(`A${i}`, { status: i < 5 ? 'revision' : 'cumple' })),
    ...Array.from({ length: 20 }, (_, i) => row(`B${i}`, { entity: '05', status: 'cumple' })),
    ...Array.from({ length: 12 }, (_, i) => row(`C${i}`, { entity: '05', country: 'CA', status: 'cumple' })),
    ...Array.from({ length: 3 }, (_, i) => row(`D${i}`, { country: 'CA', status: 'cumple', age: 70 })),
  ];
  const response = await postBatch(SLUG, csv(rows), auth);
  expect(response.status, await response.clone().text()).toBe(200);
});

const withheld = async (query: string) => {
  const figures = await summary(SLUG, query);
  return { total: figures.total, withheld: figures.suppressed !== undefined, figures };
};

describe('small groups', () => {
  it('never describe a population of 1 to 9 beyond its number', async () => {
    const { total, withheld: hidden, figures } = await withheld('?entity=15&country=CA');
    expect(total).toBe(3);
    expect(hidden).toBe(true);
    expect(figures.suppressed).toEqual({
      min_group: 10,
      reason: 'small',
      fields: ['by_channel', 'by_credential', 'by_sex', 'by_age_band', 'by_modality', 'by_status', 'daily'],
    });
    for (const field of ['by_channel', 'by_credential', 'by_sex', 'by_age_band', 'by_modality', 'by_status', 'daily'])
      expect(figures[field as keyof typeof figures], field).toBeNull();
    // Number, state and country stay exact, as INE publishes them.
    expect(figures.by_entity).toEqual({ '15': 3 });
    expect(figures.by_country).toEqual({ CA: 3 });
  });

  it('withhold the breakdowns of a state within a country, whatever its size (rule 2, reason cross)', async () => {
    // Canada has 15 applicants, 12 of them from state 05: "Canada" minus "Canada, 05" would be the 3 from state 15.
    expect(await withheld('?country=CA')).toMatchObject({ total: 15, withheld: false });
    const { figures } = await withheld('?entity=05&country=CA');
    expect(figures.total).toBe(12);
    expect(figures.suppressed).toEqual({
      min_group: 10,
      reason: 'cross',
      fields: ['by_channel', 'by_credential', 'by_sex', 'by_age_band', 'by_modality', 'by_status', 'daily'],
    });
    expect(figures.by_sex).toBeNull();
    expect(figures.by_entity).toEqual({ '05': 12 });
    expect(figures.by_country).toEqual({ CA: 12 });
    const cumple = await withheld('?entity=15&country=US&scope=cumple');
    expect(cumple.total).toBe(15);
    expect(cumple.figures.suppressed?.reason).toBe('cross');
  });

  it('withhold a large population when the other scope would isolate a few people (reason complementary)', async () => {
    // State 15 has 23 applications, 18 meeting requirements: the difference is the 5 under review. At least one of
    // the two must go, and says why.
    const received = await withheld('?entity=15');
    const cumple = await withheld('?entity=15&scope=cumple');
    expect([received.total, cumple.total]).toEqual([23, 18]);
    const reasons = [received, cumple].map((side) => side.figures.suppressed?.reason);
    expect(reasons).toContain('complementary');
    for (const reason of reasons) expect([undefined, 'complementary']).toContain(reason);
    // The same populations for state 05 differ by 0: nothing to isolate, all published.
    const state05 = await withheld('?entity=05');
    expect(state05).toMatchObject({ total: 32, withheld: false });
    expect(state05.figures.by_status).toEqual({ revision: 0, cumple: 32, subsane: 0, improcedente: 0 });
  });

  it('say why in the dashboard, the embeds, the view CSVs and the images, in the reader language', async () => {
    // The 3 from state 15 in Canada: a small population (rule 1 comes first).
    const small = `entity=15&country=CA`;
    const embed = await (await call(`/embed/registrations?process=${SLUG}&${small}&lang=en&view=demographics`)).text();
    expect(embed).toContain('To protect people this breakdown is not shown: it describes fewer than 10 applications.');
    expect(embed).toContain('href="/en/metodos/"');
    expect(embed).not.toContain('70 years');
    const cross = await (
      await call(`/embed/registrations?process=${SLUG}&entity=05&country=CA&lang=en&view=demographics`)
    ).text();
    expect(cross).toContain('not for a state within a country');
    const crossCsv = await (
      await call(`/api/v1/registrations/${SLUG}/views/demographics.csv?entity=05&country=CA&lang=es`)
    ).text();
    expect(crossCsv).toContain('no por entidad dentro de un país. Cómo protegemos a las personas: /es/metodos/');
    const embedEs = await (await call(`/embed/registrations?process=${SLUG}&${small}&view=timeline`)).text();
    expect(embedEs).toContain('Para proteger a las personas');
    expect(embedEs).not.toContain('<div class="timeline"');
    const card = (await (await call(`/api/v1/infographics/modality.json?process=${SLUG}&${small}&lang=en`)).json()) as {
      alt: { en: string };
    };
    expect(card.alt.en).toContain('To protect people');
    const total = (await (
      await call(`/api/v1/infographics/registrations-total.json?process=${SLUG}&${small}&lang=en`)
    ).json()) as { alt: { en: string } };
    // The total card still gives the total (without the 7-day growth, which is a daily figure).
    expect(total.alt.en).toMatch(/\b3\b/);
    const csvText = await (await call(`/api/v1/registrations/${SLUG}/views/demographics.csv?${small}&lang=en`)).text();
    expect(csvText).toContain('To protect people');
    expect(csvText).not.toMatch(/^(sex|age|status),[A-Za-z0-9+-]+,/m);
    // A population the audit withholds says so in its own words.
    const scope = (await withheld('?entity=15')).withheld ? 'received' : 'cumple';
    const audited = await (
      await call(`/embed/registrations?process=${SLUG}&entity=15&scope=${scope}&lang=en&view=demographics`)
    ).text();
    expect(audited).toContain('together with other published figures it would describe fewer than 10 applications');
  });
});
