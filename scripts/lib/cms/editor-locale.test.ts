import { describe, expect, it } from 'vitest';
import { applyPhrases, chooseEditorLocale, PHRASE_OVERRIDES } from './editor-locale.ts';

describe("the editor's language", () => {
  it('is Spanish unless English is asked for in the address or was chosen before', () => {
    expect(chooseEditorLocale('', null)).toBe('es');
    expect(chooseEditorLocale('?lang=en', null)).toBe('en');
    expect(chooseEditorLocale('', 'en')).toBe('en');
    expect(chooseEditorLocale('?lang=es', 'en')).toBe('es');
    expect(chooseEditorLocale('?lang=fr', 'xx')).toBe('es');
  });

  it('replaces the fullwidth plus of the new-entry button and keeps the phrases it does not name', () => {
    // The shape of Decap's Spanish table, cut down to the groups touched.
    const table = {
      collection: { collectionTop: { newButton: '\uFF0B %{collectionLabel}', sortBy: 'Ordenar por' } },
      editor: { editorControlPane: { widget: { required: 'Se requiere %{fieldLabel}.' } } },
    };
    for (const overrides of PHRASE_OVERRIDES.es) applyPhrases(table, overrides);
    expect(table.collection.collectionTop).toMatchObject({ newButton: '+ %{collectionLabel}', sortBy: 'Ordenar por' });
    expect(JSON.stringify(table)).not.toContain('\uFF0B');
    expect(table.editor.editorControlPane.widget.required).toBe("'%{fieldLabel}' is required. Fix the front matter.");
    expect(table).toMatchObject({
      editor: { editorControlPane: { i18n: { writingInLocale: 'Escribiendo en %{locale}' } } },
    });
  });
});
