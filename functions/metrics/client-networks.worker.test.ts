// Issue 29: the per-client limits key IPv6 by /64 (and a looser line by /48), so rotating addresses inside
// one's own block changes nothing. As in public-limits.test.ts, a test fills the shared limiter's minute
// for the key through its binding, then sends events until the isolate's free allowance runs out.
import { describe, expect, it } from 'vitest';
import { call, testEnv } from '../../tests/support/helpers.ts';
import { clientKey, siteKey } from '../shared/client-network.ts';

/** Uses up the shared limiter's minute for `key`; near the end of a minute, first waits for the next one. */
async function fill(limiter: RateLimit | undefined, key: string): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 5_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
  if (!limiter) throw new Error('wrangler.toml should bind the limiter');
  for (let i = 0; i < 5_000 && (await limiter.limit({ key })).success; i++);
}

/** Posts one page view from `address`; the status and Retry-After. */
async function post(address: string): Promise<[number, string | null]> {
  const response = await call('/api/v1/events', {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'user-agent': 'Mozilla/5.0 Firefox/130.0', 'cf-connecting-ip': address },
    body: JSON.stringify({ name: 'pageview', url: 'https://voto.test/es/' }),
  });
  await response.arrayBuffer();
  return [response.status, response.headers.get('retry-after')];
}

describe('the per-client limit on events', () => {
  it('limits a client rotating addresses inside its /64 as one client, and leaves its neighbours alone', async () => {
    await fill(testEnv.CLIENT_EVENTS_LIMITER, clientKey('2001:db8:100:1::1'));
    const rotating = [];
    for (let i = 0; i < 100; i++)
      rotating.push(await post(`2001:db8:100:1:${i.toString(16)}:${(i * 7).toString(16)}::9`));
    const limited = rotating.filter(([status]) => status === 429);
    // At most the isolate's free allowance (30 a minute) gets through.
    expect(limited.length).toBeGreaterThanOrEqual(70);
    expect(new Set(limited.map(([, retry]) => retry))).toEqual(new Set(['60']));
    expect(rotating.filter(([status]) => status !== 429 && status !== 202)).toEqual([]);
    // The next /64 of the same /48 is another client.
    expect((await post('2001:db8:100:2::1'))[0]).toBe(202);
  });

  it('limits a site rotating /64s inside its /48 by the looser line', async () => {
    await fill(testEnv.NETWORK_LIMITER, `events:${siteKey('2001:db8:200::1')}`);
    const rotating = [];
    for (let i = 0; i < 100; i++) rotating.push((await post(`2001:db8:200:${i.toString(16)}::1`))[0]);
    expect(rotating.filter((status) => status === 429).length).toBeGreaterThanOrEqual(40);
    expect((await post('2001:db8:201::1'))[0]).toBe(202);
  });
});
