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

/**
 * `true` only when two types hold each other: a data type kept beside its answer schema (one the site also reads,
 * which cannot import a feature's schema) is checked with `const _same: SameShape<Data, z.output<typeof Answer>> =
 * true`, which fails `tsc` as soon as a field is added to, dropped from or retyped in either one.
 */
export type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
