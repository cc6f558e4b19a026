import { describe, expect, it } from 'vitest';
import { botReason } from './bots.ts';
import { eventSchema, reduceEvent, safePath, safeText } from './event.ts';

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
    );
    for (const value of [...path.counts.flat(), ...path.scopes]) expect(value).not.toMatch(/[<>"' ]/);
    const download = reduceEvent(event({ name: 'download', props: { asset: '<b>banner</b>.png' } }), 'MX');
    expect(download.counts.at(-1)).toEqual(['download', 'b-banner-b-.png']);
    const search = reduceEvent(event({ name: 'search', props: { query: 'credencial <script>', results: 0 } }), 'MX');
    expect(search.counts.at(-1)).toEqual(['search_empty', 'credencial script']);
    expect(safePath(new URL('https://x.test/a b/%22q%22'))).toBe('/a%20b/%22q%22');
    expect(safeText('  Hola\u0000 MUNDO!! ')).toBe('hola mundo');
  });

  it('names the embedding site of an embed view and keeps unknown countries apart', () => {
    const reduced = reduceEvent(
      event({ name: 'embed_view', url: 'https://voto.test/embed/registrations', referrer: 'https://ieem.org.mx/' }),
      '??',
    );
    expect(reduced.counts).toContainEqual(['embed', 'ieem.org.mx']);
    expect(reduced.counts).toContainEqual(['country', 'XX']);
    expect(reduced.scopes).toEqual([]);
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
