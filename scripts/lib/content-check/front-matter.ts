// Front-matter validation: reads a page's `---` block as YAML and checks it against its collection's zod schema
// (the same schemas the build uses), turning every issue into a sentence that says what to fix.
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { PageCollection } from '../../../site/content/routes.ts';
import { eventSchema, faqSchema, guideSchema, newsSchema, noticeSchema } from '../../../site/content/schemas.ts';
import type { Lang } from '../../../site/i18n/locales.ts';
import { describeIssue } from '../zod-issues.ts';
import type { PageFile, Problem } from './model.ts';

/** The schema each page collection's front matter must meet. */
export const PAGE_SCHEMAS: Record<PageCollection, z.ZodType> = {
  guides: guideSchema,
  news: newsSchema,
  events: eventSchema,
  notices: noticeSchema,
  faq: faqSchema,
};

/** Splits `---` front matter from the body; null when the file has none. */
export function splitFrontMatter(text: string): { yaml: string; body: string; bodyLine: number } | null {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return null;
  return { yaml: match[1] ?? '', body: text.slice(match[0].length), bodyLine: match[0].split('\n').length };
}

/** Reads one page and validates its front matter; problems go to `errors`, and the page comes back either way. */
export async function readPage(
  path: string,
  collection: PageCollection,
  lang: Lang,
  slug: string,
  schema: z.ZodType,
  file: string,
  errors: Problem[],
): Promise<PageFile> {
  const text = await readFile(path, 'utf8');
  const split = splitFrontMatter(text);
  if (!split) {
    errors.push({
      file,
      message: 'has no front matter. Start the file with a --- block holding title, description and updated.',
    });
    return { file, collection, lang, slug, data: null, body: text, bodyLine: 1 };
  }
  let raw: unknown;
  try {
    raw = parseYaml(split.yaml);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    errors.push({ file, message: `has front matter that is not valid YAML (${reason}). Fix the front matter.` });
    return { file, collection, lang, slug, data: null, body: split.body, bodyLine: split.bodyLine };
  }
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      errors.push({ file, message: `${describeIssue(issue, raw)}. Fix the front matter.` });
    return { file, collection, lang, slug, data: null, body: split.body, bodyLine: split.bodyLine };
  }
  return {
    file,
    collection,
    lang,
    slug,
    data: parsed.data as Record<string, unknown>,
    body: split.body,
    bodyLine: split.bodyLine,
  };
}
