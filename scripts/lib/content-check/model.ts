// What the content checks pass around: the languages, a page as read, the problems found and the result.
import type { PageCollection } from '../../../site/content/routes.ts';

/** The site's languages, in the order routes are listed. */
export const LANGS = ['es', 'en'] as const;
/** A site language. */
export type Lang = (typeof LANGS)[number];

/** Whether a path segment names a site language. */
export function isLang(value: unknown): value is Lang {
  return value === 'es' || value === 'en';
}

/** One thing wrong in one file, with the fix. */
export interface Problem {
  file: string;
  message: string;
}

/** How one page stands in each language. */
export interface TranslationRow {
  collection: PageCollection;
  slug: string;
  es: string;
  en: string;
  status: 'translated' | 'missing English' | 'missing Spanish' | 'English older' | 'Spanish older';
}

/** What the check found. */
export interface CheckResult {
  errors: Problem[];
  warnings: Problem[];
  translations: TranslationRow[];
  files: number;
}

/** Where to look: a content root (the repository, or a fixture) and the publishing day. */
export interface CheckOptions {
  root: string;
  today: string;
  /** The Astro pages whose routes links may point to (defaults to the repository's). */
  pagesDir?: string;
}

/** One content page as read: `data` is its validated front matter, or null when that failed. */
export interface PageFile {
  file: string;
  collection: PageCollection;
  lang: Lang;
  slug: string;
  data: Record<string, unknown> | null;
  body: string;
}
