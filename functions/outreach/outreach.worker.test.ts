// Over 250 lines on purpose: the three shared outreach files go in once and every case reads them back (JSON, workbook, sums), so the cases share one import.
// The outreach imports and report: the three shared tables go in over HTTP and every row comes back from the
// report of its period, with the same value, in JSON and in the workbook; bad files change nothing.
import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/universal';
import { describe, expect, it } from 'vitest';
import campaignCsv from '../../db/seed/outreach/campaign_metrics.csv?raw';
import callsCsv from '../../db/seed/outreach/inetel_calls.csv?raw';
import contactsCsv from '../../db/seed/outreach/inetel_contacts.csv?raw';
import { bearer, call, testEnv } from '../../tests/support/helpers.ts';
import { deliver, message } from '../../tests/support/metrics-helpers.ts';

type Cells = Record<string, string>;
const rowsOf = (text: string): Cells[] => parse(text, { columns: true, bom: true, trim: true });
const campaign = rowsOf(campaignCsv);
const calls = rowsOf(callsCsv);
const contacts = rowsOf(contactsCsv);

const FIGURE_KEY = ['period_start', 'period_end', 'channel', 'platform', 'item', 'date', 'metric', 'link'];
const CALL_KEY = ['period_start', 'period_end', 'call_type', 'entity', 'outcome'];
const CONTACT_KEY = ['period_start', 'period_end', 'subject', 'dimension', 'category'];
const keyOf = (row: Record<string, unknown>, columns: string[]) => JSON.stringify(columns.map((c) => String(row[c])));
const numberOf = (cell: string) => (cell === '' ? null : Number(cell));

async function send(
  path: string,
  body: string | Uint8Array<ArrayBuffer>,
  auth: Record<string, string>,
  type = 'text/csv',
) {
  return call(`/api/v1/outreach/${path}`, { method: 'POST', headers: { ...auth, 'content-type': type }, body });
}

async function importAll(auth: Record<string, string>) {
  const answers = [
    await send('figures', campaignCsv, auth),
    await send('inetel', callsCsv, auth),
    await send('inetel', contactsCsv, auth),
  ];
  return Promise.all(
    answers.map(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> })),
  );
}

const periodsOf = (rows: Cells[]) => [...new Set(rows.map((r) => `${r.period_start}|${r.period_end}`))];

interface Report {
  figures: {
    table: string;
    groups: { sums: { source: string; metric: string; value: number }[]; rows: Record<string, unknown>[] }[];
  }[];
  inetel_calls: { rows: Record<string, unknown>[]; detail_sum: number }[];
  inetel_contacts: { dimensions: { rows: Record<string, unknown>[]; detail_sum: number }[] }[];
  content: { events: { date: string; end: string | null }[]; press_releases: { date: string; end: string | null }[] };
}

async function count(table: string): Promise<number> {
  const row = await testEnv.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>();
  return row?.n ?? 0;
}

describe('outreach imports', () => {
  it('take the three shared files, and the same files again change nothing', async () => {
    const staff = await bearer('staff');
    const first = await importAll(staff);
    expect(first.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(first.map((a) => a.body)).toEqual([
      { kind: 'figures', rows: 262, inserted: 262, updated: 0, unchanged: 0 },
      { kind: 'calls', rows: 56, inserted: 56, updated: 0, unchanged: 0 },
      { kind: 'contacts', rows: 39, inserted: 39, updated: 0, unchanged: 0 },
    ]);
    const again = await importAll(staff);
    expect(again.map((a) => a.body)).toEqual([
      { kind: 'figures', rows: 262, inserted: 0, updated: 0, unchanged: 262 },
      { kind: 'calls', rows: 56, inserted: 0, updated: 0, unchanged: 56 },
      { kind: 'contacts', rows: 39, inserted: 0, updated: 0, unchanged: 39 },
    ]);
    expect([await count('outreach_figures'), await count('outreach_inetel_calls')]).toEqual([262, 56]);
    // One changed value is an update, by the natural key.
    const [header, line] = campaignCsv.split('\n');
    const changed = `${header}\n${line?.replace(',impacts,17262,', ',impacts,17263,')}\n`;
    const update = await (await send('figures', changed, staff)).json();
    expect(update).toEqual({ kind: 'figures', rows: 1, inserted: 0, updated: 1, unchanged: 0 });
  });

  it('give every row back from the report of its period, totals flagged and kept out of the sums', async () => {
    const staff = await bearer('staff');
    await importAll(staff);
    const periods = periodsOf([...campaign, ...calls, ...contacts]);
    expect(periods.length).toBe(4);
    let seen = 0;
    for (const period of periods) {
      const [from, to] = period.split('|');
      const response = await call(`/api/v1/outreach/report?from=${from}&to=${to}&lang=en`, { headers: staff });
      expect(response.status).toBe(200);
      const report = (await response.json()) as Report;
      const figures = new Map(
        report.figures.flatMap((t) => t.groups.flatMap((g) => g.rows)).map((r) => [keyOf(r, FIGURE_KEY), r]),
      );
      for (const row of campaign.filter((r) => `${r.period_start}|${r.period_end}` === period)) {
        const back = figures.get(keyOf(row, FIGURE_KEY));
        expect(back, `${row.item} ${row.metric}`).toBeDefined();
        expect(back?.value).toBe(numberOf(row.value ?? ''));
        expect(back?.is_reported_total).toBe(Number(row.is_reported_total));
        seen++;
      }
      // Sums are over detail rows only: a printed total is never added in.
      for (const group of report.figures.flatMap((t) => t.groups)) {
        for (const { source, metric, value } of group.sums) {
          const detail = group.rows
            .filter((r) => r.source === source && r.metric === metric && r.is_reported_total === 0 && r.value !== null)
            .reduce((sum, r) => sum + (r.value as number), 0);
          expect(value).toBe(detail);
        }
      }
      const callRows = new Map(report.inetel_calls.flatMap((t) => t.rows).map((r) => [keyOf(r, CALL_KEY), r]));
      for (const row of calls.filter((r) => `${r.period_start}|${r.period_end}` === period)) {
        expect(callRows.get(keyOf(row, CALL_KEY))?.count).toBe(Number(row.count));
        expect(callRows.get(keyOf(row, CALL_KEY))?.is_reported_total).toBe(Number(row.is_reported_total));
        seen++;
      }
      const contactRows = new Map(
        report.inetel_contacts
          .flatMap((t) => t.dimensions.flatMap((d) => d.rows))
          .map((r) => [keyOf(r, CONTACT_KEY), r]),
      );
      for (const row of contacts.filter((r) => `${r.period_start}|${r.period_end}` === period)) {
        expect(contactRows.get(keyOf(row, CONTACT_KEY))?.count).toBe(Number(row.count));
        seen++;
      }
      // Nothing of another period, nothing twice.
      expect(figures.size + callRows.size + contactRows.size).toBe(
        [campaign, calls, contacts].reduce(
          (n, rows) => n + rows.filter((r) => `${r.period_start}|${r.period_end}` === period).length,
          0,
        ),
      );
    }
    expect(seen).toBe(262 + 56 + 39);
  });

  it('gives the 2022 report its calls by outcome with the reported totals apart', async () => {
    const staff = await bearer('staff');
    await importAll(staff);
    const report = (await (
      await call('/api/v1/outreach/report?from=2022-09-01&to=2022-11-15&lang=es', { headers: staff })
    ).json()) as Report;
    const invitations = calls.filter(
      (r) => r.period_start === '2022-09-01' && r.call_type === 'outbound_registration_invitation',
    );
    const detail = invitations.filter((r) => r.is_reported_total === '0').reduce((s, r) => s + Number(r.count), 0);
    const table = report.inetel_calls.find((t) => t.rows[0]?.call_type === 'outbound_registration_invitation');
    expect(table?.detail_sum).toBe(detail);
    expect(table?.rows.length).toBe(invitations.length);
    // Facebook's printed reach total is the sum of its posts in that section, not of every Facebook row.
    const facebook = report.figures.flatMap((t) => t.groups).find((g) => g.rows[0]?.platform === 'Facebook');
    const printed = facebook?.rows.find((r) => r.metric === 'reach' && r.is_reported_total === 1);
    expect(printed?.value).toBe(26268);
    const sum = facebook?.sums.find((s) => s.metric === 'reach' && s.source === printed?.source);
    expect(sum?.value).toBe(26268);
    // Content is what the build dates in the period.
    const dated = [...report.content.events, ...report.content.press_releases];
    expect(dated.length).toBeGreaterThan(0);
    for (const item of dated) {
      expect((item.end ?? item.date) >= '2022-09-01' && item.date <= '2022-11-15', item.date).toBe(true);
    }
  });

  it("gives the site's own figures of the period, counted by hand", async () => {
    const staff = await bearer('staff');
    // The days of 2022 were counted while open (the migration closes all but the last two days).
    await testEnv.DB.prepare("UPDATE metric_closed SET through = '2022-08-31'").run();
    const ev = (day: string, id: string, visitor: string, name: string, counts: [string, string][], site = false) =>
      message(id, visitor, [['event', name], ...counts], site ? ['site'] : [], day);
    await deliver([
      ev(
        '2022-10-05',
        'o1',
        'a',
        'pageview',
        [
          ['page', '/es/'],
          ['campaign', 'facebook|social|registro'],
        ],
        true,
      ),
      ev(
        '2022-10-05',
        'o2',
        'b',
        'pageview',
        [
          ['page', '/es/'],
          ['campaign', 'facebook|social|registro'],
        ],
        true,
      ),
      ev('2022-11-15', 'o3', 'a', 'pageview', [['page', '/en/']], true),
      ev('2022-10-05', 'o4', 'a', 'cta_click', [['register', '/es/']]),
      ev('2022-10-06', 'o5', 'b', 'download', [['download', 'cartel.pdf']]),
      ev('2022-10-06', 'o9', 'b', 'download', [['download', 'infografia-registro.png']]),
      ev('2022-10-06', 'o6', 'b', 'embed_view', [['embed', 'ieem.org.mx']]),
      // The day after the period: counted by no report of it.
      ev(
        '2022-11-16',
        'o7',
        'c',
        'pageview',
        [
          ['page', '/es/'],
          ['campaign', 'x|y|z'],
        ],
        true,
      ),
      ev('2022-11-16', 'o8', 'c', 'cta_click', [['register', '/es/']]),
    ]);
    const report = await (
      await call('/api/v1/outreach/report?from=2022-09-01&to=2022-11-15&lang=es', { headers: staff })
    ).json<{ site: Record<string, unknown> }>();
    expect(report.site).toMatchObject({
      pageviews: 3,
      // a on the 5th and the 15th (once each day), b on the 5th.
      visitors: 3,
      register_clicks: 1,
      conversion_rate: 1 / 3,
      campaigns: [{ source: 'facebook', medium: 'social', campaign: 'registro', visits: 2 }],
      downloads: [
        { asset: 'cartel.pdf', count: 1 },
        { asset: 'infografia-registro.png', count: 1 },
      ],
      infographic_downloads: [{ asset: 'infografia-registro.png', count: 1 }],
      embeds: [{ host: 'ieem.org.mx', views: 1 }],
    });
  });

  it('writes the same rows into the workbook, numbers as numbers and days as dates', async () => {
    const staff = await bearer('staff');
    await importAll(staff);
    const response = await call('/api/v1/outreach/report.xlsx?from=2022-09-01&to=2022-11-15&lang=en', {
      headers: staff,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const sheets = await readXlsxFile(await response.arrayBuffer());
    expect(sheets[0]?.sheet).toBe('Cover');
    const cover = sheets[0]?.data ?? [];
    expect(cover[1]?.[1]).toBeInstanceOf(Date);
    expect(String((cover[1]?.[1] as Date | undefined)?.toISOString()).slice(0, 10)).toBe('2022-09-01');
    const records = (name: string) => {
      const data = sheets.find((s) => s.sheet.startsWith(name))?.data ?? [];
      const [head, ...rest] = data;
      return rest.map(
        (row): Record<string, unknown> => Object.fromEntries((head ?? []).map((h, i) => [String(h), row[i]])),
      );
    };
    const figures = [
      'Radio and TV spots',
      'Social media posts',
      'Paid media',
      'E-mail, SMS and notices',
      'Other outreach',
    ]
      .flatMap(records)
      .map(
        (r): Record<string, unknown> => ({
          ...r,
          link: r.link ?? '',
          date: r.date instanceof Date ? r.date.toISOString().slice(0, 10) : (r.date ?? ''),
          period_start: (r.period_start as Date).toISOString().slice(0, 10),
          period_end: (r.period_end as Date).toISOString().slice(0, 10),
        }),
      );
    const byKey = new Map(figures.map((r) => [keyOf(r, FIGURE_KEY), r]));
    const expected = campaign.filter((r) => r.period_start === '2022-09-01');
    expect(figures.length).toBe(expected.length);
    for (const row of expected) {
      const back = byKey.get(keyOf(row, FIGURE_KEY));
      expect(back, `${row.item} ${row.metric}`).toBeDefined();
      expect(back?.value ?? null).toBe(numberOf(row.value ?? ''));
      expect(back?.is_reported_total).toBe(Number(row.is_reported_total));
    }
    const callBack = records('INETEL outbound calls');
    const expectedCalls = calls.filter((r) => r.period_start === '2022-09-01');
    expect(callBack.length).toBe(expectedCalls.length);
    for (const [i, row] of expectedCalls.entries()) {
      expect(typeof callBack[i]?.count).toBe('number');
      expect(callBack[i]?.count).toBe(Number(row.count));
    }
    const contactBack = records('INETEL inbound contacts');
    expect(contactBack.map((r) => r.count)).toEqual(
      contacts.filter((r) => r.period_start === '2022-09-01').map((r) => Number(r.count)),
    );
  });
});

describe('bad outreach imports', () => {
  const header = campaignCsv.split('\n')[0] ?? '';
  const good = campaignCsv.split('\n')[1] ?? '';

  it('lists every problem with line, field and message, and writes nothing', async () => {
    const staff = await bearer('staff');
    const before = await count('outreach_figures');
    const lines = [
      header,
      good.replace(',radio,', ',carrier_pigeon,'),
      good.replace(',17262,', ',-5,'),
      good.replace(',17262,', ',"17,262",'),
      good.replace(',2020-10-31,', ',2020-09-01,'),
      good.replace('2020-09-01,2020-11-30', '2020-11-30,2020-09-01'),
      good,
      good,
    ];
    const response = await send('figures', `${lines.join('\n')}\n`, staff);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { code: string; details: { line: number; field: string }[] } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.map((d) => [d.line, d.field])).toEqual([
      [2, 'channel'],
      [3, 'value'],
      [4, 'value'],
      [5, 'date_end'],
      [6, 'period_end'],
      [8, ''],
    ]);
    expect(await count('outreach_figures')).toBe(before);
  });

  it('names wrong and missing columns, and a calls file sent as figures', async () => {
    const staff = await bearer('staff');
    const before = await count('outreach_inetel_contacts');
    const wrong = await send('figures', `${header.replace('channel', 'canal')}\n${good}\n`, staff);
    expect(wrong.status).toBe(422);
    const fields = ((await wrong.json()) as { error: { details: { field: string }[] } }).error.details.map(
      (d) => d.field,
    );
    expect(fields).toEqual(['channel', 'canal']);
    const calls = await send('figures', callsCsv, staff);
    expect(calls.status).toBe(422);
    const contactsBad = contactsCsv.replace(',5307,', ',-1,');
    const inetel = await send('inetel', contactsBad, staff);
    expect(inetel.status).toBe(422);
    expect(await count('outreach_inetel_contacts')).toBe(before);
  });

  it('refuses a 20 MB file with 413, other media types with 415, and strangers with 401/403', async () => {
    const staff = await bearer('staff');
    const before = await count('outreach_figures');
    const big = new Uint8Array(20 * 1024 * 1024).fill(0x61);
    expect((await send('figures', big, staff)).status).toBe(413);
    expect((await send('figures', campaignCsv, staff, 'application/json')).status).toBe(415);
    expect((await send('figures', campaignCsv, {})).status).toBe(401);
    expect((await send('figures', campaignCsv, await bearer('partner', 'CASAMX'))).status).toBe(403);
    expect((await call('/api/v1/outreach/report?from=2022-11-15&to=2022-09-01', { headers: staff })).status).toBe(422);
    expect(await count('outreach_figures')).toBe(before);
  });
});
