// Finds the page files of every collection and checks that each sits where the build reads it, under a name that
// can be a web address, before its front matter is read.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { entitySlug, PAGE_COLLECTIONS } from '../../../site/content/routes.ts';
import { isLang } from '../../../site/i18n/locales.ts';
import { PAGE_SCHEMAS, readPage } from './front-matter.ts';
import type { PageFile, Problem } from './model.ts';
import { walk } from './walk.ts';

/** Every page file under `root`/content, read and validated; misplaced or misnamed files are reported in `errors`. */
export async function readPages(root: string, rel: (path: string) => string, errors: Problem[]): Promise<PageFile[]> {
  const pages: PageFile[] = [];
  for (const collection of PAGE_COLLECTIONS) {
    const dir = join(root, 'content', collection);
    if (!existsSync(dir)) continue;
    for (const path of await walk(dir)) {
      const parts = relative(dir, path).split('/');
      const lang = parts[0];
      if (parts.length !== 2 || !isLang(lang) || !path.endsWith('.mdx')) {
        errors.push({
          file: rel(path),
          message: `is not where the build reads ${collection}. Move it to content/${collection}/es/<slug>.mdx or content/${collection}/en/<slug>.mdx.`,
        });
        continue;
      }
      const slug = (parts[1] ?? '').replace(/\.mdx$/, '');
      if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
        errors.push({
          file: rel(path),
          message: `has a file name that cannot be a web address. Rename it with lowercase letters, digits and hyphens (for example ${slugSuggestion(slug)}.mdx).`,
        });
      }
      const page = await readPage(path, collection, lang, slug, PAGE_SCHEMAS[collection], rel(path), errors);
      pages.push(page);
    }
  }
  return pages;
}

function slugSuggestion(name: string): string {
  return entitySlug(name) || 'mi-pagina';
}
