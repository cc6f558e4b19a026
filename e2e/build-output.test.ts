import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const DIST = new URL('../dist/', import.meta.url);

async function htmlFiles(): Promise<string[]> {
  const entries = await readdir(DIST, { recursive: true });
  return entries.filter((entry) => entry.endsWith('.html'));
}

describe('the built site', () => {
  it('has no inline scripts, so the CSP can forbid them', async () => {
    for (const file of await htmlFiles()) {
      const html = await readFile(new URL(file, DIST), 'utf8');
      const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
        ([, attrs = '', body = '']) => !/\bsrc=/.test(attrs) && !/application\/(ld\+)?json/.test(attrs) && body.trim(),
      );
      expect(inline, file).toEqual([]);
    }
  });

  it('has a 404 page per language where Workers Static Assets looks for it', async () => {
    const files = await htmlFiles();
    expect(files).toEqual(expect.arrayContaining(['404.html', 'es/404.html', 'en/404.html']));
    expect(await readFile(new URL('en/404.html', DIST), 'utf8')).toContain('lang="en"');
  });

  it('links every page to its translation with hreflang', async () => {
    for (const file of (await htmlFiles()).filter((f) => /^(es|en)\//.test(f))) {
      const html = await readFile(new URL(file, DIST), 'utf8');
      expect(html, file).toMatch(/hreflang="es"/);
      expect(html, file).toMatch(/hreflang="en"/);
    }
  });

  it('ships the security headers file generated from the Worker module', async () => {
    const headers = await readFile(new URL('_headers', DIST), 'utf8');
    expect(headers).toContain("frame-ancestors 'none'");
    // HSTS in the rules for every path (`/*`), not only in a narrower block such as `/_astro/*`.
    const everyPath = headers.split(/\n(?=\S)/).find((block) => block.startsWith('/*\n')) ?? '';
    expect(everyPath).toMatch(/^ {2}Strict-Transport-Security: max-age=63072000; includeSubDomains$/m);
  });

  it('keeps the content editor to /admin/: never indexed, out of the sitemap, loaded by no public page', async () => {
    const files = await htmlFiles();
    expect(files).toEqual(expect.arrayContaining(['admin/index.html', 'admin/translations.html']));
    for (const file of files.filter((f) => f.startsWith('admin/'))) {
      expect(await readFile(new URL(file, DIST), 'utf8'), file).toContain(
        '<meta name="robots" content="noindex, nofollow">',
      );
    }
    for (const file of files.filter((f) => !f.startsWith('admin/'))) {
      expect(await readFile(new URL(file, DIST), 'utf8'), file).not.toMatch(/\/admin\/|decap-cms/);
    }
    const sitemaps = (await readdir(DIST)).filter((name) => name.startsWith('sitemap'));
    for (const sitemap of sitemaps) expect(await readFile(new URL(sitemap, DIST), 'utf8')).not.toContain('/admin/');
    expect(await readFile(new URL('page-index.json', DIST), 'utf8')).not.toContain('/admin/');
    expect(await readFile(new URL('robots.txt', DIST), 'utf8')).toContain('Disallow: /admin/');
  });
});
