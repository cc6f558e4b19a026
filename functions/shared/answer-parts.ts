import { z } from '@hono/zod-openapi';
import { LANGS, type Lang } from './i18n.ts';

// Pieces the features' answer schemas (`*/answers.ts`) are built from.

/** A text in every language of the site. */
export const perLanguage = z.object(
  Object.fromEntries(LANGS.map((lang) => [lang, z.string()])) as Record<Lang, z.ZodString>,
);

/** One count per category of `keys`, zero when empty. */
export const counts = (keys: readonly string[]) =>
  z.object(Object.fromEntries(keys.map((key) => [key, z.number().int()]))).describe('Every category, zero when empty.');

/** A calendar day. */
export const date = z.string().describe('YYYY-MM-DD');
