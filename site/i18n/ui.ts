import { z } from 'zod';
import { isLang, type Lang } from './locales.ts';
import en from './ui/en.json' with { type: 'json' };
import es from './ui/es.json' with { type: 'json' };

/** Spanish is the reference: every key it has must exist, non-empty, in every language. */
const uiSchema = z.strictObject(
  Object.fromEntries(Object.keys(es).map((key) => [key, z.string().trim().min(1)])) as Record<
    keyof typeof es,
    z.ZodString
  >,
);

/** A key of the UI string tables (`site.name`, `home.title`, ...). */
export type UiKey = keyof typeof es;

function load(lang: Lang, table: unknown): Record<UiKey, string> {
  const parsed = uiSchema.safeParse(table);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `'${issue.path.join('.') || issue.message}': ${issue.message}`)
      .join('; ');
    throw new Error(
      `site/i18n/ui/${lang}.json does not match site/i18n/ui/es.json (${problems}). Add the missing keys or remove the extra ones.`,
    );
  }
  return parsed.data;
}

const tables: Record<Lang, Record<UiKey, string>> = { es: load('es', es), en: load('en', en) };

/** Returns the translator for one language: `t('home.title')`. */
export function useTranslations(lang: Lang): (key: UiKey) => string {
  return (key) => tables[lang][key];
}

/** A page's language, from its `[lang]` route parameter (checked, not cast), and that language's translator. */
export function pageLanguage(param: string | undefined): { lang: Lang; t: (key: UiKey) => string } {
  if (!isLang(param)) throw new Error(`No such language: ${param}. Pages are built only for the languages in LOCALES.`);
  return { lang: param, t: useTranslations(param) };
}

/** The sign-in strip's words, the same on every signed-in page (the staff and partner panels). */
export function signInLabels(t: (key: UiKey) => string) {
  return { signedInAs: t('signin.as'), signOut: t('signin.out'), signInHelp: t('signin.help') };
}

/** Validates a UI table against the Spanish reference (exported for tests). */
export const validateUiTable = load;
