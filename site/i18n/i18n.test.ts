import { describe, expect, it } from 'vitest';
import { isLang, LANGS, pathInLang } from './locales.ts';
import en from './ui/en.json' with { type: 'json' };
import es from './ui/es.json' with { type: 'json' };
import { useTranslations, validateUiTable } from './ui.ts';

describe('locales', () => {
  it('maps a page to the same page in another language', () => {
    expect(pathInLang('/es/', 'en')).toBe('/en/');
    expect(pathInLang('/es/guias/credencial/', 'en')).toBe('/en/guias/credencial/');
    expect(pathInLang('/en/guias/', 'es')).toBe('/es/guias/');
    expect(pathInLang('/', 'en')).toBe('/en/');
    expect(pathInLang('/otra/ruta/', 'es')).toBe('/es/otra/ruta/');
    expect(pathInLang('/es/verificar/', 'en')).toBe('/en/verify/');
    expect(pathInLang('/en/verify/7K2QF-9XM4D/', 'es')).toBe('/es/verificar/7K2QF-9XM4D/');
    expect(pathInLang('/es/guias/verificar/', 'en')).toBe('/en/guias/verificar/');
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
