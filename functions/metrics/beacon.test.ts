// The metrics beacon (public/t.js) run against a minimal browser: what it sends for each behaviour it keeps.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

const SOURCE = readFileSync(new URL('../../public/t.js', import.meta.url), 'utf8');

interface Sent {
  url: string;
  body: { name: string; url: string; referrer: string | null; props?: Record<string, unknown> };
}

/** Runs the beacon on a page at `href`; returns what it sent and handles to act as the reader. */
function page(href: string, { gpc = false, embed = false, notFound = false, beacon = true } = {}) {
  const sent: Sent[] = [];
  const listeners: Record<string, ((event: unknown) => void)[]> = {};
  const on = (type: string, listener: (event: unknown) => void) => {
    listeners[type] = [...(listeners[type] ?? []), listener];
  };
  const location = { href };
  const record = (url: unknown, body: string) => sent.push({ url: String(url), body: JSON.parse(body) });
  const history = {
    pushState(_state: unknown, _title: string, url: string) {
      location.href = new URL(url, location.href).href;
    },
    replaceState(_state: unknown, _title: string, url: string) {
      location.href = new URL(url, location.href).href;
    },
  };
  const script = { src: 'https://voto.test/t.js', hasAttribute: (name: string) => embed && name === 'data-embed' };
  const document = {
    currentScript: script,
    referrer: 'https://news.example/story',
    querySelector: (selector: string) => (notFound && selector === '[data-not-found]' ? {} : null),
    addEventListener: on,
  };
  const navigator = {
    globalPrivacyControl: gpc,
    ...(beacon ? { sendBeacon: (url: unknown, body: string) => record(url, body) > 0 } : {}),
  };
  const fetch = async (url: unknown, init: { body: string; method: string; keepalive: boolean }) => {
    expect(init).toMatchObject({ method: 'POST', keepalive: true });
    record(url, init.body);
  };
  // An embed sends its view in a task after its frame's load event: both are the test's to trigger.
  const later: (() => void)[] = [];
  const context: { onload?: () => void } & Record<string, unknown> = {
    ...{ navigator, document, location, history, fetch, URL, JSON, addEventListener: on },
    setTimeout: (callback: () => void) => later.push(callback),
  };
  runInNewContext(SOURCE, context);
  const load = () => {
    context.onload?.();
    for (const callback of later.splice(0)) callback();
  };
  const click = (element: {
    dataset?: Record<string, string>;
    attributes?: string[];
    hostname?: string;
    pathname?: string;
  }) => {
    const target = {
      closest: () => ({
        dataset: {},
        hostname: '',
        pathname: '/',
        ...element,
        hasAttribute: (n: string) => (element.attributes ?? []).includes(n),
      }),
    };
    for (const listener of listeners.click ?? []) listener({ target });
  };
  return { sent, history, click, listeners, load };
}

describe('the metrics beacon', () => {
  it('sends nothing at all under Global Privacy Control', () => {
    const { sent, click, history } = page('https://voto.test/es/', { gpc: true });
    click({ dataset: { track: 'register' } });
    history.pushState({}, '', '/es/guias/');
    expect(sent).toEqual([]);
  });

  it('sends a page view to the events API with the page and its referrer, and one per client-side navigation', () => {
    const { sent, history } = page('https://voto.test/es/?utm_campaign=x');
    history.pushState({}, '', '/es/guias/');
    history.replaceState({}, '', '/es/guias/');
    expect(sent.map((s) => [s.url, s.body.name, s.body.url])).toEqual([
      ['https://voto.test/api/v1/events', 'pageview', 'https://voto.test/es/?utm_campaign=x'],
      ['https://voto.test/api/v1/events', 'pageview', 'https://voto.test/es/guias/'],
    ]);
    expect(sent[0]?.body.referrer).toBe('https://news.example/story');
  });

  it('names embeds and missing pages, and falls back to fetch without sendBeacon', () => {
    const embed = page('https://voto.test/embed/registrations', { embed: true });
    // Not while the frame loads (a page of 30 embeds loads them first), then once.
    expect(embed.sent).toEqual([]);
    embed.load();
    expect(embed.sent.map((s) => s.body.name)).toEqual(['embed_view']);
    expect(page('https://voto.test/es/nada/', { notFound: true, beacon: false }).sent[0]?.body.name).toBe('not_found');
  });

  it('counts outbound register clicks, downloads, shares and language switches', () => {
    const { sent, click } = page('https://voto.test/es/');
    click({ dataset: { track: 'register' }, hostname: 'votoextranjero.ine.mx' });
    click({ attributes: ['download'], pathname: '/materiales/cartel.pdf' });
    click({ dataset: { download: 'pel-2020-2021-estados.csv' } });
    click({ dataset: { share: 'whatsapp' } });
    click({ dataset: { languageSwitch: 'en' } });
    click({});
    expect(sent.slice(1).map((s) => [s.body.name, s.body.props])).toEqual([
      ['cta_click', { to: 'votoextranjero.ine.mx' }],
      ['download', { asset: 'cartel.pdf' }],
      ['download', { asset: 'pel-2020-2021-estados.csv' }],
      ['share', { network: 'whatsapp' }],
      ['language_switch', { to: 'en' }],
    ]);
  });

  it('passes on the site search event', () => {
    const { sent, listeners } = page('https://voto.test/es/');
    for (const listener of listeners['voto:search'] ?? []) listener({ detail: { query: 'curp', results: 0 } });
    expect(sent[1]?.body).toMatchObject({ name: 'search', props: { query: 'curp', results: 0 } });
  });
});
