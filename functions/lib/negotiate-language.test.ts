import { describe, expect, it } from 'vitest';
import { negotiateLanguage } from './negotiate-language.ts';

const pick = (header: string | null) => negotiateLanguage(header, ['es', 'en'] as const, 'es');

describe('negotiateLanguage', () => {
  it.each([
    [null, 'es'],
    ['', 'es'],
    ['en', 'en'],
    ['EN-us', 'en'],
    ['es-MX,es;q=0.9,en-US;q=0.8', 'es'],
    ['en-US,en;q=0.9,es;q=0.8', 'en'],
    ['fr-CA,fr;q=0.9,en;q=0.3,es;q=0.2', 'en'],
    ['es;q=0.2,en;q=0.8', 'en'],
    ['en;q=0, es;q=0.1', 'es'],
    ['de', 'es'],
    ['*', 'es'],
    ['en;q=abc,es;q=2', 'es'],
    [';;;,,,q=', 'es'],
  ])('%j → %s', (header, expected) => {
    expect(pick(header)).toBe(expected);
  });

  it('keeps header order between equal weights', () => {
    expect(pick('en, es')).toBe('en');
    expect(pick('es, en')).toBe('es');
  });
});
