// What a reader finds on 30 November 2026, with every election past and the next cycle announced without dates:
// the home page, three state pages of the finder, the planner and the dashboard lead with what to do now and with
// the next cycle, labelled with the month of the report it comes from; the home page shows the latest figure
// rendered by the Worker, with no JavaScript, and a link to its latest cut. Real wrangler dev with the demo data, real Chromium.
import { describe, expect, it } from 'vitest';
import { useSession } from './support/session.ts';

const session = useSession();

// The reader's clock: the finder recomputes phases and countdowns with it (the build day is the pages' own).
const TODAY = new Date('2026-11-30T15:00:00Z');

const WORDS = {
  es: {
    title: 'Entre elecciones',
    next: 'Lo que sigue',
    cycle: 'Procesos Electorales Locales 2026-2027',
    month: 'diciembre de 2024',
    asOf: 'Cifras al 15 de noviembre de 2022',
  },
  en: {
    title: 'Between elections',
    next: 'What comes next',
    cycle: '2026-2027 Local Elections',
    month: 'December 2024',
    asOf: 'Figures as of November 15, 2022',
  },
} as const;

const PAGES = [
  '',
  'que-puedo-votar/jalisco/',
  'que-puedo-votar/oaxaca/',
  'que-puedo-votar/zacatecas/',
  'planificador/',
  'dashboard/',
];

describe('between elections', () => {
  for (const lang of ['es', 'en'] as const) {
    it(`leads the home page, three state pages, the planner and the dashboard with what to do now (${lang})`, async () => {
      const context = await session.browser.newContext();
      await context.clock.setFixedTime(TODAY);
      const page = await context.newPage();
      const words = WORDS[lang];
      for (const path of PAGES) {
        const url = `${session.server.url}/${lang}/${path}`;
        expect((await page.goto(url))?.status(), url).toBe(200);
        const block = page.locator('[data-between-elections]');
        await expect.poll(() => block.isVisible(), { message: url }).toBe(true);
        expect(await block.locator('h2').textContent(), url).toContain(words.title);
        // What to do now: the credential, its activation, what to expect, each with its link.
        expect(await block.locator('.between-actions > li').count(), url).toBe(3);
        for (const href of await block
          .locator('.between-actions a')
          .evaluateAll((links) => links.map((a) => a.getAttribute('href'))))
          expect(
            (await page.request.get(`${session.server.url}${href?.split('#')[0]}`)).status(),
            `${url} → ${href}`,
          ).toBe(200);
        // The next cycle, labelled with the report it comes from, and no date it does not have.
        const next = block.locator('[data-next-cycle]');
        expect(await next.locator('h3').textContent()).toBe(words.next);
        expect(await next.textContent(), url).toContain(words.cycle);
        expect(await next.textContent(), url).toContain(words.month);
        // It leads: nothing but the page's title and introduction comes before it in the main content.
        const before = await page.evaluate(() => {
          const main = document.querySelector('main');
          const between = document.querySelector('[data-between-elections]');
          const cards = [...(main?.querySelectorAll('.process-card, .steps, #dashboard-root, .planner-form') ?? [])];
          return cards.filter(
            (card) => between && card.compareDocumentPosition(between) & Node.DOCUMENT_POSITION_FOLLOWING,
          ).length;
        });
        expect(before, `${url}: content placed before the guidance`).toBe(0);
      }
      await context.close();
    });
  }

  it('shows the latest figure on the home page without JavaScript, as of the moment it describes', async () => {
    const context = await session.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const lang of ['es', 'en'] as const) {
      await page.goto(`${session.server.url}/${lang}/`);
      expect(await page.locator('#home-live .live-total').textContent()).toBe('3,641');
      expect(await page.locator('#home-live').textContent()).toContain(WORDS[lang].asOf);
      expect(await page.locator(`#home-live a[href="/${lang}/dashboard/"]`).count()).toBe(1);
      // The latest cut, the copy a reader can cite, opens as its printable report.
      const cut = `/${lang}/dashboard/cortes/pel-2022-2023/2022-11-15/`;
      expect(await page.locator('#home-live .latest-cut a').getAttribute('href')).toBe(cut);
      expect((await page.request.get(`${session.server.url}${cut}`)).status()).toBe(200);
    }
    await context.close();
  });

  it('publishes the announced process with no dates and a calendar that has no events yet', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/en/procesos/pel-2026-2027/`);
    expect(await page.locator('h1').textContent()).toBe('2026-2027 Local Elections');
    expect(await page.locator('main').textContent()).toContain('Registration dates: not published yet.');
    // No process date: the one date on the page is the day its dated statement was last checked.
    const dates = page.locator('main time');
    expect(await dates.evaluateAll((times) => times.filter((time) => !time.closest('.checked')).length)).toBe(0);
    expect(await page.locator('main .checked time').count()).toBe(1);
    const calendar = await page.request.get(`${session.server.url}/es/procesos/pel-2026-2027/todos.ics`);
    expect(calendar.status()).toBe(200);
    const text = await calendar.text();
    expect(text).toContain('BEGIN:VCALENDAR');
    expect(text).not.toContain('BEGIN:VEVENT');
    await page.close();
  });
  // The home page, a state page and the glossary are audited with axe by page-sweep.test.ts, on this same server
  // (its ACCESSIBILITY_PAGES list holds them in its sweep of the sitemap): one audit each per run, not two.
});
