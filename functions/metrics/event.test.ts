import { describe, expect, it } from 'vitest';
import { botReason } from './bots.ts';
import { eventSchema, reduceEvent, safePath, safeText, storableSearch } from './event.ts';

// The site's pages as the build lists them: two guides and the home page.
const PAGES = new Set(['/es/', '/es/guias/credencial/', '/en/guias/credencial/']);
const pages = (path: string) => (PAGES.has(path) ? path : PAGES.has(`${path}/`) ? `${path}/` : null);

const event = (over: Record<string, unknown>) =>
  eventSchema.parse({ name: 'pageview', url: 'https://voto.test/es/', ...over });

describe('reduceEvent', () => {
  it('counts a campaign pageview with its page, language, referrer and referral code', () => {
    const reduced = reduceEvent(
      event({
        url: 'https://voto.test/es/guias/credencial/?utm_source=Facebook&utm_medium=social&utm_campaign=Registro 2024&ref=UNAM',
        referrer: 'https://www.facebook.com/x',
      }),
      'US',
      pages,
    );
    expect(reduced.counts).toEqual([
      ['event', 'pageview'],
      ['lang', 'es'],
      ['country', 'US'],
      ['page', '/es/guias/credencial/'],
      ['campaign', 'facebook|social|registro-2024'],
      ['referrer', 'www.facebook.com'],
      ['ref', 'UNAM'],
    ]);
    expect(reduced.scopes).toEqual(['site', 'lang:es', 'page:/es/guias/credencial/', 'ref:UNAM']);
  });

  it('never keeps script or markup from paths, referrers, assets or searches', () => {
    const path = reduceEvent(
      event({ url: 'https://voto.test/es/<script>alert(1)</script>', referrer: 'https://evil.example/"><img src=x>' }),
      'MX',
      pages,
    );
    for (const value of [...path.counts.flat(), ...path.scopes]) expect(value).not.toMatch(/[<>"' ]/);
    const download = reduceEvent(event({ name: 'download', props: { asset: '<b>banner</b>.png' } }), 'MX', pages);
    expect(download.counts.at(-1)).toEqual(['download', 'b-banner-b-.png']);
    const search = reduceEvent(
      event({ name: 'search', props: { query: 'credencial <script>', results: 0 } }),
      'MX',
      pages,
    );
    expect(search.counts.at(-1)).toEqual(['search_empty', 'credencial script']);
    expect(safePath(new URL('https://x.test/a b/%22q%22'))).toBe('/a%20b/%22q%22');
    expect(safeText('  Hola\u0000 MUNDO!! ')).toBe('hola mundo');
  });

  it('names the embedding site of an embed view and keeps unknown countries apart', () => {
    const reduced = reduceEvent(
      event({ name: 'embed_view', url: 'https://voto.test/embed/registrations', referrer: 'https://ieem.org.mx/' }),
      '??',
      pages,
    );
    expect(reduced.counts).toContainEqual(['embed', 'ieem.org.mx']);
    expect(reduced.counts).toContainEqual(['country', 'XX']);
    expect(reduced.scopes).toEqual([]);
  });

  it('counts a path that is not a page of the site as (other), in the page, its scope and the register click', () => {
    const stray = reduceEvent(event({ url: 'https://voto.test/es/x-12345/' }), 'US', pages);
    expect(stray.counts).toContainEqual(['page', '(other)']);
    expect(stray.counts).toContainEqual(['lang', 'es']);
    expect(stray.scopes).toContain('page:(other)');
    const click = reduceEvent(event({ name: 'cta_click', url: 'https://voto.test/es/nope' }), 'US', pages);
    expect(click.counts).toContainEqual(['register', '(other)']);
    // A page sent without its trailing slash is the same page.
    const guide = reduceEvent(event({ url: 'https://voto.test/en/guias/credencial' }), 'US', pages);
    expect(guide.counts).toContainEqual(['page', '/en/guias/credencial/']);
  });

  it('keeps share networks and language switches to known values', () => {
    const share = (network: string) =>
      reduceEvent(event({ name: 'share', props: { network } }), 'US', pages).counts.at(-1);
    expect(share('WhatsApp')).toEqual(['share', 'whatsapp']);
    expect(share('n-1234-attack')).toEqual(['share', 'other']);
    const to = (lang: string) =>
      reduceEvent(event({ name: 'language_switch', props: { to: lang } }), 'US', pages).counts.at(-1);
    expect(to('en')).toEqual(['language_switch', 'es>en']);
    expect(to('zz999')).toEqual(['language_switch', 'es>other']);
  });
});

describe('storableSearch', () => {
  it('never keeps a run of three digits, an @ or five digits in all', () => {
    for (const query of [
      'GODE561231HDFRRN09',
      'maria@example.com',
      'maria＠example',
      '55 1234 5678',
      '55 12 34 56 78',
      'folio 123',
      '١٢٣',
    ]) {
      expect(storableSearch(query), query).toBeNull();
    }
    expect(storableSearch('Credencial 2024?')).toBeNull();
    expect(storableSearch('voto en 24 horas')).toBe('voto en 24 horas');
    expect(storableSearch('  Credencial  PARA votar ')).toBe('credencial para votar');
    expect(storableSearch('')).toBe('(empty)');
  });

  it('counts a withheld term as (other) and a kept one with the visitor scope that thresholds it', () => {
    const withheld = reduceEvent(event({ name: 'search', props: { query: 'juan@x.mx', results: 0 } }), 'US', pages);
    expect(withheld.counts.at(-1)).toEqual(['search_empty', '(other)']);
    expect(withheld.scopes).toEqual([]);
    const kept = reduceEvent(event({ name: 'search', props: { query: 'matricula', results: 0 } }), 'US', pages);
    expect(kept.counts.at(-1)).toEqual(['search_empty', 'matricula']);
    expect(kept.scopes).toEqual(['search:matricula']);
  });
});

describe('botReason', () => {
  it.each([
    [undefined, 'no_user_agent'],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36',
      'headless',
    ],
    ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'bot'],
    ['curl/8.4.0', 'bot'],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
      null,
    ],
  ])('%s → %s', (ua, reason) => {
    expect(botReason(ua)).toBe(reason);
  });
});
