// The outreach report in Chromium: the demo data holds the shared tables (`npm run outreach:import`'s code
// sends them again and changes nothing), a staff
// token is typed on the staff page, the 2022 report period is chosen, its tables and charts show, and the
// page prints to a PDF.
import { beforeAll, describe, expect, it } from 'vitest';
import { importFile, routeOf } from '../scripts/outreach-import.ts';
import { createToken } from '../scripts/token.ts';
import { axeViolations } from './support/axe.ts';
import { useSession } from './support/session.ts';

// The shared server holds the demo data, outreach tables included.
const session = useSession();
let staff: string;
const FILES = ['campaign_metrics.csv', 'inetel_calls.csv', 'inetel_contacts.csv'].map(
  (name) => new URL(`../db/seed/outreach/${name}`, import.meta.url).pathname,
);

beforeAll(async () => {
  staff = await createToken('staff', 'e2e outreach', session.server.persistTo);
});

describe('outreach import script', () => {
  it('finds the demo tables already loaded by npm start, so the same files change nothing', async () => {
    expect(routeOf('process,period_start,period_end,call_type\n')).toBe('inetel');
    expect(routeOf('report,period_start,period_end,area,channel\n')).toBe('figures');
    const again = await Promise.all(FILES.map((file) => importFile(session.server.url, staff, file)));
    expect(again.map((r) => r.text.replace(/^.*: /, ''))).toEqual([
      '0 new, 0 changed, 262 unchanged',
      '0 new, 0 changed, 56 unchanged',
      '0 new, 0 changed, 39 unchanged',
    ]);
    const refused = await importFile(session.server.url, 'not-a-token', FILES[0] ?? '');
    expect(refused.ok).toBe(false);
  });
});

describe('staff page outreach report', () => {
  it('chooses the 2022 period, shows the tables and charts, and prints to PDF', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${session.server.url}/en/staff/`);
    await page.getByLabel('Staff token').fill(staff);
    const period = page.getByLabel('Report period');
    await expect
      .poll(() => period.locator('option').allTextContents(), { timeout: 10_000 })
      .toEqual([
        '2024-09-01 – 2024-11-30',
        '2022-09-01 – 2022-11-15',
        '2020-09-01 – 2020-11-30',
        '2019-03-01 – 2019-05-31',
      ]);
    await period.selectOption('2022-09-01|2022-11-15');
    await page.getByRole('button', { name: 'Show report' }).click();
    const report = page.locator('#outreach-report');
    await expect.poll(() => report.locator('section[data-table]').count(), { timeout: 10_000 }).toBeGreaterThan(5);
    expect(await report.locator('h2').textContent()).toContain('2022-09-01 – 2022-11-15');
    for (const table of ['spots', 'digital_posts', 'paid_media', 'inetel_calls', 'inetel_contacts', 'site']) {
      expect(await report.locator(`section[data-table="${table}"]`).count(), table).toBe(1);
    }
    // Charts: bar tables with visible bars; the calls chart has one bar per outcome row.
    expect(await report.locator('figure.outreach-chart').count()).toBeGreaterThan(5);
    const widths = await report
      .locator('figure[data-chart="inetel-calls"] .bar')
      .evaluateAll((bars) => bars.map((bar) => bar.getBoundingClientRect().width));
    expect(widths.length).toBeGreaterThan(3);
    expect(Math.max(...widths)).toBeGreaterThan(100);
    // A figure from the 2022 report, and its printed total flagged.
    const calls = await report.locator('section[data-table="inetel_calls"]').textContent();
    expect(calls).toContain("report's total");
    expect(await report.locator('section[data-table="events"] li').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);
    // Printing keeps the report and drops the forms.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('form[data-outreach-import]').isVisible()).toBe(false);
    expect(await report.locator('section[data-table="spots"]').isVisible()).toBe(true);
    await context.close();
  });
});
