// Over 250 lines on purpose: one Chromium session of the editor over one throw-away content copy; each case builds on that session and server.
// The content editor in local mode, driven in real Chromium: it saves into a throw-away copy of the repository's
// content (so the working tree is never touched, even when a step fails), and what it saves must pass content:check
// and build into pages in both languages.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CmsServer, startCmsServer } from '../scripts/lib/cms/server.ts';
import { checkContent } from '../scripts/lib/content-check.ts';
import { launchChromium } from './support/browser.ts';
import { buildFromCopy } from './support/build-copy.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DAY = '2026-11-30';
const RUN = `${Date.now()}`;
let work = '';
let server: CmsServer;
let browser: Browser;
let page: Page;

/** A real PNG of `width`×`height` (one grey row per line), so content:check can read its size. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const rows = Buffer.concat(Array.from({ length: height }, () => Buffer.from([0, ...Array(width).fill(128)])));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Opens the editor (local mode signs in with one click, no account) on `hash`, in English: the steps below name
 * Decap's English buttons (the first test checks the Spanish default).
 */
async function openEditor(hash: string): Promise<void> {
  await page.goto(`${server.url}/admin/?lang=en`);
  const login = page.getByRole('button', { name: 'Login' });
  await Promise.race([login.click(), page.getByText('Collections').first().waitFor()]);
  await page.getByText('Collections').first().waitFor();
  await page.goto(`${server.url}/admin/?lang=en#${hash}`);
}

/** Field `name` of the Spanish (0) or English (1) side. */
function field(side: 0 | 1, name: string) {
  return page.locator(`input[id^="${name}-field"], textarea[id^="${name}-field"]`).nth(side);
}

async function publish(): Promise<void> {
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByText('Publish now').click();
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'voto-cms-'));
  await cp(join(ROOT, 'content'), join(work, 'content'), { recursive: true });
  await cp(join(ROOT, 'public'), join(work, 'public'), { recursive: true });
  server = await startCmsServer({ root: work, port: 0, today: DAY });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('content editor (local mode)', () => {
  it('opens in Spanish, with no missing-glyph box, and switches to English on request', async () => {
    await page.goto(`${server.url}/admin/`);
    const login = page.getByRole('button', { name: 'Iniciar sesión' });
    await Promise.race([login.click(), page.getByText('Colecciones').first().waitFor()]);
    await page.getByText('Colecciones', { exact: true }).first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await expect.poll(() => page.getByText('Contenido', { exact: true }).count()).toBeGreaterThan(0);
    await page.goto(`${server.url}/admin/#/collections/guides`);
    // The new-entry button: Decap's tables write it with U+FF0B, drawn as a box where no font has that glyph.
    const newEntry = page.getByRole('link', { name: /Crear una entrada/ });
    await newEntry.waitFor();
    expect(await newEntry.textContent()).toBe('+ Guías / Guides');
    expect(await page.locator('body').textContent()).not.toContain('\uFF0B');
    await page.getByRole('link', { name: 'English', exact: true }).click();
    await page.getByText('Collections', { exact: true }).first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('link', { name: 'Español', exact: true }).count()).toBe(1);
  });

  it('npm run cms starts the editor with no account and prints its address', async () => {
    const cli = spawn(process.execPath, [join(ROOT, 'scripts/cms.ts'), '--port', '0', '--root', work], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      let printed = '';
      cli.stdout.on('data', (chunk) => {
        printed += String(chunk);
      });
      await expect
        .poll(() => printed, { timeout: 20_000 })
        .toMatch(/Content editor: http:\/\/127\.0\.0\.1:\d+\/admin\//);
      const url = /http:\/\/\S+\/admin\//.exec(printed)?.[0] ?? '';
      expect((await fetch(url)).status).toBe(200);
      const config = await (await fetch(`${url}config.yml`)).text();
      expect(config).toContain('name: proxy');
    } finally {
      const exited = new Promise((resolve) => cli.once('exit', resolve));
      cli.kill('SIGTERM');
      await exited;
    }
  });

  it('serves /admin/ with its own CSP, never indexed, and lists what lacks English', async () => {
    const response = await fetch(`${server.url}/admin/`);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self' 'unsafe-eval'");
    expect(response.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(await response.text()).toContain('<meta name="robots" content="noindex, nofollow">');
    // A page written only in Spanish shows up in the editor's translation status, as in content:check's table.
    const spanishOnly = join(work, 'content/notices/es/solo-en-espanol.mdx');
    await writeFile(
      spanishOnly,
      `---\ntitle: Solo en español\ndescription: Un aviso que todavía no tiene versión en inglés.\nupdated: ${DAY}\ndate: ${DAY}\nchecked_on: ${DAY}\nsource: Cuarto informe del INE, apartado 2\n---\n\nTexto.\n`,
    );
    try {
      const { translations } = await checkContent({ root: work, today: DAY });
      const row = translations.find((r) => r.slug === 'solo-en-espanol');
      expect(row?.status).toBe('missing English');
      const table = await (await fetch(`${server.url}/admin/translations.html`)).text();
      expect(table).toContain(
        `<td>notices</td><td>solo-en-espanol</td><td>${DAY}</td><td>—</td><td>missing English</td>`,
      );
      const lagging = translations.filter((r) => r.status !== 'translated').length;
      expect(table).toContain(`${lagging} de ${translations.length}`);
    } finally {
      await rm(spanishOnly);
    }
  });

  it('creates a news item in both languages with an image and its alt text that passes content:check and builds', async () => {
    await mkdir(join(work, 'upload'), { recursive: true });
    const image = join(work, 'upload/cartel-editor.png');
    await writeFile(image, png(12, 8));
    await openEditor('/collections/news');
    await page.getByText('Media', { exact: true }).first().click();
    await page.locator('input[type=file]').setInputFiles(image);
    await page.getByText('cartel-editor.png').first().waitFor();
    await page.keyboard.press('Escape');

    await page.goto(`${server.url}/admin/#/collections/news/new`);
    await field(0, 'title').waitFor();
    // New entries start as drafts in both languages.
    expect(await page.locator('button[id^="draft-field"][aria-checked="true"]').count()).toBe(2);

    const texts: Record<'es' | 'en', [string, string, string]> = {
      es: [
        'Prueba del editor de contenido',
        'Una noticia escrita en el editor, en español y en inglés.',
        'Cartel de la campaña',
      ],
      en: ['Content editor test', 'A news item written in the editor, in Spanish and in English.', 'Campaign poster'],
    };
    for (const [side, lang] of [
      [0, 'es'],
      [1, 'en'],
    ] as const) {
      const [title, description, alt] = texts[lang];
      await field(side, 'title').fill(title);
      await field(side, 'description').fill(description);
      await field(side, 'updated').fill(DAY);
      await field(side, 'date').fill(DAY);
      await page.locator('button[id^="draft-field"]').nth(side).click();
      // A text of its own each run: Astro's content cache skips an entry whose text it has seen before, at the
      // path of an earlier (deleted) copy, and the build would not find it.
      await field(side, 'body').fill(`## ${title}\n\nTexto ${RUN}.\n\n![${alt}](/materiales/cartel-editor.png)\n`);
    }
    await publish();
    const saved = join(work, 'content/news/es/prueba-del-editor-de-contenido.mdx');
    await expect.poll(() => readFile(saved, 'utf8').catch(() => ''), { timeout: 15_000 }).toContain('title:');
    const english = await readFile(join(work, 'content/news/en/prueba-del-editor-de-contenido.mdx'), 'utf8');
    // Only the fields given, in the schema's order, and the draft flag staff turned off.
    expect(english).toMatch(
      /^---\ntitle: Content editor test\ndescription: A news item .*\ndraft: false\nupdated: 2026-11-30\ndate: 2026-11-30\n---\n/,
    );
    expect(english).toContain('![Campaign poster](/materiales/cartel-editor.png)');
    expect(await readFile(join(work, 'public/materiales/cartel-editor.png'))).toEqual(await readFile(image));

    // What `npm run content:check` decides (it prints these errors and exits 1 on any), run in this process: the
    // CLI itself runs on the repository's content in `npm test`, and a Node start here would add only seconds of CPU.
    const { errors } = await checkContent({ root: work, today: DAY });
    expect(errors).toEqual([]);

    const out = join(work, 'dist');
    await buildFromCopy(work, out, DAY);
    const es = await readFile(join(out, 'es/noticias/prueba-del-editor-de-contenido/index.html'), 'utf8');
    const en = await readFile(join(out, 'en/noticias/prueba-del-editor-de-contenido/index.html'), 'utf8');
    expect(es).toContain('Prueba del editor de contenido');
    expect(es).toMatch(/<img[^>]*alt="Cartel de la campaña"/);
    expect(en).toContain('Content editor test');
    expect(en).toMatch(/<img[^>]*alt="Campaign poster"/);
    // Up to two builds: the content-build test's may hold the build lock first (e2e files run two at once).
  }, 420_000);

  it('refuses an entry missing a required field with the message content:check gives', async () => {
    // What content:check says about a news file without a description.
    const fixture = await mkdtemp(join(tmpdir(), 'voto-cms-check-'));
    try {
      await mkdir(join(fixture, 'content/news/es'), { recursive: true });
      await writeFile(
        join(fixture, 'content/news/es/sin-descripcion.mdx'),
        `---\ntitle: Sin descripción\nupdated: ${DAY}\ndate: ${DAY}\n---\n\nTexto.\n`,
      );
      const { errors } = await checkContent({ root: fixture, today: DAY });
      expect(errors.map((error) => error.message)).toEqual(["'description' is required. Fix the front matter."]);
    } finally {
      await rm(fixture, { recursive: true, force: true });
    }

    await openEditor('/collections/news/new');
    await field(0, 'title').waitFor();
    for (const side of [0, 1] as const) {
      await field(side, 'title').fill('Sin descripción');
      await field(side, 'updated').fill(DAY);
      await field(side, 'date').fill(DAY);
      await field(side, 'body').fill('Texto.');
    }
    await publish().catch(() => undefined);
    await expect
      .poll(() => page.getByText("'description' is required. Fix the front matter.").count())
      .toBeGreaterThan(0);
    await expect(readFile(join(work, 'content/news/es/sin-descripcion.mdx'))).rejects.toThrow();
  });

  it("records a material's real pixel size on save and keeps the file's comments", async () => {
    const path = join(work, 'content/materials.yaml');
    const before = await readFile(path, 'utf8');
    const written = (await stat(path)).mtimeMs;
    await openEditor('/collections/data/entries/materials');
    const dimensions = page.locator('input[id^="dimensions-field"]').first();
    // Expand the first entry (its top bar's first button).
    const label = page.getByText('banner-credencial-consulado-2024-es', { exact: true }).first();
    await label.locator('xpath=..').locator('button').first().click();
    await dimensions.fill('1x1');
    await publish();
    // The editor measures every material's image before it saves: on a loaded machine that takes seconds. The size
    // never reaches the disk typed wrong (it is replaced in the browser), so wait for the file to be written again.
    await expect.poll(async () => (await stat(path)).mtimeMs, { timeout: 15_000 }).toBeGreaterThan(written);
    await expect.poll(() => page.getByText('Published').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // The size typed wrong is replaced by the image's own, so the file comes back exactly as it was.
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  it("previews a page in the site's stylesheet, its table included, in Spanish and in English", async () => {
    await openEditor('/collections/guides/entries/formas-de-votar');
    await page.getByRole('button', { name: 'Toggle preview' }).click();
    const preview = page.locator('iframe').first().contentFrame();
    await expect.poll(() => preview.locator('h1').textContent()).toBe('Las tres formas de votar desde el extranjero');
    expect(await preview.locator('link[href="/admin/preview.css"]').count()).toBe(1);
    expect(await preview.locator('article.prose table').count()).toBeGreaterThan(0);
    await page.getByText('Writing in ES').first().click();
    await page.getByRole('menuitem', { name: 'en', exact: true }).click();
    await expect.poll(() => preview.locator('h1').textContent()).toBe('The three ways to vote from abroad');
  });
});
