// What one event adds to the rollups, field by field, for every event name: the expected counts and scopes are
// written out by hand. (event.test.ts covers campaigns, markup and searches as a whole.)
import { describe, expect, it } from 'vitest';
import {
  eventSchema,
  eventTimes,
  type IncomingEvent,
  reduceEvent,
  safePath,
  safeText,
  storableSearch,
} from './event.ts';

const PAGES = new Set(['/es/', '/en/', '/es/guias/', '/materiales/cartel.pdf']);
const pages = (path: string) => (PAGES.has(path) ? path : null);
const reduce = (event: Partial<IncomingEvent> & { url: string }, country = 'US') =>
  reduceEvent({ name: 'pageview', ...event } as IncomingEvent, country, pages);
const base = (lang: string, country = 'US') => [
  ['lang', lang],
  ['country', country],
];

describe('the event schema', () => {
  it('takes http and https page URLs only', () => {
    const ok = (url: string) => eventSchema.safeParse({ name: 'pageview', url }).success;
    expect(['https://voto.test/es/', 'http://voto.test/es/'].map(ok)).toEqual([true, true]);
    expect(['ftp://voto.test/es/', 'javascript:alert(1)', 'not a url', ''].map(ok)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('files an event under its UTC day, hour and minute', () => {
    expect(eventTimes(new Date('2030-01-15T10:42:31.500Z'))).toEqual({
      day: '2030-01-15',
      hour: '2030-01-15T10',
      minute: '2030-01-15T10:42',
    });
  });
});

describe('a page view', () => {
  it('counts its page, language and country, and nothing else without campaign, referrer or code', () => {
    expect(reduce({ url: 'https://voto.test/es/' })).toEqual({
      counts: [['event', 'pageview'], ...base('es'), ['page', '/es/']],
      scopes: ['site', 'lang:es', 'page:/es/'],
    });
  });

  it('reads the language from the first segment only, with or without its slash', () => {
    expect(reduce({ url: 'https://voto.test/en' }).counts[1]).toEqual(['lang', 'en']);
    expect(reduce({ url: 'https://voto.test/esx/' }).counts[1]).toEqual(['lang', 'other']);
    expect(reduce({ url: 'https://voto.test/fr/es/' }).counts[1]).toEqual(['lang', 'other']);
  });

  it('keeps a two-letter country code and files anything else as XX', () => {
    expect(reduce({ url: 'https://voto.test/es/' }, 'CA').counts[2]).toEqual(['country', 'CA']);
    for (const country of ['USA', 'xUS', 'us', 'U'])
      expect(reduce({ url: 'https://voto.test/es/' }, country).counts[2], country).toEqual(['country', 'XX']);
  });

  it('counts a campaign with any one of its three values, lower-cased and trimmed of dashes', () => {
    expect(reduce({ url: 'https://voto.test/es/?utm_medium=Email' }).counts).toContainEqual(['campaign', '|email|']);
    expect(reduce({ url: 'https://voto.test/es/?utm_source=--Face%20Book--' }).counts).toContainEqual([
      'campaign',
      'face-book||',
    ]);
  });

  it('counts an outside referrer by host, never its own site', () => {
    expect(reduce({ url: 'https://voto.test/es/', referrer: 'https://t.co/abc' }).counts).toContainEqual([
      'referrer',
      't.co',
    ]);
    const own = reduce({ url: 'https://voto.test/es/', referrer: 'https://voto.test/en/' });
    expect(own.counts.filter(([d]) => d === 'referrer')).toEqual([]);
    expect(reduce({ url: 'https://voto.test/es/', referrer: '' }).counts).toHaveLength(4);
  });

  it('counts a referral code only when it is a plain code without personal data', () => {
    expect(reduce({ url: 'https://voto.test/es/?ref=CLUB_MX-1' })).toMatchObject({
      counts: expect.arrayContaining([['ref', 'CLUB_MX-1']]),
      scopes: ['site', 'lang:es', 'page:/es/', 'ref:CLUB_MX-1'],
    });
    for (const ref of ['CLUB$', '$CLUB', '5512345678', 'x'.repeat(33)]) {
      const { counts, scopes } = reduce({ url: `https://voto.test/es/?ref=${encodeURIComponent(ref)}` });
      expect(
        counts.filter(([d]) => d === 'ref'),
        ref,
      ).toEqual([]);
      expect(scopes, ref).toEqual(['site', 'lang:es', 'page:/es/']);
    }
  });
});

describe('the other events', () => {
  const only = (event: Partial<IncomingEvent> & { url: string }) => reduce(event).counts.slice(3);

  it('count a download by its asset, else by the page it is, else as unknown', () => {
    expect(only({ name: 'download', url: 'https://voto.test/es/', props: { asset: 'Guia.PDF' } })).toEqual([
      ['download', 'guia.pdf'],
    ]);
    expect(only({ name: 'download', url: 'https://voto.test/materiales/cartel.pdf' })).toEqual([
      ['download', 'cartel.pdf'],
    ]);
    expect(only({ name: 'download', url: 'https://voto.test/es/' })).toEqual([['download', 'unknown']]);
  });

  it('count a search only when it found nothing', () => {
    expect(only({ name: 'search', url: 'https://voto.test/es/', props: { query: 'credencial', results: 0 } })).toEqual([
      ['search_empty', 'credencial'],
    ]);
    expect(only({ name: 'search', url: 'https://voto.test/es/', props: { query: 'credencial', results: 3 } })).toEqual(
      [],
    );
    expect(only({ name: 'search', url: 'https://voto.test/es/', props: { query: 'credencial' } })).toEqual([]);
  });

  it('count a language switch from the page language to es, en or other', () => {
    const to = (target: string, url = 'https://voto.test/es/') =>
      only({ name: 'language_switch', url, props: { to: target } });
    expect(to('en')).toEqual([['language_switch', 'es>en']]);
    expect(to('ES', 'https://voto.test/en/')).toEqual([['language_switch', 'en>es']]);
    expect(to('fr')).toEqual([['language_switch', 'es>other']]);
  });

  it('count an embed view by the embedding host, or as direct', () => {
    expect(only({ name: 'embed_view', url: 'https://voto.test/es/', referrer: 'https://ieem.org.mx/x' })).toEqual([
      ['embed', 'ieem.org.mx'],
    ]);
    expect(only({ name: 'embed_view', url: 'https://voto.test/es/' })).toEqual([['embed', 'direct']]);
  });

  it('count a missing path as sent, with the visitor scope that gates it', () => {
    expect(reduce({ name: 'not_found', url: 'https://voto.test/es/vieja/?x=1' })).toEqual({
      counts: [['event', 'not_found'], ...base('es'), ['not_found', '/es/vieja/']],
      scopes: ['missing:/es/vieja/'],
    });
  });
});

describe('stored text', () => {
  it('keeps a path to its safe characters and 200 of them', () => {
    expect(safePath(new URL('https://voto.test/es/a,b;c=d!e*f$g&h+i:j/'))).toBe('/es/abcdefghij/');
    expect(safePath(new URL(`https://voto.test/es/${'a'.repeat(300)}`))).toBe(`/es/${'a'.repeat(196)}`);
  });

  it('reduces a search to letters, digits and single spaces, composed', () => {
    expect(safeText('  Hola,mundo!!  ')).toBe('hola mundo');
    expect(safeText('cafe\u0301')).toBe('caf\u00e9');
  });

  it('never keeps five digits in all, however spaced; four are fine', () => {
    expect(storableSearch('a1 b2 c3 d4 e5')).toBeNull();
    expect(storableSearch('a1 b2 c3 d4')).toBe('a1 b2 c3 d4');
  });
});
