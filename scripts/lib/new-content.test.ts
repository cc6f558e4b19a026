import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkContent } from './content-check.ts';
import { scaffold } from './new-content.ts';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('npm run new', () => {
  it.each(['guides', 'news', 'events', 'notices', 'faq'])(
    'scaffolds a %s page in both languages that passes the content check',
    async (collection) => {
      root = mkdtempSync(join(tmpdir(), 'new-content-'));
      const files = await scaffold(root, collection, 'mi-pagina', '2026-11-23');
      expect(files.map((file) => file.slice(root.length))).toEqual([
        `/content/${collection}/es/mi-pagina.mdx`,
        `/content/${collection}/en/mi-pagina.mdx`,
      ]);
      expect(readFileSync(files[0] as string, 'utf8')).toContain('draft: true');
      const result = await checkContent({ root, today: '2026-11-23' });
      expect(result.errors).toEqual([]);
      expect(result.translations).toEqual([
        { collection, slug: 'mi-pagina', es: '2026-11-23 (draft)', en: '2026-11-23 (draft)', status: 'translated' },
      ]);
    },
  );

  it('refuses unknown collections, bad slugs and existing files with the fix', async () => {
    root = mkdtempSync(join(tmpdir(), 'new-content-'));
    await expect(scaffold(root, 'blog', 'x', '2026-11-23')).rejects.toThrow(
      "'blog' is not a collection. Use one of: guides, news, events, notices, faq.",
    );
    await expect(scaffold(root, 'guides', 'Mi Guía', '2026-11-23')).rejects.toThrow(
      "'Mi Guía' cannot be a web address.",
    );
    await scaffold(root, 'guides', 'x', '2026-11-23');
    await expect(scaffold(root, 'guides', 'x', '2026-11-23')).rejects.toThrow(/already exist\. Pick another slug/);
  });
});
