// Cuts in a real browser: a cut's embed on a partner's page (another origin) says it is a cut, links to the
// latest figures and takes its content's height; the printable cut report, printed to PDF by Chromium on A4 and
// Letter, has every table of the fortnightly reports, no row split across pages, and the date and source on
// every page.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.ts';
import { servePartnerPage } from './support/server.ts';
import { useSession } from './support/session.ts';

const session = useSession();

/** The text of each page of a PDF, as lines (items at the same height joined left to right). */
async function pdfLines(bytes: Uint8Array): Promise<string[][]> {
  const pdf = await getDocument({ data: bytes, useSystemFonts: false }).promise;
  const pages: string[][] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    const rows = new Map<number, { x: number; text: string }[]>();
    for (const item of content.items) {
      if (!('str' in item) || !item.str.trim()) continue;
      const y = Math.round(item.transform[5] / 2) * 2;
      const row = rows.get(y) ?? [];
      row.push({ x: item.transform[4], text: item.str });
      rows.set(y, row);
    }
    pages.push(
      [...rows.entries()]
        .sort((a, b) => b[0] - a[0])
        .map(([, items]) =>
          items
            .sort((a, b) => a.x - b.x)
            .map((i) => i.text)
            .join(' ')
            .replace(/\s+/g, ' '),
        ),
    );
  }
  return pages;
}

describe('cuts in the browser', () => {
  it("a cut's embed on another origin says so, links to the latest figures and fits its content", async () => {
    const src = `${session.server.url}/embed/registrations?process=pel-2022-2023&cut=2022-10-31&view=modality&lang=es`;
    const snippet = `<iframe src="${src}" data-voto-embed title="Registro" loading="lazy" style="width:100%;border:0" height="600"></iframe><script src="${session.server.url}/embed.js" async></script>`;
    const partner = await servePartnerPage(
      `<!doctype html><html lang="es"><head><title>Nota</title></head><body><h1>Nota del 1 de noviembre</h1><div style="max-width:700px">${snippet}</div></body></html>`,
    );
    try {
      const page = await session.browser.newPage({ viewport: { width: 1000, height: 800 } });
      await page.goto(partner.url);
      const frame = page.locator('iframe[data-voto-embed]');
      await expect.poll(async () => (await frame.boundingBox())?.height, { timeout: 15_000 }).not.toBe(600);
      const inner = page.frames().find((f) => f.url().includes('/embed/registrations'));
      if (!inner) throw new Error('embed frame not found');
      expect(new URL(inner.url()).origin).not.toBe(new URL(page.url()).origin);
      const notice = inner.locator('.cut-notice');
      expect(await notice.textContent()).toBe(
        'Cifras al corte del 31 de octubre de 2022 · Ver las cifras más recientes',
      );
      expect(await notice.isVisible()).toBe(true);
      expect(await axeViolations(inner)).toEqual([]);
      const latest = new URL(
        (await notice.getByRole('link', { name: 'Ver las cifras más recientes' }).getAttribute('href')) ?? '',
        inner.url(),
      );
      expect(latest.searchParams.get('cut')).toBeNull();
      expect(latest.searchParams.get('process')).toBe('pel-2022-2023');
      const fits = async () => {
        const box = await frame.boundingBox();
        const content = await inner.evaluate(() => document.documentElement.scrollHeight);
        return Math.abs((box?.height ?? 0) - content) <= 2;
      };
      await expect.poll(fits, { timeout: 10_000 }).toBe(true);
      await page.setViewportSize({ width: 360, height: 800 });
      await expect.poll(fits, { timeout: 10_000 }).toBe(true);
      // The cut's total is the cut's, not the live one.
      const cuts = (await (await fetch(`${session.server.url}/api/v1/registrations/pel-2022-2023/cuts`)).json()) as {
        date: string;
        total: number;
      }[];
      const total = cuts.find((c) => c.date === '2022-10-31')?.total ?? -1;
      expect(await inner.locator('.headline .total strong').textContent()).toBe(total.toLocaleString('es-MX'));
      await page.close();
    } finally {
      await partner.close();
    }
  });

  it('the embed builder and the infographics page offer the live figures or a chosen cut', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.server.url}/es/embed-builder/`);
    await page.selectOption('select[name="process"]', 'pel-2022-2023');
    const cut = page.locator('select[name="cut"]');
    await expect.poll(async () => cut.locator('option').count(), { timeout: 10_000 }).toBe(6);
    expect(await cut.locator('option').first().textContent()).toContain('En vivo');
    expect(await cut.locator('option[value="2022-11-15"]').textContent()).toBe('Corte del 15 de noviembre de 2022');
    const snippet = page.locator('textarea[name="snippet"]');
    expect(await snippet.inputValue()).not.toContain('cut=');
    await page.selectOption('select[name="cut"]', '2022-11-15');
    expect(await snippet.inputValue()).toContain('process=pel-2022-2023');
    expect(await snippet.inputValue()).toContain('cut=2022-11-15');
    await expect
      .poll(async () => page.frameLocator('iframe[data-preview]').locator('.cut-notice').textContent(), {
        timeout: 10_000,
      })
      .toContain('Cifras al corte del 15 de noviembre de 2022');

    await page.goto(`${session.server.url}/en/infografias/`);
    await page.selectOption('select[name="process"]', 'pel-2020-2021');
    await expect.poll(async () => cut.locator('option').count(), { timeout: 10_000 }).toBe(7);
    await page.selectOption('select[name="template"]', 'cut-changes');
    await page.selectOption('select[name="cut"]', '2020-10-31');
    const img = page.locator('img[data-preview]');
    await expect.poll(async () => img.getAttribute('src'), { timeout: 10_000 }).toContain('cut=2020-10-31');
    expect(await img.getAttribute('src')).toContain('/api/v1/infographics/cut-changes.png');
    await expect
      .poll(async () => page.locator('textarea[data-alt]').inputValue(), { timeout: 10_000 })
      .toContain('From the cut of October 15, 2020 to that of October 31, 2020');
    await page.close();
  });

  for (const format of ['A4', 'Letter'] as const) {
    it(`the cut report prints on ${format} with every table, no row split and the date and source on every page`, async () => {
      const page = await session.browser.newPage();
      const response = await page.goto(`${session.server.url}/es/dashboard/cortes/pel-2022-2023/2022-11-15/`);
      expect(response?.status()).toBe(200);
      const rows = await page.$$eval('main table tr', (trs) =>
        trs
          .filter((tr) => tr.querySelector('td'))
          .map((tr) => [...tr.children].map((cell) => (cell as HTMLElement).textContent.trim())),
      );
      const titles = await page.$$eval('main section h2', (hs) => hs.map((h) => (h as HTMLElement).textContent.trim()));
      expect(titles).toEqual([
        'Modalidad de voto',
        'Credencial',
        'País de residencia',
        'Sexo',
        'Medio de registro',
        'Estado de la revisión',
        'Estado de origen',
        'Cambios desde el corte del 31 de octubre de 2022',
      ]);
      if (format === 'A4') expect(await axeViolations(page)).toEqual([]);
      const pages = await pdfLines(new Uint8Array(await page.pdf({ format, printBackground: true })));
      expect(pages.length).toBeGreaterThanOrEqual(titles.length);
      const all = pages.flat();
      for (const title of titles) expect(all, title).toContain(title);
      // The margin boxes: the process, the cut's date and the source on every page.
      for (const [n, lines] of pages.entries()) {
        expect(
          lines.some((line) => line.includes('Corte del 15 de noviembre de 2022 · Fuente: INE, SRVE')),
          `page ${n + 1}`,
        ).toBe(true);
      }
      // Each table starts a page: its title is on a different page from the previous one's.
      const pageOf = (title: string) => pages.findIndex((lines) => lines.includes(title));
      const starts = titles.map(pageOf);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      expect(new Set(starts).size).toBe(titles.length);
      // Every row is whole on one line of one page: its label and its last figure side by side.
      expect(rows.length).toBeGreaterThan(50);
      for (const cells of rows) {
        const first = cells[0] ?? '';
        const last = cells.at(-1) ?? '';
        const whole = pages.some((lines) => lines.some((line) => line.startsWith(first) && line.endsWith(last)));
        expect(whole, `row ${cells.join(' | ')}`).toBe(true);
      }
      await page.close();
    });
  }
});
