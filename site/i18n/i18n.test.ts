import { describe, expect, it } from 'vitest';
import { isLang, LANGS, type Lang, pathInLang } from './locales.ts';
import en from './ui/en.json' with { type: 'json' };
import es from './ui/es.json' with { type: 'json' };
import { useTranslations, validateUiTable } from './ui.ts';

describe('locales', () => {
  it('maps a page to the same page in another language', () => {
    // "from, language, to": every path keeps its place; a localized section (verificar/verify) changes its name.
    const moves = [
      '/es/ en /en/',
      '/es/guias/credencial/ en /en/guias/credencial/',
      '/en/guias/ es /es/guias/',
      '/ en /en/',
      '/otra/ruta/ es /es/otra/ruta/',
      '/es/verificar/ en /en/verify/',
      '/en/verify/7K2QF-9XM4D/ es /es/verificar/7K2QF-9XM4D/',
      '/es/guias/verificar/ en /en/guias/verificar/',
    ];
    for (const move of moves) {
      const [from = '', lang, to] = move.split(' ');
      expect(pathInLang(from, lang as Lang), move).toBe(to);
    }
  });

  it('knows its languages', () => {
    expect(LANGS).toEqual(['es', 'en']);
    expect(isLang('es')).toBe(true);
    expect(isLang('fr')).toBe(false);
    expect(isLang('constructor')).toBe(false);
  });
});

describe('UI strings', () => {
  it('have the same keys in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(es).sort());
    expect(useTranslations('en')('home.title')).toBe('Vote from abroad');
  });

  it('name the file and the key when a translation is missing', () => {
    const { 'home.title': _dropped, ...incomplete } = en;
    expect(() => validateUiTable('en', incomplete)).toThrow(/site\/i18n\/ui\/en\.json.*home\.title/);
    expect(() => validateUiTable('en', { ...en, 'extra.key': 'x' })).toThrow(/extra\.key/);
    expect(() => validateUiTable('en', { ...en, 'home.title': '  ' })).toThrow(/home\.title/);
  });
});
