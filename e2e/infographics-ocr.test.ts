// Every image prints its publication code where OCR reads it back (issue 31: "legible: OCR must read it back at the
// smallest size"): each template, size and language, served by the real Worker, read whole by Tesseract with its
// defaults (what a fact-checker's script does), and the code as read opens its verify page, as a reader would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SIZE_NAMES, TEMPLATE_PARAMS } from '../functions/domain/infographics.ts';
import { normaliseCode } from '../functions/publications/code.ts';
import { LANGS } from '../site/i18n/locales.ts';
import { runCommand } from '../tests/support/run-script.ts';
import { sharedServer } from './support/session.ts';

// A demo process with cuts, so cut-changes draws a comparison; the other demo process gives other codes at the
// smallest size.
const PROCESS = 'pel-2022-2023';
const OTHER_PROCESS = 'pel-2020-2021';
const TESSERACT = process.env.TESSERACT_PATH ?? 'tesseract';
const INSTALL = 'Debian: apt-get install tesseract-ocr tesseract-ocr-eng (.ci/run installs them)';

const tesseractPresent = spawnSync(TESSERACT, ['--version']).status === 0;
// CI must read every image; only a developer's machine without Tesseract may skip, and says so.
const inCi = process.env.CI === 'true';
if (!tesseractPresent && !inCi) console.warn(`infographics-ocr: SKIPPED, tesseract is not installed (${INSTALL})`);

const FIGURE_TEMPLATES = Object.keys(TEMPLATE_PARAMS).filter((template) => template !== 'page-card');

/** One image to read: the figure templates in both languages and every size, and page cards of a page in each. */
const images = [
  ...FIGURE_TEMPLATES.flatMap((template) =>
    LANGS.flatMap((lang) =>
      SIZE_NAMES.map((size) => ({
        name: `${template} ${size} ${lang}`,
        template,
        query: { process: PROCESS, lang, size },
      })),
    ),
  ),
  ...LANGS.flatMap((lang) =>
    SIZE_NAMES.map((size) => ({
      name: `page-card ${size} ${lang}`,
      template: 'page-card',
      query: { page: `/${lang}/`, size },
    })),
  ),
  ...FIGURE_TEMPLATES.map((template) => ({
    name: `${template} og es, ${OTHER_PROCESS}`,
    template,
    query: { process: OTHER_PROCESS, lang: 'es', size: 'og' },
  })),
];

// OCR_KEEP=DIR keeps the images read, to look at the one that failed.
const dir = process.env.OCR_KEEP ?? mkdtempSync(join(tmpdir(), 'ocr-'));
afterAll(() => {
  if (!process.env.OCR_KEEP) rmSync(dir, { recursive: true, force: true });
});

/** Tesseract's text of a PNG with its default page segmentation, on one thread (two shared cores). */
async function ocr(file: string): Promise<string> {
  const run = await runCommand(TESSERACT, [file, 'stdout'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
  if (run.code !== 0) throw new Error(`tesseract exited ${run.code}: ${run.stderr}`);
  return run.stdout;
}

/** Every run of text shaped like a code (two groups of five, dash or not), as read. */
function codesIn(text: string): string[] {
  return text.match(/\b[0-9a-z]{5}\s?[-–—]?\s?[0-9a-z]{5}\b/gi) ?? [];
}

describe.skipIf(!tesseractPresent && !inCi)('the code on every image reads back by OCR', () => {
  it.each(images)('$name', async ({ template, query }) => {
    expect(tesseractPresent, `tesseract is not installed (${INSTALL})`).toBe(true);
    const { url } = sharedServer();
    const search = new URLSearchParams(query).toString();
    const base = `${url}/api/v1/infographics/${template}`;
    const described = await fetch(`${base}.json?${search}`);
    expect(described.status, `${template}.json?${search}`).toBe(200);
    const { code } = (await described.json()) as { code: string };
    const png = await fetch(`${base}.png?${search}`);
    expect(png.status, `${template}.png?${search}`).toBe(200);
    const file = join(dir, `${template}-${new URLSearchParams(query).toString().replace(/[^a-z0-9]+/gi, '-')}.png`);
    writeFileSync(file, new Uint8Array(await png.arrayBuffer()));
    const text = await ocr(file);
    // Read as the short link reads it: Crockford's base 32 takes O for 0 and I or L for 1.
    const read = codesIn(text).find((typed) => normaliseCode(typed) === code);
    expect(read, `read "${codesIn(text).join(', ') || text.trim().split('\n').at(-1)}" for ${code}`).toBeDefined();
    // The code as read leads a reader to its publication.
    const short = await fetch(`${url}/v/${encodeURIComponent(read ?? '')}`, { redirect: 'manual' });
    expect(short.status).toBe(302);
    const page = await fetch(new URL(short.headers.get('location') ?? '', url));
    expect(page.status, `the verify page of ${read}`).toBe(200);
    expect(await page.text()).toContain(code);
  });
});
