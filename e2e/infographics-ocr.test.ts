// Every image prints its publication code where OCR reads it back (issue 31: "legible: OCR must read it back at the
// smallest size"): each template, size and language of the demo data, served by the real Worker, read whole by
// Tesseract with its defaults (what a reader's phone or a fact-checker's script does), normalised as the lookup does.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SIZE_NAMES, TEMPLATE_PARAMS } from '../functions/domain/infographics.ts';
import { normaliseCode } from '../functions/publications/code.ts';
import { LANGS } from '../site/i18n/locales.ts';
import { sharedServer } from './support/session.ts';

// A demo process with cuts, so cut-changes draws a comparison.
const PROCESS = 'pel-2022-2023';
const TESSERACT = process.env.TESSERACT_PATH ?? 'tesseract';
const INSTALL = 'Debian: apt-get install tesseract-ocr tesseract-ocr-eng (.ci/run installs them)';

const tesseractPresent = spawnSync(TESSERACT, ['--version']).status === 0;
// CI must read every image; only a developer's machine without Tesseract may skip, and says so.
const inCi = process.env.CI === 'true';
if (!tesseractPresent && !inCi) console.warn(`infographics-ocr: SKIPPED, tesseract is not installed (${INSTALL})`);

/** One image to read: the figure templates in both languages, and page cards of a page in each language. */
const images = [
  ...Object.keys(TEMPLATE_PARAMS)
    .filter((template) => template !== 'page-card')
    .flatMap((template) =>
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
];

// OCR_KEEP=DIR keeps the images read, to look at the one that failed.
const dir = process.env.OCR_KEEP ?? mkdtempSync(join(tmpdir(), 'ocr-'));
afterAll(() => {
  if (!process.env.OCR_KEEP) rmSync(dir, { recursive: true, force: true });
});

/** Tesseract's text of a PNG, on one thread (two shared cores). */
function ocr(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(TESSERACT, [file, 'stdout'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`tesseract exited ${code}: ${stderr}`)),
    );
  });
}

/** Every run of text that could be a code as typed (two groups of five, dash or not), normalised as the lookup does. */
function codesIn(text: string): string[] {
  const found = text.match(/\b[0-9a-z]{5}\s?[-–—]?\s?[0-9a-z]{5}\b/gi) ?? [];
  return found.map((typed) => normaliseCode(typed)).filter((code): code is string => code !== null);
}

describe.skipIf(!tesseractPresent && !inCi)('the code on every image reads back by OCR', () => {
  it.each(images)('$name', async ({ template, query }) => {
    expect(tesseractPresent, `tesseract is not installed (${INSTALL})`).toBe(true);
    const search = new URLSearchParams(query).toString();
    const base = `${sharedServer().url}/api/v1/infographics/${template}`;
    const described = await fetch(`${base}.json?${search}`);
    expect(described.status, `${template}.json?${search}`).toBe(200);
    const { code } = (await described.json()) as { code: string };
    const png = await fetch(`${base}.png?${search}`);
    expect(png.status, `${template}.png?${search}`).toBe(200);
    const file = join(dir, `${template}-${query.size}-${'lang' in query ? query.lang : query.page.slice(1, 3)}.png`);
    writeFileSync(file, new Uint8Array(await png.arrayBuffer()));
    const text = await ocr(file);
    const line = text.split('\n').find((l) => /verif/i.test(l)) ?? '(no verification line read)';
    expect(codesIn(text), `read "${line.trim()}" for ${code}`).toContain(code);
  });
});
