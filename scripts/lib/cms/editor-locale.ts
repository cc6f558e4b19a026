// The editor's interface language: Spanish for the staff by default, English when someone chooses it.

/** The interface languages the editor offers (Decap's own phrase tables, both in its bundle). */
export const EDITOR_LOCALES = ['es', 'en'] as const;
/** One interface language. */
export type EditorLocale = (typeof EDITOR_LOCALES)[number];
/** The language the editor opens in when nobody chose one. */
export const DEFAULT_EDITOR_LOCALE: EditorLocale = 'es';
/** Where the browser remembers the choice, so it survives a reload. */
export const EDITOR_LOCALE_KEY = 'vx-editor-locale';

const isLocale = (value: string | null): value is EditorLocale =>
  (EDITOR_LOCALES as readonly (string | null)[]).includes(value);

/** The language asked for in the address (`?lang=en`), else the one remembered, else Spanish. */
export function chooseEditorLocale(search: string, remembered: string | null): EditorLocale {
  const asked = new URLSearchParams(search).get('lang');
  if (isLocale(asked)) return asked;
  return isLocale(remembered) ? remembered : DEFAULT_EDITOR_LOCALE;
}

/** A part of Decap's phrase table: nested groups down to the phrases. */
export interface PhraseTree {
  [key: string]: string | PhraseTree;
}

// Decap's "new entry" button starts with U+FF0B (fullwidth plus), which fonts without CJK coverage (Linux desktops
// without them, the test Chromium) draw as a missing-glyph box: the ASCII plus reads the same everywhere.
const NEW_BUTTON = { collection: { collectionTop: { newButton: '+ %{collectionLabel}' } } };
// A missing field reads as content:check says it (the labels are the field names).
const REQUIRED = {
  editor: { editorControlPane: { widget: { required: "'%{fieldLabel}' is required. Fix the front matter." } } },
};

/**
 * What we change in Decap's tables: the glyph and message above in both languages, and in Spanish the phrases of
 * the editing screen its Spanish table lacks (Decap shows those in English otherwise).
 */
export const PHRASE_OVERRIDES: Record<EditorLocale, PhraseTree[]> = {
  en: [NEW_BUTTON, REQUIRED],
  es: [
    NEW_BUTTON,
    REQUIRED,
    {
      collection: {
        sidebar: { allCollections: 'Todas las colecciones', searchIn: 'Buscar en' },
        collectionTop: { filterBy: 'Filtrar por', groupBy: 'Agrupar por' },
      },
      editor: {
        editorControlPane: {
          i18n: {
            writingInLocale: 'Escribiendo en %{locale}',
            copyFromLocale: 'Copiar de otro idioma',
            copyFromLocaleConfirm: '¿Quieres copiar el contenido en %{locale}?',
          },
        },
        editorInterface: {
          toggleI18n: 'Mostrar u ocultar el otro idioma',
          togglePreview: 'Mostrar u ocultar la vista previa',
          toggleScrollSync: 'Sincronizar el desplazamiento',
        },
      },
    },
  ],
};

/** Copies `overrides` into `phrases`, group by group (Decap's tables are plain nested objects). */
export function applyPhrases(phrases: PhraseTree, overrides: PhraseTree): PhraseTree {
  for (const [key, value] of Object.entries(overrides)) {
    const current = phrases[key];
    phrases[key] = typeof value === 'string' ? value : applyPhrases(typeof current === 'object' ? current : {}, value);
  }
  return phrases;
}

/** The label of the link that switches to the other language, written in that language. */
export const SWITCH_LABEL: Record<EditorLocale, string> = { es: 'Español', en: 'English' };
