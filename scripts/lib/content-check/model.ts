// What the content checks pass around: a page as read, the problems found and the result.
import type { PageCollection } from '../../../site/content/routes.ts';

import type { Lang } from '../../../site/i18n/locales.ts';

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
  /** How many dated (time-sensitive) statements were found. */
  statements: number;
  /** How many rows of the facts table's claims were checked. */
  facts: number;
}

/** Where to look: a content root (the repository, or a fixture) and the publishing day. */
export interface CheckOptions {
  root: string;
  today: string;
  /** The Astro pages whose routes links may point to (defaults to the repository's). */
  pagesDir?: string;
  /** The four seed reports the facts table cites (defaults to ../shared/seeds beside the root). */
  seedsDir?: string;
}

/** One content page as read: `data` is its validated front matter, or null when that failed. */
export interface PageFile {
  file: string;
  collection: PageCollection;
  lang: Lang;
  slug: string;
  data: Record<string, unknown> | null;
  body: string;
  /** The line of the file where the body starts, so problems name the file's own line numbers. */
  bodyLine: number;
}
