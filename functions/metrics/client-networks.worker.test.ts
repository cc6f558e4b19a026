// Issue 29: the per-client limits key IPv6 by /64 (and a looser line by /48), so rotating addresses inside
// one's own block changes nothing. The shared limiters are injected (each refusing one key, the client's or the
// site's) and the clock set, so the counts are exact: the isolate's free allowance passes, the rest is refused.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { queuedBy } from '../../tests/support/metrics-helpers.ts';
import { clientKey, siteKey } from '../shared/client-network.ts';

/** A shared limiter that refuses `refused` and lets every other key through. */
const refusing = (refused: string): RateLimit => ({ limit: async ({ key }) => ({ success: key !== refused }) });
const passing: RateLimit = { limit: async () => ({ success: true }) };

/** One page view from `address`. */
const pageview = (address: string) =>
  new Request('https://voto.test/api/v1/events', {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'user-agent': 'Mozilla/5.0 Firefox/130.0', 'cf-connecting-ip': address },
    body: JSON.stringify({ name: 'pageview', url: 'https://voto.test/es/' }),
  });

/** Posts from each address in turn with the given limiters; each answer's status and Retry-After. */
async function post(addresses: string[], limiters: Record<string, RateLimit>): Promise<[number, string | null][]> {
  const { responses } = await queuedBy(addresses.map(pageview), { EVENTS_LIMITER: passing, ...limiters });
  return responses.map((r) => [r.status, r.headers.get('retry-after')]);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the per-client limit on events', () => {
  it('limits a client rotating addresses inside its /64 as one client, and leaves its neighbours alone', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-02-01T08:00:00Z'));
    const limiters = { CLIENT_EVENTS_LIMITER: refusing(clientKey('2001:db8:100:1::1')), NETWORK_LIMITER: passing };
    const rotating = Array.from(
      { length: 100 },
      (_, i) => `2001:db8:100:1:${i.toString(16)}:${(i * 7).toString(16)}::9`,
    );
    // The isolate's free allowance (30 a minute) passes; past it, the shared limiter refuses the /64.
    expect(await post(rotating, limiters)).toEqual([
      ...Array.from({ length: 30 }, () => [202, null]),
      ...Array.from({ length: 70 }, () => [429, '60']),
    ]);
    // The next /64 of the same /48 is another client.
    expect(await post(['2001:db8:100:2::1'], limiters)).toEqual([[202, null]]);
  });

  it('limits a site rotating /64s inside its /48 by the looser line', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-02-01T09:00:00Z'));
    const limiters = {
      CLIENT_EVENTS_LIMITER: passing,
      NETWORK_LIMITER: refusing(`events:${siteKey('2001:db8:200::1')}`),
    };
    const rotating = Array.from({ length: 100 }, (_, i) => `2001:db8:200:${i.toString(16)}::1`);
    // Each /64 is a new client, but the /48 gets 60 a minute from the isolate before the shared line refuses it.
    expect((await post(rotating, limiters)).map(([status]) => status)).toEqual([
      ...Array.from({ length: 60 }, () => 202),
      ...Array.from({ length: 40 }, () => 429),
    ]);
    expect(await post(['2001:db8:201::1'], limiters)).toEqual([[202, null]]);
  });
});
