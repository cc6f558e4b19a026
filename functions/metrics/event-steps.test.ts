import { describe, expect, it } from 'vitest';
import type { EventMessage, PackedEvents } from './event.ts';
import { admitEvent, type EventSender, enqueueEvent, normaliseEvent, validateEvent } from './event-steps.ts';

const UA = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0';
const page = { name: 'pageview', url: 'https://voto.test/es/?utm_campaign=tel5512345678', referrer: null };
const sender = (over: Partial<EventSender> = {}): EventSender => ({
  address: '203.0.113.9',
  userAgent: UA,
  gpc: false,
  host: 'voto.test',
  ...over,
});
// A shared limiter that refuses every key after `allow` calls, and records the keys it was asked about.
const limiter = (allow: number) => {
  const keys: string[] = [];
  return {
    keys,
    limit: async ({ key }: { key: string }) => {
      keys.push(key);
      return { success: keys.length <= allow };
    },
  };
};
const none = { client: undefined, network: undefined, browser: undefined };
const status = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { status?: number; code?: string }).code;
  }
  return 'ok';
};

describe('validate', () => {
  it('takes an event of a page of this site or of SITE_HOSTS', () => {
    expect(validateEvent(page, 'voto.test', undefined).page.pathname).toBe('/es/');
    expect(
      validateEvent({ ...page, url: 'https://votoextranjero.mx/en/' }, 'w.dev', 'a.mx, votoextranjero.mx').page
        .hostname,
    ).toBe('votoextranjero.mx');
  });

  it('answers 400 for another site, a bad name, a non-http URL or a non-object', () => {
    expect(status(() => validateEvent(page, 'other.test', ''))).toBe('bad_request');
    expect(status(() => validateEvent({ ...page, name: 'purchase' }, 'voto.test', undefined))).toBe('bad_request');
    expect(status(() => validateEvent({ ...page, url: 'javascript:alert(1)' }, 'voto.test', undefined))).toBe(
      'bad_request',
    );
    expect(status(() => validateEvent([], 'voto.test', undefined))).toBe('bad_request');
  });
});

describe('normalise', () => {
  it('reduces an event to stored keys, personal data masked', () => {
    const normal = normaliseEvent(validateEvent(page, 'voto.test', undefined), 'MX', (path) => path);
    expect(normal.counts).toContainEqual(['page', '/es/']);
    expect(normal.counts).toContainEqual(['campaign', '||(private)']);
    expect(normal.scopes).toContain('site');
  });
});

describe('admit', () => {
  it('admits a browser and refuses nothing without shared limiters', async () => {
    expect(await admitEvent(sender(), none, 'salt')).toBe(true);
  });

  it('answers Global Privacy Control and bots without counting them', async () => {
    expect(await admitEvent(sender({ gpc: true }), none, 'salt')).toBe(false);
    expect(
      await admitEvent(sender({ userAgent: 'Googlebot/2.1 (+http://www.google.com/bot.html)' }), none, 'salt'),
    ).toBe(false);
  });

  it('limits the client before it looks at Sec-GPC or the user agent', async () => {
    const client = limiter(0);
    const gpc = sender({ address: '198.51.100.44', gpc: true });
    const answers: string[] = [];
    for (let i = 0; i < 40; i++) {
      answers.push(await admitEvent(gpc, { ...none, client }, 'salt').then(String, (e) => String(e.code)));
    }
    expect(answers.filter((a) => a === 'rate_limited').length).toBeGreaterThan(0);
    expect(client.keys.every((key) => key === '198.51.100.44')).toBe(true);
  });

  it('asks the shared browser limiter only with a salted hash, never the address or user agent', async () => {
    const browser = limiter(0);
    const one = sender({ address: '192.0.2.77' });
    let refused = 0;
    for (let i = 0; i < 20; i++) await admitEvent(one, { ...none, browser }, 'salt').catch(() => refused++);
    expect(refused).toBe(browser.keys.length);
    expect(refused).toBeGreaterThan(0);
    for (const key of browser.keys) {
      expect(key).toMatch(/^[0-9a-f]{24}$/);
      expect(key).not.toContain('192.0.2.77');
    }
  });
});

describe('enqueue', () => {
  it('queues the counts with a hashed visitor and network, nothing else of the sender', async () => {
    const sent: EventMessage[][] = [];
    const queue = {
      send: async (pack: PackedEvents) => {
        sent.push(pack.events);
      },
    } as unknown as Queue<PackedEvents>;
    const waits: Promise<unknown>[] = [];
    const normal = { counts: [['event', 'pageview']] as [string, string][], scopes: ['site'] };
    const times = { day: '2040-01-01', hour: '2040-01-01T10', minute: '2040-01-01T10:05' };
    const message = await enqueueEvent(queue, normal, sender(), { salt: 'salt', times }, (p) => waits.push(p));
    await Promise.all(waits);
    expect(sent.flat()).toEqual([message]);
    expect(message).toMatchObject({ ...times, ...normal });
    expect(message.visitor).toMatch(/^[0-9a-f]{24}$/);
    expect(message.network).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(message)).not.toContain('203.0.113');
    const anonymous = await enqueueEvent(queue, normal, sender({ address: undefined }), { salt: 'salt', times }, (p) =>
      waits.push(p),
    );
    expect(anonymous.network).toBeUndefined();
  });
});
